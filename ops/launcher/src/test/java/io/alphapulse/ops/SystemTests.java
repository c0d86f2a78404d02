/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the system tests that start real {@code pulse} processes share.
 */
final class SystemTests
{
    /**
     * How long a process may take to become ready (a first PostgreSQL start runs initdb).
     */
    static final long READY_TIMEOUT_MS = 90_000;

    private SystemTests()
    {
    }

    /**
     * Wait, bounded, until a condition holds.
     *
     * @param what  what is awaited, for the failure message.
     * @param ready the condition.
     * @param logs  where the processes' logs are, for the failure message.
     * @throws InterruptedException if interrupted.
     */
    static void await(final String what, final BooleanSupplier ready, final Path logs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (!ready.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, what + " not ready; logs in " + logs);
            Thread.sleep(200);
        }
    }

    /**
     * Whether a process registered a counter of a type with a label, in a driver's CnC file.
     *
     * @param aeronDir  the driver's directory.
     * @param typeId    counter type.
     * @param labelPart part of its label.
     * @return true when there is such a counter.
     */
    static boolean counterExists(final Path aeronDir, final int typeId, final String labelPart)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDir.toString()))
        {
            return null != counters && Long.MIN_VALUE != counters.value(typeId, labelPart);
        }
    }

    /**
     * A TCP port free now.
     *
     * @return the port.
     * @throws IOException if none can be bound.
     */
    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * Print the last lines of every process log in a directory, for a failure report (the directory is a JUnit
     * temporary directory, deleted when the test ends).
     *
     * @param dir   where the {@code *.log} files are.
     * @param lines how many lines of each, from the end.
     */
    static void printLogs(final Path dir, final int lines)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path log : files.filter((f) -> f.toString().endsWith(".log")).sorted().toList())
            {
                final List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                System.out.println("---- last " + lines + " lines of " + log.getFileName() + " (" + all.size() +
                    " lines)");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
