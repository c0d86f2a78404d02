/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.collector.json.JsonException;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimestampsTest
{
    private static long parse(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Timestamps.parseIso8601(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static long nanos(final String text)
    {
        final Instant instant = Instant.parse(text);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-08-09T21:05:48.228568804Z", "2026-08-09T21:05:38.50436Z",
        "2023-09-25T07:48:36.925533Z", "2021-04-17T16:43:30.244075Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.9Z",
        "2024-12-31T00:00:00.000Z"})
    void shouldParseLikeInstant(final String text)
    {
        assertEquals(nanos(text), parse(text));
    }

    @Test
    void shouldAcceptUtcOffsetAndSpace()
    {
        assertEquals(nanos("2026-08-09T21:05:48Z"), parse("2026-08-09T21:05:48+00:00"));
        assertEquals(nanos("2026-08-09T21:05:48Z"), parse("2026-08-09 21:05:48"));
    }

    @Test
    void shouldAgreeWithInstantOnRandomTimes()
    {
        final Random random = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            final long epochNs = random.nextLong(0, 4_102_444_800_000_000_000L);
            final Instant instant = Instant.ofEpochSecond(epochNs / 1_000_000_000L, epochNs % 1_000_000_000L);
            assertEquals(epochNs, parse(instant.toString()), instant.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-08-09", "2026-13-09T21:05:48Z", "2026-08-09T21:05:48.Z",
        "2026-08-09T21:05:48.1234567890Z", "2026-08-09T21:05:48+01:00", "2026-08-09 21:05:48.854840045 +0000 UTC",
        "yyyy-mm-ddThh:mm:ssZ"})
    void shouldRejectNamingTheText(final String text)
    {
        final JsonException ex = assertThrows(JsonException.class, () -> parse(text));
        assertEquals(true, ex.getMessage().contains(text.substring(0, Math.min(text.length(), 10))), ex.getMessage());
    }

    @Test
    void shouldFormatWithTheExchangePrecision()
    {
        final long epochNs = nanos("2026-08-09T21:05:42.514318123Z");
        assertEquals("2026-08-09T21:05:42.514318Z", Timestamps.formatIso8601(epochNs, 6));
        assertEquals("2026-08-09T21:05:42.514Z", Timestamps.formatIso8601(epochNs, 3));
        assertEquals("2026-08-09T21:05:42Z", Timestamps.formatIso8601(epochNs, 0));
    }
}
