/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.schemas.marketdata.BookSide;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Kraken spot v2 frames as the exchange sends them, for the demo, load tests and the local test exchange.
 * <ul>
 *     <li>{@link #onSubscribed}: one subscribe acknowledgement per channel and symbol (trade, book at the chosen
 *     depth, ticker on best bid/offer), then a book snapshot with its CRC32 {@code checksum} and a ticker snapshot
 *     per symbol.</li>
 *     <li>{@link #next}, by {@link Mix}: {@code trade} updates of 1 to 3 fills of one aggressor; {@code book}
 *     updates of 1 to 4 level changes (new sizes, new levels, deletions with Kraken's {@code 0E-8} quantity and the
 *     level that enters the subscribed depth in their place, levels pushed out of the depth without a delete) each
 *     with the checksum of the generator's own top 10; or a blend of both with a few {@code ticker} updates.</li>
 * </ul>
 * Prices move by random walk from a realistic level (BTC 65,000, ETH 1,900, SOL 150, a seeded level for other pairs)
 * on the pair's tick: prices are written with the pair's fixed number of decimals, quantities with 8, as JSON numbers,
 * so a decoder's checksum digits match. Books never cross: a new level goes strictly inside the spread or behind
 * its side's best price.
 * <p>
 * Deterministic for a seed and a sequence of {@code nowNs}. Frames are written into one reused buffer: nothing is
 * allocated per frame once the book arrays have grown. Not thread-safe.
 */
public final class KrakenSyntheticFrames implements SyntheticFrames
{
    /**
     * Channel of an acknowledgement: trades.
     */
    static final int CHANNEL_TRADE = 0;

    /**
     * Channel of an acknowledgement: the book.
     */
    static final int CHANNEL_BOOK = 1;

    /**
     * Channel of an acknowledgement: the ticker.
     */
    static final int CHANNEL_TICKER = 2;

    /**
     * Decimals of every quantity: Kraken's lot precision for the spot pairs.
     */
    static final int QUANTITY_DIGITS = 8;

    private static final int[] SUBSCRIBE_ORDER = { CHANNEL_TRADE, CHANNEL_BOOK, CHANNEL_TICKER };
    private static final int MAX_LEVEL_CHANGES = 4;
    private static final int MAX_TRADES = 3;
    private static final int MIXED_TRADE_PERCENT = 15;
    private static final int MIXED_TICKER_PERCENT = 5;
    private static final long MIN_QUANTITY = 1_000; // 0.00001: never so small that Kraken would write an exponent
    private static final long NOTIONAL_PER_TRADE = 2_000; // in quote currency: sizes scale with the price
    private static final long MIN_EXCHANGE_LATENCY_NS = 150_000;
    private static final long MAX_EXCHANGE_LATENCY_NS = 900_000;

    private static final byte[] ACK_SUBSCRIBE = ascii("{\"method\":\"subscribe\",\"result\":{\"channel\":\"");
    private static final byte[] ACK_UNSUBSCRIBE = ascii("{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"");
    private static final byte[][] CHANNEL_NAMES = { ascii("trade"), ascii("book"), ascii("ticker") };
    private static final byte[] ACK_DEPTH = ascii("\",\"depth\":");
    private static final byte[] ACK_EVENT_TRIGGER = ascii("\",\"event_trigger\":\"bbo");
    private static final byte[] ACK_SNAPSHOT_TRUE = ascii(",\"snapshot\":true,\"symbol\":\"");
    private static final byte[] ACK_SNAPSHOT_FALSE = ascii("\",\"snapshot\":false,\"symbol\":\"");
    private static final byte[] ACK_QUOTED_SNAPSHOT_TRUE = ascii("\",\"snapshot\":true,\"symbol\":\"");
    private static final byte[] ACK_SYMBOL = ascii(",\"symbol\":\"");
    private static final byte[] ACK_QUOTED_SYMBOL = ascii("\",\"symbol\":\"");
    private static final byte[] ACK_TIME_IN = ascii("\"},\"success\":true,\"time_in\":\"");
    private static final byte[] ACK_TIME_OUT = ascii("\",\"time_out\":\"");
    private static final byte[] QUOTE_BRACE = ascii("\"}");

    private static final byte[] BOOK_SNAPSHOT = ascii("{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"");
    private static final byte[] BOOK_UPDATE = ascii("{\"channel\":\"book\",\"type\":\"update\",\"data\":[{\"symbol\":\"");
    private static final byte[] BOOK_BIDS = ascii("\",\"bids\":[");
    private static final byte[] BOOK_ASKS = ascii("],\"asks\":[");
    private static final byte[] BOOK_CHECKSUM = ascii("],\"checksum\":");
    private static final byte[] LEVEL_PRICE = ascii("{\"price\":");
    private static final byte[] LEVEL_QTY = ascii(",\"qty\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] END_DATA = ascii("\"}]}");

    private static final byte[] TRADE_UPDATE = ascii("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[");
    private static final byte[] TRADE_SYMBOL = ascii("{\"symbol\":\"");
    private static final byte[] TRADE_BUY = ascii("\",\"side\":\"buy\",\"price\":");
    private static final byte[] TRADE_SELL = ascii("\",\"side\":\"sell\",\"price\":");
    private static final byte[] TRADE_LIMIT = ascii(",\"ord_type\":\"limit\",\"trade_id\":");
    private static final byte[] TRADE_MARKET = ascii(",\"ord_type\":\"market\",\"trade_id\":");
    private static final byte[] END_ARRAY_OBJECT = ascii("]}");

    private static final byte[] TICKER_SNAPSHOT =
        ascii("{\"channel\":\"ticker\",\"type\":\"snapshot\",\"data\":[{\"symbol\":\"");
    private static final byte[] TICKER_UPDATE = ascii("{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[{\"symbol\":\"");
    private static final byte[] TICKER_BID = ascii("\",\"bid\":");
    private static final byte[] TICKER_BID_QTY = ascii(",\"bid_qty\":");
    private static final byte[] TICKER_ASK = ascii(",\"ask\":");
    private static final byte[] TICKER_ASK_QTY = ascii(",\"ask_qty\":");
    private static final byte[] TICKER_LAST = ascii(",\"last\":");
    private static final byte[] TICKER_VOLUME = ascii(",\"volume\":");
    private static final byte[] TICKER_VWAP = ascii(",\"vwap\":");
    private static final byte[] TICKER_LOW = ascii(",\"low\":");
    private static final byte[] TICKER_HIGH = ascii(",\"high\":");
    private static final byte[] TICKER_CHANGE = ascii(",\"change\":");
    private static final byte[] TICKER_CHANGE_PCT = ascii(",\"change_pct\":");

    private final Mix mix;
    private final int depth;
    private final Pair[] pairs;
    private final KrakenChecksum checksum = new KrakenChecksum();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);

    // Level changes of the book update being made, in the order they are applied.
    private final boolean[] changeBid = new boolean[4 * MAX_LEVEL_CHANGES];
    private final long[] changePrice = new long[4 * MAX_LEVEL_CHANGES];
    private final long[] changeQuantity = new long[4 * MAX_LEVEL_CHANGES];
    private int changeCount;

    private long randomState;
    private long lastExchangeNs;
    private int position;

    /**
     * A generator at Kraken's default book depth of {@value KrakenProtocol#DEFAULT_BOOK_DEPTH}.
     *
     * @param venueSymbols v2 pairs, e.g. {@code BTC/USD}.
     * @param seed         the same seed gives the same frames.
     * @param mix          what {@link #next} generates.
     */
    public KrakenSyntheticFrames(final List<String> venueSymbols, final long seed, final Mix mix)
    {
        this(venueSymbols, seed, mix, KrakenProtocol.DEFAULT_BOOK_DEPTH);
    }

    /**
     * A generator.
     *
     * @param venueSymbols v2 pairs, e.g. {@code BTC/USD}.
     * @param seed         the same seed gives the same frames.
     * @param mix          what {@link #next} generates.
     * @param depth        subscribed book depth: levels per side of snapshots and of the book kept.
     * @throws IllegalArgumentException naming the symbol or depth that Kraken would not accept.
     */
    public KrakenSyntheticFrames(final List<String> venueSymbols, final long seed, final Mix mix, final int depth)
    {
        if (null == venueSymbols || venueSymbols.isEmpty())
        {
            throw new IllegalArgumentException("no symbols to generate");
        }
        if (null == mix)
        {
            throw new IllegalArgumentException("no mix");
        }
        if (depth < KrakenChecksum.LEVELS)
        {
            throw new IllegalArgumentException("Kraken book depth " + depth + " is below the " +
                KrakenChecksum.LEVELS + " levels the checksum covers");
        }
        this.mix = mix;
        this.depth = depth;
        this.randomState = seed;
        this.pairs = new Pair[venueSymbols.size()];
        for (int i = 0; i < pairs.length; i++)
        {
            pairs[i] = newPair(venueSymbols.get(i));
            pairs[i].index = i;
        }
    }

    /**
     * {@inheritDoc}
     * <p>
     * Acknowledgements in the order the collector subscribes (trade, book, ticker; one per symbol), then a book and a
     * ticker snapshot per symbol.
     */
    public void onSubscribed(final FrameSink out, final long nowNs)
    {
        for (final int channel : SUBSCRIBE_ORDER)
        {
            for (int pair = 0; pair < pairs.length; pair++)
            {
                writeAck(out, true, channel, pair, nowNs);
            }
        }
        for (int pair = 0; pair < pairs.length; pair++)
        {
            writeBookSnapshot(out, pair, nowNs);
        }
        for (int pair = 0; pair < pairs.length; pair++)
        {
            writeTicker(out, pair, true, nowNs);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void next(final FrameSink out, final long nowNs)
    {
        final Pair pair = pairs[nextInt(pairs.length)];
        switch (mix)
        {
            case TRADES:
                writeTrades(out, pair, false, nowNs);
                break;

            case BOOK:
                writeBookUpdate(out, pair, nowNs);
                break;

            case MIXED:
            default:
                final int roll = nextInt(100);
                if (roll < MIXED_TRADE_PERCENT)
                {
                    writeTrades(out, pair, true, nowNs);
                }
                else if (roll < MIXED_TRADE_PERCENT + MIXED_TICKER_PERCENT)
                {
                    writeTicker(out, pair.index, false, nowNs);
                }
                else
                {
                    writeBookUpdate(out, pair, nowNs);
                }
                break;
        }
    }

    /**
     * The book as the generator keeps it (tests; do not modify).
     *
     * @param pair index.
     * @return the book, prices at the pair's decimals and quantities at {@value #QUANTITY_DIGITS}.
     */
    OrderBook book(final int pair)
    {
        return pairs[pair].book;
    }

    /**
     * Decimals of a pair's prices on the wire.
     *
     * @param pair index.
     * @return price decimals.
     */
    int priceDigits(final int pair)
    {
        return pairs[pair].priceDigits;
    }

    /**
     * Write the acknowledgement of a subscribe or unsubscribe request for one channel of one pair.
     *
     * @param out       where to write it.
     * @param subscribe true for subscribe, false for unsubscribe.
     * @param channel   {@link #CHANNEL_TRADE}, {@link #CHANNEL_BOOK} or {@link #CHANNEL_TICKER}.
     * @param pair      index.
     * @param nowNs     ns since the epoch.
     */
    void writeAck(final FrameSink out, final boolean subscribe, final int channel, final int pair, final long nowNs)
    {
        final long timeInNs = exchangeTime(nowNs);
        position = 0;
        put(subscribe ? ACK_SUBSCRIBE : ACK_UNSUBSCRIBE);
        put(CHANNEL_NAMES[channel]);
        if (CHANNEL_BOOK == channel)
        {
            put(ACK_DEPTH);
            position += buffer.putIntAscii(position, depth);
            put(subscribe ? ACK_SNAPSHOT_TRUE : ACK_SYMBOL);
        }
        else if (CHANNEL_TICKER == channel)
        {
            put(ACK_EVENT_TRIGGER);
            put(subscribe ? ACK_QUOTED_SNAPSHOT_TRUE : ACK_QUOTED_SYMBOL);
        }
        else
        {
            put(subscribe ? ACK_SNAPSHOT_FALSE : ACK_QUOTED_SYMBOL);
        }
        put(pairs[pair].symbol);
        put(ACK_TIME_IN);
        putTime(timeInNs);
        put(ACK_TIME_OUT);
        putTime(timeInNs + 20_000 + nextInt(40_000));
        put(QUOTE_BRACE);
        out.frame(buffer, position);
    }

    /**
     * Write a book snapshot of one pair: its current book with the checksum.
     *
     * @param out   where to write it.
     * @param pair  index.
     * @param nowNs ns since the epoch.
     */
    void writeBookSnapshot(final FrameSink out, final int pair, final long nowNs)
    {
        final Pair state = pairs[pair];
        final OrderBook book = state.book;
        position = 0;
        put(BOOK_SNAPSHOT);
        put(state.symbol);
        put(BOOK_BIDS);
        putLevels(book.bids(), state.priceDigits);
        put(BOOK_ASKS);
        putLevels(book.asks(), state.priceDigits);
        put(BOOK_CHECKSUM);
        position += buffer.putLongAscii(position, checksum(state));
        put(TIMESTAMP);
        putTime(exchangeTime(nowNs));
        put(END_DATA);
        out.frame(buffer, position);
    }

    /**
     * Write a ticker snapshot or update of one pair from its current book and trades.
     *
     * @param out      where to write it.
     * @param pair     index.
     * @param snapshot true for a snapshot.
     * @param nowNs    ns since the epoch.
     */
    void writeTicker(final FrameSink out, final int pair, final boolean snapshot, final long nowNs)
    {
        final Pair state = pairs[pair];
        final int digits = state.priceDigits;
        final PriceLevels bids = state.book.bids();
        final PriceLevels asks = state.book.asks();
        position = 0;
        put(snapshot ? TICKER_SNAPSHOT : TICKER_UPDATE);
        put(state.symbol);
        put(TICKER_BID);
        putDecimal(bids.price(0), digits);
        put(TICKER_BID_QTY);
        putDecimal(bids.quantity(0), QUANTITY_DIGITS);
        put(TICKER_ASK);
        putDecimal(asks.price(0), digits);
        put(TICKER_ASK_QTY);
        putDecimal(asks.quantity(0), QUANTITY_DIGITS);
        put(TICKER_LAST);
        putDecimal(state.lastPrice, digits);
        put(TICKER_VOLUME);
        putDecimal(state.volume, QUANTITY_DIGITS);
        put(TICKER_VWAP);
        putDecimal(state.vwap, digits);
        put(TICKER_LOW);
        putDecimal(state.lowPrice, digits);
        put(TICKER_HIGH);
        putDecimal(state.highPrice, digits);
        put(TICKER_CHANGE);
        putDecimal(state.lastPrice - state.openPrice, digits);
        put(TICKER_CHANGE_PCT);
        putDecimal((state.lastPrice - state.openPrice) * 10_000 / state.openPrice, 2);
        put(TIMESTAMP);
        putTime(exchangeTime(nowNs));
        put(END_DATA);
        out.frame(buffer, position);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Trades.
    // ---------------------------------------------------------------------------------------------------------------

    private void writeTrades(final FrameSink out, final Pair pair, final boolean againstBook, final long nowNs)
    {
        final int roll = nextInt(10);
        final int count = roll < 6 ? 1 : roll < 9 ? 2 : MAX_TRADES;
        final boolean buy = 0 == nextInt(2);
        final byte[] orderType = nextInt(10) < 3 ? TRADE_MARKET : TRADE_LIMIT;
        final long timeNs = exchangeTime(nowNs);

        long price;
        if (againstBook)
        {
            // An aggressor takes the best opposite level first.
            price = (buy ? pair.book.asks() : pair.book.bids()).price(0);
        }
        else
        {
            price = walk(pair);
        }

        position = 0;
        put(TRADE_UPDATE);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                buffer.putByte(position++, (byte)',');
                // A sweep fills at the same or a worse price for the aggressor.
                final PriceLevels opposite = buy ? pair.book.asks() : pair.book.bids();
                if (againstBook && i < opposite.size())
                {
                    price = opposite.price(i);
                }
                else if (!againstBook && 0 == nextInt(2))
                {
                    price += buy ? 1 : -1;
                }
            }
            final long quantity = tradeQuantity(pair);
            recordTrade(pair, price, quantity);

            put(TRADE_SYMBOL);
            put(pair.symbol);
            put(buy ? TRADE_BUY : TRADE_SELL);
            putDecimal(price, pair.priceDigits);
            put(LEVEL_QTY);
            putDecimal(quantity, QUANTITY_DIGITS);
            put(orderType);
            position += buffer.putLongAscii(position, pair.nextTradeId++);
            put(TIMESTAMP);
            putTime(timeNs);
            put(QUOTE_BRACE);
        }
        put(END_ARRAY_OBJECT);
        out.frame(buffer, position);
    }

    private long walk(final Pair pair)
    {
        long step = nextInt(2 * pair.maxGap + 1) - pair.maxGap;
        // Pull back gently once the price has wandered more than a fifth from where it started.
        if ((pair.lastPrice - pair.openPrice) * 5 > pair.openPrice)
        {
            step = -Math.abs(step);
        }
        else if ((pair.openPrice - pair.lastPrice) * 5 > pair.openPrice)
        {
            step = Math.abs(step);
        }
        return Math.max(1, pair.lastPrice + step);
    }

    private static void recordTrade(final Pair pair, final long price, final long quantity)
    {
        pair.lastPrice = price;
        pair.highPrice = Math.max(pair.highPrice, price);
        pair.lowPrice = Math.min(pair.lowPrice, price);
        pair.volume += quantity;
        pair.vwap += (price - pair.vwap) * quantity / pair.volume;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Book updates.
    // ---------------------------------------------------------------------------------------------------------------

    private void writeBookUpdate(final FrameSink out, final Pair pair, final long nowNs)
    {
        changeCount = 0;
        final int changes = 1 + nextInt(MAX_LEVEL_CHANGES);
        for (int i = 0; i < changes; i++)
        {
            final boolean bid = 0 == nextInt(2);
            final int roll = nextInt(100);
            if (roll < 45 || !(roll < 75 ? insertLevel(pair, bid) : deleteLevel(pair, bid)))
            {
                changeSize(pair, bid);
            }
        }
        // As the decoder does: every change of the message first, then whatever lies beyond the depth falls out.
        pair.book.bids().truncate(depth);
        pair.book.asks().truncate(depth);

        position = 0;
        put(BOOK_UPDATE);
        put(pair.symbol);
        put(BOOK_BIDS);
        putChanges(true, pair.priceDigits);
        put(BOOK_ASKS);
        putChanges(false, pair.priceDigits);
        put(BOOK_CHECKSUM);
        position += buffer.putLongAscii(position, checksum(pair));
        put(TIMESTAMP);
        putTime(exchangeTime(nowNs));
        put(END_DATA);
        out.frame(buffer, position);
    }

    private void changeSize(final Pair pair, final boolean bid)
    {
        final PriceLevels levels = bid ? pair.book.bids() : pair.book.asks();
        final int rank = topBiasedRank(Math.min(levels.size(), depth));
        final long price = levels.price(rank);
        long quantity = levelQuantity(pair);
        if (quantity == levels.quantity(rank))
        {
            quantity += MIN_QUANTITY;
        }
        applyChange(pair, bid, price, quantity);
    }

    private boolean insertLevel(final Pair pair, final boolean bid)
    {
        final PriceLevels levels = bid ? pair.book.bids() : pair.book.asks();
        final PriceLevels opposite = bid ? pair.book.asks() : pair.book.bids();
        final long best = levels.price(0);
        final long oppositeBest = opposite.price(0);
        final long worst = levels.price(levels.size() - 1);

        // Inside the spread (a better price that still does not cross) or between the side's own levels.
        final long from;
        final long to;
        if (nextInt(100) < 35)
        {
            from = bid ? best + 1 : oppositeBest + 1;
            to = bid ? oppositeBest - 1 : best - 1;
        }
        else
        {
            from = bid ? worst + 1 : best + 1;
            to = bid ? best - 1 : worst - 1;
        }
        if (from > to)
        {
            return false;
        }
        for (int attempt = 0; attempt < 4; attempt++)
        {
            final long price = from + nextLong(to - from + 1);
            if (0 == levels.quantityAt(price))
            {
                applyChange(pair, bid, price, levelQuantity(pair));
                return true;
            }
        }
        return false;
    }

    private boolean deleteLevel(final Pair pair, final boolean bid)
    {
        final PriceLevels levels = bid ? pair.book.bids() : pair.book.asks();
        if (levels.size() <= 1)
        {
            return false;
        }
        applyChange(pair, bid, levels.price(topBiasedRank(Math.min(levels.size(), depth))), 0);

        // Kraken keeps the subscribed depth full: the level that comes into scope is sent with the delete.
        if (levels.size() < depth)
        {
            final long gap = 1 + nextInt(pair.maxGap);
            final long worst = levels.price(levels.size() - 1);
            final long price = bid ? worst - gap : worst + gap;
            if (price > 0)
            {
                applyChange(pair, bid, price, levelQuantity(pair));
            }
        }
        return true;
    }

    private void applyChange(final Pair pair, final boolean bid, final long price, final long quantity)
    {
        pair.book.set(bid ? BookSide.BID : BookSide.ASK, price, quantity);
        if (changeCount < changePrice.length)
        {
            changeBid[changeCount] = bid;
            changePrice[changeCount] = price;
            changeQuantity[changeCount] = quantity;
            changeCount++;
        }
    }

    private int topBiasedRank(final int size)
    {
        return Math.min(nextInt(size), nextInt(size));
    }

    private long checksum(final Pair pair)
    {
        return checksum.compute(pair.book, pair.priceDigits, pair.priceDigits, QUANTITY_DIGITS, QUANTITY_DIGITS);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Pairs, sizes and randomness.
    // ---------------------------------------------------------------------------------------------------------------

    private Pair newPair(final String venueSymbol)
    {
        for (int i = 0; i < venueSymbol.length(); i++)
        {
            final char c = venueSymbol.charAt(i);
            if ('"' == c || '\\' == c || c < 0x21 || c > 0x7E)
            {
                throw new IllegalArgumentException("not a Kraken pair: '" + venueSymbol + "'");
            }
        }
        final String canonical = KrakenSymbolNormalizer.INSTANCE.canonical(venueSymbol);
        final long startPrice;
        final int priceDigits;
        switch (canonical)
        {
            case "BTC-USD":
                startPrice = 650_000; // 65000.0
                priceDigits = 1;
                break;

            case "ETH-USD":
                startPrice = 190_000; // 1900.00
                priceDigits = 2;
                break;

            case "SOL-USD":
                startPrice = 15_000; // 150.00
                priceDigits = 2;
                break;

            default:
                // 1 to 99,990 in the quote currency, with the decimals that give it some 10^5 ticks.
                final int magnitude = nextInt(5);
                startPrice = (1_000 + nextInt(9_000)) * 100L;
                priceDigits = 5 - magnitude;
                break;
        }

        final Pair pair = new Pair(venueSymbol.getBytes(StandardCharsets.US_ASCII), priceDigits, depth);
        pair.maxGap = (int)Math.max(2, startPrice / 50_000);
        pair.typicalQuantity =
            Math.max(MIN_QUANTITY, NOTIONAL_PER_TRADE * 100_000_000L * pow10(priceDigits) / startPrice);
        pair.openPrice = startPrice;
        pair.lastPrice = startPrice;
        pair.highPrice = startPrice;
        pair.lowPrice = startPrice;
        pair.vwap = startPrice;
        pair.volume = pair.typicalQuantity * (1_000 + nextInt(10_000));
        pair.nextTradeId = 1_000_000 + nextInt(100_000_000);

        long bid = startPrice;
        long ask = startPrice + 1 + nextInt(pair.maxGap);
        for (int i = 0; i < depth; i++)
        {
            pair.book.bids().set(bid, levelQuantity(pair));
            pair.book.asks().set(ask, levelQuantity(pair));
            bid -= 1 + nextInt(pair.maxGap);
            ask += 1 + nextInt(pair.maxGap);
        }
        return pair;
    }

    private long levelQuantity(final Pair pair)
    {
        return roundQuantity(pair.typicalQuantity * (1 + nextInt(4_000)) / 256);
    }

    private long tradeQuantity(final Pair pair)
    {
        // Mostly small fills, now and then a large one.
        final long draw = 1 + nextInt(1_024);
        return roundQuantity(pair.typicalQuantity * draw * draw / (256 * 1_024));
    }

    private long roundQuantity(final long quantity)
    {
        // Some sizes are round lots (0.1000, 25.00), most carry all 8 decimals.
        final int roll = nextInt(10);
        final long lot = roll < 2 ? 1_000_000 : roll < 4 ? 10_000 : 1;
        final long rounded = quantity / lot * lot;
        return Math.max(Math.max(MIN_QUANTITY, lot), rounded);
    }

    private long exchangeTime(final long nowNs)
    {
        final long timeNs = nowNs - MIN_EXCHANGE_LATENCY_NS -
            nextLong(MAX_EXCHANGE_LATENCY_NS - MIN_EXCHANGE_LATENCY_NS);
        lastExchangeNs = Math.max(lastExchangeNs, Math.max(0, timeNs));
        return lastExchangeNs;
    }

    private long nextRandom()
    {
        // SplitMix64: fixed here, so the frames of a seed never change with the JDK.
        long z = (randomState += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private int nextInt(final int bound)
    {
        return (int)nextLong(bound);
    }

    private long nextLong(final long bound)
    {
        return (nextRandom() >>> 1) % bound;
    }

    private static long pow10(final int exponent)
    {
        long value = 1;
        for (int i = 0; i < exponent; i++)
        {
            value *= 10;
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Text.
    // ---------------------------------------------------------------------------------------------------------------

    private void putLevels(final PriceLevels levels, final int priceDigits)
    {
        for (int rank = 0, size = levels.size(); rank < size; rank++)
        {
            putLevel(rank > 0, levels.price(rank), levels.quantity(rank), priceDigits);
        }
    }

    private void putChanges(final boolean bids, final int priceDigits)
    {
        boolean first = true;
        for (int i = 0; i < changeCount; i++)
        {
            if (changeBid[i] == bids)
            {
                putLevel(!first, changePrice[i], changeQuantity[i], priceDigits);
                first = false;
            }
        }
    }

    private void putLevel(final boolean comma, final long price, final long quantity, final int priceDigits)
    {
        if (comma)
        {
            buffer.putByte(position++, (byte)',');
        }
        put(LEVEL_PRICE);
        putDecimal(price, priceDigits);
        put(LEVEL_QTY);
        putDecimal(quantity, QUANTITY_DIGITS);
        buffer.putByte(position++, (byte)'}');
    }

    private void put(final byte[] bytes)
    {
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    private void putDecimal(final long mantissa, final int digits)
    {
        position += KrakenText.putDecimal(buffer, position, mantissa, digits);
    }

    private void putTime(final long epochNs)
    {
        position += KrakenText.putRfc3339Micros(buffer, position, epochNs);
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One pair's state: its book (the subscribed depth, as a client keeps it) and its trading day so far.
     */
    private static final class Pair
    {
        final byte[] symbol;
        final int priceDigits;
        final OrderBook book;
        int index;
        int maxGap;
        long typicalQuantity;
        long openPrice;
        long lastPrice;
        long highPrice;
        long lowPrice;
        long volume;
        long vwap;
        long nextTradeId;

        Pair(final byte[] symbol, final int priceDigits, final int depth)
        {
            this.symbol = symbol;
            this.priceDigits = priceDigits;
            this.book = new OrderBook(2 * depth + 4 * MAX_LEVEL_CHANGES);
        }
    }
}
