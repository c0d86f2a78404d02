/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.alphapulse.bench.support.PacedPublisher;
import io.alphapulse.collector.source.SyntheticFrames;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The network side of the run: exchange JSON frames from the exchange's synthetic generator, handed over at a fixed
 * offered rate, as a WebSocket client's reading thread hands frames to a collector (the collector's own
 * {@code WebSocketFrameSource} does it through a ring buffer too). Each frame carries its intended receive time
 * (the schedule, not when it was handed over), which the collector stamps on every message it decodes from it, so a
 * late hand-over or a stall anywhere downstream is charged in full: coordinated omission corrected at the source.
 * <p>
 * The next frame is generated right after a frame is handed over, while waiting for its own time, so the
 * generator's cost is not part of the latency unless the feed is already behind schedule.
 */
final class FrameFeed extends PacedPublisher
{
    /**
     * Ring message type of a frame: 8 bytes of intended receive time (epoch ns), then the frame's UTF-8 text.
     */
    static final int MSG_FRAME = 1;

    /**
     * Bytes before the frame's text.
     */
    static final int STAMP_LENGTH = Long.BYTES;

    private static final long FULL_RING_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final SyntheticFrames generator;
    private final RingBuffer ring;
    private final long epochOffsetNs;
    private final ExpandableArrayBuffer staged = new ExpandableArrayBuffer(64 * 1024);
    private final int[] stagedLengths = new int[64];
    private final SyntheticFrames.FrameSink stage = this::stage;
    private int stagedCount;
    private int stagedEnd;
    private int nextStaged;
    private int nextStagedOffset;
    private long fullRing;

    /**
     * A feed not yet started.
     *
     * @param generator      the exchange's generator, already past its subscription frames.
     * @param ring           the collector's ring.
     * @param frames         frames to hand over, warm-up included.
     * @param warmupFrames   frames at the start whose lateness is not reported.
     * @param intervalNs     time between frames.
     * @param epochOffsetNs  epoch ns minus {@link System#nanoTime()}: the one clock of the run.
     */
    FrameFeed(
        final SyntheticFrames generator,
        final RingBuffer ring,
        final long frames,
        final long warmupFrames,
        final long intervalNs,
        final long epochOffsetNs)
    {
        super("e2e-frame-feed", frames, warmupFrames, intervalNs);
        this.generator = generator;
        this.ring = ring;
        this.epochOffsetNs = epochOffsetNs;
    }

    /**
     * {@inheritDoc}
     */
    protected void send(final long sequence, final long intendedNs, final long epochNs)
    {
        if (nextStaged == stagedCount)
        {
            generate();
        }
        final int length = stagedLengths[nextStaged];
        final int offset = nextStagedOffset;
        nextStaged++;
        nextStagedOffset += STAMP_LENGTH + length;
        staged.putLong(offset, intendedNs + epochOffsetNs);

        final long deadlineNs = System.nanoTime() + FULL_RING_TIMEOUT_NS;
        boolean full = false;
        while (!ring.write(MSG_FRAME, staged, offset, STAMP_LENGTH + length))
        {
            // A collector that cannot keep up: the socket's buffer would fill the same way, and the time waiting
            // here is charged to every frame behind this one.
            if (!full)
            {
                full = true;
                fullRing++;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("the collector read nothing for 30 s");
            }
            Thread.yield();
        }

        if (nextStaged == stagedCount)
        {
            generate();
        }
    }

    /**
     * Frames that found the ring full when due; read after the thread has been joined.
     *
     * @return count.
     */
    long fullRing()
    {
        return fullRing;
    }

    private void generate()
    {
        stagedCount = 0;
        stagedEnd = 0;
        nextStaged = 0;
        nextStagedOffset = 0;
        generator.next(stage, System.nanoTime() + epochOffsetNs);
        if (0 == stagedCount)
        {
            throw new IllegalStateException("the synthetic generator wrote no frame");
        }
    }

    private void stage(final ExpandableArrayBuffer buffer, final int length)
    {
        if (stagedCount == stagedLengths.length)
        {
            throw new IllegalStateException("the synthetic generator wrote more than " + stagedLengths.length +
                " frames at once");
        }
        staged.putBytes(stagedEnd + STAMP_LENGTH, buffer, 0, length);
        stagedLengths[stagedCount++] = length;
        stagedEnd += STAMP_LENGTH + length;
    }
}
