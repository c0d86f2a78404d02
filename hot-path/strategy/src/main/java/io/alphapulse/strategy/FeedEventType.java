/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * What happened to a feed: the market-data schema's feed events, as strategies see them.
 */
public enum FeedEventType
{
    /**
     * Connection established.
     */
    CONNECTED(false),

    /**
     * Connection lost or closed: data from the exchange stops.
     */
    DISCONNECTED(true),

    /**
     * Subscription acknowledged.
     */
    SUBSCRIBED(false),

    /**
     * Subscription rejected by the exchange.
     */
    SUBSCRIPTION_REJECTED(true),

    /**
     * Messages were lost: books may be wrong until a resync.
     */
    GAP(true),

    /**
     * Book resynchronisation started: the book is not to be trusted.
     */
    RESYNC_STARTED(true),

    /**
     * Book resynchronised: trustworthy again.
     */
    RESYNC_DONE(false),

    /**
     * Book checksum mismatch.
     */
    CHECKSUM_FAILURE(true),

    /**
     * No data within the watchdog interval.
     */
    STALE_CHANNEL(true),

    /**
     * Best bid at or above best ask.
     */
    CROSSED_BOOK(true),

    /**
     * A frame could not be decoded.
     */
    MALFORMED_FRAME(false),

    /**
     * The exchange's timestamps are beyond the collector's tolerance of its receive time (reported once per
     * connection); the data itself is published untouched, so the book is not impaired.
     */
    CLOCK_SKEW(false);

    private final boolean impairing;

    FeedEventType(final boolean impairing)
    {
        this.impairing = impairing;
    }

    /**
     * Whether the event means the exchange's data can no longer be trusted until it recovers.
     *
     * @return true for disconnects, gaps, resyncs in progress, checksum failures, stale and crossed books.
     */
    public boolean isImpairing()
    {
        return impairing;
    }

    /**
     * Whether the event means the exchange's data is trustworthy again.
     *
     * @return true for connected, subscribed and resync done.
     */
    public boolean isRecovery()
    {
        return this == CONNECTED || this == SUBSCRIBED || this == RESYNC_DONE;
    }
}
