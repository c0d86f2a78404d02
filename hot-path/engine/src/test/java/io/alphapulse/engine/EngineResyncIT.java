/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.ledger.LedgerTestCluster;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.FillDecoder;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.MessageHeaderDecoder;
import io.alphapulse.strategy.FillEvent;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderStatus;
import io.alphapulse.strategy.OrderUpdate;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.TimeInForce;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resynchronisation protocol end to end: a real ledger member, the engine's agent stepped on the test thread,
 * and an egress that drops what the test says (as a leader that dies drops what it had broadcast). The test's own
 * client plays the venue.
 * <ol>
 *     <li>With every message to the engine dropped: order B's acceptance and partial fill, order C's acceptance and
 *     close (an IOC remainder), and the fill that closes order A are lost. The session is then closed and reopened:
 *     the engine asks, the ledger replays, and the strategy hears A FILLED, B ACCEPTED then PARTIALLY_FILLED, C
 *     CANCELLED; C, which the engine resent as unacknowledged before the answer would have been rejected
 *     {@code DUPLICATE_ORDER_ID}, is not resent at all and never reported rejected.</li>
 *     <li>With one fill dropped on a live session (no reconnect): the next report shows a gap; the engine asks and
 *     gets the missing fill, then the rest, each once.</li>
 * </ol>
 * Each time the engine's positions, fills and open orders equal the ledger's.
 * <p>
 * Orders an earlier engine process left open: a later process told to keep them leaves them alone; one that cancels
 * them (the default) cancels exactly those, none of its own, and its strategy hears nothing of them.
 */
class EngineResyncIT
{
    private static final int BTC = 20000;
    private static final long PRICE = 6_000_000L;
    private static final long MINUTE_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void lostAcceptancesFillsAndClosesAreReplayedOnceAndTheEngineConverges()
    {
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 1))
        {
            cluster.awaitLeader(MINUTE_NS);
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            cluster.await(() -> cluster.nodes[0].service().messagesApplied() >= 4, MINUTE_NS, "the portfolio");

            final DroppingEgress[] dropping = new DroppingEgress[1];
            final DrivenStrategy strategy = new DrivenStrategy();
            try (Engine engine = new Engine(cluster, strategy, 1, true,
                (adapter) -> dropping[0] = new DroppingEgress(adapter)))
            {
                final DroppingEgress egress = dropping[0];
                final EngineAgent agent = engine.agent;
                final LedgerClient client = engine.client;
                cluster.await(() -> step(agent) && agent.resync().isSynchronised(), MINUTE_NS, "the first answer");

                final long a = strategy.context.placeOrder(BTC, Side.BUY, PRICE, 1_000, TimeInForce.GTC);
                cluster.await(() -> step(agent) && strategy.status.get(a) == OrderStatus.ACCEPTED, MINUTE_NS, "A");

                // Everything to the engine is lost from here on, as if the leader died with it.
                egress.dropAll = true;
                final long b = strategy.context.placeOrder(BTC, Side.BUY, PRICE, 1_000, TimeInForce.GTC);
                final long c = strategy.context.placeOrder(BTC, Side.BUY, PRICE, 1_000, TimeInForce.IOC);
                cluster.await(() -> step(agent) && cluster.egress.acceptedClientIds.contains(b) &&
                    cluster.egress.acceptedClientIds.contains(c), MINUTE_NS, "B and C accepted");
                final Long2LongHashMap orderIds = cluster.egress.orderIdByClientId;
                final long applied = cluster.nodes[0].service().messagesApplied();
                assertTrue(cluster.proxy.fill(1, orderIds.get(a), a, 1, PRICE, 1_000, 0, 5, -10, 1, 1, BTC,
                    io.alphapulse.schemas.trading.Side.BUY, Liquidity.MAKER));
                assertTrue(cluster.proxy.fill(2, orderIds.get(b), b, 1, PRICE, 400, 600, 2, -10, 1, 1, BTC,
                    io.alphapulse.schemas.trading.Side.BUY, Liquidity.TAKER));
                assertTrue(cluster.proxy.venueCancel(3, orderIds.get(c), c, 1_000, 1, 1, BTC,
                    CancelReason.IOC_REMAINDER));
                cluster.await(() -> step(agent) && cluster.nodes[0].service().messagesApplied() >= applied + 3,
                    MINUTE_NS, "the venue's reports applied");
                // Two acceptances, two fills (each with its position and balance update) and a cancel reach the
                // engine's egress and are dropped.
                cluster.await(() -> step(agent) && egress.dropped >= 9, MINUTE_NS, () -> "9 messages dropped, not " +
                    egress.dropped);
                assertEquals(OrderStatus.ACCEPTED, strategy.status.get(a));
                assertEquals(2, agent.unacknowledgedCount());

                // A new session: the engine asks, the ledger replays what was lost, then B and C are not resent.
                egress.dropAll = false;
                final long resentBefore = agent.resentCount();
                client.cluster().close();
                cluster.await(() -> step(agent) && strategy.status.get(a) == OrderStatus.FILLED &&
                    strategy.status.get(b) == OrderStatus.PARTIALLY_FILLED &&
                    strategy.status.get(c) == OrderStatus.CANCELLED && agent.resync().isSynchronised(), MINUTE_NS,
                    () -> "the engine converged: " + strategy.describe());
                assertEquals(0, agent.unacknowledgedCount());
                assertEquals(resentBefore, agent.resentCount(), "nothing was lost on the way in: nothing resent");
                assertEquals(List.of(), strategy.rejections, "no order reported rejected");
                assertEquals(1_000, strategy.filled.get(a));
                assertEquals(400, strategy.filled.get(b));
                assertEquals(2, strategy.fillCount);
                assertEquals(1_400, strategy.context.position(BTC));
                assertEquals(1, strategy.context.openOrderCount(), "only B is open, as in the ledger");

                // A fill lost on a live session: the next report shows the gap.
                egress.dropFills = 1;
                final long gapsBefore = agent.resync().gaps();
                assertTrue(cluster.proxy.fill(4, orderIds.get(b), b, 2, PRICE, 100, 500, 1, -10, 1, 1, BTC,
                    io.alphapulse.schemas.trading.Side.BUY, Liquidity.MAKER));
                cluster.await(() -> step(agent) && 0 == egress.dropFills, MINUTE_NS, "the fill dropped");
                assertTrue(cluster.proxy.fill(5, orderIds.get(b), b, 3, PRICE, 500, 0, 1, -10, 1, 1, BTC,
                    io.alphapulse.schemas.trading.Side.BUY, Liquidity.MAKER));
                cluster.await(() -> step(agent) && strategy.status.get(b) == OrderStatus.FILLED &&
                    agent.resync().isSynchronised(), MINUTE_NS, () -> "B filled: " + strategy.describe());
                assertEquals(gapsBefore + 1, agent.resync().gaps());
                assertEquals(1_000, strategy.filled.get(b));
                assertEquals(4, strategy.fillCount, "each fill once");
                assertEquals(2_000, strategy.context.position(BTC));
                assertEquals(0, strategy.context.openOrderCount());
                assertEquals(List.of(), strategy.rejections);
                System.out.printf("engine resync: %d messages dropped, %d requests, %d gaps, %d repeats dropped%n",
                    egress.dropped, agent.resync().requests(), agent.resync().gaps(), agent.resync().duplicates());
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theOpenOrdersOfAnEarlierEngineProcessAreCancelledAtStartUnlessKept()
    {
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 1))
        {
            cluster.awaitLeader(MINUTE_NS);
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            cluster.await(() -> cluster.nodes[0].service().messagesApplied() >= 4, MINUTE_NS, "the portfolio");

            // The earlier process: three resting orders, then it is gone (its client closed, nothing cancelled).
            final DrivenStrategy earlier = new DrivenStrategy();
            try (Engine engine = new Engine(cluster, earlier, 1, false))
            {
                engine.awaitSynchronised(cluster);
                for (int i = 0; i < 3; i++)
                {
                    earlier.context.placeOrder(BTC, Side.BUY, PRICE - 100 * i, 1_000, TimeInForce.GTC);
                }
                cluster.await(() -> engine.step() && 3 == earlier.context.openOrderCount(), MINUTE_NS,
                    () -> "three orders resting: " + earlier.describe());
            }
            assertEquals(3, cluster.nodes[0].service().ledger().openOrderCount());

            // A later process told to keep them: they stay open, and its strategy hears nothing of them.
            final DrivenStrategy keeping = new DrivenStrategy();
            try (Engine engine = new Engine(cluster, keeping, 1_000, false))
            {
                engine.awaitSynchronised(cluster);
                assertEquals(0, engine.agent.earlierOrdersFound());
                assertEquals(3, cluster.nodes[0].service().ledger().openOrderCount());
            }

            // A later process that cancels them (the default), while its own order rests beside them.
            final DrivenStrategy later = new DrivenStrategy();
            try (Engine engine = new Engine(cluster, later, 2_000, true))
            {
                engine.awaitSynchronised(cluster);
                final long own = later.context.placeOrder(BTC, Side.BUY, PRICE - 1_000, 1_000, TimeInForce.GTC);
                cluster.await(() -> engine.step() && later.status.get(own) == OrderStatus.ACCEPTED &&
                    1 == cluster.nodes[0].service().ledger().openOrderCount(), MINUTE_NS,
                    () -> "only the new process's order open: " + later.describe() + ", ledger open orders " +
                    cluster.nodes[0].service().ledger().openOrderCount());
                assertEquals(3, engine.agent.earlierOrdersFound());
                cluster.await(() -> engine.step() && 3 == engine.earlierOrdersCancelled(), MINUTE_NS,
                    "the counter shows the three cancels");
                assertEquals(List.of(own), List.copyOf(later.status.keySet()), "the strategy heard only its order");
                assertEquals(1, later.context.openOrderCount());
            }
        }
    }

    /**
     * An engine process: its own Aeron client, ledger session and agent, stepped on the test thread.
     */
    private static final class Engine implements AutoCloseable
    {
        final Aeron aeron;
        final LedgerClient client;
        final EngineAgent agent;

        Engine(
            final LedgerTestCluster cluster,
            final DrivenStrategy strategy,
            final long firstClientOrderId,
            final boolean cancelEarlierOrders)
        {
            this(cluster, strategy, firstClientOrderId, cancelEarlierOrders, (adapter) -> adapter);
        }

        /**
         * @param egress what the ledger's egress passes through before the engine's adapter (a test's losses).
         */
        Engine(
            final LedgerTestCluster cluster,
            final DrivenStrategy strategy,
            final long firstClientOrderId,
            final boolean cancelEarlierOrders,
            final java.util.function.UnaryOperator<EgressListener> egress)
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientAeronDirectoryName()));
            final LedgerEgressAdapter adapter = new LedgerEgressAdapter();
            client = LedgerClient.connect(new LedgerClient.Context()
                .aeron(aeron)
                .ingressEndpoints(cluster.nodes[0].context().ingressEndpoints()), egress.apply(adapter));
            final Subscription noMarketData = aeron.addSubscription("aeron:ipc", 3_903);
            agent = new EngineAgent(aeron, noMarketData, client, new LedgerProxy(client), strategy, 1, 1,
                firstClientOrderId, List.of(new InstrumentInfo(BTC, "COINBASE", "BTC-USD", 2, 8)),
                SystemNanoClock.INSTANCE, 64, TimeUnit.HOURS.toNanos(1), cancelEarlierOrders);
            adapter.handler(agent);
            agent.onStart();
        }

        void awaitSynchronised(final LedgerTestCluster cluster)
        {
            cluster.await(() -> step() && agent.resync().isSynchronised(), MINUTE_NS, "the first answer");
        }

        boolean step()
        {
            return EngineResyncIT.step(agent);
        }

        long earlierOrdersCancelled()
        {
            final org.agrona.concurrent.status.CountersReader counters = aeron.countersReader();
            final long[] value = {-1};
            counters.forEach((id, typeId, keyBuffer, label) ->
            {
                if (io.alphapulse.driver.EngineCounterTypes.EARLIER_ORDERS_CANCELLED == typeId)
                {
                    value[0] = counters.getCounterValue(id);
                }
            });
            return value[0];
        }

        public void close()
        {
            agent.onClose();
            CloseHelper.closeAll(client, aeron);
        }
    }

    private static boolean step(final EngineAgent agent)
    {
        for (int i = 0; i < 100; i++)
        {
            if (0 == agent.doWork())
            {
                break;
            }
        }
        return true;
    }

    /**
     * Egress that loses what the test says before the engine sees it.
     */
    private static final class DroppingEgress implements EgressListener
    {
        private final EgressListener delegate;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        volatile boolean dropAll;
        volatile int dropFills;
        long dropped;

        DroppingEgress(final EgressListener delegate)
        {
            this.delegate = delegate;
        }

        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header h)
        {
            header.wrap(buffer, offset);
            if (dropAll || (header.templateId() == FillDecoder.TEMPLATE_ID && dropFills > 0))
            {
                if (!dropAll)
                {
                    dropFills--;
                }
                dropped++;
                return;
            }
            delegate.onMessage(clusterSessionId, timestamp, buffer, offset, length, h);
        }

        public void onNewLeader(
            final long clusterSessionId,
            final long leadershipTermId,
            final int leaderMemberId,
            final String ingressEndpoints)
        {
            delegate.onNewLeader(clusterSessionId, leadershipTermId, leaderMemberId, ingressEndpoints);
        }
    }

    /**
     * A strategy the test drives; it keeps each order's last status and what was filled.
     */
    private static final class DrivenStrategy implements Strategy
    {
        StrategyContext context;
        final Long2ObjectHashMap<OrderStatus> status = new Long2ObjectHashMap<>();
        final Long2LongHashMap filled = new Long2LongHashMap(0);
        final List<String> rejections = new ArrayList<>();
        int fillCount;

        public String name()
        {
            return "driven";
        }

        public void onStart(final StrategyContext context)
        {
            this.context = context;
        }

        public void onOrderUpdate(final OrderUpdate update)
        {
            status.put(update.clientOrderId(), update.status());
            if (update.status() == OrderStatus.REJECTED)
            {
                rejections.add(update.clientOrderId() + ":" + update.reason());
            }
        }

        public void onFill(final FillEvent fill)
        {
            fillCount++;
            filled.put(fill.clientOrderId(), filled.get(fill.clientOrderId()) + fill.quantity());
        }

        String describe()
        {
            return "status=" + status + " filled=" + filled + " rejected=" + rejections;
        }
    }
}
