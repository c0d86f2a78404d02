/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import io.alphapulse.collector.LineReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Frames from a JSONL file: bare frames (as in {@code shared/exchange-messages}), or the collector's own capture
 * lines {@code {"receiveTimeNs":N,"frame":<frame>}}. At maximum speed, or paced by the recorded receive times
 * (captures only). Receive times are the recorded ones when present, else the time of replay.
 */
public final class ReplayFrameSource implements FrameSource
{
    /**
     * Start of a capture line, see {@link FrameCapture}.
     */
    static final String CAPTURE_PREFIX = "{\"receiveTimeNs\":";
    static final String FRAME_FIELD = ",\"frame\":";

    private final Path file;
    private final boolean paced;
    private final EpochNanoClock clock;
    private InputStream in;
    private LineReader lines;
    private boolean done;
    private boolean pending;
    private long firstRecordedNs = Long.MIN_VALUE;
    private long replayStartNs;
    private long framesDelivered;

    /**
     * A replay source.
     *
     * @param file  JSONL frames.
     * @param paced true to keep the recorded spacing between frames (captures with receive times).
     * @param clock epoch clock.
     */
    public ReplayFrameSource(final Path file, final boolean paced, final EpochNanoClock clock)
    {
        this.file = file;
        this.paced = paced;
        this.clock = clock;
    }

    /**
     * {@inheritDoc}
     */
    public void start(final long nowNs)
    {
        try
        {
            in = Files.newInputStream(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open replay file " + file, ex);
        }
        lines = new LineReader(in);
        replayStartNs = nowNs;
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameHandler handler, final int limit, final long nowNs)
    {
        if (done)
        {
            return 0;
        }
        if (0 == framesDelivered && !pending)
        {
            handler.onConnected(nowNs);
        }

        int work = 0;
        try
        {
            while (work < limit)
            {
                if (!pending)
                {
                    if (!lines.next())
                    {
                        done = true;
                        handler.onDisconnected(nowNs, "end of replay file " + file);
                        return work + 1;
                    }
                    if (0 == lines.length())
                    {
                        continue;
                    }
                    pending = true;
                }

                final DirectBuffer buffer = lines.buffer();
                final int length = lines.length();
                long receiveTimeNs = nowNs;
                int frameOffset = 0;
                int frameLength = length;
                if (isCapture(buffer, length))
                {
                    final int frameField = indexOf(buffer, length, FRAME_FIELD);
                    receiveTimeNs = parseLong(buffer, CAPTURE_PREFIX.length(), frameField);
                    frameOffset = frameField + FRAME_FIELD.length();
                    frameLength = length - 1 - frameOffset;
                    if (paced)
                    {
                        if (Long.MIN_VALUE == firstRecordedNs)
                        {
                            firstRecordedNs = receiveTimeNs;
                        }
                        if (nowNs - replayStartNs < receiveTimeNs - firstRecordedNs)
                        {
                            return work;
                        }
                    }
                }

                pending = false;
                framesDelivered++;
                handler.onFrame(buffer, frameOffset, frameLength, receiveTimeNs);
                work++;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read replay file " + file, ex);
        }
        return work;
    }

    private static boolean isCapture(final DirectBuffer buffer, final int length)
    {
        if (length < CAPTURE_PREFIX.length() + FRAME_FIELD.length() + 2)
        {
            return false;
        }
        for (int i = 0; i < CAPTURE_PREFIX.length(); i++)
        {
            if (buffer.getByte(i) != CAPTURE_PREFIX.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(final DirectBuffer buffer, final int length, final String text)
    {
        outer:
        for (int i = CAPTURE_PREFIX.length(); i <= length - text.length(); i++)
        {
            for (int j = 0; j < text.length(); j++)
            {
                if (buffer.getByte(i + j) != text.charAt(j))
                {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("capture line without a frame field");
    }

    private static long parseLong(final DirectBuffer buffer, final int start, final int end)
    {
        long value = 0;
        for (int i = start; i < end; i++)
        {
            value = value * 10 + (buffer.getByte(i) - '0');
        }
        return value;
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
        return done;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (null != in)
        {
            try
            {
                in.close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
