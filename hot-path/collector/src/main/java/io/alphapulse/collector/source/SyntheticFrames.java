/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import org.agrona.ExpandableArrayBuffer;

/**
 * Makes frames shaped exactly like one exchange's: acks and snapshots on subscribe, then trades, book updates and
 * tickers with random-walk prices, realistic sizes and book churn, and REST snapshots where the exchange has them.
 * They go through the same decoder as live frames. Deterministic for a given seed.
 */
public interface SyntheticFrames
{
    /**
     * What {@link #next} generates: the demo uses {@link #MIXED}; benchmarks measure trades and book updates apart.
     * Every mix keeps the exchange's sequence rules intact (no gaps, valid checksums).
     */
    enum Mix
    {
        /**
         * Trades only (after the subscription acks).
         */
        TRADES,

        /**
         * Book updates only (after the acks and snapshots).
         */
        BOOK,

        /**
         * Trades, book updates and tickers in realistic proportions.
         */
        MIXED
    }

    /**
     * Frames the exchange sends right after the subscriptions: acks, then book snapshots.
     *
     * @param out   where to write frames.
     * @param nowNs ns since the epoch.
     */
    void onSubscribed(FrameSink out, long nowNs);

    /**
     * Write the next market-data frame.
     *
     * @param out   where to write it.
     * @param nowNs ns since the epoch.
     */
    void next(FrameSink out, long nowNs);

    /**
     * A REST depth snapshot of one symbol (Binance); others write nothing.
     *
     * @param venueSymbol symbol as the exchange spells it.
     * @param buffer      where to write the JSON body.
     * @return bytes written, 0 for none.
     */
    default int restSnapshot(final String venueSymbol, final ExpandableArrayBuffer buffer)
    {
        return 0;
    }

    /**
     * Receives generated frames.
     */
    @FunctionalInterface
    interface FrameSink
    {
        /**
         * One complete frame.
         *
         * @param buffer holding it.
         * @param length bytes from index 0.
         */
        void frame(ExpandableArrayBuffer buffer, int length);
    }
}
