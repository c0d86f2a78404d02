/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link Strategy}: the event clock, instruments and books, the strategy's orders and positions, timers.
 * The engine (live) and the backtest (replay) both drive a strategy through this class, so it behaves the same in
 * both: every method takes the event's own timestamp, and the clock only moves forward with it.
 * <p>
 * Not thread-safe: call from one thread. Reuses its event objects; tracked orders come from a pool.
 */
public final class StrategyHost implements StrategyContext
{
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Strategy strategy;
    private final OrderSink orderSink;
    private final int strategyId;
    private final int portfolioId;
    private long nextClientOrderId;
    private long nowNs;

    private final Int2ObjectHashMap<InstrumentInfo> instrumentsById = new Int2ObjectHashMap<>();
    private final Map<String, InstrumentInfo> instrumentsByKey = new HashMap<>();
    private final List<InstrumentInfo> instrumentList = new ArrayList<>();
    private final Int2ObjectHashMap<BookView> books = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<TrackedOrder> orders = new Long2ObjectHashMap<>();
    private final ArrayDeque<TrackedOrder> orderPool = new ArrayDeque<>();
    private final Long2LongHashMap positions = new Long2LongHashMap(0);
    private final Long2LongHashMap timers = new Long2LongHashMap(NO_DEADLINE);
    private long earliestTimerNs = NO_DEADLINE;
    private final long[] dueTimerIds = new long[64];

    private final TradeEvent tradeEvent = new TradeEvent();
    private final TopOfBookEvent topOfBookEvent = new TopOfBookEvent();
    private final FeedEvent feedEvent = new FeedEvent();
    private final OrderUpdate orderUpdate = new OrderUpdate();
    private final FillEvent fillEvent = new FillEvent();

    private long unknownOrderReports;

    /**
     * Host a strategy.
     *
     * @param strategy             the strategy.
     * @param orderSink            where its orders go.
     * @param strategyId           its id in orders and reports.
     * @param portfolioId          the portfolio it trades.
     * @param firstClientOrderId   first client order id; ids increase from here. The ledger requires them to
     *                             increase per strategy, so a restarted engine must start above the last one used.
     */
    public StrategyHost(
        final Strategy strategy,
        final OrderSink orderSink,
        final int strategyId,
        final int portfolioId,
        final long firstClientOrderId)
    {
        if (firstClientOrderId <= 0)
        {
            throw new IllegalArgumentException("firstClientOrderId must be positive: " + firstClientOrderId);
        }
        this.strategy = strategy;
        this.orderSink = orderSink;
        this.strategyId = strategyId;
        this.portfolioId = portfolioId;
        this.nextClientOrderId = firstClientOrderId;
    }

    /**
     * Register an instrument (before or while events flow).
     *
     * @param instrument the instrument.
     */
    public void addInstrument(final InstrumentInfo instrument)
    {
        final InstrumentInfo previous = instrumentsById.put(instrument.id(), instrument);
        if (null != previous)
        {
            instrumentList.remove(previous);
        }
        instrumentList.add(instrument);
        instrumentList.sort(Comparator.comparingInt(InstrumentInfo::id));
        instrumentsByKey.put(instrument.key(), instrument);
    }

    /**
     * Make an instrument's L2 book visible to the strategy.
     *
     * @param instrumentId instrument.
     * @param book         the book, updated in place by the caller.
     */
    public void putBook(final int instrumentId, final BookView book)
    {
        books.put(instrumentId, book);
    }

    /**
     * Start the strategy: call once before the first event.
     */
    public void start()
    {
        strategy.onStart(this);
    }

    /**
     * The hosted strategy.
     *
     * @return the strategy.
     */
    public Strategy strategy()
    {
        return strategy;
    }

    /**
     * Strategy id in orders and reports.
     *
     * @return strategy id.
     */
    public int strategyId()
    {
        return strategyId;
    }

    /**
     * Portfolio the strategy trades.
     *
     * @return portfolio id.
     */
    public int portfolioId()
    {
        return portfolioId;
    }

    /**
     * Execution reports for orders this host does not know (another engine's, or sent before a restart).
     *
     * @return count.
     */
    public long unknownOrderReports()
    {
        return unknownOrderReports;
    }

    /**
     * Move event time forward without an event for the strategy (heartbeats), firing due timers.
     *
     * @param timeNs event time.
     */
    public void advanceTime(final long timeNs)
    {
        advance(timeNs);
    }

    /**
     * Dispatch a trade.
     *
     * @param timeNs        event time.
     * @param instrumentId  instrument.
     * @param price         price mantissa.
     * @param quantity      quantity mantissa.
     * @param aggressorSide taker side or null.
     */
    public void onTrade(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        advance(timeNs);
        strategy.onTrade(tradeEvent.set(timeNs, instrumentId, price, quantity, aggressorSide));
    }

    /**
     * Dispatch a top of book.
     *
     * @param timeNs       event time.
     * @param instrumentId instrument.
     * @param bidPrice     best bid price.
     * @param bidQuantity  best bid quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     * @param askPrice     best ask price.
     * @param askQuantity  best ask quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     */
    public void onTopOfBook(
        final long timeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        advance(timeNs);
        strategy.onTopOfBook(topOfBookEvent.set(timeNs, instrumentId, bidPrice, bidQuantity, askPrice, askQuantity));
    }

    /**
     * Dispatch a book change.
     *
     * @param book the book after the change.
     */
    public void onBook(final BookView book)
    {
        advance(book.timeNs());
        strategy.onBook(book);
    }

    /**
     * Dispatch a feed event.
     *
     * @param timeNs           event time.
     * @param exchange         exchange name.
     * @param instrumentId     instrument or {@link FeedEvent#ALL_INSTRUMENTS}.
     * @param type             what happened.
     * @param expectedSequence gap: expected sequence.
     * @param receivedSequence gap: received sequence.
     */
    public void onFeedEvent(
        final long timeNs,
        final String exchange,
        final int instrumentId,
        final FeedEventType type,
        final long expectedSequence,
        final long receivedSequence)
    {
        advance(timeNs);
        strategy.onFeedEvent(
            feedEvent.set(timeNs, exchange, instrumentId, type, expectedSequence, receivedSequence));
    }

    /**
     * The ledger accepted an order.
     *
     * @param timeNs        ledger time.
     * @param clientOrderId the order.
     * @return false when the order is not this strategy's (counted).
     */
    public boolean onOrderAccepted(final long timeNs, final long clientOrderId)
    {
        final TrackedOrder order = orders.get(clientOrderId);
        if (null == order)
        {
            unknownOrderReports++;
            return false;
        }
        advance(timeNs);
        if (order.status == OrderStatus.NEW)
        {
            order.status = OrderStatus.ACCEPTED;
        }
        publishUpdate(timeNs, order, null);
        return true;
    }

    /**
     * The ledger rejected an order.
     *
     * @param timeNs        ledger time.
     * @param clientOrderId the order.
     * @param reason        reason code name, e.g. {@code MAX_POSITION}.
     * @return false when the order is not this strategy's (counted).
     */
    public boolean onOrderRejected(final long timeNs, final long clientOrderId, final String reason)
    {
        final TrackedOrder order = orders.get(clientOrderId);
        if (null == order)
        {
            unknownOrderReports++;
            return false;
        }
        advance(timeNs);
        order.status = OrderStatus.REJECTED;
        publishUpdate(timeNs, order, reason);
        release(order);
        return true;
    }

    /**
     * An order was filled.
     *
     * @param timeNs         venue time.
     * @param clientOrderId  the order.
     * @param price          execution price.
     * @param quantity       executed quantity.
     * @param leavesQuantity quantity still open.
     * @param feeMantissa    fee mantissa.
     * @param feeExponent    fee exponent.
     * @return false when the order is not this strategy's (counted).
     */
    public boolean onFill(
        final long timeNs,
        final long clientOrderId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int feeExponent)
    {
        final TrackedOrder order = orders.get(clientOrderId);
        if (null == order)
        {
            unknownOrderReports++;
            return false;
        }
        advance(timeNs);
        order.filledQuantity += quantity;
        positions.put(order.instrumentId, positions.get(order.instrumentId) + order.side.sign() * quantity);
        order.status = leavesQuantity <= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        strategy.onFill(fillEvent.set(
            timeNs, clientOrderId, order.instrumentId, order.side, price, quantity, leavesQuantity,
            feeMantissa, feeExponent));
        publishUpdate(timeNs, order, null);
        if (order.status == OrderStatus.FILLED)
        {
            release(order);
        }
        return true;
    }

    /**
     * An order was cancelled (its remainder will not fill).
     *
     * @param timeNs        ledger time.
     * @param clientOrderId the order.
     * @param reason        cancel reason name, e.g. {@code IOC_REMAINDER}.
     * @return false when the order is not this strategy's (counted).
     */
    public boolean onOrderCancelled(final long timeNs, final long clientOrderId, final String reason)
    {
        final TrackedOrder order = orders.get(clientOrderId);
        if (null == order)
        {
            unknownOrderReports++;
            return false;
        }
        advance(timeNs);
        order.status = OrderStatus.CANCELLED;
        publishUpdate(timeNs, order, reason);
        release(order);
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public long nowNs()
    {
        return nowNs;
    }

    /**
     * {@inheritDoc}
     */
    public InstrumentInfo instrument(final int instrumentId)
    {
        return instrumentsById.get(instrumentId);
    }

    /**
     * {@inheritDoc}
     */
    public List<InstrumentInfo> instruments()
    {
        return Collections.unmodifiableList(instrumentList);
    }

    /**
     * {@inheritDoc}
     */
    public InstrumentInfo instrument(final String exchange, final String symbol)
    {
        return instrumentsByKey.get(exchange + ":" + symbol);
    }

    /**
     * {@inheritDoc}
     */
    public BookView book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /**
     * {@inheritDoc}
     */
    public long placeOrder(
        final int instrumentId, final Side side, final long price, final long quantity, final TimeInForce timeInForce)
    {
        final long clientOrderId = nextClientOrderId;
        if (!orderSink.newOrder(
            nowNs, clientOrderId, strategyId, portfolioId, instrumentId, side, price, quantity, timeInForce))
        {
            return NO_ORDER;
        }
        nextClientOrderId++;

        final TrackedOrder order = orderPool.isEmpty() ? new TrackedOrder() : orderPool.poll();
        order.clientOrderId = clientOrderId;
        order.instrumentId = instrumentId;
        order.side = side;
        order.price = price;
        order.quantity = quantity;
        order.filledQuantity = 0;
        order.status = OrderStatus.NEW;
        orders.put(clientOrderId, order);
        return clientOrderId;
    }

    /**
     * {@inheritDoc}
     */
    public boolean cancelOrder(final long clientOrderId)
    {
        final TrackedOrder order = orders.get(clientOrderId);
        return null != order && orderSink.cancelOrder(nowNs, clientOrderId, strategyId, portfolioId);
    }

    /**
     * {@inheritDoc}
     */
    public long position(final int instrumentId)
    {
        return positions.get(instrumentId);
    }

    /**
     * {@inheritDoc}
     */
    public long openQuantity(final int instrumentId, final Side side)
    {
        long open = 0;
        for (final TrackedOrder order : orders.values())
        {
            if (order.instrumentId == instrumentId && order.side == side)
            {
                open += order.quantity - order.filledQuantity;
            }
        }
        return open;
    }

    /**
     * {@inheritDoc}
     */
    public int openOrderCount()
    {
        return orders.size();
    }

    /**
     * {@inheritDoc}
     */
    public void scheduleTimer(final long timerId, final long deadlineNs)
    {
        timers.put(timerId, deadlineNs);
        earliestTimerNs = Math.min(earliestTimerNs, deadlineNs);
    }

    private void advance(final long timeNs)
    {
        if (timeNs > nowNs)
        {
            nowNs = timeNs;
        }
        if (nowNs - earliestTimerNs >= 0)
        {
            fireTimers();
        }
    }

    private void fireTimers()
    {
        int due = 0;
        long earliest = NO_DEADLINE;
        final Long2LongHashMap.KeyIterator keys = timers.keySet().iterator();
        while (keys.hasNext())
        {
            final long timerId = keys.nextValue();
            final long deadlineNs = timers.get(timerId);
            if (nowNs - deadlineNs >= 0 && due < dueTimerIds.length)
            {
                dueTimerIds[due++] = timerId;
            }
            else
            {
                earliest = Math.min(earliest, deadlineNs);
            }
        }
        earliestTimerNs = earliest;
        java.util.Arrays.sort(dueTimerIds, 0, due);
        for (int i = 0; i < due; i++)
        {
            timers.remove(dueTimerIds[i]);
        }
        for (int i = 0; i < due; i++)
        {
            strategy.onTimer(dueTimerIds[i], nowNs);
        }
    }

    private void publishUpdate(final long timeNs, final TrackedOrder order, final String reason)
    {
        strategy.onOrderUpdate(orderUpdate.set(
            timeNs, order.clientOrderId, order.instrumentId, order.side, order.price, order.quantity,
            order.filledQuantity, order.status, reason));
    }

    private void release(final TrackedOrder order)
    {
        orders.remove(order.clientOrderId);
        orderPool.offer(order);
    }

    private static final class TrackedOrder
    {
        long clientOrderId;
        int instrumentId;
        Side side;
        long price;
        long quantity;
        long filledQuantity;
        OrderStatus status;
    }
}
