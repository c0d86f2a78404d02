/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import java.util.List;

/**
 * What a strategy can do and see: place and cancel orders, read positions, books and instruments, schedule timers.
 */
public interface StrategyContext
{
    /**
     * Returned by {@link #placeOrder} when the order could not be sent (it is not tracked).
     */
    long NO_ORDER = 0;

    /**
     * Event time: the latest timestamp of the events seen so far, ns since the epoch. Never the wall clock.
     *
     * @return event time.
     */
    long nowNs();

    /**
     * An instrument by id.
     *
     * @param instrumentId instrument id.
     * @return the instrument, or null when unknown.
     */
    InstrumentInfo instrument(int instrumentId);

    /**
     * Every instrument known, in id order.
     *
     * @return instruments.
     */
    List<InstrumentInfo> instruments();

    /**
     * An instrument by exchange and canonical symbol.
     *
     * @param exchange exchange name, e.g. {@code COINBASE}.
     * @param symbol   canonical symbol, e.g. {@code BTC-USD}.
     * @return the instrument, or null.
     */
    InstrumentInfo instrument(String exchange, String symbol);

    /**
     * The L2 book of an instrument.
     *
     * @param instrumentId instrument id.
     * @return the book, or null when the feed has none (yet).
     */
    BookView book(int instrumentId);

    /**
     * Place a limit order.
     *
     * @param instrumentId instrument.
     * @param side         side.
     * @param price        limit price mantissa at the instrument's price scale.
     * @param quantity     quantity mantissa at the instrument's quantity scale.
     * @param timeInForce  GTC or IOC.
     * @return the client order id, or {@link #NO_ORDER} when it could not be sent.
     */
    long placeOrder(int instrumentId, Side side, long price, long quantity, TimeInForce timeInForce);

    /**
     * Ask to cancel an open order.
     *
     * @param clientOrderId id returned by {@link #placeOrder}.
     * @return true when the request was sent; false when the order is unknown or closed.
     */
    boolean cancelOrder(long clientOrderId);

    /**
     * Signed position of the strategy in an instrument, from its fills.
     *
     * @param instrumentId instrument.
     * @return position mantissa at the instrument's quantity scale (negative when short).
     */
    long position(int instrumentId);

    /**
     * Open (sent, accepted or partially filled) quantity of the strategy's orders on one side of an instrument.
     *
     * @param instrumentId instrument.
     * @param side         side.
     * @return open quantity mantissa.
     */
    long openQuantity(int instrumentId, Side side);

    /**
     * Number of the strategy's orders not yet terminal.
     *
     * @return open order count.
     */
    int openOrderCount();

    /**
     * Schedule a timer in event time; scheduling an id again moves it.
     *
     * @param timerId    id passed back to {@link Strategy#onTimer(long, long)}.
     * @param deadlineNs event time at which it is due.
     */
    void scheduleTimer(long timerId, long deadlineNs);
}
