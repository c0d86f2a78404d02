/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.MessageSink;
import io.alphapulse.collector.RecordedFrames;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.collector.source.SyntheticFrames.Mix;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The synthetic Advanced Trade frames through the real {@link CoinbaseDecoder}: every mix decodes without errors,
 * gaps, crossed books or resyncs, carries only what the mix promises, and leaves the decoder with exactly the
 * generator's books; the frames have the recordings' fields in the recordings' order and formats; a seed gives the
 * same bytes every time; and generating allocates nothing once warm.
 */
@Timeout(120)
class CoinbaseSyntheticFramesTest
{
    private static final List<String> PRODUCTS = List.of("BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD", "AVAX-USD");
    private static final long START_NS = 1_786_309_548_228_568_804L;
    private static final long FRAME_INTERVAL_NS = 1_000_123L;
    private static final int FRAMES = 100_000;
    private static final int SETUP_FRAMES = CoinbaseProtocol.CHANNELS.size() + PRODUCTS.size();
    private static final int DEPTH = CoinbaseSyntheticFrames.DEFAULT_SNAPSHOT_DEPTH;
    private static final int MIN_DEPTH = CoinbaseSyntheticFrames.minDepth(DEPTH);
    private static final int MAX_DEPTH = CoinbaseSyntheticFrames.maxDepth(DEPTH);

    @ParameterizedTest
    @EnumSource(Mix.class)
    void everyMixDecodesCleanlyAndCarriesOnlyWhatItPromises(final Mix mix)
    {
        final Decoding decoding = new Decoding();
        final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(PRODUCTS, 42, mix);
        long nowNs = START_NS;

        frames.onSubscribed(decoding, nowNs);
        assertEquals(PRODUCTS.size(), decoding.snapshots, "one snapshot per product");
        assertEquals(CoinbaseProtocol.CHANNELS.size(), decoding.controls.get(CoinbaseDecoder.SUBSCRIPTIONS));
        assertEquals(0, decoding.trades + decoding.updates + decoding.tops);
        for (final Instrument instrument : decoding.instruments)
        {
            final OrderBook book = decoding.decoder.book(instrument);
            assertEquals(DEPTH, book.bids().size(), instrument.venueSymbol());
            assertEquals(DEPTH, book.asks().size(), instrument.venueSymbol());
        }

        decoding.reset();
        for (int i = 0; i < FRAMES; i++)
        {
            nowNs += FRAME_INTERVAL_NS;
            frames.next(decoding, nowNs);
        }

        assertEquals(List.of(), decoding.errors, "decode errors");
        assertEquals(FRAMES, decoding.frames);
        assertEquals(SETUP_FRAMES + FRAMES - 1, decoding.decoder.frameSequence(), "sequence_num of the last frame");
        assertEquals(Map.of(), decoding.events, "feed events (GAP, RESYNC_*, CROSSED_BOOK, ...)");
        assertEquals(0, decoding.resyncRequests);
        assertEquals(0, decoding.reconnectRequests);
        assertEquals(0, decoding.snapshots);
        assertEquals(PRODUCTS.size(), decoding.decoder.syncedBookCount());
        assertNull(decoding.controls.get(CoinbaseDecoder.UPDATE_BEFORE_SNAPSHOT));
        assertNull(decoding.controls.get(CoinbaseDecoder.REPEATED_TRADES));

        switch (mix)
        {
            case TRADES:
                assertTrue(decoding.trades >= FRAMES && decoding.trades <= 3L * FRAMES, "trades " + decoding.trades);
                assertEquals(0, decoding.updates + decoding.tops);
                assertEquals(Map.of(), decoding.controls);
                break;

            case BOOK:
                assertEquals(FRAMES, decoding.updates, "one book update per frame");
                assertTrue(decoding.levels >= FRAMES && decoding.levels <= 4L * FRAMES, "levels " + decoding.levels);
                assertEquals(0, decoding.trades + decoding.tops);
                assertEquals(Map.of(), decoding.controls);
                break;

            case MIXED:
            default:
                assertTrue(decoding.updates > FRAMES / 2, "book updates " + decoding.updates);
                assertTrue(decoding.trades > FRAMES / 10, "trades " + decoding.trades);
                assertTrue(decoding.tops > FRAMES / 20, "tickers " + decoding.tops);
                final int heartbeats = decoding.controls.get(CoinbaseDecoder.HEARTBEAT);
                assertTrue(heartbeats >= FRAMES / 2_000 && heartbeats <= FRAMES / 1_000, "heartbeats " + heartbeats);
                assertEquals(Map.of(CoinbaseDecoder.HEARTBEAT, heartbeats), decoding.controls);
                break;
        }

        for (final Instrument instrument : decoding.instruments)
        {
            final OrderBook book = decoding.decoder.book(instrument);
            final String symbol = instrument.venueSymbol();
            assertFalse(book.isCrossed(), symbol);
            // Trades of one frame take at most three levels below the least depth; updates trim to the most.
            assertTrue(book.bids().size() >= MIN_DEPTH - 3, symbol + " bid depth " + book.bids().size());
            assertTrue(book.asks().size() >= MIN_DEPTH - 3, symbol + " ask depth " + book.asks().size());
            assertTrue(book.bids().size() <= MAX_DEPTH, symbol + " bid depth " + book.bids().size());
            assertTrue(book.asks().size() <= MAX_DEPTH, symbol + " ask depth " + book.asks().size());
        }
        assertNearStart(decoding, "BTC-USD", 60_000, 70_000);
        assertNearStart(decoding, "ETH-USD", 1_700, 2_100);
        assertNearStart(decoding, "SOL-USD", 130, 170);

        if (Mix.TRADES != mix)
        {
            assertDecodedBooksAreTheGeneratorsBooks(frames, decoding, nowNs);
        }
    }

    @Test
    void tradesAreAtTheBestLevelOfTheMakersSideAndTheirPricesWalk()
    {
        final Decoding decoding = new Decoding();
        decoding.checkTradesAgainstBook = true;
        final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(PRODUCTS, 7, Mix.MIXED);
        long nowNs = START_NS;
        frames.onSubscribed(decoding, nowNs);
        for (int i = 0; i < FRAMES; i++)
        {
            nowNs += FRAME_INTERVAL_NS;
            frames.next(decoding, nowNs);
        }
        assertEquals(List.of(), decoding.errors);
        assertTrue(decoding.checkedTrades > FRAMES / 10, "trades checked " + decoding.checkedTrades);
        assertTrue(decoding.aggressorBuys > decoding.checkedTrades / 3, "aggressor buys " + decoding.aggressorBuys);
        assertTrue(decoding.aggressorSells > decoding.checkedTrades / 3, "aggressor sells " + decoding.aggressorSells);

        // TRADES: no book frames, yet prices walk because the book moves between frames.
        final Decoding tradesOnly = new Decoding();
        final CoinbaseSyntheticFrames trades = new CoinbaseSyntheticFrames(List.of("BTC-USD"), 7, Mix.TRADES);
        trades.onSubscribed(tradesOnly, START_NS);
        for (int i = 0; i < 20_000; i++)
        {
            trades.next(tradesOnly, START_NS + i * FRAME_INTERVAL_NS);
        }
        assertTrue(tradesOnly.maxTradePrice - tradesOnly.minTradePrice > 100,
            "BTC-USD trades from " + tradesOnly.minTradePrice + " to " + tradesOnly.maxTradePrice + " cents");
    }

    @Test
    void snapshotsOnResubscribeClaimedSequenceNumsAndQuietProductsKeepTheSequence()
    {
        final Decoding decoding = new Decoding();
        final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(List.of("BTC-USD", "ETH-USD"), 3, Mix.MIXED);
        long nowNs = START_NS;
        frames.onSubscribed(decoding, nowNs);
        final Instrument eth = decoding.instrument("ETH-USD");

        frames.productEnabled("ETH-USD", false);
        nowNs += FRAME_INTERVAL_NS;
        frames.next(decoding, nowNs);     // may be the book update owed for an ETH-USD trade
        decoding.reset();
        for (int i = 0; i < 5_000; i++)
        {
            nowNs += FRAME_INTERVAL_NS;
            frames.next(decoding, nowNs);
        }
        assertEquals(0, decoding.dataFor(eth), "ETH-USD is quiet");
        assertTrue(decoding.dataFor(decoding.instrument("BTC-USD")) > 4_000);

        // A crafted frame takes its sequence_num from the generator; a resubscribe's snapshot follows without a gap.
        final long claimed = frames.claimSequenceNum();
        assertEquals(setupFrames(2) + 5_001, claimed);
        decoding.reset();
        decoding.text("{\"channel\":\"heartbeats\",\"timestamp\":\"2026-08-09T21:05:48.856364007Z\"," +
            "\"sequence_num\":" + claimed + ",\"events\":[{\"current_time\":\"2026-08-09 21:05:48.854840045 " +
            "+0000 UTC m=+41691.260485341\",\"heartbeat_counter\":41691}]}");
        frames.bookSnapshot("ETH-USD", decoding, nowNs);
        assertEquals(1, decoding.snapshots);
        frames.heartbeat(decoding, nowNs);
        assertEquals(Map.of(CoinbaseDecoder.HEARTBEAT, 2), decoding.controls);
        assertEquals(Map.of(), decoding.events, "no gap");

        // A new connection: sequence_num from 0 again, acks and snapshots; ETH-USD data resumes once enabled.
        decoding.decoder.onDisconnected(nowNs);
        decoding.decoder.onConnected(nowNs);
        decoding.reset();
        frames.productEnabled("ETH-USD", true);
        frames.onSubscribed(decoding, nowNs);
        for (int i = 0; i < 5_000; i++)
        {
            nowNs += FRAME_INTERVAL_NS;
            frames.next(decoding, nowNs);
        }
        assertEquals(Map.of(FeedEventType.RESYNC_DONE, 2), decoding.events, "both books rebuilt, nothing else");
        assertEquals(List.of(), decoding.errors);
        assertTrue(decoding.dataFor(eth) > 1_000, "ETH-USD data " + decoding.dataFor(eth));
        assertTrue(decoding.decoder.isSynced(eth));
        assertThrows("not a generated product: SOL-USD", () -> frames.productEnabled("SOL-USD", false));
    }

    @ParameterizedTest
    @EnumSource(Mix.class)
    void sameSeedSameBytesOtherSeedOtherBytes(final Mix mix)
    {
        final byte[] first = generate(11, mix, 3_000);
        assertArrayEquals(first, generate(11, mix, 3_000));
        assertFalse(Arrays.equals(first, generate(12, mix, 3_000)));
    }

    @Test
    void framesHaveTheRecordedFieldsInTheRecordedOrderAndFormats() throws IOException
    {
        final Map<String, String> recorded = new LinkedHashMap<>();
        for (final String file : List.of("coinbase-advanced-l2_data.jsonl", "coinbase-advanced-market_trades.jsonl",
            "coinbase-advanced-ticker.jsonl", "coinbase-advanced-heartbeats.jsonl",
            "coinbase-advanced-system.jsonl"))
        {
            for (final String line : Files.readAllLines(RecordedFrames.file(file)))
            {
                final Map<String, Object> frame = TestJson.object(line);
                recorded.putIfAbsent(kind(frame), shape(frame));
            }
        }

        final Map<String, String> generated = new LinkedHashMap<>();
        final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(PRODUCTS, 5, Mix.MIXED);
        final SyntheticFrames.FrameSink check = (buffer, length) ->
        {
            final Map<String, Object> frame = TestJson.object(buffer.getStringWithoutLengthAscii(0, length));
            generated.putIfAbsent(kind(frame), shape(frame));
            checkFormats(frame, "");
        };
        frames.onSubscribed(check, START_NS);
        for (int i = 0; i < 3_000; i++)
        {
            frames.next(check, START_NS + i * FRAME_INTERVAL_NS);
        }

        for (final String kind : List.of("l2_data snapshot", "l2_data update", "market_trades update",
            "ticker update", "heartbeats", "subscriptions"))
        {
            assertNotNull(generated.get(kind), "generated " + kind);
            assertEquals(recorded.get(kind), generated.get(kind), kind);
        }
    }

    @Test
    void generatingAllocatesNothingOnceWarm()
    {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        for (final Mix mix : Mix.values())
        {
            final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(PRODUCTS, 9, mix);
            final long[] bytes = new long[1];
            final SyntheticFrames.FrameSink sink = (buffer, length) -> bytes[0] += length;
            frames.onSubscribed(sink, START_NS);
            for (int i = 0; i < 50_000; i++)
            {
                frames.next(sink, START_NS + i * FRAME_INTERVAL_NS);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < FRAMES; i++)
            {
                frames.next(sink, START_NS + i * FRAME_INTERVAL_NS);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1024, mix + ": " + allocated + " bytes allocated for " + FRAMES + " frames");
            assertTrue(bytes[0] > FRAMES * 100L);
        }
    }

    @Test
    void snapshotDepthIsConfigurableAndTheDepthStaysAroundIt()
    {
        final int depth = 25;
        final Decoding decoding = new Decoding();
        final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(PRODUCTS, 4, Mix.MIXED, depth);
        frames.onSubscribed(decoding, START_NS);
        for (final Instrument instrument : decoding.instruments)
        {
            assertEquals(depth, decoding.decoder.book(instrument).bids().size());
            assertEquals(depth, decoding.decoder.book(instrument).asks().size());
        }
        int deepest = 0;
        for (int i = 0; i < 20_000; i++)
        {
            frames.next(decoding, START_NS + i * FRAME_INTERVAL_NS);
            for (final Instrument instrument : decoding.instruments)
            {
                final OrderBook book = decoding.decoder.book(instrument);
                deepest = Math.max(deepest, Math.max(book.bids().size(), book.asks().size()));
                final int shallowest = Math.min(book.bids().size(), book.asks().size());
                assertTrue(shallowest >= CoinbaseSyntheticFrames.minDepth(depth) - 3, "shallowest side " + shallowest);
            }
        }
        assertEquals(List.of(), decoding.errors);
        assertEquals(Map.of(), decoding.events);
        assertTrue(deepest <= CoinbaseSyntheticFrames.maxDepth(depth) && deepest > depth, "deepest side " + deepest);
        assertThrows("snapshot depth", () -> new CoinbaseSyntheticFrames(PRODUCTS, 1, Mix.BOOK, 3));
        assertThrows("snapshot depth", () -> new CoinbaseSyntheticFrames(PRODUCTS, 1, Mix.BOOK, 10_001));
    }

    @Test
    void protocolReturnsTheGenerator()
    {
        final SyntheticFrames frames = new CoinbaseProtocol().syntheticFrames(List.of("BTC-USD"), 1, Mix.BOOK);
        assertTrue(frames instanceof CoinbaseSyntheticFrames);
        final Decoding decoding = new Decoding();
        frames.onSubscribed(decoding, START_NS);
        frames.next(decoding, START_NS + 1);
        assertEquals(1, decoding.snapshots);
        assertEquals(1, decoding.updates);
        assertThrows("not a Coinbase product id", () -> new CoinbaseSyntheticFrames(List.of("btc_usd"), 1, Mix.BOOK));
        assertThrows("no Coinbase products", () -> new CoinbaseSyntheticFrames(List.of(), 1, Mix.BOOK));
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void assertNearStart(
        final Decoding decoding, final String productId, final long low, final long high)
    {
        final OrderBook book = decoding.decoder.book(decoding.instrument(productId));
        final long bestBid = book.bids().price(0) / 100;
        assertTrue(bestBid > low && bestBid < high, productId + " best bid " + bestBid);
    }

    private static void assertDecodedBooksAreTheGeneratorsBooks(
        final CoinbaseSyntheticFrames frames, final Decoding decoding, final long nowNs)
    {
        for (final Instrument instrument : decoding.instruments)
        {
            final OrderBook book = decoding.decoder.book(instrument);
            final List<String> incremental = levels(book);
            // The generator's own book, as a resubscribe would bring it, replaces the decoder's: nothing changes.
            frames.bookSnapshot(instrument.venueSymbol(), decoding, nowNs);
            assertEquals(incremental, levels(book), instrument.venueSymbol());
        }
        assertEquals(List.of(), decoding.errors);
        assertEquals(Map.of(), decoding.events);
    }

    private static List<String> levels(final OrderBook book)
    {
        final List<String> levels = new ArrayList<>();
        for (final PriceLevels side : List.of(book.bids(), book.asks()))
        {
            for (int rank = 0; rank < side.size(); rank++)
            {
                levels.add((side.isBids() ? "bid " : "ask ") + side.price(rank) + "x" + side.quantity(rank));
            }
        }
        return levels;
    }

    private static byte[] generate(final long seed, final Mix mix, final int count)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] scratch = new byte[1 << 16];
        final SyntheticFrames.FrameSink sink = (buffer, length) ->
        {
            final byte[] bytes = length <= scratch.length ? scratch : new byte[length];
            buffer.getBytes(0, bytes, 0, length);
            out.write(bytes, 0, length);
            out.write('\n');
        };
        final CoinbaseSyntheticFrames frames = new CoinbaseSyntheticFrames(PRODUCTS, seed, mix);
        frames.onSubscribed(sink, START_NS);
        for (int i = 0; i < count; i++)
        {
            frames.next(sink, START_NS + i * FRAME_INTERVAL_NS);
        }
        return out.toByteArray();
    }

    private static void assertThrows(final String messagePart, final Runnable action)
    {
        try
        {
            action.run();
            fail("expected an IllegalArgumentException containing '" + messagePart + "'");
        }
        catch (final IllegalArgumentException ex)
        {
            assertTrue(ex.getMessage().contains(messagePart), ex.getMessage());
        }
    }

    private static int setupFrames(final int products)
    {
        return CoinbaseProtocol.CHANNELS.size() + products;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shapes and formats
    // ---------------------------------------------------------------------------------------------------------------

    private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
    private static final Pattern SIGNED_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
    private static final Pattern FRAME_TIME =
        Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,8}[1-9])?Z");
    private static final Pattern EVENT_TIME =
        Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{0,5}[1-9])?Z");
    private static final Pattern GO_TIME = Pattern.compile(
        "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{0,8}[1-9])? \\+0000 UTC m=\\+\\d+\\.\\d{9}");
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]*");

    @SuppressWarnings("unchecked")
    private static String kind(final Map<String, Object> frame)
    {
        final String channel = (String)frame.get("channel");
        final List<Object> events = (List<Object>)frame.get("events");
        final Object type = ((Map<String, Object>)events.get(0)).get("type");
        return null == type ? channel : channel + " " + type;
    }

    // Field names in order, recursively; an array by its first element; the subscriptions map by its value types.
    @SuppressWarnings("unchecked")
    private static String shape(final Object value)
    {
        if (value instanceof Map)
        {
            final StringBuilder shape = new StringBuilder("{");
            for (final Map.Entry<String, Object> field : ((Map<String, Object>)value).entrySet())
            {
                final boolean channelNames = "subscriptions".equals(field.getKey()) && field.getValue() instanceof Map;
                shape.append(field.getKey()).append(':')
                    .append(channelNames ? "{channel:[product]}" : shape(field.getValue())).append(',');
            }
            return shape.append('}').toString();
        }
        if (value instanceof List)
        {
            final List<Object> list = (List<Object>)value;
            return list.isEmpty() ? "[]" : "[" + shape(list.get(0)) + "]";
        }
        return value instanceof String ? "string" : value instanceof Long ? "integer" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static void checkFormats(final Object value, final String name)
    {
        if (value instanceof Map)
        {
            for (final Map.Entry<String, Object> field : ((Map<String, Object>)value).entrySet())
            {
                checkFormats(field.getValue(), field.getKey());
            }
            return;
        }
        if (value instanceof List)
        {
            for (final Object element : (List<Object>)value)
            {
                checkFormats(element, name);
            }
            return;
        }
        final String text = String.valueOf(value);
        switch (name)
        {
            case "price", "price_level", "new_quantity", "size", "volume_24_h", "low_24_h", "high_24_h", "low_52_w",
                "high_52_w", "best_bid", "best_ask", "best_bid_quantity", "best_ask_quantity" ->
                assertMatches(DECIMAL, text, name);
            case "price_percent_chg_24_h" -> assertMatches(SIGNED_DECIMAL, text, name);
            case "timestamp" -> assertMatches(FRAME_TIME, text, name);
            case "event_time", "time" -> assertMatches(EVENT_TIME, text, name);
            case "current_time" -> assertMatches(GO_TIME, text, name);
            case "trade_id" -> assertMatches(DIGITS, text, name);
            case "side" -> assertTrue(List.of("bid", "offer", "BUY", "SELL").contains(text), name + " " + text);
            default ->
            {
            }
        }
        if (List.of("price", "price_level", "size", "best_bid", "best_ask").contains(name))
        {
            assertFalse(text.equals("0"), name + " is zero");
        }
    }

    private static void assertMatches(final Pattern pattern, final String text, final String name)
    {
        assertTrue(pattern.matcher(text).matches(), name + " '" + text + "' does not match " + pattern);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The decoder wired to count what it publishes (read back from SBE), what it reports and what it asks for.
     */
    private static final class Decoding implements SyntheticFrames.FrameSink, MessageSink, FrameListener,
        ExchangeSession, MarketDataReader.Listener
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final MarketDataProxy proxy = new MarketDataProxy(this, () -> START_NS, Exchange.COINBASE);
        final CoinbaseDecoder decoder = new CoinbaseDecoder(proxy, registry, this, this);
        final MarketDataReader reader = new MarketDataReader(this);
        final List<Instrument> instruments = new ArrayList<>();
        final Map<Integer, Long> dataByInstrument = new HashMap<>();

        final List<String> errors = new ArrayList<>();
        final Map<String, Integer> controls = new HashMap<>();
        final Map<FeedEventType, Integer> events = new EnumMap<>(FeedEventType.class);
        long frames;
        long trades;
        long tops;
        long snapshots;
        long updates;
        long levels;
        long resyncRequests;
        long reconnectRequests;
        boolean checkTradesAgainstBook;
        long checkedTrades;
        long aggressorBuys;
        long aggressorSells;
        long minTradePrice = Long.MAX_VALUE;
        long maxTradePrice = Long.MIN_VALUE;

        Decoding()
        {
            for (final String productId : PRODUCTS)
            {
                instruments.add(registry.resolve(Exchange.COINBASE, productId, CoinbaseSymbols.INSTANCE));
            }
            decoder.onConnected(START_NS);
        }

        Instrument instrument(final String productId)
        {
            return registry.resolve(Exchange.COINBASE, productId, CoinbaseSymbols.INSTANCE);
        }

        long dataFor(final Instrument instrument)
        {
            return dataByInstrument.getOrDefault(instrument.id(), 0L);
        }

        void reset()
        {
            errors.clear();
            controls.clear();
            events.clear();
            dataByInstrument.clear();
            frames = 0;
            trades = 0;
            tops = 0;
            snapshots = 0;
            updates = 0;
            levels = 0;
        }

        void text(final String frame)
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(bytes.length);
            buffer.putBytes(0, bytes);
            frame(buffer, bytes.length);
        }

        public void frame(final ExpandableArrayBuffer buffer, final int length)
        {
            frames++;
            decoder.onFrame(buffer, 0, length, START_NS);
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            reader.read(buffer, offset, length);
            return 1;
        }

        public void onControl(final String what)
        {
            controls.merge(what, 1, Integer::sum);
        }

        public void onError(final String message)
        {
            if (errors.size() < 10)
            {
                errors.add(message);
            }
        }

        public void requestResync(final Instrument instrument)
        {
            resyncRequests++;
        }

        public void requestReconnect(final String reason)
        {
            reconnectRequests++;
        }

        public void onTrade(final TradeDecoder trade)
        {
            trades++;
            data(trade.instrumentId());
            minTradePrice = Math.min(minTradePrice, trade.price());
            maxTradePrice = Math.max(maxTradePrice, trade.price());
            if (checkTradesAgainstBook)
            {
                // Trades are published before the frame's book update: the book is the one they traded against.
                final OrderBook book = decoder.book(registry.byId(trade.instrumentId()));
                checkedTrades++;
                if (AggressorSide.BUY == trade.aggressorSide())
                {
                    aggressorBuys++;
                    assertTrue(trade.price() >= book.asks().price(0), "a buyer lifts offers at the best or above");
                }
                else
                {
                    aggressorSells++;
                    assertEquals(AggressorSide.SELL, trade.aggressorSide());
                    assertTrue(trade.price() <= book.bids().price(0), "a seller hits bids at the best or below");
                }
            }
        }

        public void onTopOfBook(final TopOfBookDecoder topOfBook)
        {
            tops++;
            data(topOfBook.instrumentId());
            final OrderBook book = decoder.book(registry.byId(topOfBook.instrumentId()));
            assertEquals(book.bids().price(0), topOfBook.bidPrice(), "ticker best bid is the book's");
            assertEquals(book.asks().price(0), topOfBook.askPrice(), "ticker best ask is the book's");
            assertEquals(book.bids().quantity(0), topOfBook.bidQuantity());
            assertEquals(book.asks().quantity(0), topOfBook.askQuantity());
        }

        public void onBookSnapshot(final BookSnapshotDecoder snapshot)
        {
            snapshots++;
            data(snapshot.instrumentId());
        }

        public void onBookUpdate(final BookUpdateDecoder update)
        {
            updates++;
            levels += update.levels().count();
            data(update.instrumentId());
        }

        public void onFeedEvent(final FeedEventDecoder event)
        {
            events.merge(event.eventType(), 1, Integer::sum);
        }

        private void data(final int instrumentId)
        {
            dataByInstrument.merge(instrumentId, 1L, Long::sum);
        }
    }
}
