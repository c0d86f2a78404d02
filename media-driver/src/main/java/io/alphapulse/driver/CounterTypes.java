/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one documented table of every Aeron counter type id the system registers: id, label, meaning, plus how
 * {@code pulse stat} shows it and the Prometheus metric the exporter publishes it as.
 * <p>
 * Ranges: each component owns a block of 100 ids, clear of Aeron's own (0-299 driver, archive and cluster):
 * <pre>
 *   4100-4199 collector   4200-4299 relay    4300-4399 bridge   4400-4449 engine   4450-4499 paper venue
 *   4500-4599 ledger      4600-4699 writer   4700-4799 api
 * </pre>
 * A component that registers a counter adds a row here (a test fails for any {@code int} constant of this package in
 * 4000-4999 that has no row, and another checks the README's table lists every row). Labels read well in AeronStat
 * and end in {@code key=value} pairs where they are per exchange, client or node, e.g.
 * {@code relay gaps: exchange=KRAKEN}; the exporter turns those pairs into Prometheus labels.
 */
public final class CounterTypes
{
    /**
     * First id of the system's own counters.
     */
    public static final int FIRST_TYPE_ID = 4000;

    /**
     * Last id of the system's own counters.
     */
    public static final int LAST_TYPE_ID = 4999;

    /**
     * How a counter's value behaves, which decides its Prometheus type and unit.
     */
    public enum Kind
    {
        /**
         * Only grows (restarts from zero with its process): a Prometheus counter, {@code _total}.
         */
        COUNTER,

        /**
         * Goes up and down: a Prometheus gauge.
         */
        GAUGE,

        /**
         * A duration in ns: a gauge in seconds.
         */
        DURATION_NS,

        /**
         * A time, ns since the epoch: a gauge in seconds since the epoch.
         */
        TIMESTAMP_NS
    }

    /**
     * The column of {@code pulse stat}'s component table a counter feeds, if any.
     */
    public enum Column
    {
        /**
         * Messages handled: total and rate.
         */
        MESSAGES,

        /**
         * Gaps seen or published.
         */
        GAPS,

        /**
         * Lag behind the producer, ns.
         */
        LAG,

        /**
         * Times back-pressured.
         */
        BACK_PRESSURE,

        /**
         * Errors reported.
         */
        ERRORS,

        /**
         * Time of the last message, ns since the epoch: shown as its age.
         */
        LAST_MESSAGE_TIME,

        /**
         * Shown only in the list of every counter.
         */
        NONE
    }

    /**
     * One counter type.
     *
     * @param typeId     Aeron counter type id.
     * @param component  component that registers it, e.g. {@code relay}.
     * @param label      start of the label, before any {@code : key=value} pairs.
     * @param metricName Prometheus metric name without the {@code alphapulse_} prefix and without unit suffixes.
     * @param kind       how the value behaves.
     * @param column     column in {@code pulse stat}.
     * @param meaning    what it counts.
     */
    public record Type(
        int typeId, String component, String label, String metricName, Kind kind, Column column, String meaning)
    {
        /**
         * The full Prometheus metric name, with prefix and unit suffix.
         *
         * @return e.g. {@code alphapulse_relay_messages_total}.
         */
        public String prometheusName()
        {
            return METRIC_PREFIX + metricName + switch (kind)
            {
                case COUNTER -> "_total";
                case GAUGE -> "";
                case DURATION_NS, TIMESTAMP_NS -> "_seconds";
            };
        }
    }

    /**
     * Prefix of every metric the exporter derives from these counters.
     */
    public static final String METRIC_PREFIX = "alphapulse_";

    private static final Map<Integer, Type> TYPES = new TreeMap<>();
    private static final TreeMap<Integer, String> RANGES = new TreeMap<>();

    static
    {
        RANGES.put(4100, "collector");
        RANGES.put(4200, "relay");
        RANGES.put(4300, "bridge");
        RANGES.put(4400, "engine");
        RANGES.put(4450, "venue");
        RANGES.put(4500, "ledger");
        RANGES.put(4600, "writer");
        RANGES.put(4700, "api");

        add(PulseCounters.COLLECTOR_FRAMES_RECEIVED_TYPE_ID, "collector", "collector frames received",
            "collector_frames_received", Kind.COUNTER, Column.NONE, "WebSocket frames received");
        add(PulseCounters.COLLECTOR_MESSAGES_PUBLISHED_TYPE_ID, "collector", "collector messages published",
            "collector_messages_published", Kind.COUNTER, Column.MESSAGES, "SBE messages accepted by the publication");
        add(PulseCounters.COLLECTOR_BACK_PRESSURE_TYPE_ID, "collector", "collector back-pressured",
            "collector_back_pressured", Kind.COUNTER, Column.BACK_PRESSURE,
            "messages not published because of back-pressure (their sequence numbers become gaps downstream)");
        add(PulseCounters.COLLECTOR_NOT_CONNECTED_TYPE_ID, "collector", "collector not connected",
            "collector_not_connected", Kind.COUNTER, Column.NONE,
            "messages not published: no subscriber, or the publication closed");
        add(PulseCounters.COLLECTOR_DECODE_ERRORS_TYPE_ID, "collector", "collector decode errors",
            "collector_decode_errors", Kind.COUNTER, Column.NONE, "frames or values that could not be decoded");
        add(PulseCounters.COLLECTOR_CONNECTS_TYPE_ID, "collector", "collector connects",
            "collector_connects", Kind.COUNTER, Column.NONE, "connections made (the first and every reconnect)");
        add(PulseCounters.COLLECTOR_CONNECTION_STATE_TYPE_ID, "collector", "collector connection state",
            "collector_connection_state", Kind.GAUGE, Column.NONE, "0 disconnected, 1 connecting, 2 connected");
        add(PulseCounters.COLLECTOR_RESYNCS_TYPE_ID, "collector", "collector resyncs",
            "collector_resyncs", Kind.COUNTER, Column.GAPS, "book resyncs requested (checksum failures, gaps)");
        add(PulseCounters.COLLECTOR_STALE_TYPE_ID, "collector", "collector stale subscriptions",
            "collector_stale_subscriptions", Kind.COUNTER, Column.NONE, "subscriptions the watchdog found silent");
        add(PulseCounters.COLLECTOR_LAST_FRAME_TIME_TYPE_ID, "collector", "collector last frame time ns",
            "collector_last_frame_time", Kind.TIMESTAMP_NS, Column.LAST_MESSAGE_TIME, "receive time of the last frame");
        add(PulseCounters.COLLECTOR_MAX_CYCLE_TIME_TYPE_ID, "collector", "collector max cycle time ns",
            "collector_max_cycle_time", Kind.DURATION_NS, Column.NONE, "longest duty cycle");
        add(PulseCounters.COLLECTOR_ERRORS_TYPE_ID, "collector", "collector errors",
            "collector_errors", Kind.COUNTER, Column.ERRORS, "exceptions reported to the agent's error handler");
        add(PulseCounters.COLLECTOR_CLOCK_SKEW_TYPE_ID, "collector", "collector clock skew",
            "collector_clock_skew", Kind.COUNTER, Column.NONE,
            "messages whose exchange time was far ahead of or behind their receive time (published as they are)");

        add(RelayCounterTypes.MESSAGES, "relay", "relay messages",
            "relay_messages", Kind.COUNTER, Column.MESSAGES, "messages forwarded to the merged stream");
        add(RelayCounterTypes.GAPS, "relay", "relay gaps",
            "relay_gaps", Kind.COUNTER, Column.GAPS, "gap records published");
        add(RelayCounterTypes.MISSING, "relay", "relay missing messages",
            "relay_missing_messages", Kind.COUNTER, Column.NONE, "messages missing in all gaps");
        add(RelayCounterTypes.LAST_SEQUENCE, "relay", "relay last sequence",
            "relay_last_sequence", Kind.GAUGE, Column.NONE, "last 64-bit sequence forwarded");
        add(RelayCounterTypes.LAG_NS, "relay", "relay lag ns",
            "relay_lag", Kind.DURATION_NS, Column.LAG, "collector publish time to relay, last message");
        add(RelayCounterTypes.BACK_PRESSURE, "relay", "relay back-pressure",
            "relay_back_pressure", Kind.COUNTER, Column.BACK_PRESSURE,
            "times the merged publication pushed back (retried, never dropped)");
        add(RelayCounterTypes.REJECTED, "relay", "relay rejected",
            "relay_rejected", Kind.COUNTER, Column.ERRORS, "messages failing validation");
        add(RelayCounterTypes.DUPLICATES, "relay", "relay duplicates",
            "relay_duplicates", Kind.COUNTER, Column.NONE, "duplicates suppressed");
        add(RelayCounterTypes.SESSIONS, "relay", "relay collector sessions",
            "relay_collector_sessions", Kind.COUNTER, Column.NONE, "collector sessions seen (restarts)");
        add(RelayCounterTypes.ERRORS, "relay", "relay errors",
            "relay_errors", Kind.COUNTER, Column.ERRORS,
            "exceptions reported to the relay agent's error handler (whole relay)");
        add(RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay", "relay max cycle time ns",
            "relay_max_cycle_time", Kind.DURATION_NS, Column.NONE, "longest duty cycle (whole relay)");

        // Bridge (BridgeCounterTypes) and writer (WriterCounterTypes).
        add(4300, "bridge", "bridge clients", "bridge_clients", Kind.GAUGE, Column.NONE, "open WebSocket clients");
        add(4301, "bridge", "bridge messages sent", "bridge_messages_sent", Kind.COUNTER, Column.MESSAGES,
            "JSON messages handed to client sockets");
        add(4302, "bridge", "bridge conflated", "bridge_conflated", Kind.COUNTER, Column.NONE,
            "book and ticker values replaced in a slow client's queue by a newer value");
        add(4303, "bridge", "bridge dropped clients", "bridge_dropped_clients", Kind.COUNTER, Column.BACK_PRESSURE,
            "clients closed for being too slow");
        add(4304, "bridge", "bridge bad requests", "bridge_bad_requests", Kind.COUNTER, Column.ERRORS,
            "bad client requests: invalid JSON, unknown op or channel, oversized frames, floods");
        add(4305, "bridge", "bridge skipped", "bridge_skipped", Kind.COUNTER, Column.GAPS,
            "merged-stream messages skipped (let go as an untethered subscriber, or disconnected)");
        add(4306, "bridge", "bridge rejected connections", "bridge_rejected_connections", Kind.COUNTER, Column.NONE,
            "connections refused: token, origin, connection limits");
        add(4307, "bridge", "bridge messages received", "bridge_messages_received", Kind.COUNTER, Column.NONE,
            "messages read from the merged stream");
        add(4308, "bridge", "bridge reconnects", "bridge_reconnects", Kind.COUNTER, Column.NONE,
            "reconnects of the bridge's Aeron client");
        add(4309, "bridge", "bridge undecodable", "bridge_undecodable", Kind.COUNTER, Column.NONE,
            "messages not usable: no instrument definition yet, or failed validation");

        add(EngineCounterTypes.MARKET_DATA_MESSAGES, "engine", "engine market data", "engine_market_data_messages",
            Kind.COUNTER, Column.MESSAGES, "market-data messages consumed from the merged stream");
        add(EngineCounterTypes.MARKET_DATA_REJECTED, "engine", "engine rejected", "engine_market_data_rejected",
            Kind.COUNTER, Column.ERRORS, "market-data messages skipped by validation");
        add(EngineCounterTypes.FEED_EVENTS, "engine", "engine feed events", "engine_feed_events",
            Kind.COUNTER, Column.GAPS, "feed events (gaps, resyncs, stale channels) passed to the strategy");
        add(EngineCounterTypes.ORDERS_SENT, "engine", "engine orders sent", "engine_orders_sent",
            Kind.COUNTER, Column.NONE, "orders sent to the ledger");
        add(EngineCounterTypes.ORDERS_ACCEPTED, "engine", "engine orders accepted", "engine_orders_accepted",
            Kind.COUNTER, Column.NONE, "orders the ledger accepted");
        add(EngineCounterTypes.ORDERS_REJECTED, "engine", "engine orders rejected", "engine_orders_rejected",
            Kind.COUNTER, Column.NONE, "orders the ledger rejected (each with its reason code)");
        add(EngineCounterTypes.FILLS, "engine", "engine fills", "engine_fills",
            Kind.COUNTER, Column.NONE, "fills received");
        add(EngineCounterTypes.ORDERS_NOT_SENT, "engine", "engine orders not sent", "engine_orders_not_sent",
            Kind.COUNTER, Column.BACK_PRESSURE, "orders that could not be sent (not connected, back-pressure)");
        add(EngineCounterTypes.ORDERS_RESENT, "engine", "engine orders resent", "engine_orders_resent",
            Kind.COUNTER, Column.NONE, "unacknowledged orders resent after a leader change");
        add(EngineCounterTypes.MAX_CYCLE_TIME_NS, "engine", "engine max cycle ns", "engine_max_cycle_time",
            Kind.DURATION_NS, Column.NONE, "longest duty cycle");
        add(EngineCounterTypes.ERRORS, "engine", "engine errors", "engine_errors",
            Kind.COUNTER, Column.ERRORS, "errors reported to the engine's error handler");
        add(EngineCounterTypes.OPEN_ORDERS, "engine", "engine open orders", "engine_open_orders",
            Kind.GAUGE, Column.NONE, "orders the engine holds open, as the ledger last reported them");
        add(EngineCounterTypes.RESYNC_REQUESTS, "engine", "engine resync requests", "engine_resync_requests",
            Kind.COUNTER, Column.NONE, "resynchronisations asked of the ledger (new session or leader, a report gap)");
        add(EngineCounterTypes.EARLIER_ORDERS_CANCELLED, "engine", "engine earlier orders cancelled",
            "engine_earlier_orders_cancelled", Kind.COUNTER, Column.NONE,
            "open orders an earlier engine process of the strategy left in the ledger, cancelled at start");
        add(EngineCounterTypes.VENUE_FILLS, "venue", "venue fills", "venue_fills",
            Kind.COUNTER, Column.MESSAGES, "paper venue: fills sent to the ledger");
        add(EngineCounterTypes.VENUE_OPEN_ORDERS, "venue", "venue open orders", "venue_open_orders",
            Kind.GAUGE, Column.NONE, "paper venue: orders resting");
        add(EngineCounterTypes.VENUE_CANCELS, "venue", "venue cancels", "venue_cancels",
            Kind.COUNTER, Column.NONE, "paper venue: IOC and market-order remainders cancelled");
        add(EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES, "venue", "venue market data", "venue_market_data_messages",
            Kind.COUNTER, Column.NONE, "paper venue: market-data messages consumed");

        add(LedgerCounterTypes.MESSAGES_APPLIED, "ledger", "ledger messages applied", "ledger_messages_applied",
            Kind.COUNTER, Column.MESSAGES, "cluster log messages applied to the ledger state");
        add(LedgerCounterTypes.ORDERS_ACCEPTED, "ledger", "ledger orders accepted", "ledger_orders_accepted",
            Kind.COUNTER, Column.NONE, "orders accepted after pre-trade risk");
        add(LedgerCounterTypes.ORDERS_REJECTED, "ledger", "ledger orders rejected", "ledger_orders_rejected",
            Kind.COUNTER, Column.NONE, "orders rejected, each with its reason code");
        add(LedgerCounterTypes.FILLS, "ledger", "ledger fills", "ledger_fills",
            Kind.COUNTER, Column.NONE, "venue fills applied");
        add(LedgerCounterTypes.ORDERS_CANCELLED, "ledger", "ledger orders cancelled", "ledger_orders_cancelled",
            Kind.COUNTER, Column.NONE, "orders cancelled");
        add(LedgerCounterTypes.REJECTED_MESSAGES, "ledger", "ledger rejected messages", "ledger_rejected_messages",
            Kind.COUNTER, Column.ERRORS, "log messages the ledger could not apply (counted, reported, skipped)");
        add(LedgerCounterTypes.EGRESS_DROPPED, "ledger", "ledger egress dropped", "ledger_egress_dropped",
            Kind.COUNTER, Column.BACK_PRESSURE, "egress messages a client could not take");
        add(LedgerCounterTypes.IGNORED_VENUE_REPORTS, "ledger", "ledger ignored venue reports",
            "ledger_ignored_venue_reports", Kind.COUNTER, Column.NONE,
            "venue reports for unknown or closed orders (duplicates after a restart)");
        add(LedgerCounterTypes.OPEN_ORDERS, "ledger", "ledger open orders", "ledger_open_orders",
            Kind.GAUGE, Column.NONE, "orders open");
        add(LedgerCounterTypes.ROLE, "ledger", "ledger role", "ledger_role",
            Kind.GAUGE, Column.NONE, "cluster role of this node: 0 follower, 1 candidate, 2 leader");
        add(LedgerCounterTypes.STATE_HASH, "ledger", "ledger state hash", "ledger_state_hash",
            Kind.GAUGE, Column.NONE, "hash of the replicated state once the log is quiet: equal on every member");
        add(LedgerCounterTypes.STATE_HASH_POSITION, "ledger", "ledger state hash log position",
            "ledger_state_hash_log_position", Kind.GAUGE, Column.NONE, "log position the state hash was computed at");

        add(4600, "writer", "writer rows", "writer_rows", Kind.COUNTER, Column.MESSAGES, "rows committed, per table");
        add(4601, "writer", "writer batches", "writer_batches", Kind.COUNTER, Column.NONE,
            "batches committed (each with its watermark, in one transaction)");
        add(4602, "writer", "writer db errors", "writer_db_errors", Kind.COUNTER, Column.ERRORS,
            "database errors (failed connects and batches; a failed batch is retried, never lost)");
        add(4603, "writer", "writer outage", "writer_outage", Kind.GAUGE, Column.NONE,
            "0 connected, 1 database outage (paused; the Archive holds the data)");
        add(4604, "writer", "writer lag bytes", "writer_lag_bytes", Kind.GAUGE, Column.NONE,
            "bytes of the recording not yet committed");
        add(4605, "writer", "writer lag ns", "writer_lag", Kind.DURATION_NS, Column.LAG,
            "wall clock minus receive time of the last message read");
        add(4606, "writer", "writer recording id", "writer_recording_id", Kind.GAUGE, Column.NONE,
            "recording id the writer reads");
        add(4607, "writer", "writer committed position", "writer_committed_position", Kind.GAUGE, Column.NONE,
            "committed position in that recording (the watermark)");
        add(4608, "writer", "writer skipped", "writer_skipped", Kind.COUNTER, Column.NONE,
            "messages skipped: failed validation or an instrument without a definition");
        add(4609, "writer", "writer outages", "writer_outages", Kind.COUNTER, Column.NONE, "database outages seen");
    }

    private CounterTypes()
    {
    }

    private static void add(
        final int typeId,
        final String component,
        final String label,
        final String metricName,
        final Kind kind,
        final Column column,
        final String meaning)
    {
        if (typeId < FIRST_TYPE_ID || typeId > LAST_TYPE_ID)
        {
            throw new IllegalStateException("counter type id " + typeId + " outside " + FIRST_TYPE_ID + "-" +
                LAST_TYPE_ID);
        }
        if (null != TYPES.put(typeId, new Type(typeId, component, label, metricName, kind, column, meaning)))
        {
            throw new IllegalStateException("counter type id " + typeId + " listed twice");
        }
    }

    /**
     * Every documented type, by id.
     *
     * @return every documented type, by id.
     */
    public static List<Type> types()
    {
        return Collections.unmodifiableList(new ArrayList<>(TYPES.values()));
    }

    /**
     * The documented type of an id.
     *
     * @param typeId counter type id.
     * @return the type, or null when the id has no row (Aeron's own, or undocumented).
     */
    public static Type forTypeId(final int typeId)
    {
        return TYPES.get(typeId);
    }

    /**
     * Whether an id is in the system's own range.
     *
     * @param typeId counter type id.
     * @return true for 4000-4999.
     */
    public static boolean isAlphaPulse(final int typeId)
    {
        return typeId >= FIRST_TYPE_ID && typeId <= LAST_TYPE_ID;
    }

    /**
     * The component owning an id's range.
     *
     * @param typeId counter type id.
     * @return e.g. {@code relay}; {@code aeron} for Aeron's own ids; {@code other} for unassigned ranges.
     */
    public static String componentOf(final int typeId)
    {
        if (!isAlphaPulse(typeId))
        {
            return "aeron";
        }
        final Map.Entry<Integer, String> range = RANGES.floorEntry(typeId);
        return null == range || typeId - range.getKey() >= 100 ? "other" : range.getValue();
    }

    /**
     * The ranges, first id to component.
     *
     * @return the ranges.
     */
    public static Map<Integer, String> ranges()
    {
        return Collections.unmodifiableMap(RANGES);
    }

    /**
     * The table as Markdown, as in the README.
     *
     * @return a Markdown table with a header row.
     */
    public static String markdownTable()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("| type id | component | label | metric | meaning |\n");
        sb.append("|---|---|---|---|---|\n");
        for (final Type type : TYPES.values())
        {
            sb.append("| ").append(type.typeId())
                .append(" | ").append(type.component())
                .append(" | ").append(type.label())
                .append(" | `").append(type.prometheusName()).append('`')
                .append(" | ").append(type.meaning())
                .append(" |\n");
        }
        return sb.toString();
    }

    /**
     * A Prometheus-safe name from free text: lower case, runs of other characters become one underscore.
     *
     * @param text e.g. {@code Bytes sent}.
     * @return e.g. {@code bytes_sent}.
     */
    public static String snakeCase(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length());
        boolean underscore = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = Character.toLowerCase(text.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            {
                if (underscore && sb.length() > 0)
                {
                    sb.append('_');
                }
                underscore = false;
                sb.append(c);
            }
            else
            {
                underscore = true;
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
