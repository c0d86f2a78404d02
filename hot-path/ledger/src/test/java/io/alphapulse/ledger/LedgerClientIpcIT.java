/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client on the member's own media driver (IPC ingress and egress, the default for a process on the host of a
 * one-member ledger): orders are acknowledged; the member (and with it the driver the client ran on) stops and
 * restarts; the client reconnects by itself and its next order is acknowledged.
 */
class LedgerClientIpcIT
{
    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void ipcClientReconnectsWhenTheMemberAndItsDriverRestart()
    {
        LedgerClient client = null;
        try (LedgerTestCluster cluster = new LedgerTestCluster(tempDir, 1))
        {
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            final String memberDir = cluster.nodes[0].context().aeronDirectoryName();
            assertNull(LedgerConfiguration.memberAeronDirectory(memberDir, "0=localhost:1,1=localhost:2"),
                "IPC only for one member");
            final LedgerTestCluster.Egress egress = new LedgerTestCluster.Egress();
            client = LedgerClient.connect(new LedgerClient.Context()
                .ipc(true)
                .aeronDirectoryName(memberDir)
                .reconnectIntervalNs(TimeUnit.MILLISECONDS.toNanos(100)), egress);
            final LedgerClient ipcClient = client;
            assertTrue(client.describe().startsWith("IPC"), client.describe());
            final LedgerProxy proxy = new LedgerProxy(client);
            proxy.instrument(0, 20000, 2, 8, "USD");
            proxy.riskLimits(0, 1, Ledger.ALL_INSTRUMENTS, 0, 0, 0, 0, 0);
            proxy.deposit(0, 1, "USD", 10_000_000L * LedgerTestCluster.UNIT);
            proxy.mark(0, 20000, 6_000_000L);
            assertTrue(order(proxy, 1));
            cluster.await(() -> ipcClient.poll() >= 0 && egress.acceptedClientIds.contains(1),
                TimeUnit.SECONDS.toNanos(30), "order 1 acknowledged over IPC");

            cluster.kill(0);
            cluster.restart(0);
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(30));
            cluster.await(() -> ipcClient.poll() >= 0 && ipcClient.reconnects() > 0 && null != ipcClient.cluster(),
                TimeUnit.SECONDS.toNanos(60), () -> "the client to reconnect: failures " +
                ipcClient.reconnectFailures());
            assertTrue(order(proxy, 2));
            cluster.await(() -> ipcClient.poll() >= 0 && egress.acceptedClientIds.contains(2),
                TimeUnit.SECONDS.toNanos(30), "order 2 acknowledged after the reconnection");
            assertEquals(0, egress.rejects.size(), "rejects: " + egress.rejects);
        }
        finally
        {
            CloseHelper.close(client);
        }
    }

    private static boolean order(final LedgerProxy proxy, final long clientOrderId)
    {
        return proxy.newOrder(clientOrderId, clientOrderId, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            6_000_000L, 1_000);
    }
}
