/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyParamsTest
{
    @Test
    void parsesDecimalsExactlyAtTheInstrumentScale()
    {
        final StrategyParams params = StrategyParams.parse(List.of("quantity=0.00123", "fast=5"));
        assertEquals(123_000, params.decimal("quantity", "1", 8));
        assertEquals(5, params.longValue("fast", 1));
        assertEquals(7, params.longValue("slow", 7));
    }

    @Test
    void rejectsWhatCannotBeExact()
    {
        final StrategyParams params = StrategyParams.parse(List.of("quantity=0.123456789"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> params.decimal("quantity", "1", 8));
        assertTrue(ex.getMessage().contains("quantity=0.123456789"), ex.getMessage());
    }

    @Test
    void unknownKeysAndStrategiesNameTheBadValue()
    {
        final IllegalArgumentException badKey = assertThrows(IllegalArgumentException.class,
            () -> Strategies.create("momentum", StrategyParams.parse(List.of("fsat=3"))));
        assertTrue(badKey.getMessage().contains("'fsat'"), badKey.getMessage());
        final IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
            () -> Strategies.create("martingale", StrategyParams.parse(List.of())));
        assertTrue(badName.getMessage().contains("martingale"), badName.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StrategyParams.parse(List.of("novalue")));
    }

    @Test
    void selectsBothSamplesByNameAndShortName()
    {
        assertEquals("cross-exchange-spread", Strategies.create("spread", StrategyParams.parse(List.of())).name());
        assertEquals("ma-momentum", Strategies.create("MA-MOMENTUM", StrategyParams.parse(List.of())).name());
    }
}
