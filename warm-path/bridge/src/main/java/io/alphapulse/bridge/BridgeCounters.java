/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.alphapulse.driver.BridgeCounterTypes;
import org.agrona.CloseHelper;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge's Aeron counters, mirroring {@link BridgeStats}: read them with {@code pulse stat}. Created per Aeron
 * client; values carry over a reconnect because they are copied from the stats.
 */
final class BridgeCounters implements AutoCloseable
{
    private final AtomicLong[] sources;
    private final Counter[] counters;

    BridgeCounters(final Aeron aeron, final BridgeStats stats, final String label)
    {
        sources = new AtomicLong[]{
            stats.clients, stats.messagesSent, stats.conflated, stats.droppedClients, stats.badRequests,
            stats.skipped, stats.rejectedConnections, stats.messagesReceived, stats.reconnects, stats.undecodable};
        final int[] types = {
            BridgeCounterTypes.CLIENTS, BridgeCounterTypes.MESSAGES_SENT, BridgeCounterTypes.CONFLATED,
            BridgeCounterTypes.DROPPED_CLIENTS, BridgeCounterTypes.BAD_REQUESTS, BridgeCounterTypes.SKIPPED,
            BridgeCounterTypes.REJECTED_CONNECTIONS, BridgeCounterTypes.MESSAGES_RECEIVED,
            BridgeCounterTypes.RECONNECTS, BridgeCounterTypes.UNDECODABLE};
        final String[] names = {
            "bridge clients", "bridge messages sent", "bridge conflated", "bridge dropped clients",
            "bridge bad requests", "bridge skipped", "bridge rejected connections", "bridge messages received",
            "bridge reconnects", "bridge undecodable"};
        counters = new Counter[types.length];
        for (int i = 0; i < types.length; i++)
        {
            counters[i] = aeron.addCounter(types[i], names[i] + ": " + label);
        }
        update();
    }

    void update()
    {
        for (int i = 0; i < counters.length; i++)
        {
            if (!counters[i].isClosed())
            {
                counters[i].setRelease(sources[i].get());
            }
        }
    }

    public void close()
    {
        CloseHelper.closeAll(counters);
    }
}
