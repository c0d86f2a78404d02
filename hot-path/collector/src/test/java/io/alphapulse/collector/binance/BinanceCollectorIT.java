/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.collector.Collector;
import io.alphapulse.collector.CollectorHarness;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance collector live: real media driver, the collector's WebSocket and REST clients, against a local
 * exchange ({@link LocalBinanceExchange}) serving the combined stream and {@code /api/v3/depth} snapshots from one
 * synthetic book per symbol. Covers data and REST synchronisation, a depth gap on one symbol, dropped connections
 * and {@code serverShutdown} (reconnect and resynchronise), error responses, malformed frames, a failed snapshot
 * request, and a silent symbol (watchdog).
 */
final class BinanceCollectorIT
{
    private static final int BTC = 40_000;
    private static final int ETH = 40_001;
    private static final List<String> VENUE_SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final String REQUEST_TARGET = "/stream?streams=btcusdt@trade/btcusdt@depth@100ms/" +
        "btcusdt@bookTicker/ethusdt@trade/ethusdt@depth@100ms/ethusdt@bookTicker";
    private static final long AWAIT_MS = 10_000;
    private static final String IPC_CHANNEL = "aeron:ipc?mtu=8192";

    /**
     * Short enough for a quick test, long enough that a busy shared machine does not starve the symbol that keeps
     * flowing into a false alarm (1.5 s did, once in ~40 runs at load average 8 on 2 cores).
     */
    private static final long STALE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(2_000);

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void streamsSynchronisesBooksAndRecoversFromGapsDropsAndServerShutdown() throws Exception
    {
        try (LocalBinanceExchange exchange = new LocalBinanceExchange(VENUE_SYMBOLS, 1).start();
            CollectorHarness harness = new CollectorHarness(tempDir, context(exchange, TimeUnit.SECONDS.toNanos(30)));
            FeedEvents feedEvents = new FeedEvents(harness))
        {
            final Await await = new Await(harness, exchange, feedEvents);

            // (a) connect with the streams in the URL, synchronise each book from its REST snapshot, then data.
            await.from(0, "connected", (m) -> m.startsWith("event CONNECTED -"));
            assertEquals(List.of(REQUEST_TARGET), exchange.requestTargets());
            for (final int id : new int[]{ BTC, ETH })
            {
                final int snapshot = await.from(0, "snapshot " + id, (m) -> m.startsWith("snapshot " + id + " "));
                await.from(snapshot, "RESYNC_DONE " + id + " after its snapshot",
                    (m) -> m.startsWith("event RESYNC_DONE " + id + " "));
                awaitData(await, 0, id);
            }
            // At least one snapshot each, not exactly one: WebSocketFrameSource may hand the decoder a new
            // connection's first frames before its CONNECTED, whose book reset then makes the decoder ask again.
            assertTrue(exchange.snapshotRequests("BTCUSDT") >= 1 && exchange.snapshotRequests("ETHUSDT") >= 1,
                exchange.restRequests().toString());
            assertTrue(exchange.restRequests().stream().allMatch(
                (r) -> r.matches("symbol=(BTC|ETH)USDT&limit=1000 -> (200|held)")), exchange.restRequests().toString());
            exchange.pingAll();
            await.until("pong for the server's ping", () -> exchange.pongs() >= 1);
            await.until("every snapshot answered", () -> exchange.restRequests().stream().noneMatch((r) ->
                r.endsWith("held")));
            assertEquals(1, count(harness, 0, "event RESYNC_DONE " + BTC + " "));
            assertEquals(1, count(harness, 0, "event RESYNC_DONE " + ETH + " "));
            assertEquals(List.of(), exchange.clientMessages(), "streams are in the URL: nothing to send");

            // (c) a depth gap on ETH only: GAP and RESYNC_STARTED for ETH, one REST request for ETH, RESYNC_DONE; BTC
            // publishes meanwhile (the ETH snapshot is held until it has).
            final int mark = harness.messages().size();
            final long btcRequests = exchange.snapshotRequests("BTCUSDT");
            final long ethRequests = exchange.snapshotRequests("ETHUSDT");
            exchange.holdSnapshots("ETHUSDT");
            exchange.dropDepthEvents("ETHUSDT", 3);
            final int gap = await.from(mark, "GAP on ETH", (m) -> m.startsWith("event GAP " + ETH + " "));
            await.from(gap, "RESYNC_STARTED on ETH", (m) -> m.startsWith("event RESYNC_STARTED " + ETH + " "));
            await.until("the ETH snapshot request reaches the REST server", () ->
                exchange.snapshotRequests("ETHUSDT") == ethRequests + 1);
            await.from(gap, "BTC book updates while ETH resyncs", (m) -> m.startsWith("update " + BTC + " "));
            exchange.releaseSnapshots("ETHUSDT");
            final int resynced = await.from(gap, "RESYNC_DONE on ETH",
                (m) -> m.startsWith("event RESYNC_DONE " + ETH + " "));
            assertEquals(0, count(harness, gap, resynced, "update " + ETH + " "), "ETH waits for its snapshot");
            assertEquals(ethRequests + 1, exchange.snapshotRequests("ETHUSDT"), exchange.restRequests().toString());
            assertEquals(btcRequests, exchange.snapshotRequests("BTCUSDT"), "none for BTC: " + exchange.restRequests());
            assertEquals(0, count(harness, mark, "event GAP " + BTC + " "));
            assertEquals(0, count(harness, mark, "event RESYNC_STARTED " + BTC + " "));

            final long[] lost = exchange.gap("ETHUSDT");
            assertNotNull(lost);
            final long gapSequence = sequence(harness.messages().get(gap));
            await.until("GAP details", () -> null != feedEvents.gap(gapSequence));
            final long[] reported = feedEvents.gap(gapSequence);
            assertEquals(ETH, reported[0]);
            assertEquals(lost[0], reported[1], "expected: U of the first lost event");
            assertEquals(lost[1], reported[2], "received: U of the first event after the loss");
            await.from(resynced, "ETH updates again", (m) -> m.startsWith("update " + ETH + " "));

            // (b) a dropped connection: DISCONNECTED, a second connection, both books from new snapshots, data again.
            long[] requests = { exchange.snapshotRequests("BTCUSDT"), exchange.snapshotRequests("ETHUSDT") };
            final int beforeDrop = harness.messages().size();
            exchange.dropConnections();
            final int dropped = await.from(beforeDrop, "disconnect reported",
                (m) -> m.startsWith("event DISCONNECTED -"));
            await.from(dropped, "reconnected", (m) -> m.startsWith("event CONNECTED -"));
            assertEquals(2, exchange.connections());
            awaitResynchronised(await, harness, exchange, dropped, requests);
            assertEquals(List.of(REQUEST_TARGET, REQUEST_TARGET), exchange.requestTargets());

            // (f) serverShutdown: the collector reconnects by itself and resynchronises.
            final int beforeShutdown = harness.messages().size();
            requests = new long[]{ exchange.snapshotRequests("BTCUSDT"), exchange.snapshotRequests("ETHUSDT") };
            exchange.inject("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":" +
                System.currentTimeMillis() + "}}");
            final int shutdown = await.from(beforeShutdown, "disconnect on serverShutdown",
                (m) -> m.startsWith("event DISCONNECTED -"));
            assertTrue(harness.messages().get(shutdown).contains("serverShutdown"), harness.messages().get(shutdown));
            await.from(shutdown, "reconnected", (m) -> m.startsWith("event CONNECTED -"));
            assertEquals(3, exchange.connections());
            awaitResynchronised(await, harness, exchange, shutdown, requests);

            assertEquals(0, count(harness, 0, "event CROSSED_BOOK"));
            assertEquals(0, count(harness, 0, "event STALE_CHANNEL"));
            assertEquals(0, harness.collector().agent().decodeErrors());
            assertEquals(0, harness.rejected());
            assertEquals(List.of(), exchange.pumpErrors());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void survivesErrorResponsesMalformedFramesAndAFailedSnapshotRequest() throws Exception
    {
        try (LocalBinanceExchange exchange = new LocalBinanceExchange(VENUE_SYMBOLS, 2).start();
            CollectorHarness harness = new CollectorHarness(tempDir, context(exchange, TimeUnit.SECONDS.toNanos(30))))
        {
            final Await await = new Await(harness, exchange, null);
            await.from(0, "BTC synchronised", (m) -> m.startsWith("event RESYNC_DONE " + BTC + " "));
            await.from(0, "ETH synchronised", (m) -> m.startsWith("event RESYNC_DONE " + ETH + " "));
            await.until("every snapshot answered", () -> exchange.restRequests().stream().noneMatch((r) ->
                r.endsWith("held")));

            // (g) a BTC gap whose snapshot request fails with HTTP 500: retried, and the book still synchronises.
            final int requestsBefore = exchange.restRequests().size();
            exchange.failNextSnapshots("BTCUSDT", 1);
            exchange.dropDepthEvents("BTCUSDT", 2);
            final int gap = await.from(0, "BTC gap", (m) -> m.startsWith("event GAP " + BTC + " "));
            final int btcDone = await.from(gap, "BTC synchronised after a failed snapshot request",
                (m) -> m.startsWith("event RESYNC_DONE " + BTC + " "));
            assertEquals(List.of("symbol=BTCUSDT&limit=1000 -> 500", "symbol=BTCUSDT&limit=1000 -> 200"),
                exchange.restRequests().subList(requestsBefore, exchange.restRequests().size()));
            awaitData(await, btcDone, BTC);

            // (d) an error response: SUBSCRIPTION_REJECTED, and the collector carries on.
            final int beforeError = harness.messages().size();
            exchange.inject("{\"code\":2,\"msg\":\"Invalid request: property name must be a string\"}");
            final int rejected = await.from(beforeError, "SUBSCRIPTION_REJECTED", (m) ->
                m.startsWith("event SUBSCRIPTION_REJECTED -") &&
                m.endsWith("Invalid request: property name must be a string"));
            awaitData(await, rejected, BTC);
            awaitData(await, rejected, ETH);

            // (g) malformed frames: each one counted, nothing of them published, the collector carries on.
            final long errorsBefore = harness.collector().agent().decodeErrors();
            final int mark = harness.messages().size();
            final List<String> malformed = List.of(
                "{not json",
                "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":1," +
                    "\"p\":\"65000.00.1\",\"q\":\"1\",\"T\":1,\"m\":true,\"M\":true}}",
                "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":2," +
                    "\"p\":\"12.34\",\"q\":\"-1\",\"T\":1,\"m\":true,\"M\":true}}",
                "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1,\"s\":\"BTCUSDT\",\"t\":3," +
                    "\"p\":\"12.345\",\"q\":\"1\",\"T\":1,\"m\":false,\"M\":true}}",
                "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\"," +
                    "\"U\":9,\"u\":5,\"b\":[[\"12.00\",\"1\"]],\"a\":[]}}",
                "{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"abc\",\"B\":\"1\"," +
                    "\"a\":\"13.00\",\"A\":\"1\"}}",
                "{\"stream\":\"btcusdt@foo\",\"data\":{\"e\":\"foo\",\"E\":1,\"s\":\"BTCUSDT\"}}");
            for (final String frame : malformed)
            {
                exchange.inject(frame);
            }
            await.until("every malformed frame counted",
                () -> harness.collector().agent().decodeErrors() - errorsBefore >= malformed.size());
            final int after = harness.messages().size();
            awaitData(await, after, BTC);
            awaitData(await, after, ETH);
            assertEquals(malformed.size(), harness.collector().agent().decodeErrors() - errorsBefore);
            for (final String message : harness.messages().subList(mark, harness.messages().size()))
            {
                if (message.startsWith("trade " + BTC + " ") || message.startsWith("top " + BTC + " "))
                {
                    final long price = Long.parseLong(message.split(" ")[2].split("[x/]")[0]);
                    assertTrue(price > 5_000_000, "only BTC prices near 65000 published: " + message);
                }
            }
            assertEquals(0, count(harness, mark, "event GAP"), "a malformed depth event is not applied");
            assertEquals(0, count(harness, mark, "event RESYNC_"));
            assertEquals(0, count(harness, 0, "event CROSSED_BOOK"));
            assertEquals(1, exchange.connections(), "errors and malformed frames do not cost the connection");
            assertEquals(0, harness.rejected());
            assertEquals(List.of(), exchange.pumpErrors());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void silentSymbolIsReportedStaleWhileTheOtherFlows() throws Exception
    {
        try (LocalBinanceExchange exchange = new LocalBinanceExchange(VENUE_SYMBOLS, 3).start();
            CollectorHarness harness = new CollectorHarness(tempDir, context(exchange, STALE_TIMEOUT_NS)))
        {
            final Await await = new Await(harness, exchange, null);
            await.from(0, "BTC synchronised", (m) -> m.startsWith("event RESYNC_DONE " + BTC + " "));
            await.from(0, "ETH synchronised", (m) -> m.startsWith("event RESYNC_DONE " + ETH + " "));

            // (e) ETH goes silent on an open connection: the watchdog reports it and asks for a snapshot.
            await.until("every snapshot answered", () -> exchange.restRequests().stream().noneMatch((r) ->
                r.endsWith("held")));
            final long ethRequests = exchange.snapshotRequests("ETHUSDT");
            int mark = harness.messages().size();
            exchange.mute("ETHUSDT", true);
            final int stale = await.from(mark, "ETH stale", (m) -> m.startsWith("event STALE_CHANNEL " + ETH + " "));
            assertTrue(harness.messages().get(stale).endsWith("no data for 2000 ms while connected; resubscribing"),
                harness.messages().get(stale));
            await.from(stale, "BTC still flowing", (m) -> m.startsWith("update " + BTC + " "));
            await.until("the watchdog asks for an ETH snapshot",
                () -> exchange.snapshotRequests("ETHUSDT") > ethRequests);
            assertEquals(0, count(harness, 0, "event STALE_CHANNEL " + BTC + " "));
            assertEquals(1, exchange.connections(), "a silent symbol is not a dead connection");

            // ETH back: its book missed events meanwhile, so it resynchronises and flows again.
            mark = harness.messages().size();
            exchange.mute("ETHUSDT", false);
            final int gap = await.from(mark, "ETH gap after the silence",
                (m) -> m.startsWith("event GAP " + ETH + " "));
            final int done = await.from(gap, "ETH resynchronised",
                (m) -> m.startsWith("event RESYNC_DONE " + ETH + " "));
            awaitData(await, done, ETH);
            assertEquals(0, harness.collector().agent().decodeErrors());
            assertEquals(0, harness.rejected());
            assertEquals(List.of(), exchange.pumpErrors());
        }
    }

    private static Collector.Context context(final LocalBinanceExchange exchange, final long staleTimeoutNs)
    {
        // A book snapshot of ~200 levels is ~3.5 KB: larger than the default IPC MTU (1408), so it is published in
        // fragments, and CollectorHarness polls without a FragmentAssembler (it would count every fragment as
        // rejected). A larger MTU keeps each message (at most 256 levels, ~4.4 KB) in one fragment.
        return new Collector.Context()
            .channel(IPC_CHANNEL)
            .protocol(new BinanceProtocol())
            .symbols(List.of("BTC-USDT", "ETH-USDT"))
            .endpoint(exchange.streamUri())
            .restEndpoint(exchange.restUri())
            .staleTimeoutNs(staleTimeoutNs)
            .idleTimeoutNs(TimeUnit.SECONDS.toNanos(20))
            .reconnectDelays(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200));
    }

    /**
     * After a disconnect: each book synchronised once more from at least one new REST snapshot, then data for both.
     */
    private static void awaitResynchronised(
        final Await await,
        final CollectorHarness harness,
        final LocalBinanceExchange exchange,
        final int disconnected,
        final long[] requestsBefore)
    {
        for (final int id : new int[]{ BTC, ETH })
        {
            final int snapshot = await.from(disconnected, "snapshot " + id + " after reconnecting",
                (m) -> m.startsWith("snapshot " + id + " "));
            final int done = await.from(snapshot, "RESYNC_DONE " + id + " after reconnecting",
                (m) -> m.startsWith("event RESYNC_DONE " + id + " "));
            awaitData(await, done, id);
        }
        assertTrue(exchange.snapshotRequests("BTCUSDT") > requestsBefore[0], exchange.restRequests().toString());
        assertTrue(exchange.snapshotRequests("ETHUSDT") > requestsBefore[1], exchange.restRequests().toString());
        assertEquals(1, count(harness, disconnected, "event RESYNC_DONE " + BTC + " "));
        assertEquals(1, count(harness, disconnected, "event RESYNC_DONE " + ETH + " "));
    }

    /**
     * A trade, a top of book and a book update of one instrument, each after a message index.
     */
    private static void awaitData(final Await await, final int from, final int id)
    {
        await.from(from, "trade " + id, (m) -> m.startsWith("trade " + id + " "));
        await.from(from, "top of book " + id, (m) -> m.startsWith("top " + id + " "));
        await.from(from, "book update " + id, (m) -> m.startsWith("update " + id + " "));
    }

    private static long count(final CollectorHarness harness, final int from, final String prefix)
    {
        return count(harness, from, harness.messages().size(), prefix);
    }

    private static long count(final CollectorHarness harness, final int from, final int to, final String prefix)
    {
        return harness.messages().subList(from, to).stream().filter((m) -> m.startsWith(prefix)).count();
    }

    private static long sequence(final String message)
    {
        final int start = message.indexOf(" seq=") + 5;
        return Long.parseLong(message.substring(start, message.indexOf(' ', start)));
    }

    /**
     * Bounded waits on the harness's message lines from a given index (so that each step sees only what came after
     * it), and on conditions; polling the subscribers while waiting.
     */
    private static final class Await
    {
        private final CollectorHarness harness;
        private final LocalBinanceExchange exchange;
        private final FeedEvents feedEvents;

        Await(final CollectorHarness harness, final LocalBinanceExchange exchange, final FeedEvents feedEvents)
        {
            this.harness = harness;
            this.exchange = exchange;
            this.feedEvents = feedEvents;
        }

        int from(final int from, final String description, final Predicate<String> predicate)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
            final List<String> messages = harness.messages();
            int checked = from;
            while (true)
            {
                while (checked < messages.size())
                {
                    if (predicate.test(messages.get(checked)))
                    {
                        return checked;
                    }
                    checked++;
                }
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new AssertionError("timed out after " + AWAIT_MS + " ms waiting for " + description +
                        "; last messages: " + messages.subList(Math.max(from, messages.size() - 20), messages.size()) +
                        diagnostics());
                }
                idle();
            }
        }

        void until(final String description, final BooleanSupplier condition)
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MS);
            while (!condition.getAsBoolean())
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new AssertionError("timed out after " + AWAIT_MS + " ms waiting for " + description +
                        diagnostics());
                }
                idle();
            }
        }

        /**
         * What the local exchange saw, and where the threads that move frames stand, for a failure message.
         */
        private String diagnostics()
        {
            final StringBuilder text = new StringBuilder(1024)
                .append("; decode errors ").append(harness.collector().agent().decodeErrors())
                .append("; exchange: ").append(null == exchange ? "-" : exchange.describe());
            Thread.getAllStackTraces().forEach((thread, stack) ->
            {
                final String name = thread.getName();
                if (name.startsWith("WebSocket") || name.startsWith("local-binance") || name.startsWith("HttpClient") ||
                    name.startsWith("collector"))
                {
                    text.append(System.lineSeparator()).append(name).append(' ').append(thread.getState());
                    for (int i = 0; i < Math.min(stack.length, 12); i++)
                    {
                        text.append(System.lineSeparator()).append("    at ").append(stack[i]);
                    }
                }
            });
            return text.toString();
        }

        private void idle()
        {
            int work = harness.poll();
            if (null != feedEvents)
            {
                work += feedEvents.poll();
            }
            if (0 == work)
            {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    /**
     * A second subscriber on the collector's stream keeping what the harness's lines leave out of feed events: the
     * expected and received sequences of gaps, by stream sequence.
     */
    private static final class FeedEvents implements AutoCloseable
    {
        private final Aeron aeron;
        private final Subscription subscription;
        private final Map<Long, long[]> gaps = new ConcurrentHashMap<>();
        private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onFeedEvent(final FeedEventDecoder event)
            {
                if (FeedEventType.GAP == event.eventType())
                {
                    gaps.put(event.sequence(),
                        new long[]{ event.instrumentId(), event.expectedSequence(), event.receivedSequence() });
                }
            }
        });

        FeedEvents(final CollectorHarness harness)
        {
            final Collector.Context ctx = harness.collector().context();
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName()));
            subscription = aeron.addSubscription(ctx.channel(), ctx.streamId());
        }

        int poll()
        {
            return subscription.poll((buffer, offset, length, header) -> reader.read(buffer, offset, length), 100);
        }

        /**
         * A gap event by its stream sequence.
         *
         * @return {instrumentId, expected, received}, or null.
         */
        long[] gap(final long sequence)
        {
            return gaps.get(sequence);
        }

        public void close()
        {
            CloseHelper.closeAll(subscription, aeron);
        }
    }
}
