/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.engine.L2Book;
import io.alphapulse.engine.MarketDataHandler;
import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Side;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;

/**
 * Decodes the merged stream's SBE messages with the live engine's own
 * {@link io.alphapulse.engine.MarketDataAdapter} (validation through {@code MarketDataReader}, L2 books from
 * snapshots and updates) into {@link BacktestEngine} calls, inside a time window {@code [fromNs, toNs)} of receive
 * time (the time the relay's index uses). Instrument definitions always register, whatever their time; books are
 * kept from the first message, so a window starting mid-stream starts with the book as it was. Events before the
 * window are skipped; the first event at or after its end stops the run ({@link #isDone()}).
 */
public final class MarketDataAdapter implements MarketDataHandler
{
    private final BacktestEngine engine;
    private final io.alphapulse.engine.MarketDataAdapter decoder;
    private final long fromNs;
    private final long toNs;
    private final IntHashSet defined = new IntHashSet();
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
        this.decoder = new io.alphapulse.engine.MarketDataAdapter(this, engine::onNewBook);
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
            decoder.onMessage(buffer, offset, length);
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
        return decoder.messages();
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
        return decoder.rejected();
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
    public void onTrade(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        if (inWindow(timeNs))
        {
            engine.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(
        final long timeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        if (inWindow(timeNs))
        {
            engine.onTopOfBook(timeNs, instrumentId, bidPrice, bidQuantity, askPrice, askQuantity);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final L2Book book)
    {
        if (inWindow(book.timeNs()))
        {
            engine.onBook(book);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(
        final long timeNs,
        final String exchange,
        final int instrumentId,
        final FeedEventType type,
        final long expectedSequence,
        final long receivedSequence)
    {
        if (inWindow(timeNs))
        {
            engine.onFeedEvent(timeNs, exchange, instrumentId, type, expectedSequence, receivedSequence);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrument(final InstrumentInfo instrument)
    {
        if (defined.add(instrument.id()))
        {
            engine.onInstrument(instrument);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onHeartbeat(final long timeNs)
    {
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
