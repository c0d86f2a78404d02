/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.ledger.Ledger;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.ledger.LedgerService;
import io.alphapulse.ledger.LedgerTestCluster;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderStatus;
import io.alphapulse.strategy.OrderUpdate;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.TimeInForce;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real ledger members in one JVM and the engine's agent (stepped on the test thread) with a strategy driven by
 * the test. 200 orders rest; then 100 of them are cancelled and 100 new orders placed, and the leader is killed
 * before anything is answered; during the election 50 more cancels and 50 more orders are sent (into the dead
 * leader's ingress). The engine must resend what was not answered when it learns of the new leader, so that every
 * cancel and order the strategy sent is answered (no silent loss), the ledger's state holds exactly those orders
 * open, and nothing is rejected (a resent order or cancel is harmless).
 */
class EngineFailoverIT
{
    private static final int BTC = 20000;
    private static final long PRICE = 6_000_000L;

    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void ordersAndCancelsInFlightAtALeaderChangeAreResentAndAnswered()
    {
        Aeron aeron = null;
        LedgerClient client = null;
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 3))
        {
            final int firstLeader = cluster.awaitLeader(TimeUnit.SECONDS.toNanos(30));
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            cluster.await(() -> cluster.nodes[firstLeader].service().messagesApplied() >= 4,
                TimeUnit.SECONDS.toNanos(30), "the portfolio set up");

            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(cluster.clientAeronDirectoryName()));
            final LedgerEgressAdapter egress = new LedgerEgressAdapter();
            client = LedgerClient.connect(new LedgerClient.Context()
                .aeron(aeron)
                .ingressEndpoints(cluster.nodes[0].context().ingressEndpoints()), egress);
            final Subscription noMarketData = aeron.addSubscription("aeron:ipc", 3_901);
            final DrivenStrategy strategy = new DrivenStrategy();
            final EngineAgent agent = new EngineAgent(aeron, noMarketData, client, new LedgerProxy(client), strategy,
                1, 1, 1, List.of(new InstrumentInfo(BTC, "COINBASE", "BTC-USD", 2, 8)), SystemNanoClock.INSTANCE, 64,
                TimeUnit.HOURS.toNanos(1), true);
            egress.handler(agent);
            agent.onStart();

            final LongArrayList resting = new LongArrayList();
            for (int i = 0; i < 200; i++)
            {
                resting.addLong(place(strategy));
            }
            cluster.await(() -> step(agent) && strategy.count(OrderStatus.ACCEPTED) == 200,
                TimeUnit.SECONDS.toNanos(60), () -> "200 resting orders: " + strategy.describe());

            // In flight at the kill: 100 cancels and 100 orders offered, nothing answered yet.
            final LongArrayList cancelled = new LongArrayList();
            final LongArrayList placed = new LongArrayList();
            for (int i = 0; i < 100; i++)
            {
                assertTrue(strategy.context.cancelOrder(resting.getLong(i)), "cancel sent");
                cancelled.addLong(resting.getLong(i));
                placed.addLong(place(strategy));
            }
            cluster.kill(firstLeader);

            // During the election: 50 more of each, into the dead leader's ingress until the client hears of the new
            // leader (an offer the client could not make at all is reported to the strategy, which is not a loss).
            for (int i = 100; i < 150; i++)
            {
                if (strategy.context.cancelOrder(resting.getLong(i)))
                {
                    cancelled.addLong(resting.getLong(i));
                }
                final long id = strategy.context.placeOrder(BTC, Side.BUY, PRICE, 1_000, TimeInForce.GTC);
                if (id > 0)
                {
                    placed.addLong(id);
                }
            }

            cluster.await(() -> step(agent) && agent.unacknowledgedCount() == 0 && agent.pendingCancelCount() == 0 &&
                strategy.allCancelled(cancelled) && strategy.allAccepted(placed), TimeUnit.SECONDS.toNanos(90),
                () -> "every order and cancel answered: " + strategy.describe() + " unacknowledged=" +
                agent.unacknowledgedCount() + " pendingCancels=" + agent.pendingCancelCount() + " resent=" +
                agent.resentCount());
            assertTrue(agent.resentCount() > 0, "the leader change made the engine resend");
            assertEquals(0, strategy.count(OrderStatus.REJECTED), "a resent order or cancel is never rejected: " +
                strategy.describe());
            System.out.printf("engine failover: %d cancels and %d orders in flight; %d resent; %d closes learned " +
                "from a refused cancel%n", cancelled.size(), placed.size(), agent.resentCount(),
                agent.cancelsOfLostCloses());

            // The ledger holds exactly the orders the strategy believes open.
            client.close();
            client = null;
            final List<LedgerService> services = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                if (null != cluster.nodes[i])
                {
                    services.add(cluster.nodes[i].service());
                    cluster.kill(i);
                }
            }
            for (final LedgerService service : services)
            {
                final Ledger ledger = service.ledger();
                for (int i = 0; i < cancelled.size(); i++)
                {
                    assertNull(ledger.orderByClientId(1, cancelled.getLong(i)), "cancelled " + cancelled.getLong(i));
                }
                for (int i = 0; i < placed.size(); i++)
                {
                    assertNotNull(ledger.orderByClientId(1, placed.getLong(i)), "placed " + placed.getLong(i));
                }
                assertEquals(200 - cancelled.size() + placed.size(), ledger.openOrderCount());
            }
        }
        finally
        {
            CloseHelper.closeAll(client, aeron);
        }
    }

    private static long place(final DrivenStrategy strategy)
    {
        final long id = strategy.context.placeOrder(BTC, Side.BUY, PRICE, 1_000, TimeInForce.GTC);
        assertTrue(id > 0, "order sent");
        return id;
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
     * A strategy the test drives through its context; it keeps the last status of every order.
     */
    private static final class DrivenStrategy implements Strategy
    {
        StrategyContext context;
        final Long2ObjectHashMap<OrderStatus> status = new Long2ObjectHashMap<>();
        final List<String> rejections = new ArrayList<>();

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

        long count(final OrderStatus wanted)
        {
            return status.values().stream().filter((s) -> s == wanted).count();
        }

        boolean allCancelled(final LongArrayList ids)
        {
            for (int i = 0; i < ids.size(); i++)
            {
                if (status.get(ids.getLong(i)) != OrderStatus.CANCELLED)
                {
                    return false;
                }
            }
            return true;
        }

        boolean allAccepted(final LongArrayList ids)
        {
            for (int i = 0; i < ids.size(); i++)
            {
                if (status.get(ids.getLong(i)) != OrderStatus.ACCEPTED)
                {
                    return false;
                }
            }
            return true;
        }

        String describe()
        {
            return "accepted=" + count(OrderStatus.ACCEPTED) + " cancelled=" + count(OrderStatus.CANCELLED) +
                " rejected=" + rejections;
        }
    }
}
