/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Generated cases, seeded by repetition so a failure names a reproducible seed: random decimals in every spelling
 * the exchanges use round-trip exactly and compare exactly as {@link BigDecimal} does.
 */
class DecimalPropertyTest
{
    private static final int CASES_PER_REPETITION = 2_000;

    private final DecimalParser parser = new DecimalParser();

    @RepeatedTest(25)
    void shouldRoundTripRandomDecimalsExactly(final RepetitionInfo info)
    {
        final Random random = new Random(0x5EED_0000L + info.getCurrentRepetition());
        for (int i = 0; i < CASES_PER_REPETITION; i++)
        {
            final int scale = random.nextInt(DecimalCodec.MAX_SCALE + 1);
            final long mantissa = randomMantissa(random);
            final BigDecimal expected = BigDecimal.valueOf(mantissa, scale);
            final String text = spell(random, expected);
            final String seed = "seed=" + info.getCurrentRepetition() + " case=" + i + " text=" + text;

            assertEquals(mantissa, parser.parse(text, scale), seed);
            assertEquals(0, expected.compareTo(new BigDecimal(DecimalCodec.toString(mantissa, scale))), seed);
            assertEquals(expected.stripTrailingZeros().scale() < 0 ? 0 : expected.stripTrailingZeros().scale(),
                parser.scan(text).requiredScale(), seed);

            if (scale < DecimalCodec.MAX_SCALE && Math.abs(mantissa) < Long.MAX_VALUE / 10)
            {
                assertEquals(mantissa * 10, parser.parse(text, scale + 1), seed);
            }
            if (scale > 0 && mantissa % 10 != 0)
            {
                final int lowerScale = scale - 1;
                assertThrows(DecimalFormatException.class, () -> parser.parse(text, lowerScale), seed);
            }
        }
    }

    @RepeatedTest(10)
    void shouldCompareAsBigDecimalDoes(final RepetitionInfo info)
    {
        final Random random = new Random(0xC0FFEEL + info.getCurrentRepetition());
        for (int i = 0; i < CASES_PER_REPETITION; i++)
        {
            final int scale = random.nextInt(9);
            final BigDecimal a = BigDecimal.valueOf(random.nextLong(-10_000_000_000L, 10_000_000_000L), scale);
            final BigDecimal b = random.nextBoolean() ? a : BigDecimal.valueOf(
                random.nextLong(-10_000_000_000L, 10_000_000_000L), random.nextInt(scale + 1));

            final long ma = parser.parse(spell(random, a), scale);
            final long mb = parser.parse(spell(random, b), scale);
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Long.compare(ma, mb)), a + " vs " + b);
        }
    }

    @RepeatedTest(5)
    void shouldRejectValuesBeyondALongInsteadOfWrapping(final RepetitionInfo info)
    {
        final Random random = new Random(0xBADL + info.getCurrentRepetition());
        for (int i = 0; i < 200; i++)
        {
            final BigInteger big = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(1 + random.nextInt(1000)))
                .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
            final String text = big.toString();
            assertThrows(DecimalFormatException.class, () -> parser.parse(text, 0), text);
        }
    }

    private static long randomMantissa(final Random random)
    {
        return switch (random.nextInt(4))
        {
            case 0 -> random.nextInt(1000) - 500;
            case 1 -> random.nextLong() / (1L << random.nextInt(40));
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(100) : -Long.MAX_VALUE + random.nextInt(100);
            default -> random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
        };
    }

    /**
     * The spellings seen on the wire: plain, padded with trailing zeros, scientific with either case of E.
     */
    private static String spell(final Random random, final BigDecimal value)
    {
        return switch (random.nextInt(5))
        {
            case 0 -> value.toPlainString();
            case 1 -> value.setScale(value.scale() + random.nextInt(4)).toPlainString();
            case 2 -> value.toString();
            case 3 -> value.toEngineeringString();
            default -> value.unscaledValue() + (random.nextBoolean() ? "E-" : "e-") + value.scale();
        };
    }
}
