/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;

/**
 * Live order entry: where the ledger's accepted orders are executed. The ledger is the system of record; a venue
 * learns of orders from the ledger's egress and reports executions back into the ledger's log through
 * {@link VenueReports}, as a venue gateway does. {@link PaperVenue} is the one implementation.
 * <p>
 * What a live adapter (an exchange's REST/WebSocket or FIX order entry) must do:
 * <ul>
 *     <li>send each accepted order to the exchange once, keyed by the ledger order id (as the exchange's client
 *     order id), so an acknowledgement repeated after a ledger leader change is recognised and not sent twice;</li>
 *     <li>translate the exchange's execution reports into {@link VenueReports#fill} with fill ids increasing per
 *     order (the exchange's trade id), and remainders (IOC, expiry, exchange cancels) into
 *     {@link VenueReports#cancel}; the ledger drops repeated fill ids, so resending after a reconnect is safe;</li>
 *     <li>on {@link #onOrderClosed} for an order still live at the exchange (a cancel requested through the ledger,
 *     or the kill switch), cancel it at the exchange; a fill racing the cancel must still be reported (this needs a
 *     pending-cancel state in the ledger, which the paper venue does not need because it fills only open orders);</li>
 *     <li>on start, reconcile: ask the exchange for open orders and fills since the last report and report what the
 *     ledger has not seen;</li>
 *     <li>use the exchange's time for fills, never the local clock, and exact decimals at the instrument's scales.</li>
 * </ul>
 */
public interface Venue
{
    /**
     * The ledger accepted an order (or acknowledged it again: ignore an order id already known).
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
    void onOrderAccepted(
        long timeNs, long orderId, long clientOrderId, int portfolioId, int strategyId, int instrumentId, Side side,
        OrderType orderType, TimeInForce timeInForce, long price, long quantity);

    /**
     * The ledger closed an order (cancelled, or filled in full): stop working it.
     *
     * @param orderId ledger order id.
     */
    void onOrderClosed(long orderId);
}
