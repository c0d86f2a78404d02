/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.LevelBuffer;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.schemas.marketdata.BookSide;

import java.util.Arrays;

/**
 * The diff-depth state of one instrument: its local book, where it stands in the synchronisation with a REST
 * snapshot, and the events buffered while it waits for one. Events are kept already parsed (prices and quantities at
 * the instrument's scales) in parallel arrays that grow as needed and are reused, so buffering does not allocate once
 * warm.
 * <pre>
 *   event i:  firstIds[i] (U)  lastIds[i] (u)  eventTimesNs[i]  receiveTimesNs[i]  levelStarts[i]  levelCounts[i]
 *   level j:  prices[j]  quantities[j]  bidSides[j]
 * </pre>
 */
final class DepthBook
{
    private static final int INITIAL_LEVELS_PER_SIDE = 1024;
    private static final int INITIAL_EVENTS = 16;
    private static final int INITIAL_BUFFERED_LEVELS = 256;

    final Instrument instrument;
    final OrderBook book = new OrderBook(INITIAL_LEVELS_PER_SIDE);

    /**
     * The book is in sync and {@link #localUpdateId} is the last applied {@code u}.
     */
    boolean synced;

    /**
     * Not synced, and {@link #book} holds a REST snapshot as of {@link #snapshotUpdateId} waiting for the event that
     * continues it.
     */
    boolean snapshotLoaded;

    /**
     * A snapshot was asked of the session and has not come yet.
     */
    boolean snapshotRequested;

    /**
     * The book is crossed and {@code CROSSED_BOOK} was published for this episode.
     */
    boolean crossed;

    long localUpdateId;
    long snapshotUpdateId;
    long snapshotReceiveTimeNs;

    private int eventCount;
    private long[] firstIds = new long[INITIAL_EVENTS];
    private long[] lastIds = new long[INITIAL_EVENTS];
    private long[] eventTimesNs = new long[INITIAL_EVENTS];
    private long[] receiveTimesNs = new long[INITIAL_EVENTS];
    private int[] levelStarts = new int[INITIAL_EVENTS];
    private int[] levelCounts = new int[INITIAL_EVENTS];

    private int levelCount;
    private long[] prices = new long[INITIAL_BUFFERED_LEVELS];
    private long[] quantities = new long[INITIAL_BUFFERED_LEVELS];
    private boolean[] bidSides = new boolean[INITIAL_BUFFERED_LEVELS];

    DepthBook(final Instrument instrument)
    {
        this.instrument = instrument;
    }

    /**
     * Buffer one event.
     *
     * @param firstId         {@code U}.
     * @param lastId          {@code u}.
     * @param eventTimeNs     {@code E} in ns.
     * @param receiveTimeNs   when the frame arrived.
     * @param levels          the event's levels.
     */
    void bufferEvent(
        final long firstId, final long lastId, final long eventTimeNs, final long receiveTimeNs, final LevelBuffer levels)
    {
        if (eventCount == firstIds.length)
        {
            final int capacity = eventCount * 2;
            firstIds = Arrays.copyOf(firstIds, capacity);
            lastIds = Arrays.copyOf(lastIds, capacity);
            eventTimesNs = Arrays.copyOf(eventTimesNs, capacity);
            receiveTimesNs = Arrays.copyOf(receiveTimesNs, capacity);
            levelStarts = Arrays.copyOf(levelStarts, capacity);
            levelCounts = Arrays.copyOf(levelCounts, capacity);
        }
        final int count = levels.count();
        if (levelCount + count > prices.length)
        {
            final int capacity = Math.max(prices.length * 2, levelCount + count);
            prices = Arrays.copyOf(prices, capacity);
            quantities = Arrays.copyOf(quantities, capacity);
            bidSides = Arrays.copyOf(bidSides, capacity);
        }

        firstIds[eventCount] = firstId;
        lastIds[eventCount] = lastId;
        eventTimesNs[eventCount] = eventTimeNs;
        receiveTimesNs[eventCount] = receiveTimeNs;
        levelStarts[eventCount] = levelCount;
        levelCounts[eventCount] = count;
        eventCount++;
        for (int i = 0; i < count; i++)
        {
            prices[levelCount] = levels.price(i);
            quantities[levelCount] = levels.quantity(i);
            bidSides[levelCount] = BookSide.BID == levels.side(i);
            levelCount++;
        }
    }

    int eventCount()
    {
        return eventCount;
    }

    long firstId(final int event)
    {
        return firstIds[event];
    }

    long lastId(final int event)
    {
        return lastIds[event];
    }

    long eventTimeNs(final int event)
    {
        return eventTimesNs[event];
    }

    long receiveTimeNs(final int event)
    {
        return receiveTimesNs[event];
    }

    /**
     * Copy a buffered event's levels out.
     *
     * @param event index.
     * @param into  cleared, then filled.
     */
    void copyLevels(final int event, final LevelBuffer into)
    {
        into.clear();
        for (int i = levelStarts[event], end = i + levelCounts[event]; i < end; i++)
        {
            into.add(prices[i], quantities[i], bidSides[i] ? BookSide.BID : BookSide.ASK);
        }
    }

    /**
     * Forget the oldest buffered events.
     *
     * @param count how many.
     */
    void discardEvents(final int count)
    {
        if (count >= eventCount)
        {
            clearEvents();
            return;
        }
        if (count <= 0)
        {
            return;
        }

        final int remaining = eventCount - count;
        final int levelBase = levelStarts[count];
        final int remainingLevels = levelCount - levelBase;
        System.arraycopy(prices, levelBase, prices, 0, remainingLevels);
        System.arraycopy(quantities, levelBase, quantities, 0, remainingLevels);
        System.arraycopy(bidSides, levelBase, bidSides, 0, remainingLevels);
        levelCount = remainingLevels;

        System.arraycopy(firstIds, count, firstIds, 0, remaining);
        System.arraycopy(lastIds, count, lastIds, 0, remaining);
        System.arraycopy(eventTimesNs, count, eventTimesNs, 0, remaining);
        System.arraycopy(receiveTimesNs, count, receiveTimesNs, 0, remaining);
        System.arraycopy(levelStarts, count, levelStarts, 0, remaining);
        System.arraycopy(levelCounts, count, levelCounts, 0, remaining);
        for (int i = 0; i < remaining; i++)
        {
            levelStarts[i] -= levelBase;
        }
        eventCount = remaining;
    }

    /**
     * Forget every buffered event.
     */
    void clearEvents()
    {
        eventCount = 0;
        levelCount = 0;
    }
}
