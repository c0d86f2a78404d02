/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY format ({@code COPY ... TO STDOUT (FORMAT binary)}): no text parsing of numbers,
 * timestamps as int64 microseconds.
 * <pre>
 *   header:  "PGCOPY\n\377\r\n\0" | flags i32 | extension length i32 | extension
 *   tuple:   field count i16 (-1 ends the data) | per field: length i32 (-1 = NULL) | bytes (big-endian)
 * </pre>
 */
final class PgCopyReader
{
    /**
     * Microseconds from 1970-01-01 to PostgreSQL's epoch 2000-01-01 (UTC).
     */
    static final long PG_EPOCH_OFFSET_US = 946_684_800_000_000L;

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 17];
    private int position;
    private int limit;

    PgCopyReader(final InputStream in) throws IOException
    {
        this.in = in;
        final byte[] signature = readBytes(SIGNATURE.length);
        if (!Arrays.equals(SIGNATURE, signature))
        {
            throw new IOException("not a PostgreSQL binary COPY stream");
        }
        readInt();
        final int extensionLength = readInt();
        skip(extensionLength);
    }

    /**
     * Start the next tuple.
     *
     * @return its field count, or -1 at the end.
     * @throws IOException on a read error.
     */
    int nextTuple() throws IOException
    {
        ensure(2);
        final int count = (short)(((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
        position += 2;
        return count;
    }

    /**
     * Length of the next field.
     *
     * @return bytes, or -1 for NULL.
     * @throws IOException on a read error.
     */
    int fieldLength() throws IOException
    {
        return readInt();
    }

    int readInt() throws IOException
    {
        ensure(4);
        final byte[] b = buffer;
        final int p = position;
        position = p + 4;
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    long readLong() throws IOException
    {
        ensure(8);
        final byte[] b = buffer;
        final int p = position;
        position = p + 8;
        return ((long)(b[p] & 0xFF) << 56) | ((long)(b[p + 1] & 0xFF) << 48) | ((long)(b[p + 2] & 0xFF) << 40) |
            ((long)(b[p + 3] & 0xFF) << 32) | ((long)(b[p + 4] & 0xFF) << 24) | ((b[p + 5] & 0xFF) << 16) |
            ((b[p + 6] & 0xFF) << 8) | (b[p + 7] & 0xFF);
    }

    /**
     * An integer field of 2, 4 or 8 bytes, or a boolean of 1.
     *
     * @param length field length.
     * @return the value.
     * @throws IOException on a read error or an unexpected length.
     */
    long readInteger(final int length) throws IOException
    {
        switch (length)
        {
            case 8:
                return readLong();
            case 4:
                return readInt();
            case 2:
                ensure(2);
                final short s = (short)(((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
                position += 2;
                return s;
            case 1:
                ensure(1);
                return buffer[position++];
            default:
                throw new IOException("unexpected integer field length " + length);
        }
    }

    int readShort() throws IOException
    {
        ensure(2);
        final short s = (short)(((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
        position += 2;
        return s;
    }

    /**
     * Whether the next bytes are these (nothing is consumed).
     *
     * @param bytes the bytes, at most the buffer's length.
     * @return true when they match.
     * @throws IOException on a read error.
     */
    boolean startsWith(final byte[] bytes) throws IOException
    {
        ensure(bytes.length);
        return Arrays.equals(buffer, position, position + bytes.length, bytes, 0, bytes.length);
    }

    byte[] readBytes(final int length) throws IOException
    {
        final byte[] bytes = new byte[length];
        int copied = 0;
        while (copied < length)
        {
            if (position == limit)
            {
                fill(1);
            }
            final int n = Math.min(length - copied, limit - position);
            System.arraycopy(buffer, position, bytes, copied, n);
            position += n;
            copied += n;
        }
        return bytes;
    }

    void skip(final int length) throws IOException
    {
        int left = length;
        while (left > 0)
        {
            if (position == limit)
            {
                fill(1);
            }
            final int n = Math.min(left, limit - position);
            position += n;
            left -= n;
        }
    }

    /**
     * Make the next {@code length} bytes readable with the unchecked getters ({@link #shortAt(int)}).
     *
     * @param length bytes, at most the buffer's length.
     * @throws IOException on a read error.
     */
    void require(final int length) throws IOException
    {
        ensure(length);
    }

    /**
     * A big-endian int16 at an offset from the current position, without moving it; only after
     * {@link #require(int)} covered it.
     *
     * @param offset bytes from the position.
     * @return the value.
     */
    int shortAt(final int offset)
    {
        final int p = position + offset;
        return (short)(((buffer[p] & 0xFF) << 8) | (buffer[p + 1] & 0xFF));
    }

    /**
     * Move the position over bytes made readable by {@link #require(int)}.
     *
     * @param length bytes.
     */
    void advance(final int length)
    {
        position += length;
    }

    private void ensure(final int length) throws IOException
    {
        if (limit - position < length)
        {
            fill(length);
        }
    }

    private void fill(final int length) throws IOException
    {
        final int remaining = limit - position;
        System.arraycopy(buffer, position, buffer, 0, remaining);
        position = 0;
        limit = remaining;
        while (limit < length)
        {
            final int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0)
            {
                throw new EOFException("binary COPY stream ended early");
            }
            limit += n;
        }
    }
}
