/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.alphapulse.collector.source.FrameCapture;
import io.alphapulse.collector.source.FrameSource;
import io.alphapulse.collector.source.ReplayFrameSource;
import io.alphapulse.collector.source.SyntheticFrameSource;
import io.alphapulse.collector.source.WebSocketFrameSource;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.ProcessErrorLog;
import io.alphapulse.driver.PulseCounters;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One exchange collector: a frame source, the exchange's decoder and an Aeron publication of SBE market data, run by
 * an {@link AgentRunner} on its own thread. One process per exchange, so a crash or reconnect of one never touches
 * another.
 */
public final class Collector implements AutoCloseable
{
    /**
     * Where frames come from.
     */
    public enum Source
    {
        /**
         * The exchange WebSocket.
         */
        LIVE,

        /**
         * A JSONL file of recorded frames.
         */
        REPLAY,

        /**
         * The synthetic generator.
         */
        SYNTHETIC
    }

    private final Context ctx;
    private final Aeron aeron;
    private final ExclusivePublication publication;
    private final List<AtomicCounter> counters = new ArrayList<>();
    private final CollectorAgent agent;
    private final AgentRunner runner;
    private final ProcessErrorLog errorLog;

    private Collector(final Context ctx, final Runnable onSourceDone)
    {
        this.ctx = ctx;
        final ExchangeProtocol protocol = ctx.protocol();
        final Exchange exchange = protocol.exchange();
        final EpochNanoClock clock = new OffsetEpochNanoClock();
        final String role = "collector-" + exchange.name().toLowerCase(Locale.ROOT);
        errorLog = ProcessErrorLog.create(ctx.aeronDirectoryName(), role);
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())
            .errorHandler(errorLog.errorHandler(System.err, role + " aeron client", null)));
        try
        {
            publication = aeron.addExclusivePublication(ctx.channel(), ctx.streamId());
            final InstrumentRegistry registry = new InstrumentRegistry(ctx.registryFile());
            final List<Instrument> instruments = new ArrayList<>();
            final List<String> venueSymbols = new ArrayList<>();
            for (final String symbol : ctx.symbols())
            {
                final String venueSymbol = protocol.venueSymbol(symbol);
                venueSymbols.add(venueSymbol);
                instruments.add(registry.resolve(exchange, venueSymbol, protocol.normalizer()));
            }

            final FrameSource source = switch (ctx.source())
            {
                case LIVE -> new WebSocketFrameSource(
                    protocol.connectUri(ctx.endpoint(), venueSymbols),
                    ctx.restEndpoint(),
                    (symbol) -> protocol.snapshotUri(ctx.restEndpoint(), symbol),
                    protocol.subscribeFrames(venueSymbols),
                    protocol.applicationPing(),
                    clock,
                    ctx.frameBufferBytes(),
                    ctx.reconnectMinNs(),
                    ctx.reconnectMaxNs(),
                    ctx.maxConnectionAgeNs(),
                    ctx.idleTimeoutNs());
                case REPLAY -> new ReplayFrameSource(ctx.replayFile(), ctx.paced(), clock);
                case SYNTHETIC -> new SyntheticFrameSource(
                    protocol.syntheticFrames(venueSymbols, ctx.seed(),
                        io.alphapulse.collector.source.SyntheticFrames.Mix.MIXED), ctx.syntheticRate());
            };

            final String label = ": exchange=" + exchange;
            final CollectorAgent.Counters agentCounters = new CollectorAgent.Counters(
                counter(PulseCounters.COLLECTOR_FRAMES_RECEIVED_TYPE_ID, "collector frames received" + label),
                counter(PulseCounters.COLLECTOR_MESSAGES_PUBLISHED_TYPE_ID, "collector messages published" + label),
                counter(PulseCounters.COLLECTOR_BACK_PRESSURE_TYPE_ID, "collector back-pressured" + label),
                counter(PulseCounters.COLLECTOR_NOT_CONNECTED_TYPE_ID, "collector not connected" + label),
                counter(PulseCounters.COLLECTOR_DECODE_ERRORS_TYPE_ID, "collector decode errors" + label),
                counter(PulseCounters.COLLECTOR_CONNECTS_TYPE_ID, "collector connects" + label),
                counter(PulseCounters.COLLECTOR_CONNECTION_STATE_TYPE_ID, "collector connection state" + label),
                counter(PulseCounters.COLLECTOR_RESYNCS_TYPE_ID, "collector resyncs" + label),
                counter(PulseCounters.COLLECTOR_STALE_TYPE_ID, "collector stale subscriptions" + label),
                counter(PulseCounters.COLLECTOR_LAST_FRAME_TIME_TYPE_ID, "collector last frame time ns" + label),
                counter(PulseCounters.COLLECTOR_MAX_CYCLE_TIME_TYPE_ID, "collector max cycle time ns" + label),
                counter(PulseCounters.COLLECTOR_CLOCK_SKEW_TYPE_ID, "collector clock skew" + label));
            final AtomicCounter errorCounter = counter(PulseCounters.COLLECTOR_ERRORS_TYPE_ID,
                "collector errors" + label);

            final ErrorReporter errors = new ErrorReporter(System.err, role, TimeUnit.SECONDS.toNanos(60));
            final MarketDataProxy proxy = new MarketDataProxy(publication::offer, clock, exchange);
            if (Source.LIVE == ctx.source())
            {
                proxy.clockSkewTolerance(ctx.clockSkewAheadNs(), ctx.clockSkewBehindNs());
            }
            agent = new CollectorAgent(
                protocol,
                source,
                proxy,
                registry,
                instruments,
                clock,
                agentCounters,
                errors,
                null == ctx.captureFile() ? null : new FrameCapture(ctx.captureFile()),
                ctx.frameLimit(),
                ctx.heartbeatIntervalNs(),
                ctx.staleTimeoutNs(),
                onSourceDone);
            runner = new AgentRunner(
                ctx.profile().agentIdleStrategy(),
                (throwable) ->
                {
                    errorLog.record(throwable);
                    errors.report("error", throwable.toString(), clock.nanoTime());
                },
                errorCounter,
                agent);
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
    }

    private AtomicCounter counter(final int typeId, final String label)
    {
        final AtomicCounter counter = PulseCounters.add(aeron, typeId, label);
        counters.add(counter);
        return counter;
    }

    /**
     * Start a collector on its own thread.
     *
     * @param ctx          settings; concluded here.
     * @param onSourceDone called when a finite source (replay) is exhausted.
     * @return the running collector.
     */
    public static Collector launch(final Context ctx, final Runnable onSourceDone)
    {
        ctx.conclude();
        final Collector collector = new Collector(ctx, onSourceDone);
        AgentRunner.startOnThread(collector.runner);
        return collector;
    }

    /**
     * The agent, for its statistics.
     *
     * @return the agent.
     */
    public CollectorAgent agent()
    {
        return agent;
    }

    /**
     * Settings.
     *
     * @return settings.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * The effective configuration, as printed at start.
     *
     * @return one setting per line.
     */
    public String describe()
    {
        return "collector " + ctx.protocol().exchange() + System.lineSeparator() +
            "  source          " + ctx.source() + describeSource() + System.lineSeparator() +
            "  symbols         " + String.join(",", ctx.symbols()) + System.lineSeparator() +
            "  publication     " + ctx.channel() + " stream " + ctx.streamId() + System.lineSeparator() +
            "  aeron dir       " + ctx.aeronDirectoryName() + System.lineSeparator() +
            "  profile         " + ctx.profile() + System.lineSeparator() +
            "  instrument ids  " + ctx.registryFile() + System.lineSeparator() +
            "  capture         " + (null == ctx.captureFile() ? "off" : ctx.captureFile()) + System.lineSeparator() +
            "  stale after     " + ctx.staleTimeoutNs() / 1_000_000L + " ms";
    }

    private String describeSource()
    {
        return switch (ctx.source())
        {
            case LIVE -> " " + ctx.protocol().connectUri(ctx.endpoint(), ctx.symbols().stream()
                .map(ctx.protocol()::venueSymbol).toList()) +
                (ctx.protocol().usesRestSnapshots() ? " (snapshots from " + ctx.restEndpoint() + ")" : "");
            case REPLAY -> " " + ctx.replayFile() + (ctx.paced() ? " paced by recorded times" : " at maximum speed");
            case SYNTHETIC -> " " + ctx.syntheticRate() + " frames/s, seed " + ctx.seed();
        };
    }

    /**
     * Stop the agent, then release the publication, counters and client.
     */
    public void close()
    {
        CloseHelper.close(runner);
        CloseHelper.closeAll(counters);
        CloseHelper.close(publication);
        CloseHelper.close(aeron);
        CloseHelper.close(errorLog);
    }

    /**
     * Print the configuration, run until SIGINT/SIGTERM or the end of a replay, then stop.
     *
     * @param ctx settings.
     * @param out where to print.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out)
    {
        try (org.agrona.concurrent.ShutdownSignalBarrier barrier = new org.agrona.concurrent.ShutdownSignalBarrier();
            Collector collector = launch(ctx, barrier::signal))
        {
            out.println(collector.describe());
            out.println("running; Ctrl-C to stop");
            out.flush();
            barrier.await();
            final CollectorAgent agent = collector.agent();
            out.println("stopping: " + agent.framesReceived() + " frames, " + agent.proxy().publishedCount() +
                " messages published, " + agent.proxy().droppedCount() + " not published, " +
                agent.decodeErrors() + " decode errors, " + agent.resyncs() + " resyncs");
        }
    }

    /**
     * Settings of one collector. Defaults come from {@link CollectorConfiguration}.
     */
    public static final class Context
    {
        private ExchangeProtocol protocol;
        private List<String> symbols;
        private Source source = Source.LIVE;
        private URI endpoint;
        private URI restEndpoint;
        private Path replayFile;
        private boolean paced;
        private long syntheticRate = CollectorConfiguration.SYNTHETIC_RATE_DEFAULT;
        private long seed = 42;
        private Path captureFile;
        private String aeronDirectoryName;
        private String channel = StreamIds.COLLECTOR_CHANNEL;
        private int streamId;
        private Profile profile;
        private Path registryFile;
        private int frameLimit = CollectorConfiguration.FRAME_LIMIT_DEFAULT;
        private int frameBufferBytes = CollectorConfiguration.FRAME_BUFFER_BYTES_DEFAULT;
        private long heartbeatIntervalNs = CollectorConfiguration.HEARTBEAT_INTERVAL_NS_DEFAULT;
        private long staleTimeoutNs = CollectorConfiguration.STALE_TIMEOUT_NS_DEFAULT;
        private long idleTimeoutNs = CollectorConfiguration.IDLE_TIMEOUT_NS_DEFAULT;
        private long reconnectMinNs = CollectorConfiguration.RECONNECT_MIN_NS_DEFAULT;
        private long reconnectMaxNs = CollectorConfiguration.RECONNECT_MAX_NS_DEFAULT;
        private long maxConnectionAgeNs = CollectorConfiguration.MAX_CONNECTION_AGE_NS_DEFAULT;
        private long clockSkewAheadNs = CollectorConfiguration.CLOCK_SKEW_AHEAD_NS_DEFAULT;
        private long clockSkewBehindNs = CollectorConfiguration.CLOCK_SKEW_BEHIND_NS_DEFAULT;
        private boolean concluded;

        /**
         * Validate and fill in defaults.
         *
         * @return this for a fluent API.
         * @throws IllegalArgumentException naming the bad value.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == protocol)
            {
                throw new IllegalArgumentException("no exchange: use --exchange kraken|coinbase|binance");
            }
            if (null == symbols || symbols.isEmpty())
            {
                throw new IllegalArgumentException("no symbols: use --symbols BTC-USD,ETH-USD");
            }
            for (final String symbol : symbols)
            {
                if (!symbol.matches("[A-Z0-9]+-[A-Z0-9]+"))
                {
                    throw new IllegalArgumentException("symbol '" + symbol + "' is not canonical BASE-QUOTE, " +
                        "e.g. BTC-USD");
                }
            }
            final Exchange exchange = protocol.exchange();
            if (null == endpoint)
            {
                endpoint = protocol.defaultEndpoint();
            }
            if (null == restEndpoint)
            {
                restEndpoint = CollectorConfiguration.defaultRestEndpoint(exchange);
            }
            if (Source.REPLAY == source && null == replayFile)
            {
                throw new IllegalArgumentException("--source replay needs a file: --replay FILE");
            }
            if (Source.REPLAY == source && !java.nio.file.Files.isReadable(replayFile))
            {
                throw new IllegalArgumentException("cannot read replay file '" + replayFile + "'");
            }
            if (syntheticRate <= 0)
            {
                throw new IllegalArgumentException("synthetic rate must be positive, got " + syntheticRate);
            }
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (0 == streamId)
            {
                streamId = CollectorConfiguration.defaultStreamId(exchange);
            }
            if (null == profile)
            {
                profile = MediaDriverConfiguration.profile();
            }
            if (null == registryFile)
            {
                registryFile = Path.of("var", "instruments-" + exchange.name().toLowerCase(Locale.ROOT) + ".csv");
            }
            if (Integer.bitCount(frameBufferBytes) != 1)
            {
                throw new IllegalArgumentException("frame buffer must be a power of two, got " + frameBufferBytes);
            }
            if (staleTimeoutNs <= 0 || idleTimeoutNs <= 0 || heartbeatIntervalNs <= 0)
            {
                throw new IllegalArgumentException("timeouts and intervals must be positive");
            }
            if (clockSkewAheadNs <= 0 || clockSkewBehindNs <= 0)
            {
                throw new IllegalArgumentException("clock skew tolerances must be positive, got ahead " +
                    clockSkewAheadNs + " ns, behind " + clockSkewBehindNs + " ns");
            }
            concluded = true;
            return this;
        }

        /**
         * Exchange protocol.
         *
         * @return exchange protocol.
         */
        public ExchangeProtocol protocol()
        {
            return protocol;
        }

        /**
         * Exchange protocol.
         *
         * @param protocol exchange protocol.
         * @return this for a fluent API.
         */
        public Context protocol(final ExchangeProtocol protocol)
        {
            this.protocol = protocol;
            return this;
        }

        /**
         * Canonical symbols.
         *
         * @return canonical symbols.
         */
        public List<String> symbols()
        {
            return symbols;
        }

        /**
         * Canonical symbols, e.g. BTC-USD.
         *
         * @param symbols canonical symbols.
         * @return this for a fluent API.
         */
        public Context symbols(final List<String> symbols)
        {
            this.symbols = List.copyOf(symbols);
            return this;
        }

        /**
         * Source.
         *
         * @return source.
         */
        public Source source()
        {
            return source;
        }

        /**
         * Source.
         *
         * @param source source.
         * @return this for a fluent API.
         */
        public Context source(final Source source)
        {
            this.source = source;
            return this;
        }

        /**
         * WebSocket endpoint.
         *
         * @return endpoint.
         */
        public URI endpoint()
        {
            return endpoint;
        }

        /**
         * WebSocket endpoint.
         *
         * @param endpoint endpoint.
         * @return this for a fluent API.
         */
        public Context endpoint(final URI endpoint)
        {
            this.endpoint = endpoint;
            return this;
        }

        /**
         * REST endpoint for snapshots.
         *
         * @return REST endpoint.
         */
        public URI restEndpoint()
        {
            return restEndpoint;
        }

        /**
         * REST endpoint for snapshots.
         *
         * @param restEndpoint REST endpoint.
         * @return this for a fluent API.
         */
        public Context restEndpoint(final URI restEndpoint)
        {
            this.restEndpoint = restEndpoint;
            return this;
        }

        /**
         * Replay file.
         *
         * @return replay file.
         */
        public Path replayFile()
        {
            return replayFile;
        }

        /**
         * Replay file.
         *
         * @param replayFile replay file.
         * @return this for a fluent API.
         */
        public Context replayFile(final Path replayFile)
        {
            this.replayFile = replayFile;
            return this;
        }

        /**
         * Whether a replay keeps the recorded spacing.
         *
         * @return true when paced.
         */
        public boolean paced()
        {
            return paced;
        }

        /**
         * Whether a replay keeps the recorded spacing.
         *
         * @param paced true when paced.
         * @return this for a fluent API.
         */
        public Context paced(final boolean paced)
        {
            this.paced = paced;
            return this;
        }

        /**
         * Synthetic frames per second.
         *
         * @return synthetic frames per second.
         */
        public long syntheticRate()
        {
            return syntheticRate;
        }

        /**
         * Synthetic frames per second.
         *
         * @param syntheticRate frames per second.
         * @return this for a fluent API.
         */
        public Context syntheticRate(final long syntheticRate)
        {
            this.syntheticRate = syntheticRate;
            return this;
        }

        /**
         * Synthetic seed.
         *
         * @return seed.
         */
        public long seed()
        {
            return seed;
        }

        /**
         * Synthetic seed.
         *
         * @param seed seed.
         * @return this for a fluent API.
         */
        public Context seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * Raw-frame capture file, or null.
         *
         * @return capture file.
         */
        public Path captureFile()
        {
            return captureFile;
        }

        /**
         * Raw-frame capture file, or null.
         *
         * @param captureFile capture file.
         * @return this for a fluent API.
         */
        public Context captureFile(final Path captureFile)
        {
            this.captureFile = captureFile;
            return this;
        }

        /**
         * Aeron directory.
         *
         * @return Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Aeron directory.
         *
         * @param aeronDirectoryName Aeron directory.
         * @return this for a fluent API.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * Publication channel.
         *
         * @return channel.
         */
        public String channel()
        {
            return channel;
        }

        /**
         * Publication channel.
         *
         * @param channel channel.
         * @return this for a fluent API.
         */
        public Context channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /**
         * Publication stream id.
         *
         * @return stream id.
         */
        public int streamId()
        {
            return streamId;
        }

        /**
         * Publication stream id.
         *
         * @param streamId stream id.
         * @return this for a fluent API.
         */
        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * Profile.
         *
         * @return profile.
         */
        public Profile profile()
        {
            return profile;
        }

        /**
         * Profile.
         *
         * @param profile profile.
         * @return this for a fluent API.
         */
        public Context profile(final Profile profile)
        {
            this.profile = profile;
            return this;
        }

        /**
         * Instrument registry file.
         *
         * @return registry file.
         */
        public Path registryFile()
        {
            return registryFile;
        }

        /**
         * Instrument registry file.
         *
         * @param registryFile registry file.
         * @return this for a fluent API.
         */
        public Context registryFile(final Path registryFile)
        {
            this.registryFile = registryFile;
            return this;
        }

        /**
         * Frames per duty cycle.
         *
         * @return frame limit.
         */
        public int frameLimit()
        {
            return frameLimit;
        }

        /**
         * Frame ring bytes.
         *
         * @return frame buffer bytes.
         */
        public int frameBufferBytes()
        {
            return frameBufferBytes;
        }

        /**
         * Frame ring bytes (power of two; frames up to an eighth fit).
         *
         * @param frameBufferBytes bytes.
         * @return this for a fluent API.
         */
        public Context frameBufferBytes(final int frameBufferBytes)
        {
            this.frameBufferBytes = frameBufferBytes;
            return this;
        }

        /**
         * Heartbeat interval.
         *
         * @return heartbeat interval ns.
         */
        public long heartbeatIntervalNs()
        {
            return heartbeatIntervalNs;
        }

        /**
         * Stale subscription timeout.
         *
         * @return stale timeout ns.
         */
        public long staleTimeoutNs()
        {
            return staleTimeoutNs;
        }

        /**
         * Stale subscription timeout.
         *
         * @param staleTimeoutNs ns.
         * @return this for a fluent API.
         */
        public Context staleTimeoutNs(final long staleTimeoutNs)
        {
            this.staleTimeoutNs = staleTimeoutNs;
            return this;
        }

        /**
         * Dead-connection timeout.
         *
         * @return idle timeout ns.
         */
        public long idleTimeoutNs()
        {
            return idleTimeoutNs;
        }

        /**
         * Dead-connection timeout.
         *
         * @param idleTimeoutNs ns.
         * @return this for a fluent API.
         */
        public Context idleTimeoutNs(final long idleTimeoutNs)
        {
            this.idleTimeoutNs = idleTimeoutNs;
            return this;
        }

        /**
         * First reconnect delay.
         *
         * @return ns.
         */
        public long reconnectMinNs()
        {
            return reconnectMinNs;
        }

        /**
         * Reconnect delays.
         *
         * @param minNs first delay.
         * @param maxNs largest delay.
         * @return this for a fluent API.
         */
        public Context reconnectDelays(final long minNs, final long maxNs)
        {
            this.reconnectMinNs = minNs;
            this.reconnectMaxNs = maxNs;
            return this;
        }

        /**
         * Largest reconnect delay.
         *
         * @return ns.
         */
        public long reconnectMaxNs()
        {
            return reconnectMaxNs;
        }

        /**
         * Maximum connection age before a planned reconnect.
         *
         * @return ns.
         */
        public long maxConnectionAgeNs()
        {
            return maxConnectionAgeNs;
        }

        /**
         * Maximum connection age before a planned reconnect.
         *
         * @param maxConnectionAgeNs ns.
         * @return this for a fluent API.
         */
        public Context maxConnectionAgeNs(final long maxConnectionAgeNs)
        {
            this.maxConnectionAgeNs = maxConnectionAgeNs;
            return this;
        }

        /**
         * Clock skew tolerances: a message whose exchange time is more than {@code aheadNs} ahead of, or more than
         * {@code behindNs} behind, its receive time is counted ({@code collector clock skew}) and reported once per
         * connection. It is published all the same, both times untouched. Checked for live sources only: a replay
         * of bare frames stamps old exchange times with today's receive time.
         *
         * @param aheadNs  ns exchange time may run ahead of receive time.
         * @param behindNs ns exchange time may lag receive time.
         * @return this for a fluent API.
         */
        public Context clockSkewTolerance(final long aheadNs, final long behindNs)
        {
            this.clockSkewAheadNs = aheadNs;
            this.clockSkewBehindNs = behindNs;
            return this;
        }

        /**
         * Exchange time ahead of receive time beyond which a message counts as clock skew.
         *
         * @return ns.
         */
        public long clockSkewAheadNs()
        {
            return clockSkewAheadNs;
        }

        /**
         * Exchange time behind receive time beyond which a message counts as clock skew.
         *
         * @return ns.
         */
        public long clockSkewBehindNs()
        {
            return clockSkewBehindNs;
        }
    }
}
