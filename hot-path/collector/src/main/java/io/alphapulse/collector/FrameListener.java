/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

/**
 * Outcomes of a frame that are not market data: control messages (acks, heartbeats, status, pongs, subscription
 * lists) and errors (malformed frames or values). Market data and feed events go to the {@link MarketDataProxy}.
 */
public interface FrameListener
{
    /**
     * A control frame: it never becomes market data.
     *
     * @param what a constant naming the kind, e.g. {@code "heartbeat"}, {@code "subscribed"}, {@code "pong"}.
     */
    void onControl(String what);

    /**
     * A frame, or part of one, that could not be decoded; nothing wrong was published for it.
     *
     * @param message what was wrong, naming the offending value.
     */
    void onError(String message);
}
