/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge's Aeron client is closed under it (what a driver timeout does to a stopped process); it connects
 * again, rejoins the live stream, and reports exactly what it skipped, while its WebSocket clients stay connected.
 * A stopped process timed out by a real driver is left to a system test.
 */
class BridgeReconnectIT
{
    private static final long T0 = 1_795_000_000_000_000_000L;

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldReconnectRejoinAndReportExactlyWhatItSkipped()
    {
        try (BridgeHarness harness = new BridgeHarness(tempDir, (ctx) -> ctx.authEnabled(false)))
        {
            final MergedStreamPublisher publisher = harness.publisher;
            publisher.definition(Exchange.BINANCE, 40000, "BTC-USDT", 2, 8, T0);
            harness.awaitReceived(1);
            final TestClient client = TestClient.connect(harness.http, harness.bridge.uri(), Map.of());
            client.send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"trades\"}");
            client.send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"status\"}");
            client.await((m) -> "ack".equals(m.path("type").asText()) && 2 == m.path("id").asInt(), 10_000);

            for (int i = 0; i < 10; i++)
            {
                publisher.trade(Exchange.BINANCE, 40000, i, 100, 1, AggressorSide.BUY, T0, T0);
            }
            harness.awaitReceived(11);

            harness.bridge.aeron().close();
            TestClient.awaitTrue(() -> !harness.bridge.isLive(), 10_000, "the bridge to notice its client closed");
            for (int i = 10; i < 25; i++)
            {
                publisher.trade(Exchange.BINANCE, 40000, i, 100, 1, AggressorSide.BUY, T0, T0);
            }
            TestClient.awaitTrue(harness.bridge::isLive, 20_000, "the bridge to reconnect");
            client.await((m) -> "bridge_reconnected".equals(m.path("event").asText()), 10_000);

            // Until the new image is there a trade may go nowhere: publish one at a time until one arrives. Every
            // trade up to it was either received, in order, or reported skipped (IPC may well have kept them all).
            final long deadline = System.nanoTime() + 20_000_000_000L;
            int next = 25;
            while (client.ofType("trade").stream().noneMatch((m) -> m.path("tradeId").asLong() >= 25))
            {
                if (System.nanoTime() - deadline >= 0)
                {
                    throw new AssertionError("no trade reached the client after the reconnect");
                }
                publisher.trade(Exchange.BINANCE, 40000, next++, 100, 1, AggressorSide.BUY, T0, T0);
                final int sent = next;
                final long until = System.nanoTime() + 100_000_000L;
                TestClient.awaitTrue(() -> System.nanoTime() - until >= 0 || client.ofType("trade").stream()
                    .anyMatch((m) -> m.path("tradeId").asLong() == sent - 1), 1_000, "the trade or 100 ms");
            }
            final List<JsonNode> trades = client.ofType("trade");
            final long lastSequence = trades.get(trades.size() - 1).path("sequence").asLong();
            for (int i = 1; i < trades.size(); i++)
            {
                assertTrue(trades.get(i).path("sequence").asLong() > trades.get(i - 1).path("sequence").asLong());
            }
            assertEquals(lastSequence, trades.size() + harness.bridge.stats().skipped.get());
            final long skippedAcrossReconnect = harness.bridge.stats().skipped.get();

            // Messages the bridge never saw (let go as an untethered subscriber): the next sequence shows how many.
            for (int i = 0; i < 7; i++)
            {
                publisher.nextSequence(Exchange.BINANCE);
            }
            publisher.trade(Exchange.BINANCE, 40000, 1_000, 100, 1, AggressorSide.BUY, T0, T0);
            final JsonNode skipped = client.await((m) -> "bridge_skipped".equals(m.path("event").asText()) &&
                7 == m.path("skipped").asLong(), 10_000);
            assertEquals("binance", skipped.path("exchange").asText());
            assertEquals(lastSequence + 1, skipped.path("fromSequence").asLong());
            assertEquals(lastSequence + 7, skipped.path("toSequence").asLong());
            assertEquals(skippedAcrossReconnect + 7, harness.bridge.stats().skipped.get());

            // A gap the relay reported (lost upstream of it) is not the bridge's to count.
            final long expected = publisher.peekSequence(Exchange.BINANCE);
            for (int i = 0; i < 5; i++)
            {
                publisher.nextSequence(Exchange.BINANCE);
            }
            publisher.relayGap(Exchange.BINANCE, expected, expected + 5, T0);
            publisher.trade(Exchange.BINANCE, 40000, 1_001, 100, 1, AggressorSide.BUY, T0, T0);
            final JsonNode gap = client.await((m) -> "gap".equals(m.path("event").asText()), 10_000);
            assertEquals("relay", gap.path("origin").asText());
            assertEquals(expected, gap.path("expectedSequence").asLong());
            client.await((m) -> 1_001 == m.path("tradeId").asLong(), 10_000);
            assertEquals(skippedAcrossReconnect + 7, harness.bridge.stats().skipped.get());
            assertEquals(1, harness.bridge.stats().reconnects.get());
            assertFalse(client.isClosed());
            client.close();
        }
    }
}
