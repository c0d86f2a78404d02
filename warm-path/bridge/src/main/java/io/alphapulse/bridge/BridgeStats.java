/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge's totals, updated from the agent and Jetty threads. They outlive the Aeron client: after a reconnect
 * the agent creates its Aeron counters again and carries these values over (see {@link BridgeCounters}).
 */
public final class BridgeStats
{
    /**
     * Open client sessions.
     */
    public final AtomicLong clients = new AtomicLong();

    /**
     * Messages handed to client sockets.
     */
    public final AtomicLong messagesSent = new AtomicLong();

    /**
     * Book or ticker values replaced in a client's queue by a newer one.
     */
    public final AtomicLong conflated = new AtomicLong();

    /**
     * Clients closed for being too slow.
     */
    public final AtomicLong droppedClients = new AtomicLong();

    /**
     * Bad client input: invalid JSON, unknown op or channel, oversized frames, floods.
     */
    public final AtomicLong badRequests = new AtomicLong();

    /**
     * Connections refused: auth, origin, connection limits.
     */
    public final AtomicLong rejectedConnections = new AtomicLong();

    /**
     * Messages of the merged stream the bridge never saw (it was let go or disconnected), from sequence numbers.
     */
    public final AtomicLong skipped = new AtomicLong();

    /**
     * Messages read from the merged stream.
     */
    public final AtomicLong messagesReceived = new AtomicLong();

    /**
     * Messages skipped because their instrument had no definition yet, or that failed validation.
     */
    public final AtomicLong undecodable = new AtomicLong();

    /**
     * Reconnects of the Aeron client (after the driver timed it out, or the driver restarted).
     */
    public final AtomicLong reconnects = new AtomicLong();
}
