/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.schemas.marketdata.BookSide;

import java.util.Arrays;

/**
 * Price levels gathered from one exchange frame before they are published: reused, grows as needed (a Coinbase
 * snapshot holds tens of thousands of levels), never shrinks.
 */
public final class LevelBuffer
{
    private long[] prices = new long[256];
    private long[] quantities = new long[256];
    private BookSide[] sides = new BookSide[256];
    private int count;

    /**
     * Forget all levels.
     */
    public void clear()
    {
        count = 0;
    }

    /**
     * Add a level.
     *
     * @param price    at the instrument's price scale.
     * @param quantity at the instrument's quantity scale; zero removes the level in an update.
     * @param side     side.
     */
    public void add(final long price, final long quantity, final BookSide side)
    {
        if (count == prices.length)
        {
            final int capacity = prices.length * 2;
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
            sides = Arrays.copyOf(sides, capacity);
        }
        prices[count] = price;
        quantities[count] = quantity;
        sides[count] = side;
        count++;
    }

    /**
     * Number of levels.
     *
     * @return number of levels.
     */
    public int count()
    {
        return count;
    }

    /**
     * Price of level i.
     *
     * @param i index.
     * @return price.
     */
    public long price(final int i)
    {
        return prices[i];
    }

    /**
     * Quantity of level i.
     *
     * @param i index.
     * @return quantity.
     */
    public long quantity(final int i)
    {
        return quantities[i];
    }

    /**
     * Side of level i.
     *
     * @param i index.
     * @return side.
     */
    public BookSide side(final int i)
    {
        return sides[i];
    }
}
