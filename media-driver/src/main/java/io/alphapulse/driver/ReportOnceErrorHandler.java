/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints each distinct error once, in one line, and counts all of them: a driver that is gone produces the same
 * exception on every reconnect attempt, which is reported once, not once a second. Errors are the same when their
 * class and their message but for its numbers are the same ({@code keepalive: age=10192ms} and {@code age=10317ms}
 * are one error).
 */
public final class ReportOnceErrorHandler implements ErrorHandler
{
    private final String who;
    private final PrintStream out;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    /**
     * @param who the process, first word of each line ({@code bridge}, {@code projector}).
     * @param out where the lines go.
     */
    public ReportOnceErrorHandler(final String who, final PrintStream out)
    {
        this.who = who;
        this.out = out;
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final Throwable throwable)
    {
        count.incrementAndGet();
        final String message = null == throwable.getMessage() ? "" : throwable.getMessage();
        if (seen.add(throwable.getClass().getName() + ": " + message.replaceAll("[0-9]+", "#")))
        {
            out.println(who + " error (reported once, then counted): " + throwable);
        }
    }

    /**
     * @return errors seen, repeats included.
     */
    public long count()
    {
        return count.get();
    }
}
