/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of a run (publisher, relay, consumer) whose failure is kept for the coordinating thread, which waits
 * on it with a bound and rethrows what it threw.
 */
abstract class BenchThread implements Runnable
{
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Thread thread;
    private volatile Throwable failure;

    /**
     * A thread not yet started.
     *
     * @param name thread name.
     */
    BenchThread(final String name)
    {
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /**
     * The thread's work.
     *
     * @throws Exception on failure; kept for {@link #join(long)}.
     */
    abstract void work() throws Exception;

    /**
     * {@inheritDoc}
     */
    public final void run()
    {
        try
        {
            work();
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    /**
     * Ask the thread to finish soon; a no-op unless overridden.
     */
    void stop()
    {
    }

    /**
     * Start the thread.
     */
    final void start()
    {
        thread.start();
    }

    /**
     * Whether the thread has finished, normally or not.
     *
     * @return true when finished.
     */
    final boolean finished()
    {
        return !thread.isAlive();
    }

    /**
     * Fail with the thread's exception, if it threw one.
     *
     * @throws IllegalStateException wrapping what the thread threw.
     */
    final void checkFailure()
    {
        final Throwable ex = failure;
        if (null != ex)
        {
            throw new IllegalStateException(thread.getName() + " failed: " + ex, ex);
        }
    }

    /**
     * Wait for the thread to finish and rethrow its failure.
     *
     * @param timeoutNs bound on the wait.
     * @throws InterruptedException  when interrupted.
     * @throws IllegalStateException when the thread failed or is still running after the bound.
     */
    final void join(final long timeoutNs) throws InterruptedException
    {
        thread.join(Duration.ofNanos(timeoutNs));
        checkFailure();
        if (thread.isAlive())
        {
            thread.interrupt();
            throw new IllegalStateException(thread.getName() + " still running after " +
                TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
        }
    }

    /**
     * The coordinator's wait: park until the time has passed, failing as soon as one of the threads fails.
     *
     * @param durationNs how long.
     * @param threads    threads to watch.
     */
    static void awaitNs(final long durationNs, final BenchThread... threads)
    {
        final long deadlineNs = System.nanoTime() + durationNs;
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            for (final BenchThread thread : threads)
            {
                thread.checkFailure();
            }
            LockSupport.parkNanos(Math.min(remainingNs, CHECK_INTERVAL_NS));
        }
        for (final BenchThread thread : threads)
        {
            thread.checkFailure();
        }
    }
}
