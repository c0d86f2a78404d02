/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.decode;

import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.JmhStage;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Figures of the {@code decode} stage: per exchange and kind, messages per second (one core), frames per second,
 * allocation per message (JMH GC profiler, steady state) and time per frame at p50 and p99.
 */
public final class DecodeResults implements JmhStage.ResultMapper
{
    /**
     * {@inheritDoc}
     */
    public List<BenchResult> map(final String stage, final Collection<RunResult> runResults)
    {
        final List<RunResult> sorted = new ArrayList<>(runResults);
        sorted.sort(Comparator.comparing((RunResult r) -> r.getParams().getParam("exchange"))
            .thenComparing((r) -> r.getParams().getParam("mix"))
            .thenComparing((r) -> r.getParams().getBenchmark()));

        final List<BenchResult> results = new ArrayList<>();
        for (final RunResult run : sorted)
        {
            final String what = run.getParams().getParam("exchange") + " " +
                ("TRADES".equals(run.getParams().getParam("mix")) ? "trades" : "book updates");
            if (run.getParams().getBenchmark().endsWith("decodeThroughput"))
            {
                final double framesPerSecond = run.getPrimaryResult().getScore();
                final Result<?> messages = run.getSecondaryResults().get("messages");
                final double messagesPerSecond = null == messages ? framesPerSecond : messages.getScore();
                results.add(new BenchResult(stage, what + ": messages/s, decode to SBE, one thread",
                    messagesPerSecond, "msg/s", null, null));
                results.add(new BenchResult(stage, what + ": frames/s", framesPerSecond, "frames/s", null, null));
                final Result<?> allocation = run.getSecondaryResults().get("gc.alloc.rate.norm");
                if (null != allocation)
                {
                    final double messagesPerFrame = messagesPerSecond / framesPerSecond;
                    results.add(new BenchResult(stage, what + ": allocation per message (steady state)",
                        allocation.getScore() / messagesPerFrame, "B/msg", null, null));
                }
            }
            else
            {
                final Statistics statistics = run.getPrimaryResult().getStatistics();
                results.add(new BenchResult(stage, what + ": time per frame p50", statistics.getPercentile(50),
                    "ns", null, null));
                results.add(new BenchResult(stage, what + ": time per frame p99", statistics.getPercentile(99),
                    "ns", null, null));
            }
        }
        return results;
    }
}
