/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static io.alphapulse.decimal.DecimalFormatException.Reason.MALFORMED;
import static io.alphapulse.decimal.DecimalFormatException.Reason.OUT_OF_RANGE;
import static io.alphapulse.decimal.DecimalFormatException.Reason.TOO_MANY_DECIMAL_PLACES;
import static io.alphapulse.decimal.DecimalFormatException.Reason.TOO_MANY_DIGITS;

/**
 * Parses decimal text exactly, with no {@code double} on the way, into a 64-bit mantissa and a power of ten.
 * <p>
 * Accepts what the exchanges send: {@code "0.00044780"}, {@code "83744.3"}, {@code "13600.00000000"}, {@code "0E-8"},
 * {@code "1E-8"}, {@code "-1.5e+3"}, bare JSON number tokens. Grammar: optional sign, digits with at most one
 * {@code '.'} (at least one digit in all), optional {@code e|E} exponent with optional sign. Rejects, naming the
 * value, anything else ({@code NaN}, {@code "0.-10000"}, {@code ""}) and anything a 64-bit mantissa cannot hold.
 * <p>
 * Zero-allocation on success and reusable; not thread-safe: each thread (agent) keeps its own instance.
 * <pre>{@code
 * long price = parser.parse(buffer, offset, length, 8);  // "83744.3" -> 8374430000000
 * }</pre>
 */
public final class DecimalParser
{
    private static final int MAX_EXPONENT_MAGNITUDE = 9_999;

    /**
     * Below this, m * 10 + 9 cannot overflow: the common case needs no table look-up.
     */
    private static final long MAX_BEFORE_APPEND = (Long.MAX_VALUE - 9) / 10;

    private long mantissa;
    private int exponent;
    private byte[] bytes = new byte[64];

    private DirectBuffer lastBuffer;
    private int lastOffset;
    private int lastLength;
    private final UnsafeBuffer textBuffer = new UnsafeBuffer(new byte[0]);

    /**
     * Parse text exactly at a fixed scale.
     *
     * @param buffer holding ASCII text.
     * @param offset of the first character.
     * @param length of the text in bytes.
     * @param scale  decimal places of the result, 0 to {@link DecimalCodec#MAX_SCALE}.
     * @return the value times 10^scale, exact.
     * @throws DecimalFormatException when the value is malformed or not exactly representable at the scale.
     */
    public long parse(final DirectBuffer buffer, final int offset, final int length, final int scale)
    {
        scan(buffer, offset, length);
        return toScale(scale);
    }

    /**
     * Parse text exactly at a fixed scale.
     *
     * @param text  decimal text.
     * @param scale decimal places of the result, 0 to {@link DecimalCodec#MAX_SCALE}.
     * @return the value times 10^scale, exact.
     * @throws DecimalFormatException when the value is malformed or not exactly representable at the scale.
     */
    public long parse(final CharSequence text, final int scale)
    {
        scan(text);
        return toScale(scale);
    }

    /**
     * Scan text into {@link #mantissa()} and {@link #exponent()}.
     *
     * @param text decimal text.
     * @return this for a fluent API.
     * @throws DecimalFormatException when the text is malformed or has too many significant digits.
     */
    public DecimalParser scan(final CharSequence text)
    {
        final byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        textBuffer.wrap(bytes);
        return scan(textBuffer, 0, bytes.length);
    }

    /**
     * Scan text into {@link #mantissa()} and {@link #exponent()}, so that value = mantissa * 10^exponent with no
     * trailing zeros in the mantissa (zero is mantissa 0, exponent 0).
     *
     * @param buffer holding ASCII text.
     * @param offset of the first character.
     * @param length of the text in bytes.
     * @return this for a fluent API.
     * @throws DecimalFormatException when the text is malformed or has too many significant digits.
     */
    public DecimalParser scan(final DirectBuffer buffer, final int offset, final int length)
    {
        lastBuffer = buffer;
        lastOffset = offset;
        lastLength = length;

        // One bulk copy of the (short) token, then a tight loop over a byte[]: faster and steadier than a virtual
        // getByte per character, whatever DirectBuffer implementations the process has loaded.
        if (length > bytes.length)
        {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        buffer.getBytes(offset, bytes, 0, length);
        final byte[] b = bytes;

        final int end = length;
        int i = 0;
        boolean negative = false;
        if (i < end)
        {
            final byte sign = b[i];
            if ('-' == sign)
            {
                negative = true;
                i++;
            }
            else if ('+' == sign)
            {
                i++;
            }
        }

        final int digitsStart = i;
        long m = 0;
        int pendingZeros = 0;
        int dotIndex = -1;
        int exp10 = 0;
        int digitsEnd = end;

        while (i < end)
        {
            final int c = b[i];
            final int digit = c - '0';
            if (digit > 0 && digit <= 9)
            {
                if (0 == pendingZeros && m < MAX_BEFORE_APPEND)
                {
                    m = m * 10 + digit;
                }
                else
                {
                    m = appendDigit(m, pendingZeros, digit);
                    pendingZeros = 0;
                }
            }
            else if (0 == digit)
            {
                if (0 != m)
                {
                    pendingZeros++;
                }
            }
            else if ('.' == c && dotIndex < 0)
            {
                dotIndex = i;
            }
            else if (('e' == c || 'E' == c) && i - digitsStart - (dotIndex < 0 ? 0 : 1) > 0)
            {
                digitsEnd = i;
                exp10 = parseExponent(b, i + 1, end);
                break;
            }
            else
            {
                throw error(MALFORMED, "unexpected character '" + (char)c + "' at index " + i);
            }
            i++;
        }

        final int digits = digitsEnd - digitsStart - (dotIndex < 0 ? 0 : 1);
        final int fractionDigits = dotIndex < 0 ? 0 : digitsEnd - dotIndex - 1;
        if (0 == digits)
        {
            throw error(MALFORMED, length == 0 ? "empty" : "no digits");
        }

        if (0 == m)
        {
            mantissa = 0;
            exponent = 0;
        }
        else
        {
            final long e = (long)pendingZeros - fractionDigits + exp10;
            if (e > MAX_EXPONENT_MAGNITUDE || e < -MAX_EXPONENT_MAGNITUDE)
            {
                throw error(OUT_OF_RANGE, "exponent out of range");
            }
            mantissa = negative ? -m : m;
            exponent = (int)e;
        }

        return this;
    }

    /**
     * The exact value at a fixed scale.
     *
     * @param scale decimal places, 0 to {@link DecimalCodec#MAX_SCALE}.
     * @return mantissa at the scale.
     * @throws DecimalFormatException when the last scanned value is not exactly representable at the scale.
     */
    public long toScale(final int scale)
    {
        DecimalCodec.checkScale(scale);
        if (0 == mantissa)
        {
            return 0;
        }

        final int shift = exponent + scale;
        if (shift < 0)
        {
            throw error(TOO_MANY_DECIMAL_PLACES, "more than " + scale + " decimal places");
        }
        if (shift > DecimalCodec.MAX_SCALE)
        {
            throw error(OUT_OF_RANGE, "too large for a 64-bit mantissa at scale " + scale);
        }

        final long factor = DecimalCodec.pow10(shift);
        final long limit = DecimalCodec.maxBeforeShift(shift);
        if (mantissa > limit || mantissa < -limit)
        {
            throw error(OUT_OF_RANGE, "too large for a 64-bit mantissa at scale " + scale);
        }

        return mantissa * factor;
    }

    /**
     * Mantissa of the last scanned value, without trailing zeros.
     *
     * @return mantissa of the last scanned value.
     */
    public long mantissa()
    {
        return mantissa;
    }

    /**
     * Power of ten of the last scanned value.
     *
     * @return power of ten of the last scanned value.
     */
    public int exponent()
    {
        return exponent;
    }

    /**
     * The smallest scale at which the last scanned value is exact.
     *
     * @return decimal places needed, 0 or more.
     */
    public int requiredScale()
    {
        return exponent < 0 ? -exponent : 0;
    }

    private long appendDigit(final long m, final int pendingZeros, final int digit)
    {
        final int shift = pendingZeros + 1;
        if (shift > DecimalCodec.MAX_SCALE)
        {
            throw error(TOO_MANY_DIGITS, "more significant digits than a 64-bit mantissa holds");
        }

        final long factor = DecimalCodec.pow10(shift);
        // m < MAX / factor means m * factor <= MAX - factor, and factor >= 10 > digit: no overflow, no division.
        if (m < DecimalCodec.maxBeforeShift(shift) || m <= (Long.MAX_VALUE - digit) / factor)
        {
            return m * factor + digit;
        }

        throw error(TOO_MANY_DIGITS, "more significant digits than a 64-bit mantissa holds");
    }

    private int parseExponent(final byte[] b, final int start, final int end)
    {
        int i = start;
        boolean negative = false;
        if (i < end && ('-' == b[i] || '+' == b[i]))
        {
            negative = '-' == b[i];
            i++;
        }

        if (i >= end)
        {
            throw error(MALFORMED, "exponent has no digits");
        }

        int value = 0;
        for (; i < end; i++)
        {
            final byte c = b[i];
            if (c < '0' || c > '9')
            {
                throw error(MALFORMED, "unexpected character '" + (char)c + "' in exponent");
            }
            // Saturate rather than fail here: a zero is zero whatever its exponent ("0E67227"), and a non-zero
            // mantissa with an exponent past the limit is rejected once the digits are known.
            value = Math.min(value * 10 + (c - '0'), MAX_EXPONENT_MAGNITUDE + 1);
        }

        return negative ? -value : value;
    }

    private DecimalFormatException error(final DecimalFormatException.Reason reason, final String detail)
    {
        return new DecimalFormatException(reason, lastBuffer.getStringWithoutLengthAscii(lastOffset, lastLength), detail);
    }
}
