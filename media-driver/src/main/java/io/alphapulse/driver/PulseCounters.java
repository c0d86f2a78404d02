/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.Aeron;
import io.aeron.Counter;

/**
 * Aeron counter type ids of the system's own counters, clear of Aeron's (0-299) in one documented table, so
 * {@code pulse stat}, AeronStat and the Prometheus exporter can tell them apart. Labels read well in AeronStat, e.g.
 * {@code collector frames: exchange=KRAKEN}. The README lists every id with its meaning.
 */
public final class PulseCounters
{
    /**
     * Collector: WebSocket frames received.
     */
    public static final int COLLECTOR_FRAMES_RECEIVED_TYPE_ID = 4100;

    /**
     * Collector: SBE messages published.
     */
    public static final int COLLECTOR_MESSAGES_PUBLISHED_TYPE_ID = 4101;

    /**
     * Collector: messages not published because the publication was back-pressured.
     */
    public static final int COLLECTOR_BACK_PRESSURE_TYPE_ID = 4102;

    /**
     * Collector: messages not published because no subscriber was connected or the publication was closed.
     */
    public static final int COLLECTOR_NOT_CONNECTED_TYPE_ID = 4103;

    /**
     * Collector: frames or values that could not be decoded.
     */
    public static final int COLLECTOR_DECODE_ERRORS_TYPE_ID = 4104;

    /**
     * Collector: connections made (the first and every reconnect).
     */
    public static final int COLLECTOR_CONNECTS_TYPE_ID = 4105;

    /**
     * Collector: connection state, 0 disconnected, 1 connecting, 2 connected.
     */
    public static final int COLLECTOR_CONNECTION_STATE_TYPE_ID = 4106;

    /**
     * Collector: book resyncs requested (checksum failures, gaps).
     */
    public static final int COLLECTOR_RESYNCS_TYPE_ID = 4107;

    /**
     * Collector: subscriptions found stale by the watchdog.
     */
    public static final int COLLECTOR_STALE_TYPE_ID = 4108;

    /**
     * Collector: receive time of the last frame, ns since the epoch.
     */
    public static final int COLLECTOR_LAST_FRAME_TIME_TYPE_ID = 4109;

    /**
     * Collector: longest duty cycle, ns.
     */
    public static final int COLLECTOR_MAX_CYCLE_TIME_TYPE_ID = 4110;

    /**
     * Collector: errors reported to the error handler.
     */
    public static final int COLLECTOR_ERRORS_TYPE_ID = 4111;

    /**
     * Collector: messages whose exchange time was far ahead of or behind their receive time (published as they are).
     */
    public static final int COLLECTOR_CLOCK_SKEW_TYPE_ID = 4112;

    private PulseCounters()
    {
    }

    /**
     * Allocate a counter with a type id and label.
     *
     * @param aeron  client.
     * @param typeId one of the ids above.
     * @param label  e.g. {@code collector frames: exchange=KRAKEN}.
     * @return the counter; close it with the component.
     */
    public static Counter add(final Aeron aeron, final int typeId, final String label)
    {
        return aeron.addCounter(typeId, label);
    }
}
