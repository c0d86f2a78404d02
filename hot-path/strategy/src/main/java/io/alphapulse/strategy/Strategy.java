/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * A trading strategy: plain Java, no Aeron types, driven by events only.
 * <p>
 * Time comes from the events ({@link StrategyContext#nowNs()} is advanced by event timestamps), never from the wall
 * clock, so the same events give the same orders live, in a replay of the Archive and in a backtest. All callbacks
 * arrive on one thread; event objects are reused and valid only during the call. Orders are placed and cancelled
 * through the {@link StrategyContext} given to {@link #onStart(StrategyContext)}.
 */
public interface Strategy
{
    /**
     * The name the strategy is selected by, e.g. {@code cross-exchange-spread}.
     *
     * @return the name.
     */
    String name();

    /**
     * Called once before any event.
     *
     * @param context to place and cancel orders, read positions, books and instruments, schedule timers.
     */
    default void onStart(final StrategyContext context)
    {
    }

    /**
     * A trade print.
     *
     * @param trade the trade.
     */
    default void onTrade(final TradeEvent trade)
    {
    }

    /**
     * Best bid and ask changed (an exchange's ticker, or the top of an L2 book).
     *
     * @param topOfBook best bid and ask.
     */
    default void onTopOfBook(final TopOfBookEvent topOfBook)
    {
    }

    /**
     * An L2 book changed (snapshot or update applied).
     *
     * @param book the book after the change.
     */
    default void onBook(final BookView book)
    {
    }

    /**
     * A feed event: gap, resync started or done, stale channel, disconnect, checksum failure, crossed book.
     *
     * @param event what happened.
     */
    default void onFeedEvent(final FeedEvent event)
    {
    }

    /**
     * A timer scheduled with {@link StrategyContext#scheduleTimer(long, long)} is due (event time reached its
     * deadline).
     *
     * @param timerId the id given when scheduling.
     * @param timeNs  the event time that made it due.
     */
    default void onTimer(final long timerId, final long timeNs)
    {
    }

    /**
     * One of the strategy's orders changed status.
     *
     * @param update the order after the change.
     */
    default void onOrderUpdate(final OrderUpdate update)
    {
    }

    /**
     * One of the strategy's orders was filled, in part or whole. {@link #onOrderUpdate(OrderUpdate)} follows with
     * the new status.
     *
     * @param fill the execution.
     */
    default void onFill(final FillEvent fill)
    {
    }
}
