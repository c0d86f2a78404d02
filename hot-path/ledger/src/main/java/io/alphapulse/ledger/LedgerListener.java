/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.RejectReason;

/**
 * What the {@link Ledger} reports: every state change, in order. The cluster service encodes these as SBE egress
 * messages; tests record them.
 */
public interface LedgerListener
{
    /**
     * An order passed the risk checks and is open.
     *
     * @param timeNs ledger time.
     * @param order    the order (read it during the call only).
     * @param sequence the strategy's report sequence ({@link Ledger#replayReports}).
     */
    void onOrderAccepted(long timeNs, Order order, long sequence);

    /**
     * An order or cancel was rejected.
     *
     * @param timeNs        ledger time.
     * @param clientOrderId sender's order id.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @param instrumentId  instrument (0 for a cancel of an unknown order).
     * @param reason        reason code.
     * @param sequence      the strategy's report sequence.
     */
    void onOrderRejected(
        long timeNs, long clientOrderId, int portfolioId, int strategyId, int instrumentId, RejectReason reason,
        long sequence);

    /**
     * An order was filled.
     *
     * @param timeNs      venue time of the execution.
     * @param order       the order after the fill.
     * @param fillId      venue fill id.
     * @param price       execution price mantissa.
     * @param quantity    executed quantity mantissa.
     * @param feeMantissa fee at {@link Ledger#CASH_SCALE}.
     * @param liquidity   maker or taker.
     * @param sequence    the strategy's report sequence.
     */
    void onFill(
        long timeNs, Order order, long fillId, long price, long quantity, long feeMantissa, Liquidity liquidity,
        long sequence);

    /**
     * An order was closed with quantity unfilled.
     *
     * @param timeNs            ledger time.
     * @param order             the order.
     * @param cancelledQuantity quantity that will not fill.
     * @param reason            why.
     * @param sequence          the strategy's report sequence.
     */
    void onOrderCancelled(long timeNs, Order order, long cancelledQuantity, CancelReason reason, long sequence);

    /**
     * A position or its PnL changed.
     *
     * @param timeNs        ledger time.
     * @param position      the position.
     * @param unrealizedPnl at the last mark, at {@link Ledger#CASH_SCALE}.
     * @param averagePrice  average entry price at the instrument's price scale (truncated).
     */
    void onPosition(long timeNs, Position position, long unrealizedPnl, long averagePrice);

    /**
     * A cash balance changed.
     *
     * @param timeNs      ledger time.
     * @param portfolioId portfolio.
     * @param asset       packed asset code ({@link Assets}).
     * @param balance     balance at {@link Ledger#CASH_SCALE}.
     */
    void onBalance(long timeNs, int portfolioId, long asset, long balance);
}
