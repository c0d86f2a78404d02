/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real member takes a snapshot mid-stream, more messages follow, the member stops and restarts from the snapshot
 * plus the rest of its log: the state hash is the same as before the stop, and only the messages after the snapshot
 * were replayed.
 */
class LedgerSnapshotIT
{
    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void restartFromSnapshotAndLogGivesTheSameStateHash()
    {
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 1))
        {
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            final LedgerTestCluster.Egress egress = cluster.egress;

            send(cluster, 1, 500);
            cluster.await(() -> egress.acceptedClientIds.contains(500), TimeUnit.SECONDS.toNanos(30), "500 orders");
            for (long id = 5; id <= 500; id += 5)
            {
                cluster.proxy.fill(id, egress.orderIdByClientId.get(id), id, 1, 6_000_000, 400, 600, 123, -10, 1, 1,
                    20000, Side.BUY, Liquidity.TAKER);
            }
            cluster.proxy.mark(0, 20000, 6_010_000);

            final LedgerNode node = cluster.nodes[0];
            // The fills and the mark above are not acknowledged: wait until the member has applied them all (its
            // count stops moving), so the snapshot is taken after them and the count read below is the snapshot's.
            final long[] last = {-1};
            final long[] stableSinceNs = {System.nanoTime()};
            cluster.await(() ->
            {
                final long applied = node.service().messagesApplied();
                if (applied != last[0])
                {
                    last[0] = applied;
                    stableSinceNs[0] = System.nanoTime();
                }
                return System.nanoTime() - stableSinceNs[0] >= TimeUnit.MILLISECONDS.toNanos(500);
            }, TimeUnit.SECONDS.toNanos(30), "the fills and the mark applied");
            assertTrue(node.requestSnapshot(), "snapshot requested");
            cluster.await(() -> node.snapshotCount() == 1, TimeUnit.SECONDS.toNanos(30), "the snapshot");
            final long appliedAtSnapshot = node.service().messagesApplied();

            send(cluster, 501, 800);
            cluster.proxy.killSwitch(0, 1, true, "test");
            cluster.proxy.killSwitch(0, 1, false, "test");
            send(cluster, 801, 900);
            cluster.await(() -> egress.acceptedClientIds.contains(900), TimeUnit.SECONDS.toNanos(30), "900 orders");
            final long hashBefore = cluster.stateHash(0);
            final long positionBefore = node.service().logPosition();
            final long appliedBefore = node.service().messagesApplied();

            cluster.client.close();
            cluster.kill(0);
            cluster.restart(0);
            final LedgerNode restarted = cluster.nodes[0];
            cluster.await(() -> restarted.service().logPosition() == positionBefore, TimeUnit.SECONDS.toNanos(60),
                "the log replay after the snapshot");

            assertEquals(hashBefore, cluster.stateHash(0));
            assertEquals(appliedBefore - appliedAtSnapshot, restarted.service().messagesApplied(),
                "only the messages after the snapshot were replayed");
        }
    }

    private static void send(final LedgerTestCluster cluster, final long from, final long to)
    {
        for (long id = from; id <= to; id++)
        {
            cluster.proxy.newOrder(id, id, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 1000);
            cluster.client.poll();
        }
    }
}
