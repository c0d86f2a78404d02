/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

/**
 * Position of one portfolio in one instrument, with its cost and realized PnL (average-cost method).
 */
public final class Position
{
    final int portfolioId;
    final int instrumentId;
    long quantity;
    long cost;
    long realizedPnl;
    long openBuyQuantity;
    long openSellQuantity;

    Position(final int portfolioId, final int instrumentId)
    {
        this.portfolioId = portfolioId;
        this.instrumentId = instrumentId;
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
     * Instrument.
     *
     * @return instrument id.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * Signed position at the instrument's quantity scale.
     *
     * @return position mantissa.
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * Signed cost of the open position at {@link Ledger#CASH_SCALE} (negative when short).
     *
     * @return cost.
     */
    public long cost()
    {
        return cost;
    }

    /**
     * Realized PnL net of fees at {@link Ledger#CASH_SCALE}.
     *
     * @return realized PnL.
     */
    public long realizedPnl()
    {
        return realizedPnl;
    }

    /**
     * Open quantity of buy orders.
     *
     * @return quantity mantissa.
     */
    public long openBuyQuantity()
    {
        return openBuyQuantity;
    }

    /**
     * Open quantity of sell orders.
     *
     * @return quantity mantissa.
     */
    public long openSellQuantity()
    {
        return openSellQuantity;
    }
}
