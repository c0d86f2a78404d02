/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.support;

import io.alphapulse.bench.BenchResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Latency histograms (ns) as the stages report them: p50, p99, p99.9 and max, on the progress stream and as
 * {@link BenchResult} records.
 */
public final class Latencies
{
    /**
     * Highest value the stages' histograms track: 60 s, so a stalled run is recorded, not clipped.
     */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Percentiles reported besides the max.
     */
    private static final double[] PERCENTILES = {50, 99, 99.9};

    private Latencies()
    {
    }

    /**
     * A histogram of ns with 3 significant digits up to {@link #HIGHEST_TRACKABLE_NS}.
     *
     * @return a new histogram.
     */
    public static Histogram histogram()
    {
        return new Histogram(HIGHEST_TRACKABLE_NS, 3);
    }

    /**
     * Record a value, clipped to what the histogram tracks (a negative one, from clocks read on two threads, as 0).
     *
     * @param histogram where.
     * @param valueNs   the value.
     */
    public static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(Math.max(0, Math.min(HIGHEST_TRACKABLE_NS, valueNs)));
    }

    /**
     * One line: {@code p50 .. us, p99 .. us, p99.9 .. us, max .. us over N samples}.
     *
     * @param histogram ns.
     * @param unit      {@code us} or {@code ms}.
     * @return the line.
     */
    public static String summary(final Histogram histogram, final String unit)
    {
        return String.format(Locale.ROOT, "p50 %.1f %s, p99 %.1f %s, p99.9 %.1f %s, max %.1f %s over %,d samples",
            in(histogram.getValueAtPercentile(50), unit), unit, in(histogram.getValueAtPercentile(99), unit), unit,
            in(histogram.getValueAtPercentile(99.9), unit), unit, in(histogram.getMaxValue(), unit), unit,
            histogram.getTotalCount());
    }

    /**
     * Records p50, p99, p99.9 and max: metric {@code what + " p50" + conditions}, and so on.
     *
     * @param stage      stage name.
     * @param what       what is measured, e.g. {@code collector -> strategy latency}.
     * @param conditions appended to each metric, e.g. {@code " at 10,000 frames/s [shared]"}.
     * @param histogram  ns.
     * @param unit       {@code us} or {@code ms}.
     * @param anchor     anchor name: {@code "none here"} when none can run here, never invented.
     * @param anchorHistogram the anchor's histogram in ns, or null when there is none.
     * @return four records.
     */
    public static List<BenchResult> results(
        final String stage,
        final String what,
        final String conditions,
        final Histogram histogram,
        final String unit,
        final String anchor,
        final Histogram anchorHistogram)
    {
        final List<BenchResult> results = new ArrayList<>();
        for (final double percentile : PERCENTILES)
        {
            results.add(new BenchResult(stage,
                what + " p" + (percentile == Math.rint(percentile) ? String.valueOf((long)percentile) :
                    String.valueOf(percentile)) + conditions,
                in(histogram.getValueAtPercentile(percentile), unit), unit, anchor,
                null == anchorHistogram ? null : in(anchorHistogram.getValueAtPercentile(percentile), unit)));
        }
        results.add(new BenchResult(stage, what + " max" + conditions, in(histogram.getMaxValue(), unit), unit,
            anchor, null == anchorHistogram ? null : in(anchorHistogram.getMaxValue(), unit)));
        return results;
    }

    /**
     * Nanoseconds in a unit.
     *
     * @param nanos ns.
     * @param unit  {@code ns}, {@code us}, {@code ms} or {@code s}.
     * @return the value in the unit.
     */
    public static double in(final long nanos, final String unit)
    {
        return switch (unit)
        {
            case "ns" -> nanos;
            case "us" -> nanos / 1_000.0;
            case "ms" -> nanos / 1_000_000.0;
            case "s" -> nanos / 1_000_000_000.0;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "': ns, us, ms or s");
        };
    }
}
