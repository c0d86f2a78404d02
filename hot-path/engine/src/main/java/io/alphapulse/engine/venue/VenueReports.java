/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.Side;

/**
 * Where a venue sends its execution reports: the ledger's log (through {@code LedgerProxy}).
 */
public interface VenueReports
{
    /**
     * An execution.
     *
     * @param timeNs         venue time.
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param fillId         increasing per order.
     * @param price          execution price mantissa.
     * @param quantity       executed quantity mantissa.
     * @param leavesQuantity open after this fill.
     * @param feeMantissa    fee mantissa.
     * @param feeExponent    fee exponent.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           side.
     * @param liquidity      maker or taker.
     * @return true when sent.
     */
    boolean fill(
        long timeNs, long orderId, long clientOrderId, long fillId, long price, long quantity, long leavesQuantity,
        long feeMantissa, int feeExponent, int portfolioId, int strategyId, int instrumentId, Side side,
        Liquidity liquidity);

    /**
     * A remainder that will not fill.
     *
     * @param timeNs            venue time.
     * @param orderId           ledger order id.
     * @param clientOrderId     sender's id.
     * @param cancelledQuantity quantity.
     * @param portfolioId       portfolio.
     * @param strategyId        strategy.
     * @param instrumentId      instrument.
     * @param reason            why.
     * @return true when sent.
     */
    boolean cancel(
        long timeNs, long orderId, long clientOrderId, long cancelledQuantity, int portfolioId, int strategyId,
        int instrumentId, CancelReason reason);
}
