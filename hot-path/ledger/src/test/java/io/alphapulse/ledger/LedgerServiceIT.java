/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One real member: orders in over UDP ingress, acknowledgements and rejections with their reason codes out on
 * egress, through SBE both ways.
 */
class LedgerServiceIT
{
    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void acceptsAndRejectsWithReasonCodesOverTheCluster()
    {
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 1))
        {
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            cluster.connectClient();
            cluster.setUpPortfolio(0);
            cluster.proxy.riskLimits(0, 1, 20000, 100_000_000L, 0, 0, 100, 0);
            cluster.proxy.newOrder(1, 1, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 1000);
            cluster.proxy.newOrder(2, 2, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000,
                100_000_001L);
            cluster.proxy.newOrder(3, 3, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 7_000_000, 1000);
            cluster.proxy.newOrder(4, 3, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 1000);
            cluster.proxy.killSwitch(5, 1, true, "test");
            cluster.proxy.newOrder(6, 4, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 1000);

            final LedgerTestCluster.Egress egress = cluster.egress;
            cluster.await(() -> egress.rejects.size() == 4, TimeUnit.SECONDS.toNanos(20),
                () -> "4 rejects, got " + egress.rejects + " and accepted " + egress.acceptedClientIds);
            assertEquals(List.of(RejectReason.MAX_ORDER_QUANTITY, RejectReason.PRICE_BAND,
                RejectReason.DUPLICATE_ORDER_ID, RejectReason.KILL_SWITCH), egress.rejects);
            assertEquals(1, egress.acceptedClientIds.size());
        }
    }
}
