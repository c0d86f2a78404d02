/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.BenchSuite;
import io.alphapulse.driver.Profile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the {@code e2e} stage offers and how it labels its figures; the figures themselves come only from
 * {@code pulse bench}.
 */
class E2eStageTest
{
    @Test
    void shouldBeRegisteredWithItsDescriptionAndAnchor()
    {
        final BenchStage stage = new BenchSuite().stages().stream()
            .filter((s) -> "e2e".equals(s.name()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no stage named e2e"));

        assertInstanceOf(E2eStage.class, stage);
        assertEquals(E2eStage.DESCRIPTION, stage.description());
        assertTrue(stage.anchor().startsWith("none here"), stage.anchor());
    }

    @Test
    void quickRunShouldOfferBothRatesToBothConsumersWithinAboutAMinute()
    {
        final List<E2eRun.Config> runs = E2eStage.runs(true);
        for (final E2eRun.Consumer consumer : E2eRun.Consumer.values())
        {
            for (final int rate : new int[]{10_000, 100_000})
            {
                assertTrue(runs.stream().anyMatch((r) -> r.consumer() == consumer && r.framesPerSecond() == rate),
                    consumer + " at " + rate + " frames/s missing from " + runs);
            }
        }
        // Offered time only; each run adds a few seconds of set-up (driver, relay, bridge start).
        final long offeredNs = runs.stream().mapToLong((r) -> r.warmupNs() + r.measureNs()).sum();
        assertTrue(offeredNs <= TimeUnit.SECONDS.toNanos(25), "quick run offers " + offeredNs / 1e9 + " s");
    }

    @Test
    void fullRunShouldCoverEveryExchange()
    {
        for (final String exchange : List.of("kraken", "coinbase", "binance"))
        {
            assertTrue(E2eStage.runs(false).stream().anyMatch((r) -> exchange.equals(r.exchange())), exchange);
        }
    }

    @Test
    void scheduleShouldMatchTheRate()
    {
        final E2eRun.Config config = new E2eRun.Config("kraken", io.alphapulse.collector.source.SyntheticFrames.Mix
            .MIXED, 100_000, E2eRun.Consumer.STRATEGY, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(4));
        assertEquals(10_000, config.intervalNs());
        assertEquals(100_000, config.warmupFrames());
        assertEquals(500_000, config.frames());
    }

    @Test
    void conditionsShouldNameRateMixProfileAndProcessLayout()
    {
        final String conditions = E2eStage.conditions(new E2eRun.Config("kraken",
            io.alphapulse.collector.source.SyntheticFrames.Mix.MIXED, 10_000, E2eRun.Consumer.WEBSOCKET, 1, 1),
            Profile.SHARED);
        for (final String part : new String[]{"kraken", "MIXED", "10,000 frames/s", "in-process", "shared", "bridge"})
        {
            assertTrue(conditions.contains(part), conditions + " should mention " + part);
        }
    }
}
