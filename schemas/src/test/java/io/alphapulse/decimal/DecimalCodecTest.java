/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecimalCodecTest
{
    @ParameterizedTest(name = "({0}, {1}) -> {2}")
    @CsvSource({
        "44780, 8, 0.0004478",
        "8374430000000, 8, 83744.3",
        "0, 8, 0",
        "1, 8, 0.00000001",
        "-15, 1, -1.5",
        "1360000000000, 8, 13600",
        "100, 0, 100",
        "9223372036854775807, 18, 9.223372036854775807",
        "-9223372036854775807, 0, -9223372036854775807",
    })
    void shouldFormatPlainWithoutTrailingZeros(final long mantissa, final int scale, final String expected)
    {
        assertEquals(expected, DecimalCodec.toString(mantissa, scale));

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = DecimalCodec.putAscii(buffer, 5, mantissa, scale);
        assertEquals(expected, buffer.getStringWithoutLengthAscii(5, length));
    }

    @Test
    void shouldRejectNullMantissa()
    {
        assertThrows(IllegalArgumentException.class, () -> DecimalCodec.toString(Long.MIN_VALUE, 2));
    }

    @Test
    void shouldRescaleExactlyOrFail()
    {
        assertEquals(150, DecimalCodec.rescale(15, 1, 2));
        assertEquals(15, DecimalCodec.rescale(150, 2, 1));
        assertThrows(DecimalFormatException.class, () -> DecimalCodec.rescale(151, 2, 1));
        assertThrows(DecimalFormatException.class, () -> DecimalCodec.rescale(Long.MAX_VALUE / 5, 0, 1));
    }

    @Test
    void shouldConvertBigDecimalExactlyOrFail()
    {
        assertEquals(new BigDecimal("0.00044780"), DecimalCodec.toBigDecimal(44780, 8));
        assertEquals(44780, DecimalCodec.fromBigDecimal(new BigDecimal("0.0004478000"), 8));
        assertThrows(DecimalFormatException.class, () -> DecimalCodec.fromBigDecimal(new BigDecimal("0.1"), 0));
        assertThrows(DecimalFormatException.class,
            () -> DecimalCodec.fromBigDecimal(new BigDecimal("1e30"), 0));
    }
}
