/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;

/**
 * An open order in the ledger. Closed orders (filled, cancelled) leave the ledger's state; their history is in the
 * egress stream and PostgreSQL. The ledger reuses a closed order's object for a later order ({@link OrderPool}): a
 * reference is valid while the order is open (or during the listener call that reports its close).
 */
public final class Order
{
    long orderId;
    long clientOrderId;
    int portfolioId;
    int strategyId;
    int instrumentId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    long price;
    long quantity;
    long filledQuantity;
    long lastFillId;
    long acceptedTimeNs;

    /**
     * Clear every field (the order is closed and goes back to the ledger's {@link OrderPool}).
     */
    void reset()
    {
        orderId = 0;
        clientOrderId = 0;
        portfolioId = 0;
        strategyId = 0;
        instrumentId = 0;
        side = null;
        orderType = null;
        timeInForce = null;
        price = 0;
        quantity = 0;
        filledQuantity = 0;
        lastFillId = 0;
        acceptedTimeNs = 0;
    }

    /**
     * Ledger order id.
     *
     * @return order id.
     */
    public long orderId()
    {
        return orderId;
    }

    /**
     * Sender's order id.
     *
     * @return client order id.
     */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * Portfolio.
     *
     * @return portfolio id.
     */
    public int portfolioId()
    {
        return portfolioId;
    }

    /**
     * Strategy.
     *
     * @return strategy id.
     */
    public int strategyId()
    {
        return strategyId;
    }

    /**
     * Instrument.
     *
     * @return instrument id.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * Side.
     *
     * @return side.
     */
    public Side side()
    {
        return side;
    }

    /**
     * Order type.
     *
     * @return order type.
     */
    public OrderType orderType()
    {
        return orderType;
    }

    /**
     * Time in force.
     *
     * @return time in force.
     */
    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    /**
     * Limit price mantissa.
     *
     * @return price.
     */
    public long price()
    {
        return price;
    }

    /**
     * Quantity mantissa.
     *
     * @return quantity.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * Filled so far.
     *
     * @return filled quantity.
     */
    public long filledQuantity()
    {
        return filledQuantity;
    }

    /**
     * Still open.
     *
     * @return leaves quantity.
     */
    public long leavesQuantity()
    {
        return quantity - filledQuantity;
    }
}
