/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * A trade print. One instance is reused for every trade: valid only during the callback.
 */
public final class TradeEvent
{
    private long timeNs;
    private int instrumentId;
    private long price;
    private long quantity;
    private Side aggressorSide;

    /**
     * Set every field (the engine or a test does this before dispatch).
     *
     * @param timeNs        event time, ns since the epoch (the collector's receive time).
     * @param instrumentId  instrument.
     * @param price         price mantissa at the instrument's price scale.
     * @param quantity      quantity mantissa at the instrument's quantity scale.
     * @param aggressorSide taker side, or null when the exchange does not say.
     * @return this.
     */
    public TradeEvent set(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        this.timeNs = timeNs;
        this.instrumentId = instrumentId;
        this.price = price;
        this.quantity = quantity;
        this.aggressorSide = aggressorSide;
        return this;
    }

    /**
     * Event time, ns since the epoch.
     *
     * @return event time, ns since the epoch.
     */
    public long timeNs()
    {
        return timeNs;
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
     * Price mantissa at the instrument's price scale.
     *
     * @return price mantissa.
     */
    public long price()
    {
        return price;
    }

    /**
     * Quantity mantissa at the instrument's quantity scale.
     *
     * @return quantity mantissa.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * Taker side, or null when unknown.
     *
     * @return taker side, or null.
     */
    public Side aggressorSide()
    {
        return aggressorSide;
    }
}
