/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import java.util.Locale;

/**
 * Channels a client can subscribe to (protocol v1). Book and ticker carry a current value and are conflated for a
 * client that falls behind; trades, candles and status are a sequence of events and never conflated.
 */
public enum Channel
{
    /**
     * Every trade.
     */
    TRADES(false),

    /**
     * The top N levels of the L2 book, whole, after every change.
     */
    BOOK(true),

    /**
     * Best bid and offer.
     */
    TICKER(true),

    /**
     * The current one-minute candle after every trade, and each candle once more when it closes.
     */
    CANDLES(false),

    /**
     * Feed events (connected, gaps, resyncs, stale, ...) and the bridge's own (skipped messages, reconnects).
     */
    STATUS(false);

    private final boolean conflated;
    private final String wireName;

    Channel(final boolean conflated)
    {
        this.conflated = conflated;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a queued value is replaced by a newer one for the same instrument.
     *
     * @return true for book and ticker.
     */
    public boolean conflated()
    {
        return conflated;
    }

    /**
     * The name on the wire.
     *
     * @return e.g. {@code trades}.
     */
    public String wireName()
    {
        return wireName;
    }

    /**
     * The channel for a wire name.
     *
     * @param name e.g. {@code book}.
     * @return the channel, or null.
     */
    public static Channel fromWireName(final String name)
    {
        for (final Channel channel : values())
        {
            if (channel.wireName.equals(name))
            {
                return channel;
            }
        }
        return null;
    }
}
