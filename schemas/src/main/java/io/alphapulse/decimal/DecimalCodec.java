/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The one decimal codec of the system: fixed-point values as a 64-bit mantissa at a scale (decimal places), so that
 * value = mantissa / 10^scale. Parsing is done by {@link DecimalParser}; this class formats, converts and rescales,
 * exactly or not at all. No {@code double} anywhere.
 */
public final class DecimalCodec
{
    /**
     * Largest supported scale: 10^18 is the largest power of ten in a long.
     */
    public static final int MAX_SCALE = 18;

    /**
     * Longest text {@link #putAscii(MutableDirectBuffer, int, long, int)} writes: sign, 19 digits, point, leading 0.
     */
    public static final int MAX_ASCII_LENGTH = 22;

    private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];
    private static final long[] MAX_BEFORE_SHIFT = new long[MAX_SCALE + 1];

    static
    {
        long value = 1;
        for (int i = 0; i <= MAX_SCALE; i++)
        {
            POWERS_OF_TEN[i] = value;
            MAX_BEFORE_SHIFT[i] = Long.MAX_VALUE / value;
            value *= 10;
        }
    }

    private DecimalCodec()
    {
    }

    /**
     * 10^exponent for 0 to 18.
     *
     * @param exponent 0 to {@link #MAX_SCALE}.
     * @return 10^exponent.
     */
    public static long pow10(final int exponent)
    {
        return POWERS_OF_TEN[exponent];
    }

    /**
     * Largest magnitude that can be multiplied by 10^shift without overflow: a table, so the hot path never divides.
     *
     * @param shift 0 to {@link #MAX_SCALE}.
     * @return {@code Long.MAX_VALUE / 10^shift}.
     */
    public static long maxBeforeShift(final int shift)
    {
        return MAX_BEFORE_SHIFT[shift];
    }

    /**
     * Parse text exactly at a scale. Allocates; the hot path keeps a {@link DecimalParser} instead.
     *
     * @param text  decimal text.
     * @param scale decimal places of the result.
     * @return mantissa at the scale.
     * @throws DecimalFormatException naming the value when it is not exactly representable.
     */
    public static long parse(final CharSequence text, final int scale)
    {
        return new DecimalParser().parse(text, scale);
    }

    /**
     * Write a value as plain decimal ASCII with no exponent and no trailing fractional zeros: {@code (44780, 8)}
     * gives {@code 0.0004478}, {@code (0, 8)} gives {@code 0}. Allocation-free.
     *
     * @param buffer   to write into; needs up to {@link #MAX_ASCII_LENGTH} bytes.
     * @param index    where to start.
     * @param mantissa value times 10^scale; {@link Long#MIN_VALUE} (the SBE null) is rejected.
     * @param scale    decimal places, 0 to {@link #MAX_SCALE}.
     * @return number of bytes written.
     */
    public static int putAscii(final MutableDirectBuffer buffer, final int index, final long mantissa, final int scale)
    {
        checkScale(scale);
        if (Long.MIN_VALUE == mantissa)
        {
            throw new IllegalArgumentException("mantissa is Long.MIN_VALUE, the SBE null value, not a number");
        }

        final boolean negative = mantissa < 0;
        long abs = negative ? -mantissa : mantissa;
        int fraction = scale;
        while (fraction > 0 && abs % 10 == 0)
        {
            abs /= 10;
            fraction--;
        }

        final int digits = digitCount(abs);
        final int integerDigits = Math.max(1, digits - fraction);
        final int length = (negative ? 1 : 0) + integerDigits + (fraction > 0 ? 1 + fraction : 0);

        int pos = index + length - 1;
        for (int i = 0; i < fraction; i++)
        {
            buffer.putByte(pos--, (byte)('0' + abs % 10));
            abs /= 10;
        }
        if (fraction > 0)
        {
            buffer.putByte(pos--, (byte)'.');
        }
        do
        {
            buffer.putByte(pos--, (byte)('0' + abs % 10));
            abs /= 10;
        }
        while (0 != abs);
        if (negative)
        {
            buffer.putByte(pos, (byte)'-');
        }

        return length;
    }

    /**
     * The value as plain decimal text, as {@link #putAscii(MutableDirectBuffer, int, long, int)} writes it.
     *
     * @param mantissa value times 10^scale.
     * @param scale    decimal places.
     * @return decimal text.
     */
    public static String toString(final long mantissa, final int scale)
    {
        final byte[] bytes = new byte[MAX_ASCII_LENGTH];
        final int length = putAscii(new UnsafeBuffer(bytes), 0, mantissa, scale);
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /**
     * Append the value as plain decimal text.
     *
     * @param builder  to append to.
     * @param mantissa value times 10^scale.
     * @param scale    decimal places.
     * @return the builder.
     */
    public static StringBuilder appendTo(final StringBuilder builder, final long mantissa, final int scale)
    {
        return builder.append(toString(mantissa, scale));
    }

    /**
     * The value as a {@link BigDecimal} (warm and cold paths: JDBC NUMERIC, Parquet DECIMAL).
     *
     * @param mantissa value times 10^scale.
     * @param scale    decimal places.
     * @return the same value.
     */
    public static BigDecimal toBigDecimal(final long mantissa, final int scale)
    {
        checkScale(scale);
        return BigDecimal.valueOf(mantissa, scale);
    }

    /**
     * A {@link BigDecimal} as a mantissa at a scale, exactly.
     *
     * @param value value.
     * @param scale decimal places of the result.
     * @return mantissa at the scale.
     * @throws DecimalFormatException when the value has more decimal places than the scale or is out of range.
     */
    public static long fromBigDecimal(final BigDecimal value, final int scale)
    {
        checkScale(scale);
        final BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > scale)
        {
            throw new DecimalFormatException(DecimalFormatException.Reason.TOO_MANY_DECIMAL_PLACES,
                value.toPlainString(), "more than " + scale + " decimal places");
        }

        try
        {
            return value.setScale(scale).unscaledValue().longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new DecimalFormatException(DecimalFormatException.Reason.OUT_OF_RANGE,
                value.toPlainString(), "too large for a 64-bit mantissa at scale " + scale);
        }
    }

    /**
     * Move a value from one scale to another, exactly.
     *
     * @param mantissa  value times 10^fromScale.
     * @param fromScale current decimal places.
     * @param toScale   wanted decimal places.
     * @return value times 10^toScale.
     * @throws DecimalFormatException when precision would be lost or the result does not fit.
     */
    public static long rescale(final long mantissa, final int fromScale, final int toScale)
    {
        checkScale(fromScale);
        checkScale(toScale);
        if (toScale >= fromScale)
        {
            final long factor = pow10(toScale - fromScale);
            final long limit = maxBeforeShift(toScale - fromScale);
            if (mantissa > limit || mantissa < -limit)
            {
                throw new DecimalFormatException(DecimalFormatException.Reason.OUT_OF_RANGE,
                    toString(mantissa, fromScale), "too large for a 64-bit mantissa at scale " + toScale);
            }
            return mantissa * factor;
        }

        final long divisor = pow10(fromScale - toScale);
        if (mantissa % divisor != 0)
        {
            throw new DecimalFormatException(DecimalFormatException.Reason.TOO_MANY_DECIMAL_PLACES,
                toString(mantissa, fromScale), "more than " + toScale + " decimal places");
        }
        return mantissa / divisor;
    }

    static void checkScale(final int scale)
    {
        if (scale < 0 || scale > MAX_SCALE)
        {
            throw new IllegalArgumentException("scale " + scale + " outside 0.." + MAX_SCALE);
        }
    }

    private static int digitCount(final long value)
    {
        int count = 1;
        long v = value;
        while (v >= 10)
        {
            v /= 10;
            count++;
        }
        return count;
    }
}
