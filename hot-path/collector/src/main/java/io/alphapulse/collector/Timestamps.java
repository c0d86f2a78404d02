/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.collector.json.JsonException;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Exchange timestamps to nanoseconds since the epoch, without allocation, and back to ISO-8601 for tools.
 */
public final class Timestamps
{
    /**
     * Nanoseconds per millisecond.
     */
    public static final long NANOS_PER_MILLI = 1_000_000L;

    /**
     * Nanoseconds per microsecond.
     */
    public static final long NANOS_PER_MICRO = 1_000L;

    /**
     * Earliest year whose instants fit a signed 64-bit count of nanoseconds since the epoch (from 1677-09-21);
     * earlier times are rejected rather than overflowing silently.
     */
    public static final int MIN_YEAR = 1678;

    /**
     * Latest year whose instants fit a signed 64-bit count of nanoseconds since the epoch (to 2262-04-11).
     */
    public static final int MAX_YEAR = 2261;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;

    private Timestamps()
    {
    }

    /**
     * Parse an RFC 3339 / ISO-8601 UTC time such as {@code 2026-08-09T21:05:48.228568804Z} (0 to 9 fraction digits;
     * {@code Z}, {@code +00:00} or no zone) into nanoseconds since the epoch.
     *
     * @param buffer holding ASCII text.
     * @param offset first character.
     * @param length characters.
     * @return nanoseconds since the epoch.
     * @throws JsonException naming the text when it is not such a time or lies outside {@link #MIN_YEAR} to
     *                       {@link #MAX_YEAR}.
     */
    public static long parseIso8601(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 19 || buffer.getByte(offset + 4) != '-' || buffer.getByte(offset + 7) != '-' ||
            (buffer.getByte(offset + 10) != 'T' && buffer.getByte(offset + 10) != ' ') ||
            buffer.getByte(offset + 13) != ':' || buffer.getByte(offset + 16) != ':')
        {
            throw bad(buffer, offset, length);
        }

        final int year = digits(buffer, offset, 4, offset, length);
        final int month = digits(buffer, offset + 5, 2, offset, length);
        final int day = digits(buffer, offset + 8, 2, offset, length);
        final int hour = digits(buffer, offset + 11, 2, offset, length);
        final int minute = digits(buffer, offset + 14, 2, offset, length);
        final int second = digits(buffer, offset + 17, 2, offset, length);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60 ||
            year < MIN_YEAR || year > MAX_YEAR)
        {
            throw bad(buffer, offset, length);
        }

        int i = offset + 19;
        final int end = offset + length;
        long nanos = 0;
        if (i < end && '.' == buffer.getByte(i))
        {
            i++;
            int fractionDigits = 0;
            while (i < end)
            {
                final int digit = buffer.getByte(i) - '0';
                if (digit < 0 || digit > 9)
                {
                    break;
                }
                if (++fractionDigits > 9)
                {
                    throw bad(buffer, offset, length);
                }
                nanos = nanos * 10 + digit;
                i++;
            }
            if (0 == fractionDigits)
            {
                throw bad(buffer, offset, length);
            }
            for (int pad = fractionDigits; pad < 9; pad++)
            {
                nanos *= 10;
            }
        }

        if (i < end)
        {
            final byte zone = buffer.getByte(i);
            final boolean utcOffset = end - i == 6 && ('+' == zone || '-' == zone) &&
                buffer.getByte(i + 1) == '0' && buffer.getByte(i + 2) == '0' && buffer.getByte(i + 3) == ':' &&
                buffer.getByte(i + 4) == '0' && buffer.getByte(i + 5) == '0';
            if (!(('Z' == zone && i + 1 == end) || utcOffset))
            {
                throw bad(buffer, offset, length);
            }
        }

        final long epochSecond = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return epochSecond * NANOS_PER_SECOND + nanos;
    }

    /**
     * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
     *
     * @param year  year.
     * @param month 1 to 12.
     * @param day   1 to 31.
     * @return days since the epoch.
     */
    public static long epochDay(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = (y >= 0 ? y : y - 399) / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    /**
     * Format nanoseconds since the epoch as ISO-8601 UTC with a fixed number of fraction digits (the exchange's own
     * precision: 3 for milliseconds, 6 for microseconds). Allocates; for tools.
     *
     * @param epochNs        nanoseconds since the epoch.
     * @param fractionDigits 0 to 9.
     * @return e.g. {@code 2026-08-09T21:05:42.514318Z}.
     */
    public static String formatIso8601(final long epochNs, final int fractionDigits)
    {
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNs, NANOS_PER_SECOND),
            Math.floorMod(epochNs, NANOS_PER_SECOND));
        final StringBuilder pattern = new StringBuilder("yyyy-MM-dd'T'HH:mm:ss");
        if (fractionDigits > 0)
        {
            pattern.append('.').append("S".repeat(fractionDigits));
        }
        pattern.append("'Z'");
        return DateTimeFormatter.ofPattern(pattern.toString()).withZone(ZoneOffset.UTC).format(instant);
    }

    private static int digits(
        final DirectBuffer buffer, final int at, final int count, final int offset, final int length)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            final int digit = buffer.getByte(at + i) - '0';
            if (digit < 0 || digit > 9)
            {
                throw bad(buffer, offset, length);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static JsonException bad(final DirectBuffer buffer, final int offset, final int length)
    {
        return new JsonException("not an ISO-8601 UTC time: '" +
            buffer.getStringWithoutLengthAscii(offset, Math.min(length, 64)) + "'");
    }
}
