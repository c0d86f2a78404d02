/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a backtest (or a recorded paper run) produced. Money is exact ({@link BigDecimal}); the Sharpe ratio is a
 * statistic and the only floating-point figure.
 *
 * @param strategy     strategy name.
 * @param params       parameters as given.
 * @param events       market-data messages driven through the strategy.
 * @param firstEventNs first event time, or 0.
 * @param lastEventNs  last event time, or 0.
 * @param orders       every order, in id order.
 * @param fills        every fill, in time order.
 * @param equity       the equity curve, sampled on event time.
 * @param initialCash  starting cash.
 * @param pnl          final equity minus starting cash, fees included.
 * @param fees         fees paid.
 * @param turnover     traded notional.
 * @param maxDrawdown  largest fall of equity from a previous peak.
 * @param sharpe       annualised Sharpe ratio of the sampled equity returns (NaN when undefined).
 * @param hash         SHA-256 of the canonical orders, fills, curve and figures.
 */
public record BacktestResult(
    String strategy,
    String params,
    long events,
    long firstEventNs,
    long lastEventNs,
    List<OrderRecord> orders,
    List<FillRecord> fills,
    List<EquityPoint> equity,
    BigDecimal initialCash,
    BigDecimal pnl,
    BigDecimal fees,
    BigDecimal turnover,
    BigDecimal maxDrawdown,
    double sharpe,
    String hash)
{
    /**
     * An order and how it ended.
     *
     * @param clientOrderId  id.
     * @param timeNs         event time it was placed.
     * @param instrumentId   instrument.
     * @param side           BUY or SELL.
     * @param price          limit price.
     * @param quantity       quantity.
     * @param timeInForce    GTC or IOC.
     * @param status         final status.
     * @param filledQuantity quantity filled.
     * @param reason         cancel reason, or null.
     */
    public record OrderRecord(
        long clientOrderId, long timeNs, int instrumentId, String side, BigDecimal price, BigDecimal quantity,
        String timeInForce, String status, BigDecimal filledQuantity, String reason)
    {
    }

    /**
     * One execution.
     *
     * @param timeNs        event time.
     * @param clientOrderId order.
     * @param instrumentId  instrument.
     * @param side          BUY or SELL.
     * @param price         price.
     * @param quantity      quantity.
     * @param fee           fee in the quote currency.
     * @param liquidity     TAKER or MAKER.
     */
    public record FillRecord(
        long timeNs, long clientOrderId, int instrumentId, String side, BigDecimal price, BigDecimal quantity,
        BigDecimal fee, String liquidity)
    {
    }

    /**
     * Equity at a time.
     *
     * @param timeNs event time.
     * @param equity cash plus positions at their mark.
     */
    public record EquityPoint(long timeNs, BigDecimal equity)
    {
    }
}
