/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.alphapulse.bench.support.Latencies;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.TradeEvent;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The strategy at the end of the path: on every trade it reads {@link System#nanoTime()} and records the time since
 * the trade's receive time, which the run sets to the frame's intended receive time (the schedule), on the run's one
 * clock. Trades received before the measured window are counted, not recorded.
 */
final class TimingStrategy implements Strategy
{
    private final Histogram histogram = Latencies.histogram();
    private final long epochOffsetNs;
    private volatile long recordFromEpochNs = Long.MAX_VALUE;
    private final AtomicLong trades = new AtomicLong();

    /**
     * A strategy recording nothing until {@link #recordFrom(long)}.
     *
     * @param epochOffsetNs epoch ns minus {@link System#nanoTime()}: the run's clock.
     */
    TimingStrategy(final long epochOffsetNs)
    {
        this.epochOffsetNs = epochOffsetNs;
    }

    /**
     * Record trades received (intended) from this time on: the end of the warm-up.
     *
     * @param epochNs first intended receive time recorded.
     */
    void recordFrom(final long epochNs)
    {
        recordFromEpochNs = epochNs;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return "e2e-timing";
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeEvent trade)
    {
        final long nowEpochNs = System.nanoTime() + epochOffsetNs;
        if (trade.timeNs() - recordFromEpochNs >= 0)
        {
            Latencies.record(histogram, nowEpochNs - trade.timeNs());
        }
        trades.lazySet(trades.get() + 1);
    }

    /**
     * Trades seen so far, from any thread.
     *
     * @return count.
     */
    long trades()
    {
        return trades.get();
    }

    /**
     * The histogram; read after the engine's thread has stopped.
     *
     * @return ns.
     */
    Histogram histogram()
    {
        return histogram;
    }
}
