/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * Something happened to a feed: a gap, a resync, a stale channel, a disconnect. Reused: valid only during the
 * callback.
 */
public final class FeedEvent
{
    /**
     * Instrument id when the event concerns the whole exchange.
     */
    public static final int ALL_INSTRUMENTS = -1;

    private long timeNs;
    private String exchange;
    private int instrumentId;
    private FeedEventType type;
    private long expectedSequence;
    private long receivedSequence;

    /**
     * Set every field.
     *
     * @param timeNs           event time, ns since the epoch.
     * @param exchange         exchange name (a constant: no allocation).
     * @param instrumentId     instrument, or {@link #ALL_INSTRUMENTS}.
     * @param type             what happened.
     * @param expectedSequence for a gap: sequence expected; otherwise any value.
     * @param receivedSequence for a gap: sequence received; otherwise any value.
     * @return this.
     */
    public FeedEvent set(
        final long timeNs,
        final String exchange,
        final int instrumentId,
        final FeedEventType type,
        final long expectedSequence,
        final long receivedSequence)
    {
        this.timeNs = timeNs;
        this.exchange = exchange;
        this.instrumentId = instrumentId;
        this.type = type;
        this.expectedSequence = expectedSequence;
        this.receivedSequence = receivedSequence;
        return this;
    }

    /**
     * Event time.
     *
     * @return event time, ns since the epoch.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * Exchange name.
     *
     * @return exchange name.
     */
    public String exchange()
    {
        return exchange;
    }

    /**
     * Instrument, or {@link #ALL_INSTRUMENTS}.
     *
     * @return instrument id.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * What happened.
     *
     * @return event type.
     */
    public FeedEventType type()
    {
        return type;
    }

    /**
     * For a gap: the sequence expected.
     *
     * @return sequence expected.
     */
    public long expectedSequence()
    {
        return expectedSequence;
    }

    /**
     * For a gap: the sequence received.
     *
     * @return sequence received.
     */
    public long receivedSequence()
    {
        return receivedSequence;
    }
}
