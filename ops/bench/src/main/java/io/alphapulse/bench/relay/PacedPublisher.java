/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.alphapulse.schemas.marketdata.Exchange;

import java.util.concurrent.TimeUnit;

/**
 * The latency runs' publisher: one exchange's trades on a fixed schedule, message {@code i} intended at
 * {@code start + i * interval}, paced by spinning on {@link System#nanoTime()}. A message that is late (the thread
 * was descheduled, or the transport pushed back) is sent at once, carrying its intended time, so the delay is
 * charged to the latency rather than hidden by sending fewer messages.
 */
abstract class PacedPublisher extends BenchThread
{
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * Exchange of the stream.
     */
    final Exchange exchange;

    /**
     * Trade encoder.
     */
    final TradeFrames frames = new TradeFrames();

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
     * @param exchange       exchange of the stream.
     * @param messages       messages to send, warm-up included.
     * @param warmupMessages messages at the start whose lateness is not reported.
     * @param intervalNs     time between intended sends.
     */
    PacedPublisher(
        final String name,
        final Exchange exchange,
        final long messages,
        final long warmupMessages,
        final long intervalNs)
    {
        super(name);
        this.exchange = exchange;
        this.messages = messages;
        this.warmupMessages = warmupMessages;
        this.intervalNs = intervalNs;
        epochOffsetNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
    }

    /**
     * Send one message now.
     *
     * @param sequence   per-stream sequence.
     * @param intendedNs intended send time on the {@link System#nanoTime()} clock.
     * @param epochNs    publish time since the epoch.
     * @throws Exception when it cannot be sent.
     */
    abstract void send(long sequence, long intendedNs, long epochNs) throws Exception;

    /**
     * Called once every message has been sent (or the run was stopped).
     *
     * @throws Exception when the end cannot be signalled.
     */
    void onEnd() throws Exception
    {
    }

    /**
     * {@inheritDoc}
     */
    void work() throws Exception
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
    void stop()
    {
        running = false;
    }

    /**
     * Messages sent; read after the thread has been joined.
     *
     * @return messages sent.
     */
    long sent()
    {
        return sent;
    }

    /**
     * Largest delay of a send behind its intended time after the warm-up; read after the thread has been joined.
     *
     * @return ns.
     */
    long maxLateNs()
    {
        return maxLateNs;
    }
}
