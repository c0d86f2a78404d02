/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.cluster.service.Cluster;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three real members in one JVM; a client streams 10,000 orders (and half-fills every 10th, as a venue would) with up
 * to {@link #WINDOW} unacknowledged in flight; the leader is killed mid-stream. A new leader must be elected within
 * 3 s; the client resends what was in flight when it learns of the new leader (as the engine does); nothing the
 * client saw acknowledged may be lost, and every member (the killed one restarted and caught up from the log) must
 * hold the same state hash.
 */
class LedgerFailoverIT
{
    private static final int ORDERS = 10_000;
    private static final int KILL_AT = 4_000;
    private static final int WINDOW = 200;
    private static final long PRICE = 6_000_000L;

    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void leaderFailoverLosesNothingAcknowledgedAndEveryNodeAgrees()
    {
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 3))
        {
            final int firstLeader = cluster.awaitLeader(TimeUnit.SECONDS.toNanos(30));
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            final LedgerTestCluster.Egress egress = cluster.egress;

            final LongArrayList inFlight = new LongArrayList();
            final LongHashSet fillsSent = new LongHashSet();
            long nextToSend = 1;
            long leaderChangesSeen = 0;
            long killedAtNs = 0;
            long failoverMs = -1;
            int newLeader = -1;
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);

            while (!egress.acceptedClientIds.contains(ORDERS) || !inFlight.isEmpty())
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, () -> "stream stalled: " + describe(cluster));
                cluster.client.poll();

                if (egress.leaderChanges > leaderChangesSeen)
                {
                    // The acknowledgements of what was in flight may have died with the old leader: resend it all,
                    // in order. Committed orders are acknowledged again; the rest are placed now.
                    leaderChangesSeen = egress.leaderChanges;
                    for (int i = 0; i < inFlight.size(); i++)
                    {
                        sendOrder(cluster, inFlight.getLong(i));
                    }
                    fillsSent.clear();
                }

                for (int i = inFlight.size() - 1; i >= 0; i--)
                {
                    if (egress.acceptedClientIds.contains(inFlight.getLong(i)))
                    {
                        inFlight.remove(i);
                    }
                }
                while (nextToSend <= ORDERS && inFlight.size() < WINDOW)
                {
                    sendOrder(cluster, nextToSend);
                    inFlight.addLong(nextToSend++);
                }

                // Act as a venue: half-fill every 10th acknowledged order (resent after a leader change until its
                // fill is acknowledged; the ledger drops a repeated fill id).
                for (long id = 10; id < nextToSend; id += 10)
                {
                    if (egress.acceptedClientIds.contains(id) && 0 == egress.filledByClientId.get(id) &&
                        fillsSent.add(id))
                    {
                        cluster.proxy.fill(id, egress.orderIdByClientId.get(id), id, 1, PRICE, 500, 500, 0, 0, 1, 1,
                            20000, Side.BUY, Liquidity.MAKER);
                    }
                }

                if (0 == killedAtNs && nextToSend > KILL_AT)
                {
                    killedAtNs = System.nanoTime();
                    cluster.kill(firstLeader);
                }
                if (0 != killedAtNs && newLeader < 0)
                {
                    for (int i = 0; i < 3; i++)
                    {
                        if (null != cluster.nodes[i] && cluster.nodes[i].service().role() == Cluster.Role.LEADER)
                        {
                            newLeader = i;
                            failoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs);
                        }
                    }
                }
            }
            assertTrue(newLeader >= 0 && newLeader != firstLeader);
            assertTrue(failoverMs <= 3_000, "new leader after " + failoverMs + " ms");
            // A last order: once it is acknowledged, everything sent before it has been applied (the log is ordered).
            // Some fills were applied by the new leader before it led, so their acknowledgements are gone; the venue
            // resent them and the ledger dropped the repeats: they are checked in the state below.
            sendOrder(cluster, ORDERS + 1);
            cluster.await(() -> egress.acceptedClientIds.contains(ORDERS + 1), TimeUnit.SECONDS.toNanos(60),
                () -> "the marker order; " + describe(cluster));

            // Restart the killed member: it catches up from the others' log.
            cluster.restart(firstLeader);
            cluster.await(() -> allAtSamePosition(cluster), TimeUnit.SECONDS.toNanos(90),
                () -> "the restarted member to catch up; " + describe(cluster));

            final long hash = cluster.stateHash(newLeader);
            for (int i = 0; i < 3; i++)
            {
                assertEquals(hash, cluster.stateHash(i), "state hash of node " + i);
            }
            System.out.printf("failover: new leader %d after %d ms; %d orders acknowledged, %d fills, %d " +
                "rejects%n", newLeader, failoverMs, egress.acceptedClientIds.size(), egress.fills,
                egress.rejects.size());

            // Every acknowledged order and fill is in every member's state (read once each member has stopped).
            final LedgerService[] services = new LedgerService[3];
            for (int i = 0; i < 3; i++)
            {
                services[i] = cluster.nodes[i].service();
            }
            cluster.client.close();
            for (int i = 0; i < 3; i++)
            {
                cluster.kill(i);
                assertAcknowledgedInLedger(egress, services[i].ledger());
            }
            assertEquals(ORDERS + 1, egress.acceptedClientIds.size());
            assertTrue(egress.filledByClientId.size() > ORDERS / 20, "most fills acknowledged");
            assertEquals(0, egress.rejects.size(), "no rejects: " + egress.rejects);
        }
    }

    private static void sendOrder(final LedgerTestCluster cluster, final long clientOrderId)
    {
        assertTrue(cluster.proxy.newOrder(clientOrderId, clientOrderId, 1, 1, 20000, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, PRICE, 1_000), "order sent");
    }

    private static String describe(final LedgerTestCluster cluster)
    {
        final StringBuilder text = new StringBuilder();
        text.append("accepted=").append(cluster.egress.acceptedClientIds.size())
            .append(" rejects=").append(cluster.egress.rejects.size())
            .append(" fills=").append(cluster.egress.fills)
            .append(" newLeaderEvents=").append(cluster.egress.leaderChanges)
            .append(" notSent=").append(cluster.client.notSentCount())
            .append(" clientLeader=").append(null == cluster.client.cluster() ? -1 :
                cluster.client.cluster().leaderMemberId());
        for (int i = 0; i < cluster.nodes.length; i++)
        {
            final LedgerNode node = cluster.nodes[i];
            if (null != node)
            {
                text.append(" node").append(i).append('=').append(node.service().role())
                    .append('@').append(node.service().logPosition())
                    .append(" applied=").append(node.service().messagesApplied())
                    .append(" dropped=").append(node.service().egressDropped());
            }
        }
        return text.toString();
    }

    private static boolean allAtSamePosition(final LedgerTestCluster cluster)
    {
        long position = -1;
        for (final LedgerNode node : cluster.nodes)
        {
            if (null == node || (position >= 0 && node.service().logPosition() != position))
            {
                return false;
            }
            position = node.service().logPosition();
        }
        return true;
    }

    static void assertAcknowledgedInLedger(final LedgerTestCluster.Egress egress, final Ledger ledger)
    {
        final LongHashSet.LongIterator ids = egress.acceptedClientIds.iterator();
        while (ids.hasNext())
        {
            final long clientOrderId = ids.nextValue();
            final Order order = ledger.orderByClientId(1, clientOrderId);
            assertNotNull(order, "acknowledged order " + clientOrderId + " lost");
            final long filled = egress.filledByClientId.get(clientOrderId);
            if (filled > 0)
            {
                assertEquals(filled, order.filledQuantity(), "fills of order " + clientOrderId);
            }
        }
        assertEquals(ORDERS + 1, ledger.openOrderCount());
        assertEquals(ORDERS / 10 * 500L, ledger.position(1, 20000).quantity(), "every fill applied exactly once");
    }
}
