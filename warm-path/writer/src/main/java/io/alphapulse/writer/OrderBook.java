/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instrument's L2 book, rebuilt from BookSnapshot and BookUpdate messages, for the periodic book snapshots the
 * writer stores. Warm path: a sorted map per side is enough at these rates.
 * <p>
 * A book is only trusted after a complete snapshot (its last part flagged lastInBatch); updates before that are
 * ignored, so a writer resuming mid-stream stores no snapshot until the exchange sends a new one.
 */
final class OrderBook
{
    private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private boolean synced;
    private boolean inSnapshot;
    private long lastSnapshotTimeNs = Long.MIN_VALUE;

    void snapshotPart(final boolean bid, final long price, final long quantity)
    {
        if (!inSnapshot)
        {
            bids.clear();
            asks.clear();
            inSnapshot = true;
            synced = false;
        }
        if (0 != quantity)
        {
            (bid ? bids : asks).put(price, quantity);
        }
    }

    void snapshotStarted()
    {
        if (!inSnapshot)
        {
            bids.clear();
            asks.clear();
            inSnapshot = true;
            synced = false;
        }
    }

    void snapshotEnded()
    {
        inSnapshot = false;
        synced = true;
    }

    void update(final boolean bid, final long price, final long quantity)
    {
        if (!synced)
        {
            return;
        }
        if (0 == quantity)
        {
            (bid ? bids : asks).remove(price);
        }
        else
        {
            (bid ? bids : asks).put(price, quantity);
        }
    }

    boolean isSynced()
    {
        return synced;
    }

    /**
     * Whether a snapshot is due at this time: synced, and the interval has passed since the last one.
     */
    boolean snapshotDue(final long timeNs, final long intervalNs)
    {
        return synced && (Long.MIN_VALUE == lastSnapshotTimeNs || timeNs - lastSnapshotTimeNs >= intervalNs);
    }

    void snapshotTaken(final long timeNs)
    {
        lastSnapshotTimeNs = timeNs;
    }

    /**
     * Copy up to {@code depth} levels of a side, best first.
     *
     * @return levels copied.
     */
    int levels(final boolean bid, final int depth, final long[] prices, final long[] quantities)
    {
        int n = 0;
        final Iterator<Map.Entry<Long, Long>> it = (bid ? bids : asks).entrySet().iterator();
        while (n < depth && it.hasNext())
        {
            final Map.Entry<Long, Long> level = it.next();
            prices[n] = level.getKey();
            quantities[n] = level.getValue();
            n++;
        }
        return n;
    }
}
