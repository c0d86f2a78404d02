/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

/**
 * Aeron stream ids of the system, in one place: every publisher and subscriber agrees on them by default.
 */
public final class StreamIds
{
    /**
     * Kraken collector's market data.
     */
    public static final int COLLECTOR_KRAKEN = 1001;

    /**
     * Coinbase collector's market data.
     */
    public static final int COLLECTOR_COINBASE = 1002;

    /**
     * Binance collector's market data.
     */
    public static final int COLLECTOR_BINANCE = 1003;

    /**
     * Channel of the collector streams on one host.
     */
    public static final String COLLECTOR_CHANNEL = "aeron:ipc";

    private StreamIds()
    {
    }
}
