/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.Collector;
import io.alphapulse.collector.CollectorHarness;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Kraken collector end to end: a real media driver, the collector on its own thread with the real WebSocket
 * client, and a local exchange speaking Kraken's v2 protocol ({@link LocalKrakenExchange}). It checks what a
 * consumer of the Aeron stream relies on: data for every listed pair; a dropped connection reported, then
 * reconnected and resubscribed; a book checksum failure on one pair resynced by resubscribing that pair's book only
 * while the other pair keeps flowing; a rejected pair reported without stopping the others; a silent pair reported
 * by the watchdog; malformed frames counted and never published.
 */
class KrakenCollectorIT
{
    private static final String BTC = "BTC/USD";
    private static final String ETH = "ETH/USD";
    private static final String UNLISTED = "FOO/BAR";
    private static final long STEP_TIMEOUT_MS = 10_000;
    private static final long STALE_TIMEOUT_MS = 1_500;

    private static final int BTC_ID = catalogueId("BTC-USD");
    private static final int ETH_ID = catalogueId("ETH-USD");

    @TempDir
    Path tempDir;

    private CollectorHarness harness;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void collectsKrakenThroughDropsResyncsRejectionsSilenceAndBadFrames() throws Exception
    {
        final KrakenProtocol protocol = new KrakenProtocol();
        try (LocalKrakenExchange exchange = new LocalKrakenExchange(List.of(BTC, ETH), 42, 5);
            CollectorHarness collectorHarness = new CollectorHarness(tempDir, new Collector.Context()
                .protocol(protocol)
                .symbols(List.of("BTC-USD", "ETH-USD", "FOO-BAR"))
                .endpoint(exchange.uri())
                .staleTimeoutNs(TimeUnit.MILLISECONDS.toNanos(STALE_TIMEOUT_MS))
                .idleTimeoutNs(TimeUnit.SECONDS.toNanos(30))
                .reconnectDelays(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200))))
        {
            harness = collectorHarness;

            // Subscriptions: Kraken v2 requests, one per channel, every symbol in each.
            harness.await("connected", (m) -> m.startsWith("event CONNECTED"), STEP_TIMEOUT_MS);
            awaitCondition("three subscribe requests", () -> subscribes(exchange).size() == 3);
            assertSubscribeRequests(subscribes(exchange));
            assertEquals(protocol.subscribeFrames(List.of(BTC, ETH, UNLISTED)), subscribes(exchange));

            // (a) data for both pairs, and (d) the unlisted pair refused without stopping the others.
            int at = awaitLine(0, "BTC snapshot", (m) -> m.startsWith("snapshot " + BTC_ID + " levels=20 "));
            awaitLine(0, "ETH snapshot", (m) -> m.startsWith("snapshot " + ETH_ID + " levels=20 "));
            final int rejected = awaitLine(0, "FOO/BAR rejected", (m) -> m.startsWith("event SUBSCRIPTION_REJECTED - ") &&
                m.contains("Currency pair not supported FOO/BAR"));
            at = Math.max(at, rejected);
            awaitData(at, BTC_ID);
            awaitData(at, ETH_ID);

            // (b) a dropped connection: reported, reconnected, resubscribed, data again.
            at = harness.messages().size();
            exchange.dropConnections();
            at = awaitLine(at, "disconnect reported", (m) -> m.startsWith("event DISCONNECTED - "));
            at = awaitLine(at, "reconnected", (m) -> m.startsWith("event CONNECTED - "));
            awaitCondition("resubscribed on the new connection",
                () -> 2 == exchange.connections() && 6 == subscribes(exchange).size());
            assertEquals(protocol.subscribeFrames(List.of(BTC, ETH, UNLISTED)),
                subscribes(exchange).subList(3, 6), "the same requests again");
            awaitLine(at, "BTC snapshot after reconnect", (m) -> m.startsWith("snapshot " + BTC_ID + " "));
            awaitLine(at, "ETH snapshot after reconnect", (m) -> m.startsWith("snapshot " + ETH_ID + " "));
            awaitData(at, BTC_ID);
            awaitData(at, ETH_ID);

            // (c) a bad checksum on BTC: BTC's book alone is resubscribed, ETH flows meanwhile.
            at = harness.messages().size();
            final int requestsBefore = exchange.received().size();
            exchange.holdBookSnapshots(BTC, true);
            exchange.corruptNextBookChecksum(BTC);
            final int failed = awaitLine(at, "BTC update flagged",
                (m) -> m.startsWith("update " + BTC_ID + " ") && m.contains(" checksumFailed "));
            final int failure = awaitLine(failed, "BTC checksum failure",
                (m) -> m.startsWith("event CHECKSUM_FAILURE " + BTC_ID + " "));
            final int resyncStarted = awaitLine(failure, "BTC resync started",
                (m) -> m.startsWith("event RESYNC_STARTED " + BTC_ID + " "));
            final List<String> resubscribe = protocol.resubscribeBookFrames(BTC);
            awaitCondition("BTC book unsubscribed and subscribed again",
                () -> bookRequests(exchange, requestsBefore).size() >= 2);
            assertEquals(resubscribe, bookRequests(exchange, requestsBefore),
                "unsubscribe then subscribe of the BTC book, nothing for ETH");
            assertTrue(resubscribe.get(0).startsWith("{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"book\"," +
                "\"symbol\":[\"BTC/USD\"]"), resubscribe.get(0));
            int ethDuringResync = resyncStarted;
            for (int i = 0; i < 3; i++)
            {
                ethDuringResync = awaitLine(ethDuringResync + 1, "ETH update during the BTC resync",
                    (m) -> m.startsWith("update " + ETH_ID + " ") && !m.contains("checksumFailed"));
            }
            exchange.holdBookSnapshots(BTC, false);
            final int resyncDone = awaitLine(resyncStarted, "BTC resync done",
                (m) -> m.startsWith("event RESYNC_DONE " + BTC_ID + " "));
            assertTrue(ethDuringResync < resyncDone, "ETH updates arrived before BTC was resynced");
            assertEquals(List.of(), lines(resyncStarted, resyncDone, "update " + BTC_ID + " "),
                "no BTC book update while resyncing");
            assertEquals(1, lines(resyncStarted, resyncDone, "snapshot " + BTC_ID + " ").size());
            awaitLine(resyncDone, "BTC updates again",
                (m) -> m.startsWith("update " + BTC_ID + " ") && !m.contains("checksumFailed"));

            // (e) ETH goes silent while BTC and heartbeats carry on: the watchdog reports it and resubscribes.
            at = harness.messages().size();
            final int requestsBeforeSilence = exchange.received().size();
            exchange.silence(ETH, true);
            final long silencedNs = System.nanoTime();
            final int stale = awaitLine(at, "ETH stale", (m) -> m.startsWith("event STALE_CHANNEL " + ETH_ID + " "));
            assertTrue(System.nanoTime() - silencedNs >= TimeUnit.MILLISECONDS.toNanos(STALE_TIMEOUT_MS) / 2,
                "not stale before its time");
            assertEquals(List.of(), lines(at, harness.messages().size(), "event STALE_CHANNEL " + BTC_ID + " "));
            assertTrue(lines(at, stale, "update " + BTC_ID + " ").size() > 10, "BTC kept flowing");
            awaitCondition("watchdog resubscribes the ETH book",
                () -> bookRequests(exchange, requestsBeforeSilence).containsAll(protocol.resubscribeBookFrames(ETH)));
            exchange.silence(ETH, false);
            awaitData(stale, ETH_ID);

            // (f) malformed frames: counted, nothing published from them, the stream goes on.
            at = harness.messages().size();
            final long errorsBefore = harness.collector().agent().decodeErrors();
            final String time = "\"timestamp\":\"2026-01-02T03:04:05.678901Z\"";
            exchange.push("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\"," +
                "\"side\":\"buy\",\"price\":66666.6,\"qty\":7.77777777,\"ord_type\":\"limit\",\"trade_id\":1," + time);
            exchange.push("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\"," +
                "\"side\":\"sell\",\"price\":0.-1,\"qty\":7.77777777,\"ord_type\":\"limit\",\"trade_id\":2," + time +
                "}]}");
            exchange.push("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"ETH/USD\",\"bids\":" +
                "[{\"price\":0.-1,\"qty\":7.77777777}],\"asks\":[],\"checksum\":1," + time + "}]}");
            exchange.push("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\"," +
                "\"side\":\"buy\",\"price\":66666.6,\"qty\":1.23456789,\"ord_type\":\"limit\",\"trade_id\":3," + time +
                "}]}");
            final int marker = awaitLine(at, "the valid trade after the malformed frames",
                (m) -> m.startsWith("trade " + BTC_ID + " 666666x123456789 BUY "));
            assertEquals(errorsBefore + 3, harness.collector().agent().decodeErrors(), "each malformed frame counted");
            assertEquals(List.of(), lines(at, harness.messages().size(), (m) -> m.contains("x777777777 ")),
                "nothing of them published");
            awaitLine(marker, "ETH book intact after the malformed update",
                (m) -> m.startsWith("update " + ETH_ID + " ") && !m.contains("checksumFailed"));

            // Over the whole run: one forced checksum failure, no crossed book, nothing unreadable, no other errors.
            assertEquals(1, lines(0, harness.messages().size(), "event CHECKSUM_FAILURE ").size());
            assertEquals(1, lines(0, harness.messages().size(), (m) -> m.contains(" checksumFailed ")).size());
            assertEquals(List.of(), lines(0, harness.messages().size(), "event CROSSED_BOOK "));
            assertEquals(3, harness.collector().agent().decodeErrors(), "decode errors: only the malformed frames");
            assertEquals(0, harness.rejected(), "messages the subscriber could not read");
            assertEquals(List.of(), exchange.failures(), "local exchange failures");
        }
    }

    private void awaitData(final int from, final int instrumentId)
    {
        awaitLine(from, "trade of " + instrumentId, (m) -> m.startsWith("trade " + instrumentId + " "));
        awaitLine(from, "book update of " + instrumentId,
            (m) -> m.startsWith("update " + instrumentId + " ") && !m.contains("checksumFailed"));
        awaitLine(from, "ticker of " + instrumentId, (m) -> m.startsWith("top " + instrumentId + " "));
    }

    /**
     * Poll the subscriber until a message at or after {@code from} matches; its index. Unlike
     * {@link CollectorHarness#await}, which looks from the first message, this waits for something new.
     */
    private int awaitLine(final int from, final String description, final Predicate<String> predicate)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        int index = from;
        while (true)
        {
            final List<String> messages = harness.messages();
            for (final int size = messages.size(); index < size; index++)
            {
                if (predicate.test(messages.get(index)))
                {
                    return index;
                }
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("timed out after " + STEP_TIMEOUT_MS + " ms waiting for " + description + "; last messages: " +
                    messages.subList(Math.max(from, messages.size() - 20), messages.size()));
            }
            idle();
        }
    }

    private void awaitCondition(final String description, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                fail("timed out after " + STEP_TIMEOUT_MS + " ms waiting for " + description);
            }
            idle();
        }
    }

    private void idle()
    {
        // Keep draining the stream while waiting, so that the collector is never back-pressured.
        if (0 == harness.poll())
        {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private List<String> lines(final int from, final int to, final Predicate<String> predicate)
    {
        // A copy first: a sub-list view of the copy-on-write list fails when a message arrives meanwhile.
        return List.copyOf(harness.messages()).subList(from, to).stream().filter(predicate).toList();
    }

    private List<String> lines(final int from, final int to, final String prefix)
    {
        return lines(from, to, (m) -> m.startsWith(prefix));
    }

    private static List<String> subscribes(final LocalKrakenExchange exchange)
    {
        // The requests made on connecting, not the single-pair book resubscriptions of a resync.
        final String allPairs = "\"symbol\":[\"" + BTC + "\",\"" + ETH + "\",\"" + UNLISTED + "\"]";
        return exchange.received().stream()
            .filter((m) -> m.startsWith("{\"method\":\"subscribe\"") && m.contains(allPairs)).toList();
    }

    private static List<String> bookRequests(final LocalKrakenExchange exchange, final int from)
    {
        // A copy: the server thread appends while we look (a sub-list view of it would fail).
        final List<String> received = List.copyOf(exchange.received());
        return received.subList(from, received.size()).stream()
            .filter((m) -> m.contains("\"channel\":\"book\"") && !m.contains(UNLISTED)).toList();
    }

    private static void assertSubscribeRequests(final List<String> requests)
    {
        final List<String> channels = List.of("trade", "book", "ticker");
        for (int i = 0; i < requests.size(); i++)
        {
            final Map<String, Object> request = DecodedLines.parseObject(requests.get(i));
            assertEquals("subscribe", request.get("method"), requests.get(i));
            final Map<?, ?> params = (Map<?, ?>)request.get("params");
            assertEquals(channels.get(i), params.get("channel"), requests.get(i));
            assertEquals(List.of(BTC, ETH, UNLISTED), params.get("symbol"), requests.get(i));
            switch (channels.get(i))
            {
                case "book" -> assertEquals(10L, params.get("depth"), requests.get(i));
                case "ticker" -> assertEquals("bbo", params.get("event_trigger"), requests.get(i));
                default -> assertEquals(null, params.get("snapshot"), "no past trades: " + requests.get(i));
            }
        }
    }

    private static int catalogueId(final String symbol)
    {
        return new InstrumentRegistry().byCanonical(Exchange.KRAKEN, symbol).id();
    }
}
