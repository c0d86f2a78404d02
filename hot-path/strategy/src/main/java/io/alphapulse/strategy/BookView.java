/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * Read-only view of an L2 book of one instrument on one exchange: levels ranked from the best (rank 0). Valid only
 * during the callback; the engine updates it in place.
 */
public interface BookView
{
    /**
     * Instrument.
     *
     * @return instrument id.
     */
    int instrumentId();

    /**
     * Number of bid levels.
     *
     * @return number of bid levels.
     */
    int bidDepth();

    /**
     * Number of ask levels.
     *
     * @return number of ask levels.
     */
    int askDepth();

    /**
     * Bid price at a rank.
     *
     * @param rank 0 is the best.
     * @return price mantissa.
     */
    long bidPrice(int rank);

    /**
     * Bid quantity at a rank.
     *
     * @param rank 0 is the best.
     * @return quantity mantissa.
     */
    long bidQuantity(int rank);

    /**
     * Ask price at a rank.
     *
     * @param rank 0 is the best.
     * @return price mantissa.
     */
    long askPrice(int rank);

    /**
     * Ask quantity at a rank.
     *
     * @param rank 0 is the best.
     * @return quantity mantissa.
     */
    long askQuantity(int rank);

    /**
     * Time of the last change, ns since the epoch.
     *
     * @return time of the last change.
     */
    long timeNs();
}
