/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A process's own distinct error log: Agrona's {@link DistinctErrorLog} (the format of the media driver's CnC error
 * log, read the same way with {@code ErrorLogReader}) in a memory-mapped file, so the errors survive the process,
 * even a {@code kill -9}, and {@code pulse errors} reads them from another terminal.
 * <p>
 * The file is {@code <aeron dir>/alphapulse-errors/<role>-<pid>.errors}: beside the driver it belongs to, so
 * {@code pulse errors --aeron-dir D} finds the errors of every process of that driver, and it goes with the
 * directory when the driver deletes it (as the driver's own error log does). Each distinct error (same stack trace)
 * is kept once with its count and first and last times.
 */
public final class ProcessErrorLog implements AutoCloseable
{
    /**
     * Directory inside the Aeron directory holding one file per process.
     */
    public static final String DIRECTORY_NAME = "alphapulse-errors";

    /**
     * File name suffix.
     */
    public static final String FILE_SUFFIX = ".errors";

    /**
     * Length of each file: room for a few hundred distinct stack traces.
     */
    public static final int LENGTH_DEFAULT = 1024 * 1024;

    private static final int MAX_PRINTED = 1000;

    private final Set<String> printed = ConcurrentHashMap.newKeySet();
    private final File file;
    private final MappedByteBuffer mapped;
    private final DistinctErrorLog log;

    private ProcessErrorLog(final File file, final MappedByteBuffer mapped)
    {
        this.file = file;
        this.mapped = mapped;
        this.log = new DistinctErrorLog(new UnsafeBuffer(mapped), SystemEpochClock.INSTANCE, StandardCharsets.UTF_8);
    }

    /**
     * Create this process's error log.
     *
     * @param aeronDirectoryName the driver's directory.
     * @param role               e.g. {@code relay} or {@code collector-kraken}.
     * @return the log; close it when the process ends.
     */
    public static ProcessErrorLog create(final String aeronDirectoryName, final String role)
    {
        final File dir = new File(aeronDirectoryName, DIRECTORY_NAME);
        IoUtil.ensureDirectoryExists(dir, "error logs");
        final File file = new File(dir, role + "-" + ProcessHandle.current().pid() + FILE_SUFFIX);
        IoUtil.deleteIfExists(file);
        return new ProcessErrorLog(file, IoUtil.mapNewFile(file, LENGTH_DEFAULT, true));
    }

    /**
     * Record an error.
     *
     * @param throwable the error.
     * @return false if the log is full (the error is then only printed by {@link #errorHandler}).
     */
    public boolean record(final Throwable throwable)
    {
        return log.record(throwable);
    }

    /**
     * An error handler that records every error here, counts it, and prints it the first time it is seen (an
     * observation's count goes from nothing to one), so logs show each distinct problem once.
     *
     * @param out     where new distinct errors are printed; may be null.
     * @param role    printed with them.
     * @param counter counted here; may be null.
     * @return the handler.
     */
    public ErrorHandler errorHandler(final PrintStream out, final String role, final AtomicCounter counter)
    {
        return (throwable) ->
        {
            if (null != counter)
            {
                counter.increment();
            }
            final boolean recorded = log.record(throwable);
            if (null != out && (!recorded || isNew(throwable)))
            {
                out.println(Instant.now() + " " + role + " error" + (recorded ? "" : " (error log full)") + ": " +
                    throwable);
            }
        };
    }

    private boolean isNew(final Throwable throwable)
    {
        return printed.size() < MAX_PRINTED && printed.add(throwable.getClass().getName() + ": " +
            throwable.getMessage());
    }

    /**
     * The file.
     *
     * @return the file.
     */
    public File file()
    {
        return file;
    }

    /**
     * Unmap; the file stays for {@code pulse errors}.
     */
    public void close()
    {
        CloseHelper.quietClose(() -> IoUtil.unmap(mapped));
    }
}
