/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

/**
 * One side of a synthetic product's book: price levels best first (bids descending, offers ascending), prices in
 * ticks, sizes in units of 10^-8. A fixed capacity: the generator keeps the depth well below it. Allocation-free
 * after construction; not thread-safe.
 */
final class SyntheticLevels
{
    private final boolean bids;
    private final long[] prices;
    private final long[] sizes;
    private int count;

    /**
     * An empty side.
     *
     * @param bids     true for bids (best is highest), false for offers (best is lowest).
     * @param capacity most levels held.
     */
    SyntheticLevels(final boolean bids, final int capacity)
    {
        this.bids = bids;
        this.prices = new long[capacity];
        this.sizes = new long[capacity];
    }

    boolean isBids()
    {
        return bids;
    }

    int count()
    {
        return count;
    }

    boolean isFull()
    {
        return count == prices.length;
    }

    long price(final int rank)
    {
        return prices[rank];
    }

    long size(final int rank)
    {
        return sizes[rank];
    }

    long best()
    {
        return prices[0];
    }

    /**
     * Rank of a price.
     *
     * @param price in ticks.
     * @return its rank, or -1 when there is no level at that price.
     */
    int rankOf(final long price)
    {
        for (int i = 0; i < count; i++)
        {
            if (prices[i] == price)
            {
                return i;
            }
            if (isBehind(prices[i], price))
            {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Size at a price.
     *
     * @param price in ticks.
     * @return size, 0 when there is no level.
     */
    long sizeAt(final long price)
    {
        final int rank = rankOf(price);
        return rank < 0 ? 0 : sizes[rank];
    }

    /**
     * Set the size of an existing level.
     *
     * @param rank level.
     * @param size new size, positive.
     */
    void resize(final int rank, final long size)
    {
        sizes[rank] = size;
    }

    /**
     * Add a level at a price the side does not hold.
     *
     * @param price in ticks.
     * @param size  positive.
     */
    void insert(final long price, final long size)
    {
        int rank = count;
        while (rank > 0 && isBehind(prices[rank - 1], price))
        {
            rank--;
        }
        System.arraycopy(prices, rank, prices, rank + 1, count - rank);
        System.arraycopy(sizes, rank, sizes, rank + 1, count - rank);
        prices[rank] = price;
        sizes[rank] = size;
        count++;
    }

    /**
     * Remove a level.
     *
     * @param rank level.
     */
    void remove(final int rank)
    {
        System.arraycopy(prices, rank + 1, prices, rank, count - rank - 1);
        System.arraycopy(sizes, rank + 1, sizes, rank, count - rank - 1);
        count--;
    }

    // Whether price a lies behind (is worse than) price b on this side.
    private boolean isBehind(final long a, final long b)
    {
        return bids ? a < b : a > b;
    }
}
