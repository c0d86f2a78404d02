/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.LevelBuffer;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.json.JsonException;
import io.alphapulse.collector.json.JsonReader;
import io.alphapulse.decimal.DecimalFormatException;
import io.alphapulse.decimal.DecimalParser;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;

import static io.alphapulse.collector.MarketDataProxy.NULL_QUANTITY;
import static io.alphapulse.collector.MarketDataProxy.NULL_SEQUENCE;
import static io.alphapulse.collector.MarketDataProxy.NULL_TIME;

/**
 * Decodes Coinbase frames of both feeds into normalized market data:
 * <ul>
 *     <li>Advanced Trade ({@code wss://advanced-trade-ws.coinbase.com}), recognised by a top-level {@code channel}:
 *     {@code {"channel":..,"timestamp":..,"sequence_num":N,"events":[..]}}. {@code sequence_num} counts every
 *     message of the connection, so any gap is lost data: a {@code GAP} and {@code RESYNC_STARTED} feed event, every
 *     book out of sync, and a reconnect request; the new connection's snapshots rebuild the books.</li>
 *     <li>Exchange ({@code ws-feed}), recognised by a top-level {@code type}: {@code match}, {@code snapshot},
 *     {@code l2update}, {@code ticker}. Its {@code sequence} is per product and shared with order events of other
 *     channels, so gaps on {@code matches} are normal and not reported.</li>
 * </ul>
 * Both feeds give the <em>maker</em> side on trades; the aggressor is the other side. A frame is read completely and
 * checked before anything of it is published: a malformed frame or value is one {@link FrameListener#onError}, and
 * a rejected book frame leaves that book out of sync and asks the session for a fresh snapshot. Trades are published
 * oldest first and once: the recent-trades snapshot that follows a resubscribe does not repeat trades already
 * published.
 * <p>
 * Allocation-free per message once every product and ignored message type has been seen; exceptions, error texts
 * and growth of the staging arrays (the first multi-megabyte snapshot) allocate. Not thread-safe.
 */
public final class CoinbaseDecoder implements FrameDecoder
{
    /**
     * Control: a heartbeat ({@code heartbeats} channel, Exchange {@code heartbeat}).
     */
    public static final String HEARTBEAT = "heartbeat";

    /**
     * Control: the exchange's list of current subscriptions.
     */
    public static final String SUBSCRIPTIONS = "subscriptions";

    /**
     * Control: candles, which the collector does not normalize.
     */
    public static final String CANDLES = "candles (not normalized)";

    /**
     * Control: an Advanced Trade {@code status} message (products and their trading status).
     */
    public static final String STATUS = "status";

    /**
     * Control: a book update for a product whose book waits for a snapshot; it is not published.
     */
    public static final String UPDATE_BEFORE_SNAPSHOT = "update before snapshot";

    /**
     * Control: trades of the frame that were published before (a recent-trades snapshot or {@code last_match}
     * after a resubscribe); they are not published again.
     */
    public static final String REPEATED_TRADES = "trades already published";

    /**
     * Detail of the {@code GAP} feed event.
     */
    public static final String GAP_DETAIL = "sequence_num is not the one expected: messages lost";

    /**
     * Reason given with the reconnect request and detail of the {@code RESYNC_STARTED} that follows a gap.
     */
    public static final String RECONNECT_REASON = "Coinbase sequence_num gap: reconnect to rebuild every book";

    /**
     * Detail of the {@code RESYNC_STARTED} of one book whose frame was rejected.
     */
    public static final String REJECTED_BOOK_DETAIL = "book frame rejected: resubscribing for a fresh snapshot";

    /**
     * Detail of {@code RESYNC_DONE}.
     */
    public static final String SNAPSHOT_DETAIL = "fresh snapshot";

    /**
     * Detail of {@code CROSSED_BOOK}.
     */
    public static final String CROSSED_DETAIL = "best bid at or above best ask";

    private static final int GROWTH_INITIAL = 16;
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2261;

    private static final byte[] GO_ZERO_TIME = ascii("0001-01-01T00:00:00");

    // Advanced Trade channels.
    private static final byte[] L2_DATA = ascii("l2_data");
    private static final byte[] MARKET_TRADES = ascii("market_trades");
    private static final byte[] TICKER = ascii("ticker");
    private static final byte[] TICKER_BATCH = ascii("ticker_batch");
    private static final byte[] HEARTBEATS = ascii("heartbeats");
    private static final byte[] SUBSCRIPTIONS_BYTES = ascii("subscriptions");
    private static final byte[] CANDLES_BYTES = ascii("candles");
    private static final byte[] STATUS_BYTES = ascii("status");

    // Exchange types.
    private static final byte[] MATCH = ascii("match");
    private static final byte[] LAST_MATCH = ascii("last_match");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] UPDATE = ascii("update");
    private static final byte[] L2UPDATE = ascii("l2update");
    private static final byte[] HEARTBEAT_BYTES = ascii("heartbeat");
    private static final byte[] ERROR = ascii("error");

    // Sides.
    private static final byte[] BUY_LOWER = ascii("buy");
    private static final byte[] SELL_LOWER = ascii("sell");
    private static final byte[] BUY_UPPER = ascii("BUY");
    private static final byte[] SELL_UPPER = ascii("SELL");
    private static final byte[] BID = ascii("bid");
    private static final byte[] OFFER = ascii("offer");

    // Top-level fields of both feeds.
    private static final int CHANNEL = 0;
    private static final int TYPE = 1;
    private static final int TIMESTAMP = 2;
    private static final int SEQUENCE_NUM = 3;
    private static final int EVENTS = 4;
    private static final int PRODUCT_ID = 5;
    private static final int SEQUENCE = 6;
    private static final int TIME = 7;
    private static final int TRADE_ID = 8;
    private static final int SIDE = 9;
    private static final int PRICE = 10;
    private static final int SIZE = 11;
    private static final int BEST_BID = 12;
    private static final int BEST_ASK = 13;
    private static final int BEST_BID_SIZE = 14;
    private static final int BEST_ASK_SIZE = 15;
    private static final int BIDS = 16;
    private static final int ASKS = 17;
    private static final int CHANGES = 18;
    private static final int MESSAGE = 19;
    private static final int REASON = 20;

    // Advanced Trade event fields.
    private static final int EVENT_TYPE = 0;
    private static final int EVENT_PRODUCT_ID = 1;
    private static final int EVENT_UPDATES = 2;
    private static final int EVENT_TRADES = 3;
    private static final int EVENT_TICKERS = 4;

    // Advanced Trade level fields.
    private static final int LEVEL_SIDE = 0;
    private static final int LEVEL_EVENT_TIME = 1;
    private static final int LEVEL_PRICE = 2;
    private static final int LEVEL_QUANTITY = 3;

    // Advanced Trade trade fields.
    private static final int TRADE_PRODUCT_ID = 0;
    private static final int TRADE_TRADE_ID = 1;
    private static final int TRADE_PRICE = 2;
    private static final int TRADE_SIZE = 3;
    private static final int TRADE_TIME = 4;
    private static final int TRADE_SIDE = 5;

    // Advanced Trade ticker fields.
    private static final int TICKER_PRODUCT_ID = 0;
    private static final int TICKER_BEST_BID = 1;
    private static final int TICKER_BEST_BID_QUANTITY = 2;
    private static final int TICKER_BEST_ASK = 3;
    private static final int TICKER_BEST_ASK_QUANTITY = 4;

    private final MarketDataProxy proxy;
    private final InstrumentRegistry registry;
    private final FrameListener listener;
    private final ExchangeSession session;

    private final JsonReader reader = new JsonReader();
    private final JsonReader eventReader = new JsonReader();
    private final JsonReader itemReader = new JsonReader();
    private final JsonFields frame = new JsonFields(
        "channel", "type", "timestamp", "sequence_num", "events", "product_id", "sequence", "time", "trade_id", "side",
        "price", "size", "best_bid", "best_ask", "best_bid_size", "best_ask_size", "bids", "asks", "changes",
        "message", "reason");
    private final JsonFields event = new JsonFields("type", "product_id", "updates", "trades", "tickers");
    private final JsonFields level = new JsonFields("side", "event_time", "price_level", "new_quantity");
    private final JsonFields trade = new JsonFields("product_id", "trade_id", "price", "size", "time", "side");
    private final JsonFields ticker = new JsonFields(
        "product_id", "best_bid", "best_bid_quantity", "best_ask", "best_ask_quantity");
    private final DecimalParser decimalParser = new DecimalParser();
    private final IgnoredNames ignoredNames = new IgnoredNames();
    private final StringBuilder detail = new StringBuilder(256);

    private final Int2ObjectHashMap<ProductState> productsById = new Int2ObjectHashMap<>();
    private final ArrayList<ProductState> products = new ArrayList<>();

    // Book events of the frame being decoded: levels [start, end) of stagedLevels.
    private final LevelBuffer stagedLevels = new LevelBuffer();
    private final LevelBuffer publishLevels = new LevelBuffer();
    private ProductState[] bookProducts = new ProductState[GROWTH_INITIAL];
    private boolean[] bookIsSnapshot = new boolean[GROWTH_INITIAL];
    private int[] bookStart = new int[GROWTH_INITIAL];
    private int[] bookEnd = new int[GROWTH_INITIAL];
    private long[] bookTimeNs = new long[GROWTH_INITIAL];
    private int bookCount;

    // Trades of the frame being decoded.
    private ProductState[] tradeProducts = new ProductState[GROWTH_INITIAL];
    private long[] tradeIds = new long[GROWTH_INITIAL];
    private long[] tradePrices = new long[GROWTH_INITIAL];
    private long[] tradeQuantities = new long[GROWTH_INITIAL];
    private long[] tradeTimesNs = new long[GROWTH_INITIAL];
    private AggressorSide[] tradeSides = new AggressorSide[GROWTH_INITIAL];
    private int[] tradeOrder = new int[GROWTH_INITIAL];
    private int tradeCount;

    // Tickers of the frame being decoded.
    private ProductState[] tickerProducts = new ProductState[GROWTH_INITIAL];
    private long[] tickerBidPrices = new long[GROWTH_INITIAL];
    private long[] tickerBidQuantities = new long[GROWTH_INITIAL];
    private long[] tickerAskPrices = new long[GROWTH_INITIAL];
    private long[] tickerAskQuantities = new long[GROWTH_INITIAL];
    private int tickerCount;

    private DirectBuffer buffer;
    private long frameSequence = NULL_SEQUENCE;
    private long expectedSequenceNum;
    private boolean reconnectRequested;
    private int syncedBookCount;

    // For the error message of a rejected frame, and the book it was about.
    private String context;
    private ProductState contextProduct;
    private ProductState bookInFlight;
    private boolean bookInFlightIsSnapshot;

    /**
     * A decoder publishing on a proxy.
     *
     * @param proxy    where market data and feed events go.
     * @param registry instruments, resolved by product id.
     * @param listener control frames and errors.
     * @param session  fresh snapshots and reconnects.
     */
    public CoinbaseDecoder(
        final MarketDataProxy proxy,
        final InstrumentRegistry registry,
        final FrameListener listener,
        final ExchangeSession session)
    {
        this.proxy = proxy;
        this.registry = registry;
        this.listener = listener;
        this.session = session;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        this.buffer = buffer;
        frameSequence = NULL_SEQUENCE;
        context = "frame";
        contextProduct = null;
        bookInFlight = null;
        stagedLevels.clear();
        bookCount = 0;
        tradeCount = 0;
        tickerCount = 0;

        try
        {
            reader.wrap(buffer, offset, length);
            if (JsonReader.START_OBJECT != reader.next())
            {
                throw new JsonException("expected a JSON object");
            }
            frame.readObject(reader);
            reader.next();

            if (frame.has(CHANNEL))
            {
                onAdvancedTrade(receiveTimeNs);
            }
            else if (frame.has(TYPE))
            {
                onExchange(receiveTimeNs);
            }
            else
            {
                throw new JsonException("neither \"channel\" (Advanced Trade) nor \"type\" (Exchange) in the frame");
            }
        }
        catch (final JsonException | IllegalArgumentException ex)
        {
            // DecimalFormatException is an IllegalArgumentException, as is a product id the normalizer rejects.
            onRejected(ex, receiveTimeNs);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onConnected(final long nowNs)
    {
        expectedSequenceNum = 0;
        reconnectRequested = false;
        unsyncAll();
    }

    /**
     * {@inheritDoc}
     */
    public void onDisconnected(final long nowNs)
    {
        unsyncAll();
    }

    /**
     * {@inheritDoc}
     */
    public long frameSequence()
    {
        return frameSequence;
    }

    /**
     * {@inheritDoc}
     */
    public int syncedBookCount()
    {
        return syncedBookCount;
    }

    /**
     * The book of a product, for tests and tools.
     *
     * @param instrument the product.
     * @return its book, or null when the product has not been seen.
     */
    public OrderBook book(final Instrument instrument)
    {
        final ProductState product = productsById.get(instrument.id());
        return null == product ? null : product.book;
    }

    /**
     * Whether a product's book is in sync, for tests and tools.
     *
     * @param instrument the product.
     * @return true when its book holds a snapshot and every update since.
     */
    public boolean isSynced(final Instrument instrument)
    {
        final ProductState product = productsById.get(instrument.id());
        return null != product && product.synced;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Advanced Trade
    // ---------------------------------------------------------------------------------------------------------------

    private void onAdvancedTrade(final long receiveTimeNs)
    {
        final long sequenceNum = longValue(frame, SEQUENCE_NUM);
        frameSequence = sequenceNum;
        long timestampNs = NULL_TIME;
        try
        {
            timestampNs = frame.has(TIMESTAMP) ? exchangeTime(frame, TIMESTAMP) : NULL_TIME;
        }
        finally
        {
            // The message arrived even when its timestamp is bad: account for its sequence_num either way.
            checkSequence(sequenceNum, timestampNs, receiveTimeNs);
        }

        if (frame.stringEquals(buffer, CHANNEL, L2_DATA))
        {
            context = "l2_data";
            onLevel2(timestampNs, sequenceNum, receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, CHANNEL, MARKET_TRADES))
        {
            context = "market_trades";
            onMarketTrades();
            publishTrades(receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, CHANNEL, TICKER) || frame.stringEquals(buffer, CHANNEL, TICKER_BATCH))
        {
            context = "ticker";
            onTickers(timestampNs, sequenceNum, receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, CHANNEL, HEARTBEATS))
        {
            listener.onControl(HEARTBEAT);
        }
        else if (frame.stringEquals(buffer, CHANNEL, SUBSCRIPTIONS_BYTES))
        {
            listener.onControl(SUBSCRIPTIONS);
        }
        else if (frame.stringEquals(buffer, CHANNEL, CANDLES_BYTES))
        {
            listener.onControl(CANDLES);
        }
        else if (frame.stringEquals(buffer, CHANNEL, STATUS_BYTES))
        {
            listener.onControl(STATUS);
        }
        else
        {
            listener.onControl(ignored(frame, CHANNEL));
        }
    }

    private void checkSequence(final long sequenceNum, final long timestampNs, final long receiveTimeNs)
    {
        if (sequenceNum != expectedSequenceNum)
        {
            proxy.feedEvent(
                null, FeedEventType.GAP, timestampNs, receiveTimeNs, expectedSequenceNum, sequenceNum, GAP_DETAIL);
            // Until the reconnect happens, the old connection may still bring snapshots; a book rebuilt from one
            // is lost again by a further gap.
            unsyncAll();
            if (!reconnectRequested)
            {
                reconnectRequested = true;
                proxy.feedEvent(null, FeedEventType.RESYNC_STARTED, timestampNs, receiveTimeNs, NULL_SEQUENCE,
                    NULL_SEQUENCE, RECONNECT_REASON);
                session.requestReconnect(RECONNECT_REASON);
            }
        }
        expectedSequenceNum = sequenceNum + 1;
    }

    private void onLevel2(final long timestampNs, final long sequenceNum, final long receiveTimeNs)
    {
        startArray(eventReader, frame, EVENTS);
        while (nextObject(eventReader))
        {
            event.readObject(eventReader);
            final boolean snapshot = eventType(event);
            final ProductState product = product(event, EVENT_PRODUCT_ID);
            contextProduct = product;
            bookInFlight = product;
            bookInFlightIsSnapshot = snapshot;

            final int start = stagedLevels.count();
            long eventTimeNs = NULL_TIME;
            startArray(itemReader, event, EVENT_UPDATES);
            while (nextObject(itemReader))
            {
                level.readObject(itemReader);
                final BookSide side = bookSide(level, LEVEL_SIDE);
                final long price = price(level, LEVEL_PRICE, product);
                final long quantity = quantity(level, LEVEL_QUANTITY, product);
                if (level.has(LEVEL_EVENT_TIME))
                {
                    final long timeNs = exchangeTime(level, LEVEL_EVENT_TIME);
                    eventTimeNs = NULL_TIME == eventTimeNs || timeNs > eventTimeNs ? timeNs : eventTimeNs;
                }
                stagedLevels.add(price, quantity, side);
            }
            stageBook(product, snapshot, start, NULL_TIME != eventTimeNs ? eventTimeNs : timestampNs);
            bookInFlight = null;
        }
        contextProduct = null;

        publishBooks(sequenceNum, receiveTimeNs);
    }

    private void onMarketTrades()
    {
        startArray(eventReader, frame, EVENTS);
        while (nextObject(eventReader))
        {
            event.readObject(eventReader);
            startArray(itemReader, event, EVENT_TRADES);
            while (nextObject(itemReader))
            {
                trade.readObject(itemReader);
                final ProductState product = product(trade, TRADE_PRODUCT_ID);
                contextProduct = product;
                stageTrade(
                    product,
                    longValue(trade, TRADE_TRADE_ID),
                    price(trade, TRADE_PRICE, product),
                    quantity(trade, TRADE_SIZE, product),
                    exchangeTime(trade, TRADE_TIME),
                    aggressorFromMaker(trade, TRADE_SIDE));
            }
        }
        contextProduct = null;
    }

    private void onTickers(final long timestampNs, final long sequenceNum, final long receiveTimeNs)
    {
        startArray(eventReader, frame, EVENTS);
        while (nextObject(eventReader))
        {
            event.readObject(eventReader);
            startArray(itemReader, event, EVENT_TICKERS);
            while (nextObject(itemReader))
            {
                ticker.readObject(itemReader);
                final ProductState product = product(ticker, TICKER_PRODUCT_ID);
                contextProduct = product;
                stageTicker(
                    product,
                    price(ticker, TICKER_BEST_BID, product),
                    optionalQuantity(ticker, TICKER_BEST_BID_QUANTITY, product),
                    price(ticker, TICKER_BEST_ASK, product),
                    optionalQuantity(ticker, TICKER_BEST_ASK_QUANTITY, product));
            }
        }
        contextProduct = null;

        for (int i = 0; i < tickerCount; i++)
        {
            proxy.topOfBook(tickerProducts[i].instrument, timestampNs, receiveTimeNs, sequenceNum,
                tickerBidPrices[i], tickerBidQuantities[i], tickerAskPrices[i], tickerAskQuantities[i]);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exchange feed
    // ---------------------------------------------------------------------------------------------------------------

    private void onExchange(final long receiveTimeNs)
    {
        if (frame.stringEquals(buffer, TYPE, L2UPDATE))
        {
            context = "l2update";
            onExchangeUpdate(receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, TYPE, MATCH) || frame.stringEquals(buffer, TYPE, LAST_MATCH))
        {
            context = "match";
            readExchangeSequence();
            final ProductState product = product(frame, PRODUCT_ID);
            contextProduct = product;
            stageTrade(
                product,
                longValue(frame, TRADE_ID),
                price(frame, PRICE, product),
                quantity(frame, SIZE, product),
                exchangeTime(frame, TIME),
                aggressorFromMaker(frame, SIDE));
            publishTrades(receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, TYPE, TICKER))
        {
            context = "ticker";
            readExchangeSequence();
            onExchangeTicker(receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, TYPE, SNAPSHOT))
        {
            context = "snapshot";
            onExchangeSnapshot(receiveTimeNs);
        }
        else if (frame.stringEquals(buffer, TYPE, HEARTBEAT_BYTES))
        {
            listener.onControl(HEARTBEAT);
        }
        else if (frame.stringEquals(buffer, TYPE, SUBSCRIPTIONS_BYTES))
        {
            listener.onControl(SUBSCRIPTIONS);
        }
        else if (frame.stringEquals(buffer, TYPE, ERROR))
        {
            context = "error";
            onExchangeError(receiveTimeNs);
        }
        else
        {
            listener.onControl(ignored(frame, TYPE));
        }
    }

    private void readExchangeSequence()
    {
        // Per product and shared with other channels' order events: gaps on matches and tickers are normal.
        if (frame.has(SEQUENCE))
        {
            frameSequence = longValue(frame, SEQUENCE);
        }
    }

    private void onExchangeSnapshot(final long receiveTimeNs)
    {
        final ProductState product = product(frame, PRODUCT_ID);
        contextProduct = product;
        bookInFlight = product;
        bookInFlightIsSnapshot = true;
        readPriceSizeLevels(BIDS, BookSide.BID, product);
        readPriceSizeLevels(ASKS, BookSide.ASK, product);
        stageBook(product, true, 0, NULL_TIME);
        bookInFlight = null;
        contextProduct = null;
        publishBooks(NULL_SEQUENCE, receiveTimeNs);
    }

    private void onExchangeUpdate(final long receiveTimeNs)
    {
        final ProductState product = product(frame, PRODUCT_ID);
        contextProduct = product;
        bookInFlight = product;
        bookInFlightIsSnapshot = false;
        final long timeNs = frame.has(TIME) ? exchangeTime(frame, TIME) : NULL_TIME;
        startArray(itemReader, frame, CHANGES);
        while (nextArray(itemReader))
        {
            expectString(itemReader, "changes side");
            final BookSide side;
            if (itemReader.tokenEquals(BUY_LOWER))
            {
                side = BookSide.BID;
            }
            else if (itemReader.tokenEquals(SELL_LOWER))
            {
                side = BookSide.ASK;
            }
            else
            {
                throw new JsonException("changes side must be \"buy\" or \"sell\" but is \"" +
                    itemReader.tokenAsString() + "\"");
            }
            nextDecimalToken(itemReader, "changes price");
            final long price = decimalToken(itemReader, product.instrument.priceScale(), "changes price");
            nextDecimalToken(itemReader, "changes size");
            final long quantity = decimalToken(itemReader, product.instrument.quantityScale(), "changes size");
            skipRestOfArray(itemReader);
            stagedLevels.add(price, quantity, side);
        }
        stageBook(product, false, 0, timeNs);
        bookInFlight = null;
        contextProduct = null;
        publishBooks(NULL_SEQUENCE, receiveTimeNs);
    }

    private void onExchangeTicker(final long receiveTimeNs)
    {
        final ProductState product = product(frame, PRODUCT_ID);
        contextProduct = product;
        final long bidPrice = price(frame, BEST_BID, product);
        final long bidQuantity = optionalQuantity(frame, BEST_BID_SIZE, product);
        final long askPrice = price(frame, BEST_ASK, product);
        final long askQuantity = optionalQuantity(frame, BEST_ASK_SIZE, product);
        final long timeNs = frame.has(TIME) ? exchangeTime(frame, TIME) : NULL_TIME;
        contextProduct = null;
        proxy.topOfBook(
            product.instrument, timeNs, receiveTimeNs, frameSequence, bidPrice, bidQuantity, askPrice, askQuantity);
    }

    private void onExchangeError(final long receiveTimeNs)
    {
        detail.setLength(0);
        appendString(frame, MESSAGE);
        if (frame.has(REASON))
        {
            if (detail.length() > 0)
            {
                detail.append(": ");
            }
            appendString(frame, REASON);
        }
        if (0 == detail.length())
        {
            detail.append("error without message");
        }
        proxy.feedEvent(null, FeedEventType.SUBSCRIPTION_REJECTED, NULL_TIME, receiveTimeNs, NULL_SEQUENCE,
            NULL_SEQUENCE, detail);
    }

    private void readPriceSizeLevels(final int field, final BookSide side, final ProductState product)
    {
        final String what = BookSide.BID == side ? "bids" : "asks";
        startArray(itemReader, frame, field);
        while (nextArray(itemReader))
        {
            nextDecimalToken(itemReader, what);
            final long price = decimalToken(itemReader, product.instrument.priceScale(), what);
            nextDecimalToken(itemReader, what);
            final long quantity = decimalToken(itemReader, product.instrument.quantityScale(), what);
            skipRestOfArray(itemReader);
            stagedLevels.add(price, quantity, side);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Staging and publishing: nothing of a frame is published until all of it has been read.
    // ---------------------------------------------------------------------------------------------------------------

    private void stageBook(final ProductState product, final boolean snapshot, final int start, final long timeNs)
    {
        if (bookCount == bookProducts.length)
        {
            final int capacity = bookCount * 2;
            bookProducts = Arrays.copyOf(bookProducts, capacity);
            bookIsSnapshot = Arrays.copyOf(bookIsSnapshot, capacity);
            bookStart = Arrays.copyOf(bookStart, capacity);
            bookEnd = Arrays.copyOf(bookEnd, capacity);
            bookTimeNs = Arrays.copyOf(bookTimeNs, capacity);
        }
        bookProducts[bookCount] = product;
        bookIsSnapshot[bookCount] = snapshot;
        bookStart[bookCount] = start;
        bookEnd[bookCount] = stagedLevels.count();
        bookTimeNs[bookCount] = timeNs;
        bookCount++;
    }

    private void publishBooks(final long exchangeSequence, final long receiveTimeNs)
    {
        for (int i = 0; i < bookCount; i++)
        {
            final ProductState product = bookProducts[i];
            final OrderBook book = product.book;
            final int start = bookStart[i];
            final int end = bookEnd[i];
            final long timeNs = bookTimeNs[i];
            publishLevels.clear();
            if (bookIsSnapshot[i])
            {
                book.clear();
                // Snapshots list each side best first; applied in reverse every level lands at the end of the
                // book's arrays, so that tens of thousands of levels load in linear time.
                for (int j = end - 1; j >= start; j--)
                {
                    book.set(stagedLevels.side(j), stagedLevels.price(j), stagedLevels.quantity(j));
                }
                for (int j = start; j < end; j++)
                {
                    if (0 != stagedLevels.quantity(j))
                    {
                        publishLevels.add(stagedLevels.price(j), stagedLevels.quantity(j), stagedLevels.side(j));
                    }
                }
                proxy.bookSnapshot(product.instrument, timeNs, receiveTimeNs, exchangeSequence, publishLevels, 0);
                if (!product.synced)
                {
                    product.synced = true;
                    syncedBookCount++;
                }
                if (product.resyncPending)
                {
                    product.resyncPending = false;
                    proxy.feedEvent(product.instrument, FeedEventType.RESYNC_DONE, timeNs, receiveTimeNs,
                        NULL_SEQUENCE, NULL_SEQUENCE, SNAPSHOT_DETAIL);
                }
            }
            else
            {
                if (!product.synced)
                {
                    listener.onControl(UPDATE_BEFORE_SNAPSHOT);
                    continue;
                }
                if (start == end)
                {
                    continue;
                }
                for (int j = start; j < end; j++)
                {
                    book.set(stagedLevels.side(j), stagedLevels.price(j), stagedLevels.quantity(j));
                    publishLevels.add(stagedLevels.price(j), stagedLevels.quantity(j), stagedLevels.side(j));
                }
                proxy.bookUpdate(product.instrument, timeNs, receiveTimeNs, exchangeSequence, exchangeSequence,
                    publishLevels, 0);
            }
            checkCrossed(product, timeNs, receiveTimeNs);
        }
    }

    private void checkCrossed(final ProductState product, final long timeNs, final long receiveTimeNs)
    {
        if (product.book.isCrossed())
        {
            if (!product.crossed)
            {
                product.crossed = true;
                proxy.feedEvent(product.instrument, FeedEventType.CROSSED_BOOK, timeNs, receiveTimeNs, NULL_SEQUENCE,
                    NULL_SEQUENCE, CROSSED_DETAIL);
            }
        }
        else
        {
            product.crossed = false;
        }
    }

    private void stageTrade(
        final ProductState product,
        final long tradeId,
        final long price,
        final long quantity,
        final long timeNs,
        final AggressorSide side)
    {
        if (tradeCount == tradeProducts.length)
        {
            final int capacity = tradeCount * 2;
            tradeProducts = Arrays.copyOf(tradeProducts, capacity);
            tradeIds = Arrays.copyOf(tradeIds, capacity);
            tradePrices = Arrays.copyOf(tradePrices, capacity);
            tradeQuantities = Arrays.copyOf(tradeQuantities, capacity);
            tradeTimesNs = Arrays.copyOf(tradeTimesNs, capacity);
            tradeSides = Arrays.copyOf(tradeSides, capacity);
            tradeOrder = Arrays.copyOf(tradeOrder, capacity);
        }
        tradeProducts[tradeCount] = product;
        tradeIds[tradeCount] = tradeId;
        tradePrices[tradeCount] = price;
        tradeQuantities[tradeCount] = quantity;
        tradeTimesNs[tradeCount] = timeNs;
        tradeSides[tradeCount] = side;
        tradeCount++;
    }

    private void publishTrades(final long receiveTimeNs)
    {
        // Coinbase lists trades newest first; publish oldest first. Insertion sort: a frame holds at most a few
        // hundred trades, and it allocates nothing.
        for (int i = 0; i < tradeCount; i++)
        {
            int j = i;
            while (j > 0 && tradeIds[tradeOrder[j - 1]] > tradeIds[i])
            {
                tradeOrder[j] = tradeOrder[j - 1];
                j--;
            }
            tradeOrder[j] = i;
        }

        boolean repeated = false;
        for (int k = 0; k < tradeCount; k++)
        {
            final int i = tradeOrder[k];
            final ProductState product = tradeProducts[i];
            if (tradeIds[i] <= product.lastTradeId)
            {
                repeated = true;
                continue;
            }
            product.lastTradeId = tradeIds[i];
            proxy.trade(product.instrument, tradeTimesNs[i], receiveTimeNs, tradeIds[i], tradePrices[i],
                tradeQuantities[i], tradeSides[i]);
        }
        if (repeated)
        {
            listener.onControl(REPEATED_TRADES);
        }
    }

    private void stageTicker(
        final ProductState product,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        if (tickerCount == tickerProducts.length)
        {
            final int capacity = tickerCount * 2;
            tickerProducts = Arrays.copyOf(tickerProducts, capacity);
            tickerBidPrices = Arrays.copyOf(tickerBidPrices, capacity);
            tickerBidQuantities = Arrays.copyOf(tickerBidQuantities, capacity);
            tickerAskPrices = Arrays.copyOf(tickerAskPrices, capacity);
            tickerAskQuantities = Arrays.copyOf(tickerAskQuantities, capacity);
        }
        tickerProducts[tickerCount] = product;
        tickerBidPrices[tickerCount] = bidPrice;
        tickerBidQuantities[tickerCount] = bidQuantity;
        tickerAskPrices[tickerCount] = askPrice;
        tickerAskQuantities[tickerCount] = askQuantity;
        tickerCount++;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Book state
    // ---------------------------------------------------------------------------------------------------------------

    private void onRejected(final RuntimeException ex, final long receiveTimeNs)
    {
        listener.onError("coinbase " + context +
            (null == contextProduct ? "" : " " + contextProduct.instrument.venueSymbol()) + ": " + ex.getMessage());

        // Books whose data was in the rejected frame have missed it: out of sync until a fresh snapshot.
        if (null != bookInFlight)
        {
            invalidate(bookInFlight, bookInFlightIsSnapshot, receiveTimeNs);
        }
        for (int i = 0; i < bookCount; i++)
        {
            if (bookProducts[i] != bookInFlight && !stagedBefore(i))
            {
                invalidate(bookProducts[i], bookIsSnapshot[i], receiveTimeNs);
            }
        }
    }

    private boolean stagedBefore(final int index)
    {
        for (int i = 0; i < index; i++)
        {
            if (bookProducts[i] == bookProducts[index])
            {
                return true;
            }
        }
        return false;
    }

    private void invalidate(final ProductState product, final boolean snapshotRejected, final long receiveTimeNs)
    {
        final boolean wasSynced = product.synced;
        if (!wasSynced && !snapshotRejected)
        {
            return;     // an update for a book that already waits for its snapshot: nothing more is lost
        }
        unsync(product);
        if (!product.resyncPending)
        {
            product.resyncPending = true;
            proxy.feedEvent(product.instrument, FeedEventType.RESYNC_STARTED, NULL_TIME, receiveTimeNs,
                NULL_SEQUENCE, NULL_SEQUENCE, REJECTED_BOOK_DETAIL);
        }
        session.requestResync(product.instrument);
    }

    private void unsync(final ProductState product)
    {
        if (product.synced)
        {
            product.synced = false;
            syncedBookCount--;
        }
        product.crossed = false;
        product.book.clear();
    }

    private void unsyncAll()
    {
        for (int i = 0, size = products.size(); i < size; i++)
        {
            final ProductState product = products.get(i);
            if (product.synced)
            {
                product.resyncPending = true;
            }
            unsync(product);
        }
    }

    private ProductState product(final JsonFields fields, final int field)
    {
        requireType(fields, field, JsonReader.STRING);
        final Instrument instrument = registry.resolve(
            Exchange.COINBASE, buffer, fields.offset(field), fields.length(field), CoinbaseSymbols.INSTANCE);
        ProductState product = productsById.get(instrument.id());
        if (null == product)
        {
            product = new ProductState(instrument);
            productsById.put(instrument.id(), product);
            products.add(product);
        }
        return product;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Values
    // ---------------------------------------------------------------------------------------------------------------

    private boolean eventType(final JsonFields fields)
    {
        if (fields.stringEquals(buffer, EVENT_TYPE, SNAPSHOT))
        {
            return true;
        }
        if (fields.stringEquals(buffer, EVENT_TYPE, UPDATE))
        {
            return false;
        }
        throw new JsonException("event \"type\" must be \"snapshot\" or \"update\" but is " + text(fields, EVENT_TYPE));
    }

    private BookSide bookSide(final JsonFields fields, final int field)
    {
        if (fields.stringEquals(buffer, field, BID))
        {
            return BookSide.BID;
        }
        if (fields.stringEquals(buffer, field, OFFER))
        {
            return BookSide.ASK;
        }
        throw new JsonException("\"" + fields.name(field) + "\" must be \"bid\" or \"offer\" but is " +
            text(fields, field));
    }

    private AggressorSide aggressorFromMaker(final JsonFields fields, final int field)
    {
        // Coinbase gives the side of the resting (maker) order: the aggressor took the other side.
        if (fields.stringEquals(buffer, field, BUY_UPPER) || fields.stringEquals(buffer, field, BUY_LOWER))
        {
            return AggressorSide.SELL;
        }
        if (fields.stringEquals(buffer, field, SELL_UPPER) || fields.stringEquals(buffer, field, SELL_LOWER))
        {
            return AggressorSide.BUY;
        }
        throw new JsonException("\"" + fields.name(field) + "\" must be \"BUY\" or \"SELL\" but is " +
            text(fields, field));
    }

    private long price(final JsonFields fields, final int field, final ProductState product)
    {
        return decimal(fields, field, product.instrument.priceScale());
    }

    private long quantity(final JsonFields fields, final int field, final ProductState product)
    {
        return decimal(fields, field, product.instrument.quantityScale());
    }

    private long optionalQuantity(final JsonFields fields, final int field, final ProductState product)
    {
        return fields.has(field) ? decimal(fields, field, product.instrument.quantityScale()) : NULL_QUANTITY;
    }

    private long decimal(final JsonFields fields, final int field, final int scale)
    {
        requirePresent(fields, field);
        final int type = fields.type(field);
        if (JsonReader.STRING != type && JsonReader.NUMBER != type)
        {
            throw wrongType(fields, field, "a decimal");
        }
        return nonNegative(fields.offset(field), fields.length(field), scale, fields.name(field));
    }

    private long decimalToken(final JsonReader jsonReader, final int scale, final String what)
    {
        return nonNegative(jsonReader.tokenOffset(), jsonReader.tokenLength(), scale, what);
    }

    private long nonNegative(final int offset, final int length, final int scale, final String what)
    {
        final long value;
        try
        {
            value = decimalParser.parse(buffer, offset, length, scale);
        }
        catch (final DecimalFormatException ex)
        {
            throw new JsonException("\"" + what + "\": " + ex.getMessage());
        }
        if (value < 0)
        {
            throw new JsonException("\"" + what + "\" must not be negative: '" +
                buffer.getStringWithoutLengthAscii(offset, length) + "'");
        }
        return value;
    }

    private long longValue(final JsonFields fields, final int field)
    {
        requirePresent(fields, field);
        final int type = fields.type(field);
        if (JsonReader.STRING != type && JsonReader.NUMBER != type)
        {
            throw wrongType(fields, field, "an integer");
        }
        final int offset = fields.offset(field);
        final int end = offset + fields.length(field);
        if (offset == end)
        {
            throw new JsonException("\"" + fields.name(field) + "\" must be an integer but is empty");
        }
        long value = 0;
        for (int i = offset; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10)
            {
                throw new JsonException("\"" + fields.name(field) + "\" must be a non-negative integer that fits " +
                    "64 bits but is " + text(fields, field));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private long exchangeTime(final JsonFields fields, final int field)
    {
        requireType(fields, field, JsonReader.STRING);
        final int offset = fields.offset(field);
        final int length = fields.length(field);
        if (startsWith(offset, length, GO_ZERO_TIME))
        {
            // Go's zero time: the exchange did not know the time. Not an error, but no time either.
            return NULL_TIME;
        }
        final long timeNs = Timestamps.parseIso8601(buffer, offset, length);
        final int year = (buffer.getByte(offset) - '0') * 1000 + (buffer.getByte(offset + 1) - '0') * 100 +
            (buffer.getByte(offset + 2) - '0') * 10 + (buffer.getByte(offset + 3) - '0');
        if (year < MIN_YEAR || year > MAX_YEAR)
        {
            throw new JsonException("\"" + fields.name(field) + "\" out of range: " + text(fields, field));
        }
        return timeNs;
    }

    private String ignored(final JsonFields fields, final int field)
    {
        return ignoredNames.label(buffer, fields.offset(field), fields.length(field));
    }

    private void appendString(final JsonFields fields, final int field)
    {
        if (JsonReader.STRING == fields.type(field))
        {
            for (int i = fields.offset(field), end = i + fields.length(field); i < end; i++)
            {
                detail.append((char)(buffer.getByte(i) & 0xFF));
            }
        }
    }

    private boolean startsWith(final int offset, final int length, final byte[] prefix)
    {
        if (length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (buffer.getByte(offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Structure
    // ---------------------------------------------------------------------------------------------------------------

    private void startArray(final JsonReader jsonReader, final JsonFields fields, final int field)
    {
        requireType(fields, field, JsonReader.START_ARRAY);
        jsonReader.wrap(buffer, fields.offset(field), fields.length(field));
        jsonReader.next();
    }

    private static boolean nextObject(final JsonReader jsonReader)
    {
        final int type = jsonReader.next();
        if (JsonReader.START_OBJECT == type)
        {
            return true;
        }
        if (JsonReader.END_ARRAY == type)
        {
            return false;
        }
        throw jsonReader.error("expected an object in the array");
    }

    private static boolean nextArray(final JsonReader jsonReader)
    {
        final int type = jsonReader.next();
        if (JsonReader.START_ARRAY == type)
        {
            return true;
        }
        if (JsonReader.END_ARRAY == type)
        {
            return false;
        }
        throw jsonReader.error("expected an array in the array");
    }

    private static void expectString(final JsonReader jsonReader, final String what)
    {
        if (JsonReader.STRING != jsonReader.next())
        {
            throw jsonReader.error("expected a string for " + what);
        }
    }

    private static void nextDecimalToken(final JsonReader jsonReader, final String what)
    {
        final int type = jsonReader.next();
        if (JsonReader.STRING != type && JsonReader.NUMBER != type)
        {
            throw jsonReader.error("expected a decimal for " + what);
        }
    }

    private static void skipRestOfArray(final JsonReader jsonReader)
    {
        while (JsonReader.END_ARRAY != jsonReader.next())
        {
            jsonReader.skipValue();
        }
    }

    private static void requirePresent(final JsonFields fields, final int field)
    {
        if (!fields.has(field))
        {
            throw new JsonException("missing \"" + fields.name(field) + "\"");
        }
    }

    private void requireType(final JsonFields fields, final int field, final int type)
    {
        requirePresent(fields, field);
        if (type != fields.type(field))
        {
            throw wrongType(fields, field, JsonReader.STRING == type ? "a string" : "an array");
        }
    }

    private JsonException wrongType(final JsonFields fields, final int field, final String expected)
    {
        return new JsonException("\"" + fields.name(field) + "\" must be " + expected + " but is " +
            text(fields, field));
    }

    private String text(final JsonFields fields, final int field)
    {
        if (!fields.has(field))
        {
            return "missing";
        }
        final String value = buffer.getStringWithoutLengthUtf8(fields.offset(field), Math.min(fields.length(field), 64));
        return JsonReader.STRING == fields.type(field) ? "\"" + value + "\"" : value;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
