/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.support;

import java.util.concurrent.TimeUnit;

/**
 * A latency run's publisher: messages on a fixed schedule (a fixed offered rate), message {@code i} intended at
 * {@code start + i * interval}, paced on {@link System#nanoTime()}. A message that is late (the thread
 * was descheduled, or the transport pushed back) is sent at once, carrying its intended time, so the delay is
 * charged to the latency rather than hidden by sending fewer messages.
 */
public abstract class PacedPublisher extends BenchThread
{
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long messages;
    private final long warmupMessages;
    private final long intervalNs;
    private final long epochOffsetNs;
    private volatile boolean running = true;
    private long sent;
    private long maxLateNs;

    /**
     * A publisher not yet started.
     *
     * @param name           thread name.
     * @param messages       messages to send, warm-up included.
     * @param warmupMessages messages at the start whose lateness is not reported.
     * @param intervalNs     time between intended sends.
     */
    protected PacedPublisher(
        final String name,
        final long messages,
        final long warmupMessages,
        final long intervalNs)
    {
        super(name);
        this.messages = messages;
        this.warmupMessages = warmupMessages;
        this.intervalNs = intervalNs;
        epochOffsetNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
    }

    /**
     * Send one message now.
     *
     * @param sequence   index of the message in the schedule, from 0.
     * @param intendedNs intended send time on the {@link System#nanoTime()} clock.
     * @param epochNs    publish time since the epoch.
     * @throws Exception when it cannot be sent.
     */
    protected abstract void send(long sequence, long intendedNs, long epochNs) throws Exception;

    /**
     * Called once every message has been sent (or the run was stopped).
     *
     * @throws Exception when the end cannot be signalled.
     */
    protected void onEnd() throws Exception
    {
    }

    /**
     * {@inheritDoc}
     */
    protected void work() throws Exception
    {
        final long startNs = System.nanoTime() + START_DELAY_NS;
        for (long i = 0; i < messages && running; i++)
        {
            final long intendedNs = startNs + i * intervalNs;
            long nowNs;
            while ((nowNs = System.nanoTime()) - intendedNs < 0)
            {
                // Yield rather than spin: a collector waits on its socket, it does not hold a core, and on a
                // machine with fewer cores than threads a spinning publisher steals the relay's and consumer's.
                Thread.yield();
            }
            if (i >= warmupMessages && nowNs - intendedNs > maxLateNs)
            {
                maxLateNs = nowNs - intendedNs;
            }
            send(i, intendedNs, nowNs + epochOffsetNs);
            sent++;
        }
        onEnd();
    }

    /**
     * {@inheritDoc}
     */
    public void stop()
    {
        running = false;
    }

    /**
     * Messages sent; read after the thread has been joined.
     *
     * @return messages sent.
     */
    public long sent()
    {
        return sent;
    }

    /**
     * Largest delay of a send behind its intended time after the warm-up; read after the thread has been joined.
     *
     * @return ns.
     */
    public long maxLateNs()
    {
        return maxLateNs;
    }
}
