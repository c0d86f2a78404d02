/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;

/**
 * The last execution reports of one strategy (accepted, rejected, fill, cancelled), numbered 1, 2, 3, ... in the
 * order the ledger made them: replicated state, so every member holds the same reports with the same numbers and a
 * client that missed some (egress is at most once per session) can have them replayed by whichever member leads.
 * <p>
 * A ring of fixed-size entries in one {@code long[]} that grows by doubling up to {@link #CAPACITY} entries (so a
 * strategy that sends a few orders holds a few entries), then overwrites the oldest: no allocation once grown.
 * <pre>
 *  entry (11 longs): sequence | timeNs | orderId | clientOrderId | fillId | price | quantity
 *                    | leavesOrCancelled | fee | portfolioId &lt;&lt; 32 | instrumentId
 *                    | type u8 | side u8 | orderType u8 | timeInForce u8 | liquidity u8 | reason u8 (packed, low first)
 * </pre>
 */
final class ReportHistory
{
    /**
     * Most reports kept per strategy. A client that missed more than this (a disconnection of minutes at full rate)
     * cannot be brought up to date by replay; the answer says so ({@code oldestSequence}).
     */
    static final int CAPACITY = 4096;

    static final int ACCEPTED = 1;
    static final int REJECTED = 2;
    static final int FILL = 3;
    static final int CANCELLED = 4;

    static final int STRIDE = 11;
    private static final int INITIAL_CAPACITY = 16;

    private long[] entries = new long[INITIAL_CAPACITY * STRIDE];
    private int capacity = INITIAL_CAPACITY;
    private long lastSequence;
    private int size;

    /**
     * The sequence of the last report made (0: none).
     *
     * @return sequence.
     */
    long lastSequence()
    {
        return lastSequence;
    }

    /**
     * The oldest sequence still held (lastSequence + 1 when none is held).
     *
     * @return sequence.
     */
    long oldestSequence()
    {
        return lastSequence - size + 1;
    }

    /**
     * Reports held.
     *
     * @return count.
     */
    int size()
    {
        return size;
    }

    long append(
        final int type,
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long fillId,
        final long price,
        final long quantity,
        final long leavesOrCancelled,
        final long fee,
        final int portfolioId,
        final int instrumentId,
        final int side,
        final int orderType,
        final int timeInForce,
        final int liquidity,
        final int reason)
    {
        if (size == capacity && capacity < CAPACITY)
        {
            grow();
        }
        final long sequence = ++lastSequence;
        final int i = slot(sequence);
        entries[i] = sequence;
        entries[i + 1] = timeNs;
        entries[i + 2] = orderId;
        entries[i + 3] = clientOrderId;
        entries[i + 4] = fillId;
        entries[i + 5] = price;
        entries[i + 6] = quantity;
        entries[i + 7] = leavesOrCancelled;
        entries[i + 8] = fee;
        entries[i + 9] = ((long)portfolioId << 32) | (instrumentId & 0xFFFF_FFFFL);
        entries[i + 10] = (type & 0xFF) | (side & 0xFF) << 8 | (orderType & 0xFF) << 16 |
            (long)(timeInForce & 0xFF) << 24 | (long)(liquidity & 0xFF) << 32 | (long)(reason & 0xFF) << 40;
        if (size < capacity)
        {
            size++;
        }
        return sequence;
    }

    private void grow()
    {
        final int newCapacity = capacity * 2;
        final long[] grown = new long[newCapacity * STRIDE];
        final long oldest = oldestSequence();
        for (long s = oldest; s <= lastSequence; s++)
        {
            System.arraycopy(entries, slot(s), grown, (int)(s % newCapacity) * STRIDE, STRIDE);
        }
        entries = grown;
        capacity = newCapacity;
    }

    private int slot(final long sequence)
    {
        return (int)(sequence % capacity) * STRIDE;
    }

    /**
     * Replay the reports from a sequence on, oldest first.
     *
     * @param fromSequence first wanted (older ones that are no longer held are skipped).
     * @param strategyId   the strategy these reports belong to.
     * @param handler      receives each report.
     * @return reports replayed.
     */
    int replay(final long fromSequence, final int strategyId, final LedgerReportHandler handler)
    {
        int replayed = 0;
        for (long s = Math.max(fromSequence, oldestSequence()); s <= lastSequence; s++)
        {
            final int i = slot(s);
            final long packed = entries[i + 10];
            final int portfolioId = (int)(entries[i + 9] >>> 32);
            final int instrumentId = (int)entries[i + 9];
            switch ((int)(packed & 0xFF))
            {
                case ACCEPTED -> handler.onOrderAccepted(s, entries[i + 1], entries[i + 2], entries[i + 3],
                    portfolioId, strategyId, instrumentId, Side.get((short)((packed >>> 8) & 0xFF)),
                    OrderType.get((short)((packed >>> 16) & 0xFF)), TimeInForce.get((short)((packed >>> 24) & 0xFF)),
                    entries[i + 5], entries[i + 6]);
                case REJECTED -> handler.onOrderRejected(s, entries[i + 1], entries[i + 3], portfolioId, strategyId,
                    instrumentId, RejectReason.get((short)((packed >>> 40) & 0xFF)));
                case FILL -> handler.onFill(s, entries[i + 1], entries[i + 2], entries[i + 3], entries[i + 4],
                    entries[i + 5], entries[i + 6], entries[i + 7], entries[i + 8], portfolioId, strategyId,
                    instrumentId, Side.get((short)((packed >>> 8) & 0xFF)),
                    Liquidity.get((short)((packed >>> 32) & 0xFF)));
                case CANCELLED -> handler.onOrderCancelled(s, entries[i + 1], entries[i + 2], entries[i + 3],
                    entries[i + 7], portfolioId, strategyId, instrumentId,
                    CancelReason.get((short)((packed >>> 40) & 0xFF)));
                default -> throw new IllegalStateException("report history entry of type " + (packed & 0xFF));
            }
            replayed++;
        }
        return replayed;
    }

    /**
     * Canonical encoding: lastSequence, size, then the held entries oldest first.
     *
     * @param out writer.
     */
    void encode(final Ledger.Writer out)
    {
        out.i64(lastSequence).i32(size);
        for (long s = oldestSequence(); s <= lastSequence; s++)
        {
            final int i = slot(s);
            for (int j = 0; j < STRIDE; j++)
            {
                out.i64(entries[i + j]);
            }
        }
    }

    void decode(final Ledger.Reader in)
    {
        lastSequence = in.i64();
        final int count = in.i32();
        if (count < 0 || count > CAPACITY)
        {
            throw new IllegalStateException("report history of " + count + " entries");
        }
        capacity = INITIAL_CAPACITY;
        while (capacity < count)
        {
            capacity *= 2;
        }
        entries = new long[capacity * STRIDE];
        size = count;
        for (long s = lastSequence - count + 1; s <= lastSequence; s++)
        {
            final int i = slot(s);
            for (int j = 0; j < STRIDE; j++)
            {
                entries[i + j] = in.i64();
            }
        }
    }
}
