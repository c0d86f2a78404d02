/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.strategy.Strategies;
import io.alphapulse.strategy.StrategyParams;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestEngineTest
{
    private static final List<String> PARAMS = List.of("instrument=KRAKEN:BTC-USD", "fast=5", "slow=20",
        "quantity=0.01");

    static BacktestResult run(final long seed, final int messages, final List<String> params)
    {
        final BacktestEngine engine = new BacktestEngine(Strategies.create("momentum", StrategyParams.parse(params)),
            params.toString(), new BigDecimal("100000"), 26, 16,
            TimeUnit.SECONDS.toNanos(1));
        final MarketDataAdapter adapter = new MarketDataAdapter(engine, Long.MIN_VALUE, Long.MAX_VALUE);
        final SyntheticMergedStream stream = new SyntheticMergedStream(seed, 1_900_000_000_000_000_000L, 1_000_000);
        for (int i = -2; i < messages; i++)
        {
            final int length = i < 0 ? stream.definition(i + 2) : stream.next();
            adapter.onMessage(stream.buffer(), 0, length);
        }
        assertEquals(0, adapter.rejected());
        return engine.finish();
    }

    @Test
    void sameEventsGiveTheSameResultHash()
    {
        final BacktestResult first = run(7, 20_000, PARAMS);
        final BacktestResult second = run(7, 20_000, PARAMS);
        assertTrue(first.fills().size() > 20, first.fills().size() + " fills, orders " + first.orders().size());
        assertEquals(first, second);
        assertNotEquals(first.hash(), run(8, 20_000, PARAMS).hash(), "other events, another result");
    }

    @Test
    void accountsExactly()
    {
        final BacktestResult result = run(7, 20_000, PARAMS);
        BigDecimal fees = BigDecimal.ZERO;
        BigDecimal turnover = BigDecimal.ZERO;
        for (final BacktestResult.FillRecord fill : result.fills())
        {
            final BigDecimal notional = fill.price().multiply(fill.quantity());
            final BigDecimal rate = "MAKER".equals(fill.liquidity()) ? new BigDecimal("0.0016") : new BigDecimal("0.0026");
            assertEquals(0, notional.multiply(rate).setScale(10, java.math.RoundingMode.HALF_UP).compareTo(fill.fee()),
                fill.toString());
            fees = fees.add(fill.fee());
            turnover = turnover.add(notional);
        }
        assertEquals(0, fees.compareTo(result.fees()));
        assertEquals(0, turnover.compareTo(result.turnover()));
        assertTrue(result.maxDrawdown().signum() >= 0);
        assertEquals(0, result.equity().get(result.equity().size() - 1).equity()
            .subtract(result.initialCash()).compareTo(result.pnl()));
    }
}
