/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.book;

import java.util.Arrays;

/**
 * One side of an order book: price levels kept sorted in two parallel {@code long} arrays, best price at the end, so
 * that the frequent changes near the top move few elements and nothing is allocated per update.
 * <pre>
 *   bids: index 0 .. size-1 = lowest .. highest (best)
 *   asks: index 0 .. size-1 = highest .. lowest (best)
 * </pre>
 */
public final class PriceLevels
{
    private final boolean bids;
    private long[] prices;
    private long[] quantities;
    private int size;

    /**
     * An empty side.
     *
     * @param bids            true for bids (best = highest), false for asks (best = lowest).
     * @param initialCapacity levels before the first growth.
     */
    public PriceLevels(final boolean bids, final int initialCapacity)
    {
        this.bids = bids;
        this.prices = new long[initialCapacity];
        this.quantities = new long[initialCapacity];
    }

    /**
     * Set a level's quantity; zero removes the level.
     *
     * @param price    price.
     * @param quantity new quantity, or zero.
     */
    public void set(final long price, final long quantity)
    {
        final int index = search(price);
        if (index >= 0)
        {
            if (0 == quantity)
            {
                System.arraycopy(prices, index + 1, prices, index, size - index - 1);
                System.arraycopy(quantities, index + 1, quantities, index, size - index - 1);
                size--;
            }
            else
            {
                quantities[index] = quantity;
            }
        }
        else if (0 != quantity)
        {
            final int insertAt = -index - 1;
            if (size == prices.length)
            {
                prices = Arrays.copyOf(prices, size * 2);
                quantities = Arrays.copyOf(quantities, size * 2);
            }
            System.arraycopy(prices, insertAt, prices, insertAt + 1, size - insertAt);
            System.arraycopy(quantities, insertAt, quantities, insertAt + 1, size - insertAt);
            prices[insertAt] = price;
            quantities[insertAt] = quantity;
            size++;
        }
    }

    /**
     * Keep only the best {@code depth} levels (Kraken sends no delete for levels that fall out of scope).
     *
     * @param depth levels to keep.
     */
    public void truncate(final int depth)
    {
        if (size > depth)
        {
            final int drop = size - depth;
            System.arraycopy(prices, drop, prices, 0, depth);
            System.arraycopy(quantities, drop, quantities, 0, depth);
            size = depth;
        }
    }

    /**
     * Remove every level.
     */
    public void clear()
    {
        size = 0;
    }

    /**
     * Number of levels.
     *
     * @return number of levels.
     */
    public int size()
    {
        return size;
    }

    /**
     * Price of the level at a rank, 0 being the best.
     *
     * @param rank 0 to size - 1.
     * @return price.
     */
    public long price(final int rank)
    {
        return prices[size - 1 - rank];
    }

    /**
     * Quantity of the level at a rank, 0 being the best.
     *
     * @param rank 0 to size - 1.
     * @return quantity.
     */
    public long quantity(final int rank)
    {
        return quantities[size - 1 - rank];
    }

    /**
     * Quantity at a price, or zero when there is no such level.
     *
     * @param price price.
     * @return quantity, or zero.
     */
    public long quantityAt(final long price)
    {
        final int index = search(price);
        return index >= 0 ? quantities[index] : 0;
    }

    /**
     * Whether this is the bid side.
     *
     * @return true for bids.
     */
    public boolean isBids()
    {
        return bids;
    }

    private int search(final long price)
    {
        // Arrays run worst to best: ascending prices for bids, descending for asks (searched on negated keys).
        int low = 0;
        int high = size - 1;
        final long key = bids ? price : -price;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midKey = bids ? prices[mid] : -prices[mid];
            if (midKey < key)
            {
                low = mid + 1;
            }
            else if (midKey > key)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }
}
