/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.strategy.BookView;

/**
 * The L2 book of one instrument on one exchange (instrument ids are per exchange), as strategies see it: the
 * collectors' {@link OrderBook}, updated in place from the merged stream.
 */
public final class L2Book implements BookView
{
    private final int instrumentId;
    private final OrderBook book = new OrderBook(64);
    private long timeNs;
    boolean inSnapshot;

    /**
     * An empty book.
     *
     * @param instrumentId instrument.
     */
    public L2Book(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    void set(final BookSide side, final long price, final long quantity)
    {
        book.set(side, price, quantity);
    }

    void clear()
    {
        book.clear();
    }

    void timeNs(final long timeNs)
    {
        this.timeNs = timeNs;
    }

    /**
     * Quantity at a price on one side.
     *
     * @param bids   true for the bid side.
     * @param price  price mantissa.
     * @return quantity, 0 when no level.
     */
    public long quantityAt(final boolean bids, final long price)
    {
        return (bids ? book.bids() : book.asks()).quantityAt(price);
    }

    /**
     * {@inheritDoc}
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * {@inheritDoc}
     */
    public int bidDepth()
    {
        return book.bids().size();
    }

    /**
     * {@inheritDoc}
     */
    public int askDepth()
    {
        return book.asks().size();
    }

    /**
     * {@inheritDoc}
     */
    public long bidPrice(final int rank)
    {
        return book.bids().price(rank);
    }

    /**
     * {@inheritDoc}
     */
    public long bidQuantity(final int rank)
    {
        return book.bids().quantity(rank);
    }

    /**
     * {@inheritDoc}
     */
    public long askPrice(final int rank)
    {
        return book.asks().price(rank);
    }

    /**
     * {@inheritDoc}
     */
    public long askQuantity(final int rank)
    {
        return book.asks().quantity(rank);
    }

    /**
     * {@inheritDoc}
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * The bid or ask levels.
     *
     * @param bids true for bids.
     * @return levels.
     */
    PriceLevels levels(final boolean bids)
    {
        return bids ? book.bids() : book.asks();
    }
}
