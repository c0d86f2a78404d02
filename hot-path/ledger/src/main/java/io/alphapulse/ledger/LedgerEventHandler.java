/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;

/**
 * Ledger events as a client receives them, decoded by {@link LedgerEgressAdapter}. Cash amounts are
 * {@code mantissa * 10^exponent}.
 */
public interface LedgerEventHandler
{
    /**
     * An order was accepted (or acknowledged again after a resend).
     *
     * @param timeNs        ledger time.
     * @param orderId       ledger order id.
     * @param clientOrderId sender's id.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param orderType     type.
     * @param timeInForce   time in force.
     * @param price         limit price mantissa.
     * @param quantity      quantity mantissa.
     */
    default void onOrderAccepted(
        long timeNs, long orderId, long clientOrderId, int portfolioId, int strategyId, int instrumentId, Side side,
        OrderType orderType, TimeInForce timeInForce, long price, long quantity)
    {
    }

    /**
     * An order or cancel was rejected.
     *
     * @param timeNs        ledger time.
     * @param clientOrderId sender's id.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @param instrumentId  instrument.
     * @param reason        reason code.
     */
    default void onOrderRejected(
        long timeNs, long clientOrderId, int portfolioId, int strategyId, int instrumentId, RejectReason reason)
    {
    }

    /**
     * A fill was applied.
     *
     * @param timeNs         venue time.
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param fillId         venue fill id.
     * @param price          price mantissa.
     * @param quantity       quantity mantissa.
     * @param leavesQuantity still open.
     * @param feeMantissa    fee mantissa.
     * @param feeExponent    fee exponent.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           side.
     * @param liquidity      maker or taker.
     */
    default void onFill(
        long timeNs, long orderId, long clientOrderId, long fillId, long price, long quantity, long leavesQuantity,
        long feeMantissa, int feeExponent, int portfolioId, int strategyId, int instrumentId, Side side,
        Liquidity liquidity)
    {
    }

    /**
     * An order was closed unfilled in part or whole.
     *
     * @param timeNs            ledger time.
     * @param orderId           ledger order id.
     * @param clientOrderId     sender's id.
     * @param cancelledQuantity quantity that will not fill.
     * @param portfolioId       portfolio.
     * @param strategyId        strategy.
     * @param instrumentId      instrument.
     * @param reason            why.
     */
    default void onOrderCancelled(
        long timeNs, long orderId, long clientOrderId, long cancelledQuantity, int portfolioId, int strategyId,
        int instrumentId, CancelReason reason)
    {
    }

    /**
     * A position changed.
     *
     * @param timeNs               ledger time.
     * @param portfolioId          portfolio.
     * @param instrumentId         instrument.
     * @param position             signed position mantissa.
     * @param averagePriceMantissa average entry price mantissa at the instrument's price scale.
     * @param realizedMantissa     realized PnL mantissa.
     * @param unrealizedMantissa   unrealized PnL mantissa.
     * @param pnlExponent          exponent of both PnL values.
     */
    default void onPosition(
        long timeNs, int portfolioId, int instrumentId, long position, long averagePriceMantissa,
        long realizedMantissa, long unrealizedMantissa, int pnlExponent)
    {
    }

    /**
     * A balance changed.
     *
     * @param timeNs          ledger time.
     * @param portfolioId     portfolio.
     * @param asset           packed asset code ({@link Assets}).
     * @param balanceMantissa balance mantissa.
     * @param balanceExponent balance exponent.
     */
    default void onBalance(long timeNs, int portfolioId, long asset, long balanceMantissa, int balanceExponent)
    {
    }

    /**
     * An execution report (accepted, rejected, fill, cancelled) of a strategy is about to be delivered: return false
     * to drop it. A client that follows its strategy's report sequence ({@link LedgerResync}) drops repeats and
     * reports beyond a gap here. Reports from a version 0 ledger have sequence 0.
     *
     * @param strategyId strategy of the report.
     * @param sequence   its report sequence (1, 2, 3, ... per strategy), 0 when unknown.
     * @return true to deliver it.
     */
    default boolean onReportSequence(int strategyId, long sequence)
    {
        return true;
    }

    /**
     * An open order, in the answer to a resynchronisation request that asked for them.
     *
     * @param requestId      the request answered.
     * @param timeNs         ledger time the order was accepted.
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           side.
     * @param orderType      type.
     * @param timeInForce    time in force.
     * @param price          limit price mantissa.
     * @param quantity       quantity mantissa.
     * @param filledQuantity filled so far.
     * @param lastFillId     last venue fill id applied (0: none).
     */
    default void onOpenOrder(
        long requestId, long timeNs, long orderId, long clientOrderId, int portfolioId, int strategyId,
        int instrumentId, Side side, OrderType orderType, TimeInForce timeInForce, long price, long quantity,
        long filledQuantity, long lastFillId)
    {
    }

    /**
     * The end of the answer to a resynchronisation request.
     *
     * @param requestId      the request answered.
     * @param strategyId     strategy whose reports were replayed (0: none).
     * @param fromSequence   first sequence asked for.
     * @param lastSequence   the strategy's last report sequence when the request was applied.
     * @param oldestSequence oldest report still held (older ones could not be replayed).
     * @param lastOrderId    last order id assigned when the request was applied (the listing covers up to it).
     * @param openOrderCount open orders listed.
     */
    default void onResyncDone(
        long requestId, int strategyId, long fromSequence, long lastSequence, long oldestSequence, long lastOrderId,
        int openOrderCount)
    {
    }

    /**
     * The cluster has a new leader: acknowledgements of what was in flight may be lost; resend it.
     *
     * @param leaderMemberId the new leader.
     */
    default void onNewLeader(int leaderMemberId)
    {
    }
}
