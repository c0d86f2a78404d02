/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.alphapulse.decimal.DecimalCodec;

/**
 * Appends JSON values to a {@link StringBuilder}: exact decimals from a mantissa and scale (never a double),
 * ISO-8601 UTC timestamps with nanoseconds from ns since the epoch, and escaped strings.
 */
final class Json
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json()
    {
    }

    /**
     * Append a decimal as a JSON string, e.g. {@code "83744.3"}.
     *
     * @param out      builder.
     * @param mantissa value times 10^scale.
     * @param scale    decimal places.
     * @return the builder.
     */
    static StringBuilder decimal(final StringBuilder out, final long mantissa, final int scale)
    {
        out.append('"');
        DecimalCodec.appendTo(out, mantissa, scale);
        return out.append('"');
    }

    /**
     * Append a timestamp as a JSON string {@code "2026-11-22T10:00:00.123456789Z"}, or {@code null}.
     *
     * @param out    builder.
     * @param timeNs ns since the epoch, or {@link Long#MIN_VALUE} for null.
     * @return the builder.
     */
    static StringBuilder time(final StringBuilder out, final long timeNs)
    {
        if (Long.MIN_VALUE == timeNs)
        {
            return out.append("null");
        }
        out.append('"');
        appendIso(out, timeNs);
        return out.append('"');
    }

    /**
     * Append an ISO-8601 UTC timestamp with nine fraction digits (no quotes).
     *
     * @param out    builder.
     * @param timeNs ns since the epoch.
     * @return the builder.
     */
    static StringBuilder appendIso(final StringBuilder out, final long timeNs)
    {
        final long epochSecond = Math.floorDiv(timeNs, NANOS_PER_SECOND);
        final long nanos = Math.floorMod(timeNs, NANOS_PER_SECOND);
        final long epochDay = Math.floorDiv(epochSecond, 86_400L);
        final long secondOfDay = Math.floorMod(epochSecond, 86_400L);

        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
        final long z = epochDay + 719_468L;
        final long era = Math.floorDiv(z, 146_097L);
        final long dayOfEra = z - era * 146_097L;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, (secondOfDay / 60) % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2).append('.');
        pad(out, nanos, 9);
        return out.append('Z');
    }

    /**
     * Append a JSON string with escapes.
     *
     * @param out   builder.
     * @param value text, or null.
     * @return the builder.
     */
    static StringBuilder string(final StringBuilder out, final CharSequence value)
    {
        if (null == value)
        {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0, length = value.length(); i < length; i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static StringBuilder pad(final StringBuilder out, final long value, final int width)
    {
        for (long p = DecimalCodec.pow10(width - 1); p > 1 && p > value; p /= 10)
        {
            out.append('0');
        }
        return out.append(value);
    }
}
