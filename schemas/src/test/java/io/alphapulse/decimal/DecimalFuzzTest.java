/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Fuzzes the exact decimal parser against {@link BigDecimal} as the oracle: whatever the text, the parser either
 * returns exactly the value at the scale or throws {@link DecimalFormatException}; never a rounded value, never
 * another exception. A success formats back to text that parses to the same mantissa.
 * <p>
 * Under {@code mvn test} this replays the inputs kept in {@code DecimalFuzzTestInputs/}; {@code ops/pulse fuzz}
 * fuzzes it for a bounded time.
 */
class DecimalFuzzTest
{
    private final DecimalParser parser = new DecimalParser();

    @FuzzTest(maxDuration = "60s")
    void parseIsExactOrRejects(final FuzzedDataProvider data)
    {
        final int scale = data.consumeInt(0, DecimalCodec.MAX_SCALE);
        final String text = data.consumeRemainingAsAsciiString();
        final BigDecimal expected = oracle(text, scale);

        if (null == expected)
        {
            assertThrows(DecimalFormatException.class, () -> parser.parse(text, scale), text);
            return;
        }

        final long mantissa = parser.parse(text, scale);
        assertEquals(expected.unscaledValue().longValueExact(), mantissa, text);

        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertEquals(mantissa, parser.parse(new UnsafeBuffer(bytes), 0, bytes.length, scale), text);
        assertEquals(mantissa, parser.parse(DecimalCodec.toString(mantissa, scale), scale), text);
    }

    /**
     * The exact value at the scale, or null when the parser must reject the text: not in the grammar, not exact at
     * the scale, or beyond a 64-bit mantissa.
     */
    private static BigDecimal oracle(final String text, final int scale)
    {
        if (!text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?"))
        {
            return null;
        }
        if (text.split("[eE]")[0].matches("[+-]?[0.]*"))
        {
            return BigDecimal.ZERO.setScale(scale); // zero whatever the exponent, however large
        }
        final BigDecimal value;
        try
        {
            value = new BigDecimal(text.startsWith("+") ? text.substring(1) : text).stripTrailingZeros();
            if (0 != value.signum() && (value.scale() > scale || value.precision() - value.scale() > 19))
            {
                return null; // inexact at the scale, or too large: decided without building a huge number
            }
            final BigDecimal atScale = value.setScale(scale);
            atScale.unscaledValue().longValueExact();
            return atScale;
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            return null;
        }
    }
}
