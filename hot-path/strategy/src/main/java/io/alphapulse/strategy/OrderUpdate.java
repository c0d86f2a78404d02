/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * The state of one of the strategy's orders after a change (accepted, rejected, filled in part or whole, cancelled).
 * Reused: valid only during the callback.
 */
public final class OrderUpdate extends OrderEvent
{
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
        setOrder(timeNs, clientOrderId, instrumentId, side, price, quantity);
        this.filledQuantity = filledQuantity;
        this.status = status;
        this.reason = reason;
        return this;
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
        return status.isTerminal() ? 0 : quantity() - filledQuantity;
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
