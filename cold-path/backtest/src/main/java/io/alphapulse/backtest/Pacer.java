/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Replay speed: as fast as possible, or event time scaled to wall time ({@code 1x} is real time, {@code 10x} ten
 * times faster). Pacing only delays delivery; results never depend on it.
 */
public final class Pacer
{
    private final double speed;
    private long firstEventNs = Long.MIN_VALUE;
    private long startWallNs;

    private Pacer(final double speed)
    {
        this.speed = speed;
    }

    /**
     * Parse {@code max}, {@code 1x}, {@code 10x}, {@code 0.5x}.
     *
     * @param text speed.
     * @return the pacer.
     */
    public static Pacer parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        if ("max".equals(value))
        {
            return new Pacer(0);
        }
        try
        {
            final double speed = Double.parseDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) :
                value);
            if (!(speed > 0))
            {
                throw new NumberFormatException();
            }
            return new Pacer(speed);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--speed " + text + ": use max, 1x, 10x, 0.5x ...");
        }
    }

    /**
     * Whether events are delivered as fast as possible.
     *
     * @return true for max.
     */
    public boolean isMax()
    {
        return speed == 0;
    }

    /**
     * Wait until an event is due.
     *
     * @param eventTimeNs the event's time.
     */
    public void await(final long eventTimeNs)
    {
        if (isMax())
        {
            return;
        }
        if (Long.MIN_VALUE == firstEventNs)
        {
            firstEventNs = eventTimeNs;
            startWallNs = System.nanoTime();
            return;
        }
        final long dueNs = startWallNs + (long)((eventTimeNs - firstEventNs) / speed);
        long waitNs;
        while ((waitNs = dueNs - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(Math.min(waitNs, 100_000_000L));
        }
    }
}
