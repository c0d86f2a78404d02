/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.alphapulse.bench.support.BenchFiles;
import io.alphapulse.bench.support.BenchThread;
import io.alphapulse.bench.support.LatencyClient;
import io.alphapulse.bench.support.Latencies;
import io.alphapulse.bridge.Bridge;
import io.alphapulse.collector.CollectorAgent;
import io.alphapulse.collector.CollectorConfiguration;
import io.alphapulse.collector.ErrorReporter;
import io.alphapulse.collector.ExchangeProtocol;
import io.alphapulse.collector.ExchangeProtocols;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.relay.Relay;
import io.alphapulse.schemas.marketdata.Exchange;
import org.HdrHistogram.Histogram;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One run of the {@code e2e} stage, everything in this JVM on its own temporary directories: an embedded media
 * driver with Archive, a real {@link Relay} (recording, as deployed) for the one exchange, a real
 * {@link CollectorAgent} (the exchange's decoder, {@link MarketDataProxy} onto an Aeron IPC publication) fed by a
 * {@link FrameFeed} at a fixed rate, and at the end either the engine's market-data path to a strategy
 * ({@link StrategyAgent}, {@link TimingStrategy}) or the WebSocket bridge and one JDK WebSocket client. Every agent
 * runs on its own thread with the profile's idle strategy, as the processes do.
 * <p>
 * A run fails, rather than report a figure, when a frame does not decode, a message is not published, the relay or
 * engine rejects one (other than fragments of long messages, counted), a book resyncs, or the strategy has not
 * seen every trade published within a bound; trades that do not reach the WebSocket client are counted and
 * reported.
 */
final class E2eRun
{
    /**
     * Where the path ends.
     */
    enum Consumer
    {
        /**
         * The engine's market-data path to a strategy's {@code onTrade}.
         */
        STRATEGY,

        /**
         * The WebSocket bridge to a client's {@code onText}.
         */
        WEBSOCKET
    }

    /**
     * What one run offers.
     *
     * @param exchange        exchange name ({@code kraken}, {@code coinbase}, {@code binance}).
     * @param mix             what the generator makes.
     * @param framesPerSecond offered rate.
     * @param consumer        where the path ends.
     * @param warmupNs        offered and not recorded.
     * @param measureNs       offered and recorded.
     */
    record Config(
        String exchange, SyntheticFrames.Mix mix, int framesPerSecond, Consumer consumer, long warmupNs, long measureNs)
    {
        long intervalNs()
        {
            return TimeUnit.SECONDS.toNanos(1) / framesPerSecond;
        }

        long warmupFrames()
        {
            return warmupNs / intervalNs();
        }

        long frames()
        {
            return (warmupNs + measureNs) / intervalNs();
        }
    }

    /**
     * What one run measured.
     *
     * @param latency           ns from each measured trade's intended receive time to the callback.
     * @param frames            frames offered, warm-up included.
     * @param messagesPublished SBE messages the collector published (trades, book updates, tickers, definitions,
     *                          feed events, heartbeats).
     * @param tradesPublished   trades the collector published, all seen by the consumer.
     * @param dropped           messages the collector did not publish: refused with {@code ADMIN_ACTION} and not
     *                          retried by {@code MarketDataProxy} (any other refusal fails the run).
     * @param maxLateNs         how far the feed fell behind its schedule at worst after the warm-up.
     * @param fullRing          frames that found the collector's ring full when due.
     * @param fragments         fragments of merged messages longer than the MTU the engine path was handed.
     * @param rejected          merged messages the engine path rejected (at most the fragments: any other
     *                          rejection fails the run).
     * @param undelivered       trades published that had not reached the WebSocket client 10 s after the feed
     *                          ended (always 0 for the strategy: a shortfall there fails the run).
     */
    record Outcome(
        Histogram latency,
        long frames,
        long messagesPublished,
        long tradesPublished,
        long dropped,
        long maxLateNs,
        long fullRing,
        long fragments,
        long rejected,
        long undelivered)
    {
    }

    private static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD", "SOL-USD");
    private static final long SEED = 7;
    private static final int RING_CAPACITY = 8 * 1024 * 1024;
    private static final int ENGINE_FRAGMENT_LIMIT = 64;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long WEBSOCKET_DRAIN_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long START_MARGIN_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private E2eRun()
    {
    }

    /**
     * Run once.
     *
     * @param config   what to offer.
     * @param profile  idle strategies and driver threading.
     * @param progress where to report.
     * @return what was measured.
     * @throws Exception when the run cannot be set up or is not complete and clean.
     */
    static Outcome run(final Config config, final Profile profile, final PrintStream progress) throws Exception
    {
        final ExchangeProtocol protocol = ExchangeProtocols.forName(config.exchange());
        final Exchange exchange = protocol.exchange();
        final long epochOffsetNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
        final EpochNanoClock clock = () -> System.nanoTime() + epochOffsetNs;
        final AtomicReference<Throwable> agentFailure = new AtomicReference<>();
        final Path aeronParent = BenchFiles.aeronParent("alphapulse-bench-e2e-");
        final Path workDir = Files.createTempDirectory("ap-e2e-bench-");
        final List<AutoCloseable> closeables = new ArrayList<>();
        FrameFeed feed = null;
        try
        {
            final PulseMediaDriver driver = add(closeables, PulseMediaDriver.launch(new PulseMediaDriver.Context()
                .profile(profile)
                .aeronDirectoryName(aeronParent.resolve("aeron").toString())
                .archiveDirectoryName(workDir.resolve("archive").toString())));
            add(closeables, Relay.launch(new Relay.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .profile(profile)
                .exchanges(List.of(exchange))
                .indexDir(workDir.resolve("index"))
                .checkpointFile(workDir.resolve("relay-checkpoint.dat"))));
            final Aeron aeron = add(closeables,
                Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())));

            // The consumer first, so it sees the instrument definitions the collector publishes before its data.
            final LongSupplier consumed;
            final Histogram[] latency = new Histogram[1];
            final java.util.function.LongConsumer recordFrom;
            final Runnable stopConsumer;
            final java.util.function.Supplier<String> diagnostics;
            final StrategyAgent[] engine = new StrategyAgent[1];
            if (Consumer.STRATEGY == config.consumer())
            {
                final Subscription merged = add(closeables,
                    aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED));
                final TimingStrategy strategy = new TimingStrategy(epochOffsetNs);
                engine[0] = new StrategyAgent(merged, ENGINE_FRAGMENT_LIMIT, strategy);
                final AgentRunner runner = new AgentRunner(
                    profile.agentIdleStrategy(), (ex) -> agentFailure.compareAndSet(null, ex), null, engine[0]);
                await(merged::isConnected, "the engine's subscription to join the merged stream");
                AgentRunner.startOnThread(runner);
                add(closeables, runner);
                consumed = strategy::trades;
                diagnostics = () -> "strategy saw " + strategy.trades() + " trades";
                recordFrom = (epochNs) -> strategy.recordFrom(epochNs);
                stopConsumer = () ->
                {
                    runner.close();
                    latency[0] = strategy.histogram();
                };
            }
            else
            {
                final Bridge bridge = add(closeables, Bridge.launch(new Bridge.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .profile(profile)
                    .host("127.0.0.1")
                    .port(0)
                    .authEnabled(false)
                    .maxConnections(10)
                    .slowClientTimeoutNs(TimeUnit.SECONDS.toNanos(30))));
                await(bridge::isLive, "the bridge to join the merged stream");
                final HttpClient http = HttpClient.newHttpClient();
                add(closeables, http::close);
                final LatencyClient client = new LatencyClient(
                    Latencies.HIGHEST_TRACKABLE_NS, LatencyClient.receiveTime(epochOffsetNs), Long.MAX_VALUE);
                client.connect(http, bridge.uri(), "{\"op\":\"subscribe\",\"channel\":\"trades\"}");
                client.recordLatency(true);
                add(closeables, client::close);
                // The acknowledgement itself, not any first message (a heartbeat can come first): trades fanned out
                // before the bridge has processed the subscription never reach this client.
                await(() -> bridge.stats().clients.get() == 1 && client.acks() >= 1,
                    "the client to connect to the bridge and its subscription to be acknowledged");
                consumed = client::trades;
                diagnostics = () -> String.format(Locale.ROOT, "client saw %,d trades in %,d messages; bridge read " +
                    "%,d (%,d before their definition), sent %,d, skipped %,d, conflated %,d, dropped %d clients",
                    client.trades(), client.messages(), bridge.stats().messagesReceived.get(),
                    bridge.stats().undecodable.get(), bridge.stats().messagesSent.get(),
                    bridge.stats().skipped.get(), bridge.stats().conflated.get(),
                    bridge.stats().droppedClients.get());
                recordFrom = (epochNs) -> client.recordFrom(epochNs - epochOffsetNs);
                stopConsumer = () -> latency[0] = client.histogram();
            }

            // The collector: the exchange's subscription frames and REST snapshots are made before the feed starts.
            final InstrumentRegistry registry = new InstrumentRegistry();
            final List<String> venueSymbols = new ArrayList<>();
            final List<Instrument> instruments = new ArrayList<>();
            for (final String symbol : SYMBOLS)
            {
                final String venueSymbol = protocol.venueSymbol(Exchange.BINANCE == exchange ? symbol + "T" : symbol);
                venueSymbols.add(venueSymbol);
                instruments.add(registry.resolve(exchange, venueSymbol, protocol.normalizer()));
            }
            final SyntheticFrames generator = protocol.syntheticFrames(venueSymbols, SEED, config.mix());
            final List<byte[]> subscriptionFrames = new ArrayList<>();
            generator.onSubscribed((buffer, length) -> subscriptionFrames.add(copy(buffer, length)), clock.nanoTime());
            final Map<String, byte[]> snapshots = new HashMap<>();
            final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
            for (final String venueSymbol : venueSymbols)
            {
                final int length = generator.restSnapshot(venueSymbol, snapshot);
                if (length > 0)
                {
                    snapshots.put(venueSymbol, copy(snapshot, length));
                }
            }

            final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH, 64)));
            final RingFrameSource source = new RingFrameSource(ring, subscriptionFrames, snapshots);
            final ExclusivePublication publication = add(closeables,
                aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, Relay.streamId(exchange)));
            await(publication::isConnected, "the relay to subscribe to the collector stream");
            final CountingSink sink = new CountingSink(publication);
            final MarketDataProxy proxy = new MarketDataProxy(sink, clock, exchange);
            final CollectorAgent collector = new CollectorAgent(
                protocol,
                source,
                proxy,
                registry,
                instruments,
                clock,
                null,
                new ErrorReporter(progress, "collector-" + config.exchange(), TimeUnit.SECONDS.toNanos(60)),
                null,
                CollectorConfiguration.FRAME_LIMIT_DEFAULT,
                CollectorConfiguration.HEARTBEAT_INTERVAL_NS_DEFAULT,
                CollectorConfiguration.STALE_TIMEOUT_NS_DEFAULT,
                () -> {});
            final AgentRunner collectorRunner = new AgentRunner(
                profile.agentIdleStrategy(), (ex) -> agentFailure.compareAndSet(null, ex), null, collector);
            AgentRunner.startOnThread(collectorRunner);
            add(closeables, collectorRunner);
            await(() -> collector.framesReceived() >= subscriptionFrames.size(),
                "the collector to take its subscription frames");

            // The feed: the warm-up ends a fixed time after its start; trades intended before are not recorded.
            feed = new FrameFeed(generator, ring, config.frames(), config.warmupFrames(), config.intervalNs(),
                epochOffsetNs);
            recordFrom.accept(System.nanoTime() + START_MARGIN_NS + config.warmupNs() + epochOffsetNs);
            feed.start();
            final long runNs = config.frames() * config.intervalNs();
            final long deadlineNs = System.nanoTime() + runNs + DRAIN_TIMEOUT_NS;
            while (!feed.finished())
            {
                BenchThread.awaitNs(TimeUnit.MILLISECONDS.toNanos(100), feed);
                checkAgents(agentFailure);
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new IllegalStateException("the feed did not finish within " +
                        TimeUnit.NANOSECONDS.toSeconds(runNs + DRAIN_TIMEOUT_NS) + " s");
                }
            }
            feed.join(DRAIN_TIMEOUT_NS);
            final long sent = feed.sent();
            await(() -> source.framesRead() == sent, "the collector to read every frame");
            final long trades = sink.tradesPublished();
            long undelivered = 0;
            if (Consumer.STRATEGY == config.consumer())
            {
                await(() -> consumed.getAsLong() >= trades || null != agentFailure.get(),
                    () -> "the consumer to see all " + trades + " trades: " + diagnostics.get());
            }
            else
            {
                // The bridge is not lossless by design for a slow client, but here it drops none and skips none, so
                // a shortfall is a defect to show with the figures, not a reason to show none.
                final long deadline = System.nanoTime() + WEBSOCKET_DRAIN_NS;
                while (consumed.getAsLong() < trades && System.nanoTime() - deadline < 0)
                {
                    Thread.sleep(1);
                }
                undelivered = trades - consumed.getAsLong();
                if (undelivered > 0)
                {
                    progress.println("    NOTE: " + undelivered + " of " + trades + " trades had not reached the " +
                        "client " + TimeUnit.NANOSECONDS.toSeconds(WEBSOCKET_DRAIN_NS) + " s after the feed ended: " +
                        diagnostics.get());
                }
            }
            stopConsumer.run();
            collectorRunner.close();
            checkAgents(agentFailure);

            // MarketDataProxy offers again when refused with ADMIN_ACTION (the term rotated during the offer), so
            // those refusals are counted and reported but lose nothing; any message not published fails the run.
            if (collector.decodeErrors() > 0 || proxy.droppedCount() > 0 ||
                sink.otherRefusals() > 0 || source.repeatedSnapshotRequests() > 0 ||
                collector.resyncs() > snapshots.size())
            {
                throw new IllegalStateException(String.format(Locale.ROOT, "run not clean: %d decode errors, %d " +
                    "messages not published (%d back-pressured, %d admin action), %d resyncs, %d repeated snapshot " +
                    "requests", collector.decodeErrors(), proxy.droppedCount(), proxy.backPressuredCount(),
                    sink.adminActions(), collector.resyncs(), source.repeatedSnapshotRequests()));
            }
            final long rejected = null == engine[0] ? 0 : engine[0].rejected();
            final long fragments = null == engine[0] ? 0 : engine[0].fragmentsOfLongMessages();
            if (rejected > 0)
            {
                throw new IllegalStateException("the engine path rejected " + rejected + " merged messages (" +
                    fragments + " fragments of long messages were reassembled)");
            }
            if (consumed.getAsLong() + undelivered != trades)
            {
                throw new IllegalStateException("the consumer saw " + consumed.getAsLong() + " trades of " + trades);
            }
            return new Outcome(latency[0], sent, proxy.publishedCount(), trades, proxy.droppedCount(),
                feed.maxLateNs(), feed.fullRing(), fragments, rejected, undelivered);
        }
        finally
        {
            if (null != feed && !feed.finished())
            {
                BenchThread.stopAll(List.of(feed), TimeUnit.SECONDS.toNanos(10));
            }
            for (int i = closeables.size() - 1; i >= 0; i--)
            {
                CloseHelper.quietClose(closeables.get(i));
            }
            BenchFiles.deleteRecursively(aeronParent);
            BenchFiles.deleteRecursively(workDir);
        }
    }

    private static <T extends AutoCloseable> T add(final List<AutoCloseable> closeables, final T closeable)
    {
        closeables.add(closeable);
        return closeable;
    }

    private static void checkAgents(final AtomicReference<Throwable> agentFailure)
    {
        final Throwable ex = agentFailure.get();
        if (null != ex)
        {
            throw new IllegalStateException("an agent of the run failed: " + ex, ex);
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        await(condition, () -> what);
    }

    private static void await(final BooleanSupplier condition, final java.util.function.Supplier<String> what)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("timed out after 30 s waiting for " + what.get());
            }
            Thread.sleep(1);
        }
    }

    private static byte[] copy(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
