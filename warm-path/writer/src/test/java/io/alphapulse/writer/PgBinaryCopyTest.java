/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The binary {@code numeric} encoding against {@link BigDecimal}: every value decodes back to exactly
 * mantissa / 10^scale with the scale as display scale, and digits are canonical (no leading or trailing zero
 * digit, each below 10000), as PostgreSQL's own {@code numeric_send} produces them.
 */
class PgBinaryCopyTest
{
    @Test
    void shouldEncodeEdgeValuesExactly()
    {
        final long[] values = {0, 1, -1, 9, 10, 9999, 10000, 10001, 123456789, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, 1_000_000_000_000_000_000L, -99990000, 100000000, 5};
        for (int scale = 0; scale <= 18; scale++)
        {
            for (final long value : values)
            {
                assertRoundTrip(value, scale);
            }
        }
    }

    @Test
    void shouldEncodeRandomValuesExactly()
    {
        final Random random = new Random(20260301);
        for (int i = 0; i < 200_000; i++)
        {
            final long value = switch (i % 4)
            {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt();
                case 2 -> random.nextLong() % 1_000_000_000_000L;
                default -> (random.nextInt(100_000) + 1) * (long)Math.pow(10, random.nextInt(10));
            };
            assertRoundTrip(value, random.nextInt(19));
        }
    }

    @Test
    void shouldWriteRowsWithHeaderAndTrailer()
    {
        final PgBinaryCopy copy = new PgBinaryCopy(16);
        copy.row(3).int8(7).nullValue().numericArray(new long[]{12345, -5}, 2, 2);
        assertEquals(1, copy.rowCount());
        final int length = copy.finish();
        final ByteBuffer bytes = ByteBuffer.wrap(copy.array(), 0, length);
        assertEquals('P', bytes.get(0));
        assertEquals(0, bytes.getInt(11));
        assertEquals(3, bytes.getShort(19));
        assertEquals(8, bytes.getInt(21));
        assertEquals(7, bytes.getLong(25));
        assertEquals(-1, bytes.getInt(33));
        assertEquals(-1, bytes.getShort(length - 2));

        copy.reset();
        assertEquals(0, copy.rowCount());
        assertEquals(19, copy.length());
    }

    private static void assertRoundTrip(final long value, final int scale)
    {
        final PgBinaryCopy copy = new PgBinaryCopy(64);
        copy.numeric(value, scale);
        final ByteBuffer bytes = ByteBuffer.wrap(copy.array(), 19, copy.length() - 19);
        final int length = bytes.getInt();
        final int ndigits = bytes.getShort();
        final int weight = bytes.getShort();
        final int sign = bytes.getShort();
        final int dscale = bytes.getShort();
        assertEquals(8 + 2 * ndigits, length);
        assertEquals(scale, dscale);
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++)
        {
            final int digit = bytes.getShort();
            if (digit < 0 || digit > 9999 || ((0 == i || ndigits - 1 == i) && 0 == digit))
            {
                throw new AssertionError("bad digit " + digit + " for " + value + " scale " + scale);
            }
            unscaled = unscaled.multiply(BigInteger.valueOf(10000)).add(BigInteger.valueOf(digit));
        }
        BigDecimal decoded = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        if (0x4000 == sign)
        {
            decoded = decoded.negate();
        }
        final BigDecimal expected = BigDecimal.valueOf(value, scale);
        assertEquals(0, expected.compareTo(decoded), value + " scale " + scale + " decoded " + decoded);
        assertEquals(value == 0 ? 0 : (value < 0 ? 0x4000 : 0), sign);
    }
}
