/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongHashSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns market-data messages into rows of one batch, in binary COPY format per table: trades, top of book, feed
 * events as they come, and a book snapshot per instrument at most every snapshot interval (of receive time, so a
 * replay makes the same choices), built from BookSnapshot and BookUpdate. InstrumentDefinition messages give each
 * instrument's scales; they are kept, and stored in {@code instruments} with the batch.
 * <p>
 * A message for an instrument without a definition cannot be stored exactly (its scale is unknown): it is counted
 * and reported once per instrument.
 */
final class MarketDataRows implements MarketDataReader.Listener
{
    static final String TRADES_COPY = "copy trades (time, exchange, instrument_id, trade_id, price, quantity, side, " +
        "sequence, receive_time) from stdin (format binary)";
    static final String TOP_OF_BOOK_COPY = "copy top_of_book (time, exchange, instrument_id, bid_price, " +
        "bid_quantity, ask_price, ask_quantity, exchange_sequence, sequence, receive_time) from stdin (format binary)";
    static final String BOOK_SNAPSHOTS_COPY = "copy book_snapshots (time, exchange, instrument_id, " +
        "exchange_sequence, bid_prices, bid_quantities, ask_prices, ask_quantities) from stdin (format binary)";
    static final String FEED_EVENTS_COPY = "copy feed_events (time, exchange, instrument_id, event_type, origin, " +
        "expected_sequence, received_sequence, sequence, detail, receive_time) from stdin (format binary)";

    private static final long NS_PER_DAY = 86_400_000_000_000L;
    private static final byte[][] EXCHANGE_NAMES = new byte[256][];
    private static final byte[] BUY = "BUY".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELL = "SELL".getBytes(StandardCharsets.US_ASCII);

    static
    {
        for (final Exchange exchange : Exchange.values())
        {
            if (Exchange.NULL_VAL != exchange)
            {
                EXCHANGE_NAMES[exchange.value()] = exchange.name().getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    final PgBinaryCopy trades = new PgBinaryCopy(1 << 20);
    final PgBinaryCopy topOfBook = new PgBinaryCopy(1 << 20);
    final PgBinaryCopy bookSnapshots = new PgBinaryCopy(1 << 16);
    final PgBinaryCopy feedEvents = new PgBinaryCopy(1 << 12);

    private final Int2ObjectHashMap<Instrument> instruments = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<OrderBook> books = new Int2ObjectHashMap<>();
    private final IntHashSet reportedUnknown = new IntHashSet();
    private final List<Instrument> newDefinitions = new ArrayList<>();
    private final LongHashSet days = new LongHashSet();
    private final long snapshotIntervalNs;
    private final int snapshotDepth;
    private final long[] prices;
    private final long[] quantities;
    private final long[] askPrices;
    private final long[] askQuantities;
    private long lastDay = Long.MIN_VALUE;
    private long minTradeTimeNs = Long.MAX_VALUE;
    private long maxTradeTimeNs = Long.MIN_VALUE;
    private long lastReceiveTimeNs;
    private long skipped;

    MarketDataRows(final long snapshotIntervalNs, final int snapshotDepth)
    {
        this.snapshotIntervalNs = snapshotIntervalNs;
        this.snapshotDepth = snapshotDepth;
        prices = new long[snapshotDepth];
        quantities = new long[snapshotDepth];
        askPrices = new long[snapshotDepth];
        askQuantities = new long[snapshotDepth];
    }

    void define(final Instrument instrument, final int exchangeCode)
    {
        instruments.put(Instrument.key(exchangeCode, instrument.instrumentId()), instrument);
    }

    int rowCount()
    {
        return trades.rowCount() + topOfBook.rowCount() + bookSnapshots.rowCount() + feedEvents.rowCount();
    }

    int byteCount()
    {
        return trades.length() + topOfBook.length() + bookSnapshots.length() + feedEvents.length();
    }

    boolean hasRows()
    {
        return rowCount() > 0 || !newDefinitions.isEmpty();
    }

    List<Instrument> newDefinitions()
    {
        return newDefinitions;
    }

    LongHashSet days()
    {
        return days;
    }

    long minTradeTimeNs()
    {
        return minTradeTimeNs;
    }

    long maxTradeTimeNs()
    {
        return maxTradeTimeNs;
    }

    long lastReceiveTimeNs()
    {
        return lastReceiveTimeNs;
    }

    long skipped()
    {
        return skipped;
    }

    void countSkipped()
    {
        skipped++;
    }

    Collection<Instrument> instruments()
    {
        return instruments.values();
    }

    /**
     * Start a new batch: rows and per-batch state go, instruments and books stay.
     */
    void reset()
    {
        trades.reset();
        topOfBook.reset();
        bookSnapshots.reset();
        feedEvents.reset();
        newDefinitions.clear();
        days.clear();
        lastDay = Long.MIN_VALUE;
        minTradeTimeNs = Long.MAX_VALUE;
        maxTradeTimeNs = Long.MIN_VALUE;
    }

    public void onTrade(final TradeDecoder trade)
    {
        final Instrument instrument = instrument(trade.exchange().value(), trade.instrumentId());
        lastReceiveTimeNs = trade.receiveTimeNs();
        if (null == instrument)
        {
            return;
        }
        final long timeNs = time(trade.exchangeTimeNs(), TradeDecoder.exchangeTimeNsNullValue(), lastReceiveTimeNs);
        minTradeTimeNs = Math.min(minTradeTimeNs, timeNs);
        maxTradeTimeNs = Math.max(maxTradeTimeNs, timeNs);
        trades.row(9).timestamptz(timeNs).text(EXCHANGE_NAMES[trade.exchange().value()]).int4(trade.instrumentId());
        optionalInt8(trades, trade.tradeId(), TradeDecoder.tradeIdNullValue());
        trades.numeric(trade.price(), instrument.priceScale())
            .numeric(trade.quantity(), instrument.quantityScale());
        final AggressorSide side = trade.aggressorSide();
        if (AggressorSide.BUY == side)
        {
            trades.text(BUY);
        }
        else if (AggressorSide.SELL == side)
        {
            trades.text(SELL);
        }
        else
        {
            trades.nullValue();
        }
        trades.int8(trade.sequence()).timestamptz(lastReceiveTimeNs);
    }

    public void onTopOfBook(final TopOfBookDecoder top)
    {
        final Instrument instrument = instrument(top.exchange().value(), top.instrumentId());
        lastReceiveTimeNs = top.receiveTimeNs();
        if (null == instrument)
        {
            return;
        }
        final long timeNs = time(top.exchangeTimeNs(), TopOfBookDecoder.exchangeTimeNsNullValue(), lastReceiveTimeNs);
        final int priceScale = instrument.priceScale();
        final int quantityScale = instrument.quantityScale();
        topOfBook.row(10).timestamptz(timeNs).text(EXCHANGE_NAMES[top.exchange().value()]).int4(top.instrumentId())
            .numeric(top.bidPrice(), priceScale);
        optionalNumeric(topOfBook, top.bidQuantity(), TopOfBookDecoder.bidQuantityNullValue(), quantityScale);
        topOfBook.numeric(top.askPrice(), priceScale);
        optionalNumeric(topOfBook, top.askQuantity(), TopOfBookDecoder.askQuantityNullValue(), quantityScale);
        optionalInt8(topOfBook, top.exchangeSequence(), TopOfBookDecoder.exchangeSequenceNullValue());
        topOfBook.int8(top.sequence()).timestamptz(lastReceiveTimeNs);
    }

    public void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        final int exchangeCode = snapshot.exchange().value();
        final Instrument instrument = instrument(exchangeCode, snapshot.instrumentId());
        lastReceiveTimeNs = snapshot.receiveTimeNs();
        if (null == instrument)
        {
            return;
        }
        final OrderBook book = book(exchangeCode, snapshot.instrumentId());
        book.snapshotStarted();
        final boolean last = snapshot.flags().lastInBatch();
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
        {
            book.snapshotPart(BookSide.BID == level.side(), level.price(), level.quantity());
        }
        if (last)
        {
            book.snapshotEnded();
            maybeSnapshot(book, instrument, exchangeCode, snapshot.exchangeTimeNs(),
                BookSnapshotDecoder.exchangeTimeNsNullValue(), snapshot.exchangeSequence(),
                BookSnapshotDecoder.exchangeSequenceNullValue());
        }
    }

    public void onBookUpdate(final BookUpdateDecoder update)
    {
        final int exchangeCode = update.exchange().value();
        final Instrument instrument = instrument(exchangeCode, update.instrumentId());
        lastReceiveTimeNs = update.receiveTimeNs();
        if (null == instrument)
        {
            return;
        }
        final OrderBook book = book(exchangeCode, update.instrumentId());
        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
        {
            book.update(BookSide.BID == level.side(), level.price(), level.quantity());
        }
        // Split frames (lastInBatch not set) are applied whole before a snapshot is taken.
        if (update.flags().lastInBatch())
        {
            maybeSnapshot(book, instrument, exchangeCode, update.exchangeTimeNs(),
                BookUpdateDecoder.exchangeTimeNsNullValue(), update.exchangeSequence(),
                BookUpdateDecoder.exchangeSequenceNullValue());
        }
    }

    public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
    {
        lastReceiveTimeNs = definition.receiveTimeNs();
        final Exchange exchange = definition.exchange();
        final int instrumentId = definition.instrumentId();
        final short priceScale = definition.priceScale();
        final short quantityScale = definition.quantityScale();
        final String symbol = definition.symbol();
        final String venueSymbol = definition.venueSymbol();
        final Instrument instrument = new Instrument(exchange.name(), instrumentId, symbol, venueSymbol, priceScale,
            quantityScale);
        final Instrument previous = instruments.put(Instrument.key(exchange.value(), instrumentId), instrument);
        if (!instrument.equals(previous))
        {
            newDefinitions.add(instrument);
        }
    }

    public void onFeedEvent(final FeedEventDecoder event)
    {
        lastReceiveTimeNs = event.receiveTimeNs();
        final long timeNs = time(event.exchangeTimeNs(), FeedEventDecoder.exchangeTimeNsNullValue(),
            lastReceiveTimeNs);
        feedEvents.row(10).timestamptz(timeNs).text(EXCHANGE_NAMES[event.exchange().value()]);
        if (FeedEventDecoder.instrumentIdNullValue() == event.instrumentId())
        {
            feedEvents.nullValue();
        }
        else
        {
            feedEvents.int4(event.instrumentId());
        }
        final EventOrigin origin = event.origin();
        feedEvents.text(event.eventType().name())
            .text(EventOrigin.RELAY == origin ? "RELAY" : "COLLECTOR");
        optionalInt8(feedEvents, event.expectedSequence(), FeedEventDecoder.expectedSequenceNullValue());
        optionalInt8(feedEvents, event.receivedSequence(), FeedEventDecoder.receivedSequenceNullValue());
        feedEvents.int8(event.sequence()).text(event.detail()).timestamptz(lastReceiveTimeNs);
    }

    private void maybeSnapshot(
        final OrderBook book,
        final Instrument instrument,
        final int exchangeCode,
        final long exchangeTimeNs,
        final long exchangeTimeNullValue,
        final long exchangeSequence,
        final long exchangeSequenceNullValue)
    {
        if (!book.snapshotDue(lastReceiveTimeNs, snapshotIntervalNs))
        {
            return;
        }
        book.snapshotTaken(lastReceiveTimeNs);
        final long timeNs = time(exchangeTimeNs, exchangeTimeNullValue, lastReceiveTimeNs);
        bookSnapshots.row(8).timestamptz(timeNs).text(EXCHANGE_NAMES[exchangeCode]).int4(instrument.instrumentId());
        optionalInt8(bookSnapshots, exchangeSequence, exchangeSequenceNullValue);
        final int bidCount = book.levels(true, snapshotDepth, prices, quantities);
        final int askCount = book.levels(false, snapshotDepth, askPrices, askQuantities);
        bookSnapshots.numericArray(prices, bidCount, instrument.priceScale())
            .numericArray(quantities, bidCount, instrument.quantityScale())
            .numericArray(askPrices, askCount, instrument.priceScale())
            .numericArray(askQuantities, askCount, instrument.quantityScale());
    }

    private Instrument instrument(final int exchangeCode, final int instrumentId)
    {
        final int key = Instrument.key(exchangeCode, instrumentId);
        final Instrument instrument = instruments.get(key);
        if (null == instrument)
        {
            skipped++;
            if (reportedUnknown.add(key))
            {
                System.err.println("writer: instrument " + instrumentId + " of exchange " +
                    Exchange.get((short)exchangeCode) + " has no InstrumentDefinition (no scale): its messages " +
                    "are counted as skipped, not stored (reported once)");
            }
        }
        return instrument;
    }

    private OrderBook book(final int exchangeCode, final int instrumentId)
    {
        final int key = Instrument.key(exchangeCode, instrumentId);
        OrderBook book = books.get(key);
        if (null == book)
        {
            book = new OrderBook();
            books.put(key, book);
        }
        return book;
    }

    private long time(final long exchangeTimeNs, final long nullValue, final long receiveTimeNs)
    {
        final long timeNs = nullValue == exchangeTimeNs ? receiveTimeNs : exchangeTimeNs;
        final long day = Math.floorDiv(timeNs, NS_PER_DAY);
        if (day != lastDay)
        {
            days.add(day);
            lastDay = day;
        }
        return timeNs;
    }

    private static void optionalInt8(final PgBinaryCopy copy, final long value, final long nullValue)
    {
        if (nullValue == value)
        {
            copy.nullValue();
        }
        else
        {
            copy.int8(value);
        }
    }

    private static void optionalNumeric(final PgBinaryCopy copy, final long value, final long nullValue,
        final int scale)
    {
        if (nullValue == value)
        {
            copy.nullValue();
        }
        else
        {
            copy.numeric(value, scale);
        }
    }
}
