/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.MessageSink;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.collector.source.SyntheticFrames.Mix;
import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.schemas.MarketDataReader;
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

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The synthetic Kraken v2 frames go through the real {@link KrakenDecoder} without a single error, checksum failure,
 * crossed book or resync; each mix yields what it says; the books they describe match a reference book kept from the
 * JSON text alone (Kraken's checksum recipe on the wire strings); the same seed gives the same bytes.
 */
@Timeout(120)
class KrakenSyntheticFramesTest
{
    private static final List<String> SYMBOLS = List.of("BTC/USD", "ETH/USD", "SOL/USD", "ADA/EUR");
    private static final int FRAMES = 100_000;
    private static final long START_NS = 1_760_000_000_123_456_789L;
    private static final long FRAME_INTERVAL_NS = 1_000_000L;

    // ----------------------------------------------------------------------------------------------------------
    // Through the decoder.
    // ----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Mix.class)
    void everyFrameDecodesWithValidChecksums(final Mix mix)
    {
        final KrakenSyntheticFrames frames = new KrakenSyntheticFrames(SYMBOLS, 7, mix);
        final Rig rig = new Rig();

        frames.onSubscribed(rig, START_NS);
        assertEquals(0, rig.errors, rig.firstError);
        assertEquals(SYMBOLS.size(), rig.snapshots, "one book snapshot per symbol");
        assertEquals(SYMBOLS.size(), rig.snapshotsChecksumOk, "snapshots carry a correct checksum");
        assertEquals(SYMBOLS.size(), rig.tops, "one ticker snapshot per symbol");
        assertEquals(3 * SYMBOLS.size(), rig.controls, "an ack per channel and symbol");
        for (final String symbol : SYMBOLS)
        {
            assertEquals(KrakenProtocol.DEFAULT_BOOK_DEPTH, rig.decoder.bookDepth(rig.instrument(symbol)), symbol);
        }
        rig.resetCounts();

        long nowNs = START_NS;
        for (int i = 0; i < FRAMES; i++)
        {
            nowNs += FRAME_INTERVAL_NS;
            frames.next(rig, nowNs);
        }

        assertEquals(FRAMES, rig.frames);
        assertEquals(0, rig.errors, rig.firstError);
        assertEquals(0, rig.resyncRequests, "resyncs requested");
        assertEquals(0, rig.decoder.ignoredUpdateCount(), "book updates ignored");
        assertEquals(Map.of(), rig.events, "feed events (checksum failures, crossed books, ...)");
        assertEquals(0, rig.updatesChecksumFailed);
        assertEquals(rig.updates, rig.updatesChecksumOk, "every book update checked and ok");
        assertEquals(0, rig.timeWentBack, "exchange times never go back");
        assertEquals(0, rig.tradeIdNotIncreasing, "trade ids increase per pair");
        assertEquals(0, rig.crossedTops, "ticker bid below ask");

        switch (mix)
        {
            case TRADES ->
            {
                assertEquals(0, rig.updates + rig.snapshots + rig.tops, "trades only");
                assertTrue(rig.tradeFrames == FRAMES && rig.trades > FRAMES && rig.trades <= 3L * FRAMES,
                    rig.trades + " trades in " + rig.tradeFrames + " frames");
            }
            case BOOK ->
            {
                assertEquals(0, rig.trades + rig.snapshots + rig.tops, "book updates only");
                assertEquals(FRAMES, rig.updates);
            }
            case MIXED ->
            {
                assertEquals(0, rig.snapshots);
                assertTrue(rig.updates > FRAMES * 7 / 10, rig.updates + " book updates");
                assertTrue(rig.tradeFrames > FRAMES / 10 && rig.tradeFrames < FRAMES / 5,
                    rig.tradeFrames + " trade frames");
                assertTrue(rig.tops > FRAMES / 50 && rig.tops < FRAMES / 10, rig.tops + " tickers");
            }
            default -> throw new IllegalStateException(mix.name());
        }

        // The decoder's books, built from the frames, are the generator's own.
        for (int pair = 0; pair < SYMBOLS.size(); pair++)
        {
            final Instrument instrument = rig.instrument(SYMBOLS.get(pair));
            assertSameBook(frames.book(pair), frames.priceDigits(pair), rig.decoder.book(instrument), instrument);
        }
    }

    @Test
    void protocolHandsOutTheGeneratorAtItsDepth()
    {
        final SyntheticFrames frames = new KrakenProtocol(25).syntheticFrames(List.of("BTC/USD"), 3, Mix.BOOK);
        assertInstanceOf(KrakenSyntheticFrames.class, frames);

        final Rig rig = new Rig();
        frames.onSubscribed(rig, START_NS);
        assertEquals(25, rig.decoder.bookDepth(rig.instrument("BTC/USD")));
        assertEquals(1, rig.snapshotsChecksumOk);
        assertEquals(50, rig.lastSnapshotLevels, "25 levels a side");
        for (int i = 0; i < 20_000; i++)
        {
            frames.next(rig, START_NS + i * FRAME_INTERVAL_NS);
        }
        assertEquals(0, rig.errors, rig.firstError);
        assertEquals(Map.of(), rig.events);
        assertEquals(20_000, rig.updatesChecksumOk);
        assertEquals(25, rig.decoder.book(rig.instrument("BTC/USD")).bids().size());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Against a reference kept from the JSON text alone.
    // ----------------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = Mix.class, names = { "BOOK", "MIXED" })
    void booksFollowKrakensRulesOnTheWire(final Mix mix)
    {
        final KrakenSyntheticFrames frames = new KrakenSyntheticFrames(SYMBOLS, 11, mix);
        final List<String> text = new ArrayList<>();
        final SyntheticFrames.FrameSink sink =
            (buffer, length) -> text.add(buffer.getStringWithoutLengthAscii(0, length));
        frames.onSubscribed(sink, START_NS);
        for (int i = 0; i < 20_000; i++)
        {
            frames.next(sink, START_NS + (i + 1) * FRAME_INTERVAL_NS);
        }

        final Map<String, ReferenceBook> books = new HashMap<>();
        final ReferenceBook.Stats stats = new ReferenceBook.Stats();
        int bookUpdates = 0;
        for (final String frame : text)
        {
            final Map<String, Object> json = DecodedLines.parseObject(frame);
            if (!"book".equals(json.get("channel")))
            {
                continue;
            }
            final Map<String, Object> data = only(json.get("data"));
            final String symbol = (String)data.get("symbol");
            final boolean snapshot = "snapshot".equals(json.get("type"));
            if (snapshot)
            {
                books.put(symbol, new ReferenceBook(KrakenProtocol.DEFAULT_BOOK_DEPTH));
            }
            else
            {
                bookUpdates++;
                final int changes = list(data.get("bids")).size() + list(data.get("asks")).size();
                assertTrue(changes >= 1 && changes <= 8, changes + " level changes: " + frame);
            }
            final ReferenceBook book = books.get(symbol);
            final int priceDigits = frames.priceDigits(SYMBOLS.indexOf(symbol));
            book.apply(list(data.get("bids")), list(data.get("asks")), priceDigits, snapshot ? null : stats, frame);
            assertEquals(book.checksum(), (long)(Long)data.get("checksum"), frame);
            assertTrue(book.bestBid().compareTo(book.bestAsk()) < 0, "crossed: " + frame);
            assertEquals(KrakenProtocol.DEFAULT_BOOK_DEPTH, book.bidCount(), frame);
            assertEquals(KrakenProtocol.DEFAULT_BOOK_DEPTH, book.askCount(), frame);
            Timestamps.parseIso8601(new org.agrona.concurrent.UnsafeBuffer(
                ((String)data.get("timestamp")).getBytes(StandardCharsets.US_ASCII)), 0, 27);
        }

        assertTrue(bookUpdates > 10_000, bookUpdates + " book updates");
        assertTrue(stats.sizeChanges > bookUpdates / 2, "size changes: " + stats);
        assertTrue(stats.newLevels > bookUpdates / 4, "new levels: " + stats);
        assertTrue(stats.newBestLevels > bookUpdates / 20, "levels inside the spread: " + stats);
        assertTrue(stats.deletions > bookUpdates / 4, "deletions: " + stats);
        assertTrue(stats.fellOut > bookUpdates / 20, "levels pushed out of the depth: " + stats);
    }

    @Test
    void framesAreShapedAsKrakenSendsThem()
    {
        final KrakenSyntheticFrames frames = new KrakenSyntheticFrames(List.of("BTC/USD", "ETH/USD"), 5, Mix.MIXED);
        final List<String> text = new ArrayList<>();
        final SyntheticFrames.FrameSink sink =
            (buffer, length) -> text.add(buffer.getStringWithoutLengthAscii(0, length));
        frames.onSubscribed(sink, START_NS);

        assertEquals(10, text.size(), "6 acks, 2 book snapshots, 2 ticker snapshots: " + text);
        assertTrue(text.get(0).matches("\\{\"method\":\"subscribe\",\"result\":\\{\"channel\":\"trade\"," +
            "\"snapshot\":false,\"symbol\":\"BTC/USD\"},\"success\":true,\"time_in\":\"\\d{4}-\\d\\d-\\d\\dT" +
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\",\"time_out\":\"[-0-9T:.]{26}Z\"}"), text.get(0));
        final Map<String, Object> bookAck = DecodedLines.parseObject(text.get(3));
        assertEquals("subscribe", bookAck.get("method"));
        assertEquals(Boolean.TRUE, bookAck.get("success"));
        assertEquals(Map.of("channel", "book", "depth", 10L, "snapshot", true, "symbol", "ETH/USD"),
            bookAck.get("result"));
        assertEquals(Map.of("channel", "ticker", "event_trigger", "bbo", "snapshot", true, "symbol", "BTC/USD"),
            DecodedLines.parseObject(text.get(4)).get("result"));

        final String snapshot = text.get(6);
        assertTrue(snapshot.startsWith("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":" +
            "\"BTC/USD\",\"bids\":[{\"price\":65000.0,\"qty\":"), snapshot);
        assertTrue(snapshot.matches(".*\"checksum\":\\d+,\"timestamp\":\"2025-10-09T08:53:20\\.\\d{6}Z\"}]}"),
            snapshot);
        final Map<String, Object> ethSnapshot = only(DecodedLines.parseObject(text.get(7)).get("data"));
        for (final Object level : list(ethSnapshot.get("asks")))
        {
            assertEquals(2, ((BigDecimal)((Map<?, ?>)level).get("price")).scale(), "ETH on a 0.01 tick");
            assertEquals(8, ((BigDecimal)((Map<?, ?>)level).get("qty")).scale(), "quantities with 8 decimals");
        }

        final Map<String, Object> ticker = only(DecodedLines.parseObject(text.get(8)).get("data"));
        assertEquals(List.of("symbol", "bid", "bid_qty", "ask", "ask_qty", "last", "volume", "vwap", "low", "high",
            "change", "change_pct", "timestamp"), new ArrayList<>(ticker.keySet()));

        text.clear();
        for (int i = 0; i < 2_000; i++)
        {
            frames.next(sink, START_NS + (i + 1) * FRAME_INTERVAL_NS);
        }
        final String trade = text.stream().filter((f) -> f.startsWith("{\"channel\":\"trade\"")).findFirst()
            .orElseThrow();
        final Map<?, ?> fill = (Map<?, ?>)list(DecodedLines.parseObject(trade).get("data")).get(0);
        assertEquals(List.of("symbol", "side", "price", "qty", "ord_type", "trade_id", "timestamp"),
            new ArrayList<>(fill.keySet()), trade);
        assertTrue(text.stream().anyMatch((f) -> f.contains("\"qty\":0E-8}")),
            "deleted levels carry Kraken's zero quantity 0E-8");
        assertTrue(text.stream().anyMatch((f) -> f.contains("\"side\":\"sell\"")) &&
            text.stream().anyMatch((f) -> f.contains("\"side\":\"buy\"")));
    }

    @Test
    void seedDecidesTheBytes()
    {
        for (final Mix mix : Mix.values())
        {
            final long crcA = crcOfFrames(new KrakenSyntheticFrames(SYMBOLS, 99, mix), 20_000);
            final long crcB = crcOfFrames(new KrakenSyntheticFrames(SYMBOLS, 99, mix), 20_000);
            final long crcC = crcOfFrames(new KrakenSyntheticFrames(SYMBOLS, 100, mix), 20_000);
            assertEquals(crcA, crcB, mix + ": same seed, same bytes");
            assertNotEquals(crcA, crcC, mix + ": other seed, other bytes");
        }

        final List<byte[]> first = new ArrayList<>();
        final List<byte[]> second = new ArrayList<>();
        collect(new KrakenSyntheticFrames(SYMBOLS, 1, Mix.MIXED), first, 1_000);
        collect(new KrakenSyntheticFrames(SYMBOLS, 1, Mix.MIXED), second, 1_000);
        for (int i = 0; i < first.size(); i++)
        {
            assertArrayEquals(first.get(i), second.get(i), "frame " + i);
        }
    }

    @Test
    void steadyStateGenerationDoesNotAllocate()
    {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final long[] bytes = new long[1];
        final SyntheticFrames.FrameSink sink = (buffer, length) -> bytes[0] += length;
        for (final Mix mix : Mix.values())
        {
            final KrakenSyntheticFrames frames = new KrakenSyntheticFrames(SYMBOLS, 17, mix);
            frames.onSubscribed(sink, START_NS);
            for (int i = 0; i < 50_000; i++)
            {
                frames.next(sink, START_NS + i * FRAME_INTERVAL_NS);
            }
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50_000; i++)
            {
                frames.next(sink, START_NS + i * FRAME_INTERVAL_NS);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1024, mix + ": " + allocated + " bytes allocated for 50,000 frames");
        }
        assertTrue(bytes[0] > 0);
    }

    // ----------------------------------------------------------------------------------------------------------
    // Kraken's spellings.
    // ----------------------------------------------------------------------------------------------------------

    @Test
    void decimalsAreSpelledAsKrakensEngineSpellsThem()
    {
        assertEquals("65000.0", decimal(650_000, 1));
        assertEquals("0.00044780", decimal(44_780, 8));
        assertEquals("1.54582015", decimal(154_582_015, 8));
        assertEquals("13600.00000000", decimal(1_360_000_000_000L, 8));
        assertEquals("-429.3", decimal(-4_293, 1));
        assertEquals("-0.05", decimal(-5, 2));
        assertEquals("0.00", decimal(0, 2));
        assertEquals("0.000000", decimal(0, 6));
        assertEquals("0E-8", decimal(0, 8));
        assertEquals("0.00000100", decimal(100, 8));
        assertEquals("1.0E-7", decimal(10, 8));
        assertEquals("1E-8", decimal(1, 8));
        assertEquals("42", decimal(42, 0));

        for (final String text : List.of("0E-8", "1.0E-7", "0.00044780", "65000.0"))
        {
            final org.agrona.concurrent.UnsafeBuffer buffer =
                new org.agrona.concurrent.UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
            assertEquals(new BigDecimal(text).scale(), KrakenText.fractionDigits(buffer, 0, text.length()), text);
        }
    }

    @Test
    void timestampsAreRfc3339WithMicroseconds()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final long[] instants = {
            0L, 951_782_400_123_456_789L, 1_695_628_116_925_533_999L, 4_102_444_799_999_999_999L,
            START_NS, 1_709_164_800_000_000_000L, 1_709_251_199_000_001_000L,
        };
        for (final long epochNs : instants)
        {
            final int length = KrakenText.putRfc3339Micros(buffer, 0, epochNs);
            assertEquals(KrakenText.RFC3339_MICROS_LENGTH, length);
            assertEquals(Timestamps.formatIso8601(epochNs, 6), buffer.getStringWithoutLengthAscii(0, length));
            assertEquals(epochNs / 1_000 * 1_000, Timestamps.parseIso8601(buffer, 0, length));
        }
        long epochNs = 0;
        for (int i = 0; i < 10_000; i++)
        {
            epochNs += 123_456_789_012_345L + i * 7_919L;
            final int length = KrakenText.putRfc3339Micros(buffer, 0, epochNs);
            assertEquals(Instant.ofEpochSecond(epochNs / 1_000_000_000L).toString().substring(0, 19),
                buffer.getStringWithoutLengthAscii(0, 19), "at " + epochNs);
            assertEquals(epochNs / 1_000 * 1_000, Timestamps.parseIso8601(buffer, 0, length));
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Helpers.
    // ----------------------------------------------------------------------------------------------------------

    private static String decimal(final long mantissa, final int digits)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = KrakenText.putDecimal(buffer, 3, mantissa, digits);
        return buffer.getStringWithoutLengthAscii(3, length);
    }

    private static long crcOfFrames(final SyntheticFrames frames, final int count)
    {
        final CRC32 crc = new CRC32();
        final SyntheticFrames.FrameSink sink = (buffer, length) -> crc.update(buffer.byteArray(), 0, length);
        frames.onSubscribed(sink, START_NS);
        for (int i = 0; i < count; i++)
        {
            frames.next(sink, START_NS + (i + 1) * FRAME_INTERVAL_NS);
        }
        return crc.getValue();
    }

    private static void collect(final SyntheticFrames frames, final List<byte[]> into, final int count)
    {
        final SyntheticFrames.FrameSink sink =
            (buffer, length) -> into.add(Arrays.copyOf(buffer.byteArray(), length));
        frames.onSubscribed(sink, START_NS);
        for (int i = 0; i < count; i++)
        {
            frames.next(sink, START_NS + (i + 1) * FRAME_INTERVAL_NS);
        }
    }

    private static void assertSameBook(
        final OrderBook expected, final int priceDigits, final OrderBook actual, final Instrument instrument)
    {
        assertSameSide(expected.bids(), priceDigits, actual.bids(), instrument);
        assertSameSide(expected.asks(), priceDigits, actual.asks(), instrument);
    }

    private static void assertSameSide(
        final PriceLevels expected, final int priceDigits, final PriceLevels actual, final Instrument instrument)
    {
        assertEquals(expected.size(), actual.size(), instrument.toString());
        final long priceFactor = DecimalCodec.pow10(instrument.priceScale() - priceDigits);
        final long quantityFactor =
            DecimalCodec.pow10(instrument.quantityScale() - KrakenSyntheticFrames.QUANTITY_DIGITS);
        for (int rank = 0; rank < expected.size(); rank++)
        {
            assertEquals(expected.price(rank) * priceFactor, actual.price(rank), instrument + " rank " + rank);
            assertEquals(expected.quantity(rank) * quantityFactor, actual.quantity(rank), instrument + " " + rank);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> only(final Object data)
    {
        final List<Object> entries = (List<Object>)data;
        assertEquals(1, entries.size(), "one entry per frame");
        return (Map<String, Object>)entries.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object value)
    {
        return (List<Object>)value;
    }

    /**
     * The real decoder, publishing SBE that is read straight back and counted.
     */
    private static final class Rig implements SyntheticFrames.FrameSink, FrameListener, ExchangeSession, MessageSink
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final KrakenDecoder decoder;
        final Map<FeedEventType, Integer> events = new EnumMap<>(FeedEventType.class);
        final Map<Integer, Long> lastTradeIds = new HashMap<>();
        final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onTrade(final TradeDecoder trade)
            {
                trades++;
                checkTime(trade.exchangeTimeNs());
                final Long previous = lastTradeIds.put(trade.instrumentId(), trade.tradeId());
                if (null != previous && trade.tradeId() <= previous)
                {
                    tradeIdNotIncreasing++;
                }
            }

            public void onTopOfBook(final TopOfBookDecoder top)
            {
                tops++;
                checkTime(top.exchangeTimeNs());
                if (top.bidPrice() >= top.askPrice())
                {
                    crossedTops++;
                }
            }

            public void onBookSnapshot(final BookSnapshotDecoder snapshot)
            {
                snapshots++;
                snapshotsChecksumOk += snapshot.flags().checksumOk() ? 1 : 0;
                lastSnapshotLevels = snapshot.levels().count();
            }

            public void onBookUpdate(final BookUpdateDecoder update)
            {
                updates++;
                checkTime(update.exchangeTimeNs());
                updatesChecksumOk += update.flags().checksumOk() ? 1 : 0;
                updatesChecksumFailed += update.flags().checksumFailed() ? 1 : 0;
            }

            public void onFeedEvent(final FeedEventDecoder event)
            {
                events.merge(event.eventType(), 1, Integer::sum);
            }
        });

        long frames;
        long tradeFrames;
        long trades;
        long tops;
        long snapshots;
        long snapshotsChecksumOk;
        int lastSnapshotLevels;
        long updates;
        long updatesChecksumOk;
        long updatesChecksumFailed;
        long controls;
        long errors;
        String firstError;
        long resyncRequests;
        long lastTimeNs;
        long timeWentBack;
        long tradeIdNotIncreasing;
        long crossedTops;

        Rig()
        {
            final MarketDataProxy proxy = new MarketDataProxy(this, () -> START_NS, Exchange.KRAKEN);
            decoder = (KrakenDecoder)new KrakenProtocol().newDecoder(proxy, registry, this, this);
            decoder.onConnected(START_NS);
        }

        void resetCounts()
        {
            frames = 0;
            tradeFrames = 0;
            trades = 0;
            tops = 0;
            snapshots = 0;
            updates = 0;
            updatesChecksumOk = 0;
            controls = 0;
        }

        Instrument instrument(final String venueSymbol)
        {
            return registry.resolve(Exchange.KRAKEN, venueSymbol, KrakenSymbolNormalizer.INSTANCE);
        }

        public void frame(final ExpandableArrayBuffer buffer, final int length)
        {
            frames++;
            final long tradesBefore = trades;
            decoder.onFrame(buffer, 0, length, START_NS);
            tradeFrames += trades > tradesBefore ? 1 : 0;
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            reader.read(buffer, offset, length);
            return 1;
        }

        public void onControl(final String what)
        {
            controls++;
        }

        public void onError(final String message)
        {
            if (0 == errors++)
            {
                firstError = message;
            }
        }

        public void requestResync(final Instrument instrument)
        {
            resyncRequests++;
        }

        private void checkTime(final long exchangeTimeNs)
        {
            if (exchangeTimeNs < lastTimeNs)
            {
                timeWentBack++;
            }
            lastTimeNs = exchangeTimeNs;
        }
    }

    /**
     * A Kraken book kept from wire strings only, with the checksum computed as Kraken's guide describes it.
     */
    private static final class ReferenceBook
    {
        static final class Stats
        {
            long sizeChanges;
            long newLevels;
            long newBestLevels;
            long deletions;
            long fellOut;

            public String toString()
            {
                return "sizeChanges=" + sizeChanges + " newLevels=" + newLevels + " newBest=" + newBestLevels +
                    " deletions=" + deletions + " fellOut=" + fellOut;
            }
        }

        private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
        private final int depth;

        ReferenceBook(final int depth)
        {
            this.depth = depth;
        }

        void apply(
            final List<Object> bidLevels,
            final List<Object> askLevels,
            final int priceDigits,
            final Stats stats,
            final String frame)
        {
            applySide(bids, bidLevels, priceDigits, stats, frame);
            applySide(asks, askLevels, priceDigits, stats, frame);
        }

        private void applySide(
            final TreeMap<BigDecimal, String[]> side,
            final List<Object> levels,
            final int priceDigits,
            final Stats stats,
            final String frame)
        {
            for (final Object entry : levels)
            {
                final Map<?, ?> level = (Map<?, ?>)entry;
                final BigDecimal price = (BigDecimal)level.get("price");
                final BigDecimal quantity = (BigDecimal)level.get("qty");
                assertEquals(priceDigits, price.scale(), "price on the pair's tick: " + frame);
                assertEquals(8, quantity.scale(), "quantity with 8 decimals: " + frame);
                assertTrue(price.signum() > 0 && quantity.signum() >= 0, frame);
                if (null != stats)
                {
                    if (0 == quantity.signum())
                    {
                        assertTrue(side.containsKey(price), "delete of an absent level: " + frame);
                        stats.deletions++;
                    }
                    else if (side.containsKey(price))
                    {
                        stats.sizeChanges++;
                    }
                    else
                    {
                        stats.newLevels++;
                        final Comparator<? super BigDecimal> order =
                            null == side.comparator() ? Comparator.naturalOrder() : side.comparator();
                        stats.newBestLevels += order.compare(price, side.firstKey()) < 0 ? 1 : 0;
                    }
                }
                if (0 == quantity.signum())
                {
                    side.remove(price);
                }
                else
                {
                    side.put(price, new String[]{ price.toString(), quantity.toString() });
                }
            }
            while (side.size() > depth)
            {
                side.pollLastEntry();
                if (null != stats)
                {
                    stats.fellOut++;
                }
            }
        }

        long checksum()
        {
            final StringBuilder text = new StringBuilder();
            append(text, asks);
            append(text, bids);
            final CRC32 crc = new CRC32();
            crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
            return crc.getValue();
        }

        BigDecimal bestBid()
        {
            return bids.firstKey();
        }

        BigDecimal bestAsk()
        {
            return asks.firstKey();
        }

        int bidCount()
        {
            return bids.size();
        }

        int askCount()
        {
            return asks.size();
        }

        private static void append(final StringBuilder text, final TreeMap<BigDecimal, String[]> side)
        {
            int count = 0;
            for (final Map.Entry<BigDecimal, String[]> level : side.entrySet())
            {
                if (count++ == 10)
                {
                    break;
                }
                text.append(strip(level.getValue()[0])).append(strip(level.getValue()[1]));
            }
        }

        private static String strip(final String wire)
        {
            return wire.replace(".", "").replaceFirst("^0+", "");
        }
    }
}
