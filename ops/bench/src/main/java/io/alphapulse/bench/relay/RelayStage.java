/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.aeron.Aeron;
import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.support.BenchFiles;
import io.alphapulse.bench.support.PacedPublisher;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.relay.Relay;
import io.alphapulse.schemas.marketdata.Exchange;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse bench} stage {@code relay}: the relay in-process on an embedded media driver, measured as a
 * collector and the engine see it, and the same hop over Unix domain sockets (the original design) measured right
 * after in the same run as the anchor.
 * <ul>
 *     <li>Throughput at saturation: every collector stream published with {@code tryClaim} as fast as it goes,
 *     the relay forwarding to the merged stream, one consumer counting and checking it; the rate is what the
 *     consumer receives in the measured window. One publisher thread drives the three streams in turn: with the
 *     relay and the consumer that makes three busy threads on a 2-core machine already, and more publisher
 *     threads than cores would share the relay's core with it.</li>
 *     <li>Added latency, collector to relay to consumer: one stream at a fixed rate, each message carrying its
 *     intended send time; the consumer records {@code now - intended} in an HdrHistogram, which charges every
 *     stall its full delay (coordinated omission corrected at the source; see {@link MergedStreamCheck}).</li>
 * </ul>
 * The relay runs without recording for these figures; one more throughput figure has recording on (the Archive
 * recording the three collector streams and the merged stream to disk). The profile is the configured one
 * ({@code alphapulse.profile}, {@code shared} by default), for the driver, the relay and the consumer alike: in
 * {@code shared} an idle relay or consumer backs off to parking, and a park lasts the kernel's timer slack (tens of
 * microseconds) however short it was asked to be, which is part of the latency measured at a moderate rate.
 * <p>
 * Every run checks that every message arrived exactly once and in order, and the stage fails otherwise, or when a
 * run does not finish within its bound.
 */
public final class RelayStage implements BenchStage
{
    /**
     * Stage name, for {@code --only}.
     */
    public static final String NAME = "relay";

    /**
     * One line for {@code --list}.
     */
    public static final String DESCRIPTION = "relay throughput (3 collector streams to merged) and added latency " +
        "p50/p99/p99.9/max (HdrHistogram), anchored on the same hop over Unix domain sockets";

    /**
     * What the latency figures are compared with.
     */
    static final String LATENCY_ANCHOR = "Unix domain socket hop (same rate, same histogram)";

    /**
     * What the throughput figure is compared with.
     */
    static final String THROUGHPUT_ANCHOR = "Unix domain socket relay, one write per message";

    private static final int PUBLISHER_THREADS = 1;
    private static final int LATENCY_RATE_PER_SECOND = 100_000;
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final Exchange LATENCY_EXCHANGE = Exchange.KRAKEN;

    /**
     * A throughput run.
     *
     * @param messagesPerSecond received in the measured window.
     * @param messages          published and received in the whole run, warm-up included.
     * @param summary           what the consumer checked.
     */
    record Throughput(double messagesPerSecond, long messages, String summary)
    {
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return DESCRIPTION;
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return LATENCY_ANCHOR + "; " + THROUGHPUT_ANCHOR;
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final long warmupNs = TimeUnit.SECONDS.toNanos(quick ? 1 : 2);
        final long throughputNs = TimeUnit.SECONDS.toNanos(quick ? 3 : 10);
        final long latencySeconds = quick ? 3 : 10;
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / LATENCY_RATE_PER_SECOND;
        final long latencyWarmupCount = LATENCY_RATE_PER_SECOND * (quick ? 1L : 2L);
        final long latencyCount = LATENCY_RATE_PER_SECOND * latencySeconds;
        final Profile profile = MediaDriverConfiguration.profile();

        final Path aeronParent = BenchFiles.aeronParent("alphapulse-bench-relay-");
        final Path workDir = Files.createTempDirectory("ap-relay-bench-");
        progress.println("  [relay] profile " + profile + ", " + Runtime.getRuntime().availableProcessors() +
            " cores, aeron dir " + aeronParent + ", archive and sockets in " + workDir);
        try (PulseMediaDriver driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(profile)
            .aeronDirectoryName(aeronParent.resolve("aeron").toString())
            .archiveDirectoryName(workDir.resolve("archive").toString()));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            final AeronRelayRun aeronRun = new AeronRelayRun(aeron, profile);
            final UdsRelayRun udsRun = new UdsRelayRun(workDir);
            final Histogram aeronLatency = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            final Histogram udsLatency = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            final Throughput aeronThroughput;
            final Throughput udsThroughput;
            final Throughput recordedThroughput;

            try (Relay relay = Relay.launch(relayContext(driver, profile, workDir).record(false)))
            {
                describe(progress, relay);
                progress.println("  [relay] throughput, Aeron relay, record off: " + seconds(warmupNs) +
                    " s warm-up, " + seconds(throughputNs) + " s measured");
                aeronThroughput = aeronRun.throughput(PUBLISHER_THREADS, warmupNs, throughputNs);
                report(progress, aeronThroughput);

                progress.println("  [relay] throughput, Unix domain socket relay");
                udsThroughput = udsRun.throughput(warmupNs, throughputNs);
                report(progress, udsThroughput);

                progress.println("  [relay] latency, Aeron relay, record off: " + rate() + ", " +
                    latencyWarmupCount + " warm-up + " + latencyCount + " measured messages");
                final PacedPublisher aeronPublisher =
                    aeronRun.latency(LATENCY_EXCHANGE, intervalNs, latencyWarmupCount, latencyCount, aeronLatency);
                report(progress, aeronLatency, aeronPublisher);

                progress.println("  [relay] latency, Unix domain socket hop, same schedule");
                final PacedPublisher udsPublisher =
                    udsRun.latency(LATENCY_EXCHANGE, intervalNs, latencyWarmupCount, latencyCount, udsLatency);
                report(progress, udsLatency, udsPublisher);
            }

            try (Relay relay = Relay.launch(relayContext(driver, profile, workDir).record(true)))
            {
                describe(progress, relay);
                progress.println("  [relay] throughput, Aeron relay, record on (Archive records 4 streams to " +
                    workDir.resolve("archive") + ")");
                recordedThroughput = aeronRun.throughput(PUBLISHER_THREADS, warmupNs, throughputNs);
                report(progress, recordedThroughput);
            }

            return results(profile, aeronThroughput, udsThroughput, recordedThroughput, aeronLatency, udsLatency);
        }
        finally
        {
            BenchFiles.deleteRecursively(aeronParent);
            BenchFiles.deleteRecursively(workDir);
        }
    }

    private static Relay.Context relayContext(final PulseMediaDriver driver, final Profile profile, final Path workDir)
    {
        return new Relay.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .profile(profile)
            .indexDir(workDir.resolve("index"))
            .checkpointFile(workDir.resolve("relay-checkpoint.dat"));
    }

    private static List<BenchResult> results(
        final Profile profile,
        final Throughput aeronThroughput,
        final Throughput udsThroughput,
        final Throughput recordedThroughput,
        final Histogram aeronLatency,
        final Histogram udsLatency)
    {
        final String conditions = ", record off [" + profile + "]";
        final List<BenchResult> results = new ArrayList<>();
        results.add(new BenchResult(NAME,
            "throughput, 3 streams -> merged, " + PUBLISHER_THREADS + " pub thread" + conditions,
            aeronThroughput.messagesPerSecond(), "msg/s", THROUGHPUT_ANCHOR, udsThroughput.messagesPerSecond()));
        results.add(new BenchResult(NAME,
            "throughput, as above with record on (Archive: 4 streams)",
            recordedThroughput.messagesPerSecond(), "msg/s", "the same, record off",
            aeronThroughput.messagesPerSecond()));
        final String conditionsOfLatency = ", " + rate() + ", 1 stream" + conditions;
        for (final String percentile : new String[]{"50", "99", "99.9"})
        {
            final double p = Double.parseDouble(percentile);
            results.add(new BenchResult(NAME,
                "added latency p" + percentile + conditionsOfLatency,
                micros(aeronLatency.getValueAtPercentile(p)), "us",
                LATENCY_ANCHOR, micros(udsLatency.getValueAtPercentile(p))));
        }
        results.add(new BenchResult(NAME, "added latency max" + conditionsOfLatency,
            micros(aeronLatency.getMaxValue()), "us", LATENCY_ANCHOR, micros(udsLatency.getMaxValue())));
        return results;
    }

    private static void describe(final PrintStream progress, final Relay relay)
    {
        for (final String line : relay.describe().split(System.lineSeparator()))
        {
            progress.println("    " + line);
        }
    }

    private static void report(final PrintStream progress, final Throughput throughput)
    {
        progress.println(String.format(Locale.ROOT, "    %,.0f msg/s; all %,d messages received in order: %s",
            throughput.messagesPerSecond(), throughput.messages(), throughput.summary()));
    }

    private static void report(final PrintStream progress, final Histogram histogram, final PacedPublisher publisher)
    {
        progress.println(String.format(Locale.ROOT,
            "    p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us over %,d messages, all received in order; " +
            "publisher at most %.1f us behind schedule",
            micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(99)),
            micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getMaxValue()),
            histogram.getTotalCount(), micros(publisher.maxLateNs())));
    }

    private static String rate()
    {
        return String.format(Locale.ROOT, "%,d msg/s", LATENCY_RATE_PER_SECOND);
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }

    private static long seconds(final long nanos)
    {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
