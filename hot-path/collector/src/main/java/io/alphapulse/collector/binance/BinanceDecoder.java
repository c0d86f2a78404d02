/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.LevelBuffer;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.SymbolNormalizer;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.collector.json.JsonException;
import io.alphapulse.collector.json.JsonReader;
import io.alphapulse.decimal.DecimalParser;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventType;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import static io.alphapulse.collector.MarketDataProxy.NULL_SEQUENCE;
import static io.alphapulse.collector.MarketDataProxy.NULL_TIME;

/**
 * Decodes Binance spot stream frames, combined ({@code {"stream":..,"data":{..}}}) or raw, into normalized market
 * data, and keeps one local order book per symbol from {@code depthUpdate} events and REST depth snapshots.
 * <ul>
 *   <li>{@code trade} and {@code aggTrade}: a trade at {@code T}; {@code m} true (buyer is maker) is a sell
 *   aggressor. {@link #frameSequence()} is the trade id, resp. aggregate trade id.</li>
 *   <li>{@code bookTicker} (no event type, no time): top of book with update id {@code u}.</li>
 *   <li>{@code depthUpdate}: the book procedure below; {@link #frameSequence()} is {@code u}.</li>
 *   <li>{@code kline}, {@code serverShutdown} (which also asks the session for a new connection), responses
 *   {@code {"result":..,"id":..}} and partial-depth payloads are control frames; errors {@code {"code":..,"msg":..}}
 *   are published as {@code SUBSCRIPTION_REJECTED} with the message as detail.</li>
 * </ul>
 * <b>Local order book</b> (Binance's "How to manage a local order book correctly"), per symbol:
 * <pre>
 *   first event      -> buffer it; ask the session for a REST snapshot (requestResync)
 *   snapshot arrives -> load it; drop buffered events with u &lt;= lastUpdateId
 *                       oldest remaining has U &gt; lastUpdateId+1: snapshot too old, ask for another
 *                       oldest remaining has U &lt;= lastUpdateId+1 &lt;= u: publish the snapshot, RESYNC_DONE,
 *                       then apply and publish the buffered events in order
 *                       none remaining: wait for the next event, which must contain lastUpdateId+1
 *   in sync          -> u &lt;= local id: stale, skipped (counted); U &gt; local id + 1: GAP, RESYNC_STARTED,
 *                       requestResync, buffer again; else apply, publish, local id := u
 * </pre>
 * A snapshot whose symbol is known (the {@code venueSymbol} argument or a {@code "symbol"} field) is matched directly.
 * A snapshot without symbol (the decode tool, recordings) is matched by update ids, to the symbol with the event
 * that continues it, {@code U <= lastUpdateId+1 <= u}: at once when exactly one unsynchronised symbol has buffered
 * such an event, else it is kept (copied) and matched to the first later event that contains {@code lastUpdateId+1}.
 * A snapshot ahead of every buffered event (first {@code U <= lastUpdateId+1}, no {@code u} reaching it yet) is kept
 * too rather than guessed: the book cannot sync before that event anyway, and a guess would attach it to a symbol
 * whose ids are merely smaller, whose events would then all be skipped as older than the snapshot.
 * <p>
 * Every snapshot or update applied is checked for a crossed book ({@code CROSSED_BOOK} once per episode).
 * <p>
 * A malformed frame or value is reported with {@link FrameListener#onError} naming it and nothing of that frame is
 * published; decoding goes on. Frames allocate nothing once warm: allocation happens only on errors, on the first
 * sight of a symbol, while buffers grow to their working size, and on the REST snapshot path (symbol lookup by
 * String; snapshots without symbol are copied until matched). The session must not call back into the decoder
 * from inside {@link ExchangeSession#requestResync}: the snapshot is expected later, through {@link #onRestSnapshot}.
 * Not thread-safe: one decoder per connection, on the collector's thread.
 */
public final class BinanceDecoder implements FrameDecoder
{
    /**
     * Most events buffered per symbol while it waits for a snapshot; beyond it the buffer restarts from the newest
     * event (the outstanding snapshot then has to be newer than that).
     */
    public static final int MAX_BUFFERED_EVENTS = 10_000;

    /**
     * Most snapshots without a symbol kept until an event matches them; beyond it the oldest is dropped.
     */
    public static final int MAX_PENDING_SNAPSHOTS = 64;

    private static final String CONTROL_KLINE = "kline (not normalized)";
    private static final String CONTROL_SERVER_SHUTDOWN = "serverShutdown";
    private static final String CONTROL_ACK = "request acknowledged";
    private static final String CONTROL_SUBSCRIPTIONS = "subscription list";
    private static final String CONTROL_PROPERTY = "property value";
    private static final String CONTROL_PARTIAL_DEPTH = "partial depth (not normalized)";
    private static final String CONTROL_SNAPSHOT_NOT_NEEDED = "depth snapshot not needed (book in sync)";
    private static final String DETAIL_GAP = "diff depth update ids skipped";
    private static final String DETAIL_RESYNC_STARTED = "book out of sync: waiting for a REST depth snapshot";
    private static final String DETAIL_SYNCHRONISED = "synchronised";
    private static final String DETAIL_CROSSED = "best bid at or above best ask";

    private static final byte[] TRADE = ascii("trade");
    private static final byte[] AGG_TRADE = ascii("aggTrade");
    private static final byte[] DEPTH_UPDATE = ascii("depthUpdate");
    private static final byte[] BOOK_TICKER = ascii("bookTicker");
    private static final byte[] KLINE = ascii("kline");
    private static final byte[] SERVER_SHUTDOWN = ascii("serverShutdown");
    private static final long MAX_MILLIS = Long.MAX_VALUE / Timestamps.NANOS_PER_MILLI;

    private final MarketDataProxy proxy;
    private final InstrumentRegistry registry;
    private final FrameListener listener;
    private final ExchangeSession session;
    private final SymbolNormalizer normalizer;

    private final JsonFields fields = new JsonFields();
    private final JsonFields snapshotFields = new JsonFields();
    private final JsonReader levelReader = new JsonReader();
    private final DecimalParser decimalParser = new DecimalParser();
    private final LevelBuffer levels = new LevelBuffer();
    private final LevelBuffer replayLevels = new LevelBuffer();
    private final LevelBuffer snapshotLevels = new LevelBuffer();
    private final Int2ObjectHashMap<DepthBook> booksById = new Int2ObjectHashMap<>();
    private final ArrayList<DepthBook> books = new ArrayList<>();
    private final ArrayList<PendingSnapshot> pendingSnapshots = new ArrayList<>();

    private String frameKind = "frame";
    private long frameSequence = NULL_SEQUENCE;
    private int syncedBookCount;
    private int pendingSnapshotCount;
    private long pendingSnapshotOrder;
    private long staleEventCount;
    private long gapCount;
    private long snapshotRequestCount;
    private long staleSnapshotCount;
    private long bufferOverflowCount;

    /**
     * A decoder for one connection.
     *
     * @param proxy      where market data and feed events go.
     * @param registry   instruments.
     * @param listener   control frames and errors.
     * @param session    where snapshots and reconnects are asked for.
     * @param normalizer Binance symbols to canonical ones.
     */
    public BinanceDecoder(
        final MarketDataProxy proxy,
        final InstrumentRegistry registry,
        final FrameListener listener,
        final ExchangeSession session,
        final SymbolNormalizer normalizer)
    {
        this.proxy = proxy;
        this.registry = registry;
        this.listener = listener;
        this.session = session;
        this.normalizer = normalizer;
    }

    /**
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        frameSequence = NULL_SEQUENCE;
        frameKind = "frame";
        try
        {
            fields.parse(buffer, offset, length);
            dispatch(receiveTimeNs);
        }
        catch (final JsonException | IllegalArgumentException ex)
        {
            listener.onError(describe(fields, ex));
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
     * A REST depth snapshot {@code {"lastUpdateId":N,"bids":[[p,q],..],"asks":[[p,q],..]}}: matched to its symbol
     * (directly, or by update ids when the symbol is not given, see the class description) and used to synchronise
     * that symbol's book.
     *
     * @param venueSymbol   the symbol the snapshot was requested for, or null to match it by update ids.
     * @param buffer        holding the JSON.
     * @param offset        first byte.
     * @param length        bytes.
     * @param receiveTimeNs when it arrived.
     */
    public void onRestSnapshot(
        final String venueSymbol, final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
    {
        frameKind = "depth snapshot";
        DepthBook book = null;
        try
        {
            snapshotFields.parse(buffer, offset, length);
            final long lastUpdateId = snapshotFields.longValue(JsonFields.LAST_UPDATE_ID);
            snapshotFields.require(JsonFields.BIDS, JsonReader.START_ARRAY, "an array");
            snapshotFields.require(JsonFields.ASKS, JsonReader.START_ARRAY, "an array");

            if (null != venueSymbol)
            {
                book = depthBook(registry.resolve(Exchange.BINANCE, venueSymbol, normalizer));
            }
            else if (snapshotFields.present(JsonFields.REST_SYMBOL))
            {
                snapshotFields.require(JsonFields.REST_SYMBOL, JsonReader.STRING, "a string");
                book = depthBook(registry.resolve(Exchange.BINANCE, buffer,
                    snapshotFields.offset(JsonFields.REST_SYMBOL), snapshotFields.length(JsonFields.REST_SYMBOL),
                    normalizer));
            }

            if (null == book)
            {
                validateLevels(snapshotFields, JsonFields.BIDS);
                validateLevels(snapshotFields, JsonFields.ASKS);
                book = matchBufferedEvents(lastUpdateId);
                if (null == book)
                {
                    keepPending(buffer, offset, length, lastUpdateId, receiveTimeNs);
                    return;
                }
            }
            useSnapshot(book, snapshotFields, lastUpdateId, receiveTimeNs);
        }
        catch (final JsonException | IllegalArgumentException ex)
        {
            if (null != book)
            {
                // Ask again with the symbol's next event: one new request per bad snapshot, never a storm.
                book.snapshotRequested = false;
            }
            listener.onError(describe(snapshotFields, ex) + (null == venueSymbol ? "" : " (requested for " +
                venueSymbol + ")"));
        }
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
     * Depth events skipped because the book already covered them ({@code u <= lastUpdateId} or local id).
     *
     * @return count since construction.
     */
    public long staleEventCount()
    {
        return staleEventCount;
    }

    /**
     * Sequence gaps detected in books that were in sync.
     *
     * @return count since construction.
     */
    public long gapCount()
    {
        return gapCount;
    }

    /**
     * Snapshots asked of the session (first sight, gaps, snapshots too old).
     *
     * @return count since construction.
     */
    public long snapshotRequestCount()
    {
        return snapshotRequestCount;
    }

    /**
     * Snapshots discarded because they were older than the oldest buffered event.
     *
     * @return count since construction.
     */
    public long staleSnapshotCount()
    {
        return staleSnapshotCount;
    }

    /**
     * Times a symbol's buffer exceeded {@link #MAX_BUFFERED_EVENTS} while waiting for a snapshot.
     *
     * @return count since construction.
     */
    public long bufferOverflowCount()
    {
        return bufferOverflowCount;
    }

    /**
     * Snapshots without a symbol not yet matched to one.
     *
     * @return snapshots waiting.
     */
    public int pendingSnapshotCount()
    {
        return pendingSnapshotCount;
    }

    private void dispatch(final long receiveTimeNs)
    {
        final JsonFields fields = this.fields;
        if (fields.present(JsonFields.EVENT))
        {
            if (fields.stringEquals(JsonFields.EVENT, DEPTH_UPDATE))
            {
                onDepthUpdate(receiveTimeNs);
            }
            else if (fields.stringEquals(JsonFields.EVENT, TRADE))
            {
                frameKind = "trade";
                onTrade(JsonFields.TRADE_ID, receiveTimeNs);
            }
            else if (fields.stringEquals(JsonFields.EVENT, AGG_TRADE))
            {
                frameKind = "aggTrade";
                onTrade(JsonFields.LOWER_A, receiveTimeNs);
            }
            else if (fields.stringEquals(JsonFields.EVENT, BOOK_TICKER))
            {
                onBookTicker(receiveTimeNs);
            }
            else if (fields.stringEquals(JsonFields.EVENT, KLINE))
            {
                listener.onControl(CONTROL_KLINE);
            }
            else if (fields.stringEquals(JsonFields.EVENT, SERVER_SHUTDOWN))
            {
                listener.onControl(CONTROL_SERVER_SHUTDOWN);
                session.requestReconnect(CONTROL_SERVER_SHUTDOWN);
            }
            else
            {
                fields.require(JsonFields.EVENT, JsonReader.STRING, "a string");
                throw new JsonException("unsupported event type " + fields.text(JsonFields.EVENT));
            }
        }
        else if (fields.present(JsonFields.CODE))
        {
            final String message = JsonReader.STRING == fields.type(JsonFields.MSG) ?
                fields.buffer().getStringWithoutLengthUtf8(fields.offset(JsonFields.MSG), fields.length(JsonFields.MSG)) :
                "error code " + fields.text(JsonFields.CODE);
            proxy.feedEvent(null, FeedEventType.SUBSCRIPTION_REJECTED, NULL_TIME, receiveTimeNs, NULL_SEQUENCE,
                NULL_SEQUENCE, message);
        }
        else if (fields.present(JsonFields.RESULT) || fields.present(JsonFields.ID))
        {
            final int type = fields.type(JsonFields.RESULT);
            listener.onControl(JsonReader.NULL == type || JsonReader.END == type ? CONTROL_ACK :
                JsonReader.START_ARRAY == type ? CONTROL_SUBSCRIPTIONS : CONTROL_PROPERTY);
        }
        else if (fields.present(JsonFields.LAST_UPDATE) && fields.present(JsonFields.UPPER_B) &&
            fields.present(JsonFields.UPPER_A))
        {
            onBookTicker(receiveTimeNs);
        }
        else if (fields.present(JsonFields.LAST_UPDATE_ID))
        {
            listener.onControl(CONTROL_PARTIAL_DEPTH);
        }
        else
        {
            throw new JsonException("neither a stream event nor a response nor an error");
        }
    }

    private void onTrade(final int idField, final long receiveTimeNs)
    {
        final Instrument instrument = instrument();
        final long tradeId = fields.longValue(idField);
        final long price = positiveDecimal(fields, JsonFields.PRICE, instrument.priceScale());
        final long quantity = positiveDecimal(fields, JsonFields.QUANTITY, instrument.quantityScale());
        final long tradeTimeNs = millisToNanos(fields, JsonFields.TRADE_TIME);
        final AggressorSide aggressor = fields.booleanValue(JsonFields.BUYER_MAKER) ? AggressorSide.SELL :
            AggressorSide.BUY;

        frameSequence = tradeId;
        proxy.trade(instrument, tradeTimeNs, receiveTimeNs, tradeId, price, quantity, aggressor);
    }

    private void onBookTicker(final long receiveTimeNs)
    {
        frameKind = "bookTicker";
        final Instrument instrument = instrument();
        final long updateId = fields.longValue(JsonFields.LAST_UPDATE);
        final long bidPrice = decimal(fields, JsonFields.LOWER_B, instrument.priceScale());
        final long bidQuantity = decimal(fields, JsonFields.UPPER_B, instrument.quantityScale());
        final long askPrice = decimal(fields, JsonFields.LOWER_A, instrument.priceScale());
        final long askQuantity = decimal(fields, JsonFields.UPPER_A, instrument.quantityScale());

        frameSequence = updateId;
        proxy.topOfBook(instrument, NULL_TIME, receiveTimeNs, updateId, bidPrice, bidQuantity, askPrice, askQuantity);
    }

    private void onDepthUpdate(final long receiveTimeNs)
    {
        frameKind = "depthUpdate";
        final Instrument instrument = instrument();
        final long firstId = fields.longValue(JsonFields.FIRST_UPDATE);
        final long lastId = fields.longValue(JsonFields.LAST_UPDATE);
        if (firstId > lastId)
        {
            throw new JsonException("first update id U=" + firstId + " is after final update id u=" + lastId);
        }
        final long eventTimeNs = millisToNanos(fields, JsonFields.EVENT_TIME);
        levels.clear();
        parseLevels(fields, JsonFields.LOWER_B, BookSide.BID, instrument, levels);
        parseLevels(fields, JsonFields.LOWER_A, BookSide.ASK, instrument, levels);

        frameSequence = lastId;
        final DepthBook book = depthBook(instrument);
        if (book.synced)
        {
            if (applyInSync(book, firstId, lastId, eventTimeNs, receiveTimeNs, levels))
            {
                return;
            }
        }
        else if (book.eventCount() >= MAX_BUFFERED_EVENTS)
        {
            bufferOverflowCount++;
            book.clearEvents();
        }

        book.bufferEvent(firstId, lastId, eventTimeNs, receiveTimeNs, levels);
        if (book.snapshotLoaded)
        {
            trySync(book, receiveTimeNs);
        }
        else if ((0 == pendingSnapshotCount || !matchPendingSnapshot(book, firstId, lastId)) &&
            !book.snapshotRequested)
        {
            requestSnapshot(book);
        }
    }

    /**
     * Apply an event to a book in sync.
     *
     * @return false when the event shows a gap: the book is then out of sync and a snapshot asked for; the caller
     * keeps the event buffered.
     */
    private boolean applyInSync(
        final DepthBook book,
        final long firstId,
        final long lastId,
        final long eventTimeNs,
        final long receiveTimeNs,
        final LevelBuffer eventLevels)
    {
        if (lastId <= book.localUpdateId)
        {
            staleEventCount++;
            return true;
        }
        if (firstId > book.localUpdateId + 1)
        {
            final Instrument instrument = book.instrument;
            gapCount++;
            proxy.feedEvent(instrument, FeedEventType.GAP, eventTimeNs, receiveTimeNs, book.localUpdateId + 1,
                firstId, DETAIL_GAP);
            proxy.feedEvent(instrument, FeedEventType.RESYNC_STARTED, eventTimeNs, receiveTimeNs, NULL_SEQUENCE,
                NULL_SEQUENCE, DETAIL_RESYNC_STARTED);
            unsync(book);
            requestSnapshot(book);
            return false;
        }

        for (int i = 0, count = eventLevels.count(); i < count; i++)
        {
            book.book.set(eventLevels.side(i), eventLevels.price(i), eventLevels.quantity(i));
        }
        book.localUpdateId = lastId;
        proxy.bookUpdate(book.instrument, eventTimeNs, receiveTimeNs, firstId, lastId, eventLevels, 0);
        checkCrossed(book, eventTimeNs, receiveTimeNs);
        return true;
    }

    /**
     * With a snapshot loaded, find the buffered event that continues it and bring the book in sync.
     */
    private void trySync(final DepthBook book, final long nowNs)
    {
        final long snapshotId = book.snapshotUpdateId;
        final int eventCount = book.eventCount();
        int first = 0;
        while (first < eventCount && book.lastId(first) <= snapshotId)
        {
            first++;
        }
        staleEventCount += first;
        if (first == eventCount)
        {
            book.clearEvents();
            return;
        }
        if (book.firstId(first) > snapshotId + 1)
        {
            // Events between the snapshot and the oldest buffered one are lost to us: ask for a newer snapshot.
            staleSnapshotCount++;
            book.discardEvents(first);
            book.snapshotLoaded = false;
            book.book.clear();
            if (!book.snapshotRequested)
            {
                requestSnapshot(book);
            }
            return;
        }

        book.snapshotLoaded = false;
        book.synced = true;
        book.crossed = false;
        book.localUpdateId = snapshotId;
        syncedBookCount++;
        publishSnapshot(book);
        proxy.feedEvent(book.instrument, FeedEventType.RESYNC_DONE, NULL_TIME, nowNs, NULL_SEQUENCE, NULL_SEQUENCE,
            DETAIL_SYNCHRONISED);
        checkCrossed(book, NULL_TIME, book.snapshotReceiveTimeNs);

        for (int i = first; i < eventCount; i++)
        {
            book.copyLevels(i, replayLevels);
            if (!applyInSync(
                book, book.firstId(i), book.lastId(i), book.eventTimeNs(i), book.receiveTimeNs(i), replayLevels))
            {
                book.discardEvents(i);
                return;
            }
        }
        book.clearEvents();
    }

    private void useSnapshot(
        final DepthBook book, final JsonFields snapshot, final long lastUpdateId, final long receiveTimeNs)
    {
        book.snapshotRequested = false;
        if (book.synced)
        {
            listener.onControl(CONTROL_SNAPSHOT_NOT_NEEDED);
            return;
        }

        final Instrument instrument = book.instrument;
        snapshotLevels.clear();
        parseLevels(snapshot, JsonFields.BIDS, BookSide.BID, instrument, snapshotLevels);
        parseLevels(snapshot, JsonFields.ASKS, BookSide.ASK, instrument, snapshotLevels);

        book.book.clear();
        for (int i = 0, count = snapshotLevels.count(); i < count; i++)
        {
            book.book.set(snapshotLevels.side(i), snapshotLevels.price(i), snapshotLevels.quantity(i));
        }
        book.snapshotLoaded = true;
        book.snapshotUpdateId = lastUpdateId;
        book.snapshotReceiveTimeNs = receiveTimeNs;
        trySync(book, receiveTimeNs);
    }

    private void publishSnapshot(final DepthBook book)
    {
        snapshotLevels.clear();
        addLevels(book.book.bids(), BookSide.BID);
        addLevels(book.book.asks(), BookSide.ASK);
        proxy.bookSnapshot(book.instrument, NULL_TIME, book.snapshotReceiveTimeNs, book.snapshotUpdateId,
            snapshotLevels, 0);
    }

    private void addLevels(final PriceLevels side, final BookSide bookSide)
    {
        for (int rank = 0, size = side.size(); rank < size; rank++)
        {
            snapshotLevels.add(side.price(rank), side.quantity(rank), bookSide);
        }
    }

    private void checkCrossed(final DepthBook book, final long eventTimeNs, final long receiveTimeNs)
    {
        if (book.book.isCrossed())
        {
            if (!book.crossed)
            {
                book.crossed = true;
                proxy.feedEvent(book.instrument, FeedEventType.CROSSED_BOOK, eventTimeNs, receiveTimeNs,
                    NULL_SEQUENCE, book.localUpdateId, DETAIL_CROSSED);
            }
        }
        else
        {
            book.crossed = false;
        }
    }

    private void requestSnapshot(final DepthBook book)
    {
        book.snapshotRequested = true;
        snapshotRequestCount++;
        session.requestResync(book.instrument);
    }

    private void unsync(final DepthBook book)
    {
        if (book.synced)
        {
            book.synced = false;
            syncedBookCount--;
        }
        book.snapshotLoaded = false;
        book.crossed = false;
        book.book.clear();
    }

    private void resetBooks()
    {
        for (int i = 0, size = books.size(); i < size; i++)
        {
            final DepthBook book = books.get(i);
            unsync(book);
            book.snapshotRequested = false;
            book.clearEvents();
        }
    }

    private DepthBook depthBook(final Instrument instrument)
    {
        DepthBook book = booksById.get(instrument.id());
        if (null == book)
        {
            book = new DepthBook(instrument);
            booksById.put(instrument.id(), book);
            books.add(book);
        }
        return book;
    }

    /**
     * A snapshot without symbol: the one unsynchronised book with a buffered event containing lastUpdateId+1; null
     * when none or several.
     */
    private DepthBook matchBufferedEvents(final long lastUpdateId)
    {
        final long wanted = lastUpdateId + 1;
        DepthBook bridged = null;
        int bridgedCount = 0;
        for (int i = 0, size = books.size(); i < size; i++)
        {
            final DepthBook book = books.get(i);
            final int eventCount = book.eventCount();
            if (book.synced || book.snapshotLoaded || 0 == eventCount)
            {
                continue;
            }
            for (int e = 0; e < eventCount; e++)
            {
                if (book.firstId(e) <= wanted && wanted <= book.lastId(e))
                {
                    bridged = book;
                    bridgedCount++;
                    break;
                }
            }
        }
        return 1 == bridgedCount ? bridged : null;
    }

    /**
     * A new event of an unsynchronised book: use the first pending snapshot it continues, if any; true when one was
     * used.
     */
    private boolean matchPendingSnapshot(final DepthBook book, final long firstId, final long lastId)
    {
        for (int i = 0, size = pendingSnapshots.size(); i < size; i++)
        {
            final PendingSnapshot pending = pendingSnapshots.get(i);
            if (pending.inUse && firstId <= pending.lastUpdateId + 1 && pending.lastUpdateId + 1 <= lastId)
            {
                pending.inUse = false;
                pendingSnapshotCount--;
                final String savedKind = frameKind;
                frameKind = "depth snapshot";
                boolean used = false;
                try
                {
                    snapshotFields.parse(pending.bytes, 0, pending.length);
                    useSnapshot(book, snapshotFields, pending.lastUpdateId, pending.receiveTimeNs);
                    used = true;
                }
                catch (final JsonException | IllegalArgumentException ex)
                {
                    listener.onError(describe(snapshotFields, ex) + " (matched to " + book.instrument.venueSymbol() +
                        " by update id " + pending.lastUpdateId + ")");
                }
                frameKind = savedKind;
                return used;
            }
        }
        return false;
    }

    private void keepPending(
        final DirectBuffer buffer, final int offset, final int length, final long lastUpdateId, final long receiveTimeNs)
    {
        PendingSnapshot slot = null;
        PendingSnapshot oldest = null;
        for (int i = 0, size = pendingSnapshots.size(); i < size; i++)
        {
            final PendingSnapshot pending = pendingSnapshots.get(i);
            if (!pending.inUse)
            {
                slot = pending;
                break;
            }
            if (null == oldest || pending.order < oldest.order)
            {
                oldest = pending;
            }
        }
        if (null == slot)
        {
            if (pendingSnapshots.size() < MAX_PENDING_SNAPSHOTS)
            {
                slot = new PendingSnapshot();
                pendingSnapshots.add(slot);
            }
            else
            {
                listener.onError("Binance depth snapshot: more than " + MAX_PENDING_SNAPSHOTS +
                    " snapshots without symbol match no events; dropped the oldest (lastUpdateId " +
                    oldest.lastUpdateId + ")");
                slot = oldest;
                slot.inUse = false;
                pendingSnapshotCount--;
            }
        }
        slot.bytes.putBytes(0, buffer, offset, length);
        slot.length = length;
        slot.lastUpdateId = lastUpdateId;
        slot.receiveTimeNs = receiveTimeNs;
        slot.order = pendingSnapshotOrder++;
        slot.inUse = true;
        pendingSnapshotCount++;
    }

    private Instrument instrument()
    {
        fields.require(JsonFields.SYMBOL, JsonReader.STRING, "a string");
        return registry.resolve(Exchange.BINANCE, fields.buffer(), fields.offset(JsonFields.SYMBOL),
            fields.length(JsonFields.SYMBOL), normalizer);
    }

    private void parseLevels(
        final JsonFields source, final int field, final BookSide side, final Instrument instrument, final LevelBuffer out)
    {
        source.require(field, JsonReader.START_ARRAY, "an array of [price, quantity]");
        final JsonReader reader = levelReader;
        final DirectBuffer buffer = source.buffer();
        reader.wrap(buffer, source.offset(field), source.length(field));
        reader.next();
        while (JsonReader.END_ARRAY != reader.next())
        {
            if (JsonReader.START_ARRAY != reader.tokenType())
            {
                throw badLevel(field);
            }
            final int priceType = reader.next();
            if (JsonReader.STRING != priceType && JsonReader.NUMBER != priceType)
            {
                throw badLevel(field);
            }
            final long price = decimalParser.parse(
                buffer, reader.tokenOffset(), reader.tokenLength(), instrument.priceScale());
            if (price <= 0)
            {
                throw badLevelValue(field, reader, "price is not positive");
            }
            final int quantityType = reader.next();
            if (JsonReader.STRING != quantityType && JsonReader.NUMBER != quantityType)
            {
                throw badLevel(field);
            }
            final long quantity = decimalParser.parse(
                buffer, reader.tokenOffset(), reader.tokenLength(), instrument.quantityScale());
            if (quantity < 0)
            {
                throw badLevelValue(field, reader, "quantity is negative");
            }
            while (JsonReader.END_ARRAY != reader.next())
            {
                reader.skipValue();
            }
            out.add(price, quantity, side);
        }
    }

    /**
     * Check the syntax of every decimal in a snapshot side, before its instrument (and so its scales) is known.
     */
    private void validateLevels(final JsonFields source, final int field)
    {
        final JsonReader reader = levelReader;
        final DirectBuffer buffer = source.buffer();
        reader.wrap(buffer, source.offset(field), source.length(field));
        reader.next();
        while (JsonReader.END_ARRAY != reader.next())
        {
            if (JsonReader.START_ARRAY != reader.tokenType())
            {
                throw badLevel(field);
            }
            for (int i = 0; i < 2; i++)
            {
                final int type = reader.next();
                if (JsonReader.STRING != type && JsonReader.NUMBER != type)
                {
                    throw badLevel(field);
                }
                decimalParser.scan(buffer, reader.tokenOffset(), reader.tokenLength());
            }
            while (JsonReader.END_ARRAY != reader.next())
            {
                reader.skipValue();
            }
        }
    }

    private long decimal(final JsonFields source, final int field, final int scale)
    {
        final int type = source.type(field);
        if (JsonReader.STRING != type && JsonReader.NUMBER != type)
        {
            source.require(field, JsonReader.STRING, "a decimal");
        }
        final long value = decimalParser.parse(source.buffer(), source.offset(field), source.length(field), scale);
        if (value < 0)
        {
            throw new JsonException("field '" + JsonFields.name(field) + "' is negative: " + source.text(field));
        }
        return value;
    }

    private long positiveDecimal(final JsonFields source, final int field, final int scale)
    {
        final long value = decimal(source, field, scale);
        if (0 == value)
        {
            throw new JsonException("field '" + JsonFields.name(field) + "' is zero: " + source.text(field));
        }
        return value;
    }

    private static long millisToNanos(final JsonFields source, final int field)
    {
        final long millis = source.longValue(field);
        if (millis > MAX_MILLIS)
        {
            throw new JsonException("field '" + JsonFields.name(field) + "' is not a time in ms: " + source.text(field));
        }
        return millis * Timestamps.NANOS_PER_MILLI;
    }

    private static JsonException badLevelValue(final int field, final JsonReader reader, final String problem)
    {
        return new JsonException("level in '" + JsonFields.name(field) + "': " + problem + ": '" +
            reader.tokenAsString() + "'");
    }

    private static JsonException badLevel(final int field)
    {
        return new JsonException("field '" + JsonFields.name(field) + "' is not an array of [price, quantity]");
    }

    private String describe(final JsonFields source, final RuntimeException ex)
    {
        final StringBuilder message = new StringBuilder(128).append("Binance ").append(frameKind);
        if (JsonReader.STRING == source.type(JsonFields.SYMBOL))
        {
            message.append(' ').append(source.buffer().getStringWithoutLengthUtf8(
                source.offset(JsonFields.SYMBOL), Math.min(source.length(JsonFields.SYMBOL), 32)));
        }
        return message.append(": ").append(ex.getMessage()).toString();
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A REST snapshot without symbol, copied until an event matches it.
     */
    private static final class PendingSnapshot
    {
        private final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
        private int length;
        private long lastUpdateId;
        private long receiveTimeNs;
        private long order;
        private boolean inUse;
    }
}
