/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.javalin.http.Context;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of query and path parameters: every value is checked against its expected form before it reaches a
 * query, and a bad one is a 400 that names the parameter, the value (clipped) and what is expected. Values reach SQL
 * only as bind values through jOOQ.
 */
final class Params
{
    static final int LIMIT_DEFAULT = 100;
    static final int LIMIT_MAX = 1000;
    static final Set<String> EXCHANGES = Set.of("KRAKEN", "COINBASE", "BINANCE");

    private static final Pattern CURSOR = Pattern.compile("^(-?\\d{1,19}):(-?\\d{1,19}):(-?\\d{1,19})$");

    private Params()
    {
    }

    static String text(final Context ctx, final String name)
    {
        final String value = ctx.queryParam(name);
        return null == value || value.isBlank() ? null : value.strip();
    }

    static Integer optionalInt(final Context ctx, final String name, final int min, final int max)
    {
        final String value = text(ctx, name);
        return null == value ? null : parseInt(name, value, min, max);
    }

    static int requiredInt(final Context ctx, final String name, final int min, final int max)
    {
        final Integer value = optionalInt(ctx, name, min, max);
        if (null == value)
        {
            throw ApiException.badRequest("query parameter '" + name + "' is required: an integer from " + min +
                " to " + max);
        }
        return value;
    }

    static int pathInt(final Context ctx, final String name, final int min, final int max)
    {
        return parseInt(name, ctx.pathParam(name), min, max);
    }

    static long pathLong(final Context ctx, final String name)
    {
        final String value = ctx.pathParam(name);
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("'" + name + "' must be an integer; got '" + clip(value) + "'");
        }
    }

    static Long optionalLong(final Context ctx, final String name)
    {
        final String value = text(ctx, name);
        if (null == value)
        {
            return null;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("query parameter '" + name + "' must be an integer; got '" +
                clip(value) + "'");
        }
    }

    static int limit(final Context ctx)
    {
        final Integer limit = optionalInt(ctx, "limit", 1, LIMIT_MAX);
        return null == limit ? LIMIT_DEFAULT : limit;
    }

    /**
     * A time: ISO-8601 with offset ({@code 2026-03-01T10:00:00Z}) or milliseconds since the epoch.
     */
    static OffsetDateTime time(final Context ctx, final String name, final OffsetDateTime defaultValue)
    {
        final String value = text(ctx, name);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            if (value.matches("^-?\\d{1,15}$"))
            {
                return Instant.ofEpochMilli(Long.parseLong(value)).atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        }
        catch (final DateTimeParseException | NumberFormatException ex)
        {
            throw ApiException.badRequest("query parameter '" + name + "' must be an ISO-8601 time with offset " +
                "(e.g. 2026-03-01T10:00:00Z) or milliseconds since the epoch; got '" + clip(value) + "'");
        }
    }

    static String oneOf(final Context ctx, final String name, final Set<String> allowed)
    {
        final String value = text(ctx, name);
        if (null == value)
        {
            return null;
        }
        final String lower = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower))
        {
            throw ApiException.badRequest("query parameter '" + name + "' must be one of " +
                new java.util.TreeSet<>(allowed) + "; got '" + clip(value) + "'");
        }
        return lower;
    }

    /**
     * An exchange name in any case, returned as stored (upper case).
     */
    static String exchange(final String name, final String value, final boolean required)
    {
        if (null == value || value.isBlank())
        {
            if (required)
            {
                throw ApiException.badRequest("'" + name + "' is required: one of kraken, coinbase, binance");
            }
            return null;
        }
        final String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!EXCHANGES.contains(upper))
        {
            throw ApiException.badRequest("'" + name + "' must be one of kraken, coinbase, binance; got '" +
                clip(value) + "'");
        }
        return upper;
    }

    static void checkRange(final OffsetDateTime from, final OffsetDateTime to)
    {
        if (!from.isBefore(to))
        {
            throw ApiException.badRequest("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
    }

    static int parseInt(final String name, final String value, final int min, final int max)
    {
        final int parsed;
        try
        {
            parsed = Integer.parseInt(value.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw ApiException.badRequest("'" + name + "' must be an integer from " + min + " to " + max +
                "; got '" + clip(value) + "'");
        }
        if (parsed < min || parsed > max)
        {
            throw ApiException.badRequest("'" + name + "' must be from " + min + " to " + max + "; got " + parsed);
        }
        return parsed;
    }

    /**
     * Opaque cursor for keyset pagination: a time in microseconds and two tie-breaking ids of the last row served.
     *
     * @param timeMicros time of the last row.
     * @param id         first tie-breaker.
     * @param id2        second tie-breaker (0 when unused).
     */
    record Cursor(long timeMicros, long id, long id2)
    {
        String encode()
        {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (timeMicros + ":" + id + ":" + id2).getBytes(StandardCharsets.US_ASCII));
        }

        OffsetDateTime time()
        {
            return Instant.ofEpochSecond(Math.floorDiv(timeMicros, 1_000_000L),
                Math.floorMod(timeMicros, 1_000_000L) * 1_000L).atOffset(ZoneOffset.UTC);
        }

        static Cursor of(final OffsetDateTime time, final long id, final long id2)
        {
            final Instant instant = time.toInstant();
            return new Cursor(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000, id, id2);
        }

        static Cursor parse(final Context ctx)
        {
            final String value = text(ctx, "cursor");
            if (null == value)
            {
                return null;
            }
            try
            {
                final String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
                final java.util.regex.Matcher matcher = CURSOR.matcher(decoded);
                if (matcher.matches())
                {
                    return new Cursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                        Long.parseLong(matcher.group(3)));
                }
            }
            catch (final IllegalArgumentException ex)
            {
                // Reported below.
            }
            throw ApiException.badRequest("'cursor' is not a cursor this API issued: pass the nextCursor of the " +
                "previous page unchanged, or omit it for the first page");
        }
    }

    static String clip(final String value)
    {
        if (null == value)
        {
            return "";
        }
        final String clipped = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        final StringBuilder out = new StringBuilder(clipped.length());
        for (int i = 0; i < clipped.length(); i++)
        {
            final char c = clipped.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }

    static String decimal(final BigDecimal value)
    {
        return null == value ? null : value.toPlainString();
    }

    static String time(final OffsetDateTime value)
    {
        return null == value ? null : value.toInstant().toString();
    }

    static String exchangeOut(final String stored)
    {
        return null == stored ? null : stored.toLowerCase(Locale.ROOT);
    }
}
