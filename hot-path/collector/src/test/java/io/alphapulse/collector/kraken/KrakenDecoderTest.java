/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alphapulse.collector.kraken.DecodedLines.ofType;
import static io.alphapulse.collector.kraken.DecodedLines.sameDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crafted frames: resync of one pair among others, rejected subscriptions, malformed input, crossed books, depth
 * truncation and exact trades.
 */
@Timeout(30)
class KrakenDecoderTest
{
    private static final String TIME = "1618678133.123456";

    // ----------------------------------------------------------------------------------------------------------
    // Frame builders.
    // ----------------------------------------------------------------------------------------------------------

    private static String levels(final String[][] levels)
    {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < levels.length; i++)
        {
            text.append(0 == i ? "" : ",").append("[\"").append(levels[i][0]).append("\",\"").append(levels[i][1])
                .append("\",\"").append(TIME).append('"');
            if (levels[i].length > 2)
            {
                text.append(",\"").append(levels[i][2]).append('"');
            }
            text.append(']');
        }
        return text.append(']').toString();
    }

    private static String v1Snapshot(final String pair, final int depth, final String[][] asks, final String[][] bids)
    {
        return "[42,{\"as\":" + levels(asks) + ",\"bs\":" + levels(bids) + "},\"book-" + depth + "\",\"" + pair +
            "\"]";
    }

    private static String v1Update(
        final String pair, final int depth, final String side, final String[][] levels, final long checksum)
    {
        return "[42,{\"" + side + "\":" + levels(levels) + ",\"c\":\"" + checksum + "\"},\"book-" + depth + "\",\"" +
            pair + "\"]";
    }

    private static String[][] l(final String... priceQuantity)
    {
        final String[][] levels = new String[priceQuantity.length / 2][];
        for (int i = 0; i < levels.length; i++)
        {
            levels[i] = new String[]{ priceQuantity[2 * i], priceQuantity[2 * i + 1] };
        }
        return levels;
    }

    private static List<String> events(final List<Map<String, Object>> lines)
    {
        final List<String> events = new ArrayList<>();
        for (final Map<String, Object> event : ofType(lines, "feed_event"))
        {
            events.add(event.get("event") + ":" + event.get("symbol"));
        }
        return events;
    }

    private static WireBook xbtBook()
    {
        return new WireBook(10)
            .ask("39090.60000", "0.00007039").ask("39094.90000", "0.20000000").ask("39096.20000", "0.25584089")
            .bid("39071.40000", "7.93106570").bid("39071.30000", "0.01090000").bid("39071.20000", "0.76000000");
    }

    private static String xbtSnapshot()
    {
        return v1Snapshot("XBT/USD", 10,
            l("39090.60000", "0.00007039", "39094.90000", "0.20000000", "39096.20000", "0.25584089"),
            l("39071.40000", "7.93106570", "39071.30000", "0.01090000", "39071.20000", "0.76000000"));
    }

    private static WireBook ethBook()
    {
        return new WireBook(10)
            .ask("2192.68000", "3.00000000").ask("2192.69000", "0.79681000")
            .bid("2187.73000", "1.16945886").bid("2187.70000", "0.50000000");
    }

    private static String ethSnapshot()
    {
        return v1Snapshot("ETH/USD", 10,
            l("2192.68000", "3.00000000", "2192.69000", "0.79681000"),
            l("2187.73000", "1.16945886", "2187.70000", "0.50000000"));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Tests.
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void badChecksumResyncsOnlyThatPair()
    {
        final KrakenHarness harness = new KrakenHarness();
        final WireBook xbt = xbtBook();
        final WireBook eth = ethBook();
        assertEquals("book_snapshot", harness.frame(xbtSnapshot()).get(0).get("type"));
        assertEquals("book_snapshot", harness.frame(ethSnapshot()).get(0).get("type"));
        assertEquals(2, harness.decoder.syncedBookCount());

        final List<Map<String, Object>> xbtOk = harness.frame(v1Update("XBT/USD", 10, "b",
            l("39071.40000", "7.26106570"), xbt.bid("39071.40000", "7.26106570").checksum()));
        assertEquals("ok", xbtOk.get(0).get("checksum"));

        // ETH/USD: a checksum that cannot match.
        final long right = eth.ask("2192.68000", "2.50000000").checksum();
        final List<Map<String, Object>> failed =
            harness.frame(v1Update("ETH/USD", 10, "a", l("2192.68000", "2.50000000"), (right + 1) & 0xFFFF_FFFFL));
        assertEquals(3, failed.size());
        assertEquals("book_update", failed.get(0).get("type"));
        assertEquals("failed", failed.get(0).get("checksum"));
        assertEquals(List.of("CHECKSUM_FAILURE:ETH-USD", "RESYNC_STARTED:ETH-USD"), events(failed));
        assertEquals(1, harness.resyncRequests.size());
        assertEquals("ETH-USD", harness.resyncRequests.get(0).symbol());
        assertEquals(1, harness.decoder.syncedBookCount());

        // ETH/USD updates are ignored until its next snapshot; XBT/USD keeps flowing.
        assertEquals(List.of(), harness.frame(v1Update("ETH/USD", 10, "a", l("2192.68000", "2.00000000"), 1)));
        final List<Map<String, Object>> xbtStill = harness.frame(v1Update("XBT/USD", 10, "a",
            l("39094.90000", "0.10000000"), xbt.ask("39094.90000", "0.10000000").checksum()));
        assertEquals("ok", xbtStill.get(0).get("checksum"));
        assertEquals("BTC-USD", xbtStill.get(0).get("symbol"));

        final List<Map<String, Object>> resynced = harness.frame(ethSnapshot());
        assertEquals("book_snapshot", resynced.get(0).get("type"));
        assertEquals(List.of("RESYNC_DONE:ETH-USD"), events(resynced));
        assertEquals(2, harness.decoder.syncedBookCount());

        final WireBook fresh = ethBook();
        final List<Map<String, Object>> ethOk = harness.frame(v1Update("ETH/USD", 10, "b",
            l("2187.73000", "0.00000000"), fresh.bid("2187.73000", "0.00000000").checksum()));
        assertEquals("ok", ethOk.get(0).get("checksum"));
        assertEquals(1, harness.resyncRequests.size());
    }

    @Test
    void v2BadSnapshotChecksumResyncsAndTheNextSnapshotCompletesIt()
    {
        final KrakenHarness harness = new KrakenHarness();
        final long right = new WireBook(10).bid("0.5666", "4831.75496356").ask("0.5667", "100.00000000").checksum();
        final String snapshot = "{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"MATIC/USD\"," +
            "\"bids\":[{\"price\":0.5666,\"qty\":4831.75496356}],\"asks\":[{\"price\":0.5667,\"qty\":100.00000000}]," +
            "\"checksum\":%d,\"timestamp\":\"2023-10-06T17:35:55.440295Z\"}]}";

        final List<Map<String, Object>> bad = harness.frame(String.format(snapshot, right ^ 1));
        assertEquals("failed", bad.get(0).get("checksum"));
        assertEquals(List.of("CHECKSUM_FAILURE:MATIC-USD", "RESYNC_STARTED:MATIC-USD"), events(bad));
        assertEquals(1, harness.resyncRequests.size());
        assertEquals(0, harness.decoder.syncedBookCount());

        final List<Map<String, Object>> good = harness.frame(String.format(snapshot, right));
        assertEquals("ok", good.get(0).get("checksum"));
        assertEquals(List.of("RESYNC_DONE:MATIC-USD"), events(good));
        assertEquals("2023-10-06T17:35:55.440295Z", good.get(0).get("exchangeTime"));
    }

    @Test
    void rejectedSubscriptionIsOneFeedEventAndRegistersNoInstrument()
    {
        final KrakenHarness harness = new KrakenHarness();

        final List<Map<String, Object>> v2 = harness.frame("{\"error\":\"Currency pair not supported FOO/BAR\"," +
            "\"method\":\"subscribe\",\"success\":false,\"symbol\":\"FOO/BAR\",\"time_in\":\"2026-09-25T17:48:54." +
            "701041Z\",\"time_out\":\"2026-09-25T17:48:54.701062Z\"}");
        assertEquals(1, v2.size());
        assertEquals("SUBSCRIPTION_REJECTED", v2.get(0).get("event"));
        assertEquals("Currency pair not supported FOO/BAR", v2.get(0).get("detail"));
        assertNull(v2.get(0).get("symbol"));

        final List<Map<String, Object>> v1 = harness.frame("{\"errorMessage\":\"Currency pair not in ISO 4217-A3 " +
            "format FOO/BAR\",\"event\":\"subscriptionStatus\",\"pair\":\"FOO/BAR\",\"status\":\"error\"," +
            "\"subscription\":{\"name\":\"book\"}}");
        assertEquals(1, v1.size());
        assertEquals("SUBSCRIPTION_REJECTED", v1.get(0).get("event"));
        assertEquals("Currency pair not in ISO 4217-A3 format FOO/BAR (pair FOO/BAR)", v1.get(0).get("detail"));

        final List<Map<String, Object>> generic = harness.frame("{\"errorMessage\":\"Malformed request\"," +
            "\"event\":\"error\"}");
        assertEquals("Malformed request", generic.get(0).get("detail"));

        assertNull(harness.registry.byCanonical(Exchange.KRAKEN, "FOO-BAR"));
    }

    @Test
    void malformedFramesAreReportedAndPublishNothing()
    {
        final KrakenHarness harness = new KrakenHarness();
        final String v2Trade = "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\"," +
            "\"side\":\"buy\",\"price\":%s,\"qty\":%s,\"ord_type\":\"limit\",\"trade_id\":%s,\"timestamp\":%s}]}";
        final String goodTime = "\"2026-09-25T17:48:26.844359Z\"";
        final String[] frames = {
            // truncated JSON
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"buy\",\"pri",
            "[993,[[\"354.11000000\",\"0.89594024\",\"1618678142.557535\",\"s\",\"l\",\"\"]],\"trade\",\"XMR/US",
            // malformed values
            String.format(v2Trade, "\"0.-1\"", "0.1", "1", goodTime),
            String.format(v2Trade, "83744.35", "0.1", "1", goodTime), // BTC-USD ticks are 0.1: not exact
            String.format(v2Trade, "83744.3", "-0.1", "1", goodTime),
            String.format(v2Trade, "83744.3", "0.1", "1", "\"yesterday\""),
            "[993,[[\"354.11\",\"0.5\",\"not-a-time\",\"s\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]",
            "[993,[[\"354.11\",\"0.5\",\"1618678142.557535\",\"x\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]",
            "[42,{\"b\":[[\"abc\",\"1.0\",\"1618678142.557535\"]],\"c\":\"1\"},\"book-10\",\"XBT/USD\"]",
            "[42,{\"b\":[[\"1.0\",\"1.0\",\"1618678142.557535\"]],\"c\":\"99999999999\"},\"book-10\",\"XBT/USD\"]",
            // wrong types
            String.format(v2Trade, "83744.3", "true", "1", goodTime),
            String.format(v2Trade, "83744.3", "0.1", "\"abc\"", goodTime),
            String.format(v2Trade, "{\"v\":1}", "0.1", "1", goodTime),
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":{}}",
            "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bid\":1.0}]}",
            "{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bids\":{},\"asks\":[]}]}",
            "[993,[[\"354.11000000\",{\"x\":1},\"1618678142.557535\",\"s\",\"l\",\"\"]],\"trade\",\"XMR/USD\"]",
            "[993,[\"354.11000000\"],\"trade\",\"XMR/USD\"]",
            "[\"993\",[],\"trade\",\"XMR/USD\"]",
            "[993,[],\"trade\",7]",
            // not Kraken, not JSON, or not understood
            "not json",
            "42",
            "[]",
            "{}",
            "[993,[],\"trade\",\"XMR/USD\"] trailing",
            "[993,[],\"trade\",\"NOT A PAIR\"]",
            "[993,{},\"spread\",\"XBT/USD\"]",
            "{\"channel\":\"instrument\",\"type\":\"snapshot\",\"data\":[]}",
            "{\"Error\":\"Exceeded msg rate\"}",
            // one bad trade among good ones publishes none of them
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"buy\"," +
                "\"price\":83744.3,\"qty\":0.1,\"ord_type\":\"limit\",\"trade_id\":1,\"timestamp\":" + goodTime +
                "},{\"symbol\":\"BTC/USD\",\"side\":\"buy\",\"price\":83744.3,\"qty\":\"0.-1\",\"ord_type\":" +
                "\"limit\",\"trade_id\":2,\"timestamp\":" + goodTime + "}]}",
        };

        for (final String frame : frames)
        {
            final List<Map<String, Object>> lines = harness.frame(frame);
            assertEquals(1, lines.size(), () -> frame + " -> " + lines);
            assertEquals("error", lines.get(0).get("type"), frame);
            assertTrue(((String)lines.get(0).get("message")).startsWith("Kraken: "), frame);
        }

        final List<Map<String, Object>> named = harness.frame(String.format(v2Trade, "\"0.-1\"", "0.1", "1",
            goodTime));
        assertTrue(((String)named.get(0).get("message")).contains("'0.-1'"), named.toString());

        // Decoding goes on.
        final List<Map<String, Object>> good = harness.frame(String.format(v2Trade, "83744.3", "0.1", "7", goodTime));
        assertEquals("trade", good.get(0).get("type"));
    }

    @Test
    void malformedBookUpdateLeavesTheBookUntouched()
    {
        final KrakenHarness harness = new KrakenHarness();
        final WireBook xbt = xbtBook();
        harness.frame(xbtSnapshot());

        // First level fine, second not: nothing of the frame may reach the book.
        final List<Map<String, Object>> bad = harness.frame("[42,{\"a\":[[\"39090.60000\",\"0.00000000\",\"" + TIME +
            "\"],[\"39094.90000\",\"0.-1\",\"" + TIME + "\"]],\"c\":\"1\"},\"book-10\",\"XBT/USD\"]");
        assertEquals(List.of("error"), bad.stream().map((line) -> line.get("type")).toList());

        final List<Map<String, Object>> ok = harness.frame(v1Update("XBT/USD", 10, "b",
            l("39071.30000", "0.02000000"), xbt.bid("39071.30000", "0.02000000").checksum()));
        assertEquals("ok", ok.get(0).get("checksum"));
    }

    @Test
    void crossedBookRaisesOneEventPerEpisode()
    {
        final KrakenHarness harness = new KrakenHarness();
        final WireBook eth = ethBook();
        harness.frame(ethSnapshot());

        final List<Map<String, Object>> crossed = harness.frame(v1Update("ETH/USD", 10, "b",
            l("2192.68000", "1.00000000"), eth.bid("2192.68000", "1.00000000").checksum()));
        assertEquals("ok", crossed.get(0).get("checksum"));
        assertEquals(List.of("CROSSED_BOOK:ETH-USD"), events(crossed));

        final List<Map<String, Object>> still = harness.frame(v1Update("ETH/USD", 10, "b",
            l("2192.69000", "1.00000000"), eth.bid("2192.69000", "1.00000000").checksum()));
        assertEquals(List.of(), events(still));

        final List<Map<String, Object>> uncrossed = harness.frame(v1Update("ETH/USD", 10, "b",
            new String[][]{ { "2192.69000", "0.00000000" }, { "2192.68000", "0.00000000" } },
            eth.bid("2192.69000", "0.00000000").bid("2192.68000", "0.00000000").checksum()));
        assertEquals(List.of(), events(uncrossed));

        final List<Map<String, Object>> again = harness.frame(v1Update("ETH/USD", 10, "a",
            l("2187.73000", "1.00000000"), eth.ask("2187.73000", "1.00000000").checksum()));
        assertEquals(List.of("CROSSED_BOOK:ETH-USD"), events(again));
    }

    @Test
    @SuppressWarnings("unchecked")
    void levelsPushedOutOfTheDepthAreDeletedAndChecked()
    {
        final KrakenHarness harness = new KrakenHarness();
        final String[][] bids = new String[10][];
        final WireBook book = new WireBook(10).ask("101.00000", "1.00000000");
        for (int i = 0; i < 10; i++)
        {
            bids[i] = new String[]{ (90 + i) + ".00000", "2.00000000" };
            book.bid(bids[i][0], bids[i][1]);
        }
        harness.frame(v1Snapshot("ETH/USD", 10, l("101.00000", "1.00000000"), bids));

        // A better bid pushes 90.00000 out of the top 10: Kraken sends no delete for it.
        final List<Map<String, Object>> lines = harness.frame(v1Update("ETH/USD", 10, "b",
            l("100.00000", "3.00000000"), book.bid("100.00000", "3.00000000").checksum()));
        final Map<String, Object> update = lines.get(0);
        assertEquals("ok", update.get("checksum"));
        final List<List<Object>> published = (List<List<Object>>)update.get("bids");
        assertEquals(2, published.size());
        assertTrue(sameDecimal(published.get(0).get(0), "100") && sameDecimal(published.get(0).get(1), "3"));
        assertTrue(sameDecimal(published.get(1).get(0), "90") && sameDecimal(published.get(1).get(1), "0"));
        assertEquals(10, harness.decoder.book(harness.instrument("ETH/USD")).bids().size());

        // Republished levels carry a fourth element "r".
        final List<Map<String, Object>> republished = harness.frame(v1Update("ETH/USD", 10, "b",
            new String[][]{ { "99.00000", "0.00000000" }, { "90.00000", "2.00000000", "r" } },
            book.bid("99.00000", "0.00000000").bid("90.00000", "2.00000000").checksum()));
        assertEquals("ok", republished.get(0).get("checksum"));
    }

    @Test
    void v2BookDepthComesFromTheAckOrTheSnapshot()
    {
        final KrakenHarness harness = new KrakenHarness();
        harness.frame("{\"method\":\"subscribe\",\"result\":{\"channel\":\"book\",\"depth\":25,\"snapshot\":true," +
            "\"symbol\":\"ALGO/USD\"},\"success\":true,\"time_in\":\"2023-10-06T17:35:55.219022Z\",\"time_out\":" +
            "\"2023-10-06T17:35:55.219067Z\"}");
        assertEquals(25, harness.decoder.bookDepth(harness.instrument("ALGO/USD")));

        // No ack for SOL/USD: a 25-level snapshot means depth 25, not the default 10.
        final StringBuilder bids = new StringBuilder();
        final WireBook book = new WireBook(25);
        for (int i = 0; i < 25; i++)
        {
            final String price = (100 + i) + ".00";
            bids.append(0 == i ? "" : ",").append("{\"price\":").append(price).append(",\"qty\":1.00000000}");
            book.bid(price, "1.00000000");
        }
        final List<Map<String, Object>> snapshot = harness.frame("{\"channel\":\"book\",\"type\":\"snapshot\"," +
            "\"data\":[{\"symbol\":\"SOL/USD\",\"bids\":[" + bids + "],\"asks\":[],\"checksum\":" + book.checksum() +
            "}]}");
        assertEquals("ok", snapshot.get(0).get("checksum"));
        assertEquals(25, harness.decoder.bookDepth(harness.instrument("SOL/USD")));

        // Deleting the best bid exposes the 11th level of the snapshot: it must still be there. Zero as 0E-8.
        final List<Map<String, Object>> update = harness.frame("{\"channel\":\"book\",\"type\":\"update\",\"data\":" +
            "[{\"symbol\":\"SOL/USD\",\"bids\":[{\"price\":124.00,\"qty\":0E-8}],\"asks\":[],\"checksum\":" +
            book.bid("124.00", "0.00000000").checksum() + ",\"timestamp\":\"2024-04-04T22:01:57.362980Z\"}]}");
        assertEquals("ok", update.get(0).get("checksum"));
        assertEquals("2024-04-04T22:01:57.362980Z", update.get(0).get("exchangeTime"));
    }

    @Test
    void reconnectWaitsForNewSnapshots()
    {
        final KrakenHarness harness = new KrakenHarness();
        final WireBook xbt = xbtBook();
        harness.frame(xbtSnapshot());
        harness.decoder.onDisconnected(1);
        harness.decoder.onConnected(2);
        assertEquals(0, harness.decoder.syncedBookCount());

        assertEquals(List.of(), harness.frame(v1Update("XBT/USD", 10, "b", l("39071.40000", "1.00000000"), 1)));
        assertEquals(1, harness.decoder.ignoredUpdateCount());
        harness.frame(xbtSnapshot());
        final List<Map<String, Object>> ok = harness.frame(v1Update("XBT/USD", 10, "b",
            l("39071.40000", "1.00000000"), xbt.bid("39071.40000", "1.00000000").checksum()));
        assertEquals("ok", ok.get(0).get("checksum"));
        assertTrue(harness.resyncRequests.isEmpty());
    }

    @Test
    void v1TradeDecodesExactly()
    {
        final KrakenHarness harness = new KrakenHarness();
        final List<Map<String, Object>> lines = harness.frame("[321,[[\"57126.70000\",\"0.02063928\"," +
            "\"1616333924.737428\",\"b\",\"m\",\"\"],[\"57126.60000\",\"1.00000000\",\"1616333924.7\",\"s\",\"l\"," +
            "\"\"]],\"trade\",\"XBT/USD\"]");

        assertEquals(2, lines.size());
        final Map<String, Object> trade = lines.get(0);
        assertEquals("trade", trade.get("type"));
        assertEquals("KRAKEN", trade.get("exchange"));
        assertEquals("BTC-USD", trade.get("symbol"));
        assertEquals("XBT/USD", trade.get("venueSymbol"));
        assertEquals("57126.7", trade.get("price"));
        assertEquals("0.02063928", trade.get("qty"));
        assertEquals("buy", trade.get("side"));
        assertNull(trade.get("tradeId"));
        assertEquals("2021-03-21T13:38:44.737428Z", trade.get("exchangeTime"));
        assertEquals("sell", lines.get(1).get("side"));
        assertEquals("2021-03-21T13:38:44.700000Z", lines.get(1).get("exchangeTime"));
        assertEquals(MarketDataProxy.NULL_SEQUENCE, harness.decoder.frameSequence());
    }

    @Test
    void v2TradeDecodesExactly()
    {
        final KrakenHarness harness = new KrakenHarness();
        final List<Map<String, Object>> lines = harness.frame("{\"channel\":\"trade\",\"type\":\"update\",\"data\":" +
            "[{\"symbol\":\"DOGE/USD\",\"side\":\"sell\",\"price\":0.1234567,\"qty\":4000.00000000,\"ord_type\":" +
            "\"market\",\"trade_id\":9007199254740993,\"timestamp\":\"2026-09-25T17:48:26.844359Z\"}]}");

        assertEquals(1, lines.size());
        final Map<String, Object> trade = lines.get(0);
        assertEquals("DOGE-USD", trade.get("symbol"));
        assertEquals("0.1234567", trade.get("price"));
        assertEquals("4000", trade.get("qty"));
        assertEquals("sell", trade.get("side"));
        assertEquals("9007199254740993", trade.get("tradeId"));
        assertEquals("2026-09-25T17:48:26.844359Z", trade.get("exchangeTime"));
    }

    @Test
    void controlFramesAreControl()
    {
        final KrakenHarness harness = new KrakenHarness();
        final String[][] frames = {
            { "{\"channel\":\"heartbeat\"}", "heartbeat" },
            { "{\"event\":\"heartbeat\"}", "heartbeat" },
            { "{\"channel\":\"status\",\"data\":[{\"api_version\":\"v2\",\"connection_id\":18446744073709551615," +
                "\"system\":\"online\",\"version\":\"2.0.0\"}],\"type\":\"update\"}", "status" },
            { "{\"connectionID\":18239578009413566319,\"event\":\"systemStatus\",\"status\":\"online\"}", "status" },
            { "{\"method\":\"pong\",\"req_id\":7,\"time_in\":\"2023-09-24T14:10:23.799685Z\"}", "pong" },
            { "{\"event\":\"pong\",\"reqid\":42}", "pong" },
            { "{\"channelID\":1665,\"channelName\":\"trade\",\"event\":\"subscriptionStatus\",\"pair\":\"WAVES/EUR\"," +
                "\"status\":\"subscribed\",\"subscription\":{\"name\":\"trade\"}}", "subscribed" },
            { "{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"trade\",\"symbol\":\"MATIC/USD\"}," +
                "\"success\":true}", "unsubscribed" },
        };
        for (final String[] frame : frames)
        {
            final List<Map<String, Object>> lines = harness.frame(frame[0]);
            assertEquals(1, lines.size(), frame[0]);
            assertEquals("control", lines.get(0).get("type"), frame[0]);
            assertEquals(frame[1], lines.get(0).get("what"), frame[0]);
        }
    }
}
