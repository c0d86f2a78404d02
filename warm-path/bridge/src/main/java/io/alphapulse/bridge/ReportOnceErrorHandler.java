/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints each distinct error (by class and message) once, and counts all of them: a driver that is gone produces
 * the same exception every reconnect attempt, which is reported once, not once a second.
 */
final class ReportOnceErrorHandler implements ErrorHandler
{
    private final PrintStream out;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong count = new AtomicLong();

    ReportOnceErrorHandler(final PrintStream out)
    {
        this.out = out;
    }

    public void onError(final Throwable throwable)
    {
        count.incrementAndGet();
        if (seen.add(throwable.getClass().getName() + ": " + throwable.getMessage()))
        {
            out.println("bridge error (reported once, then counted): " + throwable);
        }
    }

    long count()
    {
        return count.get();
    }
}
