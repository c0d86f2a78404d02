/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.RecordedFrames;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.alphapulse.collector.coinbase.DecoderHarness.events;
import static io.alphapulse.collector.coinbase.DecoderHarness.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Coinbase recording in {@code shared/exchange-messages} through {@code pulse decode}: errors only where the
 * exchange really sent something malformed, the Advanced Trade connection without a sequence gap, and the decoded
 * values checked against the wire text.
 */
@Timeout(120)
class CoinbaseRecordingsTest
{
    /**
     * The only lines allowed to decode to {@code "type":"error"}, per file; every other file must have none.
     */
    private static final Map<String, List<Long>> MALFORMED_LINES = Map.of(
        // Line 11: a historical YFI-USD snapshot (kept by tardis) with the size "0.-10000", which is no decimal: the
        // snapshot is rejected whole and YFI-USD's book stays unsynced.
        "coinbase-exchange-extra.jsonl", List.of(11L));

    private static List<String> merged;
    private static List<Map<String, Object>> mergedWire;
    private static List<Map<String, Object>> mergedOut;

    @BeforeAll
    static void decodeMergedAdvancedRecording() throws IOException
    {
        // One connection's messages, recorded into a file per channel: its sequence_num order is arrival order.
        final List<String> lines = new ArrayList<>();
        for (final Path file : RecordedFrames.files("coinbase-advanced-"))
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (!line.isBlank())
                {
                    lines.add(line);
                }
            }
        }
        final List<Map<String, Object>> wire = new ArrayList<>();
        for (final String line : lines)
        {
            wire.add(TestJson.object(line));
        }
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((i) -> (Long)wire.get(i).get("sequence_num")));

        merged = new ArrayList<>();
        mergedWire = new ArrayList<>();
        for (final int i : order)
        {
            merged.add(lines.get(i));
            mergedWire.add(wire.get(i));
        }
        mergedOut = parse(RecordedFrames.decode(new CoinbaseProtocol(), String.join("\n", merged) + "\n"));
    }

    static List<Path> recordings() throws IOException
    {
        final List<Path> files = RecordedFrames.files("coinbase-");
        assertEquals(11, files.size(), files.toString());
        return files;
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void everyRecordingDecodesWithErrorsOnlyOnMalformedLines(final Path file) throws IOException
    {
        final List<Map<String, Object>> out = parse(RecordedFrames.decode(new CoinbaseProtocol(), file, null));

        final Map<String, Object> summary = out.get(out.size() - 1);
        assertEquals("summary", summary.get("type"));
        assertEquals((long)nonBlankLines(file).size(), summary.get("lines"));
        final List<Long> errorLines = new ArrayList<>();
        for (final Map<String, Object> error : ofType(out, "error"))
        {
            errorLines.add((Long)error.get("line"));
        }
        final String name = file.getFileName().toString();
        assertEquals(MALFORMED_LINES.getOrDefault(name, List.of()), errorLines, ofType(out, "error").toString());
        assertEquals((long)errorLines.size(), summary.get("errors"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Advanced Trade: the merged connection
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void advancedRecordingIsOneConnectionWithoutAGap()
    {
        for (int i = 0; i < mergedWire.size(); i++)
        {
            assertEquals((long)i, mergedWire.get(i).get("sequence_num"), "sequence_num must run 0..N without holes");
        }
        assertEquals(1030, mergedWire.size());

        final Map<String, Object> summary = mergedOut.get(mergedOut.size() - 1);
        assertEquals(1030L, summary.get("lines"));
        assertEquals(0L, summary.get("gaps"));
        assertEquals(0L, summary.get("errors"));
        assertEquals(0L, summary.get("resyncs"));
        // 46000 BTC-USD + 23334 ETH-USD snapshot levels in parts of 256: 180 + 92.
        assertEquals(Map.of("book_snapshot", 272L, "book_update", 773L, "control", 36L, "top_of_book", 160L,
            "trade", 279L), summary.get("events"));
        assertTrue(ofType(mergedOut, "feed_event").isEmpty(), "no gap, no crossed book: " +
            ofType(mergedOut, "feed_event"));
    }

    @Test
    void advancedTradesMatchTheWireWithTheAggressorInverted()
    {
        final Map<String, Map<String, Object>> byTradeId = new HashMap<>();
        for (final Map<String, Object> trade : ofType(mergedOut, "trade"))
        {
            assertNull(byTradeId.put(trade.get("symbol") + "/" + trade.get("tradeId"), trade), "trade published twice");
        }

        int checked = 0;
        for (int i = 0; i < mergedWire.size(); i++)
        {
            final Map<String, Object> message = mergedWire.get(i);
            if (!"market_trades".equals(message.get("channel")))
            {
                continue;
            }
            for (final Map<String, Object> event : maps(message.get("events")))
            {
                for (final Map<String, Object> wire : maps(event.get("trades")))
                {
                    final Map<String, Object> out = byTradeId.get(wire.get("product_id") + "/" + wire.get("trade_id"));
                    assertNotNull(out, wire.toString());
                    assertEquals((long)(i + 1), out.get("line"));
                    assertDecimal(wire.get("price"), out.get("price"));
                    assertDecimal(wire.get("size"), out.get("qty"));
                    assertEquals("BUY".equals(wire.get("side")) ? "sell" : "buy", out.get("side"), wire.toString());
                    assertEquals(Instant.parse((String)wire.get("time")), Instant.parse((String)out.get("exchangeTime")));
                    assertEquals(message.get("sequence_num"), out.get("sequence"));
                    checked++;
                }
            }
        }
        assertEquals(279, checked);

        // Spot check against the wire text of coinbase-advanced-market_trades.jsonl line 3 (sequence_num 9):
        // {"trade_id":"1068572091","price":"65083.67","size":"0.01034361","time":"2026-08-09T21:05:48.167634Z",
        //  "side":"SELL"} - a resting sell was lifted: the aggressor bought.
        final Map<String, Object> spot = byTradeId.get("BTC-USD/1068572091");
        assertEquals("65083.67", spot.get("price"));
        assertEquals("0.01034361", spot.get("qty"));
        assertEquals("buy", spot.get("side"));
        assertEquals("2026-08-09T21:05:48.167634Z", spot.get("exchangeTime"));
        assertEquals(9L, spot.get("sequence"));
    }

    @Test
    void advancedSnapshotTradesArePublishedOldestFirst()
    {
        final List<Long> ids = new ArrayList<>();
        for (final Map<String, Object> trade : ofType(mergedOut, "trade"))
        {
            if (1L == (Long)trade.get("line"))
            {
                ids.add(Long.parseLong((String)trade.get("tradeId")));
            }
        }
        assertEquals(100, ids.size());
        assertEquals(1068571991L, ids.get(0));
        assertEquals(1068572090L, ids.get(99));
    }

    @Test
    void advancedTickersMatchTheWire()
    {
        final List<Map<String, Object>> tops = ofType(mergedOut, "top_of_book");
        int index = 0;
        for (final Map<String, Object> message : mergedWire)
        {
            if (!"ticker".equals(message.get("channel")))
            {
                continue;
            }
            for (final Map<String, Object> event : maps(message.get("events")))
            {
                for (final Map<String, Object> wire : maps(event.get("tickers")))
                {
                    final Map<String, Object> out = tops.get(index++);
                    assertEquals(wire.get("product_id"), out.get("symbol"));
                    assertDecimal(wire.get("best_bid"), out.get("bidPrice"));
                    assertDecimal(wire.get("best_bid_quantity"), out.get("bidQty"));
                    assertDecimal(wire.get("best_ask"), out.get("askPrice"));
                    assertDecimal(wire.get("best_ask_quantity"), out.get("askQty"));
                    assertEquals(message.get("sequence_num"), out.get("sequence"));
                    assertEquals(Instant.parse((String)message.get("timestamp")).truncatedTo(ChronoUnit.MICROS),
                        Instant.parse((String)out.get("exchangeTime")));
                }
            }
        }
        assertEquals(tops.size(), index);

        // coinbase-advanced-ticker.jsonl line 1 (sequence_num 6), timestamp 2026-08-09T21:05:48.229198328Z printed
        // at the microsecond precision of pulse decode.
        assertEquals(Map.ofEntries(Map.entry("line", 7L), Map.entry("type", "top_of_book"),
            Map.entry("exchange", "COINBASE"), Map.entry("symbol", "BTC-USD"), Map.entry("venueSymbol", "BTC-USD"),
            Map.entry("bidPrice", "65083.66"), Map.entry("bidQty", "0.20371215"), Map.entry("askPrice", "65083.67"),
            Map.entry("askQty", "0.24290402"), Map.entry("exchangeTime", "2026-08-09T21:05:48.229198Z"),
            Map.entry("sequence", 6L)), tops.get(0));
    }

    @Test
    void advancedControlFramesBecomeControl()
    {
        final Map<String, String> expected = Map.of(
            "heartbeats", CoinbaseDecoder.HEARTBEAT,
            "subscriptions", CoinbaseDecoder.SUBSCRIPTIONS,
            "candles", CoinbaseDecoder.CANDLES);
        int controls = 0;
        for (int i = 0; i < mergedWire.size(); i++)
        {
            final String what = expected.get((String)mergedWire.get(i).get("channel"));
            if (null == what)
            {
                continue;
            }
            final List<Map<String, Object>> out = outputsOfLine(mergedOut, i + 1);
            assertEquals(List.of(Map.of("line", (long)(i + 1), "type", "control", "what", what)), out);
            controls++;
        }
        assertEquals(36, controls);
    }

    @Test
    void advancedSnapshotsPublishEveryLevelAndBooksMatchAReplayOfTheWire()
    {
        // coinbase-advanced-l2_data.jsonl line 1 (sequence_num 13): the 5 MB BTC-USD snapshot, best bid first.
        final List<Map<String, Object>> btc = new ArrayList<>();
        for (final Map<String, Object> snapshot : ofType(outputsOfLine(mergedOut, 14), "book_snapshot"))
        {
            btc.add(snapshot);
        }
        assertEquals(180, btc.size());
        assertEquals(List.of("65083.66", "0.20371215"), list(btc.get(0).get("bids")).get(0));
        assertEquals("2026-08-09T21:05:48.170326Z", btc.get(0).get("exchangeTime"));
        int levels = 0;
        for (int i = 0; i < btc.size(); i++)
        {
            levels += list(btc.get(i).get("bids")).size() + list(btc.get(i).get("asks")).size();
            assertEquals(i == btc.size() - 1, btc.get(i).get("last"));
        }
        assertEquals(46_000, levels);

        final DecoderHarness harness = new DecoderHarness();
        final BookOracle oracle = new BookOracle();
        for (int i = 0; i < merged.size(); i++)
        {
            harness.decoder.onFrame(new org.agrona.concurrent.UnsafeBuffer(merged.get(i).getBytes(StandardCharsets.UTF_8)),
                0, merged.get(i).getBytes(StandardCharsets.UTF_8).length, DecoderHarness.RECEIVE_TIME_NS);
            oracle.applyAdvanced(mergedWire.get(i));
        }
        assertEquals(2, harness.decoder.syncedBookCount());
        oracle.assertSame(harness, "BTC-USD");
        oracle.assertSame(harness, "ETH-USD");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exchange feed
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void exchangeMatchesMatchTheWireWithTheAggressorInverted() throws IOException
    {
        final Path file = RecordedFrames.file("coinbase-exchange-match.jsonl");
        final List<Map<String, Object>> out = ofType(parse(RecordedFrames.decode(new CoinbaseProtocol(), file, null)),
            "trade");
        final List<String> lines = nonBlankLines(file);

        assertEquals(lines.size(), out.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final Map<String, Object> wire = TestJson.object(lines.get(i));
            final Map<String, Object> trade = out.get(i);
            assertEquals((long)(i + 1), trade.get("line"));
            assertEquals(wire.get("product_id"), trade.get("symbol"));
            assertEquals(String.valueOf(wire.get("trade_id")), trade.get("tradeId"));
            assertDecimal(wire.get("price"), trade.get("price"));
            assertDecimal(wire.get("size"), trade.get("qty"));
            assertEquals("buy".equals(wire.get("side")) ? "sell" : "buy", trade.get("side"));
            assertEquals(wire.get("time"), trade.get("exchangeTime"));
            assertEquals(wire.get("sequence"), trade.get("sequence"));
        }
    }

    @Test
    void exchangeTickersMatchTheWire() throws IOException
    {
        final Path file = RecordedFrames.file("coinbase-exchange-ticker.jsonl");
        final List<Map<String, Object>> out = ofType(parse(RecordedFrames.decode(new CoinbaseProtocol(), file, null)),
            "top_of_book");
        final List<String> lines = nonBlankLines(file);

        assertEquals(lines.size(), out.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final Map<String, Object> wire = TestJson.object(lines.get(i));
            final Map<String, Object> top = out.get(i);
            assertDecimal(wire.get("best_bid"), top.get("bidPrice"));
            assertDecimal(wire.get("best_ask"), top.get("askPrice"));
            assertNull(top.get("bidQty"), "the 2021 ticker has no sizes");
            assertNull(top.get("askQty"));
            assertEquals(wire.get("time"), top.get("exchangeTime"));
            assertEquals(wire.get("sequence"), top.get("sequence"));
        }
    }

    @Test
    void exchangeLevel2BooksMatchAReplayOfTheWire() throws IOException
    {
        final Path file = RecordedFrames.file("coinbase-exchange-level2.jsonl");
        final DecoderHarness harness = new DecoderHarness();
        final BookOracle oracle = new BookOracle();
        int snapshots = 0;
        int updates = 0;
        int published = 0;
        for (final String line : nonBlankLines(file))
        {
            final List<Map<String, Object>> out = harness.frame(line);
            final Map<String, Object> wire = TestJson.object(line);
            snapshots += "snapshot".equals(wire.get("type")) ? 1 : 0;
            updates += "l2update".equals(wire.get("type")) ? 1 : 0;
            published += ofType(out, "book_update").size();
            assertTrue(ofType(out, "error").isEmpty() && ofType(out, "feed_event").isEmpty(), out.toString());
            oracle.applyExchange(wire);
        }

        // Each product's snapshot comes before its first update: every update is applied and published.
        assertEquals(10, snapshots);
        assertEquals(9719, updates);
        assertEquals(updates, published);
        assertEquals(10, oracle.products().size(), oracle.products().toString());
        assertEquals(snapshots, harness.decoder.syncedBookCount());
        for (final String product : oracle.products())
        {
            oracle.assertSame(harness, product);
        }
    }

    @Test
    void exchangeSystemMessagesAreControlAndTheRejectionAFeedEvent() throws IOException
    {
        final List<Map<String, Object>> out = parse(RecordedFrames.decode(new CoinbaseProtocol(),
            RecordedFrames.file("coinbase-exchange-system.jsonl"), null));

        for (long line = 1; line <= 3; line++)
        {
            assertEquals(List.of(Map.of("line", line, "type", "control", "what", CoinbaseDecoder.SUBSCRIPTIONS)),
                outputsOfLine(out, line));
        }
        final Map<String, Object> rejected = outputsOfLine(out, 4).get(0);
        assertEquals("SUBSCRIPTION_REJECTED", rejected.get("event"));
        assertEquals("Failed to subscribe: GIBBERISH-USD is not a valid product", rejected.get("detail"));
    }

    @Test
    void exchangeExtraMessagesDecodeOneByOne() throws IOException
    {
        final List<Map<String, Object>> out = parse(RecordedFrames.decode(new CoinbaseProtocol(),
            RecordedFrames.file("coinbase-exchange-extra.jsonl"), null));

        // 1: last_match, maker side "sell": the aggressor bought.
        final Map<String, Object> lastMatch = outputsOfLine(out, 1).get(0);
        assertEquals("trade", lastMatch.get("type"));
        assertEquals("buy", lastMatch.get("side"));
        assertEquals("147587438", lastMatch.get("tradeId"));
        assertEquals("57786.82", lastMatch.get("price"));
        assertEquals("0.00031874", lastMatch.get("qty"));
        assertEquals("2021-03-21T03:47:27.112041Z", lastMatch.get("exchangeTime"));
        assertEquals(22962703070L, lastMatch.get("sequence"));

        // 2: a 3-level snapshot; 3: an update from another day (June, the snapshot is from April) whose bid is above
        // the April asks: the isolated messages do not make a real book, and the decoder says so.
        assertEquals(List.of(List.of("37209.96", "0.04016376"), List.of("37209.32", "0.00192256"),
            List.of("37209.16", "0.0113")), outputsOfLine(out, 2).get(0).get("bids"));
        assertEquals(1, events(outputsOfLine(out, 3), "CROSSED_BOOK").size());

        // 4: a "full" channel "open" message: ignored, not an error.
        assertEquals("ignored: open", outputsOfLine(out, 4).get(0).get("what"));

        // 6: match, maker "buy", 3 fraction digits of price on the wire after trailing zeros are dropped.
        final Map<String, Object> match = outputsOfLine(out, 6).get(0);
        assertEquals("sell", match.get("side"));
        assertEquals("4.978", match.get("price"));

        // 7, 8, 10: updates of books never snapshotted in this file (10 carries Go's zero time).
        for (final long line : new long[]{7, 8, 10})
        {
            assertEquals(CoinbaseDecoder.UPDATE_BEFORE_SNAPSHOT, outputsOfLine(out, line).get(0).get("what"));
        }

        // 11: "0.-10000": rejected, and the book of YFI-USD waits for a fresh snapshot.
        final List<Map<String, Object>> rejected = outputsOfLine(out, 11);
        assertTrue(((String)ofType(rejected, "error").get(0).get("message")).contains("'0.-10000'"));
        assertEquals("YFI-USD", events(rejected, "RESYNC_STARTED").get(0).get("symbol"));
        assertTrue(ofType(rejected, "book_snapshot").isEmpty());

        // 14: a ticker that gives sizes.
        final Map<String, Object> ticker = outputsOfLine(out, 14).get(0);
        assertEquals("0.6154089", ticker.get("bidQty"));
        assertEquals("0.18528568", ticker.get("askQty"));
        assertEquals("2022-12-01T00:00:00.122581Z", ticker.get("exchangeTime"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Books rebuilt from the wire with {@link BigDecimal}s, independently of the decoder.
     */
    private static final class BookOracle
    {
        private final Map<String, List<TreeMap<BigDecimal, BigDecimal>>> books = new TreeMap<>();

        List<String> products()
        {
            return new ArrayList<>(books.keySet());
        }

        void applyAdvanced(final Map<String, Object> message)
        {
            if (!"l2_data".equals(message.get("channel")))
            {
                return;
            }
            for (final Map<String, Object> event : maps(message.get("events")))
            {
                final List<TreeMap<BigDecimal, BigDecimal>> book = book((String)event.get("product_id"),
                    "snapshot".equals(event.get("type")));
                for (final Map<String, Object> update : maps(event.get("updates")))
                {
                    set(book.get("bid".equals(update.get("side")) ? 0 : 1), (String)update.get("price_level"),
                        (String)update.get("new_quantity"));
                }
            }
        }

        void applyExchange(final Map<String, Object> message)
        {
            if ("snapshot".equals(message.get("type")))
            {
                final List<TreeMap<BigDecimal, BigDecimal>> book = book((String)message.get("product_id"), true);
                for (final Object level : (List<?>)message.get("bids"))
                {
                    set(book.get(0), (String)((List<?>)level).get(0), (String)((List<?>)level).get(1));
                }
                for (final Object level : (List<?>)message.get("asks"))
                {
                    set(book.get(1), (String)((List<?>)level).get(0), (String)((List<?>)level).get(1));
                }
            }
            else if ("l2update".equals(message.get("type")))
            {
                final List<TreeMap<BigDecimal, BigDecimal>> book = book((String)message.get("product_id"), false);
                for (final Object change : (List<?>)message.get("changes"))
                {
                    final List<?> fields = (List<?>)change;
                    set(book.get("buy".equals(fields.get(0)) ? 0 : 1), (String)fields.get(1), (String)fields.get(2));
                }
            }
        }

        void assertSame(final DecoderHarness harness, final String product)
        {
            final Instrument instrument = harness.instrument(product);
            final OrderBook book = harness.decoder.book(instrument);
            final List<TreeMap<BigDecimal, BigDecimal>> expected = books.get(product);
            assertFalse(expected.get(0).isEmpty() && expected.get(1).isEmpty(), product);
            assertFalse(book.isCrossed(), product);
            assertSide(expected.get(0).descendingMap(), book.bids(), instrument, product + " bids");
            assertSide(expected.get(1), book.asks(), instrument, product + " asks");
        }

        private static void assertSide(
            final Map<BigDecimal, BigDecimal> expected,
            final PriceLevels side,
            final Instrument instrument,
            final String what)
        {
            assertEquals(expected.size(), side.size(), what);
            int rank = 0;
            for (final Map.Entry<BigDecimal, BigDecimal> level : expected.entrySet())
            {
                assertEquals(0, level.getKey().compareTo(BigDecimal.valueOf(side.price(rank), instrument.priceScale())),
                    what + " price at rank " + rank);
                assertEquals(0, level.getValue().compareTo(
                    BigDecimal.valueOf(side.quantity(rank), instrument.quantityScale())), what + " size at " + rank);
                rank++;
            }
        }

        private List<TreeMap<BigDecimal, BigDecimal>> book(final String product, final boolean reset)
        {
            final List<TreeMap<BigDecimal, BigDecimal>> book =
                books.computeIfAbsent(product, (p) -> List.of(new TreeMap<>(), new TreeMap<>()));
            if (reset)
            {
                book.get(0).clear();
                book.get(1).clear();
            }
            return book;
        }

        private static void set(final TreeMap<BigDecimal, BigDecimal> side, final String price, final String size)
        {
            final BigDecimal quantity = new BigDecimal(size);
            if (0 == quantity.signum())
            {
                side.remove(new BigDecimal(price).stripTrailingZeros());
            }
            else
            {
                side.put(new BigDecimal(price).stripTrailingZeros(), quantity);
            }
        }
    }

    private static List<Map<String, Object>> parse(final List<String> lines)
    {
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final String line : lines)
        {
            if (!line.isBlank())
            {
                out.add(TestJson.object(line));
            }
        }
        return out;
    }

    private static List<Map<String, Object>> outputsOfLine(final List<Map<String, Object>> out, final long line)
    {
        final List<Map<String, Object>> result = new ArrayList<>();
        for (final Map<String, Object> output : out)
        {
            if (Long.valueOf(line).equals(output.get("line")))
            {
                result.add(output);
            }
        }
        return result;
    }

    private static List<String> nonBlankLines(final Path file) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
        {
            if (!line.isBlank())
            {
                lines.add(line);
            }
        }
        return lines;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(final Object value)
    {
        return (List<Map<String, Object>>)value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(final Object value)
    {
        return (List<T>)value;
    }

    private static void assertDecimal(final Object wire, final Object decoded)
    {
        assertEquals(0, new BigDecimal((String)wire).compareTo(new BigDecimal((String)decoded)),
            "wire " + wire + " decoded " + decoded);
    }
}
