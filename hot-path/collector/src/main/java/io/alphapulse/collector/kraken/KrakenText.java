/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.json.JsonException;
import io.alphapulse.decimal.DecimalCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Kraken's number and time spellings that the generic codecs do not cover: parsed without allocation (except to
 * build the exception for bad input), and written without allocation for the synthetic frames.
 */
final class KrakenText
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;
    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    private static final int SMALLEST_FIXED_EXPONENT = -6;

    /**
     * Bytes {@link #putRfc3339Micros} writes: {@code 2023-09-25T07:48:36.925533Z}.
     */
    static final int RFC3339_MICROS_LENGTH = 27;

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

    /**
     * Write a decimal as Kraken's v2 engine spells it (the text of Python's {@code Decimal} at the pair's
     * precision): fixed point with exactly {@code digits} fraction digits, trailing zeros kept ({@code 65000.0},
     * {@code 0.00044780}, {@code -429.3}), and the exponent form once the value is below 10^-6, as with the zero
     * quantity of a deleted level ({@code 0E-8}) or {@code 1.0E-7}. Allocation-free.
     *
     * @param buffer   to write into.
     * @param index    where to start.
     * @param mantissa value times 10^digits; not {@link Long#MIN_VALUE}.
     * @param digits   fraction digits, 0 to {@link DecimalCodec#MAX_SCALE}.
     * @return bytes written.
     */
    static int putDecimal(final MutableDirectBuffer buffer, final int index, final long mantissa, final int digits)
    {
        if (digits < 0 || digits > DecimalCodec.MAX_SCALE || Long.MIN_VALUE == mantissa)
        {
            throw new IllegalArgumentException("cannot write mantissa " + mantissa + " with " + digits + " digits");
        }

        int position = index;
        if (mantissa < 0)
        {
            buffer.putByte(position++, (byte)'-');
        }
        final long abs = Math.abs(mantissa);
        final int coefficientDigits = digitCount(abs);
        final int adjustedExponent = coefficientDigits - 1 - digits;

        if (adjustedExponent >= SMALLEST_FIXED_EXPONENT)
        {
            final long unit = DecimalCodec.pow10(digits);
            position += buffer.putLongAscii(position, abs / unit);
            if (digits > 0)
            {
                buffer.putByte(position++, (byte)'.');
                position = putPadded(buffer, position, abs % unit, digits);
            }
        }
        else
        {
            // Python's Decimal: one digit, the rest of the coefficient as a fraction, then the adjusted exponent.
            final long unit = DecimalCodec.pow10(coefficientDigits - 1);
            buffer.putByte(position++, (byte)('0' + abs / unit));
            if (coefficientDigits > 1)
            {
                buffer.putByte(position++, (byte)'.');
                position = putPadded(buffer, position, abs % unit, coefficientDigits - 1);
            }
            buffer.putByte(position++, (byte)'E');
            position += buffer.putIntAscii(position, adjustedExponent);
        }
        return position - index;
    }

    /**
     * Write a v2 timestamp: RFC 3339 UTC with microseconds, e.g. {@code 2023-09-25T07:48:36.925533Z}, truncating
     * the nanoseconds. Allocation-free.
     *
     * @param buffer  to write into.
     * @param index   where to start.
     * @param epochNs nanoseconds since the epoch, not negative.
     * @return bytes written, {@link #RFC3339_MICROS_LENGTH}.
     */
    static int putRfc3339Micros(final MutableDirectBuffer buffer, final int index, final long epochNs)
    {
        if (epochNs < 0)
        {
            throw new IllegalArgumentException("time before the epoch: " + epochNs + " ns");
        }
        final long epochSeconds = epochNs / NANOS_PER_SECOND;
        final long secondOfDay = epochSeconds % SECONDS_PER_DAY;

        // H. Hinnant's civil_from_days, for days >= 0.
        final long days = epochSeconds / SECONDS_PER_DAY + 719_468L;
        final long era = days / 146_097L;
        final long dayOfEra = days - era * 146_097L;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthIndex = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        final long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        int position = putPadded(buffer, index, year, 4);
        buffer.putByte(position++, (byte)'-');
        position = putPadded(buffer, position, month, 2);
        buffer.putByte(position++, (byte)'-');
        position = putPadded(buffer, position, day, 2);
        buffer.putByte(position++, (byte)'T');
        position = putPadded(buffer, position, secondOfDay / 3_600, 2);
        buffer.putByte(position++, (byte)':');
        position = putPadded(buffer, position, secondOfDay / 60 % 60, 2);
        buffer.putByte(position++, (byte)':');
        position = putPadded(buffer, position, secondOfDay % 60, 2);
        buffer.putByte(position++, (byte)'.');
        position = putPadded(buffer, position, epochNs % NANOS_PER_SECOND / NANOS_PER_MICRO, 6);
        buffer.putByte(position++, (byte)'Z');
        return position - index;
    }

    private static int putPadded(final MutableDirectBuffer buffer, final int index, final long value, final int width)
    {
        long remaining = value;
        for (int i = index + width - 1; i >= index; i--)
        {
            buffer.putByte(i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        return index + width;
    }

    private static int digitCount(final long value)
    {
        int count = 1;
        for (long rest = value / 10; rest != 0; rest /= 10)
        {
            count++;
        }
        return count;
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
