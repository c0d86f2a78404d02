/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * Order side.
 */
public enum Side
{
    /**
     * Buy.
     */
    BUY,

    /**
     * Sell.
     */
    SELL;

    /**
     * The other side.
     *
     * @return the other side.
     */
    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    /**
     * +1 for a buy, -1 for a sell: the sign of the position change a fill causes.
     *
     * @return +1 or -1.
     */
    public int sign()
    {
        return this == BUY ? 1 : -1;
    }
}
