/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Says each distinct problem once and clearly, then counts its repeats and reports the count at most once per
 * interval, so a stream of malformed frames neither floods the log nor goes unnoticed.
 */
public final class ErrorReporter
{
    private static final int KEY_LENGTH = 120;

    private final PrintStream out;
    private final String component;
    private final long repeatIntervalNs;
    private final Map<String, long[]> repeats = new HashMap<>();
    private long nextRepeatReportNs;
    private long total;

    /**
     * A reporter.
     *
     * @param out              where to print.
     * @param component        e.g. {@code collector-kraken}.
     * @param repeatIntervalNs how often repeat counts are printed.
     */
    public ErrorReporter(final PrintStream out, final String component, final long repeatIntervalNs)
    {
        this.out = out;
        this.component = component;
        this.repeatIntervalNs = repeatIntervalNs;
    }

    /**
     * Report a problem.
     *
     * @param kind    short category, e.g. {@code decode error}.
     * @param message what happened, naming the value.
     * @param nowNs   monotonic or epoch ns.
     */
    public void report(final String kind, final String message, final long nowNs)
    {
        total++;
        final String key = kind + ": " + (message.length() > KEY_LENGTH ? message.substring(0, KEY_LENGTH) : message);
        final long[] count = repeats.get(key);
        if (null == count)
        {
            repeats.put(key, new long[]{0});
            out.println(Instant.now() + " " + component + " " + kind + ": " + message +
                " (reported once; repeats are counted)");
        }
        else
        {
            count[0]++;
        }
        flushRepeats(nowNs);
    }

    /**
     * Print repeat counts if the interval has passed.
     *
     * @param nowNs monotonic or epoch ns.
     */
    public void flushRepeats(final long nowNs)
    {
        if (nowNs - nextRepeatReportNs < 0)
        {
            return;
        }
        nextRepeatReportNs = nowNs + repeatIntervalNs;
        for (final Map.Entry<String, long[]> entry : repeats.entrySet())
        {
            if (entry.getValue()[0] > 0)
            {
                out.println(Instant.now() + " " + component + " " + entry.getValue()[0] + " more: " + entry.getKey());
                entry.getValue()[0] = 0;
            }
        }
    }

    /**
     * Problems reported in all.
     *
     * @return total count.
     */
    public long total()
    {
        return total;
    }
}
