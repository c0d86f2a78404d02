/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.TopOfBookEvent;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Merged-stream SBE to books and {@link MarketDataHandler} calls. Validates every message ({@link MarketDataReader}:
 * wrong schema, unknown template or truncated messages are counted and skipped), keeps one {@link L2Book} per
 * instrument (snapshots replace the book, updates change levels, a book is handed on once its batch is complete).
 * Nothing is allocated per message once the books exist.
 */
public final class MarketDataAdapter implements FragmentHandler, MarketDataReader.Listener
{
    private static final FeedEventType[] FEED_EVENT_TYPES = FeedEventType.values();

    private final MarketDataHandler handler;
    private final MarketDataReader reader = new MarketDataReader(this);
    private final Int2ObjectHashMap<L2Book> books = new Int2ObjectHashMap<>();
    private final BookListener bookListener;
    private long messages;
    private long feedEvents;

    /**
     * Called when a book is created, so the owner can show it to strategies.
     */
    @FunctionalInterface
    public interface BookListener
    {
        /**
         * A new book.
         *
         * @param book the book.
         */
        void onNewBook(L2Book book);
    }

    /**
     * Decode into a handler.
     *
     * @param handler      receives market data.
     * @param bookListener told of each new book; may be null.
     */
    public MarketDataAdapter(final MarketDataHandler handler, final BookListener bookListener)
    {
        this.handler = handler;
        this.bookListener = bookListener;
    }

    /**
     * {@inheritDoc}
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        onMessage(buffer, offset, length);
    }

    /**
     * Decode one message.
     *
     * @param buffer holding it.
     * @param offset where it starts.
     * @param length its length.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        messages++;
        reader.read(buffer, offset, length);
    }

    /**
     * Messages seen.
     *
     * @return count.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * Messages skipped by validation.
     *
     * @return count.
     */
    public long rejected()
    {
        return reader.rejectedCount();
    }

    /**
     * Feed events seen.
     *
     * @return count.
     */
    public long feedEvents()
    {
        return feedEvents;
    }

    /**
     * The book of an instrument.
     *
     * @param instrumentId instrument.
     * @return the book or null.
     */
    public L2Book book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeDecoder trade)
    {
        final AggressorSide aggressor = trade.aggressorSide();
        final Side side = aggressor == AggressorSide.BUY ? Side.BUY : aggressor == AggressorSide.SELL ? Side.SELL : null;
        handler.onTrade(trade.receiveTimeNs(), trade.instrumentId(), trade.price(), trade.quantity(), side);
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(final TopOfBookDecoder topOfBook)
    {
        final long bidQuantity = topOfBook.bidQuantity();
        final long askQuantity = topOfBook.askQuantity();
        handler.onTopOfBook(topOfBook.receiveTimeNs(), topOfBook.instrumentId(), topOfBook.bidPrice(),
            bidQuantity == TopOfBookDecoder.bidQuantityNullValue() ? TopOfBookEvent.NO_QUANTITY : bidQuantity,
            topOfBook.askPrice(),
            askQuantity == TopOfBookDecoder.askQuantityNullValue() ? TopOfBookEvent.NO_QUANTITY : askQuantity);
    }

    /**
     * {@inheritDoc}
     */
    public void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        final L2Book book = bookOf(snapshot.instrumentId());
        if (!book.inSnapshot)
        {
            book.clear();
            book.inSnapshot = true;
        }
        final long timeNs = snapshot.receiveTimeNs();
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
        {
            book.set(level.side(), level.price(), level.quantity());
        }
        if (snapshot.flags().lastInBatch())
        {
            book.inSnapshot = false;
            book.timeNs(timeNs);
            handler.onBook(book);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBookUpdate(final BookUpdateDecoder update)
    {
        final L2Book book = bookOf(update.instrumentId());
        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
        {
            final BookSide side = level.side();
            if (side == BookSide.BID || side == BookSide.ASK)
            {
                book.set(side, level.price(), level.quantity());
            }
        }
        if (update.flags().lastInBatch())
        {
            book.timeNs(update.receiveTimeNs());
            handler.onBook(book);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
    {
        final int instrumentId = definition.instrumentId();
        final String exchange = definition.exchange().name();
        final short priceScale = definition.priceScale();
        final short quantityScale = definition.quantityScale();
        final String symbol = definition.symbol();
        handler.onInstrument(new InstrumentInfo(instrumentId, exchange, symbol, priceScale, quantityScale));
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEventDecoder event)
    {
        final int code = event.eventType().value();
        if (code < 1 || code > FEED_EVENT_TYPES.length)
        {
            return;
        }
        feedEvents++;
        final int instrumentId = event.instrumentId();
        handler.onFeedEvent(event.receiveTimeNs(), event.exchange().name(),
            instrumentId == FeedEventDecoder.instrumentIdNullValue() ? FeedEvent.ALL_INSTRUMENTS : instrumentId,
            FEED_EVENT_TYPES[code - 1], event.expectedSequence(), event.receivedSequence());
    }

    /**
     * {@inheritDoc}
     */
    public void onHeartbeat(final HeartbeatDecoder heartbeat)
    {
        handler.onHeartbeat(heartbeat.receiveTimeNs());
    }

    private L2Book bookOf(final int instrumentId)
    {
        L2Book book = books.get(instrumentId);
        if (null == book)
        {
            book = new L2Book(instrumentId);
            books.put(instrumentId, book);
            if (null != bookListener)
            {
                bookListener.onNewBook(book);
            }
        }
        return book;
    }
}
