/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

/**
 * Pre-trade limits of a portfolio, or of one instrument in it. A zero limit means "no limit" for that check.
 */
public final class RiskLimits
{
    long maxOrderQuantity;
    long maxPosition;
    long maxOrderNotional;
    long priceBandBps;
    long maxOrdersPerSecond;

    /**
     * Set every limit.
     *
     * @param maxOrderQuantity   largest order quantity mantissa (instrument scale), 0 none.
     * @param maxPosition        largest absolute position mantissa incl. open orders, 0 none.
     * @param maxOrderNotional   largest price * quantity at {@link Ledger#CASH_SCALE}, 0 none.
     * @param priceBandBps       largest distance of a limit price from the last trade, basis points, 0 none.
     * @param maxOrdersPerSecond orders a strategy may place per second of cluster time, 0 none.
     * @return this.
     */
    public RiskLimits set(
        final long maxOrderQuantity,
        final long maxPosition,
        final long maxOrderNotional,
        final long priceBandBps,
        final long maxOrdersPerSecond)
    {
        this.maxOrderQuantity = maxOrderQuantity;
        this.maxPosition = maxPosition;
        this.maxOrderNotional = maxOrderNotional;
        this.priceBandBps = priceBandBps;
        this.maxOrdersPerSecond = maxOrdersPerSecond;
        return this;
    }

    /**
     * Largest order quantity, 0 none.
     *
     * @return limit.
     */
    public long maxOrderQuantity()
    {
        return maxOrderQuantity;
    }

    /**
     * Largest absolute position, 0 none.
     *
     * @return limit.
     */
    public long maxPosition()
    {
        return maxPosition;
    }

    /**
     * Largest notional at the cash scale, 0 none.
     *
     * @return limit.
     */
    public long maxOrderNotional()
    {
        return maxOrderNotional;
    }

    /**
     * Price band in basis points, 0 none.
     *
     * @return limit.
     */
    public long priceBandBps()
    {
        return priceBandBps;
    }

    /**
     * Order rate per strategy per second, 0 none.
     *
     * @return limit.
     */
    public long maxOrdersPerSecond()
    {
        return maxOrdersPerSecond;
    }
}
