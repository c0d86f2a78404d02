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

    /**
     * The relay's merged market data: every exchange, validated, gaps marked.
     */
    public static final int MERGED = 2001;

    /**
     * Channel of the merged stream for consumers that must see everything and may slow the relay (the engine).
     */
    public static final String MERGED_CHANNEL = "aeron:ipc";

    /**
     * Channel of the merged stream for consumers that must never slow anyone (the bridge, dashboards): an
     * untethered subscription is let go when it falls a term behind, and catches up or reports what it skipped.
     */
    public static final String MERGED_UNTETHERED_CHANNEL = "aeron:ipc?tether=false";

    private StreamIds()
    {
    }
}
