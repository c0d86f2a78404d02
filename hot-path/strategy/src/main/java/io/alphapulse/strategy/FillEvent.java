/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * An execution of one of the strategy's orders. Reused: valid only during the callback.
 */
public final class FillEvent
{
    private long timeNs;
    private long clientOrderId;
    private int instrumentId;
    private Side side;
    private long price;
    private long quantity;
    private long leavesQuantity;
    private long feeMantissa;
    private int feeExponent;

    /**
     * Set every field.
     *
     * @param timeNs         venue time of the execution.
     * @param clientOrderId  the strategy's order id.
     * @param instrumentId   instrument.
     * @param side           side of the order.
     * @param price          execution price mantissa.
     * @param quantity       executed quantity mantissa.
     * @param leavesQuantity quantity still open.
     * @param feeMantissa    fee mantissa, in the quote asset.
     * @param feeExponent    fee exponent: fee = mantissa * 10^exponent.
     * @return this.
     */
    public FillEvent set(
        final long timeNs,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int feeExponent)
    {
        this.timeNs = timeNs;
        this.clientOrderId = clientOrderId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
        this.leavesQuantity = leavesQuantity;
        this.feeMantissa = feeMantissa;
        this.feeExponent = feeExponent;
        return this;
    }

    /**
     * Venue time of the execution.
     *
     * @return time, ns since the epoch.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * The strategy's order id.
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
     * Side of the order.
     *
     * @return side.
     */
    public Side side()
    {
        return side;
    }

    /**
     * Execution price mantissa.
     *
     * @return price mantissa.
     */
    public long price()
    {
        return price;
    }

    /**
     * Executed quantity mantissa.
     *
     * @return quantity mantissa.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * Quantity of the order still open.
     *
     * @return leaves quantity mantissa.
     */
    public long leavesQuantity()
    {
        return leavesQuantity;
    }

    /**
     * Fee mantissa in the quote asset.
     *
     * @return fee mantissa.
     */
    public long feeMantissa()
    {
        return feeMantissa;
    }

    /**
     * Fee exponent.
     *
     * @return fee exponent.
     */
    public int feeExponent()
    {
        return feeExponent;
    }
}
