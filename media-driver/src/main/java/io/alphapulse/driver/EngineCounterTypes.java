/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

/**
 * Aeron counter type ids of the trading engine and the paper venue (4400-4499). Labels end in
 * {@code strategy=<name>} or {@code venue=paper}.
 */
public final class EngineCounterTypes
{
    /**
     * Market-data messages consumed from the merged stream.
     */
    public static final int MARKET_DATA_MESSAGES = 4400;

    /**
     * Market-data messages skipped by validation (other schema, unknown template, truncated).
     */
    public static final int MARKET_DATA_REJECTED = 4401;

    /**
     * Feed events (gaps, resyncs, stale channels) passed to the strategy.
     */
    public static final int FEED_EVENTS = 4402;

    /**
     * Orders sent to the ledger.
     */
    public static final int ORDERS_SENT = 4403;

    /**
     * Orders the ledger accepted.
     */
    public static final int ORDERS_ACCEPTED = 4404;

    /**
     * Orders the ledger rejected.
     */
    public static final int ORDERS_REJECTED = 4405;

    /**
     * Fills received.
     */
    public static final int FILLS = 4406;

    /**
     * Orders that could not be sent to the ledger (not connected, back-pressure beyond the retries).
     */
    public static final int ORDERS_NOT_SENT = 4407;

    /**
     * Orders resent after a leader change.
     */
    public static final int ORDERS_RESENT = 4408;

    /**
     * Longest duty cycle, ns.
     */
    public static final int MAX_CYCLE_TIME_NS = 4409;

    /**
     * Errors reported to the error handler.
     */
    public static final int ERRORS = 4410;

    /**
     * Paper venue: fills sent to the ledger.
     */
    public static final int VENUE_FILLS = 4450;

    /**
     * Paper venue: orders resting.
     */
    public static final int VENUE_OPEN_ORDERS = 4451;

    /**
     * Paper venue: IOC remainders and market-order remainders cancelled.
     */
    public static final int VENUE_CANCELS = 4452;

    /**
     * Paper venue: market-data messages consumed.
     */
    public static final int VENUE_MARKET_DATA_MESSAGES = 4453;

    /**
     * Orders the engine holds open (as the ledger last told it).
     */
    public static final int OPEN_ORDERS = 4420;

    /**
     * Resynchronisation requests sent to the ledger (new session, new leader, a gap in the report numbers).
     */
    public static final int RESYNC_REQUESTS = 4421;

    /**
     * Open orders an earlier engine process of the strategy left in the ledger, cancelled at start.
     */
    public static final int EARLIER_ORDERS_CANCELLED = 4422;

    private EngineCounterTypes()
    {
    }
}
