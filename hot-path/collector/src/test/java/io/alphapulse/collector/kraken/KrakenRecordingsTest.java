/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.RecordedFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.alphapulse.collector.kraken.DecodedLines.errorLines;
import static io.alphapulse.collector.kraken.DecodedLines.eventCount;
import static io.alphapulse.collector.kraken.DecodedLines.ofType;
import static io.alphapulse.collector.kraken.DecodedLines.onLine;
import static io.alphapulse.collector.kraken.DecodedLines.sameDecimal;
import static io.alphapulse.collector.kraken.DecodedLines.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Kraken messages in {@code shared/exchange-messages} through {@code pulse decode}, as a collector would
 * publish them.
 */
@Timeout(60)
class KrakenRecordingsTest
{
    /**
     * Lines that must come out as {@code "type":"error"}, per file; every other file must have none.
     */
    private static final Map<String, List<Long>> MALFORMED_LINES = Map.of(
        // Line 5 is the v1 checksum guide's illustrative update, whose pair is "BTC/USD" but whose prices
        // ("0.05120", "0.04765", ...) have five decimals: BTC-USD trades in ticks of 0.1 (catalogue price scale 1),
        // so the values cannot be a BTC/USD book and are rejected exactly rather than rounded.
        "kraken-v1-book-extra.jsonl", List.of(5L));

    private static List<Map<String, Object>> decode(final String file) throws IOException
    {
        return DecodedLines.parse(RecordedFrames.decode(new KrakenProtocol(), RecordedFrames.file(file), null));
    }

    private static List<Map<String, Object>> decodeLines(final String file, final int... lineNumbers)
        throws IOException
    {
        final List<String> all = Files.readAllLines(RecordedFrames.file(file));
        final StringBuilder frames = new StringBuilder();
        for (final int lineNumber : lineNumbers)
        {
            frames.append(all.get(lineNumber - 1)).append('\n');
        }
        return DecodedLines.parse(RecordedFrames.decode(new KrakenProtocol(), frames.toString()));
    }

    @Test
    void everyRecordingDecodesWithErrorsOnlyForMalformedLines() throws IOException
    {
        final List<String> names = new ArrayList<>();
        final Map<String, List<Long>> errors = new TreeMap<>();
        for (final Path file : RecordedFrames.files("kraken-"))
        {
            final String name = file.getFileName().toString();
            names.add(name);
            final List<Map<String, Object>> lines =
                DecodedLines.parse(RecordedFrames.decode(new KrakenProtocol(), file, null));
            final long lineCount = Files.readAllLines(file).size();
            assertEquals(lineCount, summary(lines).get("lines"), name);
            final List<Long> errorLines = errorLines(lines);
            if (!errorLines.isEmpty())
            {
                errors.put(name, errorLines);
            }
        }

        assertEquals(List.of(
            "kraken-v1-book-extra.jsonl", "kraken-v1-book.jsonl", "kraken-v1-system.jsonl",
            "kraken-v1-ticker-extra.jsonl", "kraken-v1-ticker.jsonl", "kraken-v1-trade-extra.jsonl",
            "kraken-v1-trade.jsonl", "kraken-v2-book.jsonl", "kraken-v2-system.jsonl", "kraken-v2-ticker.jsonl",
            "kraken-v2-trade.jsonl"), names, "a new recording needs its expectations here");
        assertEquals(new TreeMap<>(MALFORMED_LINES), errors);
    }

    @Test
    void v1BookVerifiesEveryChecksum() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v1-book.jsonl");
        final Map<String, Object> summary = summary(lines);

        assertEquals(4279L, summary.get("lines"));
        assertEquals(0L, summary.get("errors"));
        assertEquals(4269L, summary.get("checksumOk"));
        assertEquals(0L, summary.get("checksumFailed"));
        assertEquals(4269L, eventCount(lines, "book_update"));
        assertEquals(0L, eventCount(lines, "feed_event"), "no resync, no crossed book");
        assertEquals(10, ofType(lines, "book_snapshot").stream().filter((l) -> (Boolean)l.get("last")).count());
        for (final Map<String, Object> update : ofType(lines, "book_update"))
        {
            assertEquals("ok", update.get("checksum"), update.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void v1BookValuesAreTheWireValues() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v1-book.jsonl");

        // Line 1: ADA/XBT depth-1000 snapshot, first ask ["0.000022900","13355.87450757","1618678123.481570"].
        final Map<String, Object> snapshot = onLine(lines, 1).get(0);
        assertEquals("ADA-BTC", snapshot.get("symbol"));
        assertEquals("ADA/XBT", snapshot.get("venueSymbol"));
        final List<Object> bestAsk = ((List<List<Object>>)snapshot.get("asks")).get(0);
        assertTrue(sameDecimal(bestAsk.get(0), "0.000022900"));
        assertTrue(sameDecimal(bestAsk.get(1), "13355.87450757"));

        // Line 2: XBT/CHF snapshot holds an ask at 9999999997.00000, far beyond the registry's default price scale.
        final List<Map<String, Object>> xbtChf = onLine(lines, 2);
        assertEquals("BTC-CHF", xbtChf.get(0).get("symbol"));
        boolean found = false;
        for (final Map<String, Object> part : xbtChf)
        {
            for (final List<Object> ask : (List<List<Object>>)part.get("asks"))
            {
                found |= sameDecimal(ask.get(0), "9999999997.00000");
            }
        }
        assertTrue(found, "XBT/CHF ask at 9999999997.00000 published exactly");

        // Line 1404: one update carrying both an "a" and a "b" object, checksum in the second.
        final Map<String, Object> both = onLine(lines, 1404).get(0);
        assertEquals("book_update", both.get("type"));
        assertEquals("SC-EUR", both.get("symbol"));
        assertEquals("ok", both.get("checksum"));
        final List<Object> ask = ((List<List<Object>>)both.get("asks")).get(0);
        final List<Object> bid = ((List<List<Object>>)both.get("bids")).get(0);
        assertTrue(sameDecimal(ask.get(0), "0.042990"));
        assertTrue(sameDecimal(ask.get(1), "364630.28272081"));
        assertTrue(sameDecimal(bid.get(0), "0.042990"));
        assertTrue(sameDecimal(bid.get(1), "0.00000000"));
        assertEquals("2021-04-17T16:49:05.920708Z", both.get("exchangeTime"), "latest level time of the message");
    }

    @Test
    void v1TradesAreExact() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v1-trade.jsonl");
        assertEquals(10, ofType(lines, "trade").size());

        // [993,[["354.11000000","0.89594024","1618678142.557535","s","l",""]],"trade","XMR/USD"]
        final Map<String, Object> first = onLine(lines, 1).get(0);
        assertEquals("XMR-USD", first.get("symbol"));
        assertTrue(sameDecimal(first.get("price"), "354.11000000"));
        assertTrue(sameDecimal(first.get("qty"), "0.89594024"));
        assertEquals("sell", first.get("side"));
        assertNull(first.get("tradeId"));
        assertEquals("2021-04-17T16:49:02.557535Z", first.get("exchangeTime"));

        // Line 5: two trades in one message, both buys.
        final List<Map<String, Object>> two = onLine(lines, 5);
        assertEquals(2, two.size());
        assertTrue(sameDecimal(two.get(0).get("price"), "0.042980"));
        assertTrue(sameDecimal(two.get(0).get("qty"), "8500.00000000"));
        assertTrue(sameDecimal(two.get(1).get("price"), "0.043000"));
        assertEquals("buy", two.get(1).get("side"));
        assertEquals("2021-04-17T16:49:15.720582Z", two.get(1).get("exchangeTime"));

        // XBT/USD normalises to BTC-USD.
        final Map<String, Object> xbt = onLine(decode("kraken-v1-trade-extra.jsonl"), 1).get(0);
        assertEquals("BTC-USD", xbt.get("symbol"));
        assertEquals("XBT/USD", xbt.get("venueSymbol"));
        assertTrue(sameDecimal(xbt.get("price"), "57126.70000"));
        assertEquals("buy", xbt.get("side"));
        assertEquals("2021-03-21T13:38:44.737428Z", xbt.get("exchangeTime"));
    }

    @Test
    void v1TickersUseTheLotVolume() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v1-ticker.jsonl");
        assertEquals(18, ofType(lines, "top_of_book").size());

        // Line 9: "a":["56218.30000",0,"0.13690578"],"b":["56119.10000",0,"0.03333108"], pair XBT/CHF.
        final Map<String, Object> top = onLine(lines, 9).get(0);
        assertEquals("BTC-CHF", top.get("symbol"));
        assertTrue(sameDecimal(top.get("bidPrice"), "56119.10000"));
        assertTrue(sameDecimal(top.get("bidQty"), "0.03333108"));
        assertTrue(sameDecimal(top.get("askPrice"), "56218.30000"));
        assertTrue(sameDecimal(top.get("askQty"), "0.13690578"));
        assertNull(top.get("exchangeTime"));
    }

    @Test
    void v2MarketDataIsExact() throws IOException
    {
        final List<Map<String, Object>> trades = decode("kraken-v2-trade.jsonl");
        assertEquals(4, ofType(trades, "trade").size());
        final Map<String, Object> trade = onLine(trades, 3).get(0);
        assertEquals("BTC-USD", trade.get("symbol"));
        assertEquals("BTC/USD", trade.get("venueSymbol"));
        assertTrue(sameDecimal(trade.get("price"), "83744.3"));
        assertTrue(sameDecimal(trade.get("qty"), "0.00044780"));
        assertEquals("buy", trade.get("side"));
        assertEquals("109116693", trade.get("tradeId"));
        assertEquals("2026-09-25T17:48:26.844359Z", trade.get("exchangeTime"));
        assertEquals("sell", onLine(trades, 2).get(0).get("side"));

        final Map<String, Object> top = onLine(decode("kraken-v2-ticker.jsonl"), 3).get(0);
        assertEquals("top_of_book", top.get("type"));
        assertTrue(sameDecimal(top.get("bidPrice"), "83744.2"));
        assertTrue(sameDecimal(top.get("bidQty"), "0.56251979"));
        assertTrue(sameDecimal(top.get("askPrice"), "83744.3"));
        assertTrue(sameDecimal(top.get("askQty"), "0.00044780"));
        assertEquals("2026-09-25T17:48:26.844359Z", top.get("exchangeTime"));
    }

    @Test
    void v2BookChecksumsVerifyOnTheWireTokens() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v2-book.jsonl");
        final Map<String, Object> summary = summary(lines);

        // Snapshots on lines 1, 2, 4, 5 and the update on line 6 carry checksums; all verify, including the docs
        // example on line 5 whose renderer dropped trailing zeros (the widest token sets the precision).
        assertEquals(5L, summary.get("checksumOk"));
        assertEquals(0L, summary.get("checksumFailed"));
        for (final long line : new long[]{ 1, 2, 4, 5 })
        {
            assertEquals("ok", onLine(lines, line).get(0).get("checksum"), "line " + line);
        }
        assertEquals("ok", onLine(lines, 6).get(0).get("checksum"));
        // Line 3 is an ETH/AUD update from another session with no snapshot before it: nothing to apply it to.
        assertEquals(List.of(), onLine(lines, 3));
    }

    @Test
    void v1ControlFramesAreControl() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v1-system.jsonl");
        final Map<String, Long> what = controlCounts(lines);
        assertEquals(Map.of("status", 3L, "subscribed", 30L, "heartbeat", 92L, "pong", 1L), what);

        final List<Map<String, Object>> events = ofType(lines, "feed_event");
        assertEquals(2, events.size());
        assertEquals("SUBSCRIPTION_REJECTED", events.get(0).get("event"));
        assertEquals(127L, events.get(0).get("line"));
        assertEquals("Subscription name invalid (pair XBT/USD)", events.get(0).get("detail"));
        assertNull(events.get(0).get("symbol"));
        assertEquals("SUBSCRIPTION_REJECTED", events.get(1).get("event"));
        assertEquals("Malformed request", events.get(1).get("detail"));
        assertEquals(128L, summary(lines).get("lines"));
    }

    @Test
    void v2ControlFramesAreControl() throws IOException
    {
        final List<Map<String, Object>> lines = decode("kraken-v2-system.jsonl");
        assertEquals(Map.of("status", 2L, "heartbeat", 1L, "subscribed", 4L, "unsubscribed", 1L),
            controlCounts(lines));

        final List<String> details = new ArrayList<>();
        for (final Map<String, Object> event : ofType(lines, "feed_event"))
        {
            assertEquals("SUBSCRIPTION_REJECTED", event.get("event"));
            assertNull(event.get("symbol"));
            details.add((String)event.get("detail"));
        }
        assertEquals(List.of(
            "Currency pair not supported XBT/USD",
            "Private data and trading are unavailable on this endpoint. Try ws-auth.kraken.com",
            "Public market data subscriptions are unavailable on this endpoint. Try ws.kraken.com",
            "ESession:Invalid session"), details);
        assertEquals(0, ofType(lines, "trade").size() + ofType(lines, "book_snapshot").size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void v1BookExtraLinesOneByOne() throws IOException
    {
        // Line 1: an empty book-25 snapshot.
        final List<Map<String, Object>> empty = decodeLines("kraken-v1-book-extra.jsonl", 1);
        final Map<String, Object> emptySnapshot = ofType(empty, "book_snapshot").get(0);
        assertEquals("PERP-EUR", emptySnapshot.get("symbol"));
        assertEquals(List.of(), emptySnapshot.get("bids"));
        assertEquals(List.of(), emptySnapshot.get("asks"));

        // Line 2: XBT/USD snapshot, cut to 3 levels a side by the test author it was taken from.
        final Map<String, Object> snapshot = ofType(decodeLines("kraken-v1-book-extra.jsonl", 2), "book_snapshot")
            .get(0);
        assertEquals("BTC-USD", snapshot.get("symbol"));
        assertEquals(3, ((List<Object>)snapshot.get("bids")).size());
        assertTrue(sameDecimal(((List<List<Object>>)snapshot.get("asks")).get(0).get(1), "0.00007039"));

        // Lines 3 and 4 alone: updates without a snapshot are not applied, and are not errors.
        for (final int line : new int[]{ 3, 4 })
        {
            final List<Map<String, Object>> alone = decodeLines("kraken-v1-book-extra.jsonl", line);
            assertEquals(1, alone.size(), "only the summary for line " + line);
        }

        // Line 3 after line 2: the checksum is over the full depth-25 book, which the truncated snapshot lacks.
        final List<Map<String, Object>> failed = decodeLines("kraken-v1-book-extra.jsonl", 2, 3);
        final Map<String, Object> update = ofType(failed, "book_update").get(0);
        assertEquals("failed", update.get("checksum"));
        assertEquals(List.of("CHECKSUM_FAILURE", "RESYNC_STARTED"),
            ofType(failed, "feed_event").stream().map((e) -> e.get("event")).toList());

        // Line 4 after line 2: both the "a" and the "b" object are read (the checksum belongs to another session).
        final Map<String, Object> both = ofType(decodeLines("kraken-v1-book-extra.jsonl", 2, 4), "book_update")
            .get(0);
        final List<Object> ask = ((List<List<Object>>)both.get("asks")).get(0);
        final List<Object> bid = ((List<List<Object>>)both.get("bids")).get(0);
        assertTrue(sameDecimal(ask.get(0), "38800.00000") && sameDecimal(ask.get(1), "0.02203518"));
        assertTrue(sameDecimal(bid.get(0), "38800.00000") && sameDecimal(bid.get(1), "0.03017320"));

        // Line 5 alone: the docs example is rejected (see MALFORMED_LINES).
        assertEquals(List.of(1L), errorLines(decodeLines("kraken-v1-book-extra.jsonl", 5)));
    }

    @Test
    void extraTickerAndTradesOneByOne() throws IOException
    {
        final Map<String, Object> top = ofType(decodeLines("kraken-v1-ticker-extra.jsonl", 1), "top_of_book").get(0);
        assertEquals("BTC-USD", top.get("symbol"));
        assertTrue(sameDecimal(top.get("bidQty"), "0.08410000"));
        assertTrue(sameDecimal(top.get("askQty"), "12.41074632"));

        final Map<String, Object> ltc = ofType(decodeLines("kraken-v1-trade-extra.jsonl", 2), "trade").get(0);
        assertEquals("LTC-BTC", ltc.get("symbol"));
        assertTrue(sameDecimal(ltc.get("price"), "0.01136500"));
        assertEquals("sell", ltc.get("side"));
        assertEquals("2019-07-01T00:00:01.587070Z", ltc.get("exchangeTime"));

        final List<Map<String, Object>> eur = ofType(decodeLines("kraken-v1-trade-extra.jsonl", 3), "trade");
        assertEquals(2, eur.size());
        assertEquals("BTC-EUR", eur.get(0).get("symbol"));
        assertEquals("sell", eur.get(0).get("side"));
        assertEquals("buy", eur.get(1).get("side"));
    }

    private static Map<String, Long> controlCounts(final List<Map<String, Object>> lines)
    {
        final Map<String, Long> counts = new TreeMap<>();
        for (final Map<String, Object> control : ofType(lines, "control"))
        {
            counts.merge((String)control.get("what"), 1L, Long::sum);
        }
        return counts;
    }
}
