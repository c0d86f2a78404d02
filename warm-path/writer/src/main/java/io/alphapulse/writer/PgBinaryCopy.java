/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * Rows of one table in PostgreSQL's binary COPY format, built in a reusable buffer with no allocation per row
 * (the buffer grows and is kept). Values are written in the table's column order:
 * <pre>
 *  header:  "PGCOPY\n\377\r\n\0" | flags int32 = 0 | extension length int32 = 0
 *  row:     field count int16 | per field: length int32 (-1 = NULL) | bytes (big-endian)
 *  trailer: int16 -1
 * </pre>
 * {@code numeric} values come from an int64 mantissa at a scale (value = mantissa / 10^scale) and are exact:
 * <pre>
 *  ndigits int16 | weight int16 | sign int16 (0x0000 +, 0x4000 -) | dscale int16 | ndigits x int16 base-10000 digits
 * </pre>
 * where the value is the sum of digit[i] * 10000^(weight - i) and dscale is the number of decimal places shown.
 */
public final class PgBinaryCopy
{
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte)0xFF, '\r', '\n', 0};
    private static final int HEADER_LENGTH = SIGNATURE.length + 8;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int NUMERIC_OID = 1700;
    private static final short NUMERIC_POS = 0x0000;
    private static final short NUMERIC_NEG = 0x4000;
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final ExpandableArrayBuffer buffer;
    private final short[] digits = new short[12];
    private final short[] scratch = new short[5];
    private final short[] integerDigits = new short[5];
    private int ndigits;
    private int weight;
    private int length;
    private int rowCount;

    /**
     * An empty set of rows.
     *
     * @param initialCapacity bytes to start with; grows as needed.
     */
    public PgBinaryCopy(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
        reset();
    }

    /**
     * Drop every row (keeps the buffer).
     */
    public void reset()
    {
        buffer.putBytes(0, SIGNATURE);
        buffer.putInt(SIGNATURE.length, 0, BE);
        buffer.putInt(SIGNATURE.length + 4, 0, BE);
        length = HEADER_LENGTH;
        rowCount = 0;
    }

    /**
     * Rows added since the last reset.
     *
     * @return row count.
     */
    public int rowCount()
    {
        return rowCount;
    }

    /**
     * Bytes of the rows including the header (without the trailer until {@link #finish()}).
     *
     * @return bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * The bytes, valid from 0 to {@link #length()}.
     *
     * @return the backing array.
     */
    public byte[] array()
    {
        return buffer.byteArray();
    }

    /**
     * Append the trailer; call once, just before sending. The rows can be sent again as they are (a retried
     * batch), but no row can be added until {@link #reset()}.
     *
     * @return total length to send.
     */
    public int finish()
    {
        buffer.putShort(length, (short)-1, BE);
        return length + 2;
    }

    /**
     * Start a row.
     *
     * @param fieldCount number of columns.
     * @return this for a fluent API.
     */
    public PgBinaryCopy row(final int fieldCount)
    {
        buffer.putShort(length, (short)fieldCount, BE);
        length += 2;
        rowCount++;
        return this;
    }

    /**
     * A NULL.
     *
     * @return this for a fluent API.
     */
    public PgBinaryCopy nullValue()
    {
        buffer.putInt(length, -1, BE);
        length += 4;
        return this;
    }

    /**
     * An {@code int4}.
     *
     * @param value value.
     * @return this for a fluent API.
     */
    public PgBinaryCopy int4(final int value)
    {
        buffer.putInt(length, 4, BE);
        buffer.putInt(length + 4, value, BE);
        length += 8;
        return this;
    }

    /**
     * An {@code int8}.
     *
     * @param value value.
     * @return this for a fluent API.
     */
    public PgBinaryCopy int8(final long value)
    {
        buffer.putInt(length, 8, BE);
        buffer.putLong(length + 4, value, BE);
        length += 12;
        return this;
    }

    /**
     * A {@code timestamptz} from nanoseconds since the Unix epoch (truncated to PostgreSQL's microseconds).
     *
     * @param epochNs nanoseconds since the epoch.
     * @return this for a fluent API.
     */
    public PgBinaryCopy timestamptz(final long epochNs)
    {
        buffer.putInt(length, 8, BE);
        buffer.putLong(length + 4, Math.floorDiv(epochNs, 1000L) - POSTGRES_EPOCH_MICROS, BE);
        length += 12;
        return this;
    }

    /**
     * A {@code text} from ASCII/UTF-8 bytes.
     *
     * @param bytes encoded text.
     * @return this for a fluent API.
     */
    public PgBinaryCopy text(final byte[] bytes)
    {
        buffer.putInt(length, bytes.length, BE);
        buffer.putBytes(length + 4, bytes);
        length += 4 + bytes.length;
        return this;
    }

    /**
     * A {@code text} from a string (UTF-8).
     *
     * @param value text.
     * @return this for a fluent API.
     */
    public PgBinaryCopy text(final String value)
    {
        return text(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A {@code numeric} equal to {@code mantissa / 10^scale}, exactly, shown with {@code scale} decimal places.
     *
     * @param mantissa any long (Long.MIN_VALUE included).
     * @param scale    0 to 18.
     * @return this for a fluent API.
     */
    public PgBinaryCopy numeric(final long mantissa, final int scale)
    {
        final int valueLength = 8 + 2 * encodeDigits(mantissa, scale);
        buffer.putInt(length, valueLength, BE);
        putNumeric(length + 4, mantissa, scale);
        length += 4 + valueLength;
        return this;
    }

    /**
     * A one-dimensional {@code numeric[]} of {@code count} mantissas at one scale.
     *
     * @param mantissas values.
     * @param count     how many of them.
     * @param scale     0 to 18.
     * @return this for a fluent API.
     */
    public PgBinaryCopy numericArray(final long[] mantissas, final int count, final int scale)
    {
        final int lengthOffset = length;
        int offset = length + 4;
        buffer.putInt(offset, 0 == count ? 0 : 1, BE);
        buffer.putInt(offset + 4, 0, BE);
        buffer.putInt(offset + 8, NUMERIC_OID, BE);
        offset += 12;
        if (count > 0)
        {
            buffer.putInt(offset, count, BE);
            buffer.putInt(offset + 4, 1, BE);
            offset += 8;
        }
        for (int i = 0; i < count; i++)
        {
            final int valueLength = 8 + 2 * encodeDigits(mantissas[i], scale);
            buffer.putInt(offset, valueLength, BE);
            putNumeric(offset + 4, mantissas[i], scale);
            offset += 4 + valueLength;
        }
        buffer.putInt(lengthOffset, offset - lengthOffset - 4, BE);
        length = offset;
        return this;
    }

    /**
     * Writes the numeric whose digits {@link #encodeDigits(long, int)} just computed.
     */
    private void putNumeric(final int offset, final long mantissa, final int scale)
    {
        buffer.putShort(offset, (short)ndigits, BE);
        buffer.putShort(offset + 2, (short)weight, BE);
        buffer.putShort(offset + 4, mantissa < 0 ? NUMERIC_NEG : NUMERIC_POS, BE);
        buffer.putShort(offset + 6, (short)scale, BE);
        for (int i = 0; i < ndigits; i++)
        {
            buffer.putShort(offset + 8 + 2 * i, digits[i], BE);
        }
    }

    /**
     * Base-10000 digits of |mantissa| / 10^scale into {@link #digits}, most significant first, without leading or
     * trailing zero digits; sets {@link #ndigits} and {@link #weight}. |Long.MIN_VALUE| is handled as the unsigned
     * 2^63. The fraction is split into groups of four decimal places from the point, the last group padded with
     * zeros on the right, so no intermediate value overflows.
     */
    private int encodeDigits(final long mantissa, final int scale)
    {
        if (scale < 0 || scale > 18)
        {
            throw new IllegalArgumentException("scale out of range 0..18: " + scale);
        }
        final long magnitude = mantissa < 0 ? -mantissa : mantissa; // unsigned for Long.MIN_VALUE
        final long divisor = POWERS_OF_TEN[scale];
        long integer = Long.divideUnsigned(magnitude, divisor);
        long fraction = Long.remainderUnsigned(magnitude, divisor);

        // Fraction groups, least significant first, into the tail of a scratch array.
        final int fractionGroups = (scale + 3) / 4;
        final short[] scratch = this.scratch;
        if (fractionGroups > 0)
        {
            final int lastGroupPlaces = scale - 4 * (fractionGroups - 1);
            final long lastPow = POWERS_OF_TEN[lastGroupPlaces];
            scratch[fractionGroups - 1] = (short)((fraction % lastPow) * POWERS_OF_TEN[4 - lastGroupPlaces]);
            fraction /= lastPow;
            for (int g = fractionGroups - 2; g >= 0; g--)
            {
                scratch[g] = (short)(fraction % 10000);
                fraction /= 10000;
            }
        }

        // Integer groups, least significant first.
        int integerGroups = 0;
        while (integer != 0)
        {
            integerDigits[integerGroups++] = (short)Long.remainderUnsigned(integer, 10000);
            integer = Long.divideUnsigned(integer, 10000);
        }

        int n = 0;
        for (int g = integerGroups - 1; g >= 0; g--)
        {
            digits[n++] = integerDigits[g];
        }
        for (int g = 0; g < fractionGroups; g++)
        {
            digits[n++] = scratch[g];
        }
        int w = integerGroups - 1;

        // Strip leading zeros (only possible when there is no integer part) and trailing zeros.
        int first = 0;
        while (first < n && 0 == digits[first])
        {
            first++;
            w--;
        }
        int last = n;
        while (last > first && 0 == digits[last - 1])
        {
            last--;
        }
        if (first == last)
        {
            ndigits = 0;
            weight = 0;
            return 0;
        }
        if (first > 0)
        {
            System.arraycopy(digits, first, digits, 0, last - first);
        }
        ndigits = last - first;
        weight = w;
        return ndigits;
    }
}
