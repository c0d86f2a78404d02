/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.driver.Profile;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code e2e} harness on real parts at a low rate: every frame offered is read by the collector, every trade it
 * publishes reaches the strategy or the WebSocket client, and only trades after the warm-up are timed. Checks the
 * harness, not the figures (no timing is asserted).
 */
class E2eRunIT
{
    @ParameterizedTest
    @CsvSource({
        "kraken, STRATEGY",
        "coinbase, STRATEGY",
        "binance, STRATEGY",
        "kraken, WEBSOCKET"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyTradePublishedShouldReachTheConsumer(final String exchange, final E2eRun.Consumer consumer)
        throws Exception
    {
        final E2eRun.Config config = new E2eRun.Config(exchange, SyntheticFrames.Mix.MIXED, 2_000, consumer,
            TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(1));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        final E2eRun.Outcome outcome =
            E2eRun.run(config, Profile.SHARED, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertEquals(config.frames(), outcome.frames(), "frames offered");
        assertTrue(outcome.tradesPublished() > 0, "a MIXED feed has trades");
        assertTrue(outcome.messagesPublished() >= outcome.tradesPublished(), outcome.toString());
        final long timed = outcome.latency().getTotalCount();
        assertTrue(timed > 0 && timed < outcome.tradesPublished(),
            "only trades after the warm-up are timed: " + timed + " of " + outcome.tradesPublished());
        assertEquals(0, outcome.fullRing(), "a 2,000 frames/s feed never fills the collector's ring");
    }
}
