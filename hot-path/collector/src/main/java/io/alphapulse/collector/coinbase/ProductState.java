/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.book.OrderBook;

/**
 * What the Coinbase decoder keeps per product: its book and whether that book is in sync, the last trade published
 * (snapshots of recent trades repeat after a resubscribe) and whether the book is in a crossed episode. Created on
 * first sight of a product; mutated in place afterwards.
 */
final class ProductState
{
    private static final int INITIAL_BOOK_CAPACITY = 256;

    final Instrument instrument;
    final OrderBook book = new OrderBook(INITIAL_BOOK_CAPACITY);

    /**
     * The book holds a snapshot and every update since.
     */
    boolean synced;

    /**
     * A fresh snapshot was asked for (or a reconnect will bring one): its arrival is a {@code RESYNC_DONE}.
     */
    boolean resyncPending;

    /**
     * {@code CROSSED_BOOK} was published and the book has not uncrossed since.
     */
    boolean crossed;

    /**
     * Highest trade id published, or {@link Long#MIN_VALUE}.
     */
    long lastTradeId = Long.MIN_VALUE;

    ProductState(final Instrument instrument)
    {
        this.instrument = instrument;
    }
}
