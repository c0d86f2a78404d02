/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread of a run (publisher, relay, consumer) whose failure is kept for the coordinating thread, which waits
 * on it with a bound and rethrows what it threw. Shared by the stages that run their own threads.
 */
public abstract class BenchThread implements Runnable
{
    private static final long CHECK_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private volatile Thread thread;
    private volatile Throwable failure;

    /**
     * A thread not yet started.
     *
     * @param name thread name.
     */
    protected BenchThread(final String name)
    {
        this.name = name;
    }

    /**
     * The thread's work.
     *
     * @throws Exception on failure; kept for {@link #join(long)}.
     */
    protected abstract void work() throws Exception;

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
    public void stop()
    {
    }

    /**
     * Start the thread.
     */
    public final void start()
    {
        final Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        this.thread = thread;
        thread.start();
    }

    /**
     * Whether the thread has finished, normally or not.
     *
     * @return true when finished.
     */
    public final boolean finished()
    {
        final Thread thread = this.thread;
        return null == thread || !thread.isAlive();
    }

    /**
     * Fail with the thread's exception, if it threw one.
     *
     * @throws IllegalStateException wrapping what the thread threw.
     */
    public final void checkFailure()
    {
        final Throwable ex = failure;
        if (null != ex)
        {
            throw new IllegalStateException(name + " failed: " + ex, ex);
        }
    }

    /**
     * Wait for the thread to finish and rethrow its failure.
     *
     * @param timeoutNs bound on the wait.
     * @throws InterruptedException  when interrupted.
     * @throws IllegalStateException when the thread failed or is still running after the bound.
     */
    public final void join(final long timeoutNs) throws InterruptedException
    {
        final Thread thread = this.thread;
        if (null == thread)
        {
            return;
        }
        thread.join(Duration.ofNanos(timeoutNs));
        checkFailure();
        if (thread.isAlive())
        {
            thread.interrupt();
            throw new IllegalStateException(name + " still running after " +
                TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
        }
    }

    /**
     * The coordinator's wait: park until the time has passed, failing as soon as one of the threads fails.
     *
     * @param durationNs how long.
     * @param threads    threads to watch.
     */
    public static void awaitNs(final long durationNs, final BenchThread... threads)
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

    /**
     * Stop threads still running after a failure, so nothing outlives the run; a thread's own failure here is a
     * consequence of the one already being reported, so it is not rethrown.
     *
     * @param threads   threads of the run.
     * @param timeoutNs bound on the wait for each.
     * @throws InterruptedException when interrupted.
     */
    public static void stopAll(final List<? extends BenchThread> threads, final long timeoutNs)
        throws InterruptedException
    {
        for (final BenchThread thread : threads)
        {
            thread.stop();
        }
        for (final BenchThread thread : threads)
        {
            if (!thread.finished())
            {
                try
                {
                    thread.join(timeoutNs);
                }
                catch (final IllegalStateException ignore)
                {
                    // The run has failed already and reports its own cause; this one is a consequence.
                }
            }
        }
    }
}
