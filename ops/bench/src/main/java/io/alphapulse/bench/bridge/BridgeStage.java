/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.support.BenchFiles;
import io.alphapulse.bench.support.JvmActivity;
import io.alphapulse.bridge.Bridge;
import io.alphapulse.bridge.BridgeStats;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse bench} stage {@code bridge}: the WebSocket bridge in-process on an embedded media driver, 50 real
 * WebSocket connections on loopback from a child JVM ({@link WebSocketClients}: one thread, one NIO selector), an
 * SBE publisher on the merged stream as the relay's.
 * <ul>
 *     <li>Fan-out throughput: every client subscribes to trades and to the book (top 10, conflated) of all six
 *     instruments; the publisher offers trades and book updates as fast as the bridge reads them (it stays at most
 *     a window ahead of the bridge's read count, so the untethered bridge is never let go); the figure is the JSON
 *     messages all clients received per second in the measured window.</li>
 *     <li>Ingest-to-client latency: trades at a fixed 10,000 msg/s, each carrying its intended send time (on the
 *     schedule, not when it was actually sent, so a stalled publisher or bridge is charged in full: coordinated
 *     omission corrected at the source); the clients record {@code receive - intended} for every trade in one
 *     HdrHistogram: 50 samples per message.</li>
 * </ul>
 * The clients used to run in this JVM (50 JDK {@code HttpClient}s, 50 selector threads): on 2 cores their threads
 * starved the paced publisher (24-123 ms behind schedule in the bad runs). Out of process on one thread they still
 * share the machine's cores with the bridge, Jetty and the driver, but no longer this JVM's collections, and the
 * scheduler sees three busy threads (publisher, bridge, clients) instead of fifty-odd.
 */
public final class BridgeStage implements BenchStage
{
    /**
     * Stage name, for {@code --only}.
     */
    public static final String NAME = "bridge";

    /**
     * One line for {@code --list}.
     */
    public static final String DESCRIPTION = "WebSocket bridge: JSON fan-out throughput to 50 clients (conflation " +
        "on) and ingest-to-client latency p50/p99/p99.9/max at 10k msg/s (HdrHistogram, coordinated omission " +
        "corrected)";

    private static final int CLIENTS = 50;
    private static final int LATENCY_RATE = 10_000;
    private static final int INSTRUMENTS = 6;
    private static final long WINDOW = 2_048;
    private static final long RECORD_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final String WHERE = CLIENTS + " clients in a child JVM, 1 client thread";

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();
    private long sequence;
    private long tradesPublished;

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
        return "none here (no other WebSocket fan-out of the merged stream runs here; the relay stage anchors the hop " +
            "before it)";
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final Profile profile = MediaDriverConfiguration.profile();
        final Path aeronParent = BenchFiles.aeronParent("alphapulse-bench-bridge-");
        final Path workDir = Files.createTempDirectory("ap-bridge-bench-");
        progress.println("  [bridge] profile " + profile + ", " + Runtime.getRuntime().availableProcessors() +
            " cores, " + WHERE + ", aeron dir " + aeronParent);
        try (PulseMediaDriver driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(profile)
            .aeronDirectoryName(aeronParent.resolve("aeron").toString())
            .archiveDirectoryName(workDir.resolve("archive").toString()));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            ExclusivePublication publication =
                aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
            Bridge bridge = Bridge.launch(new Bridge.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .profile(profile)
                .host("127.0.0.1")
                .port(0)
                .authEnabled(false)
                .maxConnections(CLIENTS + 10)
                .slowClientTimeoutNs(TimeUnit.SECONDS.toNanos(30))))
        {
            for (final String line : bridge.describe().split(System.lineSeparator()))
            {
                progress.println("    " + line);
            }
            final BridgeStats stats = bridge.stats();
            await(() -> bridge.isLive() && publication.isConnected(), "the bridge to join the merged stream");
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                define(publication, i);
            }
            await(() -> stats.messagesReceived.get() >= INSTRUMENTS, "the bridge to read the definitions");

            try (ExternalClients clients = ExternalClients.start(bridge.uri(), CLIENTS, workDir,
                "{\"op\":\"subscribe\",\"channel\":\"trades\"}",
                "{\"op\":\"subscribe\",\"channel\":\"book\",\"depth\":10}"))
            {
                clients.awaitSubscribed(2);
                await(() -> stats.clients.get() == CLIENTS, "all clients to connect");
                return measure(quick, progress, profile, publication, stats, clients);
            }
        }
        finally
        {
            BenchFiles.deleteRecursively(aeronParent);
            BenchFiles.deleteRecursively(workDir);
        }
    }

    private List<BenchResult> measure(
        final boolean quick,
        final PrintStream progress,
        final Profile profile,
        final ExclusivePublication publication,
        final BridgeStats stats,
        final ExternalClients clients) throws Exception
    {
        final long warmupNs = TimeUnit.SECONDS.toNanos(quick ? 1 : 3);
        final long measureNs = TimeUnit.SECONDS.toNanos(quick ? 4 : 10);
        final long latencyWarmup = LATENCY_RATE * (quick ? 1L : 3L);
        final long latencyCount = LATENCY_RATE * (quick ? 4L : 10L);
        progress.println("  [bridge] fan-out: trades + book updates, 6 instruments, " + CLIENTS +
            " clients (trades + book top 10 each), " + seconds(warmupNs) + " s warm-up, " +
            seconds(measureNs) + " s measured");
        final long skippedBefore = stats.skipped.get();
        saturate(publication, stats, clients, warmupNs);
        clients.check();
        final long conflatedBefore = stats.conflated.get();
        final long receivedBefore = clients.messages();
        final long ingestBefore = stats.messagesReceived.get();
        final long startNs = System.nanoTime();
        saturate(publication, stats, clients, measureNs);
        final long elapsedNs = System.nanoTime() - startNs;
        final double fanout = (clients.messages() - receivedBefore) * 1e9 / elapsedNs;
        final double ingest = (stats.messagesReceived.get() - ingestBefore) * 1e9 / elapsedNs;
        final long conflated = stats.conflated.get() - conflatedBefore;
        progress.println(String.format(Locale.ROOT, "    %,.0f JSON msg/s to clients from %,.0f msg/s read; " +
            "%,d book values conflated; %,d skipped; %d clients dropped", fanout, ingest, conflated,
            stats.skipped.get() - skippedBefore, stats.droppedClients.get()));
        clients.check();

        // Let the queues drain before the latency run.
        final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = -1;
        while (last != clients.messages() && System.nanoTime() - drainDeadline < 0)
        {
            last = clients.messages();
            Thread.sleep(200);
        }

        progress.println("  [bridge] latency: trades at " + String.format(Locale.ROOT, "%,d", LATENCY_RATE) +
            " msg/s to " + CLIENTS + " clients, " + latencyWarmup + " warm-up + " + latencyCount +
            " measured messages");
        final long tradesBefore = clients.trades();
        if (stats.droppedClients.get() > 0)
        {
            throw new IllegalStateException(stats.droppedClients.get() + " clients were dropped as slow in the " +
                "fan-out run; the latency run needs all " + CLIENTS);
        }
        paced(publication, latencyWarmup, System.nanoTime());
        // The stamps are this JVM's System.nanoTime(); the clients record trades stamped from the first measured
        // one on (the warm-up's still in flight are counted, not recorded).
        final long measuredStartNs = System.nanoTime() + RECORD_DELAY_NS;
        clients.recordFrom(measuredStartNs);
        // Collections in this JVM (the bridge's; the clients have their own) during the measured run.
        final JvmActivity jvm = new JvmActivity();
        final long maxLateNs = paced(publication, latencyCount, measuredStartNs);
        final long expected = tradesBefore + (latencyWarmup + latencyCount) * CLIENTS;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clients.trades() < expected && System.nanoTime() - deadline < 0)
        {
            clients.check();
            Thread.sleep(10);
        }
        final long delivered = clients.trades() - tradesBefore;
        long collections = 0;
        long collectionMs = 0;
        for (int i = 0; i < jvm.collectorNames().size(); i++)
        {
            collections += jvm.collectionsSince(i);
            collectionMs += jvm.collectionMsSince(i);
        }
        final String bridgeJvm = jvm.summary() + "; most by " + jvm.topAllocatingThreads(6);
        final ClientReport report = clients.finish();
        final Histogram latency = report.histogram();
        progress.println(String.format(Locale.ROOT, "    p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms " +
            "over %,d samples (%,d of %,d trades delivered); publisher at most %.1f ms behind schedule",
            millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)),
            millis(latency.getValueAtPercentile(99.9)), millis(latency.getMaxValue()), latency.getTotalCount(),
            delivered, (latencyWarmup + latencyCount) * CLIENTS, millis(maxLateNs)));
        progress.println("    measured run, bridge JVM: " + bridgeJvm);
        progress.println("    measured run, clients' JVM (" + report.threads() + " Java threads): " + report.jvm() +
            (report.negative() > 0 ? "; " + report.negative() + " samples received before their stamp" : ""));
        if (!report.closes().isEmpty())
        {
            progress.println("    closed clients: " + report.closes());
        }
        if (delivered < expected - tradesBefore)
        {
            throw new IllegalStateException("only " + delivered + " of " + (expected - tradesBefore) +
                " trades reached the clients in the latency run");
        }
        if (latency.getTotalCount() != latencyCount * CLIENTS)
        {
            throw new IllegalStateException("the clients recorded " + latency.getTotalCount() + " latencies, not " +
                latencyCount * CLIENTS + " (" + latencyCount + " measured trades to " + CLIENTS + " clients)");
        }

        final List<BenchResult> results = new ArrayList<>();
        final String conditions = " [" + profile + ", " + WHERE + "]";
        results.add(new BenchResult(NAME, "fan-out, JSON messages to 50 clients, conflation on (goal >= 200k)" +
            conditions, fanout, "msg/s", null, null));
        results.add(new BenchResult(NAME, "ingest read by the bridge during fan-out", ingest, "msg/s",
            null, null));
        final String latencyConditions = " at 10k msg/s (goal p99 <= 10 ms)" + conditions;
        for (final String percentile : new String[]{"50", "99", "99.9"})
        {
            results.add(new BenchResult(NAME, "ingest-to-client latency p" + percentile + latencyConditions,
                millis(latency.getValueAtPercentile(Double.parseDouble(percentile))), "ms", null, null));
        }
        results.add(new BenchResult(NAME, "ingest-to-client latency max" + latencyConditions,
            millis(latency.getMaxValue()), "ms", null, null));
        results.add(new BenchResult(NAME, "collections in the bridge's JVM during the measured latency run " +
            "(the clients run in their own)", collections, "collections", null, null));
        results.add(new BenchResult(NAME, "collection time in the bridge's JVM during the measured latency run",
            collectionMs, "ms", null, null));
        return results;
    }

    private void saturate(
        final ExclusivePublication publication,
        final BridgeStats stats,
        final ExternalClients clients,
        final long durationNs)
    {
        final long endNs = System.nanoTime() + durationNs;
        long n = 0;
        while (System.nanoTime() - endNs < 0)
        {
            // Stay at most a window ahead of what the bridge has read (its subscription is untethered) and of what
            // the clients have received (trades are never conflated: a client left far behind would be closed).
            if (sequence - stats.messagesReceived.get() > WINDOW ||
                (0 == (n & 63) && tradesPublished * CLIENTS - clients.trades() > WINDOW * CLIENTS))
            {
                Thread.onSpinWait();
                continue;
            }
            final int instrument = (int)(n % INSTRUMENTS);
            if (0 == (n & 1))
            {
                publishTrade(publication, instrument, System.nanoTime());
                tradesPublished++;
            }
            else
            {
                publishUpdate(publication, instrument, n);
            }
            n++;
        }
    }

    private long paced(final ExclusivePublication publication, final long count, final long startNs)
    {
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / LATENCY_RATE;
        long maxLateNs = 0;
        for (long i = 0; i < count; i++)
        {
            final long intendedNs = startNs + i * intervalNs;
            long nowNs;
            while ((nowNs = System.nanoTime()) < intendedNs)
            {
                if (intendedNs - nowNs > 100_000)
                {
                    Thread.yield();
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
            maxLateNs = Math.max(maxLateNs, nowNs - intendedNs);
            // The trade id carries the intended send time on System.nanoTime() (on Linux CLOCK_MONOTONIC, one clock
            // for every process on the host, so the clients' JVM can subtract it from its own nanoTime()).
            publishTrade(publication, (int)(i % INSTRUMENTS), intendedNs);
        }
        return maxLateNs;
    }

    void define(final ExclusivePublication publication, final int instrument)
    {
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue()).receiveTimeNs(nowNs)
            .publishTimeNs(nowNs).sequence(sequence++).instrumentId(1 + instrument).exchange(Exchange.KRAKEN)
            .priceScale((short)1).quantityScale((short)8).symbol("SYM" + instrument + "-USD")
            .venueSymbol("SYM" + instrument + "/USD");
        offer(publication, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    void publishTrade(final ExclusivePublication publication, final int instrument, final long stampNs)
    {
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        trade.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(nowNs).receiveTimeNs(nowNs).publishTimeNs(nowNs)
            .tradeId(stampNs).price(837_443 + (sequence & 63)).quantity(12_345_678).sequence(sequence++)
            .instrumentId(1 + instrument).exchange(Exchange.KRAKEN).aggressorSide(AggressorSide.BUY);
        offer(publication, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    private void publishUpdate(final ExclusivePublication publication, final int instrument, final long n)
    {
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        update.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(nowNs).receiveTimeNs(nowNs).publishTimeNs(nowNs)
            .exchangeSequence(n).firstExchangeSequence(n).sequence(sequence++).instrumentId(1 + instrument)
            .exchange(Exchange.KRAKEN);
        update.flags().clear().lastInBatch(true);
        final boolean bid = 0 == (n & 2);
        update.levelsCount(1).next().price(bid ? 837_400 - (n % 20) : 837_450 + (n % 20))
            .quantity(1 + (n % 1000) * 1_000_000).side(bid ? BookSide.BID : BookSide.ASK);
        offer(publication, MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());
    }

    private void offer(final ExclusivePublication publication, final int length)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("merged stream publication back-pressured for 10 s");
            }
            Thread.onSpinWait();
        }
    }

    private static void await(final java.util.function.BooleanSupplier condition, final String what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static double millis(final long nanos)
    {
        return nanos / 1_000_000.0;
    }

    private static long seconds(final long nanos)
    {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }
}
