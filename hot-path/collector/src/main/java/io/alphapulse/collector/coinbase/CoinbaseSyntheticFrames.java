/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.source.SyntheticFrames;
import org.agrona.ExpandableArrayBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Coinbase Advanced Trade frames as one market-data connection receives them, for the demo, load tests and
 * integration tests: field for field and in the same order as the recordings ({@code coinbase-advanced-*.jsonl}),
 * decimals without trailing zeros, RFC 3339 times with trailing zeros trimmed as Go writes them, and
 * {@code sequence_num} +1 on every frame of the connection across all channels, from 0.
 * <ul>
 *     <li>{@link #onSubscribed}: a new connection. {@code sequence_num} starts again at 0; one cumulative
 *     {@code subscriptions} ack for each of {@link CoinbaseProtocol#CHANNELS} in order, then an {@code l2_data}
 *     {@code snapshot} of every product ({@value #DEFAULT_SNAPSHOT_DEPTH} levels a side at first unless given, fewer
 *     bids only where prices would reach zero; the depth then moves between 70 % and 140 % of that).</li>
 *     <li>{@link #next}, by {@link Mix}: {@code TRADES} - a {@code market_trades} {@code update} of 1 to 3 trades of
 *     one product (newest first, {@code side} the maker's as Coinbase gives it, {@code trade_id} digit strings
 *     increasing per product); {@code BOOK} - an {@code l2_data} {@code update} of 1 to 4 level changes (new
 *     levels, sizes, deletes as {@code "new_quantity":"0"}; one more when a new level pushes out the last of a side
 *     at its greatest depth); {@code MIXED} - mostly book updates, some trades, each followed by the book update
 *     that takes the traded size off and refills the side, some {@code ticker} updates with the book's best bid and
 *     offer, and a {@code heartbeats} message about every {@value #HEARTBEAT_FRAMES} frames.</li>
 * </ul>
 * Each product keeps a book that the frames describe exactly, so a decoder that applies them holds the same book;
 * prices move by random walk around a start (BTC-USD 65000, ETH-USD 1900, SOL-USD 150, DOGE-USD 0.15; a seeded start
 * between 10 and 1000 for other products), always on the product's tick, and the book never crosses: trades take
 * the best level of the maker's side, and new levels go behind the best or inside the spread. Trades of the
 * {@code TRADES} mix move the book silently between frames, so their prices walk too.
 * <p>
 * Deterministic: the same products, seed, mix and sequence of calls and times give the same bytes. Times are
 * derived from {@code nowNs} only; randomness comes from the seed only. Frames are written to one buffer, reused:
 * a sink must copy what it keeps. Allocation-free per frame after construction; not thread-safe.
 */
public final class CoinbaseSyntheticFrames implements SyntheticFrames
{
    /**
     * Levels a side in a product's first snapshot, unless the constructor is given another depth.
     */
    public static final int DEFAULT_SNAPSHOT_DEPTH = 50;

    /**
     * Least depth a side can be given.
     */
    public static final int MIN_SNAPSHOT_DEPTH = 4;

    /**
     * Greatest depth a side can be given.
     */
    public static final int MAX_SNAPSHOT_DEPTH = 10_000;

    /**
     * Frames of the {@code MIXED} mix between two {@code heartbeats} messages.
     */
    public static final int HEARTBEAT_FRAMES = 1000;

    private static final int MAX_CHANGES = 4;
    private static final int MAX_TRADES = 3;
    private static final int PERCENT_DIGITS = 14;
    private static final int BID = 0;
    private static final int ASK = 1;

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private static final String[] KNOWN_PRODUCTS = { "BTC-USD", "ETH-USD", "SOL-USD", "DOGE-USD" };
    private static final long[] KNOWN_START_TICKS = { 6_500_000L, 190_000L, 15_000L, 15_000L };
    private static final int[] KNOWN_TICK_DECIMALS = { 2, 2, 2, 5 };
    private static final int OTHER_TICK_DECIMALS = 2;

    private static final byte[] FRAME_CHANNEL = ascii("{\"channel\":\"");
    private static final byte[] FRAME_TIMESTAMP = ascii("\",\"timestamp\":\"");
    private static final byte[] FRAME_SEQUENCE_NUM = ascii("\",\"sequence_num\":");
    private static final byte[] FRAME_EVENTS = ascii(",\"events\":[");
    private static final byte[] FRAME_END = ascii("]}");

    private static final byte[] L2_DATA = ascii("l2_data");
    private static final byte[] MARKET_TRADES = ascii("market_trades");
    private static final byte[] TICKER = ascii("ticker");
    private static final byte[] HEARTBEATS = ascii("heartbeats");
    private static final byte[] SUBSCRIPTIONS = ascii("subscriptions");

    private static final byte[] BOOK_SNAPSHOT_START = ascii("{\"type\":\"snapshot\",\"product_id\":\"");
    private static final byte[] BOOK_UPDATE_START = ascii("{\"type\":\"update\",\"product_id\":\"");
    private static final byte[] BOOK_UPDATES = ascii("\",\"updates\":[");
    private static final byte[] LEVEL_BID = ascii("{\"side\":\"bid\",\"event_time\":\"");
    private static final byte[] LEVEL_OFFER = ascii("{\"side\":\"offer\",\"event_time\":\"");
    private static final byte[] LEVEL_PRICE = ascii("\",\"price_level\":\"");
    private static final byte[] LEVEL_QUANTITY = ascii("\",\"new_quantity\":\"");
    private static final byte[] OBJECT_END = ascii("\"}");
    private static final byte[] ARRAY_OBJECT_END = ascii("]}");

    private static final byte[] TRADES_START = ascii("{\"type\":\"update\",\"trades\":[");
    private static final byte[] TRADE_PRODUCT_ID = ascii("{\"product_id\":\"");
    private static final byte[] TRADE_ID = ascii("\",\"trade_id\":\"");
    private static final byte[] TRADE_PRICE = ascii("\",\"price\":\"");
    private static final byte[] TRADE_SIZE = ascii("\",\"size\":\"");
    private static final byte[] TRADE_TIME = ascii("\",\"time\":\"");
    private static final byte[] TRADE_SIDE_BUY = ascii("\",\"side\":\"BUY\"}");
    private static final byte[] TRADE_SIDE_SELL = ascii("\",\"side\":\"SELL\"}");

    private static final byte[] TICKER_START =
        ascii("{\"type\":\"update\",\"tickers\":[{\"type\":\"ticker\",\"product_id\":\"");
    private static final byte[] TICKER_PRICE = ascii("\",\"price\":\"");
    private static final byte[] TICKER_VOLUME = ascii("\",\"volume_24_h\":\"");
    private static final byte[] TICKER_LOW = ascii("\",\"low_24_h\":\"");
    private static final byte[] TICKER_HIGH = ascii("\",\"high_24_h\":\"");
    private static final byte[] TICKER_LOW_52W = ascii("\",\"low_52_w\":\"");
    private static final byte[] TICKER_HIGH_52W = ascii("\",\"high_52_w\":\"");
    private static final byte[] TICKER_CHANGE = ascii("\",\"price_percent_chg_24_h\":\"");
    private static final byte[] TICKER_BEST_BID = ascii("\",\"best_bid\":\"");
    private static final byte[] TICKER_BEST_ASK = ascii("\",\"best_ask\":\"");
    private static final byte[] TICKER_BEST_BID_QUANTITY = ascii("\",\"best_bid_quantity\":\"");
    private static final byte[] TICKER_BEST_ASK_QUANTITY = ascii("\",\"best_ask_quantity\":\"");
    private static final byte[] TICKER_END = ascii("\"}]}");

    private static final byte[] HEARTBEAT_START = ascii("{\"current_time\":\"");
    private static final byte[] HEARTBEAT_GO_ZONE = ascii(" +0000 UTC m=+");
    private static final byte[] HEARTBEAT_COUNTER = ascii("\",\"heartbeat_counter\":");
    private static final byte[] HEARTBEAT_END = ascii("}");

    private static final byte[] SUBSCRIPTIONS_START = ascii("{\"subscriptions\":{");
    private static final byte[] SUBSCRIPTIONS_END = ascii("}}");
    private static final byte[] SUBSCRIBED_HEARTBEATS = ascii("\"heartbeats\":[\"heartbeats\"]");

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(32 * 1024);
    private final SplittableRandom random;
    private final Mix mix;
    private final Product[] products;
    private final byte[][] subscribedChannels;
    private final int minDepth;
    private final int maxDepth;

    // The level changes of the book update being written: side and price of each, distinct. At most the traded
    // levels and enough changes to refill the sides, each of which may push a last level out: well within 16.
    private final int[] changeSides = new int[16];
    private final long[] changePrices = new long[16];
    private int changeCount;

    // The trades of the frame being written, oldest first.
    private final int[] tradeSides = new int[MAX_TRADES];
    private final long[] tradePrices = new long[MAX_TRADES];
    private final long[] tradeSizes = new long[MAX_TRADES];
    private final long[] tradeTimesNs = new long[MAX_TRADES];

    private int position;
    private long sequenceNum;
    private long heartbeatCounter;
    private int framesSinceHeartbeat;
    private Product forcedUpdate;

    /**
     * A generator for products that is deterministic for a seed, books {@value #DEFAULT_SNAPSHOT_DEPTH} levels a side
     * deep.
     *
     * @param productIds Coinbase product ids, e.g. {@code BTC-USD}.
     * @param seed       random seed.
     * @param mix        what {@link #next} writes.
     * @throws IllegalArgumentException when there are no products or one is not a Coinbase product id.
     */
    public CoinbaseSyntheticFrames(final List<String> productIds, final long seed, final Mix mix)
    {
        this(productIds, seed, mix, DEFAULT_SNAPSHOT_DEPTH);
    }

    /**
     * A generator for products that is deterministic for a seed.
     *
     * @param productIds    Coinbase product ids, e.g. {@code BTC-USD}.
     * @param seed          random seed.
     * @param mix           what {@link #next} writes.
     * @param snapshotDepth levels a side in the first snapshot; the depth then stays within 70 % and 140 % of it.
     * @throws IllegalArgumentException when there are no products, one is not a Coinbase product id, or the depth is
     *                                  outside {@value #MIN_SNAPSHOT_DEPTH} to {@value #MAX_SNAPSHOT_DEPTH}.
     */
    public CoinbaseSyntheticFrames(
        final List<String> productIds, final long seed, final Mix mix, final int snapshotDepth)
    {
        if (snapshotDepth < MIN_SNAPSHOT_DEPTH || snapshotDepth > MAX_SNAPSHOT_DEPTH)
        {
            throw new IllegalArgumentException("snapshot depth must be " + MIN_SNAPSHOT_DEPTH + " to " +
                MAX_SNAPSHOT_DEPTH + " levels a side, got " + snapshotDepth);
        }
        if (productIds.isEmpty())
        {
            throw new IllegalArgumentException("no Coinbase products to generate");
        }
        this.mix = Objects.requireNonNull(mix, "mix");
        this.random = new SplittableRandom(seed);
        this.minDepth = minDepth(snapshotDepth);
        this.maxDepth = maxDepth(snapshotDepth);
        this.products = new Product[productIds.size()];
        for (int i = 0; i < products.length; i++)
        {
            final String productId = CoinbaseSymbols.validate(productIds.get(i));
            products[i] = new Product(productId, random, snapshotDepth, maxDepth + 8);
        }
        heartbeatCounter = 10_000 + random.nextInt(90_000);

        final StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < products.length; i++)
        {
            list.append(0 == i ? "\"" : ",\"").append(products[i].productId).append('"');
        }
        list.append(']');

        // Cumulative subscriptions after each of the protocol's requests, keys in Go's map order (sorted).
        subscribedChannels = new byte[CoinbaseProtocol.CHANNELS.size()][];
        for (int i = 0; i < subscribedChannels.length; i++)
        {
            final TreeSet<String> channels = new TreeSet<>(CoinbaseProtocol.CHANNELS.subList(0, i + 1));
            final StringBuilder json = new StringBuilder();
            for (final String channel : channels)
            {
                if (!json.isEmpty())
                {
                    json.append(',');
                }
                json.append('"').append(channel).append("\":");
                json.append("heartbeats".equals(channel) ? "[\"heartbeats\"]" : list.toString());
            }
            subscribedChannels[i] = ascii(json.toString());
        }
    }

    /**
     * A new connection: {@code sequence_num} starts again at 0; the {@code subscriptions} acks of the collector's
     * requests, then a snapshot of every product's book as it is now.
     *
     * @param out   where to write frames.
     * @param nowNs ns since the epoch.
     */
    public void onSubscribed(final FrameSink out, final long nowNs)
    {
        sequenceNum = 0;
        forcedUpdate = null;
        framesSinceHeartbeat = 0;
        for (final byte[] channels : subscribedChannels)
        {
            startFrame(SUBSCRIPTIONS, nowNs);
            putBytes(SUBSCRIPTIONS_START);
            putBytes(channels);
            putBytes(SUBSCRIPTIONS_END);
            endFrame(out);
        }
        for (final Product product : products)
        {
            writeSnapshot(product, out, nowNs);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void next(final FrameSink out, final long nowNs)
    {
        if (null != forcedUpdate)
        {
            final Product product = forcedUpdate;
            forcedUpdate = null;
            writeBookUpdate(product, out, nowNs);
            return;
        }

        final Product product = randomEnabledProduct();
        if (null == product)
        {
            writeHeartbeat(out, nowNs);
            return;
        }

        switch (mix)
        {
            case TRADES:
                writeTrades(product, out, nowNs);
                // No book frames in this mix: the book moves silently, so that the next trades' prices walk.
                product.pendingCount = 0;
                changeCount = 0;
                randomChanges(product);
                break;

            case BOOK:
                writeBookUpdate(product, out, nowNs);
                break;

            case MIXED:
            default:
                if (++framesSinceHeartbeat >= HEARTBEAT_FRAMES)
                {
                    framesSinceHeartbeat = 0;
                    writeHeartbeat(out, nowNs);
                    break;
                }
                final int draw = random.nextInt(100);
                if (draw < 70)
                {
                    writeBookUpdate(product, out, nowNs);
                }
                else if (draw < 88)
                {
                    writeTrades(product, out, nowNs);
                    forcedUpdate = product;     // the book update for the traded levels comes next
                }
                else
                {
                    writeTicker(product, out, nowNs);
                }
                break;
        }
    }

    /**
     * The {@code l2_data} snapshot Coinbase sends when one product's {@code level2} is subscribed again (a book
     * resync), numbered in this connection's sequence.
     *
     * @param productId a product of this generator.
     * @param out       where to write the frame.
     * @param nowNs     ns since the epoch.
     * @throws IllegalArgumentException when the product is not generated here.
     */
    public void bookSnapshot(final String productId, final FrameSink out, final long nowNs)
    {
        final Product product = product(productId);
        if (forcedUpdate == product)
        {
            forcedUpdate = null;
        }
        writeSnapshot(product, out, nowNs);
    }

    /**
     * A {@code heartbeats} message now, numbered in this connection's sequence: a venue on a clock sends one a second,
     * as Coinbase does, besides those of the {@code MIXED} mix.
     *
     * @param out   where to write the frame.
     * @param nowNs ns since the epoch.
     */
    public void heartbeat(final FrameSink out, final long nowNs)
    {
        writeHeartbeat(out, nowNs);
    }

    /**
     * Stop or resume generating market data for one product, as when an exchange's subscription goes quiet; the
     * other products and heartbeats carry on. A book update that is owed for trades already written still comes.
     *
     * @param productId a product of this generator.
     * @param enabled   false to stop.
     * @throws IllegalArgumentException when the product is not generated here.
     */
    public void productEnabled(final String productId, final boolean enabled)
    {
        product(productId).enabled = enabled;
    }

    /**
     * Take the next {@code sequence_num} of the connection for a frame written elsewhere (a crafted frame in a test),
     * so that the sequence stays gap-free.
     *
     * @return the sequence_num to give that frame.
     */
    public long claimSequenceNum()
    {
        return sequenceNum++;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frames
    // ---------------------------------------------------------------------------------------------------------------

    private void writeSnapshot(final Product product, final FrameSink out, final long nowNs)
    {
        product.pendingCount = 0;
        final long eventTimeNs = eventTime(nowNs);
        startFrame(L2_DATA, nowNs);
        putBytes(BOOK_SNAPSHOT_START);
        putBytes(product.id);
        putBytes(BOOK_UPDATES);
        boolean first = true;
        for (int side = BID; side <= ASK; side++)
        {
            final SyntheticLevels levels = product.side(side);
            for (int rank = 0; rank < levels.count(); rank++)
            {
                first = putLevel(first, side, eventTimeNs, product, levels.price(rank), levels.size(rank));
            }
        }
        putBytes(ARRAY_OBJECT_END);
        endFrame(out);
    }

    private void writeBookUpdate(final Product product, final FrameSink out, final long nowNs)
    {
        changeCount = 0;
        for (int i = 0; i < product.pendingCount; i++)
        {
            addChange(product.pendingSides[i], product.pendingPrices[i]);
        }
        product.pendingCount = 0;
        randomChanges(product);
        if (0 == changeCount)
        {
            // Every random change was refused (a price taken, a side at its minimum depth): change a size instead.
            product.bids.resize(0, product.bids.size(0) + 1);
            addChange(BID, product.bids.best());
        }

        final long eventTimeNs = eventTime(nowNs);
        startFrame(L2_DATA, nowNs);
        putBytes(BOOK_UPDATE_START);
        putBytes(product.id);
        putBytes(BOOK_UPDATES);
        boolean first = true;
        for (int i = 0; i < changeCount; i++)
        {
            final long price = changePrices[i];
            final int side = changeSides[i];
            first = putLevel(first, side, eventTimeNs, product, price, product.side(side).sizeAt(price));
        }
        putBytes(ARRAY_OBJECT_END);
        endFrame(out);
    }

    private boolean putLevel(
        final boolean first,
        final int side,
        final long eventTimeNs,
        final Product product,
        final long price,
        final long size)
    {
        if (!first)
        {
            putByte(',');
        }
        putBytes(BID == side ? LEVEL_BID : LEVEL_OFFER);
        putTime(eventTimeNs, 6, 'T');
        putByte('Z');
        putBytes(LEVEL_PRICE);
        putDecimal(price, product.tickDecimals);
        putBytes(LEVEL_QUANTITY);
        putDecimal(size, 8);
        putBytes(OBJECT_END);
        return false;
    }

    private void writeTrades(final Product product, final FrameSink out, final long nowNs)
    {
        final int count = 1 + random.nextInt(MAX_TRADES);
        long timeNs = eventTime(nowNs) - (count - 1) * 1_000_000L;
        for (int i = 0; i < count; i++)
        {
            // The maker's side: a resting bid was hit (BUY) or a resting offer lifted (SELL), at the best level.
            final int side = random.nextInt(2);
            final SyntheticLevels levels = product.side(side);
            final long price = levels.best();
            final long available = levels.size(0);
            long size = product.randomSize(random, 4);
            if (size >= available || 0 == random.nextInt(5))
            {
                size = available;
                levels.remove(0);
            }
            else
            {
                levels.resize(0, available - size);
            }
            product.pend(side, price);
            product.onTrade(price, size);
            tradeSides[i] = side;
            tradePrices[i] = price;
            tradeSizes[i] = size;
            tradeTimesNs[i] = Math.max(0, timeNs);
            timeNs += random.nextInt(1_000) * 1_000L;
        }

        startFrame(MARKET_TRADES, nowNs);
        putBytes(TRADES_START);
        for (int i = count - 1; i >= 0; i--)       // newest first, as Coinbase lists them
        {
            if (i != count - 1)
            {
                putByte(',');
            }
            putBytes(TRADE_PRODUCT_ID);
            putBytes(product.id);
            putBytes(TRADE_ID);
            position += buffer.putNaturalLongAscii(position, product.nextTradeId + i);
            putBytes(TRADE_PRICE);
            putDecimal(tradePrices[i], product.tickDecimals);
            putBytes(TRADE_SIZE);
            putDecimal(tradeSizes[i], 8);
            putBytes(TRADE_TIME);
            putTime(tradeTimesNs[i], 6, 'T');
            putByte('Z');
            putBytes(BID == tradeSides[i] ? TRADE_SIDE_BUY : TRADE_SIDE_SELL);
        }
        product.nextTradeId += count;
        putBytes(ARRAY_OBJECT_END);
        endFrame(out);
    }

    private void writeTicker(final Product product, final FrameSink out, final long nowNs)
    {
        startFrame(TICKER, nowNs);
        putBytes(TICKER_START);
        putBytes(product.id);
        putBytes(TICKER_PRICE);
        putDecimal(product.lastPrice, product.tickDecimals);
        putBytes(TICKER_VOLUME);
        putDecimal(product.volume24h, 8);
        putBytes(TICKER_LOW);
        putDecimal(product.low24h, product.tickDecimals);
        putBytes(TICKER_HIGH);
        putDecimal(product.high24h, product.tickDecimals);
        putBytes(TICKER_LOW_52W);
        putDecimal(product.low52w, product.tickDecimals);
        putBytes(TICKER_HIGH_52W);
        putDecimal(product.high52w, product.tickDecimals);
        putBytes(TICKER_CHANGE);
        putPercentChange(product.lastPrice, product.open24h);
        putBytes(TICKER_BEST_BID);
        putDecimal(product.bids.best(), product.tickDecimals);
        putBytes(TICKER_BEST_ASK);
        putDecimal(product.asks.best(), product.tickDecimals);
        putBytes(TICKER_BEST_BID_QUANTITY);
        putDecimal(product.bids.size(0), 8);
        putBytes(TICKER_BEST_ASK_QUANTITY);
        putDecimal(product.asks.size(0), 8);
        putBytes(TICKER_END);
        endFrame(out);
    }

    private void writeHeartbeat(final FrameSink out, final long nowNs)
    {
        final long counter = heartbeatCounter++;
        startFrame(HEARTBEATS, nowNs);
        putBytes(HEARTBEAT_START);
        // Go's time.String(): space-separated, trimmed fraction, zone, and the monotonic clock reading.
        putTime(nowNs, 9, ' ');
        putBytes(HEARTBEAT_GO_ZONE);
        position += buffer.putNaturalLongAscii(position, counter);
        putByte('.');
        putFixedDigits(Math.floorMod(nowNs, 1_000_000_000L), 9);
        putBytes(HEARTBEAT_COUNTER);
        position += buffer.putNaturalLongAscii(position, counter);
        putBytes(HEARTBEAT_END);
        endFrame(out);
    }

    private void startFrame(final byte[] channel, final long nowNs)
    {
        position = 0;
        putBytes(FRAME_CHANNEL);
        putBytes(channel);
        putBytes(FRAME_TIMESTAMP);
        putTime(nowNs, 9, 'T');
        putByte('Z');
        putBytes(FRAME_SEQUENCE_NUM);
        position += buffer.putNaturalLongAscii(position, sequenceNum++);
        putBytes(FRAME_EVENTS);
    }

    private void endFrame(final FrameSink out)
    {
        putBytes(FRAME_END);
        out.frame(buffer, position);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Book changes
    // ---------------------------------------------------------------------------------------------------------------

    // 1 to 4 changes in all, the traded levels included; more when trades left a side short of its least depth.
    private void randomChanges(final Product product)
    {
        final int deficit = Math.max(0, minDepth - product.bids.count()) + Math.max(0, minDepth - product.asks.count());
        final int wanted = Math.max(1 + random.nextInt(MAX_CHANGES) - changeCount, deficit);
        final int target = Math.min(changeCount + wanted, MAX_CHANGES + MAX_TRADES);
        for (int attempt = 0; changeCount < target && attempt < 8 * MAX_CHANGES; attempt++)
        {
            randomChange(product);
        }
    }

    private void randomChange(final Product product)
    {
        final int side;
        if (product.bids.count() < minDepth)
        {
            side = BID;
        }
        else if (product.asks.count() < minDepth)
        {
            side = ASK;
        }
        else
        {
            side = random.nextInt(2);
        }
        final SyntheticLevels levels = product.side(side);
        final long spread = product.asks.best() - product.bids.best();
        final int changesBefore = changeCount;
        if (spread > product.maxSpread)
        {
            insertInsideSpread(product, side, spread);
        }
        if (changeCount > changesBefore)
        {
            return;
        }
        if (levels.count() < minDepth)
        {
            insertBehindBest(product, side);
        }
        else if (levels.count() > maxDepth || levels.isFull())
        {
            remove(side, levels, levels.count() - 1);
        }
        else
        {
            final int draw = random.nextInt(100);
            if (draw < 50)
            {
                final int rank = nearTop(levels.count());
                final long price = levels.price(rank);
                if (!isChanged(side, price))
                {
                    long size = product.randomSize(random, 5);
                    if (size == levels.size(rank))
                    {
                        size++;
                    }
                    levels.resize(rank, size);
                    addChange(side, price);
                }
            }
            else if (draw < 75)
            {
                if (spread > 1 && 0 == random.nextInt(4))
                {
                    insertInsideSpread(product, side, spread);
                }
                else
                {
                    insertBehindBest(product, side);
                }
            }
            else
            {
                remove(side, levels, 0 == random.nextInt(4) ? 0 : random.nextInt(levels.count()));
            }
        }
    }

    private void insertInsideSpread(final Product product, final int side, final long spread)
    {
        if (spread <= 1)
        {
            return;
        }
        final long offset = 1 + random.nextLong(Math.min(spread - 1, product.levelGap));
        final long step = BID == side ? 1 : -1;
        long price = BID == side ? product.bids.best() + offset : product.asks.best() - offset;
        while (isChanged(side, price))
        {
            price += step;      // a level this update has already changed (a traded one): the next tick inside
        }
        if (price > product.bids.best() && price < product.asks.best())
        {
            insert(product, side, price);
        }
    }

    private void insertBehindBest(final Product product, final int side)
    {
        final SyntheticLevels levels = product.side(side);
        final long base = levels.price(random.nextInt(levels.count()));
        final long step = BID == side ? -1 : 1;
        long price = base + step * (1 + random.nextLong(2 * product.levelGap));
        while (price > 0 && (levels.rankOf(price) >= 0 || isChanged(side, price)))
        {
            price += step;      // a dense book, or a level this update has changed: the next free tick further out
        }
        if (price > 0)
        {
            insert(product, side, price);
        }
    }

    private void insert(final Product product, final int side, final long price)
    {
        final SyntheticLevels levels = product.side(side);
        if (isChanged(side, price))
        {
            return;
        }
        if (levels.count() >= maxDepth)
        {
            // A side at its most depth: the new level pushes the last one out, in the same update.
            final int last = levels.count() - 1;
            if (isChanged(side, levels.price(last)))
            {
                return;
            }
            remove(side, levels, last);
        }
        if (!levels.isFull())
        {
            levels.insert(price, product.randomSize(random, 5));
            addChange(side, price);
        }
    }

    private void remove(final int side, final SyntheticLevels levels, final int rank)
    {
        final long price = levels.price(rank);
        if (levels.count() > minDepth && !isChanged(side, price))
        {
            levels.remove(rank);
            addChange(side, price);
        }
    }

    private int nearTop(final int count)
    {
        return Math.min(random.nextInt(count), random.nextInt(count));
    }

    private boolean isChanged(final int side, final long price)
    {
        for (int i = 0; i < changeCount; i++)
        {
            if (changeSides[i] == side && changePrices[i] == price)
            {
                return true;
            }
        }
        return false;
    }

    private void addChange(final int side, final long price)
    {
        if (!isChanged(side, price))
        {
            changeSides[changeCount] = side;
            changePrices[changeCount] = price;
            changeCount++;
        }
    }

    private Product randomEnabledProduct()
    {
        int enabled = 0;
        for (final Product product : products)
        {
            enabled += product.enabled ? 1 : 0;
        }
        if (0 == enabled)
        {
            return null;
        }
        int pick = 1 == enabled ? 0 : random.nextInt(enabled);
        for (final Product product : products)
        {
            if (product.enabled && 0 == pick--)
            {
                return product;
            }
        }
        return null;
    }

    private Product product(final String productId)
    {
        for (final Product product : products)
        {
            if (product.productId.equals(productId))
            {
                return product;
            }
        }
        throw new IllegalArgumentException("not a generated product: " + productId);
    }

    private long eventTime(final long nowNs)
    {
        // The matching engine's time: a few ms before the frame leaves, to the microsecond.
        final long timeNs = nowNs - 1_000_000L - random.nextInt(40_000) * 1_000L;
        return Math.max(0, timeNs - Math.floorMod(timeNs, 1_000L));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Text
    // ---------------------------------------------------------------------------------------------------------------

    private void putByte(final char c)
    {
        buffer.putByte(position++, (byte)c);
    }

    private void putBytes(final byte[] bytes)
    {
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    private void putFixedDigits(final long value, final int digits)
    {
        long remaining = value;
        for (int i = digits - 1; i >= 0; i--)
        {
            buffer.putByte(position + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        position += digits;
    }

    // A non-negative decimal of units of 10^-decimals, without trailing zeros (Coinbase writes "65080", "0.12").
    private void putDecimal(final long units, final int decimals)
    {
        position += buffer.putNaturalLongAscii(position, units / POWERS_OF_TEN[decimals]);
        putFraction(units % POWERS_OF_TEN[decimals], decimals);
    }

    private void putFraction(final long fraction, final int digits)
    {
        if (0 != fraction)
        {
            long value = fraction;
            int significant = digits;
            while (0 == value % 10)
            {
                value /= 10;
                significant--;
            }
            putByte('.');
            putFixedDigits(value, significant);
        }
    }

    // (last - open) / open * 100 to 14 decimals, truncated, trailing zeros trimmed; long division digit by digit.
    private void putPercentChange(final long last, final long open)
    {
        final long difference = (last - open) * 100;
        if (difference < 0)
        {
            putByte('-');
        }
        final long magnitude = Math.abs(difference);
        position += buffer.putNaturalLongAscii(position, magnitude / open);
        long remainder = magnitude % open;
        long fraction = 0;
        for (int i = 0; i < PERCENT_DIGITS; i++)
        {
            remainder *= 10;
            fraction = fraction * 10 + remainder / open;
            remainder %= open;
        }
        putFraction(fraction, PERCENT_DIGITS);
    }

    // RFC 3339 UTC date and time to at most 6 or 9 fraction digits, trailing zeros trimmed as Go writes them.
    private void putTime(final long epochNs, final int fractionDigits, final char separator)
    {
        final long epochSecond = Math.floorDiv(epochNs, 1_000_000_000L);
        final long nanos = Math.floorMod(epochNs, 1_000_000_000L);
        final long secondOfDay = Math.floorMod(epochSecond, 86_400L);

        // H. Hinnant's civil_from_days.
        final long z = Math.floorDiv(epochSecond, 86_400L) + 719_468L;
        final long era = Math.floorDiv(z, 146_097L);
        final long dayOfEra = z - era * 146_097L;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthIndex = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        final long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

        putFixedDigits(year, 4);
        putByte('-');
        putFixedDigits(month, 2);
        putByte('-');
        putFixedDigits(day, 2);
        putByte(separator);
        putFixedDigits(secondOfDay / 3_600, 2);
        putByte(':');
        putFixedDigits(secondOfDay / 60 % 60, 2);
        putByte(':');
        putFixedDigits(secondOfDay % 60, 2);
        putFraction(9 == fractionDigits ? nanos : nanos / 1_000, fractionDigits);
    }

    /**
     * Least levels a side keeps (trades of one frame may take up to three below it).
     *
     * @param snapshotDepth levels a side in the first snapshot.
     * @return 70 % of it.
     */
    static int minDepth(final int snapshotDepth)
    {
        return snapshotDepth * 7 / 10;
    }

    /**
     * Most levels a side holds after a book update.
     *
     * @param snapshotDepth levels a side in the first snapshot.
     * @return 140 % of it.
     */
    static int maxDepth(final int snapshotDepth)
    {
        return snapshotDepth * 7 / 5;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * One product: its book, tick, trade ids, 24 h statistics, and the levels traded since its last book update.
     */
    private static final class Product
    {
        final String productId;
        final byte[] id;
        final int tickDecimals;
        final long referenceTicks;
        final long levelGap;
        final long maxSpread;
        final SyntheticLevels bids;
        final SyntheticLevels asks;
        final int[] pendingSides = new int[MAX_TRADES];
        final long[] pendingPrices = new long[MAX_TRADES];
        int pendingCount;
        boolean enabled = true;
        long nextTradeId;
        long lastPrice;
        long open24h;
        long low24h;
        long high24h;
        final long low52w;
        final long high52w;
        long volume24h;

        Product(final String productId, final SplittableRandom random, final int depth, final int capacity)
        {
            bids = new SyntheticLevels(true, capacity);
            asks = new SyntheticLevels(false, capacity);
            this.productId = productId;
            this.id = ascii(productId);
            int known = -1;
            for (int i = 0; i < KNOWN_PRODUCTS.length; i++)
            {
                if (KNOWN_PRODUCTS[i].equals(productId))
                {
                    known = i;
                }
            }
            tickDecimals = known >= 0 ? KNOWN_TICK_DECIMALS[known] : OTHER_TICK_DECIMALS;
            final long start = known >= 0 ? KNOWN_START_TICKS[known] : 1_000L + random.nextLong(99_000L);
            referenceTicks = start;

            // Levels about 10^-5 of the price apart (BTC-USD: 65 ticks, some 0.65 USD), as in the recordings.
            levelGap = Math.max(1, start / 100_000);
            maxSpread = 2 * levelGap + 1;

            long bid = start - random.nextLong(levelGap + 1);
            long ask = bid + 1 + random.nextLong(levelGap);
            for (int i = 0; i < depth; i++)
            {
                if (bid > 0)
                {
                    bids.insert(bid, randomSize(random, 5));
                }
                asks.insert(ask, randomSize(random, 5));
                bid -= 1 + random.nextLong(2 * levelGap);
                ask += 1 + random.nextLong(2 * levelGap);
            }

            nextTradeId = 100_000_000L + random.nextLong(900_000_000L);
            lastPrice = bids.best();
            open24h = start - start / 50 + random.nextLong(start / 25 + 1);
            low24h = Math.min(open24h, lastPrice) - random.nextLong(start / 100 + 1);
            high24h = Math.max(open24h, lastPrice) + random.nextLong(start / 100 + 1);
            low52w = Math.max(1, low24h - start / 4);
            high52w = high24h + start;
            volume24h = sizeOf(100_000L) * (50_000L + random.nextLong(450_000L));
        }

        SyntheticLevels side(final int side)
        {
            return BID == side ? bids : asks;
        }

        // A size for a random notional from 1 USD to 10^maxExponent * 9.99 USD, sometimes rounded as people do.
        long randomSize(final SplittableRandom random, final int maxExponent)
        {
            final long notionalCents = (100 + random.nextLong(900)) * POWERS_OF_TEN[random.nextInt(maxExponent)];
            long size = sizeOf(notionalCents);
            if (0 == random.nextInt(3))
            {
                final long unit = POWERS_OF_TEN[2 + random.nextInt(5)];
                size = Math.max(unit, size / unit * unit);
            }
            return Math.max(1, size);
        }

        // Size in 10^-8 of a notional in USD cents at the best bid (the start price before there is a book).
        private long sizeOf(final long notionalCents)
        {
            final long priceTicks = bids.count() > 0 ? bids.best() : referenceTicks;
            return notionalCents * POWERS_OF_TEN[6 + tickDecimals] / Math.max(1, priceTicks);
        }

        void pend(final int side, final long price)
        {
            for (int i = 0; i < pendingCount; i++)
            {
                if (pendingSides[i] == side && pendingPrices[i] == price)
                {
                    return;
                }
            }
            pendingSides[pendingCount] = side;
            pendingPrices[pendingCount] = price;
            pendingCount++;
        }

        void onTrade(final long price, final long size)
        {
            lastPrice = price;
            low24h = Math.min(low24h, price);
            high24h = Math.max(high24h, price);
            volume24h += size;
        }
    }
}
