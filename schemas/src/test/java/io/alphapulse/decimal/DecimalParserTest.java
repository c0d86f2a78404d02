/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalParserTest
{
    private final DecimalParser parser = new DecimalParser();

    @ParameterizedTest(name = "{0} at scale {1} = {2}")
    @CsvSource({
        "0.00044780, 8, 44780",
        "83744.3, 8, 8374430000000",
        "83744.3, 1, 837443",
        "0E-8, 8, 0",
        "1E-8, 8, 1",
        "13600.00000000, 8, 1360000000000",
        "13600.00000000, 0, 13600",
        "0, 0, 0",
        "0.00000000, 8, 0",
        "0.0, 2, 0",
        "-1.5, 1, -15",
        "+2.25, 2, 225",
        "1.5e3, 0, 1500",
        "1.5E+3, 2, 150000",
        "12345e-2, 2, 12345",
        ".5, 1, 5",
        "5., 0, 5",
        "000123.4500, 2, 12345",
        "9223372036854775807, 0, 9223372036854775807",
        "-9223372036854775807, 0, -9223372036854775807",
        "92233720.36854775807, 11, 9223372036854775807",
        "0.000000000000000001, 18, 1",
        "100000000000000000000E-10, 2, 1000000000000",
    })
    void shouldParseExactly(final String text, final int scale, final long expected)
    {
        assertEquals(expected, parser.parse(text, scale));
        final byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.US_ASCII);
        assertEquals(expected, parser.parse(new UnsafeBuffer(bytes), 2, text.length(), scale));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+", ".", "NaN", "Infinity", "-Infinity", "0.-10000", "1.2.3", "1e", "1e+",
        "1ee2", "e5", "0x10", "1,5", " 1", "1 ", "--1", "1-", "12a"})
    void shouldRejectMalformedNamingTheValue(final String text)
    {
        final DecimalFormatException ex = assertThrows(DecimalFormatException.class, () -> parser.parse(text, 8));
        assertEquals(DecimalFormatException.Reason.MALFORMED, ex.reason());
        assertEquals(text, ex.value());
        assertTrue(ex.getMessage().contains("'" + text + "'"), ex.getMessage());
    }

    @Test
    void shouldRejectTooManyDecimalPlacesInsteadOfRounding()
    {
        final DecimalFormatException ex =
            assertThrows(DecimalFormatException.class, () -> parser.parse("0.000000001", 8));
        assertEquals(DecimalFormatException.Reason.TOO_MANY_DECIMAL_PLACES, ex.reason());
        assertTrue(ex.getMessage().contains("'0.000000001'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("more than 8 decimal places"), ex.getMessage());
    }

    @Test
    void shouldRejectTooManySignificantDigits()
    {
        final DecimalFormatException ex =
            assertThrows(DecimalFormatException.class, () -> parser.parse("12345678901234567891", 0));
        assertEquals(DecimalFormatException.Reason.TOO_MANY_DIGITS, ex.reason());
        assertThrows(DecimalFormatException.class, () -> parser.parse("9223372036854775808", 0));
    }

    @Test
    void shouldRejectOutOfRangeAtScale()
    {
        final DecimalFormatException ex =
            assertThrows(DecimalFormatException.class, () -> parser.parse("100000000000", 8));
        assertEquals(DecimalFormatException.Reason.OUT_OF_RANGE, ex.reason());
        assertThrows(DecimalFormatException.class, () -> parser.parse("1e9999", 0));
        assertThrows(DecimalFormatException.class, () -> parser.parse("1e99999", 0));
    }

    /**
     * Found by {@link DecimalFuzzTest}: zero with an exponent beyond the limit, or beyond an int, was rejected.
     */
    @Test
    void shouldParseZeroWhateverItsExponent()
    {
        assertEquals(0, parser.parse("0E67227", 8));
        assertEquals(0, parser.parse("00e11000000000000000", 0));
        assertEquals(0, parser.parse("-0.000e-99999999999", 18));
        assertThrows(DecimalFormatException.class, () -> parser.parse("1e10000", 0));
        assertThrows(DecimalFormatException.class, () -> parser.parse("1e-99999999999", 18));
    }

    @Test
    void shouldRejectScaleOutsideRange()
    {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("1", 19));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("1", -1));
    }

    @Test
    void shouldReportMantissaExponentAndRequiredScale()
    {
        parser.scan("0.00044780");
        assertEquals(4478, parser.mantissa());
        assertEquals(-7, parser.exponent());
        assertEquals(7, parser.requiredScale());

        parser.scan("13600.00000000");
        assertEquals(136, parser.mantissa());
        assertEquals(2, parser.exponent());
        assertEquals(0, parser.requiredScale());

        parser.scan("0E-8");
        assertEquals(0, parser.mantissa());
        assertEquals(0, parser.exponent());
    }

    @Test
    void shouldStayUsableAfterAnError()
    {
        assertThrows(DecimalFormatException.class, () -> parser.parse("0.-10000", 8));
        assertEquals(123, parser.parse("1.23", 2));
    }
}
