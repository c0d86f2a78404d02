/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

/**
 * Loss detection for one collector stream: extends the wire's 32-bit sequence to 64 bits with serial-number
 * arithmetic (RFC 1982, as TCP does: consecutive values are never 2^31 apart) and classifies each message as next in
 * order, after a gap, or already seen (a duplicate, e.g. from a replay overlapping live data). Plain Java, no Aeron.
 */
public final class SequenceTracker
{
    /**
     * The message is the next one expected (or the first one).
     */
    public static final int IN_ORDER = 0;

    /**
     * Messages are missing before this one: {@link #expected()} to {@link #received()} - 1.
     */
    public static final int GAP = 1;

    /**
     * The message was seen already.
     */
    public static final int DUPLICATE = 2;

    private static final long NONE = Long.MIN_VALUE;
    private static final long MASK = 0xFFFF_FFFFL;

    private long last = NONE;
    private long expected;
    private long received;

    /**
     * Classify the next message and, unless it is a duplicate, make it the last one seen.
     *
     * @param wireSequence the message's 32-bit sequence (0 to 2^32 - 1).
     * @return {@link #IN_ORDER}, {@link #GAP} or {@link #DUPLICATE}.
     */
    public int onSequence(final long wireSequence)
    {
        final int result = classify(wireSequence);
        if (DUPLICATE != result)
        {
            accept();
        }
        return result;
    }

    /**
     * Classify the next message without accepting it: a consumer that may have to retry the message (publication
     * back-pressured) accepts it with {@link #accept()} only once it is handled.
     *
     * @param wireSequence the message's 32-bit sequence (0 to 2^32 - 1).
     * @return {@link #IN_ORDER}, {@link #GAP} or {@link #DUPLICATE}.
     */
    public int classify(final long wireSequence)
    {
        if (NONE == last)
        {
            received = wireSequence & MASK;
            expected = received;
            return IN_ORDER;
        }

        received = extend(last, wireSequence);
        expected = last + 1;
        if (received <= last)
        {
            return DUPLICATE;
        }
        return received == expected ? IN_ORDER : GAP;
    }

    /**
     * Make the message last classified the last one seen.
     */
    public void accept()
    {
        last = received;
    }

    /**
     * Start from a known last sequence (restart from a checkpoint).
     *
     * @param lastSequence last 64-bit sequence already handled, or {@code Long.MIN_VALUE} for none.
     */
    public void resumeAfter(final long lastSequence)
    {
        last = lastSequence;
    }

    /**
     * The 64-bit value of a 32-bit sequence nearest to the last one.
     *
     * @param last64       last 64-bit sequence.
     * @param wireSequence 32-bit sequence.
     * @return its 64-bit value.
     */
    public static long extend(final long last64, final long wireSequence)
    {
        final int delta = (int)((wireSequence & MASK) - (last64 & MASK));
        return last64 + delta;
    }

    /**
     * Last 64-bit sequence seen, or {@code Long.MIN_VALUE} before the first message.
     *
     * @return last sequence.
     */
    public long last()
    {
        return last;
    }

    /**
     * After {@link #GAP} or {@link #DUPLICATE}: the sequence that was expected.
     *
     * @return expected sequence.
     */
    public long expected()
    {
        return expected;
    }

    /**
     * The 64-bit sequence of the message just classified.
     *
     * @return received sequence.
     */
    public long received()
    {
        return received;
    }
}
