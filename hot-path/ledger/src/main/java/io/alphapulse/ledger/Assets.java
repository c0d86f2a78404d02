/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import java.nio.charset.StandardCharsets;

/**
 * Asset codes (up to 8 ASCII characters, e.g. {@code USD}) packed into a {@code long}: a map key with no allocation,
 * compared and ordered as a number.
 */
public final class Assets
{
    /**
     * Length of an asset code in the trading schema.
     */
    public static final int LENGTH = 8;

    private Assets()
    {
    }

    /**
     * Pack an asset code.
     *
     * @param code up to 8 ASCII characters.
     * @return packed code.
     */
    public static long pack(final String code)
    {
        final byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > LENGTH)
        {
            throw new IllegalArgumentException("asset code longer than 8 characters: " + code);
        }
        long packed = 0;
        for (int i = 0; i < LENGTH; i++)
        {
            packed = (packed << 8) | (i < bytes.length ? bytes[i] & 0xFF : 0);
        }
        return packed;
    }

    /**
     * Byte {@code index} of a packed code (0 past its end).
     *
     * @param packed packed code.
     * @param index  0-7.
     * @return the byte.
     */
    public static byte byteAt(final long packed, final int index)
    {
        return (byte)(packed >>> (8 * (LENGTH - 1 - index)));
    }

    /**
     * Add byte {@code index} of a code being read byte by byte.
     *
     * @param packed so far.
     * @param index  0-7.
     * @param value  the byte (0 ends the code).
     * @return packed with the byte.
     */
    public static long withByte(final long packed, final int index, final byte value)
    {
        return packed | ((long)(value & 0xFF) << (8 * (LENGTH - 1 - index)));
    }

    /**
     * The code as text.
     *
     * @param packed packed code.
     * @return text.
     */
    public static String toString(final long packed)
    {
        final StringBuilder builder = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++)
        {
            final byte b = byteAt(packed, i);
            if (0 == b)
            {
                break;
            }
            builder.append((char)b);
        }
        return builder.toString();
    }
}
