/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * Where a {@link StrategyHost} sends orders: the engine's ledger client live, a simulated venue in a backtest.
 */
public interface OrderSink
{
    /**
     * Send a new limit order.
     *
     * @param timeNs        event time of the decision.
     * @param clientOrderId id unique and increasing per strategy.
     * @param strategyId    strategy instance.
     * @param portfolioId   portfolio.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param price         limit price mantissa.
     * @param quantity      quantity mantissa.
     * @param timeInForce   time in force.
     * @return true when sent.
     */
    boolean newOrder(
        long timeNs,
        long clientOrderId,
        int strategyId,
        int portfolioId,
        int instrumentId,
        Side side,
        long price,
        long quantity,
        TimeInForce timeInForce);

    /**
     * Ask to cancel an order.
     *
     * @param timeNs        event time of the decision.
     * @param clientOrderId the order.
     * @param strategyId    strategy instance.
     * @param portfolioId   portfolio.
     * @return true when sent.
     */
    boolean cancelOrder(long timeNs, long clientOrderId, int strategyId, int portfolioId);
}
