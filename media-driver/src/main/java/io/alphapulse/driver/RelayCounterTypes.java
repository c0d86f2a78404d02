/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

/**
 * Aeron counter type ids of the relay (see {@link PulseCounters} for the collectors'); labels end in
 * {@code exchange=<EXCHANGE>} where they are per exchange.
 */
public final class RelayCounterTypes
{
    /**
     * Messages forwarded to the merged stream, per exchange.
     */
    public static final int MESSAGES = 4200;

    /**
     * Gap records published, per exchange.
     */
    public static final int GAPS = 4201;

    /**
     * Messages missing in all gaps, per exchange.
     */
    public static final int MISSING = 4202;

    /**
     * Last 64-bit sequence forwarded, per exchange.
     */
    public static final int LAST_SEQUENCE = 4203;

    /**
     * Lag from the collector's publish time to the relay, ns, of the last message, per exchange.
     */
    public static final int LAG_NS = 4204;

    /**
     * Times the merged publication was back-pressured (the message is retried, never dropped), per exchange.
     */
    public static final int BACK_PRESSURE = 4205;

    /**
     * Messages rejected by validation (other schema, unknown template, truncated, wrong exchange), per exchange.
     */
    public static final int REJECTED = 4206;

    /**
     * Messages suppressed as duplicates, per exchange.
     */
    public static final int DUPLICATES = 4207;

    /**
     * Collector sessions seen (a restarted collector starts a new one), per exchange.
     */
    public static final int SESSIONS = 4208;

    /**
     * Errors reported to the relay agent's error handler (also kept in its distinct error log), whole relay.
     */
    public static final int ERRORS = 4209;

    /**
     * Longest relay duty cycle, ns.
     */
    public static final int MAX_CYCLE_TIME_NS = 4210;

    private RelayCounterTypes()
    {
    }
}
