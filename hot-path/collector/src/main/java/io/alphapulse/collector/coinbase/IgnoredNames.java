/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import org.agrona.DirectBuffer;

/**
 * Control labels {@code "ignored: <name>"} for message types and channels the decoder does not normalize. Coinbase
 * adds types at any time and they must be ignored, not treated as errors; the label is built on first sight of a
 * name and reused after, so ignoring stays allocation-free. Past {@link #CAPACITY} distinct names (a misbehaving
 * feed) every further name shares {@link #OTHER}.
 */
final class IgnoredNames
{
    /**
     * Distinct names remembered.
     */
    static final int CAPACITY = 32;

    /**
     * Prefix of every label.
     */
    static final String PREFIX = "ignored: ";

    /**
     * The label once {@link #CAPACITY} names are known, or for a name that is not plain ASCII.
     */
    static final String OTHER = "ignored: other type";

    private static final int MAX_NAME_LENGTH = 64;

    private final byte[][] names = new byte[CAPACITY][];
    private final String[] labels = new String[CAPACITY];
    private int count;

    /**
     * The label for a name.
     *
     * @param buffer holding the name.
     * @param offset first byte.
     * @param length bytes.
     * @return {@code "ignored: <name>"}, or {@link #OTHER}.
     */
    String label(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < count; i++)
        {
            if (equals(names[i], buffer, offset, length))
            {
                return labels[i];
            }
        }

        if (count == CAPACITY || length > MAX_NAME_LENGTH || !isPrintableAscii(buffer, offset, length))
        {
            return OTHER;
        }

        final byte[] name = new byte[length];
        buffer.getBytes(offset, name);
        names[count] = name;
        labels[count] = PREFIX + buffer.getStringWithoutLengthAscii(offset, length);
        return labels[count++];
    }

    private static boolean equals(final byte[] name, final DirectBuffer buffer, final int offset, final int length)
    {
        if (name.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (name[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintableAscii(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b < 0x20 || b > 0x7E || '\\' == b)
            {
                return false;
            }
        }
        return true;
    }
}
