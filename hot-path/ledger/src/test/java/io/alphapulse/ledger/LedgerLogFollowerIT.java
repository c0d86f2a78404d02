/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
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
 * The projector's log follower hands on only the committed log. Three real members; the follower follows the
 * leader's recording, which runs ahead of the commit position until a follower has appended the same (an
 * uncommitted tail, which an election would truncate if the leader died with it). While 500 orders stream in, after
 * every poll the follower has handed on nothing beyond the member's commit position, and at the end everything.
 */
class LedgerLogFollowerIT
{
    private static final long MINUTE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int ORDERS = 500;

    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void handsOnNothingBeyondTheCommitPosition()
    {
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 3))
        {
            final int leader = cluster.awaitLeader(MINUTE_NS);
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            final LedgerTestCluster.Egress followed = new LedgerTestCluster.Egress();
            final List<Throwable> errors = new ArrayList<>();
            try (LedgerLogFollower follower = new LedgerLogFollower(
                cluster.nodes[leader].context().aeronDirectoryName(), followed, errors::add))
            {
                final long[] polls = {0};
                final long[] recordedAhead = {0};
                long sent = 0;
                while (sent < ORDERS || followed.acceptedClientIds.size() < ORDERS)
                {
                    if (sent < ORDERS && cluster.proxy.newOrder(sent + 1, sent + 1, 1, 1, 20000, Side.BUY,
                        OrderType.LIMIT, TimeInForce.GTC, 6_000_000L, 1_000))
                    {
                        sent++;
                    }
                    cluster.client.poll();
                    follower.poll(16);
                    polls[0]++;
                    final long committed = follower.commitPositionSeen();
                    assertTrue(follower.position() <= committed || !follower.isFollowing(),
                        "handed on up to " + follower.position() + " with the commit position at " + committed);
                    if ((polls[0] & 63) == 0 && follower.recordedPosition() > follower.commitPositionSeen())
                    {
                        recordedAhead[0]++;
                    }
                }
                cluster.await(() -> follower.poll(64) >= 0 && ORDERS == followed.acceptedClientIds.size(),
                    MINUTE_NS, () -> ORDERS + " orders handed on: " + followed.acceptedClientIds.size());
                System.out.printf("log follower: %d polls, the leader's recording seen ahead of its commit position " +
                    "%d times; followed to %d, committed %d%n", polls[0], recordedAhead[0], follower.position(),
                    follower.commitPositionSeen());
            }
            assertEquals(List.of(), errors);
        }
    }
}
