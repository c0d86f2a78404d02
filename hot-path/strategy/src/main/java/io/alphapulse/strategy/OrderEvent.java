/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * What {@link FillEvent} and {@link OrderUpdate} share: the time, the order's identity and a price and quantity, whose
 * meaning each subclass documents (the execution of a fill, the limit and size of an order). Reused: valid only during
 * the callback.
 */
abstract class OrderEvent
{
    private long timeNs;
    private long clientOrderId;
    private int instrumentId;
    private Side side;
    private long price;
    private long quantity;

    final void setOrder(
        final long timeNs,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        this.timeNs = timeNs;
        this.clientOrderId = clientOrderId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
    }

    /**
     * Time of the event: venue time of a fill, ledger time of an order update.
     *
     * @return time, ns since the epoch.
     */
    public final long timeNs()
    {
        return timeNs;
    }

    /**
     * The strategy's id of the order (the id {@link StrategyContext#placeOrder} returned).
     *
     * @return client order id.
     */
    public final long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * Instrument.
     *
     * @return instrument id.
     */
    public final int instrumentId()
    {
        return instrumentId;
    }

    /**
     * Side of the order.
     *
     * @return side.
     */
    public final Side side()
    {
        return side;
    }

    /**
     * Price mantissa: the execution price of a fill, the limit price of an order update.
     *
     * @return price mantissa.
     */
    public final long price()
    {
        return price;
    }

    /**
     * Quantity mantissa: the executed quantity of a fill, the order quantity of an order update.
     *
     * @return quantity mantissa.
     */
    public final long quantity()
    {
        return quantity;
    }
}
