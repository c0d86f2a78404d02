/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

/**
 * Defaults of the bridge; {@link Bridge.Context} holds one instance's settings and {@code pulse bridge} exposes
 * each as an option.
 */
public final class BridgeConfiguration
{
    /**
     * Protocol version served on {@link #PATH_DEFAULT}.
     */
    public static final int PROTOCOL_VERSION = 1;

    /**
     * WebSocket path.
     */
    public static final String PATH_DEFAULT = "/ws/v1";

    /**
     * Interface to listen on: loopback unless told otherwise.
     */
    public static final String HOST_DEFAULT = "127.0.0.1";

    /**
     * TCP port.
     */
    public static final int PORT_DEFAULT = 8090;

    /**
     * Messages a client's outbound queue holds before it counts as full.
     */
    public static final int QUEUE_CAPACITY_DEFAULT = 4096;

    /**
     * How long a client's queue may stay full before the client is closed (1013), ms.
     */
    public static final long SLOW_CLIENT_TIMEOUT_MS_DEFAULT = 2000;

    /**
     * How long a close handshake may take before the connection is dropped, ms.
     */
    public static final long CLOSE_GRACE_MS_DEFAULT = 5000;

    /**
     * Server heartbeat interval, ms.
     */
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 5000;

    /**
     * Largest client frame accepted, bytes (a request is a small JSON object); larger closes with 1009.
     */
    public static final int MAX_FRAME_BYTES_DEFAULT = 4096;

    /**
     * Client requests accepted per second; more get a {@code rate_limited} error.
     */
    public static final int REQUESTS_PER_SECOND_DEFAULT = 20;

    /**
     * Refused requests within one second after which the client is closed for flooding (1008).
     */
    public static final int FLOOD_CLOSE_THRESHOLD_DEFAULT = 50;

    /**
     * Subscriptions per connection.
     */
    public static final int MAX_SUBSCRIPTIONS_DEFAULT = 64;

    /**
     * Book levels per side when a subscription names none.
     */
    public static final int BOOK_DEPTH_DEFAULT = 10;

    /**
     * Most book levels per side a client may ask for.
     */
    public static final int MAX_BOOK_DEPTH = 100;

    /**
     * Recent trades kept per instrument for snapshots.
     */
    public static final int RECENT_TRADES_DEFAULT = 50;

    /**
     * Connections per user when auth is on.
     */
    public static final int MAX_CONNECTIONS_PER_USER_DEFAULT = 8;

    /**
     * Connections in all.
     */
    public static final int MAX_CONNECTIONS_DEFAULT = 1000;

    /**
     * WebSocket idle timeout, ms (heartbeats keep a healthy connection busy).
     */
    public static final long IDLE_TIMEOUT_MS_DEFAULT = 60_000;

    /**
     * Fragments read from the merged stream per duty cycle.
     */
    public static final int FRAGMENT_LIMIT_DEFAULT = 256;

    /**
     * Most bytes of messages batched into one frame (a JSON array) for a client that has several queued.
     */
    public static final int MAX_BATCH_BYTES = 64 * 1024;

    private BridgeConfiguration()
    {
    }
}
