/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Side;

/**
 * Market data after {@link MarketDataAdapter} has decoded it and updated the books: plain arguments, no SBE.
 * Times are the collector's receive time, ns since the epoch: the event time of the system.
 */
public interface MarketDataHandler
{
    /**
     * A trade.
     *
     * @param timeNs        event time.
     * @param instrumentId  instrument.
     * @param price         price mantissa.
     * @param quantity      quantity mantissa.
     * @param aggressorSide taker side or null.
     */
    default void onTrade(long timeNs, int instrumentId, long price, long quantity, Side aggressorSide)
    {
    }

    /**
     * A ticker's best bid and ask.
     *
     * @param timeNs       event time.
     * @param instrumentId instrument.
     * @param bidPrice     best bid.
     * @param bidQuantity  its quantity or {@link io.alphapulse.strategy.TopOfBookEvent#NO_QUANTITY}.
     * @param askPrice     best ask.
     * @param askQuantity  its quantity or {@link io.alphapulse.strategy.TopOfBookEvent#NO_QUANTITY}.
     */
    default void onTopOfBook(
        long timeNs, int instrumentId, long bidPrice, long bidQuantity, long askPrice, long askQuantity)
    {
    }

    /**
     * An L2 book changed (a snapshot completed or a batch of updates applied).
     *
     * @param book the book.
     */
    default void onBook(L2Book book)
    {
    }

    /**
     * A feed event.
     *
     * @param timeNs           event time.
     * @param exchange         exchange name.
     * @param instrumentId     instrument or {@link io.alphapulse.strategy.FeedEvent#ALL_INSTRUMENTS}.
     * @param type             what happened.
     * @param expectedSequence gap: expected.
     * @param receivedSequence gap: received.
     */
    default void onFeedEvent(
        long timeNs, String exchange, int instrumentId, FeedEventType type, long expectedSequence,
        long receivedSequence)
    {
    }

    /**
     * An instrument definition.
     *
     * @param instrument the instrument.
     */
    default void onInstrument(InstrumentInfo instrument)
    {
    }

    /**
     * A heartbeat: time moves on.
     *
     * @param timeNs event time.
     */
    default void onHeartbeat(long timeNs)
    {
    }
}
