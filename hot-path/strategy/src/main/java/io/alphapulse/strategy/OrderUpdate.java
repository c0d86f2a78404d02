/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * The state of one of the strategy's orders after a change (accepted, rejected, filled in part or whole, cancelled).
 * Reused: valid only during the callback.
 */
public final class OrderUpdate
{
    private long timeNs;
    private long clientOrderId;
    private int instrumentId;
    private Side side;
    private long price;
    private long quantity;
    private long filledQuantity;
    private OrderStatus status;
    private String reason;

    /**
     * Set every field.
     *
     * @param timeNs         ledger time of the change.
     * @param clientOrderId  the id {@link StrategyContext#placeOrder} returned.
     * @param instrumentId   instrument.
     * @param side           side.
     * @param price          limit price mantissa.
     * @param quantity       order quantity mantissa.
     * @param filledQuantity quantity filled so far.
     * @param status         new status.
     * @param reason         reject or cancel reason name (a constant), or null.
     * @return this.
     */
    public OrderUpdate set(
        final long timeNs,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long filledQuantity,
        final OrderStatus status,
        final String reason)
    {
        this.timeNs = timeNs;
        this.clientOrderId = clientOrderId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
        this.filledQuantity = filledQuantity;
        this.status = status;
        this.reason = reason;
        return this;
    }

    /**
     * Ledger time of the change.
     *
     * @return time, ns since the epoch.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * The strategy's id of the order.
     *
     * @return client order id.
     */
    public long clientOrderId()
    {
        return clientOrderId;
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
     * Limit price mantissa.
     *
     * @return price mantissa.
     */
    public long price()
    {
        return price;
    }

    /**
     * Order quantity mantissa.
     *
     * @return quantity mantissa.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * Quantity filled so far.
     *
     * @return filled quantity mantissa.
     */
    public long filledQuantity()
    {
        return filledQuantity;
    }

    /**
     * Quantity still open (zero once terminal).
     *
     * @return open quantity mantissa.
     */
    public long leavesQuantity()
    {
        return status.isTerminal() ? 0 : quantity - filledQuantity;
    }

    /**
     * New status.
     *
     * @return status.
     */
    public OrderStatus status()
    {
        return status;
    }

    /**
     * Reject reason code name (e.g. {@code MAX_POSITION}) or cancel reason (e.g. {@code IOC_REMAINDER}), or null.
     *
     * @return reason name or null.
     */
    public String reason()
    {
        return reason;
    }
}
