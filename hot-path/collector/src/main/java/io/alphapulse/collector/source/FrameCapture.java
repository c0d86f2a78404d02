/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import org.agrona.DirectBuffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Raw-frame capture to JSONL: {@code {"receiveTimeNs":N,"frame":<the frame exactly as received>}} per line, so
 * history can be re-decoded after a fix ({@code pulse collector --source replay FILE}, {@code pulse decode}). The
 * frame is embedded as a JSON value, byte for byte, not re-escaped. Buffered; flushed on close.
 */
public final class FrameCapture implements AutoCloseable
{
    private static final byte[] PREFIX = ReplayFrameSource.CAPTURE_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_FIELD = ReplayFrameSource.FRAME_FIELD.getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] digits = new byte[20];
    private byte[] copy = new byte[64 * 1024];

    /**
     * Append to a capture file (created if missing).
     *
     * @param file where to write.
     */
    public FrameCapture(final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 1 << 20);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open capture file " + file, ex);
        }
    }

    /**
     * Append one frame.
     *
     * @param buffer        frame text.
     * @param offset        first byte.
     * @param length        bytes.
     * @param receiveTimeNs when it arrived.
     */
    public void capture(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        try
        {
            out.write(PREFIX);
            int index = digits.length;
            long value = receiveTimeNs;
            do
            {
                digits[--index] = (byte)('0' + value % 10);
                value /= 10;
            }
            while (value > 0);
            out.write(digits, index, digits.length - index);
            out.write(FRAME_FIELD);
            if (copy.length < length)
            {
                copy = new byte[Math.max(length, copy.length * 2)];
            }
            buffer.getBytes(offset, copy, 0, length);
            out.write(copy, 0, length);
            out.write('}');
            out.write('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write capture", ex);
        }
    }

    /**
     * Flush and close.
     */
    public void close()
    {
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
