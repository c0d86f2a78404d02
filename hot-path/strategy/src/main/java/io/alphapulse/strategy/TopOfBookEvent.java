/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * Best bid and ask of one instrument. Reused: valid only during the callback.
 */
public final class TopOfBookEvent
{
    /**
     * Quantity value when the exchange does not send one.
     */
    public static final long NO_QUANTITY = Long.MIN_VALUE;

    private long timeNs;
    private int instrumentId;
    private long bidPrice;
    private long bidQuantity;
    private long askPrice;
    private long askQuantity;

    /**
     * Set every field.
     *
     * @param timeNs       event time, ns since the epoch.
     * @param instrumentId instrument.
     * @param bidPrice     best bid price mantissa.
     * @param bidQuantity  best bid quantity mantissa, or {@link #NO_QUANTITY}.
     * @param askPrice     best ask price mantissa.
     * @param askQuantity  best ask quantity mantissa, or {@link #NO_QUANTITY}.
     * @return this.
     */
    public TopOfBookEvent set(
        final long timeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        this.timeNs = timeNs;
        this.instrumentId = instrumentId;
        this.bidPrice = bidPrice;
        this.bidQuantity = bidQuantity;
        this.askPrice = askPrice;
        this.askQuantity = askQuantity;
        return this;
    }

    /**
     * Event time, ns since the epoch.
     *
     * @return event time.
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
     * Best bid price mantissa.
     *
     * @return best bid price mantissa.
     */
    public long bidPrice()
    {
        return bidPrice;
    }

    /**
     * Best bid quantity mantissa, or {@link #NO_QUANTITY}.
     *
     * @return best bid quantity.
     */
    public long bidQuantity()
    {
        return bidQuantity;
    }

    /**
     * Best ask price mantissa.
     *
     * @return best ask price mantissa.
     */
    public long askPrice()
    {
        return askPrice;
    }

    /**
     * Best ask quantity mantissa, or {@link #NO_QUANTITY}.
     *
     * @return best ask quantity.
     */
    public long askQuantity()
    {
        return askQuantity;
    }
}
