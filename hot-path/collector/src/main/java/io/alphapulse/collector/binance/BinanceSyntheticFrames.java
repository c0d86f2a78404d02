/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.source.SyntheticFrames;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Binance spot combined-stream frames, as {@code /stream?streams=...} delivers them, from a seeded model of one book
 * and one trade tape per symbol:
 * <pre>
 *   {"stream":"btcusdt@trade","data":{"e":"trade","E":..,"s":"BTCUSDT","t":..,"p":..,"q":..,"T":..,"m":..,"M":true}}
 *   {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":..,"s":..,"a":..,"p":..,"q":..,"f":..,"l":..,"T":..,..}}
 *   {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":..,"s":..,"U":..,"u":..,"b":[[p,q],..],"a":[..]}}
 *   {"stream":"btcusdt@bookTicker","data":{"u":..,"s":..,"b":..,"B":..,"a":..,"A":..}}
 * </pre>
 * Prices and quantities are written with 8 decimals as Binance writes them, on the symbol's tick (0.01 for BTCUSDT,
 * ETHUSDT, SOLUSDT and symbols outside the table; 0.00001 for DOGEUSDT) and lot. Times {@code E}/{@code T} are
 * milliseconds from {@code nowNs}.
 * <p>
 * <b>Book.</b> About {@value #INITIAL_LEVELS} levels a side (kept between {@value #MIN_LEVELS} and
 * {@value #MAX_LEVELS}), churned by depth events of 1 to {@value #MAX_CHANGES_PER_EVENT} level changes: new
 * quantities (biased to the top), new levels (also inside the spread, which is how the mid walks) and deletions
 * ({@code "0.00000000"}). A new bid is always below the best ask and a new ask above the best bid, so the book never
 * crosses. Each event takes the update ids after the previous one, {@code U = previous u + 1}, {@code u >= U}, with
 * a few ids to spare now and then (updates that cancelled out within the event, as Binance's do).
 * <p>
 * <b>REST snapshot.</b> {@link #restSnapshot} writes {@code {"lastUpdateId":N,"bids":[..],"asks":[..]}} of the book
 * as it was just before the symbol's latest depth event, {@code N = U - 1} of that event, so that the latest event
 * always continues it ({@code U <= N + 1 <= u}): the decoder synchronises at once with the events it has buffered
 * since asking, and a snapshot that arrives before that event does too, when the event comes. Binance's own REST
 * snapshots likewise lag the stream a little. Before a symbol's first event the snapshot is the current book.
 * <p>
 * <b>First frames.</b> Streams named in the URL are not acknowledged, so {@link #onSubscribed} writes what Binance
 * sends first: one depth event per symbol, which starts the decoder's REST synchronisation in every {@link Mix}
 * (with {@link Mix#TRADES} it is the only book event).
 * <p>
 * <b>Mix.</b> {@link Mix#TRADES}: {@code trade} events whose price walks by up to two ticks from the symbol's start
 * (65000 for BTCUSDT, 1900 ETHUSDT, 150 SOLUSDT, 0.15 DOGEUSDT, a seeded price from 20 to 2000 otherwise).
 * {@link Mix#BOOK}: depth events. {@link Mix#MIXED}: 55 % depth events, 20 % trades and 10 % aggregate trades at the
 * best bid or ask, 15 % book tickers. An aggregate trade takes 1 to 3 fresh trade ids that the trade stream does not
 * repeat, so that a consumer of both streams sees each trade once.
 * <p>
 * Deterministic for a seed (SplitMix64, no other source of randomness). Writes into one reused buffer and allocates
 * nothing per frame once it has grown to its working size. Not thread-safe.
 */
public final class BinanceSyntheticFrames implements SyntheticFrames
{
    /**
     * Levels a side of the initial book.
     */
    public static final int INITIAL_LEVELS = 100;

    /**
     * Fewest levels a side: below it nothing is deleted.
     */
    public static final int MIN_LEVELS = 60;

    /**
     * Most levels a side: above it the deepest level is deleted.
     */
    public static final int MAX_LEVELS = 140;

    /**
     * Most level changes in one depth event.
     */
    public static final int MAX_CHANGES_PER_EVENT = 4;

    private static final long UNITS = 100_000_000L;
    private static final int INSERT_WINDOW_TICKS = 40;
    private static final int MIXED_DEPTH_PERCENT = 55;
    private static final int MIXED_TRADE_PERCENT = 20;
    private static final int MIXED_AGG_TRADE_PERCENT = 10;

    private static final byte[] DEPTH_STREAM = ascii("@depth@100ms");
    private static final byte[] TRADE_STREAM = ascii("@trade");
    private static final byte[] AGG_TRADE_STREAM = ascii("@aggTrade");
    private static final byte[] TICKER_STREAM = ascii("@bookTicker");
    private static final byte[] DEPTH_EVENT = ascii("\",\"data\":{\"e\":\"depthUpdate\",\"E\":");
    private static final byte[] TRADE_EVENT = ascii("\",\"data\":{\"e\":\"trade\",\"E\":");
    private static final byte[] AGG_TRADE_EVENT = ascii("\",\"data\":{\"e\":\"aggTrade\",\"E\":");
    private static final byte[] TICKER_EVENT = ascii("\",\"data\":{\"u\":");
    private static final byte[] STREAM = ascii("{\"stream\":\"");
    private static final byte[] SYMBOL = ascii(",\"s\":\"");
    private static final byte[] FIRST_UPDATE = ascii("\",\"U\":");
    private static final byte[] LAST_UPDATE = ascii(",\"u\":");
    private static final byte[] BIDS = ascii(",\"b\":[");
    private static final byte[] ASKS = ascii("],\"a\":[");
    private static final byte[] END_DEPTH = ascii("]}}");
    private static final byte[] TRADE_ID = ascii("\",\"t\":");
    private static final byte[] AGG_ID = ascii("\",\"a\":");
    private static final byte[] PRICE = ascii(",\"p\":\"");
    private static final byte[] QUANTITY = ascii("\",\"q\":\"");
    private static final byte[] FIRST_TRADE = ascii("\",\"f\":");
    private static final byte[] LAST_TRADE = ascii(",\"l\":");
    private static final byte[] TRADE_TIME = ascii(",\"T\":");
    private static final byte[] TRADE_TIME_AFTER_QUANTITY = ascii("\",\"T\":");
    private static final byte[] MAKER_TRUE = ascii(",\"m\":true,\"M\":true}}");
    private static final byte[] MAKER_FALSE = ascii(",\"m\":false,\"M\":true}}");
    private static final byte[] BID_PRICE = ascii("\",\"b\":\"");
    private static final byte[] BID_QUANTITY = ascii("\",\"B\":\"");
    private static final byte[] ASK_PRICE = ascii("\",\"a\":\"");
    private static final byte[] ASK_QUANTITY = ascii("\",\"A\":\"");
    private static final byte[] END_TICKER = ascii("\"}}");
    private static final byte[] SNAPSHOT_START = ascii("{\"lastUpdateId\":");
    private static final byte[] SNAPSHOT_BIDS = ascii(",\"bids\":[");
    private static final byte[] SNAPSHOT_ASKS = ascii("],\"asks\":[");
    private static final byte[] SNAPSHOT_END = ascii("]}");
    private static final byte[] LEVEL_START = ascii("[\"");
    private static final byte[] LEVEL_MIDDLE = ascii("\",\"");
    private static final byte[] LEVEL_END = ascii("\"]");

    private final Mix mix;
    private final SymbolModel[] models;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
    private long randomState;
    private MutableDirectBuffer target;
    private int position;

    /**
     * A generator.
     *
     * @param venueSymbols symbols as Binance spells them, e.g. {@code BTCUSDT}.
     * @param seed         random seed: the same seed gives the same frames.
     * @param mix          what {@link #next} generates.
     * @throws IllegalArgumentException when there are no symbols or a symbol is not alphanumeric.
     */
    public BinanceSyntheticFrames(final List<String> venueSymbols, final long seed, final Mix mix)
    {
        if (venueSymbols.isEmpty())
        {
            throw new IllegalArgumentException("Binance synthetic frames: no symbols");
        }
        this.mix = mix;
        this.randomState = seed;
        models = new SymbolModel[venueSymbols.size()];
        for (int i = 0; i < models.length; i++)
        {
            models[i] = newModel(venueSymbols.get(i));
        }
    }

    /**
     * One depth event per symbol: what Binance sends first on a combined-stream connection (streams in the URL are
     * not acknowledged), and what starts the REST synchronisation of each book.
     *
     * @param out   where to write frames.
     * @param nowNs ns since the epoch.
     */
    public void onSubscribed(final FrameSink out, final long nowNs)
    {
        for (final SymbolModel model : models)
        {
            out.frame(frame, depthEvent(model, nowNs));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void next(final FrameSink out, final long nowNs)
    {
        final SymbolModel model = 1 == models.length ? models[0] : models[nextInt(models.length)];
        final int length = switch (mix)
        {
            case TRADES -> walkingTrade(model, nowNs);
            case BOOK -> depthEvent(model, nowNs);
            case MIXED ->
            {
                final int draw = nextInt(100);
                if (draw < MIXED_DEPTH_PERCENT)
                {
                    yield depthEvent(model, nowNs);
                }
                else if (draw < MIXED_DEPTH_PERCENT + MIXED_TRADE_PERCENT)
                {
                    yield bookTrade(model, nowNs);
                }
                else if (draw < MIXED_DEPTH_PERCENT + MIXED_TRADE_PERCENT + MIXED_AGG_TRADE_PERCENT)
                {
                    yield aggTrade(model, nowNs);
                }
                yield bookTicker(model);
            }
        };
        out.frame(frame, length);
    }

    /**
     * {@code {"lastUpdateId":N,"bids":[["p","q"],..],"asks":[..]}}: the symbol's book just before its latest depth
     * event, {@code N} = that event's {@code U - 1} (the current book before any event). Every level is written
     * (at most {@value #MAX_LEVELS} + 1 a side, within Binance's {@code limit=1000}), best first.
     *
     * @param venueSymbol symbol as Binance spells it.
     * @param buffer      where to write the JSON body.
     * @return bytes written, 0 for a symbol this generator does not make.
     */
    public int restSnapshot(final String venueSymbol, final ExpandableArrayBuffer buffer)
    {
        final SymbolModel model = model(venueSymbol);
        if (null == model)
        {
            return 0;
        }
        if (0 == model.lastEventFirstId)
        {
            return snapshot(model, buffer, model.lastUpdateId);
        }
        model.revertLastEvent();
        final int length = snapshot(model, buffer, model.lastEventFirstId - 1);
        model.reapplyLastEvent();
        return length;
    }

    /**
     * The symbol's book now, after its latest depth event, in the REST snapshot format with
     * {@code lastUpdateId} = that event's {@code u}: what a consumer's book must equal.
     *
     * @param venueSymbol symbol as Binance spells it.
     * @param buffer      where to write the JSON.
     * @return bytes written, 0 for a symbol this generator does not make.
     */
    public int currentBook(final String venueSymbol, final ExpandableArrayBuffer buffer)
    {
        final SymbolModel model = model(venueSymbol);
        return null == model ? 0 : snapshot(model, buffer, model.lastUpdateId);
    }

    private SymbolModel model(final String venueSymbol)
    {
        for (final SymbolModel model : models)
        {
            if (model.venueSymbol.equals(venueSymbol))
            {
                return model;
            }
        }
        return null;
    }

    private SymbolModel newModel(final String venueSymbol)
    {
        for (int i = 0; i < venueSymbol.length(); i++)
        {
            final char c = venueSymbol.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            {
                throw new IllegalArgumentException("not a Binance symbol: '" + venueSymbol + "'");
            }
        }
        final String symbol = venueSymbol.toUpperCase(Locale.ROOT);
        final long tickUnits;
        final long startUnits;
        switch (symbol)
        {
            case "BTCUSDT" ->
            {
                tickUnits = UNITS / 100;
                startUnits = 65_000 * UNITS;
            }
            case "ETHUSDT" ->
            {
                tickUnits = UNITS / 100;
                startUnits = 1_900 * UNITS;
            }
            case "SOLUSDT" ->
            {
                tickUnits = UNITS / 100;
                startUnits = 150 * UNITS;
            }
            case "DOGEUSDT" ->
            {
                tickUnits = UNITS / 100_000;
                startUnits = 15 * UNITS / 100;
            }
            default ->
            {
                tickUnits = UNITS / 100;
                startUnits = (2_000 + nextInt(198_001)) * tickUnits;
            }
        }
        // Lot and size limits in integer units (no double, even for sizing): about 5,000 quote a trade and 50,000 a
        // level at the starting price.
        final long wholePrice = startUnits / UNITS;
        final long lotUnits = wholePrice >= 10_000 ? 1_000 : wholePrice >= 1_000 ? 10_000 : wholePrice >= 100 ?
            100_000 : wholePrice >= 10 ? 1_000_000 : wholePrice >= 1 ? 10_000_000 : UNITS;
        final long lotNotionalUnits = Math.max(1, Math.multiplyExact(startUnits, lotUnits) / UNITS);
        final long maxTradeLots = Math.max(1, 5_000 * UNITS / lotNotionalUnits);
        final long maxLevelLots = Math.max(1, 50_000 * UNITS / lotNotionalUnits);

        final SymbolModel model = new SymbolModel(symbol, tickUnits, lotUnits, maxTradeLots, maxLevelLots,
            Math.max(tickUnits, startUnits / 2 / tickUnits * tickUnits));
        model.tradePriceUnits = startUnits;
        model.lastUpdateId = 10_000_000_000L + nextLong(10_000_000_000L);
        model.nextTradeId = 1_000_000_000L + nextLong(1_000_000_000L);
        model.nextAggTradeId = 500_000_000L + nextLong(500_000_000L);

        long bid = startUnits;
        long ask = startUnits + tickUnits * (1 + nextInt(2));
        for (int i = 0; i < INITIAL_LEVELS; i++)
        {
            model.bids.set(bid, levelQuantity(model));
            model.asks.set(ask, levelQuantity(model));
            bid -= tickUnits * (1 + nextInt(3));
            ask += tickUnits * (1 + nextInt(3));
        }
        return model;
    }

    private int depthEvent(final SymbolModel model, final long nowNs)
    {
        model.changeCount = 0;
        final int wanted = 1 + nextInt(MAX_CHANGES_PER_EVENT);
        for (int attempt = 0; model.changeCount < wanted && attempt < 4 * MAX_CHANGES_PER_EVENT; attempt++)
        {
            change(model);
        }
        if (0 == model.changeCount)
        {
            changeQuantity(model, true, model.bids.price(0));
        }

        final long firstId = model.lastUpdateId + 1;
        final long lastId = firstId + model.changeCount - 1 + (0 == nextInt(4) ? 1 + nextInt(3) : 0);
        model.lastEventFirstId = firstId;
        model.lastUpdateId = lastId;

        start(frame);
        streamName(model, DEPTH_STREAM);
        put(DEPTH_EVENT);
        putLong(nowNs / 1_000_000L);
        put(SYMBOL);
        put(model.symbolBytes);
        put(FIRST_UPDATE);
        putLong(firstId);
        put(LAST_UPDATE);
        putLong(lastId);
        put(BIDS);
        putChanges(model, true);
        put(ASKS);
        putChanges(model, false);
        put(END_DEPTH);
        return position;
    }

    private void change(final SymbolModel model)
    {
        final boolean bid = 0 == nextInt(2);
        final PriceLevels side = bid ? model.bids : model.asks;
        if (side.size > MAX_LEVELS)
        {
            changeTo(model, bid, side.price(side.size - 1), 0);
            return;
        }

        final int draw = nextInt(100);
        if (draw < 50)
        {
            changeQuantity(model, bid, side.price(topBiasedRank(side.size)));
        }
        else if (draw < 75 || side.size <= MIN_LEVELS)
        {
            // A new level (or a new quantity where one exists) from INSERT_WINDOW_TICKS - 1 ticks behind the best
            // of its side up to one tick short of the best of the other side: never crossing it.
            final long spreadTicks = (model.asks.price(0) - model.bids.price(0)) / model.tickUnits;
            final int inside = (int)Math.min(spreadTicks, INSERT_WINDOW_TICKS);
            final long offsetUnits = (nextInt(INSERT_WINDOW_TICKS + inside - 1) - (INSERT_WINDOW_TICKS - 1)) *
                model.tickUnits;
            if (bid)
            {
                changeQuantity(model, true, Math.max(model.bids.price(0) + offsetUnits, model.floorUnits));
            }
            else
            {
                changeQuantity(model, false, model.asks.price(0) - offsetUnits);
            }
        }
        else
        {
            changeTo(model, bid, side.price(topBiasedRank(side.size)), 0);
        }
    }

    private void changeQuantity(final SymbolModel model, final boolean bid, final long price)
    {
        final PriceLevels side = bid ? model.bids : model.asks;
        final long old = side.quantity(price);
        long quantity = levelQuantity(model);
        if (quantity == old)
        {
            quantity += model.lotUnits;
        }
        changeTo(model, bid, price, quantity);
    }

    /**
     * Set one level, unless this event already changed it, and remember its old quantity for the snapshot.
     */
    private static void changeTo(final SymbolModel model, final boolean bid, final long price, final long quantity)
    {
        for (int i = 0; i < model.changeCount; i++)
        {
            if (model.changeBid[i] == bid && model.changePrice[i] == price)
            {
                return;
            }
        }
        final PriceLevels side = bid ? model.bids : model.asks;
        final int i = model.changeCount++;
        model.changeBid[i] = bid;
        model.changePrice[i] = price;
        model.changeOldQuantity[i] = side.quantity(price);
        model.changeNewQuantity[i] = quantity;
        side.set(price, quantity);
    }

    private void putChanges(final SymbolModel model, final boolean bid)
    {
        boolean first = true;
        for (int i = 0; i < model.changeCount; i++)
        {
            if (model.changeBid[i] == bid)
            {
                if (!first)
                {
                    putByte(',');
                }
                putLevel(model.changePrice[i], model.changeNewQuantity[i]);
                first = false;
            }
        }
    }

    private int walkingTrade(final SymbolModel model, final long nowNs)
    {
        long price = model.tradePriceUnits + (nextInt(5) - 2) * model.tickUnits;
        if (price < model.floorUnits)
        {
            price = model.floorUnits + model.tickUnits;
        }
        model.tradePriceUnits = price;
        return trade(model, nowNs, price, 0 == nextInt(2));
    }

    private int bookTrade(final SymbolModel model, final long nowNs)
    {
        final boolean buyerMaker = 0 == nextInt(2);
        final long price = buyerMaker ? model.bids.price(0) : model.asks.price(0);
        model.tradePriceUnits = price;
        return trade(model, nowNs, price, buyerMaker);
    }

    private int trade(final SymbolModel model, final long nowNs, final long price, final boolean buyerMaker)
    {
        final long eventMs = nowNs / 1_000_000L;
        start(frame);
        streamName(model, TRADE_STREAM);
        put(TRADE_EVENT);
        putLong(eventMs);
        put(SYMBOL);
        put(model.symbolBytes);
        put(TRADE_ID);
        putLong(model.nextTradeId++);
        put(PRICE);
        putDecimal(price);
        put(QUANTITY);
        putDecimal(tradeQuantity(model));
        put(TRADE_TIME_AFTER_QUANTITY);
        putLong(Math.max(0, eventMs - nextInt(3)));
        put(buyerMaker ? MAKER_TRUE : MAKER_FALSE);
        return position;
    }

    private int aggTrade(final SymbolModel model, final long nowNs)
    {
        final boolean buyerMaker = 0 == nextInt(2);
        final long price = buyerMaker ? model.bids.price(0) : model.asks.price(0);
        final long firstTradeId = model.nextTradeId;
        model.nextTradeId += 1 + nextInt(3);
        model.tradePriceUnits = price;

        final long eventMs = nowNs / 1_000_000L;
        start(frame);
        streamName(model, AGG_TRADE_STREAM);
        put(AGG_TRADE_EVENT);
        putLong(eventMs);
        put(SYMBOL);
        put(model.symbolBytes);
        put(AGG_ID);
        putLong(model.nextAggTradeId++);
        put(PRICE);
        putDecimal(price);
        put(QUANTITY);
        putDecimal(tradeQuantity(model));
        put(FIRST_TRADE);
        putLong(firstTradeId);
        put(LAST_TRADE);
        putLong(model.nextTradeId - 1);
        put(TRADE_TIME);
        putLong(Math.max(0, eventMs - nextInt(3)));
        put(buyerMaker ? MAKER_TRUE : MAKER_FALSE);
        return position;
    }

    private int bookTicker(final SymbolModel model)
    {
        start(frame);
        streamName(model, TICKER_STREAM);
        put(TICKER_EVENT);
        putLong(model.lastUpdateId);
        put(SYMBOL);
        put(model.symbolBytes);
        put(BID_PRICE);
        putDecimal(model.bids.price(0));
        put(BID_QUANTITY);
        putDecimal(model.bids.quantities[0]);
        put(ASK_PRICE);
        putDecimal(model.asks.price(0));
        put(ASK_QUANTITY);
        putDecimal(model.asks.quantities[0]);
        put(END_TICKER);
        return position;
    }

    private int snapshot(final SymbolModel model, final MutableDirectBuffer buffer, final long lastUpdateId)
    {
        start(buffer);
        put(SNAPSHOT_START);
        putLong(lastUpdateId);
        put(SNAPSHOT_BIDS);
        putLevels(model.bids);
        put(SNAPSHOT_ASKS);
        putLevels(model.asks);
        put(SNAPSHOT_END);
        return position;
    }

    private void putLevels(final PriceLevels side)
    {
        for (int i = 0; i < side.size; i++)
        {
            if (i > 0)
            {
                putByte(',');
            }
            putLevel(side.price(i), side.quantities[i]);
        }
    }

    private void putLevel(final long price, final long quantity)
    {
        put(LEVEL_START);
        putDecimal(price);
        put(LEVEL_MIDDLE);
        putDecimal(quantity);
        put(LEVEL_END);
    }

    private long levelQuantity(final SymbolModel model)
    {
        return (1 + nextLong(model.maxLevelLots)) * model.lotUnits;
    }

    private long tradeQuantity(final SymbolModel model)
    {
        // Mostly small trades, a quarter up to the symbol's largest.
        final long lots = 0 == nextInt(4) ? 1 + nextLong(model.maxTradeLots) :
            1 + nextLong(1 + model.maxTradeLots / 20);
        return lots * model.lotUnits;
    }

    /**
     * A rank from 0 (best) to size - 1, the top more likely: the least of three draws.
     */
    private int topBiasedRank(final int size)
    {
        return Math.min(nextInt(size), Math.min(nextInt(size), nextInt(size)));
    }

    private void start(final MutableDirectBuffer buffer)
    {
        target = buffer;
        position = 0;
    }

    private void streamName(final SymbolModel model, final byte[] suffix)
    {
        put(STREAM);
        put(model.streamPrefix);
        put(suffix);
    }

    private void put(final byte[] bytes)
    {
        target.putBytes(position, bytes);
        position += bytes.length;
    }

    private void putByte(final char c)
    {
        target.putByte(position++, (byte)c);
    }

    private void putLong(final long value)
    {
        position += target.putLongAscii(position, value);
    }

    /**
     * A non-negative value in units of 1e-8 with exactly 8 decimals, as Binance writes them.
     */
    private void putDecimal(final long units)
    {
        position += target.putNaturalLongAscii(position, units / UNITS);
        target.putByte(position++, (byte)'.');
        long fraction = units % UNITS;
        for (int i = 7; i >= 0; i--)
        {
            target.putByte(position + i, (byte)('0' + fraction % 10));
            fraction /= 10;
        }
        position += 8;
    }

    private long nextRandom()
    {
        long z = (randomState += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private int nextInt(final int bound)
    {
        return (int)((nextRandom() >>> 1) % bound);
    }

    private long nextLong(final long bound)
    {
        return (nextRandom() >>> 1) % bound;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One symbol: its book, ids, trade tape and the changes of its latest depth event.
     */
    private static final class SymbolModel
    {
        private final String venueSymbol;
        private final byte[] symbolBytes;
        private final byte[] streamPrefix;
        private final long tickUnits;
        private final long lotUnits;
        private final long maxTradeLots;
        private final long maxLevelLots;
        private final long floorUnits;
        private final PriceLevels bids = new PriceLevels(true);
        private final PriceLevels asks = new PriceLevels(false);
        private final boolean[] changeBid = new boolean[MAX_CHANGES_PER_EVENT];
        private final long[] changePrice = new long[MAX_CHANGES_PER_EVENT];
        private final long[] changeOldQuantity = new long[MAX_CHANGES_PER_EVENT];
        private final long[] changeNewQuantity = new long[MAX_CHANGES_PER_EVENT];
        private int changeCount;
        private long lastUpdateId;
        private long lastEventFirstId;
        private long nextTradeId;
        private long nextAggTradeId;
        private long tradePriceUnits;

        SymbolModel(
            final String venueSymbol,
            final long tickUnits,
            final long lotUnits,
            final long maxTradeLots,
            final long maxLevelLots,
            final long floorUnits)
        {
            this.venueSymbol = venueSymbol;
            this.symbolBytes = ascii(venueSymbol);
            this.streamPrefix = ascii(venueSymbol.toLowerCase(Locale.ROOT));
            this.tickUnits = tickUnits;
            this.lotUnits = lotUnits;
            this.maxTradeLots = maxTradeLots;
            this.maxLevelLots = maxLevelLots;
            this.floorUnits = floorUnits;
        }

        void revertLastEvent()
        {
            for (int i = changeCount - 1; i >= 0; i--)
            {
                (changeBid[i] ? bids : asks).set(changePrice[i], changeOldQuantity[i]);
            }
        }

        void reapplyLastEvent()
        {
            for (int i = 0; i < changeCount; i++)
            {
                (changeBid[i] ? bids : asks).set(changePrice[i], changeNewQuantity[i]);
            }
        }
    }

    /**
     * One side of a book, best first, in sorted arrays: bids keyed by minus the price so that both sides sort
     * ascending. Sized for {@link #MAX_LEVELS} and a few more; never grows.
     */
    private static final class PriceLevels
    {
        private final long[] keys = new long[MAX_LEVELS + MAX_CHANGES_PER_EVENT + 2];
        private final long[] quantities = new long[keys.length];
        private final boolean bids;
        private int size;

        PriceLevels(final boolean bids)
        {
            this.bids = bids;
        }

        long price(final int rank)
        {
            return bids ? -keys[rank] : keys[rank];
        }

        long quantity(final long price)
        {
            final int index = Arrays.binarySearch(keys, 0, size, bids ? -price : price);
            return index >= 0 ? quantities[index] : 0;
        }

        void set(final long price, final long newQuantity)
        {
            final long key = bids ? -price : price;
            final int index = Arrays.binarySearch(keys, 0, size, key);
            if (index >= 0)
            {
                if (0 == newQuantity)
                {
                    System.arraycopy(keys, index + 1, keys, index, size - index - 1);
                    System.arraycopy(quantities, index + 1, quantities, index, size - index - 1);
                    size--;
                }
                else
                {
                    quantities[index] = newQuantity;
                }
            }
            else if (0 != newQuantity)
            {
                final int insertion = -index - 1;
                System.arraycopy(keys, insertion, keys, insertion + 1, size - insertion);
                System.arraycopy(quantities, insertion, quantities, insertion + 1, size - insertion);
                keys[insertion] = key;
                quantities[insertion] = newQuantity;
                size++;
            }
        }
    }
}
