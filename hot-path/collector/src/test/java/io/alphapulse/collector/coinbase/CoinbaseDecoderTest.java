/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.alphapulse.collector.coinbase.DecoderHarness.events;
import static io.alphapulse.collector.coinbase.DecoderHarness.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Coinbase decoder on crafted frames of both feeds: sequence gaps, rejected subscriptions, malformed frames and
 * values, crossed books, maker-to-aggressor inversion, book sync rules, and allocation in the steady state.
 */
@Timeout(30)
class CoinbaseDecoderTest
{
    private static final String TIMESTAMP = "2026-08-09T21:05:48.228568804Z";
    private static final long TIMESTAMP_NS = 1_786_309_548_228_568_804L;
    private static final String EVENT_TIME = "2026-08-09T21:05:48.170326Z";

    private final DecoderHarness harness = new DecoderHarness();

    // ---------------------------------------------------------------------------------------------------------------
    // Advanced Trade sequence_num
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void sequenceGapPublishesOneGapAndAsksForOneReconnect()
    {
        harness.frames(heartbeat(0), heartbeat(1));
        assertTrue(harness.reconnectReasons.isEmpty());

        final List<Map<String, Object>> out = harness.frame(heartbeat(5));

        final List<Map<String, Object>> gaps = events(out, "GAP");
        assertEquals(1, gaps.size());
        assertEquals(2L, gaps.get(0).get("expected"));
        assertEquals(5L, gaps.get(0).get("received"));
        assertNull(gaps.get(0).get("symbol"));
        assertEquals(1, events(out, "RESYNC_STARTED").size());
        assertEquals(List.of(CoinbaseDecoder.RECONNECT_REASON), harness.reconnectReasons);
        assertEquals(5L, harness.decoder.frameSequence());

        // The expectation moves on: no second gap for the next message, and one reconnect request per connection.
        assertTrue(events(harness.frame(heartbeat(6)), "GAP").isEmpty());
        final List<Map<String, Object>> second = harness.frame(heartbeat(9));
        assertEquals(1, events(second, "GAP").size());
        assertTrue(events(second, "RESYNC_STARTED").isEmpty());
        assertEquals(1, harness.reconnectReasons.size());
    }

    @Test
    void everyChannelCountsInTheConnectionSequence()
    {
        final List<Map<String, Object>> out = harness.frames(
            advanced(0, "subscriptions", "[{\"subscriptions\":{\"heartbeats\":[\"heartbeats\"]}}]"),
            advanced(1, "candles", "[{\"type\":\"snapshot\",\"candles\":[]}]"),
            heartbeat(2),
            l2(3, "snapshot", "BTC-USD", level("bid", "100", "1"), level("offer", "101", "1")),
            ticker(4, "BTC-USD", "100", "1", "101", "1"),
            trades(5, "update", trade("BTC-USD", "7", "100.5", "0.1", "BUY")));

        assertTrue(events(out, "GAP").isEmpty());
        assertTrue(harness.reconnectReasons.isEmpty());
    }

    @Test
    void aConnectionStartsAtSequenceZero()
    {
        final List<Map<String, Object>> gaps = events(harness.frame(heartbeat(3)), "GAP");

        assertEquals(1, gaps.size());
        assertEquals(0L, gaps.get(0).get("expected"));
        assertEquals(3L, gaps.get(0).get("received"));
    }

    @Test
    void gapUnsyncsEveryBookAndTheNewConnectionsSnapshotsRebuildThem()
    {
        harness.frames(
            l2(0, "snapshot", "BTC-USD", level("bid", "100", "1"), level("offer", "101", "1")),
            l2(1, "snapshot", "ETH-USD", level("bid", "10", "1"), level("offer", "11", "1")));
        assertEquals(2, harness.decoder.syncedBookCount());

        harness.frame(heartbeat(3));
        assertEquals(0, harness.decoder.syncedBookCount());
        final List<Map<String, Object>> ignored = harness.frame(l2(4, "update", "BTC-USD", level("bid", "99", "2")));
        assertTrue(ofType(ignored, "book_update").isEmpty());
        assertEquals(CoinbaseDecoder.UPDATE_BEFORE_SNAPSHOT, ofType(ignored, "control").get(0).get("what"));

        harness.reconnect();
        final List<Map<String, Object>> rebuilt = harness.frame(
            l2(0, "snapshot", "BTC-USD", level("bid", "100", "3"), level("offer", "101", "1")));

        assertTrue(events(rebuilt, "GAP").isEmpty());
        assertEquals(1, ofType(rebuilt, "book_snapshot").size());
        final List<Map<String, Object>> done = events(rebuilt, "RESYNC_DONE");
        assertEquals(1, done.size());
        assertEquals("BTC-USD", done.get(0).get("symbol"));
        assertEquals(1, harness.decoder.syncedBookCount());
        assertEquals(300_000_000L, harness.book("BTC-USD").bids().quantity(0));
    }

    @Test
    void truncatedAdvancedFrameIsAnErrorAndItsLossShowsAsAGapOnTheNextFrame()
    {
        harness.frame(heartbeat(0));
        final String whole = ticker(1, "BTC-USD", "100", "1", "101", "1");

        final List<Map<String, Object>> out = harness.frame(whole.substring(0, whole.length() - 10));

        assertEquals(1, out.size());
        assertEquals("error", out.get(0).get("type"));
        final List<Map<String, Object>> gaps = events(harness.frame(heartbeat(2)), "GAP");
        assertEquals(1, gaps.size());
        assertEquals(1L, gaps.get(0).get("expected"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Subscriptions and control
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void rejectedSubscriptionIsAFeedEvent()
    {
        final List<Map<String, Object>> exchange = harness.frame(
            "{\"type\":\"error\",\"message\":\"Failed to subscribe\",\"reason\":\"GIBBERISH-USD is not a valid product\"}");
        final List<Map<String, Object>> advanced = harness.frame(
            "{\"type\":\"error\",\"message\":\"failure to subscribe\"}");

        assertEquals(1, exchange.size());
        assertEquals("SUBSCRIPTION_REJECTED", exchange.get(0).get("event"));
        assertNull(exchange.get(0).get("symbol"));
        assertEquals("Failed to subscribe: GIBBERISH-USD is not a valid product", exchange.get(0).get("detail"));
        assertEquals(1, advanced.size());
        assertEquals("SUBSCRIPTION_REJECTED", advanced.get(0).get("event"));
        assertEquals("failure to subscribe", advanced.get(0).get("detail"));
    }

    @Test
    void controlFramesNeverBecomeMarketData()
    {
        final List<Map<String, Object>> out = harness.frames(
            advanced(0, "subscriptions", "[{\"subscriptions\":{\"level2\":[\"BTC-USD\"]}}]"),
            heartbeat(1),
            advanced(2, "candles", "[{\"type\":\"update\",\"candles\":[{\"product_id\":\"BTC-USD\"}]}]"),
            advanced(3, "status", "[{\"type\":\"snapshot\",\"products\":[]}]"),
            "{\"type\":\"heartbeat\",\"last_trade_id\":1,\"product_id\":\"BTC-USD\",\"sequence\":5," +
                "\"time\":\"2021-04-17T16:43:37.000000Z\"}",
            "{\"type\":\"subscriptions\",\"channels\":[{\"name\":\"level2\",\"product_ids\":[\"BTC-USD\"]}]}");

        final List<String> what = new ArrayList<>();
        for (final Map<String, Object> output : out)
        {
            assertEquals("control", output.get("type"), output.toString());
            what.add((String)output.get("what"));
        }
        assertEquals(List.of(CoinbaseDecoder.SUBSCRIPTIONS, CoinbaseDecoder.HEARTBEAT, CoinbaseDecoder.CANDLES,
            CoinbaseDecoder.STATUS, CoinbaseDecoder.HEARTBEAT, CoinbaseDecoder.SUBSCRIPTIONS), what);
    }

    @Test
    void unknownTypesAndChannelsAreIgnoredWithOneLabelEach()
    {
        final String open = "{\"type\":\"open\",\"price\":\"1\",\"product_id\":\"BTC-USD\",\"sequence\":7}";
        final List<Map<String, Object>> first = harness.frame(open);
        final List<Map<String, Object>> second = harness.frame(open);
        final List<Map<String, Object>> channel = harness.frame(advanced(0, "futures_balance_summary", "[]"));

        assertEquals(List.of(Map.of("line", 1L, "type", "control", "what", "ignored: open")), first);
        assertEquals("ignored: open", second.get(0).get("what"));
        assertEquals("ignored: futures_balance_summary", channel.get(0).get("what"));

        final IgnoredNames names = new IgnoredNames();
        final UnsafeBuffer buffer = new UnsafeBuffer("done".getBytes(StandardCharsets.US_ASCII));
        assertSame(names.label(buffer, 0, 4), names.label(buffer, 0, 4));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Trades
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void advancedTradeSideIsTheMakerSoTheAggressorIsTheOther()
    {
        final List<Map<String, Object>> out = ofType(harness.frame(trades(0, "update",
            trade("BTC-USD", "1068572092", "65083.66", "0.00171442", "BUY"),
            trade("BTC-USD", "1068572093", "65083.67", "0.00152112", "SELL"))), "trade");

        assertEquals(2, out.size());
        assertEquals("1068572092", out.get(0).get("tradeId"));
        assertEquals("sell", out.get(0).get("side"));
        assertEquals("1068572093", out.get(1).get("tradeId"));
        assertEquals("buy", out.get(1).get("side"));
        assertEquals("65083.67", out.get(1).get("price"));
        assertEquals("0.00152112", out.get(1).get("qty"));
        assertEquals(0L, out.get(1).get("sequence"));
    }

    @Test
    void exchangeMatchSideIsTheMakerSoTheAggressorIsTheOther()
    {
        final List<Map<String, Object>> buy = harness.frame(match("match", 216544, "buy", 253395153));
        final List<Map<String, Object>> sell = harness.frame(match("last_match", 216545, "sell", 253395160));

        assertEquals("sell", buy.get(0).get("side"));
        assertEquals("216544", buy.get(0).get("tradeId"));
        assertEquals("4.978", buy.get(0).get("price"));
        assertEquals("0.97133855", buy.get(0).get("qty"));
        assertEquals("2019-08-01T00:00:03.816000Z", buy.get(0).get("exchangeTime"));
        assertEquals(253395153L, buy.get(0).get("sequence"));
        assertEquals("buy", sell.get(0).get("side"));
    }

    @Test
    void tradesArePublishedOldestFirstAndNotRepeatedByALaterSnapshot()
    {
        final String snapshot = trades(0, "snapshot",
            trade("ETH-USD", "12", "1919.41", "0.1", "BUY"),
            trade("ETH-USD", "11", "1919.44", "0.2", "BUY"),
            trade("ETH-USD", "10", "1919.47", "0.3", "SELL"));
        final List<Map<String, Object>> first = ofType(harness.frame(snapshot), "trade");
        assertEquals(List.of("10", "11", "12"), tradeIds(first));

        harness.reconnect();
        final List<Map<String, Object>> again = harness.frame(trades(0, "snapshot",
            trade("ETH-USD", "13", "1919.40", "0.4", "SELL"),
            trade("ETH-USD", "12", "1919.41", "0.1", "BUY"),
            trade("ETH-USD", "11", "1919.44", "0.2", "BUY")));

        assertEquals(List.of("13"), tradeIds(ofType(again, "trade")));
        assertEquals(CoinbaseDecoder.REPEATED_TRADES, ofType(again, "control").get(0).get("what"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Books
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void advancedBookFollowsSnapshotAndAbsoluteUpdates()
    {
        harness.frame(l2(0, "snapshot", "BTC-USD",
            level("bid", "65083.66", "0.20371215"), level("bid", "65083.27", "0.02244516"),
            level("offer", "65083.67", "0.24290402"), level("offer", "65084", "1")));

        final List<Map<String, Object>> out = harness.frame(l2(1, "update", "BTC-USD",
            level("bid", "65083.66", "0"), level("offer", "65083.67", "0.5"), level("bid", "65083.5", "2")));

        final Map<String, Object> update = ofType(out, "book_update").get(0);
        assertEquals(List.of(List.of("65083.66", "0"), List.of("65083.5", "2")), update.get("bids"));
        assertEquals(List.of(List.of("65083.67", "0.5")), update.get("asks"));
        assertEquals(EVENT_TIME, update.get("exchangeTime"));
        assertEquals(1L, update.get("sequence"));
        final OrderBook book = harness.book("BTC-USD");
        assertEquals(2, book.bids().size());
        assertEquals(6_508_350L, book.bids().price(0));
        assertEquals(200_000_000L, book.bids().quantity(0));
        assertEquals(50_000_000L, book.asks().quantity(0));
    }

    @Test
    void updateBeforeSnapshotIsNotPublished()
    {
        final List<Map<String, Object>> advanced = harness.frame(l2(0, "update", "BTC-USD", level("bid", "1", "1")));
        final List<Map<String, Object>> exchange = harness.frame(
            "{\"type\":\"l2update\",\"product_id\":\"BTC-EUR\",\"changes\":[[\"buy\",\"9202.70\",\"0.58667860\"]]," +
                "\"time\":\"2019-08-01T00:00:03.818Z\"}");

        assertEquals(List.of(Map.of("line", 1L, "type", "control", "what", CoinbaseDecoder.UPDATE_BEFORE_SNAPSHOT)),
            advanced);
        assertEquals(CoinbaseDecoder.UPDATE_BEFORE_SNAPSHOT, exchange.get(0).get("what"));
        assertEquals(1, exchange.size());
    }

    @Test
    void crossedBookIsReportedOncePerEpisode()
    {
        harness.frame("{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"100.00\",\"1\"]]," +
            "\"asks\":[[\"101.00\",\"1\"]]}");

        final List<Map<String, Object>> crossing = harness.frame(exchangeUpdate("buy", "101.00", "2"));
        final List<Map<String, Object>> stillCrossed = harness.frame(exchangeUpdate("buy", "102.00", "2"));
        harness.frames(exchangeUpdate("buy", "102.00", "0"), exchangeUpdate("buy", "101.00", "0"));
        final List<Map<String, Object>> crossingAgain = harness.frame(exchangeUpdate("sell", "99.00", "1"));

        final List<Map<String, Object>> first = events(crossing, "CROSSED_BOOK");
        assertEquals(1, first.size());
        assertEquals("BTC-USD", first.get(0).get("symbol"));
        assertEquals(1, ofType(crossing, "book_update").size());
        assertTrue(events(stillCrossed, "CROSSED_BOOK").isEmpty());
        assertEquals(1, events(crossingAgain, "CROSSED_BOOK").size());
    }

    @Test
    void snapshotWithOneMalformedSizeIsRejectedWholeAndTheBookStaysUnsynced()
    {
        final List<Map<String, Object>> out = harness.frame("{\"type\":\"snapshot\",\"product_id\":\"YFI-USD\"," +
            "\"asks\":[[\"40584.89\",\"0.039985\"]],\"bids\":[[\"40533.24\",\"0.020416\"],[\"40531.19\",\"0.-10000\"]]}");

        final List<Map<String, Object>> errors = ofType(out, "error");
        assertEquals(1, errors.size());
        assertTrue(((String)errors.get(0).get("message")).contains("'0.-10000'"), errors.toString());
        assertTrue(ofType(out, "book_snapshot").isEmpty());
        assertEquals(1, events(out, "RESYNC_STARTED").size());
        assertEquals(List.of(harness.instrument("YFI-USD")), harness.resyncRequests);
        assertFalse(harness.decoder.isSynced(harness.instrument("YFI-USD")));
        assertEquals(0, harness.decoder.syncedBookCount());

        // Its updates wait for a good snapshot.
        final List<Map<String, Object>> update = harness.frame("{\"type\":\"l2update\",\"product_id\":\"YFI-USD\"," +
            "\"changes\":[[\"buy\",\"40533.00\",\"1\"]],\"time\":\"2021-04-17T16:43:37.000000Z\"}");
        assertEquals(CoinbaseDecoder.UPDATE_BEFORE_SNAPSHOT, update.get(0).get("what"));
    }

    @Test
    void rejectedUpdateUnsyncsItsBookAndAsksForAFreshSnapshot()
    {
        harness.frame(l2(0, "snapshot", "BTC-USD", level("bid", "100", "1"), level("offer", "101", "1")));

        final List<Map<String, Object>> out = harness.frame(l2(1, "update", "BTC-USD",
            level("bid", "99", "1"), level("bid", "98", "0.-10000")));

        assertEquals(1, ofType(out, "error").size());
        assertTrue(ofType(out, "book_update").isEmpty());
        assertEquals(1, events(out, "RESYNC_STARTED").size());
        assertEquals(List.of(harness.instrument("BTC-USD")), harness.resyncRequests);
        assertEquals(0, harness.book("BTC-USD").bids().size());
        assertTrue(harness.reconnectReasons.isEmpty(), "a bad value is not a lost message");
        assertTrue(events(harness.frame(heartbeat(2)), "GAP").isEmpty());

        final List<Map<String, Object>> resynced = harness.frame(
            l2(3, "snapshot", "BTC-USD", level("bid", "100", "1"), level("offer", "101", "1")));
        assertEquals(1, events(resynced, "RESYNC_DONE").size());
        assertTrue(harness.decoder.isSynced(harness.instrument("BTC-USD")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-U",
        "[1,2,3]",
        "{}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-USD\"," +
            "\"time\":\"2019-08-01T00:00:03.816000Z\"} trailing",
        "{\"type\":\"match\",\"trade_id\":\"12a\",\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\"," +
            "\"product_id\":\"BTC-USD\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":true," +
            "\"product_id\":\"BTC-USD\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"-1\",\"price\":\"1\"," +
            "\"product_id\":\"BTC-USD\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"maker\",\"size\":\"1\",\"price\":\"1\"," +
            "\"product_id\":\"BTC-USD\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1.001\"," +
            "\"product_id\":\"BTC-USD\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\"," +
            "\"product_id\":\"BTC-USD\",\"time\":\"yesterday\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\"," +
            "\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\",\"size\":\"1\",\"price\":\"1\"," +
            "\"product_id\":\"btc-usd\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"best_bid\":\"1\",\"time\":\"2019-08-01T00:00:03.816000Z\"}",
        "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":[[\"1\"]],\"asks\":[]}",
        "{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"bids\":{\"1\":\"1\"},\"asks\":[]}",
        "{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"up\",\"1\",\"1\"]]}",
        "{\"channel\":\"market_trades\",\"sequence_num\":\"zero\",\"events\":[]}",
        "{\"channel\":\"market_trades\",\"sequence_num\":0,\"events\":{}}",
        "{\"channel\":\"l2_data\",\"sequence_num\":0,\"events\":[{\"type\":\"partial\",\"product_id\":\"BTC-USD\"," +
            "\"updates\":[]}]}",
        "{\"channel\":\"l2_data\",\"sequence_num\":0,\"events\":[{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\"," +
            "\"updates\":[{\"side\":\"ask\",\"price_level\":\"1\",\"new_quantity\":\"1\"}]}]}",
        "{\"channel\":\"l2_data\",\"sequence_num\":0,\"events\":[{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\"," +
            "\"updates\":[{\"side\":\"bid\",\"price_level\":[1],\"new_quantity\":\"1\"}]}]}",
        "{\"channel\":\"ticker\",\"sequence_num\":0,\"timestamp\":\"2026-13-09T21:05:48Z\",\"events\":[]}",
    })
    void malformedFrameIsOneErrorAndPublishesNothing(final String frame)
    {
        harness.frame("{\"type\":\"snapshot\",\"product_id\":\"ETH-USD\",\"bids\":[[\"1\",\"1\"]],\"asks\":[]}");
        final OrderBook book = harness.book("ETH-USD");

        final List<Map<String, Object>> out = harness.frame(frame);

        final List<Map<String, Object>> errors = ofType(out, "error");
        assertEquals(1, errors.size(), out.toString());
        for (final Map<String, Object> output : out)
        {
            final boolean allowed = "error".equals(output.get("type")) ||
                "RESYNC_STARTED".equals(output.get("event")) || "GAP".equals(output.get("event"));
            assertTrue(allowed, "published for a malformed frame: " + output);
        }
        assertTrue(((String)errors.get(0).get("message")).startsWith("coinbase "), errors.toString());
        assertEquals(1, book.bids().size(), "another product's book is untouched");
        assertTrue(harness.decoder.isSynced(harness.instrument("ETH-USD")));
    }

    @Test
    void errorMessagesNameTheProblem()
    {
        final String wrongType = (String)harness.frame("{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\"," +
            "\"size\":\"1\",\"price\":true,\"product_id\":\"BTC-USD\",\"time\":\"2019-08-01T00:00:03.816000Z\"}")
            .get(0).get("message");
        final String missing = (String)harness.frame("{\"type\":\"match\",\"trade_id\":1,\"side\":\"buy\"," +
            "\"size\":\"1\",\"price\":\"1\",\"product_id\":\"BTC-USD\"}").get(0).get("message");
        final String badSymbol = (String)harness.frame("{\"type\":\"ticker\",\"product_id\":\"btc-usd\"," +
            "\"best_bid\":\"1\",\"best_ask\":\"2\"}").get(0).get("message");

        assertEquals("coinbase match BTC-USD: \"price\" must be a decimal but is true", wrongType);
        assertEquals("coinbase match BTC-USD: missing \"time\"", missing);
        assertTrue(badSymbol.contains("'btc-usd'"), badSymbol);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Values
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void exchangeTimesKeepEveryFractionDigit()
    {
        harness.frame(ticker(0, "BTC-USD", "65083.66", "0.20371215", "65083.67", "0.24290402"));
        harness.frame(trades(1, "update", trade("BTC-USD", "1", "1", "1", "BUY").replace(
            "2026-08-09T21:05:49.205817Z", "2026-08-09T21:05:38.50436Z")));
        harness.frame(match("match", 1, "buy", 1).replace("2019-08-01T00:00:03.816000Z", "2019-08-01T00:00:03.8Z"));

        assertEquals(List.of(TIMESTAMP_NS, 1_786_309_538_504_360_000L, 1_564_617_603_800_000_000L),
            harness.exchangeTimesNs);
    }

    @Test
    void goZeroTimeMeansNoExchangeTime()
    {
        harness.frame("{\"type\":\"snapshot\",\"product_id\":\"BTC-EUR\",\"bids\":[[\"9202.70\",\"1\"]]," +
            "\"asks\":[[\"9222.39\",\"1\"]]}");

        final List<Map<String, Object>> out = harness.frame("{\"type\":\"l2update\",\"product_id\":\"BTC-EUR\"," +
            "\"changes\":[[\"buy\",\"9202.70\",\"0.58667860\"],[\"sell\",\"9222.39\",\"0.00459825\"]]," +
            "\"time\":\"0001-01-01T00:00:00.000000Z\"}");

        final Map<String, Object> update = ofType(out, "book_update").get(0);
        assertNull(update.get("exchangeTime"));
        assertEquals(List.of(List.of("9202.7", "0.5866786")), update.get("bids"));
        assertEquals(MarketDataProxy.NULL_TIME, (long)harness.exchangeTimesNs.get(1));
    }

    @Test
    void exchangeTickerSizesAreNullUnlessGiven()
    {
        final Map<String, Object> without = harness.frame("{\"type\":\"ticker\",\"sequence\":38332655422," +
            "\"product_id\":\"BTC-USD\",\"price\":\"29940.91\",\"best_bid\":\"29940.90\",\"best_ask\":\"29940.91\"," +
            "\"side\":\"buy\",\"time\":\"2022-06-02T09:20:54.127011Z\",\"trade_id\":347875517}").get(0);
        final Map<String, Object> with = harness.frame("{\"type\":\"ticker\",\"sequence\":50978628538," +
            "\"product_id\":\"BTC-USD\",\"best_bid\":\"17165.15\",\"best_bid_size\":\"0.61540890\"," +
            "\"best_ask\":\"17167.76\",\"best_ask_size\":\"0.18528568\",\"time\":\"2022-12-01T00:00:00.122581Z\"}")
            .get(0);

        assertEquals("top_of_book", without.get("type"));
        assertEquals("29940.9", without.get("bidPrice"));
        assertNull(without.get("bidQty"));
        assertNull(without.get("askQty"));
        assertEquals(38332655422L, without.get("sequence"));
        assertEquals("0.6154089", with.get("bidQty"));
        assertEquals("0.18528568", with.get("askQty"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Size and allocation
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void snapshotOfSixtyThousandLevelsDecodes()
    {
        final int perSide = 30_000;
        final StringBuilder levels = new StringBuilder(perSide * 2 * 110);
        for (int i = 0; i < perSide; i++)
        {
            levels.append(i > 0 ? "," : "").append(level("bid", price(6_000_000 - i), "0.5"));
        }
        for (int i = 0; i < perSide; i++)
        {
            levels.append(',').append(level("offer", price(6_000_001 + i), "0.25"));
        }
        final String frame = advanced(0, "l2_data",
            "[{\"type\":\"snapshot\",\"product_id\":\"BTC-USD\",\"updates\":[" + levels + "]}]");

        final List<Map<String, Object>> out = harness.frame(frame);

        final List<Map<String, Object>> parts = ofType(out, "book_snapshot");
        assertEquals((2 * perSide + MarketDataProxy.MAX_LEVELS_PER_MESSAGE - 1) / MarketDataProxy.MAX_LEVELS_PER_MESSAGE,
            parts.size());
        assertEquals(Boolean.TRUE, parts.get(parts.size() - 1).get("last"));
        final OrderBook book = harness.book("BTC-USD");
        assertEquals(perSide, book.bids().size());
        assertEquals(perSide, book.asks().size());
        assertEquals(6_000_000L, book.bids().price(0));
        assertEquals(6_000_001L, book.asks().price(0));
        assertEquals(5_970_001L, book.bids().price(perSide - 1));
    }

    @Test
    void steadyStateDecodingDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final InstrumentRegistry registry = new InstrumentRegistry();
        final MarketDataProxy proxy = new MarketDataProxy((buffer, offset, length) -> 1L, () -> 1L, Exchange.COINBASE);
        final CountingListener listener = new CountingListener();
        final CoinbaseDecoder decoder = new CoinbaseDecoder(proxy, registry, listener, (instrument) -> {});
        decoder.onConnected(0);

        final int batches = 4;
        final int roundsPerBatch = 250;
        final int perRound = 8;
        final UnsafeBuffer[] frames = new UnsafeBuffer[batches * roundsPerBatch * perRound + 2];
        int count = 0;
        frames[count++] = buffer(l2(0, "snapshot", "BTC-USD", level("bid", "100", "1"), level("offer", "101", "1")));
        frames[count++] = buffer("{\"type\":\"snapshot\",\"product_id\":\"ETH-USD\",\"bids\":[[\"10\",\"1\"]]," +
            "\"asks\":[[\"11\",\"1\"]]}");
        long sequence = 1;
        for (int i = 0; i < batches * roundsPerBatch; i++)
        {
            frames[count++] = buffer(l2(sequence++, "update", "BTC-USD", level("bid", "99." + (i % 10), "2"),
                level("offer", "101", i % 2 == 0 ? "0.5" : "1")));
            frames[count++] = buffer(ticker(sequence++, "BTC-USD", "100", "1", "101", "0.5"));
            frames[count++] = buffer(trades(sequence++, "update",
                trade("BTC-USD", Long.toString(1000 + i), "100.5", "0.1", i % 2 == 0 ? "BUY" : "SELL")));
            frames[count++] = buffer(heartbeat(sequence++));
            frames[count++] = buffer(match("match", 5000 + i, "sell", 10_000 + i));
            frames[count++] = buffer("{\"type\":\"l2update\",\"product_id\":\"ETH-USD\",\"changes\":[[\"buy\",\"9." +
                (i % 10) + "\",\"1\"]],\"time\":\"2021-04-17T16:43:37.084000Z\"}");
            frames[count++] = buffer("{\"type\":\"ticker\",\"sequence\":" + (20_000 + i) + ",\"product_id\":" +
                "\"ETH-USD\",\"best_bid\":\"10\",\"best_ask\":\"11\",\"time\":\"2021-04-17T16:43:37.084Z\"}");
            frames[count++] = buffer("{\"type\":\"open\",\"product_id\":\"ETH-USD\",\"sequence\":" + i + "}");
        }

        // The first batch warms up (first sight of products and type names allocates); the others are measured.
        // The JVM itself now and then allocates a few hundred bytes on the thread (compilation, deoptimization),
        // so allocation is judged per batch: one allocation per message would be 16 bytes x 2000 frames at least.
        final int batchFrames = roundsPerBatch * perRound;
        int next = 0;
        final long[] allocated = new long[batches - 1];
        for (int batch = 0; batch < batches; batch++)
        {
            final int end = batch == 0 ? 2 + batchFrames : next + batchFrames;
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = next; i < end; i++)
            {
                decoder.onFrame(frames[i], 0, frames[i].capacity(), 1L);
            }
            final long after = threads.getCurrentThreadAllocatedBytes();
            if (batch > 0)
            {
                allocated[batch - 1] = after - before;
            }
            next = end;
        }

        assertEquals(count, next);
        assertEquals(0, listener.errors, listener.lastError);
        assertEquals(2, decoder.syncedBookCount());
        long least = Long.MAX_VALUE;
        for (final long bytes : allocated)
        {
            least = Math.min(least, bytes);
            assertTrue(bytes < 4096, "allocated " + bytes + " bytes for " + batchFrames + " frames");
        }
        assertEquals(0, least, "no batch decoded without allocating: " + java.util.Arrays.toString(allocated));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frames
    // ---------------------------------------------------------------------------------------------------------------

    private static final class CountingListener implements io.alphapulse.collector.FrameListener
    {
        int errors;
        String lastError;

        public void onControl(final String what)
        {
        }

        public void onError(final String message)
        {
            errors++;
            lastError = message;
        }
    }

    private static UnsafeBuffer buffer(final String frame)
    {
        return new UnsafeBuffer(frame.getBytes(StandardCharsets.UTF_8));
    }

    private static String price(final long cents)
    {
        return (cents / 100) + "." + String.format("%02d", cents % 100);
    }

    private static List<String> tradeIds(final List<Map<String, Object>> trades)
    {
        final List<String> ids = new ArrayList<>();
        for (final Map<String, Object> trade : trades)
        {
            ids.add((String)trade.get("tradeId"));
        }
        return ids;
    }

    static String advanced(final long sequenceNum, final String channel, final String events)
    {
        return "{\"channel\":\"" + channel + "\",\"client_id\":\"\",\"timestamp\":\"" + TIMESTAMP +
            "\",\"sequence_num\":" + sequenceNum + ",\"events\":" + events + "}";
    }

    static String heartbeat(final long sequenceNum)
    {
        return advanced(sequenceNum, "heartbeats", "[{\"current_time\":\"2026-08-09 21:05:48.854840045 +0000 UTC " +
            "m=+41691.260485341\",\"heartbeat_counter\":" + (41691 + sequenceNum) + "}]");
    }

    static String level(final String side, final String price, final String quantity)
    {
        return "{\"side\":\"" + side + "\",\"event_time\":\"" + EVENT_TIME + "\",\"price_level\":\"" + price +
            "\",\"new_quantity\":\"" + quantity + "\"}";
    }

    static String l2(final long sequenceNum, final String type, final String productId, final String... levels)
    {
        return advanced(sequenceNum, "l2_data", "[{\"type\":\"" + type + "\",\"product_id\":\"" + productId +
            "\",\"updates\":[" + String.join(",", levels) + "]}]");
    }

    static String ticker(
        final long sequenceNum,
        final String productId,
        final String bid,
        final String bidQuantity,
        final String ask,
        final String askQuantity)
    {
        return advanced(sequenceNum, "ticker", "[{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\"," +
            "\"product_id\":\"" + productId + "\",\"price\":\"" + bid + "\",\"volume_24_h\":\"2867.54532609\"," +
            "\"best_bid\":\"" + bid + "\",\"best_ask\":\"" + ask + "\",\"best_bid_quantity\":\"" + bidQuantity +
            "\",\"best_ask_quantity\":\"" + askQuantity + "\"}]}]");
    }

    static String trade(
        final String productId, final String tradeId, final String price, final String size, final String makerSide)
    {
        return "{\"product_id\":\"" + productId + "\",\"trade_id\":\"" + tradeId + "\",\"price\":\"" + price +
            "\",\"size\":\"" + size + "\",\"time\":\"2026-08-09T21:05:49.205817Z\",\"side\":\"" + makerSide + "\"}";
    }

    static String trades(final long sequenceNum, final String type, final String... trades)
    {
        return advanced(sequenceNum, "market_trades", "[{\"type\":\"" + type + "\",\"trades\":[" +
            String.join(",", trades) + "]}]");
    }

    static String match(final String type, final long tradeId, final String makerSide, final long sequence)
    {
        return "{\"type\":\"" + type + "\",\"trade_id\":" + tradeId + ",\"maker_order_id\":\"4c2aa376\"," +
            "\"taker_order_id\":\"247a6eb2\",\"side\":\"" + makerSide + "\",\"size\":\"0.97133855\"," +
            "\"price\":\"4.97800000\",\"product_id\":\"ETC-GBP\",\"sequence\":" + sequence +
            ",\"time\":\"2019-08-01T00:00:03.816000Z\"}";
    }

    private static String exchangeUpdate(final String side, final String price, final String size)
    {
        return "{\"type\":\"l2update\",\"product_id\":\"BTC-USD\",\"changes\":[[\"" + side + "\",\"" + price +
            "\",\"" + size + "\"]],\"time\":\"2021-04-17T16:43:37.084000Z\"}";
    }
}
