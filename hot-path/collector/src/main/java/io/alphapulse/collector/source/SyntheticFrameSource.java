/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayDeque;

/**
 * Exchange-shaped frames from a {@link SyntheticFrames} generator at a fixed rate: the demo's source, since these
 * machines cannot reach the exchanges. Frames go through the same decoder and publisher as live ones.
 */
public final class SyntheticFrameSource implements FrameSource
{
    private final SyntheticFrames frames;
    private final long ratePerSecond;
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final ArrayDeque<String> snapshotRequests = new ArrayDeque<>();
    private FrameHandler handler;
    private long startNs;
    private long generated;
    private long receiveTimeNs;
    private boolean started;
    private int delivered;
    private final SyntheticFrames.FrameSink sink = this::deliver;

    /**
     * A synthetic source.
     *
     * @param frames        the exchange's generator.
     * @param ratePerSecond market-data frames per second.
     */
    public SyntheticFrameSource(final SyntheticFrames frames, final long ratePerSecond)
    {
        this.frames = frames;
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * {@inheritDoc}
     */
    public void start(final long nowNs)
    {
        startNs = nowNs;
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameHandler handler, final int limit, final long nowNs)
    {
        this.handler = handler;
        this.receiveTimeNs = nowNs;
        delivered = 0;
        if (!started)
        {
            started = true;
            handler.onConnected(nowNs);
            frames.onSubscribed(sink, nowNs);
            return 1;
        }

        while (!snapshotRequests.isEmpty())
        {
            final String symbol = snapshotRequests.poll();
            final int length = frames.restSnapshot(symbol, snapshotBuffer);
            if (length > 0)
            {
                handler.onSnapshot(symbol, snapshotBuffer, 0, length, nowNs);
                delivered++;
            }
        }

        final long due = (nowNs - startNs) * ratePerSecond / 1_000_000_000L;
        while (generated < due && delivered < limit)
        {
            generated++;
            frames.next(sink, nowNs);
        }
        return delivered;
    }

    private void deliver(final ExpandableArrayBuffer buffer, final int length)
    {
        delivered++;
        handler.onFrame(buffer, 0, length, receiveTimeNs);
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
}
