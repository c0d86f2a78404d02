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
 * Execution reports replayed from a strategy's {@link ReportHistory} ({@link Ledger#replayReports}), with the
 * sequence and the very values they were first announced with.
 */
public interface LedgerReportHandler
{
    /**
     * An acceptance (or a repeated acknowledgement of a resent order).
     *
     * @param sequence      report sequence.
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
    void onOrderAccepted(
        long sequence, long timeNs, long orderId, long clientOrderId, int portfolioId, int strategyId,
        int instrumentId, Side side, OrderType orderType, TimeInForce timeInForce, long price, long quantity);

    /**
     * A rejection of an order or a cancel.
     *
     * @param sequence      report sequence.
     * @param timeNs        ledger time.
     * @param clientOrderId sender's id.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @param instrumentId  instrument (0 for a cancel).
     * @param reason        reason code.
     */
    void onOrderRejected(
        long sequence, long timeNs, long clientOrderId, int portfolioId, int strategyId, int instrumentId,
        RejectReason reason);

    /**
     * A fill.
     *
     * @param sequence       report sequence.
     * @param timeNs         venue time of the execution.
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param fillId         venue fill id.
     * @param price          price mantissa.
     * @param quantity       quantity mantissa.
     * @param leavesQuantity open after the fill.
     * @param feeMantissa    fee at {@link Ledger#CASH_SCALE}.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           side.
     * @param liquidity      maker or taker.
     */
    void onFill(
        long sequence, long timeNs, long orderId, long clientOrderId, long fillId, long price, long quantity,
        long leavesQuantity, long feeMantissa, int portfolioId, int strategyId, int instrumentId, Side side,
        Liquidity liquidity);

    /**
     * A close with quantity unfilled.
     *
     * @param sequence          report sequence.
     * @param timeNs            ledger time.
     * @param orderId           ledger order id.
     * @param clientOrderId     sender's id.
     * @param cancelledQuantity quantity that will not fill.
     * @param portfolioId       portfolio.
     * @param strategyId        strategy.
     * @param instrumentId      instrument.
     * @param reason            why.
     */
    void onOrderCancelled(
        long sequence, long timeNs, long orderId, long clientOrderId, long cancelledQuantity, int portfolioId,
        int strategyId, int instrumentId, CancelReason reason);
}
