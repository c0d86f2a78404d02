/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

/**
 * Aeron counter type ids of the WebSocket bridge (4300-4399; see {@link PulseCounters} and
 * {@link RelayCounterTypes} for the other components').
 */
public final class BridgeCounterTypes
{
    /**
     * Open WebSocket clients.
     */
    public static final int CLIENTS = 4300;

    /**
     * JSON messages handed to client sockets.
     */
    public static final int MESSAGES_SENT = 4301;

    /**
     * Book and ticker values replaced in a slow client's queue by a newer value.
     */
    public static final int CONFLATED = 4302;

    /**
     * Clients closed for being too slow.
     */
    public static final int DROPPED_CLIENTS = 4303;

    /**
     * Bad client requests: invalid JSON, unknown op or channel, oversized frames, floods.
     */
    public static final int BAD_REQUESTS = 4304;

    /**
     * Merged-stream messages the bridge skipped (let go as an untethered subscriber, or disconnected).
     */
    public static final int SKIPPED = 4305;

    /**
     * Connections refused: token, origin, connection limits.
     */
    public static final int REJECTED_CONNECTIONS = 4306;

    /**
     * Messages read from the merged stream.
     */
    public static final int MESSAGES_RECEIVED = 4307;

    /**
     * Reconnects of the bridge's Aeron client.
     */
    public static final int RECONNECTS = 4308;

    /**
     * Messages not usable: no instrument definition yet, or failed validation.
     */
    public static final int UNDECODABLE = 4309;

    private BridgeCounterTypes()
    {
    }
}
