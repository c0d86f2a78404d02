/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.RecordedFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real Binance message in {@code shared/exchange-messages} through {@code pulse decode}, checked against the
 * wire text.
 */
@Timeout(60)
final class BinanceRecordingsTest
{
    private static final String DEPTH_FILE = "binance-spot-depthUpdate.jsonl";
    private static final String SNAPSHOT_FILE = "binance-spot-depth-snapshot.jsonl";

    /**
     * The symbols of the snapshot file, line by line, as SOURCES.md lists them (the lines carry no symbol).
     */
    private static final List<String> SNAPSHOT_SYMBOLS = List.of(
        "BUSDTRY", "SWRVBUSD", "VETETH", "QSPBTC", "AAVEUPUSDT", "GTOBTC", "PERLBNB", "ONTTRY", "STEEMETH", "ADARUB",
        "NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR");

    /**
     * Lines that must decode to an error, per file. None: every Binance recording is well-formed, every decimal is
     * exact at its instrument's scale (BTCUSDT and ETHUSDT prices at 2 places, the catalogue's scales; all others at
     * 8), and every event type is one the decoder knows. The snapshot file decoded as frames is 14 partial-depth
     * shaped payloads, which are control frames, not errors.
     */
    private static final Map<String, List<Long>> EXPECTED_ERROR_LINES = new TreeMap<>(Map.ofEntries(
        Map.entry("binance-spot-aggTrade-extra.jsonl", List.of()),
        Map.entry("binance-spot-aggTrade.jsonl", List.of()),
        Map.entry("binance-spot-bookTicker-extra.jsonl", List.of()),
        Map.entry("binance-spot-bookTicker.jsonl", List.of()),
        Map.entry(SNAPSHOT_FILE, List.of()),
        Map.entry("binance-spot-depthUpdate-extra.jsonl", List.of()),
        Map.entry(DEPTH_FILE, List.of()),
        Map.entry("binance-spot-kline.jsonl", List.of()),
        Map.entry("binance-spot-system.jsonl", List.of()),
        Map.entry("binance-spot-trade.jsonl", List.of())));

    private static final DateTimeFormatter MILLIS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Map<String, List<String>> DECODED = new HashMap<>();

    @Test
    void everyRecordingDecodesAndOnlyMalformedLinesAreErrors() throws IOException
    {
        final Map<String, List<Long>> errorLines = new TreeMap<>();
        for (final Path file : RecordedFrames.files("binance-"))
        {
            final String name = file.getFileName().toString();
            final List<String> output = decode(name);
            final List<Long> lines = new ArrayList<>();
            for (final String line : output)
            {
                if ("error".equals(DecodedLine.type(line)))
                {
                    lines.add(DecodedLine.number(line, "line"));
                }
            }
            errorLines.put(name, lines);

            final String summary = output.get(output.size() - 1);
            assertEquals("summary", DecodedLine.type(summary), name);
            assertEquals(lines.size(), DecodedLine.number(summary, "errors"), name);
            assertEquals(Files.readAllLines(file, StandardCharsets.UTF_8).size(), DecodedLine.number(summary, "lines"),
                name);
        }
        assertEquals(EXPECTED_ERROR_LINES, errorLines);
    }

    @Test
    void depthRecordingWithSnapshotsSynchronisesAllFourteenSymbolsWithoutGap() throws IOException
    {
        final List<String> output = decode(DEPTH_FILE);
        final String summary = output.get(output.size() - 1);
        assertEquals(14, DecodedLine.number(summary, "synced"), summary);
        assertEquals(0, DecodedLine.number(summary, "gaps"), summary);
        assertEquals(0, DecodedLine.number(summary, "resyncs"), summary);
        assertEquals(0, DecodedLine.number(summary, "errors"), summary);

        final List<String> snapshots = Files.readAllLines(RecordedFrames.file(SNAPSHOT_FILE), StandardCharsets.UTF_8);
        assertEquals(SNAPSHOT_SYMBOLS.size(), snapshots.size());
        final Map<String, List<String>> rawEvents = rawDepthEventsBySymbol();
        assertEquals(SNAPSHOT_SYMBOLS.size(), rawEvents.size());

        for (int i = 0; i < SNAPSHOT_SYMBOLS.size(); i++)
        {
            final String symbol = SNAPSHOT_SYMBOLS.get(i);
            final String snapshot = snapshots.get(i);
            final long lastUpdateId = Long.parseLong(rawScalar(snapshot, "lastUpdateId"));

            int snapshotLevels = 0;
            int lastParts = 0;
            int doneEvents = 0;
            final List<String> updates = new ArrayList<>();
            for (final String line : output)
            {
                if (!symbol.equals(DecodedLine.string(line, "venueSymbol")))
                {
                    continue;
                }
                final String type = DecodedLine.type(line);
                if ("book_snapshot".equals(type))
                {
                    assertEquals(lastUpdateId, DecodedLine.number(line, "sequence"), symbol);
                    assertTrue(updates.isEmpty(), symbol + ": snapshot after updates");
                    snapshotLevels += DecodedLine.levels(line, "bids").size() + DecodedLine.levels(line, "asks").size();
                    lastParts += "true".equals(DecodedLine.scalar(line, "last")) ? 1 : 0;
                }
                else if ("feed_event".equals(type))
                {
                    assertEquals("RESYNC_DONE", DecodedLine.string(line, "event"), line);
                    assertEquals("synchronised", DecodedLine.string(line, "detail"), line);
                    doneEvents++;
                }
                else if ("book_update".equals(type))
                {
                    updates.add(line);
                }
            }
            assertEquals(1, lastParts, symbol + " got its snapshot, complete");
            assertEquals(1, doneEvents, symbol + " synchronised once");
            assertEquals(countLevels(snapshot), snapshotLevels, symbol + " snapshot levels");

            long expectedLast = lastUpdateId;
            long applicable = 0;
            for (final String event : rawEvents.get(symbol))
            {
                applicable += Long.parseLong(rawScalar(event, "u")) > lastUpdateId ? 1 : 0;
            }
            assertEquals(applicable, updates.size(), symbol + ": every event newer than the snapshot is applied");
            for (int u = 0; u < updates.size(); u++)
            {
                final String update = updates.get(u);
                final long first = DecodedLine.number(update, "firstSequence");
                final long last = DecodedLine.number(update, "sequence");
                if (0 == u)
                {
                    assertTrue(first <= lastUpdateId + 1 && lastUpdateId + 1 <= last, symbol + ": first " + update);
                }
                else
                {
                    assertEquals(expectedLast + 1, first, symbol + ": continuity at " + update);
                }
                expectedLast = last;
            }
        }
    }

    @Test
    void depthUpdatesCarryTheWireLevelsAndTimesExactly() throws IOException
    {
        final List<String> raw = Files.readAllLines(RecordedFrames.file(DEPTH_FILE), StandardCharsets.UTF_8);
        int checked = 0;
        for (final String line : decode(DEPTH_FILE))
        {
            if (!"book_update".equals(DecodedLine.type(line)))
            {
                continue;
            }
            final String wire = raw.get((int)DecodedLine.number(line, "line") - 1);
            assertEquals(rawString(wire, "s"), DecodedLine.string(line, "venueSymbol"));
            assertEquals(Long.parseLong(rawScalar(wire, "U")), DecodedLine.number(line, "firstSequence"));
            assertEquals(Long.parseLong(rawScalar(wire, "u")), DecodedLine.number(line, "sequence"));
            assertEquals(isoMillis(rawScalar(wire, "E")), DecodedLine.string(line, "exchangeTime"));
            assertSameLevels(rawLevels(wire, "b"), DecodedLine.levels(line, "bids"), line);
            assertSameLevels(rawLevels(wire, "a"), DecodedLine.levels(line, "asks"), line);
            checked++;
        }
        assertEquals(762, checked, "791 events less 29 older than their snapshot");
    }

    @Test
    void tradesCarryWireValuesAggressorSideAndMillisecondTimes() throws IOException
    {
        int checked = 0;
        for (final String file : List.of("binance-spot-trade.jsonl", "binance-spot-aggTrade.jsonl",
            "binance-spot-aggTrade-extra.jsonl"))
        {
            final List<String> raw = Files.readAllLines(RecordedFrames.file(file), StandardCharsets.UTF_8);
            final List<String> output = decode(file);
            assertEquals(raw.size(), output.size() - 1, file + ": one trade per line");
            for (int i = 0; i < raw.size(); i++)
            {
                final String wire = raw.get(i);
                final String line = output.get(i);
                assertEquals("trade", DecodedLine.type(line), line);
                assertEquals(i + 1, DecodedLine.number(line, "line"));
                final boolean aggregate = wire.contains("\"e\":\"aggTrade\"");
                final String id = rawScalar(wire, aggregate ? "a" : "t");
                assertEquals(id, DecodedLine.string(line, "tradeId"), line);
                assertEquals(Long.parseLong(id), DecodedLine.number(line, "sequence"), line);
                assertEquals(rawString(wire, "s"), DecodedLine.string(line, "venueSymbol"));
                assertSameDecimal(rawString(wire, "p"), DecodedLine.string(line, "price"), line);
                assertSameDecimal(rawString(wire, "q"), DecodedLine.string(line, "qty"), line);
                assertEquals("true".equals(rawScalar(wire, "m")) ? "sell" : "buy", DecodedLine.string(line, "side"));
                assertEquals(isoMillis(rawScalar(wire, "T")), DecodedLine.string(line, "exchangeTime"));
                checked++;
            }
        }
        assertEquals(11 + 54 + 2, checked);

        // Spelled out once, against the wire text of aggTrade line 2:
        // {"e":"aggTrade","E":1618677374538,"s":"BUSDTRY","a":1491245,"p":"8.13000000","q":"103.87000000",
        //  "f":1734548,"l":1734548,"T":1618677374535,"m":true,"M":true}
        final String busdTry = decode("binance-spot-aggTrade.jsonl").get(1);
        assertEquals("BUSD-TRY", DecodedLine.string(busdTry, "symbol"));
        assertEquals("8.13", DecodedLine.string(busdTry, "price"));
        assertEquals("103.87", DecodedLine.string(busdTry, "qty"));
        assertEquals("sell", DecodedLine.string(busdTry, "side"));
        assertEquals("1491245", DecodedLine.string(busdTry, "tradeId"));
        assertEquals("2021-04-17T16:36:14.535Z", DecodedLine.string(busdTry, "exchangeTime"));

        // trade line 9: "p":"107407.88000000" at BTCUSDT's catalogue price scale of 2, "m":true.
        final String btc = decode("binance-spot-trade.jsonl").get(8);
        assertEquals("BTC-USDT", DecodedLine.string(btc, "symbol"));
        assertEquals("107407.88", DecodedLine.string(btc, "price"));
        assertEquals("0.00024", DecodedLine.string(btc, "qty"));
        assertEquals("sell", DecodedLine.string(btc, "side"));
        assertEquals("2025-06-28T17:46:20.368Z", DecodedLine.string(btc, "exchangeTime"));
    }

    @Test
    void bookTickersCarryWireValuesUpdateIdAndNoTime() throws IOException
    {
        int checked = 0;
        for (final String file : List.of("binance-spot-bookTicker.jsonl", "binance-spot-bookTicker-extra.jsonl"))
        {
            final List<String> raw = Files.readAllLines(RecordedFrames.file(file), StandardCharsets.UTF_8);
            final List<String> output = decode(file);
            assertEquals(raw.size(), output.size() - 1, file);
            for (int i = 0; i < raw.size(); i++)
            {
                final String wire = raw.get(i);
                final String line = output.get(i);
                assertEquals("top_of_book", DecodedLine.type(line), line);
                assertEquals(rawString(wire, "s"), DecodedLine.string(line, "venueSymbol"));
                assertEquals(Long.parseLong(rawScalar(wire, "u")), DecodedLine.number(line, "sequence"));
                assertSameDecimal(rawString(wire, "b"), DecodedLine.string(line, "bidPrice"), line);
                assertSameDecimal(rawString(wire, "B"), DecodedLine.string(line, "bidQty"), line);
                assertSameDecimal(rawString(wire, "a"), DecodedLine.string(line, "askPrice"), line);
                assertSameDecimal(rawString(wire, "A"), DecodedLine.string(line, "askQty"), line);
                assertEquals("null", DecodedLine.scalar(line, "exchangeTime"));
                checked++;
            }
        }
        assertEquals(496 + 3, checked);
    }

    @Test
    void venueSymbolsNormaliseByLongestQuoteSuffix() throws IOException
    {
        final Map<String, String> canonical = new TreeMap<>();
        for (final String file : List.of(DEPTH_FILE, "binance-spot-aggTrade.jsonl", "binance-spot-bookTicker.jsonl"))
        {
            for (final String line : decode(file))
            {
                final String venueSymbol = DecodedLine.string(line, "venueSymbol");
                if (null != venueSymbol)
                {
                    canonical.put(venueSymbol, DecodedLine.string(line, "symbol"));
                }
            }
        }
        assertEquals("BUSD-TRY", canonical.get("BUSDTRY"));
        assertEquals("AAVEUP-USDT", canonical.get("AAVEUPUSDT"));
        assertEquals("SWRV-BUSD", canonical.get("SWRVBUSD"));
        assertEquals("RUNE-EUR", canonical.get("RUNEEUR"));
        assertEquals("ADA-RUB", canonical.get("ADARUB"));
        assertEquals("PERL-BNB", canonical.get("PERLBNB"));
        for (final Map.Entry<String, String> entry : canonical.entrySet())
        {
            assertEquals(entry.getKey(), entry.getValue().replace("-", ""), entry.toString());
        }
    }

    @Test
    void controlFramesBecomeControlAndErrorsBecomeRejections() throws IOException
    {
        final List<String> klines = decode("binance-spot-kline.jsonl");
        assertEquals(39 + 1, klines.size());
        for (final String line : klines.subList(0, 39))
        {
            assertEquals("control", DecodedLine.type(line), line);
            assertEquals("kline (not normalized)", DecodedLine.string(line, "what"));
        }

        final List<String> system = decode("binance-spot-system.jsonl");
        final List<String> expected = List.of(
            "control serverShutdown", "control serverShutdown", "control request acknowledged",
            "control request acknowledged", "control subscription list", "control request acknowledged",
            "control property value",
            "SUBSCRIPTION_REJECTED Invalid value type: expected Boolean",
            "SUBSCRIPTION_REJECTED Invalid request: property name must be a string",
            "SUBSCRIPTION_REJECTED Invalid request: missing field `method` at line 1 column 73");
        final List<String> actual = new ArrayList<>();
        for (final String line : system.subList(0, system.size() - 1))
        {
            actual.add("control".equals(DecodedLine.type(line)) ? "control " + DecodedLine.string(line, "what") :
                DecodedLine.string(line, "event") + " " + DecodedLine.string(line, "detail"));
            if ("feed_event".equals(DecodedLine.type(line)))
            {
                assertNull(DecodedLine.string(line, "symbol"), line);
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void isolatedDepthEventsWithoutSnapshotsPublishNothing() throws IOException
    {
        for (final String file : List.of("binance-spot-depthUpdate-extra.jsonl", DEPTH_FILE))
        {
            final List<String> output = RecordedFrames.decode(new BinanceProtocol(), RecordedFrames.file(file), null);
            assertEquals(1, output.size(), file + ": only the summary, events wait for snapshots: " + output);
            assertEquals(0, DecodedLine.number(output.get(0), "synced"));
            assertEquals(0, DecodedLine.number(output.get(0), "errors"));
        }
    }

    private static List<String> decode(final String name) throws IOException
    {
        List<String> output = DECODED.get(name);
        if (null == output)
        {
            final Path snapshots = DEPTH_FILE.equals(name) ? RecordedFrames.file(SNAPSHOT_FILE) : null;
            output = RecordedFrames.decode(new BinanceProtocol(), RecordedFrames.file(name), snapshots);
            assertNotNull(output);
            DECODED.put(name, output);
        }
        return output;
    }

    private static Map<String, List<String>> rawDepthEventsBySymbol() throws IOException
    {
        final Map<String, List<String>> events = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(RecordedFrames.file(DEPTH_FILE), StandardCharsets.UTF_8))
        {
            events.computeIfAbsent(rawString(line, "s"), (k) -> new ArrayList<>()).add(line);
        }
        return events;
    }

    private static String rawString(final String wire, final String field)
    {
        final Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(wire);
        if (!matcher.find())
        {
            throw new AssertionError("no string " + field + " in " + wire);
        }
        return matcher.group(1);
    }

    private static String rawScalar(final String wire, final String field)
    {
        final Matcher matcher = Pattern.compile("\"" + field + "\":(-?[0-9]+|true|false)").matcher(wire);
        if (!matcher.find())
        {
            throw new AssertionError("no scalar " + field + " in " + wire);
        }
        return matcher.group(1);
    }

    private static List<String[]> rawLevels(final String wire, final String side)
    {
        return DecodedLine.levels(wire.replace(" ", ""), side);
    }

    private static int countLevels(final String snapshot)
    {
        return DecodedLine.levels(snapshot, "bids").size() + DecodedLine.levels(snapshot, "asks").size();
    }

    private static String isoMillis(final String millis)
    {
        return MILLIS.format(Instant.ofEpochMilli(Long.parseLong(millis)));
    }

    private static void assertSameDecimal(final String wire, final String decoded, final String context)
    {
        assertNotNull(decoded, context);
        assertEquals(0, new BigDecimal(wire).compareTo(new BigDecimal(decoded)), wire + " vs " + decoded + " in " +
            context);
    }

    private static void assertSameLevels(final List<String[]> wire, final List<String[]> decoded, final String context)
    {
        assertEquals(wire.size(), decoded.size(), context);
        for (int i = 0; i < wire.size(); i++)
        {
            assertSameDecimal(wire.get(i)[0], decoded.get(i)[0], context);
            assertSameDecimal(wire.get(i)[1], decoded.get(i)[1], context);
        }
    }
}
