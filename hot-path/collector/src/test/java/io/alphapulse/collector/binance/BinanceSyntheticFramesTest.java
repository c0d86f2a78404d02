/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.source.FrameHandler;
import io.alphapulse.collector.source.SyntheticFrameSource;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.decimal.DecimalParser;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic generator through the real decoder, driven by {@link SyntheticFrameSource} as the demo drives it
 * (snapshots the decoder asks for are answered from {@link BinanceSyntheticFrames#restSnapshot} on the next poll):
 * every mix decodes without errors, gaps or crossed books, every book synchronises once and ends equal to the
 * generator's; the frames have Binance's shapes and id rules; a seed fixes the bytes; steady state allocates nothing.
 */
@Timeout(120)
final class BinanceSyntheticFramesTest
{
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "DOGEUSDT", "ADAUSDT");
    private static final int FRAME_COUNT = 100_000;
    private static final long START_NS = 1_700_000_000_000_000_000L;
    private static final Pattern DEPTH = Pattern.compile("\\{\"stream\":\"([a-z]+)@depth@100ms\",\"data\":\\{" +
        "\"e\":\"depthUpdate\",\"E\":(\\d+),\"s\":\"([A-Z]+)\",\"U\":(\\d+),\"u\":(\\d+)," +
        "\"b\":\\[(.*)],\"a\":\\[(.*)]}}");
    private static final Pattern TRADE = Pattern.compile("\\{\"stream\":\"([a-z]+)@trade\",\"data\":\\{" +
        "\"e\":\"trade\",\"E\":(\\d+),\"s\":\"([A-Z]+)\",\"t\":(\\d+),\"p\":\"(\\d+\\.\\d{8})\"," +
        "\"q\":\"(\\d+\\.\\d{8})\"," +
        "\"T\":(\\d+),\"m\":(true|false),\"M\":true}}");
    private static final Pattern AGG_TRADE = Pattern.compile("\\{\"stream\":\"([a-z]+)@aggTrade\",\"data\":\\{" +
        "\"e\":\"aggTrade\",\"E\":(\\d+),\"s\":\"([A-Z]+)\",\"a\":(\\d+),\"p\":\"(\\d+\\.\\d{8})\"," +
        "\"q\":\"(\\d+\\.\\d{8})\",\"f\":(\\d+),\"l\":(\\d+),\"T\":(\\d+),\"m\":(true|false),\"M\":true}}");
    private static final Pattern TICKER = Pattern.compile("\\{\"stream\":\"([a-z]+)@bookTicker\",\"data\":\\{" +
        "\"u\":(\\d+),\"s\":\"([A-Z]+)\",\"b\":\"(\\d+\\.\\d{8})\",\"B\":\"(\\d+\\.\\d{8})\"," +
        "\"a\":\"(\\d+\\.\\d{8})\",\"A\":\"(\\d+\\.\\d{8})\"}}");
    private static final Pattern LEVEL = Pattern.compile("\\[\"(\\d+\\.\\d{8})\",\"(\\d+\\.\\d{8})\"]");
    private static final Pattern SNAPSHOT = Pattern.compile(
        "\\{\"lastUpdateId\":(\\d+),\"bids\":\\[(.*)],\"asks\":\\[(.*)]}");

    @ParameterizedTest
    @EnumSource(SyntheticFrames.Mix.class)
    void everyMixDecodesWithoutErrorsGapsOrCrossingAndEveryBookSynchronisesOnce(final SyntheticFrames.Mix mix)
    {
        final Run run = new Run(mix, 7);
        run.generate(FRAME_COUNT);

        assertEquals(0, run.errors, run.lastError);
        assertEquals(0, run.decoder.gapCount());
        assertEquals(0, run.decoder.staleSnapshotCount(), "every snapshot continued a buffered event");
        assertEquals(0, run.decoder.bufferOverflowCount());
        assertEquals(SYMBOLS.size(), run.decoder.syncedBookCount());
        assertEquals(SYMBOLS.size(), run.decoder.snapshotRequestCount(), "one REST snapshot per symbol");
        assertEquals(SYMBOLS.size(), run.snapshotsRequested);
        assertEquals(FRAME_COUNT, run.nextFrames);
        assertEquals(SYMBOLS.size(), run.subscribedFrames, "one depth event per symbol on connect");

        for (final String symbol : SYMBOLS)
        {
            final int id = run.instrument(symbol).id();
            assertEquals(1, run.feedEvents(FeedEventType.RESYNC_DONE, id), symbol);
            assertEquals(1, run.snapshotBatches.getOrDefault(id, 0), symbol);
        }
        assertEquals(SYMBOLS.size(), run.feedEventCount, "RESYNC_DONE and nothing else: " + run.feedEventTypes);

        final long depthEvents = run.updates - SYMBOLS.size();
        switch (mix)
        {
            case TRADES ->
            {
                assertEquals(FRAME_COUNT, run.trades);
                assertEquals(0, depthEvents, "only the connect events update books");
                assertEquals(0, run.tops);
            }
            case BOOK ->
            {
                assertEquals(FRAME_COUNT, depthEvents, "every depth event applied and published");
                assertEquals(0, run.trades);
                assertEquals(0, run.tops);
                assertEquals(0, run.decoder.staleEventCount());
            }
            case MIXED ->
            {
                assertEquals(FRAME_COUNT, run.trades + run.tops + depthEvents);
                assertTrue(depthEvents > FRAME_COUNT / 2, "mostly depth events: " + depthEvents);
                assertTrue(run.trades > FRAME_COUNT / 5, "trades and aggTrades: " + run.trades);
                assertTrue(run.tops > FRAME_COUNT / 10, "book tickers: " + run.tops);
            }
        }

        for (final String symbol : SYMBOLS)
        {
            run.assertBookEqualsGenerator(symbol);
        }
    }

    @Test
    void framesHaveBinanceShapesAndUpdateIdsFollowOn()
    {
        final BinanceSyntheticFrames frames = new BinanceSyntheticFrames(SYMBOLS, 11, SyntheticFrames.Mix.MIXED);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final String initial = text(buffer, frames.restSnapshot("BTCUSDT", buffer));
        final Matcher snapshot = SNAPSHOT.matcher(initial);
        assertTrue(snapshot.matches(), initial);
        assertEquals(BinanceSyntheticFrames.INITIAL_LEVELS, count(LEVEL, snapshot.group(2)));
        assertEquals(BinanceSyntheticFrames.INITIAL_LEVELS, count(LEVEL, snapshot.group(3)));
        assertTrue(initial.startsWith("{\"lastUpdateId\":") && initial.contains("[\"65000.00000000\","), initial);
        assertEquals(0, frames.restSnapshot("XRPUSDT", buffer), "not a symbol of this generator");

        final List<String> lines = new ArrayList<>();
        frames.onSubscribed((frameBuffer, length) -> lines.add(text(frameBuffer, length)), START_NS);
        assertEquals(SYMBOLS.size(), lines.size());
        for (int i = 0; i < 20_000; i++)
        {
            frames.next((frameBuffer, length) -> lines.add(text(frameBuffer, length)), START_NS + i * 1_000_000L);
        }

        final Map<String, Long> lastU = new HashMap<>();
        final Map<String, Long> lastTradeId = new HashMap<>();
        final Map<String, Long> lastAggId = new HashMap<>();
        int depth = 0;
        int trades = 0;
        int aggTrades = 0;
        int tickers = 0;
        int deletes = 0;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            final long eventMs = i < SYMBOLS.size() ? START_NS / 1_000_000L :
                (START_NS + (i - SYMBOLS.size()) * 1_000_000L) / 1_000_000L;
            Matcher m;
            if ((m = DEPTH.matcher(line)).matches())
            {
                depth++;
                assertStream(m, line);
                assertEquals(eventMs, Long.parseLong(m.group(2)), line);
                final long firstId = Long.parseLong(m.group(4));
                final long lastId = Long.parseLong(m.group(5));
                final Long previous = lastU.put(m.group(3), lastId);
                if (null != previous)
                {
                    assertEquals(previous + 1, firstId, "U = previous u + 1: " + line);
                }
                assertTrue(lastId >= firstId, line);
                final int changes = count(LEVEL, m.group(6)) + count(LEVEL, m.group(7));
                assertTrue(changes >= 1 && changes <= BinanceSyntheticFrames.MAX_CHANGES_PER_EVENT, line);
                assertTrue(lastId - firstId + 1 >= changes, "at least one id per change: " + line);
                deletes += count(Pattern.compile("\"0\\.00000000\"]"), line);
            }
            else if ((m = TRADE.matcher(line)).matches())
            {
                trades++;
                assertStream(m, line);
                final Long previous = lastTradeId.put(m.group(3), Long.parseLong(m.group(4)));
                assertTrue(null == previous || previous < Long.parseLong(m.group(4)), "t increases: " + line);
                assertTrue(Long.parseLong(m.group(7)) <= Long.parseLong(m.group(2)), "T <= E: " + line);
            }
            else if ((m = AGG_TRADE.matcher(line)).matches())
            {
                aggTrades++;
                assertStream(m, line);
                final Long previous = lastAggId.put(m.group(3), Long.parseLong(m.group(4)));
                assertTrue(null == previous || previous < Long.parseLong(m.group(4)), "a increases: " + line);
                assertTrue(Long.parseLong(m.group(7)) <= Long.parseLong(m.group(8)), "f <= l: " + line);
            }
            else if ((m = TICKER.matcher(line)).matches())
            {
                tickers++;
                assertStream(m, line);
                assertTrue(new java.math.BigDecimal(m.group(4)).compareTo(new java.math.BigDecimal(m.group(6))) < 0,
                    "bid below ask: " + line);
            }
            else
            {
                throw new AssertionError("not a Binance frame: " + line);
            }
        }
        assertTrue(depth > 0 && trades > 0 && aggTrades > 0 && tickers > 0,
            depth + " " + trades + " " + aggTrades + " " + tickers);
        assertTrue(deletes > 1000, "levels deleted with \"0.00000000\": " + deletes);
    }

    @Test
    void restSnapshotIsTheBookJustBeforeTheLatestDepthEvent()
    {
        final BinanceSyntheticFrames frames = new BinanceSyntheticFrames(SYMBOLS, 13, SyntheticFrames.Mix.BOOK);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final Instrument btc =
            new InstrumentRegistry().resolve(Exchange.BINANCE, "BTCUSDT", new BinanceSymbolNormalizer());
        final String[] lastBtcEvent = new String[1];
        for (int i = 0; i < 2_000; i++)
        {
            frames.next((frameBuffer, length) ->
            {
                final String frame = text(frameBuffer, length);
                if (frame.startsWith("{\"stream\":\"btcusdt@"))
                {
                    lastBtcEvent[0] = frame;
                }
            }, START_NS + i);

            if (null != lastBtcEvent[0] && 0 == i % 100)
            {
                final Matcher event = DEPTH.matcher(lastBtcEvent[0]);
                assertTrue(event.matches(), lastBtcEvent[0]);
                final Matcher rest = SNAPSHOT.matcher(text(buffer, frames.restSnapshot("BTCUSDT", buffer)));
                assertTrue(rest.matches());
                final Matcher current = SNAPSHOT.matcher(text(buffer, frames.currentBook("BTCUSDT", buffer)));
                assertTrue(current.matches());

                assertEquals(Long.parseLong(event.group(4)) - 1, Long.parseLong(rest.group(1)), "U - 1");
                assertEquals(Long.parseLong(event.group(5)), Long.parseLong(current.group(1)), "u");
                final TreeMap<Long, Long> bids = Run.levels(rest.group(2), btc);
                final TreeMap<Long, Long> asks = Run.levels(rest.group(3), btc);
                final TreeMap<Long, Long> bidsBefore = new TreeMap<>(bids);
                final TreeMap<Long, Long> asksBefore = new TreeMap<>(asks);
                apply(Run.levels(event.group(6), btc), bids);
                apply(Run.levels(event.group(7), btc), asks);
                assertEquals(Run.levels(current.group(2), btc), bids, "snapshot + event = book");
                assertEquals(Run.levels(current.group(3), btc), asks, "snapshot + event = book");
                assertFalse(bids.equals(bidsBefore) && asks.equals(asksBefore), "the event changed the book");
                assertTrue(bids.lastKey() < asks.firstKey() && bidsBefore.lastKey() < asksBefore.firstKey());
            }
        }
    }

    @Test
    void decoderSynchronisesWhetherTheSnapshotComesBeforeOrAfterTheEventThatContinuesIt()
    {
        for (final boolean snapshotFirst : new boolean[]{ true, false })
        {
            final BinanceSyntheticFrames frames = new BinanceSyntheticFrames(
                List.of("ETHUSDT"), 17, SyntheticFrames.Mix.BOOK);
            final List<byte[]> events = new ArrayList<>();
            final SyntheticFrames.FrameSink sink = (buffer, length) ->
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(0, frame);
                events.add(frame);
            };
            final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer();
            final List<String> requested = new ArrayList<>();
            final int[] errors = new int[1];
            final int[] resyncDone = new int[1];
            final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
            {
                public void onFeedEvent(final FeedEventDecoder event)
                {
                    if (FeedEventType.RESYNC_DONE == event.eventType())
                    {
                        resyncDone[0]++;
                    }
                }
            });
            final BinanceDecoder decoder = (BinanceDecoder)new BinanceProtocol().newDecoder(
                new MarketDataProxy((buffer, offset, length) ->
                {
                    reader.read(buffer, offset, length);
                    return 1;
                }, () -> START_NS, Exchange.BINANCE),
                new InstrumentRegistry(),
                new FrameListener()
                {
                    public void onControl(final String what)
                    {
                    }

                    public void onError(final String message)
                    {
                        errors[0]++;
                    }
                },
                (instrument) -> requested.add(instrument.venueSymbol()));

            frames.onSubscribed(sink, START_NS);
            frames.next(sink, START_NS + 1);
            frames.next(sink, START_NS + 2);
            final int length = frames.restSnapshot("ETHUSDT", snapshot);
            if (snapshotFirst)
            {
                // Taken now, delivered before the latest event: the decoder holds it until that event comes.
                decoder.onFrame(new UnsafeBuffer(events.get(0)), 0, events.get(0).length, START_NS);
                decoder.onFrame(new UnsafeBuffer(events.get(1)), 0, events.get(1).length, START_NS);
                decoder.onRestSnapshot("ETHUSDT", snapshot, 0, length, START_NS);
                assertEquals(0, decoder.syncedBookCount(), "older events discarded, waiting for the latest");
                decoder.onFrame(new UnsafeBuffer(events.get(2)), 0, events.get(2).length, START_NS);
            }
            else
            {
                for (final byte[] event : events)
                {
                    decoder.onFrame(new UnsafeBuffer(event), 0, event.length, START_NS);
                }
                decoder.onRestSnapshot("ETHUSDT", snapshot, 0, length, START_NS);
            }
            assertEquals(List.of("ETHUSDT"), requested, "asked once, on the first event");
            assertEquals(1, decoder.syncedBookCount(), "snapshot first: " + snapshotFirst);
            assertEquals(1, resyncDone[0]);
            assertEquals(0, decoder.staleSnapshotCount());
            assertEquals(0, errors[0]);

            frames.next(sink, START_NS + 3);
            decoder.onFrame(new UnsafeBuffer(events.get(3)), 0, events.get(3).length, START_NS);
            assertEquals(0, decoder.gapCount());
            assertEquals(1, decoder.syncedBookCount());
        }
    }

    private static void apply(final TreeMap<Long, Long> changes, final TreeMap<Long, Long> side)
    {
        for (final Map.Entry<Long, Long> change : changes.entrySet())
        {
            if (0 == change.getValue())
            {
                side.remove(change.getKey());
            }
            else
            {
                side.put(change.getKey(), change.getValue());
            }
        }
    }

    @Test
    void tradesWalkAroundEachSymbolsStartOnItsTick()
    {
        final List<String> symbols = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "DOGEUSDT");
        final BinanceSyntheticFrames frames = new BinanceSyntheticFrames(symbols, 3, SyntheticFrames.Mix.TRADES);
        final Map<String, double[]> ranges = new HashMap<>();
        final Map<String, Integer> decimals = Map.of("BTCUSDT", 2, "ETHUSDT", 2, "SOLUSDT", 2, "DOGEUSDT", 5);
        final Map<String, Double> starts = Map.of("BTCUSDT", 65000.0, "ETHUSDT", 1900.0, "SOLUSDT", 150.0,
            "DOGEUSDT", 0.15);
        final int[] buyerMakers = new int[2];
        for (int i = 0; i < 40_000; i++)
        {
            frames.next((buffer, length) ->
            {
                final Matcher m = TRADE.matcher(text(buffer, length));
                assertTrue(m.matches());
                final String price = m.group(5);
                final String fraction = price.substring(price.indexOf('.') + 1);
                assertEquals("0".repeat(8 - decimals.get(m.group(3))),
                    fraction.substring(decimals.get(m.group(3))), "on the tick: " + price);
                final double value = Double.parseDouble(price);
                final double[] range = ranges.computeIfAbsent(m.group(3), (s) -> new double[]{ value, value });
                range[0] = Math.min(range[0], value);
                range[1] = Math.max(range[1], value);
                buyerMakers["true".equals(m.group(8)) ? 1 : 0]++;
            }, START_NS + i * 1_000_000L);
        }
        for (final String symbol : symbols)
        {
            final double[] range = ranges.get(symbol);
            final double start = starts.get(symbol);
            assertNotNull(range, symbol);
            assertTrue(range[0] > start * 0.9 && range[1] < start * 1.1 && range[1] > range[0],
                symbol + " walks around " + start + ": " + Arrays.toString(range));
        }
        assertTrue(buyerMakers[0] > 15_000 && buyerMakers[1] > 15_000, Arrays.toString(buyerMakers));
    }

    @Test
    void sameSeedSameBytesDifferentSeedDifferentBytes()
    {
        final byte[] first = bytes(21, SyntheticFrames.Mix.MIXED);
        assertArrayEquals(first, bytes(21, SyntheticFrames.Mix.MIXED));
        assertFalse(Arrays.equals(first, bytes(22, SyntheticFrames.Mix.MIXED)));
        assertArrayEquals(bytes(5, SyntheticFrames.Mix.BOOK), bytes(5, SyntheticFrames.Mix.BOOK));
        assertFalse(Arrays.equals(bytes(5, SyntheticFrames.Mix.TRADES), bytes(6, SyntheticFrames.Mix.TRADES)));
    }

    @Test
    void protocolReturnsTheGenerator()
    {
        final SyntheticFrames frames = new BinanceProtocol().syntheticFrames(SYMBOLS, 1, SyntheticFrames.Mix.BOOK);
        assertTrue(frames instanceof BinanceSyntheticFrames);
    }

    @Test
    void steadyStateGenerationDoesNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final BinanceSyntheticFrames frames = new BinanceSyntheticFrames(SYMBOLS, 9, SyntheticFrames.Mix.MIXED);
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(64 * 1024);
        final long[] bytes = new long[1];
        final SyntheticFrames.FrameSink sink = (buffer, length) -> bytes[0] += length;
        final String symbol = SYMBOLS.get(1);
        for (int i = 0; i < 100_000; i++)
        {
            frames.next(sink, START_NS + i);
            if (0 == i % 1000)
            {
                frames.restSnapshot(symbol, snapshot);
            }
        }

        threads.getCurrentThreadAllocatedBytes();
        final int rounds = 5;
        final long[] allocated = new long[rounds];
        long least = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                frames.next(sink, START_NS + i);
                if (0 == i % 1000)
                {
                    frames.restSnapshot(symbol, snapshot);
                }
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
            least = Math.min(least, allocated[round]);
        }
        assertTrue(bytes[0] > 0);
        assertEquals(0, least, "bytes allocated per round of 20,000 frames: " + Arrays.toString(allocated));
    }

    private static byte[] bytes(final long seed, final SyntheticFrames.Mix mix)
    {
        final BinanceSyntheticFrames frames = new BinanceSyntheticFrames(SYMBOLS, seed, mix);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer();
        final SyntheticFrames.FrameSink sink = (buffer, length) ->
        {
            final byte[] frame = new byte[length];
            buffer.getBytes(0, frame);
            out.writeBytes(frame);
            out.write('\n');
        };
        frames.onSubscribed(sink, START_NS);
        for (int i = 0; i < 20_000; i++)
        {
            frames.next(sink, START_NS + i * 1_000_000L);
            if (0 == i % 5_000)
            {
                for (final String symbol : SYMBOLS)
                {
                    sink.frame(snapshot, frames.restSnapshot(symbol, snapshot));
                }
            }
        }
        return out.toByteArray();
    }

    private static void assertStream(final Matcher m, final String line)
    {
        assertEquals(m.group(1).toUpperCase(), m.group(3), "stream name is the symbol in lower case: " + line);
    }

    private static int count(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        int count = 0;
        while (matcher.find())
        {
            count++;
        }
        return count;
    }

    private static String text(final DirectBuffer buffer, final int length)
    {
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    /**
     * Generator, {@link SyntheticFrameSource} and decoder wired as the collector wires them, with a reader that
     * counts what is published and rebuilds each book from the published snapshots and updates.
     */
    private static final class Run implements FrameHandler, FrameListener, MarketDataReader.Listener
    {
        private final InstrumentRegistry registry = new InstrumentRegistry();
        private final BinanceSyntheticFrames frames;
        private final SyntheticFrameSource source;
        private final BinanceDecoder decoder;
        private final MarketDataReader reader = new MarketDataReader(this);
        private final Map<Integer, TreeMap<Long, Long>> bids = new HashMap<>();
        private final Map<Integer, TreeMap<Long, Long>> asks = new HashMap<>();
        private final Map<Integer, Boolean> snapshotOpen = new HashMap<>();
        private final Map<Integer, Integer> snapshotBatches = new HashMap<>();
        private final Map<Integer, Long> lastUpdateIds = new HashMap<>();
        private final Map<String, Integer> feedEventTypes = new HashMap<>();
        private long nowNs = START_NS;
        private boolean connected;
        private long nextFrames;
        private long subscribedFrames;
        private long snapshotsRequested;
        private long errors;
        private String lastError;
        private long trades;
        private long tops;
        private long updates;
        private long feedEventCount;

        Run(final SyntheticFrames.Mix mix, final long seed)
        {
            frames = new BinanceSyntheticFrames(SYMBOLS, seed, mix);
            source = new SyntheticFrameSource(frames, 1_000_000);
            final MarketDataProxy proxy = new MarketDataProxy(
                (buffer, offset, length) ->
                {
                    assertEquals(MarketDataReader.Result.DISPATCHED, reader.read(buffer, offset, length));
                    return 1;
                },
                () -> nowNs,
                Exchange.BINANCE);
            decoder = (BinanceDecoder)new BinanceProtocol().newDecoder(proxy, registry, this,
                (instrument) ->
                {
                    snapshotsRequested++;
                    source.requestSnapshot(instrument.venueSymbol());
                });
        }

        void generate(final int frameCount)
        {
            source.start(nowNs);
            source.poll(this, 1000, nowNs);
            assertTrue(connected);
            final long endNs = START_NS + frameCount * 1_000L;
            while (nextFrames < frameCount)
            {
                nowNs = Math.min(endNs, nowNs + 1_000_000L);
                source.poll(this, 1000, nowNs);
            }
            source.poll(this, 1000, nowNs);
        }

        Instrument instrument(final String venueSymbol)
        {
            return registry.resolve(Exchange.BINANCE, venueSymbol, new BinanceSymbolNormalizer());
        }

        int feedEvents(final FeedEventType type, final int instrumentId)
        {
            return feedEventTypes.getOrDefault(type + " " + instrumentId, 0);
        }

        void assertBookEqualsGenerator(final String venueSymbol)
        {
            final Instrument instrument = instrument(venueSymbol);
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
            final String book = text(buffer, frames.currentBook(venueSymbol, buffer));
            final Matcher m = SNAPSHOT.matcher(book);
            assertTrue(m.matches(), book);
            assertEquals(Long.parseLong(m.group(1)), lastUpdateIds.get(instrument.id()), venueSymbol + " last u");
            assertEquals(levels(m.group(2), instrument), bids.get(instrument.id()), venueSymbol + " bids");
            assertEquals(levels(m.group(3), instrument), asks.get(instrument.id()), venueSymbol + " asks");
            assertTrue(bids.get(instrument.id()).lastKey() < asks.get(instrument.id()).firstKey(), "not crossed");
        }

        private static TreeMap<Long, Long> levels(final String text, final Instrument instrument)
        {
            final DecimalParser parser = new DecimalParser();
            final TreeMap<Long, Long> levels = new TreeMap<>();
            final Matcher m = LEVEL.matcher(text);
            while (m.find())
            {
                final UnsafeBuffer price = new UnsafeBuffer(m.group(1).getBytes(StandardCharsets.US_ASCII));
                final UnsafeBuffer quantity = new UnsafeBuffer(m.group(2).getBytes(StandardCharsets.US_ASCII));
                levels.put(parser.parse(price, 0, price.capacity(), instrument.priceScale()),
                    parser.parse(quantity, 0, quantity.capacity(), instrument.quantityScale()));
            }
            return levels;
        }

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
        {
            if (nowNs == START_NS)
            {
                subscribedFrames++;
            }
            else
            {
                nextFrames++;
            }
            decoder.onFrame(buffer, offset, length, receiveTimeNs);
        }

        public void onConnected(final long timeNs)
        {
            connected = true;
            decoder.onConnected(timeNs);
        }

        public void onDisconnected(final long timeNs, final String reason)
        {
            throw new AssertionError("disconnected: " + reason);
        }

        public void onSnapshot(
            final String venueSymbol, final DirectBuffer buffer, final int offset, final int length, final long timeNs)
        {
            decoder.onRestSnapshot(venueSymbol, buffer, offset, length, timeNs);
        }

        public void onSnapshotFailed(final String venueSymbol, final String reason)
        {
            throw new AssertionError("snapshot failed: " + venueSymbol + " " + reason);
        }

        public void onControl(final String what)
        {
        }

        public void onError(final String message)
        {
            errors++;
            lastError = message;
        }

        public void onTrade(final TradeDecoder trade)
        {
            trades++;
        }

        public void onTopOfBook(final TopOfBookDecoder top)
        {
            tops++;
            assertTrue(top.bidPrice() < top.askPrice(), top.toString());
        }

        public void onBookSnapshot(final BookSnapshotDecoder snapshot)
        {
            final int id = snapshot.instrumentId();
            final boolean open = snapshotOpen.getOrDefault(id, false);
            if (!open)
            {
                bids.put(id, new TreeMap<>());
                asks.put(id, new TreeMap<>());
            }
            for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
            {
                (BookSide.BID == level.side() ? bids : asks).get(id).put(level.price(), level.quantity());
            }
            lastUpdateIds.put(id, snapshot.exchangeSequence());
            final boolean last = snapshot.flags().lastInBatch();
            snapshotOpen.put(id, !last);
            if (last)
            {
                snapshotBatches.merge(id, 1, Integer::sum);
            }
        }

        public void onBookUpdate(final BookUpdateDecoder update)
        {
            updates++;
            final int id = update.instrumentId();
            assertNotNull(bids.get(id), "update before snapshot");
            for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
            {
                final TreeMap<Long, Long> side = (BookSide.BID == level.side() ? bids : asks).get(id);
                if (0 == level.quantity())
                {
                    side.remove(level.price());
                }
                else
                {
                    side.put(level.price(), level.quantity());
                }
            }
            lastUpdateIds.put(id, update.exchangeSequence());
        }

        public void onFeedEvent(final FeedEventDecoder event)
        {
            feedEventCount++;
            feedEventTypes.merge(event.eventType() + " " + event.instrumentId(), 1, Integer::sum);
        }
    }
}
