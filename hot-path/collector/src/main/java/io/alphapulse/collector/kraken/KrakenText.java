/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.json.JsonException;
import io.alphapulse.decimal.DecimalCodec;
import org.agrona.DirectBuffer;

/**
 * Kraken's number spellings that the generic codecs do not cover, parsed without allocation (except to build the
 * exception for bad input).
 */
final class KrakenText
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

    private KrakenText()
    {
    }

    /**
     * v1 times: epoch seconds as decimal text, e.g. {@code 1618678142.557535}, to nanoseconds exactly.
     *
     * @param buffer holding the text.
     * @param offset first character.
     * @param length characters.
     * @return nanoseconds since the epoch.
     * @throws JsonException naming the text when it is not epoch seconds with 0 to 9 fraction digits.
     */
    static long parseEpochSecondsNs(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int i = offset;
        long seconds = 0;
        int integerDigits = 0;
        while (i < end)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            seconds = seconds * 10 + digit;
            if (++integerDigits > 10 || seconds > MAX_EPOCH_SECONDS)
            {
                throw badTime(buffer, offset, length);
            }
            i++;
        }
        if (0 == integerDigits)
        {
            throw badTime(buffer, offset, length);
        }

        long nanos = 0;
        if (i < end && '.' == buffer.getByte(i))
        {
            i++;
            int fractionDigits = 0;
            while (i < end)
            {
                final int digit = buffer.getByte(i) - '0';
                if (digit < 0 || digit > 9 || ++fractionDigits > 9)
                {
                    throw badTime(buffer, offset, length);
                }
                nanos = nanos * 10 + digit;
                i++;
            }
            if (0 == fractionDigits)
            {
                throw badTime(buffer, offset, length);
            }
            for (int pad = fractionDigits; pad < 9; pad++)
            {
                nanos *= 10;
            }
        }
        if (i != end)
        {
            throw badTime(buffer, offset, length);
        }

        final long epochNs = seconds * NANOS_PER_SECOND + nanos;
        if (epochNs < 0)
        {
            throw badTime(buffer, offset, length);
        }
        return epochNs;
    }

    /**
     * A Kraken book checksum: an unsigned 32-bit integer, as a JSON number (v2) or a string of digits (v1).
     *
     * @param buffer holding the text.
     * @param offset first character.
     * @param length characters.
     * @return the checksum, 0 to 2^32 - 1.
     * @throws JsonException naming the text when it is not such an integer.
     */
    static long parseChecksum(final DirectBuffer buffer, final int offset, final int length)
    {
        final long value = parseNonNegativeLong(buffer, offset, length, "checksum");
        if (value > MAX_UNSIGNED_INT)
        {
            throw new JsonException("checksum is not an unsigned 32-bit integer: '" +
                buffer.getStringWithoutLengthUtf8(offset, Math.min(length, 64)) + "'");
        }
        return value;
    }

    /**
     * A non-negative integer that fits a signed 64-bit long (v2 {@code trade_id}, v1 book depth).
     *
     * @param buffer holding the text.
     * @param offset first character.
     * @param length characters.
     * @param what   names the field in the exception.
     * @return the value.
     * @throws JsonException naming the field and text when it is not such an integer.
     */
    static long parseNonNegativeLong(final DirectBuffer buffer, final int offset, final int length, final String what)
    {
        if (length <= 0 || length > 19)
        {
            throw badInteger(buffer, offset, length, what);
        }
        long value = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10)
            {
                throw badInteger(buffer, offset, length, what);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * The number of fraction digits a decimal token is written with, counting trailing zeros and taking an exponent
     * into account: {@code 0.000022900} has 9, {@code 45283.5} has 1, {@code 0E-8} has 8. This is the precision the
     * exchange formats the value with, which its book checksum depends on. The token must already have been
     * validated as a decimal.
     *
     * @param buffer holding the token.
     * @param offset first character.
     * @param length characters.
     * @return 0 to {@link DecimalCodec#MAX_SCALE}.
     */
    static int fractionDigits(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int digits = 0;
        boolean seenDot = false;
        int i = offset;
        for (; i < end; i++)
        {
            final byte c = buffer.getByte(i);
            if ('.' == c)
            {
                seenDot = true;
            }
            else if ('e' == c || 'E' == c)
            {
                break;
            }
            else if (seenDot)
            {
                digits++;
            }
        }

        if (i < end)
        {
            i++;
            boolean negative = false;
            if (i < end && ('-' == buffer.getByte(i) || '+' == buffer.getByte(i)))
            {
                negative = '-' == buffer.getByte(i);
                i++;
            }
            int exponent = 0;
            for (; i < end && exponent <= DecimalCodec.MAX_SCALE * 2; i++)
            {
                exponent = exponent * 10 + (buffer.getByte(i) - '0');
            }
            digits += negative ? exponent : -exponent;
        }

        return Math.max(0, Math.min(digits, DecimalCodec.MAX_SCALE));
    }

    private static JsonException badTime(final DirectBuffer buffer, final int offset, final int length)
    {
        return new JsonException("not epoch seconds: '" +
            buffer.getStringWithoutLengthUtf8(offset, Math.min(length, 64)) + "'");
    }

    private static JsonException badInteger(
        final DirectBuffer buffer, final int offset, final int length, final String what)
    {
        return new JsonException(what + " is not a non-negative 64-bit integer: '" +
            buffer.getStringWithoutLengthUtf8(offset, Math.min(Math.max(length, 0), 64)) + "'");
    }
}
