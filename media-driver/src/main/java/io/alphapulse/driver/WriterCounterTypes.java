/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

/**
 * Aeron counter type ids of the database writer (4600-4699; see {@link PulseCounters} for the table of ranges).
 */
public final class WriterCounterTypes
{
    /**
     * Rows committed, per table ({@code writer rows: table=trades}).
     */
    public static final int ROWS = 4600;

    /**
     * Batches committed (each with its watermark, in one transaction).
     */
    public static final int BATCHES = 4601;

    /**
     * Database errors (failed connects and failed batches; each failed batch is retried, never lost).
     */
    public static final int DB_ERRORS = 4602;

    /**
     * Database state: 0 connected, 1 outage (the writer is paused, the Archive holds the data).
     */
    public static final int OUTAGE = 4603;

    /**
     * Bytes of the recording not yet committed (recorded position minus committed position).
     */
    public static final int LAG_BYTES = 4604;

    /**
     * Receive time of the last message read to the wall clock, ns.
     */
    public static final int LAG_NS = 4605;

    /**
     * Recording id the writer reads.
     */
    public static final int RECORDING_ID = 4606;

    /**
     * Committed position in that recording (the watermark).
     */
    public static final int COMMITTED_POSITION = 4607;

    /**
     * Messages skipped: failed validation (MarketDataReader) or an instrument without a definition (no scale).
     */
    public static final int SKIPPED = 4608;

    /**
     * Database outages seen.
     */
    public static final int OUTAGES = 4609;

    private WriterCounterTypes()
    {
    }
}
