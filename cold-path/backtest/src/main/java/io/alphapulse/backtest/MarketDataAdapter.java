/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
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
import org.agrona.collections.IntHashSet;

/**
 * Decodes the merged stream's SBE messages (through {@link MarketDataReader}, which validates them) into
 * {@link BacktestEngine} calls, inside a time window {@code [fromNs, toNs)} of receive time (the time the relay's
 * index uses). Instrument definitions always register, whatever their time. Events before the window are skipped;
 * the first event at or after its end stops the run ({@link #isDone()}). Book snapshots and updates are not yet
 * given to strategies (the samples trade on trades and top of book).
 */
public final class MarketDataAdapter implements MarketDataReader.Listener
{
    private final BacktestEngine engine;
    private final MarketDataReader reader = new MarketDataReader(this);
    private final long fromNs;
    private final long toNs;
    private final Int2ObjectHashMap<FeedEventType> feedEventTypes = new Int2ObjectHashMap<>();
    private final IntHashSet defined = new IntHashSet();
    private final StringBuilder symbol = new StringBuilder();
    private long messages;
    private long lastTimeNs;
    private boolean done;

    /**
     * An adapter feeding an engine.
     *
     * @param engine engine.
     * @param fromNs window start (inclusive), receive time.
     * @param toNs   window end (exclusive).
     */
    public MarketDataAdapter(final BacktestEngine engine, final long fromNs, final long toNs)
    {
        this.engine = engine;
        this.fromNs = fromNs;
        this.toNs = toNs;
        for (final FeedEventType type : FeedEventType.values())
        {
            final io.alphapulse.schemas.marketdata.FeedEventType sbe =
                io.alphapulse.schemas.marketdata.FeedEventType.valueOf(type.name());
            feedEventTypes.put(sbe.value(), type);
        }
    }

    /**
     * One message of the stream.
     *
     * @param buffer buffer.
     * @param offset offset.
     * @param length length.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!done)
        {
            messages++;
            reader.read(buffer, offset, length);
        }
    }

    /**
     * Whether the window's end was reached.
     *
     * @return true when done.
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * Messages read (all, in or out of the window).
     *
     * @return count.
     */
    public long messages()
    {
        return messages;
    }

    /**
     * Receive time of the last event given to the engine.
     *
     * @return ns since the epoch.
     */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /**
     * Messages the reader rejected (malformed, unknown template, other schema): counted, skipped.
     *
     * @return count.
     */
    public long rejected()
    {
        return reader.rejectedCount();
    }

    private boolean inWindow(final long timeNs)
    {
        if (timeNs >= toNs)
        {
            done = true;
            return false;
        }
        if (timeNs < fromNs)
        {
            return false;
        }
        lastTimeNs = timeNs;
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeDecoder trade)
    {
        final long timeNs = trade.receiveTimeNs();
        if (inWindow(timeNs))
        {
            final AggressorSide aggressor = trade.aggressorSide();
            engine.onTrade(timeNs, trade.instrumentId(), trade.price(), trade.quantity(),
                aggressor == AggressorSide.BUY ? Side.BUY : aggressor == AggressorSide.SELL ? Side.SELL : null);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(final TopOfBookDecoder top)
    {
        final long timeNs = top.receiveTimeNs();
        if (inWindow(timeNs))
        {
            final long bidQuantity = top.bidQuantity();
            final long askQuantity = top.askQuantity();
            engine.onTopOfBook(timeNs, top.instrumentId(), top.bidPrice(),
                TopOfBookDecoder.bidQuantityNullValue() == bidQuantity ? TopOfBookEvent.NO_QUANTITY : bidQuantity,
                top.askPrice(),
                TopOfBookDecoder.askQuantityNullValue() == askQuantity ? TopOfBookEvent.NO_QUANTITY : askQuantity);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
    {
        final int id = definition.instrumentId();
        final String exchange = definition.exchange().name();
        final short priceScale = definition.priceScale();
        final short quantityScale = definition.quantityScale();
        symbol.setLength(0);
        definition.getSymbol(symbol);
        definition.skipVenueSymbol();
        if (defined.add(id))
        {
            engine.onInstrument(new InstrumentInfo(id, exchange, symbol.toString(), priceScale, quantityScale));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEventDecoder event)
    {
        final long timeNs = event.receiveTimeNs();
        final String exchange = event.exchange().name();
        final int instrumentId = event.instrumentId();
        final long expected = event.expectedSequence();
        final long received = event.receivedSequence();
        final FeedEventType type = feedEventTypes.get(event.eventTypeRaw());
        if (inWindow(timeNs) && null != type)
        {
            engine.onFeedEvent(timeNs, exchange,
                FeedEventDecoder.instrumentIdNullValue() == instrumentId ? FeedEvent.ALL_INSTRUMENTS : instrumentId,
                type, expected, received);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onHeartbeat(final HeartbeatDecoder heartbeat)
    {
        final long timeNs = heartbeat.receiveTimeNs();
        if (inWindow(timeNs))
        {
            engine.onHeartbeat(timeNs);
        }
    }

    /**
     * Mark instruments known beforehand (from the database) as defined, so a definition in the stream does not
     * register them twice.
     *
     * @param instrument the instrument.
     */
    public void preload(final InstrumentInfo instrument)
    {
        if (defined.add(instrument.id()))
        {
            engine.onInstrument(instrument);
        }
    }
}
