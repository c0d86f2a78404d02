/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.DecodedJsonWriter;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder on crafted frames: book synchronisation, gaps and resyncs per symbol, control and error frames,
 * malformed input, crossed books, and allocation in the steady state.
 */
@Timeout(30)
final class BinanceDecoderTest
{
    private static final String BTC_SNAPSHOT_100 =
        "{\"lastUpdateId\":100,\"bids\":[[\"99.00\",\"5.0\"],[\"98.50\",\"1\"]],\"asks\":[[\"101.00\",\"2\"]]}";
    private static final String ETH_SNAPSHOT_499 =
        "{\"lastUpdateId\":499,\"bids\":[[\"2000.10\",\"3\"]],\"asks\":[[\"2000.20\",\"4\"]]}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DecodedJsonWriter writer = new DecodedJsonWriter(out, false);
    private final RecordingSession session = new RecordingSession();
    private final MarketDataProxy proxy = new MarketDataProxy(writer, () -> 1L, Exchange.BINANCE);
    private final BinanceDecoder decoder =
        (BinanceDecoder)new BinanceProtocol().newDecoder(proxy, new InstrumentRegistry(), writer, session);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
    private int linesRead;
    private long lineNumber;

    @Test
    void gapOnOneSymbolResyncsOnlyThatSymbolWhileTheOtherKeepsPublishing()
    {
        assertEquals(List.of(), frame(depth("BTCUSDT", 100, 101, "[[\"99.50\",\"1\"]]", "[]")));
        assertEquals(List.of(), frame(depth("ETHUSDT", 500, 500, "[]", "[[\"2000.30\",\"1\"]]")));
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), session.resyncs, "first sight asks for the initial snapshots");

        List<String> lines = snapshot("BTCUSDT", BTC_SNAPSHOT_100);
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals(100, DecodedLine.number(lines.get(0), "sequence"));
        assertEquals("[[99, 5], [98.5, 1]] [[101, 2]]", levels(lines.get(0)));
        assertEquals("RESYNC_DONE", DecodedLine.string(lines.get(1), "event"));
        assertEquals("synchronised", DecodedLine.string(lines.get(1), "detail"));
        assertEquals(100, DecodedLine.number(lines.get(2), "firstSequence"));
        assertEquals(101, DecodedLine.number(lines.get(2), "sequence"));
        assertEquals("2023-11-14T22:13:20.123Z", DecodedLine.string(lines.get(2), "exchangeTime"));
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(snapshot("ETHUSDT", ETH_SNAPSHOT_499)));
        assertEquals(2, decoder.syncedBookCount());
        session.resyncs.clear();

        assertEquals(List.of("book_update"), types(frame(depth("BTCUSDT", 102, 103, "[]", "[[\"101.00\",\"0\"]]"))));
        lines = frame(depth("BTCUSDT", 110, 111, "[[\"99.00\",\"7\"]]", "[]"));
        assertEquals(List.of("feed_event", "feed_event"), types(lines));
        assertEquals("GAP", DecodedLine.string(lines.get(0), "event"));
        assertEquals("BTC-USDT", DecodedLine.string(lines.get(0), "symbol"));
        assertEquals(104, DecodedLine.number(lines.get(0), "expected"));
        assertEquals(110, DecodedLine.number(lines.get(0), "received"));
        assertEquals("RESYNC_STARTED", DecodedLine.string(lines.get(1), "event"));
        assertEquals(List.of("BTCUSDT"), session.resyncs, "one resync, for the gapped symbol only");
        assertEquals(1, decoder.syncedBookCount());
        assertEquals(1, decoder.gapCount());

        lines = frame(depth("ETHUSDT", 501, 502, "[[\"2000.00\",\"1\"]]", "[]"));
        assertEquals(List.of("book_update"), types(lines), "the other symbol keeps publishing");
        assertEquals("ETHUSDT", DecodedLine.string(lines.get(0), "venueSymbol"));
        assertEquals(List.of(), frame(depth("BTCUSDT", 112, 112, "[[\"98.50\",\"0\"]]", "[]")), "buffered");
        assertEquals(List.of("BTCUSDT"), session.resyncs, "no second request while one is outstanding");

        lines = snapshot("BTCUSDT",
            "{\"lastUpdateId\":111,\"bids\":[[\"99.00\",\"7\"],[\"98.50\",\"1\"]],\"asks\":[[\"101.50\",\"2\"]]}");
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals(111, DecodedLine.number(lines.get(0), "sequence"));
        assertEquals("RESYNC_DONE", DecodedLine.string(lines.get(1), "event"));
        assertEquals(112, DecodedLine.number(lines.get(2), "firstSequence"));
        assertEquals(2, decoder.syncedBookCount());
        assertEquals(1, decoder.staleEventCount(), "110..111 was covered by the new snapshot");
        assertEquals(List.of("BTCUSDT"), session.resyncs);

        assertEquals(List.of("book_update"), types(frame(depth("BTCUSDT", 113, 113, "[]", "[]"))));
        assertEquals(List.of("book_update"), types(frame(depth("ETHUSDT", 503, 503, "[]", "[]"))));
        assertEquals(List.of(), frame(depth("ETHUSDT", 503, 503, "[]", "[]")), "a repeated event is stale");
    }

    @Test
    void snapshotsWithoutSymbolAreMatchedByUpdateIds()
    {
        assertEquals(List.of(), snapshot(null, "{\"lastUpdateId\":200,\"bids\":[[\"99.00\",\"1\"]],\"asks\":[]}"));
        assertEquals(List.of(), snapshot(null, "{\"lastUpdateId\":700,\"bids\":[],\"asks\":[[\"2001.00\",\"1\"]]}"));
        assertEquals(2, decoder.pendingSnapshotCount());

        assertEquals(List.of(), frame(depth("ETHUSDT", 690, 695, "[]", "[]")), "201 and 701 are not in 690..695");
        List<String> lines = frame(depth("ETHUSDT", 696, 705, "[[\"2000.00\",\"2\"]]", "[]"));
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals("ETHUSDT", DecodedLine.string(lines.get(0), "venueSymbol"));
        assertEquals(700, DecodedLine.number(lines.get(0), "sequence"));
        assertEquals(1, decoder.pendingSnapshotCount());

        lines = frame(depth("BTCUSDT", 201, 201, "[]", "[[\"100.00\",\"1\"]]"));
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals("BTCUSDT", DecodedLine.string(lines.get(0), "venueSymbol"));
        assertEquals(200, DecodedLine.number(lines.get(0), "sequence"));
        assertEquals(0, decoder.pendingSnapshotCount());

        // A snapshot without symbol arriving after the events it continues.
        assertEquals(List.of(), frame(depth("DOGEUSDT", 10, 12, "[[\"0.10000\",\"1\"]]", "[]")));
        assertEquals(List.of(), frame(depth("DOGEUSDT", 13, 15, "[[\"0.10001\",\"1\"]]", "[]")));
        lines = snapshot(null, "{\"lastUpdateId\":13,\"bids\":[[\"0.09999\",\"1\"]],\"asks\":[[\"0.10002\",\"1\"]]}");
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals("DOGE-USDT", DecodedLine.string(lines.get(0), "symbol"));
        assertEquals(13, DecodedLine.number(lines.get(2), "firstSequence"));

        // A snapshot naming its symbol is matched directly.
        assertEquals(List.of(), frame(depth("SOLUSDT", 40, 41, "[]", "[]")));
        lines = snapshot(null, "{\"symbol\":\"SOLUSDT\",\"lastUpdateId\":40,\"bids\":[[\"150.00\",\"1\"]],\"asks\":[]}");
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals("SOL-USDT", DecodedLine.string(lines.get(0), "symbol"));
        assertEquals(4, decoder.syncedBookCount());
    }

    @Test
    void snapshotWithoutSymbolAheadOfTheBufferedEventsWaitsForTheEventThatContinuesIt()
    {
        assertEquals(List.of(), frame(depth("XRPUSDT", 10, 12, "[]", "[]")));
        assertEquals(List.of(), snapshot(null, "{\"lastUpdateId\":20,\"bids\":[[\"0.5\",\"1\"]],\"asks\":[]}"));
        assertEquals(1, decoder.pendingSnapshotCount(), "not guessed from U <= 21 alone");
        assertEquals(List.of(), frame(depth("XRPUSDT", 13, 19, "[]", "[]")));
        final List<String> lines = frame(depth("XRPUSDT", 20, 25, "[[\"0.49\",\"2\"]]", "[]"));
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals("XRP-USDT", DecodedLine.string(lines.get(0), "symbol"));
        assertEquals(20, DecodedLine.number(lines.get(0), "sequence"));
        assertEquals(20, DecodedLine.number(lines.get(2), "firstSequence"));
        assertEquals(2, decoder.staleEventCount(), "10..12 and 13..19 are older than the snapshot");
        assertEquals(0, decoder.pendingSnapshotCount());
    }

    @Test
    void snapshotOlderThanTheBufferedEventsIsReplaced()
    {
        frame(depth("BTCUSDT", 300, 305, "[]", "[]"));
        assertEquals(List.of("BTCUSDT"), session.resyncs);
        assertEquals(List.of(), snapshot("BTCUSDT", "{\"lastUpdateId\":250,\"bids\":[],\"asks\":[]}"));
        assertEquals(1, decoder.staleSnapshotCount());
        assertEquals(List.of("BTCUSDT", "BTCUSDT"), session.resyncs, "asks for a newer snapshot");

        final List<String> lines = snapshot("BTCUSDT", "{\"lastUpdateId\":302,\"bids\":[],\"asks\":[]}");
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(lines));
        assertEquals(1, decoder.syncedBookCount());
        assertEquals(List.of("control"), types(snapshot("BTCUSDT", "{\"lastUpdateId\":310,\"bids\":[],\"asks\":[]}")),
            "a snapshot for a book in sync is not needed");
    }

    @Test
    void errorResponsesAreSubscriptionRejections()
    {
        List<String> lines = frame("{\"code\": 2, \"msg\": \"Invalid request: unknown stream\", \"id\": 4}");
        assertEquals(List.of("feed_event"), types(lines));
        assertEquals("SUBSCRIPTION_REJECTED", DecodedLine.string(lines.get(0), "event"));
        assertEquals("Invalid request: unknown stream", DecodedLine.string(lines.get(0), "detail"));
        assertEquals("null", DecodedLine.scalar(lines.get(0), "symbol"));

        lines = frame("{\"id\":9,\"status\":400,\"error\":{\"code\":-1121,\"msg\":\"Invalid symbol.\"}}");
        assertEquals(List.of("feed_event"), types(lines), "the nested form of the WebSocket API");
        assertEquals("Invalid symbol.", DecodedLine.string(lines.get(0), "detail"));
        lines = frame("{\"code\":3}");
        assertEquals("error code 3", DecodedLine.string(lines.get(0), "detail"));

        assertEquals(List.of("control"), types(frame("{\"result\":null,\"id\":1}")));
        assertEquals(List.of(), session.reconnects);
    }

    @Test
    void serverShutdownAsksForANewConnection()
    {
        List<String> lines = frame("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1770123456789}}");
        assertEquals(List.of("control"), types(lines));
        assertEquals("serverShutdown", DecodedLine.string(lines.get(0), "what"));
        assertEquals(List.of("serverShutdown"), session.reconnects);

        lines = frame("{\"e\":\"serverShutdown\",\"E\":1770123456789}");
        assertEquals(List.of("control"), types(lines));
        assertEquals(List.of("serverShutdown", "serverShutdown"), session.reconnects);
        assertEquals(List.of(), session.resyncs);
    }

    @Test
    void malformedFramesAreErrorsNamingTheProblemAndPublishNothing()
    {
        final String[][] cases =
        {
            { "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\"", "unexpected end" },
            { "[1,2]", "not a JSON object" },
            { "", "no JSON value" },
            { "{}", "neither a stream event nor a response nor an error" },
            { "{\"e\":\"trade\",\"s\":\"BTCUSDT\"} x", "after the end" },
            { trade("\"t\":1,\"q\":\"1\",\"T\":1,\"m\":true"), "missing field 'p'" },
            { trade("\"t\":1,\"p\":\"0.-10000\",\"q\":\"1\",\"T\":1,\"m\":true"), "'0.-10000'" },
            { trade("\"t\":1,\"p\":\"100.001\",\"q\":\"1\",\"T\":1,\"m\":true"), "'100.001'" },
            { trade("\"t\":1,\"p\":\"-100\",\"q\":\"1\",\"T\":1,\"m\":true"), "'p' is negative" },
            { trade("\"t\":1,\"p\":\"100\",\"q\":\"0\",\"T\":1,\"m\":true"), "'q' is zero" },
            { trade("\"t\":1,\"p\":\"100\",\"q\":\"1\",\"T\":1,\"m\":\"yes\""), "'m' is not a boolean" },
            { trade("\"t\":12345678901234567890,\"p\":\"100\",\"q\":\"1\",\"T\":1,\"m\":true"), "64-bit integer" },
            { trade("\"t\":1.5,\"p\":\"100\",\"q\":\"1\",\"T\":1,\"m\":true"), "'t' is not a non-negative" },
            { "{\"e\":\"trade\",\"s\":\"FOOBAR\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", "'FOOBAR'" },
            { "{\"e\":\"trade\",\"s\":7,\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}", "'s' is not a string" },
            { "{\"e\":\"markPriceUpdate\",\"s\":\"BTCUSDT\"}", "unsupported event type 'markPriceUpdate'" },
            { depth("BTCUSDT", 9, 8, "[]", "[]"), "U=9 is after final update id u=8" },
            { depth("BTCUSDT", 1, 2, "[[\"1.00\"]]", "[]"), "'b' is not an array of [price, quantity]" },
            { depth("BTCUSDT", 1, 2, "[]", "[[\"1.00\",\"abc\"]]"), "'abc'" },
            { depth("BTCUSDT", 1, 2, "[]", "[[\"0\",\"1\"]]"), "price is not positive" },
            { depth("BTCUSDT", 1, 2, "{}", "[]"), "'b' is not an array" },
            { "{\"u\":-5,\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}", "'u' is not a non-negative" },
            { "{\"u\":5,\"s\":\"BTCUSDT\",\"b\":1.001,\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}", "'1.001'" },
        };
        for (final String[] c : cases)
        {
            final List<String> lines = frame(c[0]);
            assertEquals(List.of("error"), types(lines), c[0]);
            final String message = DecodedLine.string(lines.get(0), "message");
            assertTrue(message.startsWith("Binance "), message);
            assertTrue(message.contains(c[1]), "'" + message + "' should name " + c[1]);
        }
        assertEquals(List.of(), session.resyncs, "no malformed depth frame reached a book");

        final List<String> lines = frame(trade("\"t\":2,\"p\":\"100.10\",\"q\":\"1\",\"T\":1700000000000,\"m\":false"));
        assertEquals(List.of("trade"), types(lines), "decoding goes on");
        assertEquals("buy", DecodedLine.string(lines.get(0), "side"));
    }

    @Test
    void malformedDepthEventLeavesTheBookAloneAndShowsAsAGap()
    {
        frame(depth("BTCUSDT", 100, 101, "[]", "[]"));
        snapshot("BTCUSDT", BTC_SNAPSHOT_100);
        assertEquals(1, decoder.syncedBookCount());
        session.resyncs.clear();

        assertEquals(List.of("error"), types(frame(depth("BTCUSDT", 102, 102, "[[\"99.00\",\"0\"]]", "[[\"x\",\"1\"]]"))));
        final List<String> lines = frame(depth("BTCUSDT", 103, 103, "[]", "[]"));
        assertEquals(List.of("feed_event", "feed_event"), types(lines));
        assertEquals(102, DecodedLine.number(lines.get(0), "expected"));
        assertEquals(List.of("BTCUSDT"), session.resyncs);

        final List<String> resynced = snapshot("BTCUSDT", "{\"lastUpdateId\":102,\"bids\":[[\"99.00\",\"5\"]]," +
            "\"asks\":[[\"101.00\",\"2\"]]}");
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"), types(resynced));
    }

    @Test
    void malformedSnapshotIsAnErrorAndAskedForAgain()
    {
        frame(depth("BTCUSDT", 100, 101, "[]", "[]"));
        List<String> lines = snapshot("BTCUSDT", "{\"lastUpdateId\":100,\"bids\":[[\"x\",\"1\"]],\"asks\":[]}");
        assertEquals(List.of("error"), types(lines));
        final String message = DecodedLine.string(lines.get(0), "message");
        assertTrue(message.contains("'x'") && message.contains("requested for BTCUSDT"), message);
        assertEquals(List.of("error"), types(snapshot(null, "{\"bids\":[],\"asks\":[]}")));
        assertEquals(List.of("error"), types(snapshot(null, "{\"lastUpdateId\":5,\"bids\":[[\"1e\",\"1\"]],\"asks\":[]}")));
        assertEquals(0, decoder.pendingSnapshotCount());

        assertEquals(List.of("BTCUSDT"), session.resyncs);
        frame(depth("BTCUSDT", 102, 102, "[]", "[]"));
        assertEquals(List.of("BTCUSDT", "BTCUSDT"), session.resyncs, "the next event asks again");
        lines = snapshot("BTCUSDT", BTC_SNAPSHOT_100);
        assertEquals(List.of("book_snapshot", "feed_event", "book_update", "book_update"), types(lines));
    }

    @Test
    void crossedBookIsReportedOncePerEpisode()
    {
        frame(depth("BTCUSDT", 100, 100, "[]", "[]"));
        assertEquals(List.of(), snapshot("BTCUSDT", BTC_SNAPSHOT_100), "the only event is older than the snapshot");
        assertEquals(1, decoder.staleEventCount());

        List<String> lines = frame(depth("BTCUSDT", 101, 101, "[[\"101.50\",\"1\"]]", "[]"));
        assertEquals(List.of("book_snapshot", "feed_event", "book_update", "feed_event"), types(lines),
            "synchronised by this event, which crosses the book");
        assertEquals("RESYNC_DONE", DecodedLine.string(lines.get(1), "event"));
        assertEquals("CROSSED_BOOK", DecodedLine.string(lines.get(3), "event"));
        assertEquals("BTC-USDT", DecodedLine.string(lines.get(3), "symbol"));
        assertEquals(List.of("book_update"), types(frame(depth("BTCUSDT", 102, 102, "[[\"101.60\",\"1\"]]", "[]"))),
            "still the same episode");
        assertEquals(List.of("book_update"),
            types(frame(depth("BTCUSDT", 103, 103, "[[\"101.50\",\"0\"],[\"101.60\",\"0\"]]", "[]"))), "uncrossed");
        lines = frame(depth("BTCUSDT", 104, 104, "[]", "[[\"99.00\",\"1\"]]"));
        assertEquals(List.of("book_update", "feed_event"), types(lines), "bid 99 = ask 99: a new episode");
        assertEquals("CROSSED_BOOK", DecodedLine.string(lines.get(1), "event"));
    }

    @Test
    void frameSequenceIsTheTradeIdOrUpdateId()
    {
        frame(trade("\"t\":77,\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true"));
        assertEquals(77, decoder.frameSequence());
        frame("{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":88,\"p\":\"1\",\"q\":\"1\",\"f\":1,\"l\":2,\"T\":1," +
            "\"m\":false,\"M\":true}");
        assertEquals(88, decoder.frameSequence());
        frame("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":99,\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\"," +
            "\"a\":\"2\",\"A\":\"3\"}}");
        assertEquals(99, decoder.frameSequence());
        frame(depth("BTCUSDT", 5, 6, "[]", "[]"));
        assertEquals(6, decoder.frameSequence());
        frame("{\"result\":null,\"id\":1}");
        assertEquals(MarketDataProxy.NULL_SEQUENCE, decoder.frameSequence());
        frame("{]");
        assertEquals(MarketDataProxy.NULL_SEQUENCE, decoder.frameSequence());
    }

    @Test
    void reconnectRestartsEveryBook()
    {
        frame(depth("BTCUSDT", 100, 101, "[]", "[]"));
        snapshot("BTCUSDT", BTC_SNAPSHOT_100);
        assertEquals(1, decoder.syncedBookCount());

        decoder.onDisconnected(2L);
        assertEquals(0, decoder.syncedBookCount());
        decoder.onConnected(3L);
        session.resyncs.clear();
        assertEquals(List.of(), frame(depth("BTCUSDT", 150, 151, "[]", "[]")), "waits for a new snapshot");
        assertEquals(List.of("BTCUSDT"), session.resyncs);
        assertEquals(List.of("book_snapshot", "feed_event", "book_update"),
            types(snapshot("BTCUSDT", "{\"lastUpdateId\":150,\"bids\":[],\"asks\":[]}")));
    }

    @Test
    void steadyStateDecodingDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final CountingListener listener = new CountingListener();
        final BinanceDecoder quiet = (BinanceDecoder)new BinanceProtocol().newDecoder(
            new MarketDataProxy((buffer, offset, length) -> 1, () -> 1L, Exchange.BINANCE), new InstrumentRegistry(),
            listener, ExchangeSession.NONE);

        final int frameCount = 30_000;
        final UnsafeBuffer frames = new UnsafeBuffer(new byte[frameCount * 256]);
        final int[] offsets = new int[frameCount + 1];
        long updateId = 1001;
        for (int i = 0; i < frameCount; i++)
        {
            final String frame = switch (i % 4)
            {
                case 0 -> depth("BTCUSDT", updateId, updateId + 1, "[[\"" + (99 - i % 7) + ".25\",\"" + (i % 3) +
                    ".5\"]]", "[[\"" + (101 + i % 5) + ".75\",\"" + (i % 2) + "\"]]");
                case 1 -> trade("\"t\":" + i + ",\"p\":\"100.01\",\"q\":\"0.00100000\",\"T\":1700000000000,\"m\":true");
                case 2 -> "{\"stream\":\"ethusdt@bookTicker\",\"data\":{\"u\":" + i + ",\"s\":\"ETHUSDT\"," +
                    "\"b\":\"2000.10000000\",\"B\":\"1.5\",\"a\":\"2000.20\",\"A\":\"0E-8\"}}";
                default -> "{\"stream\":\"btcusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\"," +
                    "\"k\":{\"t\":1,\"x\":false}}}";
            };
            if (0 == i % 4)
            {
                updateId += 2;
            }
            final byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
            frames.putBytes(offsets[i], bytes);
            offsets[i + 1] = offsets[i] + bytes.length;
        }
        quiet.onFrame(frames, offsets[0], offsets[1] - offsets[0], 1L);
        final byte[] snapshot = "{\"lastUpdateId\":1000,\"bids\":[[\"99.00\",\"1\"]],\"asks\":[[\"101.00\",\"1\"]]}"
            .getBytes(StandardCharsets.US_ASCII);
        quiet.onRestSnapshot("BTCUSDT", new UnsafeBuffer(snapshot), 0, snapshot.length, 1L);
        assertEquals(1, quiet.syncedBookCount());

        final int warmUp = frameCount / 2;
        for (int i = 1; i < warmUp; i++)
        {
            quiet.onFrame(frames, offsets[i], offsets[i + 1] - offsets[i], 1L);
        }

        // Rounds, keeping the least: the JVM itself now and then allocates on this thread (linking, deoptimisation),
        // while an allocation per message would show in every round, 3000 times over.
        threads.getCurrentThreadAllocatedBytes();
        final int rounds = 5;
        final int framesPerRound = (frameCount - warmUp) / rounds;
        final long[] allocated = new long[rounds];
        long least = Long.MAX_VALUE;
        for (int round = 0, i = warmUp; round < rounds; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (final int end = i + framesPerRound; i < end; i++)
            {
                quiet.onFrame(frames, offsets[i], offsets[i + 1] - offsets[i], 1L);
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
            least = Math.min(least, allocated[round]);
        }

        assertEquals(0, listener.errors, listener.lastError);
        assertEquals(frameCount / 4, listener.controls, "every kline frame decoded");
        assertEquals(1, quiet.syncedBookCount());
        assertEquals(0, quiet.gapCount());
        assertEquals(0, least, "bytes allocated per round of " + framesPerRound + " frames: " +
            Arrays.toString(allocated));
    }

    private List<String> frame(final String json)
    {
        writer.line(++lineNumber);
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        final int offset = 3;
        buffer.setMemory(0, buffer.capacity(), (byte)'#');
        buffer.putBytes(offset, bytes);
        decoder.onFrame(buffer, offset, bytes.length, 1_000_000L * lineNumber);
        return newLines();
    }

    private List<String> snapshot(final String venueSymbol, final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        decoder.onRestSnapshot(venueSymbol, new UnsafeBuffer(bytes), 0, bytes.length, 1_000_000L * lineNumber);
        return newLines();
    }

    private List<String> newLines()
    {
        writer.close();
        final String text = out.toString(StandardCharsets.UTF_8);
        final List<String> all = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
        final List<String> fresh = new ArrayList<>(all.subList(linesRead, all.size()));
        linesRead = all.size();
        return fresh;
    }

    private static List<String> types(final List<String> lines)
    {
        final List<String> types = new ArrayList<>();
        for (final String line : lines)
        {
            types.add(DecodedLine.type(line));
        }
        return types;
    }

    private static String levels(final String line)
    {
        final StringBuilder text = new StringBuilder();
        for (final String side : new String[]{ "bids", "asks" })
        {
            final List<String> pairs = new ArrayList<>();
            for (final String[] level : DecodedLine.levels(line, side))
            {
                pairs.add("[" + level[0] + ", " + level[1] + "]");
            }
            text.append(text.isEmpty() ? "" : " ").append(pairs);
        }
        return text.toString();
    }

    private static String depth(
        final String symbol, final long firstId, final long lastId, final String bids, final String asks)
    {
        return "{\"stream\":\"" + symbol.toLowerCase() + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\"," +
            "\"E\":1700000000123,\"s\":\"" + symbol + "\",\"U\":" + firstId + ",\"u\":" + lastId + ",\"b\":" + bids +
            ",\"a\":" + asks + "}}";
    }

    private static String trade(final String fields)
    {
        return "{\"e\":\"trade\",\"E\":1700000000001,\"s\":\"BTCUSDT\"," + fields + ",\"M\":true}";
    }

    private static final class RecordingSession implements ExchangeSession
    {
        private final List<String> resyncs = new ArrayList<>();
        private final List<String> reconnects = new ArrayList<>();

        public void requestResync(final Instrument instrument)
        {
            resyncs.add(instrument.venueSymbol());
        }

        public void requestReconnect(final String reason)
        {
            reconnects.add(reason);
        }
    }

    private static final class CountingListener implements FrameListener
    {
        private long controls;
        private long errors;
        private String lastError;

        public void onControl(final String what)
        {
            controls++;
        }

        public void onError(final String message)
        {
            errors++;
            lastError = message;
        }
    }
}
