/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

/**
 * One measured figure, as written to {@code --json}: {@code ratio = value / anchorValue} where there is an anchor
 * (below 1 means less time, or fewer bytes, than the anchor; above 1 means more rows or messages per second when the
 * unit is a rate).
 *
 * @param stage       stage name, e.g. {@code codec}.
 * @param metric      what was measured, with its conditions.
 * @param value       the figure.
 * @param unit        unit of the figure, e.g. {@code ns/op}.
 * @param anchor      what the figure is compared with, measured in the same run, or null.
 * @param anchorValue the anchor's figure in the same unit, or null.
 */
public record BenchResult(String stage, String metric, double value, String unit, String anchor, Double anchorValue)
{
    /**
     * Value divided by the anchor's value, or null without an anchor.
     *
     * @return value divided by the anchor's value, or null.
     */
    public Double ratio()
    {
        return null == anchorValue || 0.0 == anchorValue ? null : value / anchorValue;
    }
}
