/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.Aeron;
import io.alphapulse.driver.ProcessErrorLog;
import io.alphapulse.driver.PulseCounters;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RelayCounterTypes;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pulse stat --once} and {@code pulse errors} against a real media driver, as from another terminal.
 */
class StatAndErrorsIT
{
    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void setUp()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString())
            .deleteDirsOnStart(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void statShouldShowATablePerComponentAndExchangeWithRates() throws Exception
    {
        final AtomicCounter published = PulseCounters.add(aeron, PulseCounters.COLLECTOR_MESSAGES_PUBLISHED_TYPE_ID,
            "collector messages published: exchange=KRAKEN");
        final AtomicCounter errors = PulseCounters.add(aeron, PulseCounters.COLLECTOR_ERRORS_TYPE_ID,
            "collector errors: exchange=KRAKEN");
        final AtomicCounter relayed = PulseCounters.add(aeron, RelayCounterTypes.MESSAGES,
            "relay messages: exchange=KRAKEN");
        final AtomicCounter gaps = PulseCounters.add(aeron, RelayCounterTypes.GAPS, "relay gaps: exchange=KRAKEN");
        final AtomicCounter lag = PulseCounters.add(aeron, RelayCounterTypes.LAG_NS, "relay lag ns: exchange=KRAKEN");
        published.set(1000);
        errors.set(3);
        relayed.set(999);
        gaps.set(2);
        lag.set(2_500_000);

        final Thread ticker = new Thread(() ->
        {
            while (!Thread.currentThread().isInterrupted())
            {
                published.increment();
                try
                {
                    Thread.sleep(1);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        });
        ticker.start();
        final String output;
        try
        {
            output = run("stat", "--aeron-dir", driver.aeronDirectoryName(), "--once", "--interval", "0.5");
        }
        finally
        {
            ticker.interrupt();
            ticker.join();
        }

        final String[] collectorRow = row(output, "collector", "exchange=KRAKEN");
        assertTrue(Long.parseLong(collectorRow[2].replace(",", "")) >= 1000, output);
        assertTrue(Long.parseLong(collectorRow[3].replace(",", "")) > 0, "a rate while messages flow: " + output);
        assertEquals("3", collectorRow[collectorRow.length - 2], output);

        final String[] relayRow = row(output, "relay", "exchange=KRAKEN");
        assertEquals("999", relayRow[2], output);
        assertEquals("2", relayRow[4], output);
        assertEquals("2.5", relayRow[5], output);
        assertTrue(output.contains("media driver: Bytes sent"), output);
        // The list of every counter keeps AeronStat's layout: value in column 3, the label at the end.
        assertTrue(Arrays.stream(output.split("\n")).anyMatch((line) -> line.endsWith("relay messages: exchange=KRAKEN") &&
            "999".equals(line.trim().split("\\s+")[2])), output);
        CloseHelper.closeAll(published, errors, relayed, gaps, lag);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void errorsShouldPrintDistinctErrorsWithCountsFromEveryLog() throws Exception
    {
        final String output;
        try (ProcessErrorLog log = ProcessErrorLog.create(driver.aeronDirectoryName(), "relay"))
        {
            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            final ErrorHandler handler = log.errorHandler(new PrintStream(printed, true, StandardCharsets.UTF_8),
                "relay", null);
            for (int i = 0; i < 3; i++)
            {
                handler.onError(sameStack("archive connection lost"));
            }
            handler.onError(new IllegalArgumentException("bad checkpoint"));
            assertEquals(2, printed.toString(StandardCharsets.UTF_8).lines().count(), "each distinct error printed once");

            output = run("errors", "--aeron-dir", driver.aeronDirectoryName(),
                "--archive-dir", tempDir.resolve("archive").toString());
        }

        assertTrue(output.contains("== media driver ("), output);
        assertTrue(output.contains("== archive ("), output);
        assertTrue(output.contains("== relay (pid " + ProcessHandle.current().pid() + ", running)"), output);
        assertTrue(output.contains("3 observations from "), output);
        assertTrue(output.contains("java.lang.IllegalStateException: archive connection lost"), output);
        assertTrue(output.contains("1 observation from "), output);
        assertTrue(output.contains("java.lang.IllegalArgumentException: bad checkpoint"), output);
        assertTrue(output.contains("2 distinct errors in 3 error logs"), output);
    }

    private static IllegalStateException sameStack(final String message)
    {
        return new IllegalStateException(message);
    }

    private static String[] row(final String output, final String component, final String key)
    {
        for (final String line : output.split("\n"))
        {
            final String[] columns = line.trim().split("\\s+");
            if (columns.length > 2 && component.equals(columns[0]) && key.equals(columns[1]))
            {
                return columns;
            }
        }
        throw new AssertionError("no row " + component + " " + key + " in:\n" + output);
    }

    private static String run(final String... args)
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try
        {
            assertEquals(0, Pulse.commandLine().execute(args));
        }
        finally
        {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
