/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.alphapulse.driver.CounterTypes;
import io.alphapulse.driver.MediaDriverConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code pulse stat}: a table per component and per exchange (rates, gaps, lag, back-pressure, errors, age of the last
 * message), the media driver's own counters, subscriber lag per stream, and every counter, read from the driver's
 * CnC file without connecting as a client.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Live counters of the media driver and of every process attached to it, read straight from the driver's CnC",
        "file, so it works from another terminal against a running system:",
        "  a table per component and key (exchange, client, ...): messages, messages/s over the interval, gaps,",
        "  lag, back-pressure, errors, and the age of the last message;",
        "  the media driver's own counters (bytes, NAKs, retransmits, errors, client timeouts);",
        "  subscriber lag in bytes per stream (producer position minus subscriber position);",
        "  then every counter (id, type, value, label), as AeronStat prints them.",
        "",
        "On a terminal it refreshes every --interval seconds until Ctrl-C; with --once, or when the output is not a",
        "terminal, it prints one report (rates measured over one interval) and exits. `pulse stat --list-types`",
        "prints the table of every counter type id of the system."
    })
final class StatCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--interval", paramLabel = "SECONDS",
        description = "Seconds between samples; rates are per second over it (default: ${DEFAULT-VALUE}).")
    double intervalSeconds = 1.0;

    @Option(names = "--once", description = "Print one report and exit (the default when not on a terminal).")
    boolean once;

    @Option(names = "--watch", paramLabel = "SECONDS",
        description = "Refresh every SECONDS until Ctrl-C, even when not on a terminal (appends reports).")
    int watchSeconds;

    @Option(names = "--filter", paramLabel = "REGEX", description = "Only counters whose label matches REGEX.")
    Pattern filter;

    @Option(names = "--no-counters", description = "Leave out the list of every counter.")
    boolean noCounters;

    @Option(names = "--list-types", description = "Print the table of counter type ids (Markdown) and exit.")
    boolean listTypes;

    private static final int[] DRIVER_COUNTERS = {
        AeronCounters.SYSTEM_COUNTER_ID_BYTES_SENT,
        AeronCounters.SYSTEM_COUNTER_ID_BYTES_RECEIVED,
        AeronCounters.SYSTEM_COUNTER_ID_ERRORS,
        AeronCounters.SYSTEM_COUNTER_ID_CLIENT_TIMEOUTS,
        AeronCounters.SYSTEM_COUNTER_ID_NAK_MESSAGES_SENT,
        AeronCounters.SYSTEM_COUNTER_ID_NAK_MESSAGES_RECEIVED,
        AeronCounters.SYSTEM_COUNTER_ID_RETRANSMITS_SENT,
        AeronCounters.SYSTEM_COUNTER_ID_LOSS_GAP_FILLS,
        AeronCounters.SYSTEM_COUNTER_ID_SHORT_SENDS,
        AeronCounters.SYSTEM_COUNTER_ID_FLOW_CONTROL_UNDER_RUNS,
        AeronCounters.SYSTEM_COUNTER_ID_UNBLOCKED_PUBLICATIONS,
        AeronCounters.SYSTEM_COUNTER_ID_CONDUCTOR_MAX_CYCLE_TIME,
    };

    public Integer call() throws Exception
    {
        if (listTypes)
        {
            System.out.print(CounterTypes.markdownTable());
            return 0;
        }
        if (!(intervalSeconds > 0))
        {
            throw new IllegalArgumentException("--interval must be positive, got " + intervalSeconds);
        }
        final String dir = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        final boolean terminal = null != System.console() && !once;
        final boolean live = !once && (watchSeconds > 0 || terminal);
        final long intervalMs = watchSeconds > 0 ? watchSeconds * 1000L : Math.max(1, (long)(intervalSeconds * 1000));
        try (CncCounters counters = CncCounters.mapOrNull(dir))
        {
            if (null == counters)
            {
                throw new IllegalArgumentException("no media driver in " + dir + " (no " +
                    CncFileDescriptor.CNC_FILE + "): start one with `ops/pulse media-driver` or `ops/pulse demo`, " +
                    "or point --aeron-dir at it");
            }

            CounterSnapshot previous = CounterSnapshot.take(counters.reader());
            do
            {
                Thread.sleep(intervalMs);
                final CounterSnapshot current = CounterSnapshot.take(counters.reader());
                final StringBuilder report = new StringBuilder();
                report(report, dir, previous, current, !noCounters);
                if (live && terminal)
                {
                    System.out.print("\033[H\033[2J");
                }
                System.out.print(report);
                System.out.flush();
                previous = current;
            }
            while (live);
        }
        return 0;
    }

    /**
     * Write one report.
     *
     * @param out          where.
     * @param dir          Aeron directory, for the heading.
     * @param previous     earlier snapshot, for rates.
     * @param current      current snapshot.
     * @param withCounters whether to list every counter too.
     */
    void report(
        final StringBuilder out,
        final String dir,
        final CounterSnapshot previous,
        final CounterSnapshot current,
        final boolean withCounters)
    {
        final double seconds = Math.max(1, current.timeNs() - previous.timeNs()) / 1e9;
        out.append(Instant.ofEpochMilli(current.epochMs())).append("  ").append(dir).append('\n');
        components(out, previous, current, seconds);
        driver(out, previous, current, seconds);
        streams(out, current);
        if (withCounters)
        {
            out.append(String.format("%5s %6s %20s  %s%n", "id", "type", "value", "label"));
            for (final CounterSnapshot.Counter counter : current.counters())
            {
                if (null == filter || filter.matcher(counter.label()).find())
                {
                    out.append(String.format("%5d %6d %,20d  %s%n",
                        counter.counterId(), counter.typeId(), counter.value(), counter.label()));
                }
            }
        }
        out.append('\n');
    }

    private void components(
        final StringBuilder out, final CounterSnapshot previous, final CounterSnapshot current, final double seconds)
    {
        final Map<String, Row> rows = new LinkedHashMap<>();
        for (final CounterSnapshot.Counter counter : current.counters())
        {
            if (!CounterTypes.isAlphaPulse(counter.typeId()) ||
                (null != filter && !filter.matcher(counter.label()).find()))
            {
                continue;
            }
            final Row row = rows.computeIfAbsent(counter.component() + " " + counter.pairsText(),
                (key) -> new Row(counter.component(), counter.pairsText()));
            final long before = previous.valueOf(counter);
            switch (counter.column())
            {
                case MESSAGES ->
                {
                    row.messages = add(row.messages, counter.value());
                    row.rate = add(row.rate, Long.MIN_VALUE == before ? 0 : counter.value() - before);
                }
                case GAPS -> row.gaps = add(row.gaps, counter.value());
                case LAG -> row.lagNs = Math.max(row.lagNs, counter.value());
                case BACK_PRESSURE -> row.backPressure = add(row.backPressure, counter.value());
                case ERRORS -> row.errors = add(row.errors, counter.value());
                case LAST_MESSAGE_TIME -> row.lastMessageEpochNs = Math.max(row.lastMessageEpochNs, counter.value());
                default ->
                {
                }
            }
        }

        out.append(String.format("%-10s %-22s %14s %10s %8s %10s %10s %8s %9s%n",
            "component", "key", "messages", "msg/s", "gaps", "lag", "back-pr", "errors", "last msg"));
        if (rows.isEmpty())
        {
            out.append("(no AlphaPulse process attached)\n");
        }
        for (final Row row : rows.values())
        {
            out.append(String.format("%-10s %-22s %14s %10s %8s %10s %10s %8s %9s%n",
                row.component, row.key,
                number(row.messages),
                Long.MIN_VALUE == row.rate ? "-" : String.format("%,.0f", row.rate / seconds),
                number(row.gaps),
                row.lagNs < 0 ? "-" : duration(row.lagNs),
                number(row.backPressure),
                number(row.errors),
                row.lastMessageEpochNs <= 0 ? "-" :
                    duration(Math.max(0, current.epochMs() * 1_000_000L - row.lastMessageEpochNs))));
        }
        out.append('\n');
    }

    private static void driver(
        final StringBuilder out, final CounterSnapshot previous, final CounterSnapshot current, final double seconds)
    {
        final List<String> cells = new ArrayList<>();
        for (final CounterSnapshot.Counter counter : current.counters())
        {
            if (AeronCounters.DRIVER_SYSTEM_COUNTER_TYPE_ID != counter.typeId())
            {
                continue;
            }
            for (final int id : DRIVER_COUNTERS)
            {
                if (id == counter.counterId())
                {
                    String cell = counter.name() + " " + String.format("%,d", counter.value());
                    if (AeronCounters.SYSTEM_COUNTER_ID_BYTES_SENT == id ||
                        AeronCounters.SYSTEM_COUNTER_ID_BYTES_RECEIVED == id)
                    {
                        final long before = previous.valueOf(counter);
                        cell += String.format(" (%,.0f/s)",
                            Long.MIN_VALUE == before ? 0.0 : (counter.value() - before) / seconds);
                    }
                    cells.add(cell);
                }
            }
        }
        out.append("media driver: ").append(String.join(", ", cells)).append("\n\n");
    }

    private void streams(final StringBuilder out, final CounterSnapshot current)
    {
        final List<CounterSnapshot.Counter> lags = current.subscriberLags();
        if (lags.isEmpty())
        {
            return;
        }
        out.append(String.format("%-8s %-10s %16s  %s%n", "stream", "session", "sub lag bytes", "channel"));
        for (final CounterSnapshot.Counter lag : lags)
        {
            if (null == filter || filter.matcher(lag.label()).find())
            {
                out.append(String.format("%-8s %-10s %,16d  %s%n",
                    lag.pairs().get("stream_id"), lag.pairs().get("session_id"), lag.value(), lag.pairs().get("channel")));
            }
        }
        out.append('\n');
    }

    private static long add(final long sum, final long value)
    {
        return Long.MIN_VALUE == sum ? value : sum + value;
    }

    private static String number(final long value)
    {
        return Long.MIN_VALUE == value ? "-" : String.format("%,d", value);
    }

    /**
     * A duration for a person: ns, us, ms or s with three significant figures at most.
     *
     * @param ns duration.
     * @return e.g. {@code 12.3 ms}.
     */
    static String duration(final long ns)
    {
        if (ns < 1_000L)
        {
            return ns + " ns";
        }
        if (ns < 1_000_000L)
        {
            return String.format("%.1f us", ns / 1e3);
        }
        if (ns < 1_000_000_000L)
        {
            return String.format("%.1f ms", ns / 1e6);
        }
        return String.format("%.1f s", ns / 1e9);
    }

    private static final class Row
    {
        final String component;
        final String key;
        long messages = Long.MIN_VALUE;
        long rate = Long.MIN_VALUE;
        long gaps = Long.MIN_VALUE;
        long lagNs = -1;
        long backPressure = Long.MIN_VALUE;
        long errors = Long.MIN_VALUE;
        long lastMessageEpochNs;

        Row(final String component, final String key)
        {
            this.component = component;
            this.key = key;
        }
    }
}
