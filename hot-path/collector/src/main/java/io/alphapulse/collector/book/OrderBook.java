/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.book;

import io.alphapulse.schemas.marketdata.BookSide;

/**
 * An L2 book of one instrument: bids and asks by price, at the instrument's scales.
 */
public final class OrderBook
{
    private final PriceLevels bids;
    private final PriceLevels asks;

    /**
     * An empty book.
     *
     * @param initialCapacity levels per side before the first growth.
     */
    public OrderBook(final int initialCapacity)
    {
        bids = new PriceLevels(true, initialCapacity);
        asks = new PriceLevels(false, initialCapacity);
    }

    /**
     * Set a level; quantity zero removes it.
     *
     * @param side     side.
     * @param price    price.
     * @param quantity quantity, or zero.
     */
    public void set(final BookSide side, final long price, final long quantity)
    {
        (BookSide.BID == side ? bids : asks).set(price, quantity);
    }

    /**
     * Bids, best first by rank.
     *
     * @return bids.
     */
    public PriceLevels bids()
    {
        return bids;
    }

    /**
     * Asks, best first by rank.
     *
     * @return asks.
     */
    public PriceLevels asks()
    {
        return asks;
    }

    /**
     * Empty both sides.
     */
    public void clear()
    {
        bids.clear();
        asks.clear();
    }

    /**
     * Whether the best bid is at or above the best ask: a book that cannot be right.
     *
     * @return true when crossed.
     */
    public boolean isCrossed()
    {
        return bids.size() > 0 && asks.size() > 0 && bids.price(0) >= asks.price(0);
    }
}
