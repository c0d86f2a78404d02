/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.LevelBuffer;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.SymbolNormalizer;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.collector.json.JsonException;
import io.alphapulse.collector.json.JsonReader;
import io.alphapulse.decimal.DecimalParser;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.alphapulse.collector.MarketDataProxy.CHECKSUM_FAILED;
import static io.alphapulse.collector.MarketDataProxy.CHECKSUM_OK;
import static io.alphapulse.collector.MarketDataProxy.NULL_SEQUENCE;
import static io.alphapulse.collector.MarketDataProxy.NULL_TIME;

/**
 * Decodes Kraken spot public WebSocket frames, both API versions:
 * <ul>
 *     <li>v2 objects: {@code {"channel":"trade|book|ticker|heartbeat|status","type":..,"data":[..]}} and method
 *     responses {@code {"method":"subscribe|unsubscribe|pong",..,"success":..}};</li>
 *     <li>v1 arrays {@code [channelID, payload, (payload2,) channelName, pair]} and event objects
 *     {@code {"event":"heartbeat|systemStatus|subscriptionStatus|pong|error",..}}.</li>
 * </ul>
 * Books are kept per instrument, truncated to the subscribed depth after every message and checked against Kraken's
 * CRC32 (see {@link KrakenChecksum}). A mismatch publishes the update flagged {@code CHECKSUM_FAILED}, then
 * {@code CHECKSUM_FAILURE} and {@code RESYNC_STARTED}, asks the session to resync that instrument, and ignores its
 * book updates until its next snapshot ({@code RESYNC_DONE}); other instruments keep flowing.
 * <p>
 * A frame is validated completely (structure, every value) before anything of it is published, so a malformed frame
 * publishes nothing and is reported once with {@link FrameListener#onError}. Allocation happens only for errors,
 * on first sight of an instrument, and when a scratch array has to grow.
 * <p>
 * Kraken frames carry no per-frame sequence: {@link #frameSequence()} is always the null value. Not thread-safe.
 */
public final class KrakenDecoder implements FrameDecoder
{
    /**
     * Book depths Kraken accepts, ascending.
     */
    static final int[] VALID_DEPTHS = { 10, 25, 100, 500, 1000 };

    static final String CONTROL_HEARTBEAT = "heartbeat";
    static final String CONTROL_STATUS = "status";
    static final String CONTROL_SUBSCRIBED = "subscribed";
    static final String CONTROL_UNSUBSCRIBED = "unsubscribed";
    static final String CONTROL_PONG = "pong";
    static final String CONTROL_ACK = "ack";

    private static final String CROSSED_DETAIL = "best bid at or above best ask";
    private static final String RESYNC_STARTED_DETAIL = "book checksum mismatch: resubscribing for a new snapshot";
    private static final String RESYNC_DONE_DETAIL = "new book snapshot";

    private static final long NO_CHECKSUM = -1;
    private static final int KIND_NONE = 0;
    private static final int KIND_SNAPSHOT = 1;
    private static final int KIND_UPDATE = 2;

    // Top-level object fields, v1 and v2.
    private static final byte[][] TOP_NAMES = ascii(
        "event", "status", "errorMessage", "pair", "channel", "type", "data", "method", "success", "error", "result",
        "Error");
    private static final int TOP_EVENT = 0;
    private static final int TOP_STATUS = 1;
    private static final int TOP_ERROR_MESSAGE = 2;
    private static final int TOP_PAIR = 3;
    private static final int TOP_CHANNEL = 4;
    private static final int TOP_TYPE = 5;
    private static final int TOP_DATA = 6;
    private static final int TOP_METHOD = 7;
    private static final int TOP_SUCCESS = 8;
    private static final int TOP_ERROR = 9;
    private static final int TOP_RESULT = 10;
    private static final int TOP_RATE_ERROR = 11;

    private static final byte[][] RESULT_NAMES = ascii("channel", "symbol", "depth");
    private static final int RESULT_CHANNEL = 0;
    private static final int RESULT_SYMBOL = 1;
    private static final int RESULT_DEPTH = 2;

    private static final byte[][] TRADE_NAMES = ascii("symbol", "side", "price", "qty", "trade_id", "timestamp");
    private static final int TRADE_SYMBOL = 0;
    private static final int TRADE_SIDE = 1;
    private static final int TRADE_PRICE = 2;
    private static final int TRADE_QTY = 3;
    private static final int TRADE_ID = 4;
    private static final int TRADE_TIMESTAMP = 5;

    private static final byte[][] TICKER_NAMES = ascii("symbol", "bid", "bid_qty", "ask", "ask_qty", "timestamp");
    private static final int TICKER_SYMBOL = 0;
    private static final int TICKER_BID = 1;
    private static final int TICKER_BID_QTY = 2;
    private static final int TICKER_ASK = 3;
    private static final int TICKER_ASK_QTY = 4;
    private static final int TICKER_TIMESTAMP = 5;

    private static final byte[][] BOOK_NAMES = ascii("symbol", "bids", "asks", "checksum", "timestamp");
    private static final int BOOK_SYMBOL = 0;
    private static final int BOOK_BIDS = 1;
    private static final int BOOK_ASKS = 2;
    private static final int BOOK_CHECKSUM = 3;
    private static final int BOOK_TIMESTAMP = 4;

    private static final byte[][] LEVEL_NAMES = ascii("price", "qty");
    private static final int LEVEL_PRICE = 0;
    private static final int LEVEL_QTY = 1;

    private static final byte[] HEARTBEAT = ascii("heartbeat")[0];
    private static final byte[] SYSTEM_STATUS = ascii("systemStatus")[0];
    private static final byte[] SUBSCRIPTION_STATUS = ascii("subscriptionStatus")[0];
    private static final byte[] PONG = ascii("pong")[0];
    private static final byte[] ERROR = ascii("error")[0];
    private static final byte[] SUBSCRIBED = ascii("subscribed")[0];
    private static final byte[] UNSUBSCRIBED = ascii("unsubscribed")[0];
    private static final byte[] SUBSCRIBE = ascii("subscribe")[0];
    private static final byte[] UNSUBSCRIBE = ascii("unsubscribe")[0];
    private static final byte[] STATUS = ascii("status")[0];
    private static final byte[] TRADE = ascii("trade")[0];
    private static final byte[] BOOK = ascii("book")[0];
    private static final byte[] TICKER = ascii("ticker")[0];
    private static final byte[] SNAPSHOT = ascii("snapshot")[0];
    private static final byte[] UPDATE = ascii("update")[0];
    private static final byte[] BUY = ascii("buy")[0];
    private static final byte[] SELL = ascii("sell")[0];
    private static final byte[] BOOK_PREFIX = ascii("book-")[0];
    private static final byte[] KEY_AS = ascii("as")[0];
    private static final byte[] KEY_BS = ascii("bs")[0];
    private static final byte[] KEY_A = ascii("a")[0];
    private static final byte[] KEY_B = ascii("b")[0];
    private static final byte[] KEY_C = ascii("c")[0];

    private final MarketDataProxy proxy;
    private final InstrumentRegistry registry;
    private final FrameListener listener;
    private final ExchangeSession session;
    private final SymbolNormalizer normalizer;
    private final int defaultDepth;

    private final JsonReader reader = new JsonReader();
    private final JsonReader inner = new JsonReader();
    private final JsonReader levelReader = new JsonReader();
    private final DecimalParser parser = new DecimalParser();
    private final KrakenChecksum checksum = new KrakenChecksum();
    private final Int2ObjectHashMap<KrakenBook> books = new Int2ObjectHashMap<>();
    private final LevelBuffer frameLevels = new LevelBuffer();
    private final LevelBuffer publishLevels = new LevelBuffer();

    private final TokenRef[] top = refs(TOP_NAMES.length);
    private final TokenRef[] result = refs(RESULT_NAMES.length);
    private final TokenRef[] entry = refs(Math.max(TRADE_NAMES.length, Math.max(TICKER_NAMES.length,
        BOOK_NAMES.length)));
    private final TokenRef[] level = refs(LEVEL_NAMES.length);
    private final TokenRef payload = new TokenRef();
    private final TokenRef payload2 = new TokenRef();
    private final TokenRef channelName = new TokenRef();
    private final TokenRef pair = new TokenRef();

    // Scratch of the frame being decoded: values are parsed here first and published only once all are valid.
    private int itemCount;
    private Instrument[] itemInstruments = new Instrument[16];
    private long[] itemTimes = new long[16];
    private long[] itemIds = new long[16];
    private long[] itemA = new long[16];
    private long[] itemB = new long[16];
    private long[] itemC = new long[16];
    private long[] itemD = new long[16];
    private AggressorSide[] itemSides = new AggressorSide[16];
    private int[] itemLevelStart = new int[16];
    private int[] itemLevelEnd = new int[16];
    private int[] itemPriceDigits = new int[16];
    private int[] itemQuantityDigits = new int[16];
    private int[] itemLevelsPerSide = new int[16];

    // Results of parsing one message's levels.
    private int parsedKind;
    private long parsedChecksum;
    private long parsedTimeNs;
    private int parsedPriceDigits;
    private int parsedQuantityDigits;
    private int parsedBidCount;
    private int parsedAskCount;

    private DirectBuffer frame;
    private int syncedBookCount;
    private long ignoredUpdateCount;

    /**
     * A decoder for one connection.
     *
     * @param proxy        where market data and feed events go.
     * @param registry     instruments.
     * @param listener     control frames and errors.
     * @param session      resync requests.
     * @param normalizer   Kraken pairs to canonical symbols.
     * @param defaultDepth book depth subscribed when neither the channel name (v1) nor the ack (v2) says.
     */
    public KrakenDecoder(
        final MarketDataProxy proxy,
        final InstrumentRegistry registry,
        final FrameListener listener,
        final ExchangeSession session,
        final SymbolNormalizer normalizer,
        final int defaultDepth)
    {
        if (defaultDepth <= 0)
        {
            throw new IllegalArgumentException("book depth must be positive: " + defaultDepth);
        }
        this.proxy = proxy;
        this.registry = registry;
        this.listener = listener;
        this.session = session;
        this.normalizer = normalizer;
        this.defaultDepth = defaultDepth;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        frame = buffer;
        try
        {
            reader.wrap(buffer, offset, length);
            final int first = reader.next();
            if (JsonReader.START_ARRAY == first)
            {
                onV1Array(receiveTimeNs);
            }
            else if (JsonReader.START_OBJECT == first)
            {
                onObject(receiveTimeNs);
            }
            else
            {
                throw new JsonException("Kraken frame is neither a JSON object nor an array");
            }
        }
        catch (final JsonException | IllegalArgumentException ex)
        {
            // IllegalArgumentException covers DecimalFormatException and pairs the normalizer rejects.
            listener.onError("Kraken: " + ex.getMessage());
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onConnected(final long nowNs)
    {
        resetBooks();
    }

    /**
     * {@inheritDoc}
     */
    public void onDisconnected(final long nowNs)
    {
        resetBooks();
    }

    /**
     * {@inheritDoc}
     */
    public long frameSequence()
    {
        return NULL_SEQUENCE;
    }

    /**
     * {@inheritDoc}
     */
    public int syncedBookCount()
    {
        return syncedBookCount;
    }

    /**
     * Book updates dropped because their instrument had no current snapshot (never had one, or awaiting a resync).
     *
     * @return count of ignored book updates.
     */
    public long ignoredUpdateCount()
    {
        return ignoredUpdateCount;
    }

    /**
     * The depth the book of an instrument is kept at, or 0 if it has none yet (for tests and tools).
     *
     * @param instrument instrument.
     * @return subscribed depth, or 0.
     */
    public int bookDepth(final Instrument instrument)
    {
        final KrakenBook state = books.get(instrument.id());
        return null == state ? 0 : state.depth;
    }

    /**
     * The current book of an instrument, or null if it has none (for tests and tools; do not modify).
     *
     * @param instrument instrument.
     * @return the book, or null.
     */
    public OrderBook book(final Instrument instrument)
    {
        final KrakenBook state = books.get(instrument.id());
        return null == state ? null : state.book;
    }

    private void resetBooks()
    {
        for (final KrakenBook state : books.values())
        {
            state.reset();
        }
        syncedBookCount = 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Objects: v2 channels and method responses, v1 events.
    // ---------------------------------------------------------------------------------------------------------------

    private void onObject(final long receiveTimeNs)
    {
        scanObject(reader, TOP_NAMES, top);
        reader.next(); // END, or throws on text after the object

        if (top[TOP_METHOD].present())
        {
            onV2Response(receiveTimeNs);
        }
        else if (top[TOP_CHANNEL].present())
        {
            onV2Channel(receiveTimeNs);
        }
        else if (top[TOP_EVENT].present())
        {
            onV1Event(receiveTimeNs);
        }
        else if (top[TOP_RATE_ERROR].present())
        {
            // e.g. {"Error":"Exceeded msg rate"}: not market data and not an ack, so someone must see it.
            throw new JsonException("exchange error: " + top[TOP_RATE_ERROR].text(frame));
        }
        else
        {
            throw new JsonException("not a Kraken message: object without 'channel', 'method' or 'event'");
        }
    }

    private void onV2Response(final long receiveTimeNs)
    {
        final TokenRef method = top[TOP_METHOD];
        if (method.isString(frame, PONG))
        {
            listener.onControl(CONTROL_PONG);
            return;
        }

        final int success = top[TOP_SUCCESS].type;
        if (JsonReader.FALSE == success || top[TOP_STATUS].isString(frame, ERROR) ||
            (top[TOP_ERROR].present() && JsonReader.TRUE != success))
        {
            rejected(top[TOP_ERROR], null, receiveTimeNs);
            return;
        }
        if (JsonReader.TRUE != success)
        {
            throw new JsonException("Kraken v2 response without 'success': " + method.text(frame));
        }

        if (method.isString(frame, SUBSCRIBE))
        {
            onSubscribed();
            listener.onControl(CONTROL_SUBSCRIBED);
        }
        else if (method.isString(frame, UNSUBSCRIBE))
        {
            listener.onControl(CONTROL_UNSUBSCRIBED);
        }
        else
        {
            listener.onControl(CONTROL_ACK);
        }
    }

    private void onSubscribed()
    {
        final TokenRef resultRef = top[TOP_RESULT];
        if (JsonReader.START_OBJECT != resultRef.type)
        {
            return;
        }

        inner.wrap(frame, resultRef.offset, resultRef.length);
        inner.next();
        scanObject(inner, RESULT_NAMES, result);
        if (result[RESULT_CHANNEL].isString(frame, BOOK) && result[RESULT_DEPTH].present())
        {
            final TokenRef symbol = requireString(result[RESULT_SYMBOL], "Kraken v2 book ack: 'symbol'");
            final TokenRef depthRef = result[RESULT_DEPTH];
            final long depth = KrakenText.parseNonNegativeLong(frame, depthRef.offset, depthRef.length, "book depth");
            if (depth <= 0 || depth > VALID_DEPTHS[VALID_DEPTHS.length - 1])
            {
                throw new JsonException("Kraken v2 book ack: unsupported depth " + depth);
            }
            state(resolve(symbol)).depth = (int)depth;
        }
    }

    private void onV2Channel(final long receiveTimeNs)
    {
        final TokenRef channel = top[TOP_CHANNEL];
        if (channel.isString(frame, HEARTBEAT))
        {
            listener.onControl(CONTROL_HEARTBEAT);
        }
        else if (channel.isString(frame, BOOK))
        {
            onV2Book(receiveTimeNs);
        }
        else if (channel.isString(frame, TRADE))
        {
            onV2Trades(receiveTimeNs);
        }
        else if (channel.isString(frame, TICKER))
        {
            onV2Tickers(receiveTimeNs);
        }
        else if (channel.isString(frame, STATUS))
        {
            // connection_id exceeds a signed long: it is skipped, never parsed.
            listener.onControl(CONTROL_STATUS);
        }
        else
        {
            throw new JsonException("unsupported Kraken v2 channel '" + channel.text(frame) + "'");
        }
    }

    private void onV1Event(final long receiveTimeNs)
    {
        final TokenRef event = top[TOP_EVENT];
        if (event.isString(frame, HEARTBEAT))
        {
            listener.onControl(CONTROL_HEARTBEAT);
        }
        else if (event.isString(frame, SYSTEM_STATUS))
        {
            // connectionID exceeds a signed long: it is skipped, never parsed.
            listener.onControl(CONTROL_STATUS);
        }
        else if (event.isString(frame, SUBSCRIPTION_STATUS))
        {
            final TokenRef status = top[TOP_STATUS];
            if (status.isString(frame, SUBSCRIBED))
            {
                listener.onControl(CONTROL_SUBSCRIBED);
            }
            else if (status.isString(frame, UNSUBSCRIBED))
            {
                listener.onControl(CONTROL_UNSUBSCRIBED);
            }
            else if (status.isString(frame, ERROR))
            {
                rejected(top[TOP_ERROR_MESSAGE], top[TOP_PAIR], receiveTimeNs);
            }
            else
            {
                throw new JsonException("Kraken v1 subscriptionStatus with unknown status '" +
                    status.text(frame) + "'");
            }
        }
        else if (event.isString(frame, PONG))
        {
            listener.onControl(CONTROL_PONG);
        }
        else if (event.isString(frame, ERROR))
        {
            rejected(top[TOP_ERROR_MESSAGE], top[TOP_PAIR], receiveTimeNs);
        }
        else
        {
            throw new JsonException("unsupported Kraken v1 event '" + event.text(frame) + "'");
        }
    }

    private void rejected(final TokenRef errorText, final TokenRef pairRef, final long receiveTimeNs)
    {
        // No instrument: the pair may be bogus, and registering it would hand it a permanent id.
        final String text = errorText.present() ? errorText.text(frame) : "subscription rejected";
        final String detail = null != pairRef && pairRef.present() ? text + " (pair " + pairRef.text(frame) + ")" :
            text;
        proxy.feedEvent(
            null, FeedEventType.SUBSCRIPTION_REJECTED, NULL_TIME, receiveTimeNs, NULL_SEQUENCE, NULL_SEQUENCE, detail);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // v2 data.
    // ---------------------------------------------------------------------------------------------------------------

    private void openData()
    {
        final TokenRef data = top[TOP_DATA];
        if (JsonReader.START_ARRAY != data.type)
        {
            throw new JsonException("Kraken v2 " + top[TOP_CHANNEL].text(frame) + ": 'data' missing or not an array");
        }
        inner.wrap(frame, data.offset, data.length);
        inner.next();
    }

    private void onV2Trades(final long receiveTimeNs)
    {
        openData();
        itemCount = 0;
        while (JsonReader.START_OBJECT == inner.next())
        {
            scanObject(inner, TRADE_NAMES, entry);
            final Instrument instrument = resolve(requireString(entry[TRADE_SYMBOL], "Kraken v2 trade: 'symbol'"));
            final long price = decimal(entry[TRADE_PRICE], instrument.priceScale(), "Kraken v2 trade: 'price'");
            final long quantity = decimal(entry[TRADE_QTY], instrument.quantityScale(), "Kraken v2 trade: 'qty'");
            final TokenRef sideRef = requireString(entry[TRADE_SIDE], "Kraken v2 trade: 'side'");
            final AggressorSide side;
            if (sideRef.isString(frame, BUY))
            {
                side = AggressorSide.BUY;
            }
            else if (sideRef.isString(frame, SELL))
            {
                side = AggressorSide.SELL;
            }
            else
            {
                throw new JsonException("Kraken v2 trade: unknown side '" + sideRef.text(frame) + "'");
            }
            final TokenRef idRef = entry[TRADE_ID];
            if (JsonReader.NUMBER != idRef.type)
            {
                throw new JsonException("Kraken v2 trade: 'trade_id' missing or not a number");
            }
            final long tradeId = KrakenText.parseNonNegativeLong(frame, idRef.offset, idRef.length, "trade_id");
            final TokenRef time = requireString(entry[TRADE_TIMESTAMP], "Kraken v2 trade: 'timestamp'");
            final long timeNs = Timestamps.parseIso8601(frame, time.offset, time.length);

            final int i = addItem(instrument);
            itemTimes[i] = timeNs;
            itemIds[i] = tradeId;
            itemA[i] = price;
            itemB[i] = quantity;
            itemSides[i] = side;
        }
        requireEndOfData();
        publishTrades(receiveTimeNs);
    }

    private void onV2Tickers(final long receiveTimeNs)
    {
        openData();
        itemCount = 0;
        while (JsonReader.START_OBJECT == inner.next())
        {
            scanObject(inner, TICKER_NAMES, entry);
            final Instrument instrument = resolve(requireString(entry[TICKER_SYMBOL], "Kraken v2 ticker: 'symbol'"));
            final int priceScale = instrument.priceScale();
            final int quantityScale = instrument.quantityScale();
            final int i = addItem(instrument);
            itemA[i] = decimal(entry[TICKER_BID], priceScale, "Kraken v2 ticker: 'bid'");
            itemB[i] = decimal(entry[TICKER_BID_QTY], quantityScale, "Kraken v2 ticker: 'bid_qty'");
            itemC[i] = decimal(entry[TICKER_ASK], priceScale, "Kraken v2 ticker: 'ask'");
            itemD[i] = decimal(entry[TICKER_ASK_QTY], quantityScale, "Kraken v2 ticker: 'ask_qty'");
            final TokenRef time = entry[TICKER_TIMESTAMP];
            itemTimes[i] = time.present() ?
                Timestamps.parseIso8601(frame, requireString(time, "Kraken v2 ticker: 'timestamp'").offset,
                time.length) : NULL_TIME;
        }
        requireEndOfData();

        for (int i = 0; i < itemCount; i++)
        {
            proxy.topOfBook(itemInstruments[i], itemTimes[i], receiveTimeNs, NULL_SEQUENCE,
                itemA[i], itemB[i], itemC[i], itemD[i]);
        }
    }

    private void onV2Book(final long receiveTimeNs)
    {
        final TokenRef type = top[TOP_TYPE];
        final boolean snapshot;
        if (type.isString(frame, SNAPSHOT))
        {
            snapshot = true;
        }
        else if (type.isString(frame, UPDATE))
        {
            snapshot = false;
        }
        else
        {
            throw new JsonException("Kraken v2 book: 'type' must be snapshot or update, not '" + type.text(frame) +
                "'");
        }

        openData();
        itemCount = 0;
        frameLevels.clear();
        while (JsonReader.START_OBJECT == inner.next())
        {
            scanObject(inner, BOOK_NAMES, entry);
            final Instrument instrument = resolve(requireString(entry[BOOK_SYMBOL], "Kraken v2 book: 'symbol'"));
            final int i = addItem(instrument);
            startLevels();
            itemLevelStart[i] = frameLevels.count();
            v2Levels(entry[BOOK_BIDS], BookSide.BID, instrument, "Kraken v2 book: 'bids'");
            v2Levels(entry[BOOK_ASKS], BookSide.ASK, instrument, "Kraken v2 book: 'asks'");
            itemLevelEnd[i] = frameLevels.count();
            itemPriceDigits[i] = parsedPriceDigits;
            itemQuantityDigits[i] = parsedQuantityDigits;
            itemLevelsPerSide[i] = Math.max(parsedBidCount, parsedAskCount);

            final TokenRef checksumRef = entry[BOOK_CHECKSUM];
            if (checksumRef.present())
            {
                if (JsonReader.NUMBER != checksumRef.type)
                {
                    throw new JsonException("Kraken v2 book: 'checksum' is not a number");
                }
                itemIds[i] = KrakenText.parseChecksum(frame, checksumRef.offset, checksumRef.length);
            }
            else
            {
                itemIds[i] = NO_CHECKSUM;
            }
            final TokenRef time = entry[BOOK_TIMESTAMP];
            itemTimes[i] = time.present() ?
                Timestamps.parseIso8601(frame, requireString(time, "Kraken v2 book: 'timestamp'").offset,
                time.length) : NULL_TIME;
        }
        requireEndOfData();

        for (int i = 0; i < itemCount; i++)
        {
            final Instrument instrument = itemInstruments[i];
            final KrakenBook state = state(instrument);
            if (snapshot && itemLevelsPerSide[i] > state.depth)
            {
                // A snapshot deeper than we thought we subscribed (no ack seen): keep what the exchange keeps.
                state.depth = depthAtLeast(itemLevelsPerSide[i]);
            }
            applyBook(instrument, state, snapshot, itemLevelStart[i], itemLevelEnd[i], itemIds[i], itemTimes[i],
                itemPriceDigits[i], itemQuantityDigits[i], receiveTimeNs);
        }
    }

    private void v2Levels(final TokenRef levels, final BookSide side, final Instrument instrument, final String what)
    {
        if (JsonReader.START_ARRAY != levels.type)
        {
            throw new JsonException(what + " missing or not an array");
        }
        levelReader.wrap(frame, levels.offset, levels.length);
        levelReader.next();
        int count = 0;
        while (JsonReader.START_OBJECT == levelReader.next())
        {
            scanObject(levelReader, LEVEL_NAMES, level);
            final TokenRef price = level[LEVEL_PRICE];
            final TokenRef quantity = level[LEVEL_QTY];
            addLevel(side, instrument,
                requireDecimalText(price, "Kraken v2 book level: 'price'").offset, price.length,
                requireDecimalText(quantity, "Kraken v2 book level: 'qty'").offset, quantity.length);
            count++;
        }
        if (JsonReader.END_ARRAY != levelReader.tokenType())
        {
            throw new JsonException(what + ": a level is not an object");
        }
        if (BookSide.BID == side)
        {
            parsedBidCount = count;
        }
        else
        {
            parsedAskCount = count;
        }
    }

    private void requireEndOfData()
    {
        if (JsonReader.END_ARRAY != inner.tokenType())
        {
            throw new JsonException("Kraken v2 " + top[TOP_CHANNEL].text(frame) + ": 'data' holds a non-object");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // v1 arrays: [channelID, payload, (payload2,) channelName, pair]
    // ---------------------------------------------------------------------------------------------------------------

    private void onV1Array(final long receiveTimeNs)
    {
        if (JsonReader.NUMBER != reader.next())
        {
            throw new JsonException("Kraken v1 data: first element is not a channel id");
        }

        payload.reset();
        payload2.reset();
        int token = reader.next();
        if (JsonReader.START_OBJECT != token && JsonReader.START_ARRAY != token)
        {
            throw new JsonException("Kraken v1 data: second element is not an object or array");
        }
        payload.capture(reader);
        token = reader.next();
        if (JsonReader.START_OBJECT == token || JsonReader.START_ARRAY == token)
        {
            payload2.capture(reader);
            token = reader.next();
        }
        if (JsonReader.STRING != token)
        {
            throw new JsonException("Kraken v1 data: channel name missing");
        }
        channelName.capture(reader);
        if (JsonReader.STRING != reader.next())
        {
            throw new JsonException("Kraken v1 data: pair missing");
        }
        pair.capture(reader);
        if (JsonReader.END_ARRAY != reader.next())
        {
            throw new JsonException("Kraken v1 data: unexpected element after the pair");
        }
        reader.next(); // END, or throws on text after the array

        if (channelName.isString(frame, TRADE))
        {
            requireSinglePayload("trade");
            onV1Trades(resolve(pair), receiveTimeNs);
        }
        else if (channelName.isString(frame, TICKER))
        {
            requireSinglePayload("ticker");
            onV1Ticker(resolve(pair), receiveTimeNs);
        }
        else if (startsWith(channelName, BOOK_PREFIX))
        {
            final int depth = (int)KrakenText.parseNonNegativeLong(frame, channelName.offset + BOOK_PREFIX.length,
                channelName.length - BOOK_PREFIX.length, "book depth in channel name");
            if (depth <= 0 || depth > VALID_DEPTHS[VALID_DEPTHS.length - 1])
            {
                throw new JsonException("Kraken v1 book: unsupported depth in '" + channelName.text(frame) + "'");
            }
            onV1Book(resolve(pair), depth, receiveTimeNs);
        }
        else
        {
            throw new JsonException("unsupported Kraken v1 channel '" + channelName.text(frame) + "'");
        }
    }

    private void requireSinglePayload(final String channel)
    {
        if (payload2.present())
        {
            throw new JsonException("Kraken v1 " + channel + ": unexpected second payload");
        }
    }

    private void onV1Trades(final Instrument instrument, final long receiveTimeNs)
    {
        if (JsonReader.START_ARRAY != payload.type)
        {
            throw new JsonException("Kraken v1 trade: payload is not an array");
        }
        inner.wrap(frame, payload.offset, payload.length);
        inner.next();
        itemCount = 0;
        while (JsonReader.START_ARRAY == inner.next())
        {
            expectDecimalToken(inner, "Kraken v1 trade: price");
            final long price = parseDecimal(inner.tokenOffset(), inner.tokenLength(), instrument.priceScale());
            expectDecimalToken(inner, "Kraken v1 trade: volume");
            final long quantity = parseDecimal(inner.tokenOffset(), inner.tokenLength(), instrument.quantityScale());
            expectDecimalToken(inner, "Kraken v1 trade: time");
            final long timeNs = KrakenText.parseEpochSecondsNs(frame, inner.tokenOffset(), inner.tokenLength());
            if (JsonReader.STRING != inner.next() || 1 != inner.tokenLength())
            {
                throw new JsonException("Kraken v1 trade: side is not \"b\" or \"s\"");
            }
            final byte sideByte = inner.tokenFirstByte();
            final AggressorSide side;
            if ('b' == sideByte)
            {
                side = AggressorSide.BUY;
            }
            else if ('s' == sideByte)
            {
                side = AggressorSide.SELL;
            }
            else
            {
                throw new JsonException("Kraken v1 trade: side is not \"b\" or \"s\" but '" + inner.tokenAsString() +
                    "'");
            }
            skipRestOfArray(inner);

            final int i = addItem(instrument);
            itemTimes[i] = timeNs;
            itemIds[i] = NULL_SEQUENCE;
            itemA[i] = price;
            itemB[i] = quantity;
            itemSides[i] = side;
        }
        if (JsonReader.END_ARRAY != inner.tokenType())
        {
            throw new JsonException("Kraken v1 trade: a trade is not an array");
        }
        publishTrades(receiveTimeNs);
    }

    private void onV1Ticker(final Instrument instrument, final long receiveTimeNs)
    {
        if (JsonReader.START_OBJECT != payload.type)
        {
            throw new JsonException("Kraken v1 ticker: payload is not an object");
        }
        inner.wrap(frame, payload.offset, payload.length);
        inner.next();
        boolean hasAsk = false;
        boolean hasBid = false;
        long askPrice = 0;
        long askQuantity = 0;
        long bidPrice = 0;
        long bidQuantity = 0;
        while (JsonReader.FIELD_NAME == inner.next())
        {
            final boolean ask = inner.tokenEquals(KEY_A);
            final boolean bid = !ask && inner.tokenEquals(KEY_B);
            if (ask || bid)
            {
                // [price, wholeLotVolume, lotVolume]: the lot volume is the quantity.
                if (JsonReader.START_ARRAY != inner.next())
                {
                    throw new JsonException("Kraken v1 ticker: 'a'/'b' is not an array");
                }
                expectDecimalToken(inner, "Kraken v1 ticker: price");
                final long price = parseDecimal(inner.tokenOffset(), inner.tokenLength(), instrument.priceScale());
                expectDecimalToken(inner, "Kraken v1 ticker: whole lot volume");
                expectDecimalToken(inner, "Kraken v1 ticker: lot volume");
                final long quantity =
                    parseDecimal(inner.tokenOffset(), inner.tokenLength(), instrument.quantityScale());
                skipRestOfArray(inner);
                if (ask)
                {
                    hasAsk = true;
                    askPrice = price;
                    askQuantity = quantity;
                }
                else
                {
                    hasBid = true;
                    bidPrice = price;
                    bidQuantity = quantity;
                }
            }
            else
            {
                inner.next();
                inner.skipValue();
            }
        }
        if (!hasAsk || !hasBid)
        {
            throw new JsonException("Kraken v1 ticker: 'a' or 'b' missing");
        }

        proxy.topOfBook(instrument, NULL_TIME, receiveTimeNs, NULL_SEQUENCE, bidPrice, bidQuantity, askPrice,
            askQuantity);
    }

    private void onV1Book(final Instrument instrument, final int depth, final long receiveTimeNs)
    {
        frameLevels.clear();
        startLevels();
        parsedKind = KIND_NONE;
        parsedChecksum = NO_CHECKSUM;
        parsedTimeNs = NULL_TIME;
        v1BookPayload(payload, instrument);
        if (payload2.present())
        {
            v1BookPayload(payload2, instrument);
        }
        if (KIND_NONE == parsedKind)
        {
            throw new JsonException("Kraken v1 book: no 'as'/'bs' or 'a'/'b' levels");
        }

        final KrakenBook state = state(instrument);
        state.depth = depth;
        applyBook(instrument, state, KIND_SNAPSHOT == parsedKind, 0, frameLevels.count(), parsedChecksum,
            parsedTimeNs, parsedPriceDigits, parsedQuantityDigits, receiveTimeNs);
    }

    private void v1BookPayload(final TokenRef ref, final Instrument instrument)
    {
        if (JsonReader.START_OBJECT != ref.type)
        {
            throw new JsonException("Kraken v1 book: payload is not an object");
        }
        inner.wrap(frame, ref.offset, ref.length);
        inner.next();
        while (JsonReader.FIELD_NAME == inner.next())
        {
            if (inner.tokenEquals(KEY_AS))
            {
                v1Levels(KIND_SNAPSHOT, BookSide.ASK, instrument);
            }
            else if (inner.tokenEquals(KEY_BS))
            {
                v1Levels(KIND_SNAPSHOT, BookSide.BID, instrument);
            }
            else if (inner.tokenEquals(KEY_A))
            {
                v1Levels(KIND_UPDATE, BookSide.ASK, instrument);
            }
            else if (inner.tokenEquals(KEY_B))
            {
                v1Levels(KIND_UPDATE, BookSide.BID, instrument);
            }
            else if (inner.tokenEquals(KEY_C))
            {
                final int token = inner.next();
                if (JsonReader.STRING != token && JsonReader.NUMBER != token)
                {
                    throw new JsonException("Kraken v1 book: checksum 'c' is not a string");
                }
                parsedChecksum = KrakenText.parseChecksum(frame, inner.tokenOffset(), inner.tokenLength());
            }
            else
            {
                inner.next();
                inner.skipValue();
            }
        }
    }

    private void v1Levels(final int kind, final BookSide side, final Instrument instrument)
    {
        if (KIND_NONE != parsedKind && kind != parsedKind)
        {
            throw new JsonException("Kraken v1 book: snapshot keys 'as'/'bs' mixed with update keys 'a'/'b'");
        }
        parsedKind = kind;
        if (JsonReader.START_ARRAY != inner.next())
        {
            throw new JsonException("Kraken v1 book: levels are not an array");
        }

        // Each level: [price, volume, timestamp] or [price, volume, timestamp, "r"] (republished).
        while (JsonReader.START_ARRAY == inner.next())
        {
            expectDecimalToken(inner, "Kraken v1 book level: price");
            final int priceOffset = inner.tokenOffset();
            final int priceLength = inner.tokenLength();
            expectDecimalToken(inner, "Kraken v1 book level: volume");
            final int quantityOffset = inner.tokenOffset();
            final int quantityLength = inner.tokenLength();
            expectDecimalToken(inner, "Kraken v1 book level: timestamp");
            final long timeNs = KrakenText.parseEpochSecondsNs(frame, inner.tokenOffset(), inner.tokenLength());
            skipRestOfArray(inner);

            addLevel(side, instrument, priceOffset, priceLength, quantityOffset, quantityLength);
            if (NULL_TIME == parsedTimeNs || timeNs > parsedTimeNs)
            {
                parsedTimeNs = timeNs;
            }
        }
        if (JsonReader.END_ARRAY != inner.tokenType())
        {
            throw new JsonException("Kraken v1 book: a level is not an array");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Books.
    // ---------------------------------------------------------------------------------------------------------------

    private void startLevels()
    {
        parsedPriceDigits = -1;
        parsedQuantityDigits = -1;
        parsedBidCount = 0;
        parsedAskCount = 0;
    }

    private void addLevel(
        final BookSide side,
        final Instrument instrument,
        final int priceOffset,
        final int priceLength,
        final int quantityOffset,
        final int quantityLength)
    {
        final long price = parseDecimal(priceOffset, priceLength, instrument.priceScale());
        final long quantity = parseDecimal(quantityOffset, quantityLength, instrument.quantityScale());
        if (0 == price)
        {
            throw new JsonException("Kraken book level with price zero");
        }
        parsedPriceDigits = Math.max(parsedPriceDigits, KrakenText.fractionDigits(frame, priceOffset, priceLength));
        parsedQuantityDigits =
            Math.max(parsedQuantityDigits, KrakenText.fractionDigits(frame, quantityOffset, quantityLength));
        frameLevels.add(price, quantity, side);
    }

    private void applyBook(
        final Instrument instrument,
        final KrakenBook state,
        final boolean snapshot,
        final int from,
        final int to,
        final long expectedChecksum,
        final long exchangeTimeNs,
        final int priceDigits,
        final int quantityDigits,
        final long receiveTimeNs)
    {
        final OrderBook book = state.book;
        if (snapshot)
        {
            book.clear();
            state.crossed = false;
            for (int i = from; i < to; i++)
            {
                book.set(frameLevels.side(i), frameLevels.price(i), frameLevels.quantity(i));
            }
            book.bids().truncate(state.depth);
            book.asks().truncate(state.depth);
            // The wire precision is learnt afresh from every snapshot: Kraken changes a pair's tick now and then.
            state.priceDigits = priceDigits;
            state.quantityDigits = quantityDigits;

            final int flags = checksumFlags(instrument, state, expectedChecksum);
            publishLevels.clear();
            addSide(book.asks(), BookSide.ASK);
            addSide(book.bids(), BookSide.BID);
            proxy.bookSnapshot(instrument, exchangeTimeNs, receiveTimeNs, NULL_SEQUENCE, publishLevels, flags);
            if (CHECKSUM_FAILED == flags)
            {
                checksumFailed(instrument, state, expectedChecksum, exchangeTimeNs, receiveTimeNs);
                return;
            }

            if (!state.synced)
            {
                state.synced = true;
                syncedBookCount++;
            }
            if (state.resyncing)
            {
                state.resyncing = false;
                proxy.feedEvent(instrument, FeedEventType.RESYNC_DONE, exchangeTimeNs, receiveTimeNs, NULL_SEQUENCE,
                    NULL_SEQUENCE, RESYNC_DONE_DETAIL);
            }
        }
        else
        {
            if (!state.synced)
            {
                ignoredUpdateCount++;
                return;
            }

            publishLevels.clear();
            for (int i = from; i < to; i++)
            {
                final BookSide side = frameLevels.side(i);
                final long price = frameLevels.price(i);
                final long quantity = frameLevels.quantity(i);
                book.set(side, price, quantity);
                publishLevels.add(price, quantity, side);
            }
            // Kraken sends no delete for levels pushed out of the subscribed depth; publish one so that a consumer's
            // book stays equal to ours.
            truncate(book.bids(), BookSide.BID, state.depth);
            truncate(book.asks(), BookSide.ASK, state.depth);
            state.widenDigits(priceDigits, quantityDigits);

            final int flags = checksumFlags(instrument, state, expectedChecksum);
            proxy.bookUpdate(instrument, exchangeTimeNs, receiveTimeNs, NULL_SEQUENCE, NULL_SEQUENCE, publishLevels,
                flags);
            if (CHECKSUM_FAILED == flags)
            {
                checksumFailed(instrument, state, expectedChecksum, exchangeTimeNs, receiveTimeNs);
                return;
            }
        }

        if (book.isCrossed())
        {
            if (!state.crossed)
            {
                state.crossed = true;
                proxy.feedEvent(instrument, FeedEventType.CROSSED_BOOK, exchangeTimeNs, receiveTimeNs, NULL_SEQUENCE,
                    NULL_SEQUENCE, CROSSED_DETAIL);
            }
        }
        else
        {
            state.crossed = false;
        }
    }

    private int checksumFlags(final Instrument instrument, final KrakenBook state, final long expectedChecksum)
    {
        if (NO_CHECKSUM == expectedChecksum)
        {
            return 0;
        }
        return expectedChecksum == computeChecksum(instrument, state) ? CHECKSUM_OK : CHECKSUM_FAILED;
    }

    private long computeChecksum(final Instrument instrument, final KrakenBook state)
    {
        final int priceScale = instrument.priceScale();
        final int quantityScale = instrument.quantityScale();
        return checksum.compute(state.book,
            priceScale, state.priceDigits < 0 ? priceScale : state.priceDigits,
            quantityScale, state.quantityDigits < 0 ? quantityScale : state.quantityDigits);
    }

    private void checksumFailed(
        final Instrument instrument,
        final KrakenBook state,
        final long expectedChecksum,
        final long exchangeTimeNs,
        final long receiveTimeNs)
    {
        final String detail = "Kraken checksum " + expectedChecksum + " but the book gives " +
            computeChecksum(instrument, state) + " (price digits " + state.priceDigits + ", quantity digits " +
            state.quantityDigits + ")";
        proxy.feedEvent(instrument, FeedEventType.CHECKSUM_FAILURE, exchangeTimeNs, receiveTimeNs, NULL_SEQUENCE,
            NULL_SEQUENCE, detail);
        proxy.feedEvent(instrument, FeedEventType.RESYNC_STARTED, exchangeTimeNs, receiveTimeNs, NULL_SEQUENCE,
            NULL_SEQUENCE, RESYNC_STARTED_DETAIL);
        if (state.synced)
        {
            syncedBookCount--;
        }
        state.reset();
        state.resyncing = true;
        session.requestResync(instrument);
    }

    private void addSide(final PriceLevels levels, final BookSide side)
    {
        for (int rank = 0, size = levels.size(); rank < size; rank++)
        {
            publishLevels.add(levels.price(rank), levels.quantity(rank), side);
        }
    }

    private void truncate(final PriceLevels levels, final BookSide side, final int depth)
    {
        for (int rank = depth, size = levels.size(); rank < size; rank++)
        {
            publishLevels.add(levels.price(rank), 0, side);
        }
        levels.truncate(depth);
    }

    private KrakenBook state(final Instrument instrument)
    {
        KrakenBook state = books.get(instrument.id());
        if (null == state)
        {
            state = new KrakenBook(defaultDepth);
            books.put(instrument.id(), state);
        }
        return state;
    }

    static int depthAtLeast(final int levels)
    {
        for (final int depth : VALID_DEPTHS)
        {
            if (depth >= levels)
            {
                return depth;
            }
        }
        return levels;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers.
    // ---------------------------------------------------------------------------------------------------------------

    private void publishTrades(final long receiveTimeNs)
    {
        for (int i = 0; i < itemCount; i++)
        {
            proxy.trade(itemInstruments[i], itemTimes[i], receiveTimeNs, itemIds[i], itemA[i], itemB[i],
                itemSides[i]);
        }
    }

    private int addItem(final Instrument instrument)
    {
        if (itemCount == itemInstruments.length)
        {
            final int capacity = 2 * itemCount;
            itemInstruments = Arrays.copyOf(itemInstruments, capacity);
            itemTimes = Arrays.copyOf(itemTimes, capacity);
            itemIds = Arrays.copyOf(itemIds, capacity);
            itemA = Arrays.copyOf(itemA, capacity);
            itemB = Arrays.copyOf(itemB, capacity);
            itemC = Arrays.copyOf(itemC, capacity);
            itemD = Arrays.copyOf(itemD, capacity);
            itemSides = Arrays.copyOf(itemSides, capacity);
            itemLevelStart = Arrays.copyOf(itemLevelStart, capacity);
            itemLevelEnd = Arrays.copyOf(itemLevelEnd, capacity);
            itemPriceDigits = Arrays.copyOf(itemPriceDigits, capacity);
            itemQuantityDigits = Arrays.copyOf(itemQuantityDigits, capacity);
            itemLevelsPerSide = Arrays.copyOf(itemLevelsPerSide, capacity);
        }
        itemInstruments[itemCount] = instrument;
        return itemCount++;
    }

    private Instrument resolve(final TokenRef symbol)
    {
        return registry.resolve(Exchange.KRAKEN, frame, symbol.offset, symbol.length, normalizer);
    }

    private long decimal(final TokenRef ref, final int scale, final String what)
    {
        requireDecimalText(ref, what);
        return parseDecimal(ref.offset, ref.length, scale);
    }

    private long parseDecimal(final int offset, final int length, final int scale)
    {
        final long value = parser.parse(frame, offset, length, scale);
        if (value < 0)
        {
            throw new JsonException("negative price or quantity '" +
                frame.getStringWithoutLengthUtf8(offset, Math.min(length, 64)) + "'");
        }
        return value;
    }

    private boolean startsWith(final TokenRef ref, final byte[] prefix)
    {
        if (JsonReader.STRING != ref.type || ref.length < prefix.length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (frame.getByte(ref.offset + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    private static TokenRef requireString(final TokenRef ref, final String what)
    {
        if (JsonReader.STRING != ref.type)
        {
            throw new JsonException(what + " missing or not a string");
        }
        return ref;
    }

    private static TokenRef requireDecimalText(final TokenRef ref, final String what)
    {
        if (!ref.isScalarText())
        {
            throw new JsonException(what + " missing or not a number");
        }
        return ref;
    }

    private static void expectDecimalToken(final JsonReader r, final String what)
    {
        final int token = r.next();
        if (JsonReader.STRING != token && JsonReader.NUMBER != token)
        {
            throw new JsonException(what + " missing or not a number");
        }
    }

    private static void skipRestOfArray(final JsonReader r)
    {
        while (JsonReader.END_ARRAY != r.next())
        {
            r.skipValue();
        }
    }

    /**
     * Read the fields of the object whose {@code START_OBJECT} the reader has just returned, recording those named
     * and skipping the rest; the reader ends on its {@code END_OBJECT}.
     */
    private static void scanObject(final JsonReader r, final byte[][] names, final TokenRef[] refs)
    {
        for (final TokenRef ref : refs)
        {
            ref.reset();
        }
        while (JsonReader.FIELD_NAME == r.next())
        {
            int index = -1;
            for (int i = 0; i < names.length; i++)
            {
                if (r.tokenEquals(names[i]))
                {
                    index = i;
                    break;
                }
            }
            r.next();
            if (index >= 0)
            {
                refs[index].capture(r);
            }
            else
            {
                r.skipValue();
            }
        }
    }

    private static TokenRef[] refs(final int count)
    {
        final TokenRef[] refs = new TokenRef[count];
        for (int i = 0; i < count; i++)
        {
            refs[i] = new TokenRef();
        }
        return refs;
    }

    private static byte[][] ascii(final String... values)
    {
        final byte[][] bytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++)
        {
            bytes[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
