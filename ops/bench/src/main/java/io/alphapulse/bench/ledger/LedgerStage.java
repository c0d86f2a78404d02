/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.ledger;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.support.BenchFiles;
import io.alphapulse.bench.support.JvmActivity;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.engine.L2Book;
import io.alphapulse.engine.MarketDataAdapter;
import io.alphapulse.engine.MarketDataHandler;
import io.alphapulse.ledger.Ledger;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerConfiguration;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerEventHandler;
import io.alphapulse.ledger.LedgerNode;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderSink;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.StrategyHost;
import io.alphapulse.strategy.TradeEvent;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code ledger}: the order round trip engine -> ledger -> acknowledgement on a one-member cluster (paced latency
 * with HdrHistogram, from the intended send time so a stall is not hidden; then sustained throughput with a bounded
 * window of unacknowledged orders), and tick-to-order inside the engine (SBE trade decoded, book/strategy dispatch,
 * the strategy's order encoded as SBE).
 * <p>
 * The round trip runs several set-ups side by side, alternating, with a fresh member each round: the configuration
 * before the latency work as the anchor, then the default (see {@code #setups}). On a shared machine only figures of
 * the same run compare.
 * <p>
 * The client cancels every order once it is acknowledged, as a quoting strategy replaces its quotes: the member's
 * open orders stay bounded (at most the window), so the ledger runs in its steady state (closed orders reused, maps
 * grown once) instead of holding every order of the run (millions at the throughput phase's rate, gigabytes of
 * heap whose copying by the collector landed as 0.2-1 s pauses in the measured rounds). The round trip timed is the
 * new order's, to its acceptance. Collections and bytes allocated during each measured round are recorded
 * ({@link JvmActivity}), so a record says whether a pause fell inside it.
 */
public final class LedgerStage implements BenchStage
{
    /**
     * Stage name.
     */
    public static final String NAME = "ledger";

    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int LATENCY_RATE_PER_SECOND = 10_000;
    private static final int WINDOW = 2_000;
    private static final int CANCEL_RING = 1 << 17;
    private static final int BTC = 20000;

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
        return "order round trip engine -> ledger (1-node Aeron Cluster) -> ack, p50/p99/max and sustained " +
            "orders/s, the default configuration against the one before, side by side; tick-to-order inside the " +
            "engine (decode, strategy, order encode)";
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return "the ledger configuration before the latency work (UDP through the client's own driver, agents " +
            "parking up to 1 ms, a busy-polling client), run side by side with the default in the same run";
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final List<BenchResult> results = new ArrayList<>();
        final Profile profile = MediaDriverConfiguration.profile();
        results.addAll(tickToOrder(quick, progress));

        final List<Setup> setups = setups(profile);
        final int rounds = quick ? 1 : 2;
        final Map<String, Histogram> roundTrips = new LinkedHashMap<>();
        final Map<String, Double> throughputs = new LinkedHashMap<>();
        final Map<String, MeasuredActivity> activities = new LinkedHashMap<>();
        final JvmActivity jvm = new JvmActivity();
        for (final Setup setup : setups)
        {
            roundTrips.put(setup.name, new Histogram(HIGHEST_TRACKABLE_NS, 3));
            throughputs.put(setup.name, 0.0);
            activities.put(setup.name, new MeasuredActivity(jvm.collectorNames().size()));
        }
        progress.println(String.format(Locale.ROOT, "  [ledger] profile %s, %d cores; %d set-ups side by side, %d " +
            "round(s) each, alternating (the machine may be shared: compare set-ups within this run)", profile,
            Runtime.getRuntime().availableProcessors(), setups.size(), rounds));
        for (int round = 0; round < rounds; round++)
        {
            for (final Setup setup : setups)
            {
                final double ordersPerSecond = measure(
                    setup, quick, roundTrips.get(setup.name), jvm, activities.get(setup.name), progress);
                throughputs.put(setup.name, throughputs.get(setup.name) + ordersPerSecond / rounds);
            }
        }

        final Setup anchor = setups.get(0);
        final Histogram anchorHistogram = roundTrips.get(anchor.name);
        for (final Setup setup : setups)
        {
            final Histogram histogram = roundTrips.get(setup.name);
            final boolean isAnchor = setup == anchor;
            final String anchorName = isAnchor ? null : anchor.name + " (" + anchor.description + "), same run";
            final String conditions = String.format(Locale.ROOT, ", 1 member, %s, %,d orders/s [%s]",
                setup.description, LATENCY_RATE_PER_SECOND, setup == anchor ? "shared, before" : profile);
            for (final double percentile : new double[]{50, 99, 99.9})
            {
                results.add(new BenchResult(NAME, "order round trip p" + format(percentile) + conditions,
                    micros(histogram.getValueAtPercentile(percentile)), "us", anchorName,
                    isAnchor ? null : micros(anchorHistogram.getValueAtPercentile(percentile))));
            }
            results.add(new BenchResult(NAME, "order round trip max" + conditions, micros(histogram.getMaxValue()),
                "us", anchorName, isAnchor ? null : micros(anchorHistogram.getMaxValue())));
            results.add(new BenchResult(NAME, "orders acknowledged per second, window " + WINDOW + ", each " +
                "cancelled once acknowledged, " + setup.description + " [" + (isAnchor ? "shared, before" : profile) +
                "]", throughputs.get(setup.name), "orders/s", anchorName,
                isAnchor ? null : throughputs.get(anchor.name)));
            final MeasuredActivity activity = activities.get(setup.name);
            final String measuredRounds = " during the measured latency rounds (" + rounds + " x " +
                activity.orders / Math.max(1, rounds) + " orders), " + setup.description;
            for (int i = 0; i < activity.collections.length; i++)
            {
                final String collector = jvm.collectorNames().get(i);
                results.add(new BenchResult(NAME, "collections by " + collector + measuredRounds,
                    activity.collections[i], "collections", null, null));
                results.add(new BenchResult(NAME, "collection time of " + collector + measuredRounds,
                    activity.collectionMs[i], "ms", null, null));
            }
            results.add(new BenchResult(NAME, "bytes allocated in the JVM per order" + measuredRounds,
                activity.allocatedBytes < 0 ? -1 : (double)activity.allocatedBytes / Math.max(1, activity.orders),
                "B/order", null, null));
        }
        return results;
    }

    /**
     * The set-ups compared, the first being the anchor: the configuration before the latency work (UDP ingress and
     * egress through the client's own media driver, every agent backing off to 1 ms parks, a client that busy-polls),
     * then the default (IPC on the member's driver, parks up to {@link LedgerConfiguration#idleMaxParkNs()}, the
     * client idling as the engine does). {@code -Dalphapulse.bench.ledger.setups=...} adds experiments by name.
     */
    private static List<Setup> setups(final Profile profile)
    {
        final long maxParkNs = LedgerConfiguration.idleMaxParkNs();
        final Supplier<IdleStrategy> before = Profile.SHARED.agentIdleStrategySupplier();
        final Supplier<IdleStrategy> now = LedgerConfiguration.idleStrategySupplier(profile, maxParkNs);
        final List<Setup> setups = new ArrayList<>();
        setups.add(new Setup("before", "UDP ingress/egress via the client's driver, parks up to 1 ms, " +
            "busy-polling client", false, before, null, null));
        setups.add(new Setup("default", "IPC ingress/egress, parks up to " + maxParkNs / 1000 + " us",
            true, now, now, null));
        for (final String name : System.getProperty("alphapulse.bench.ledger.setups", "").split(","))
        {
            switch (name.trim())
            {
                case "" ->
                {
                }
                case "udp-short-park" -> setups.add(new Setup(name, "UDP ingress/egress via the client's driver, " +
                    "parks up to " + maxParkNs / 1000 + " us", false, now, now, null));
                case "ipc-long-park" -> setups.add(new Setup(name, "IPC ingress/egress, parks up to 1 ms",
                    true, before, before, null));
                case "ipc-log" -> setups.add(new Setup(name, "IPC ingress/egress and log, parks up to " +
                    maxParkNs / 1000 + " us", true, now, now, "aeron:ipc?term-length=16m"));
                case "ipc-yield" -> setups.add(new Setup(name, "IPC ingress/egress, yielding agents",
                    true, YieldingIdleStrategy::new, YieldingIdleStrategy::new, null));
                default ->
                {
                    if (name.trim().startsWith("ipc-yields-"))
                    {
                        final long yields = Long.parseLong(name.trim().substring("ipc-yields-".length()));
                        final Supplier<IdleStrategy> idle = () -> new BackoffIdleStrategy(
                            LedgerConfiguration.IDLE_MAX_SPINS, yields, LedgerConfiguration.IDLE_MIN_PARK_NS,
                            maxParkNs);
                        setups.add(new Setup(name.trim(), "IPC ingress/egress, " + yields + " yields, parks up to " +
                            maxParkNs / 1000 + " us", true, idle, idle, null));
                        continue;
                    }
                    if (!name.trim().startsWith("ipc-park-"))
                    {
                        throw new IllegalArgumentException("unknown ledger bench set-up '" + name + "': use " +
                            "udp-short-park, ipc-long-park, ipc-log, ipc-yield or ipc-park-<us>");
                    }
                    final long parkNs = 1000L * Long.parseLong(name.trim().substring("ipc-park-".length()));
                    final Supplier<IdleStrategy> idle = LedgerConfiguration.idleStrategySupplier(profile, parkNs);
                    setups.add(new Setup(name.trim(), "IPC ingress/egress, parks up to " + parkNs / 1000 + " us",
                        true, idle, idle, null));
                }
            }
        }
        return setups;
    }

    private double measure(
        final Setup setup,
        final boolean quick,
        final Histogram roundTrip,
        final JvmActivity jvm,
        final MeasuredActivity activity,
        final PrintStream progress) throws Exception
    {
        final Path aeronParent = BenchFiles.aeronParent("alphapulse-bench-ledger-");
        final Path workDir = Files.createTempDirectory("ap-ledger-bench-");
        MediaDriver clientDriver = null;
        LedgerNode node = null;
        LedgerClient client = null;
        try
        {
            final LedgerNode.Context nodeCtx = new LedgerNode.Context()
                .clusterMembers(LedgerConfiguration.clusterMembers("localhost", freeUdpPorts(5)))
                .baseDir(workDir.toFile())
                .aeronDirectoryName(aeronParent.resolve("ledger-0").toString())
                .profile(MediaDriverConfiguration.profile())
                .idleStrategySupplier(setup.ledgerIdle)
                .deleteOnStart(true);
            if (null != setup.logChannel)
            {
                nodeCtx.logChannel(setup.logChannel);
            }
            node = LedgerNode.launch(nodeCtx);
            final Acks acks = new Acks();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (node.service().role() != io.aeron.cluster.service.Cluster.Role.LEADER)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("ledger node did not become leader within 30 s");
                }
                Thread.sleep(1);
            }
            final LedgerClient.Context clientCtx = new LedgerClient.Context()
                .ingressEndpoints(node.context().ingressEndpoints())
                .idleStrategy(setup.ledgerIdle.get());
            if (setup.ipc)
            {
                clientCtx.ipc(true).aeronDirectoryName(node.context().aeronDirectoryName());
            }
            else
            {
                clientDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                    .aeronDirectoryName(aeronParent.resolve("client").toString())
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(setup.ledgerIdle.get())
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
                clientCtx.aeronDirectoryName(clientDriver.aeronDirectoryName());
            }
            client = LedgerClient.connect(clientCtx, new LedgerEgressAdapter(acks));
            final LedgerProxy proxy = new LedgerProxy(client);
            proxy.instrument(0, BTC, 2, 8, "USD");
            proxy.riskLimits(0, 1, Ledger.ALL_INSTRUMENTS, 100_000_000L, 0, 0, 500, 0);
            proxy.deposit(0, 1, "USD", 1_000_000L * 10_000_000_000L);
            proxy.mark(0, BTC, 6_000_000);
            final IdleStrategy clientIdle = null == setup.clientIdle ? null : setup.clientIdle.get();

            final long latencySeconds = quick ? 3 : 10;
            final long warmup = LATENCY_RATE_PER_SECOND * (quick ? 1L : 2L);
            final long measured = LATENCY_RATE_PER_SECOND * latencySeconds;
            final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            acks.reserve(Math.max(warmup, measured)); // not inside the measured round
            paced(client, proxy, acks, warmup, null, clientIdle);
            jvm.reset();
            final long maxLateNs = paced(client, proxy, acks, measured, histogram, clientIdle);
            final String measuredActivity = jvm.summary() + " (most by " + jvm.topAllocatingThreads(4) + ")";
            activity.add(jvm, measured);
            roundTrip.add(histogram);
            final double ordersPerSecond = throughput(
                client, proxy, acks, TimeUnit.SECONDS.toNanos(quick ? 3 : 10), clientIdle);
            progress.println(String.format(Locale.ROOT, "  [ledger] %-8s %,d orders at %,d/s: p50 %.1f us, p99 %.1f " +
                "us, p99.9 %.1f us, max %.1f us (sender at most %.1f us late); %d rejected; sustained %,.0f " +
                "orders/s; %s%n             measured round: %s; member: %,d orders open at the end, %,d order " +
                "objects created, %,d egress messages dropped", setup.name, measured, LATENCY_RATE_PER_SECOND,
                micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(99)),
                micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getMaxValue()), micros(maxLateNs),
                acks.rejected, ordersPerSecond, setup.description, measuredActivity,
                node.service().ledger().openOrderCount(), node.service().ledger().ordersCreated(),
                node.service().egressDropped()));
            return ordersPerSecond;
        }
        finally
        {
            CloseHelper.closeAll(client, node, clientDriver);
            BenchFiles.deleteRecursively(aeronParent);
            BenchFiles.deleteRecursively(workDir);
        }
    }

    private static long nextClientOrderId = 1;

    /**
     * Send {@code count} orders at the fixed rate and wait for their acknowledgements; record each round trip from
     * its intended send time (so a stalled sender is not hidden). Between sends the client idles with
     * {@code idle} as the engine's duty cycle would, or busy-polls when it is null.
     *
     * @return how late the sender was at worst.
     */
    private static long paced(
        final LedgerClient client,
        final LedgerProxy proxy,
        final Acks acks,
        final long count,
        final Histogram histogram,
        final IdleStrategy idle)
    {
        final long intervalNs = TimeUnit.SECONDS.toNanos(1) / LATENCY_RATE_PER_SECOND;
        acks.track(nextClientOrderId, count);
        long next = System.nanoTime();
        for (long i = 0; i < count; i++)
        {
            while (System.nanoTime() - next < 0)
            {
                idle(client.poll() + cancelAcknowledged(proxy, acks), idle);
            }
            acks.intendedNs[(int)i] = next;
            acks.sentNs[(int)i] = System.nanoTime();
            send(proxy, nextClientOrderId++);
            client.poll();
            next += intervalNs;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acks.received < count && System.nanoTime() - deadline < 0)
        {
            idle(client.poll() + cancelAcknowledged(proxy, acks), idle);
        }
        if (acks.received < count)
        {
            throw new IllegalStateException("only " + acks.received + " of " + count + " orders acknowledged");
        }
        awaitCancelled(client, proxy, acks, idle);
        long maxLateNs = 0;
        if (null != histogram)
        {
            for (int i = 0; i < count; i++)
            {
                histogram.recordValue(Math.min(HIGHEST_TRACKABLE_NS, acks.ackNs[i] - acks.intendedNs[i]));
                maxLateNs = Math.max(maxLateNs, acks.sentNs[i] - acks.intendedNs[i]);
            }
        }
        return maxLateNs;
    }

    private static void idle(final int work, final IdleStrategy idle)
    {
        if (null != idle)
        {
            idle.idle(work);
        }
    }

    private static double throughput(
        final LedgerClient client,
        final LedgerProxy proxy,
        final Acks acks,
        final long durationNs,
        final IdleStrategy idle)
    {
        acks.track(nextClientOrderId, Integer.MAX_VALUE - 1);
        final long startNs = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - startNs < durationNs)
        {
            int work = cancelAcknowledged(proxy, acks);
            while (sent - acks.received < WINDOW)
            {
                send(proxy, nextClientOrderId++);
                sent++;
                work++;
            }
            idle(work + client.poll(), idle);
        }
        final long elapsedNs = System.nanoTime() - startNs;
        final long received = acks.received;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (acks.received < sent && System.nanoTime() - deadline < 0)
        {
            idle(client.poll() + cancelAcknowledged(proxy, acks), idle);
        }
        awaitCancelled(client, proxy, acks, idle);
        return received * 1e9 / elapsedNs;
    }

    /**
     * Cancel the orders acknowledged so far (as many as the ingress takes now; the rest on the next call).
     *
     * @return cancels sent.
     */
    private static int cancelAcknowledged(final LedgerProxy proxy, final Acks acks)
    {
        int sent = 0;
        while (acks.cancelHead < acks.cancelTail)
        {
            final long clientOrderId = acks.toCancel[(int)(acks.cancelHead & (CANCEL_RING - 1))];
            if (!proxy.cancelOrder(clientOrderId, clientOrderId, 1, 1))
            {
                break;
            }
            acks.cancelHead++;
            sent++;
        }
        return sent;
    }

    /**
     * Wait until every cancel is sent and, for a bounded time, its answer is in: the member holds (almost) no open
     * order between phases. At saturation the member may drop egress to a client that does not keep up (its
     * {@code egressDropped} count; a real client resynchronises): those answers never come, so this does not fail.
     */
    private static void awaitCancelled(
        final LedgerClient client, final LedgerProxy proxy, final Acks acks, final IdleStrategy idle)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((acks.cancelHead < acks.cancelTail || acks.cancelled < acks.accepted) &&
            System.nanoTime() - deadline < 0)
        {
            idle(client.poll() + cancelAcknowledged(proxy, acks), idle);
        }
        if (acks.cancelHead < acks.cancelTail)
        {
            throw new IllegalStateException((acks.cancelTail - acks.cancelHead) + " cancels not sent");
        }
    }

    /**
     * Collections and allocation during one set-up's measured rounds, summed.
     */
    private static final class MeasuredActivity
    {
        final long[] collections;
        final long[] collectionMs;
        long allocatedBytes;
        long orders;

        MeasuredActivity(final int collectors)
        {
            collections = new long[collectors];
            collectionMs = new long[collectors];
        }

        void add(final JvmActivity jvm, final long measuredOrders)
        {
            for (int i = 0; i < collections.length; i++)
            {
                collections[i] += jvm.collectionsSince(i);
                collectionMs[i] += jvm.collectionMsSince(i);
            }
            final long bytes = jvm.allocatedBytesSince();
            allocatedBytes = bytes < 0 || allocatedBytes < 0 ? -1 : allocatedBytes + bytes;
            orders += measuredOrders;
        }
    }

    private static String format(final double percentile)
    {
        return percentile == Math.rint(percentile) ? Long.toString((long)percentile) : Double.toString(percentile);
    }

    /**
     * One configuration of member and client.
     */
    private record Setup(
        String name,
        String description,
        boolean ipc,
        Supplier<IdleStrategy> ledgerIdle,
        Supplier<IdleStrategy> clientIdle,
        String logChannel)
    {
    }

    private static void send(final LedgerProxy proxy, final long clientOrderId)
    {
        // Prices cycle within the band so the ledger does the full risk path; orders rest (no venue).
        if (!proxy.newOrder(clientOrderId, clientOrderId, 1, 1, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            5_990_000 + (clientOrderId & 1023), 1_000))
        {
            throw new IllegalStateException("order " + clientOrderId + " not sent");
        }
    }

    private List<BenchResult> tickToOrder(final boolean quick, final PrintStream progress)
    {
        final long warmup = quick ? 200_000 : 500_000;
        final long measured = quick ? 500_000 : 2_000_000;
        final TickToOrder run = new TickToOrder();
        progress.println(String.format(Locale.ROOT, "  [ledger] tick-to-order inside the engine: %,d warm-up + %,d " +
            "measured trades", warmup, measured));
        run.run(warmup, null);
        final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        run.run(measured, histogram);
        progress.println(String.format(Locale.ROOT, "    p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.1f us",
            micros(histogram.getValueAtPercentile(50)), micros(histogram.getValueAtPercentile(99)),
            micros(histogram.getValueAtPercentile(99.9)), micros(histogram.getMaxValue())));
        final List<BenchResult> results = new ArrayList<>();
        for (final String percentile : new String[]{"50", "99"})
        {
            results.add(new BenchResult(NAME, "tick-to-order p" + percentile +
                " (SBE trade -> strategy -> SBE order, one thread)",
                micros(histogram.getValueAtPercentile(Double.parseDouble(percentile))), "us", null, null));
        }
        return results;
    }

    /**
     * The engine's own path for one trade: the merged stream's SBE trade through {@link MarketDataAdapter} and the
     * {@link StrategyHost} to a strategy that orders on every trade, whose order is encoded as the ledger's SBE
     * NewOrder (what {@link LedgerProxy} writes before the offer).
     */
    private static final class TickToOrder implements MarketDataHandler, OrderSink
    {
        private final UnsafeBuffer tradeBuffer = new UnsafeBuffer(new byte[256]);
        private final UnsafeBuffer orderBuffer = new UnsafeBuffer(new byte[256]);
        private final io.alphapulse.schemas.marketdata.MessageHeaderEncoder mdHeader =
            new io.alphapulse.schemas.marketdata.MessageHeaderEncoder();
        private final io.alphapulse.schemas.trading.MessageHeaderEncoder header =
            new io.alphapulse.schemas.trading.MessageHeaderEncoder();
        private final TradeEncoder trade = new TradeEncoder();
        private final io.alphapulse.schemas.trading.NewOrderEncoder newOrder =
            new io.alphapulse.schemas.trading.NewOrderEncoder();
        private final MarketDataAdapter adapter = new MarketDataAdapter(this, null);
        private final StrategyHost host;
        private long orderedAtNs;
        private long lastClientOrderId;

        TickToOrder()
        {
            final Strategy strategy = new Strategy()
            {
                private StrategyContext context;

                public String name()
                {
                    return "order-every-trade";
                }

                public void onStart(final StrategyContext context)
                {
                    this.context = context;
                }

                public void onTrade(final TradeEvent trade)
                {
                    context.placeOrder(trade.instrumentId(), io.alphapulse.strategy.Side.BUY, trade.price(),
                        trade.quantity(), io.alphapulse.strategy.TimeInForce.IOC);
                }
            };
            host = new StrategyHost(strategy, this, 1, 1, 1);
            host.addInstrument(new InstrumentInfo(BTC, "COINBASE", "BTC-USD", 2, 8));
            host.start();
        }

        void run(final long count, final Histogram histogram)
        {
            for (long i = 0; i < count; i++)
            {
                final long timeNs = 1_700_000_000_000_000_000L + i;
                trade.wrapAndApplyHeader(tradeBuffer, 0, mdHeader)
                    .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs).tradeId(i)
                    .price(6_000_000 + (i & 1023)).quantity(1_000).sequence(i).instrumentId(BTC)
                    .exchange(Exchange.COINBASE).aggressorSide(AggressorSide.BUY);
                final int length = io.alphapulse.schemas.marketdata.MessageHeaderEncoder.ENCODED_LENGTH +
                    trade.encodedLength();
                final long startNs = System.nanoTime();
                adapter.onMessage(tradeBuffer, 0, length);
                if (null != histogram)
                {
                    histogram.recordValue(orderedAtNs - startNs);
                }
                host.onOrderCancelled(timeNs, lastClientOrderId, "IOC_REMAINDER");
            }
        }

        public void onTrade(
            final long timeNs, final int instrumentId, final long price, final long quantity,
            final io.alphapulse.strategy.Side aggressorSide)
        {
            host.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
        }

        public void onBook(final L2Book book)
        {
            host.onBook(book);
        }

        public boolean newOrder(
            final long timeNs, final long clientOrderId, final int strategyId, final int portfolioId,
            final int instrumentId, final io.alphapulse.strategy.Side side, final long price, final long quantity,
            final io.alphapulse.strategy.TimeInForce timeInForce)
        {
            newOrder.wrapAndApplyHeader(orderBuffer, 0, header)
                .timestampNs(timeNs).clientOrderId(clientOrderId).price(price).quantity(quantity)
                .portfolioId(portfolioId).strategyId(strategyId).instrumentId(instrumentId)
                .side(side == io.alphapulse.strategy.Side.BUY ? Side.BUY : Side.SELL)
                .orderType(OrderType.LIMIT).timeInForce(TimeInForce.IOC);
            lastClientOrderId = clientOrderId;
            orderedAtNs = System.nanoTime();
            return true;
        }

        public boolean cancelOrder(
            final long timeNs, final long clientOrderId, final int strategyId, final int portfolioId)
        {
            return true;
        }
    }

    /**
     * Acknowledgement times by client order id.
     */
    private static final class Acks implements LedgerEventHandler
    {
        long firstId;
        long count;
        long received;
        long rejected;
        long[] intendedNs = new long[0];
        long[] sentNs = new long[0];
        long[] ackNs = new long[0];
        // Accepted orders to cancel: a ring, written here, read by cancelAcknowledged.
        final long[] toCancel = new long[CANCEL_RING];
        long cancelHead;
        long cancelTail;
        long accepted;
        long cancelled;

        void reserve(final long count)
        {
            if (intendedNs.length < count)
            {
                intendedNs = new long[(int)count];
                sentNs = new long[(int)count];
                ackNs = new long[(int)count];
            }
        }

        void track(final long firstId, final long count)
        {
            this.firstId = firstId;
            this.count = count;
            this.received = 0;
            if (count < Integer.MAX_VALUE - 1)
            {
                reserve(count);
            }
        }

        public void onOrderAccepted(
            final long timeNs, final long orderId, final long clientOrderId, final int portfolioId,
            final int strategyId, final int instrumentId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long price, final long quantity)
        {
            if (cancelTail - cancelHead == CANCEL_RING)
            {
                throw new IllegalStateException("more than " + CANCEL_RING + " accepted orders waiting to be " +
                    "cancelled");
            }
            toCancel[(int)(cancelTail++ & (CANCEL_RING - 1))] = clientOrderId;
            accepted++;
            acknowledged(clientOrderId);
        }

        public void onOrderCancelled(
            final long timeNs, final long orderId, final long clientOrderId, final long cancelledQuantity,
            final int portfolioId, final int strategyId, final int instrumentId, final CancelReason reason)
        {
            cancelled++;
        }

        public void onOrderRejected(
            final long timeNs, final long clientOrderId, final int portfolioId, final int strategyId,
            final int instrumentId, final RejectReason reason)
        {
            rejected++;
            acknowledged(clientOrderId);
        }

        private void acknowledged(final long clientOrderId)
        {
            final long index = clientOrderId - firstId;
            if (index >= 0 && index < count)
            {
                if (index < ackNs.length)
                {
                    ackNs[(int)index] = System.nanoTime();
                }
                received++;
            }
        }
    }

    private static int[] freeUdpPorts(final int count)
    {
        final int[] ports = new int[count];
        final List<DatagramSocket> sockets = new ArrayList<>();
        try
        {
            int found = 0;
            while (found < count)
            {
                final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                if (socket.getLocalPort() != 40123 && socket.getLocalPort() != 40124)
                {
                    ports[found++] = socket.getLocalPort();
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            sockets.forEach(DatagramSocket::close);
        }
        return ports;
    }

    private static double micros(final long nanos)
    {
        return nanos / 1000.0;
    }
}
