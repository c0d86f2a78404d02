/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what a strategy sends.
 */
public final class RecordingOrderSink implements OrderSink
{
    /**
     * One order as sent.
     *
     * @param timeNs        decision time.
     * @param clientOrderId id.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param price         price.
     * @param quantity      quantity.
     * @param timeInForce   time in force.
     */
    public record SentOrder(
        long timeNs, long clientOrderId, int instrumentId, Side side, long price, long quantity, TimeInForce timeInForce)
    {
    }

    public final List<SentOrder> orders = new ArrayList<>();
    public final List<Long> cancels = new ArrayList<>();

    public boolean newOrder(
        final long timeNs,
        final long clientOrderId,
        final int strategyId,
        final int portfolioId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final TimeInForce timeInForce)
    {
        orders.add(new SentOrder(timeNs, clientOrderId, instrumentId, side, price, quantity, timeInForce));
        return true;
    }

    public boolean cancelOrder(final long timeNs, final long clientOrderId, final int strategyId, final int portfolioId)
    {
        cancels.add(clientOrderId);
        return true;
    }
}
