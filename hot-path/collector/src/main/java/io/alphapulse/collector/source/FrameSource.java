/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

/**
 * Where a collector's frames come from: the live exchange WebSocket, a replay of recorded frames, or the synthetic
 * generator. All three feed the same decoder and publisher.
 */
public interface FrameSource extends AutoCloseable
{
    /**
     * Start (connect, open the file).
     *
     * @param nowNs ns since the epoch.
     */
    void start(long nowNs);

    /**
     * Deliver waiting frames and events to the handler, on the caller's thread, and do timed work (reconnects,
     * pings).
     *
     * @param handler receives frames and events.
     * @param limit   most frames to deliver.
     * @param nowNs   ns since the epoch.
     * @return work done, 0 when idle.
     */
    int poll(FrameHandler handler, int limit, long nowNs);

    /**
     * Send a text frame to the exchange (subscriptions); ignored by sources without a connection.
     *
     * @param text the frame.
     */
    void send(String text);

    /**
     * Ask for a REST depth snapshot of a symbol; it arrives later through {@link FrameHandler#onSnapshot}.
     *
     * @param venueSymbol symbol as the exchange spells it.
     */
    void requestSnapshot(String venueSymbol);

    /**
     * Drop the connection and make a new one after the usual backoff.
     *
     * @param reason for the log.
     */
    void reconnect(String reason);

    /**
     * Whether the source has nothing more to deliver (end of a replay file).
     *
     * @return true when done.
     */
    boolean isDone();

    /**
     * Stop and release resources.
     */
    void close();
}
