/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.alphapulse.collector.source.FrameHandler;
import io.alphapulse.collector.source.FrameSource;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The collector's frame source in the run: a connection that is up at once, the exchange's subscription frames
 * (acks, snapshots) first, REST snapshots (Binance) answered from those taken with them, then the frames the
 * {@link FrameFeed} hands over, each with its intended receive time. Polled by the real {@code CollectorAgent} on
 * its own thread, as the WebSocket source is.
 */
final class RingFrameSource implements FrameSource, MessageHandler
{
    private final RingBuffer ring;
    private final List<byte[]> subscriptionFrames;
    private final Map<String, byte[]> restSnapshots;
    private final ArrayDeque<String> snapshotRequests = new ArrayDeque<>();
    private final UnsafeBuffer setupBuffer = new UnsafeBuffer(new byte[0]);
    private FrameHandler handler;
    private boolean started;
    private volatile long framesRead;
    private volatile long repeatedSnapshotRequests;

    /**
     * A source over the feed's ring.
     *
     * @param ring               where the feed writes frames.
     * @param subscriptionFrames what the exchange sends on subscribing, generated before the feed starts.
     * @param restSnapshots      REST depth snapshots by venue symbol (Binance), taken with them; each is served once.
     */
    RingFrameSource(
        final RingBuffer ring, final List<byte[]> subscriptionFrames, final Map<String, byte[]> restSnapshots)
    {
        this.ring = ring;
        this.subscriptionFrames = List.copyOf(subscriptionFrames);
        this.restSnapshots = new java.util.HashMap<>(restSnapshots);
    }

    /**
     * {@inheritDoc}
     */
    public void start(final long nowNs)
    {
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameHandler handler, final int limit, final long nowNs)
    {
        this.handler = handler;
        if (!started)
        {
            started = true;
            handler.onConnected(nowNs);
            for (final byte[] frame : subscriptionFrames)
            {
                setupBuffer.wrap(frame);
                handler.onFrame(setupBuffer, 0, frame.length, nowNs);
            }
            return 1;
        }

        int work = 0;
        while (!snapshotRequests.isEmpty())
        {
            final String symbol = snapshotRequests.poll();
            final byte[] snapshot = restSnapshots.remove(symbol);
            if (null == snapshot)
            {
                // A second request means the decoder lost sync: the run is not clean, and says so.
                repeatedSnapshotRequests++;
                handler.onSnapshotFailed(symbol, "the bench serves one snapshot per symbol");
            }
            else
            {
                setupBuffer.wrap(snapshot);
                handler.onSnapshot(symbol, setupBuffer, 0, snapshot.length, nowNs);
            }
            work++;
        }

        return work + ring.read(this, limit);
    }

    /**
     * {@inheritDoc}
     */
    public void onMessage(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (FrameFeed.MSG_FRAME == msgTypeId)
        {
            handler.onFrame(buffer, index + FrameFeed.STAMP_LENGTH, length - FrameFeed.STAMP_LENGTH,
                buffer.getLong(index));
            framesRead++;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void send(final String text)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void requestSnapshot(final String venueSymbol)
    {
        snapshotRequests.add(venueSymbol);
    }

    /**
     * {@inheritDoc}
     */
    public void reconnect(final String reason)
    {
        throw new IllegalStateException("the collector asked to reconnect in a bench run: " + reason);
    }

    /**
     * {@inheritDoc}
     */
    public boolean isDone()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
    }

    /**
     * Frames read from the feed so far.
     *
     * @return count.
     */
    long framesRead()
    {
        return framesRead;
    }

    /**
     * Snapshot requests beyond the first per symbol: resyncs, which a clean run has none of.
     *
     * @return count.
     */
    long repeatedSnapshotRequests()
    {
        return repeatedSnapshotRequests;
    }
}
