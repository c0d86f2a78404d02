/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.alphapulse.driver.DriverLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pulse demo}'s {@link Supervisor} restarts a child that exits with {@link DriverLoss#EXIT_STATUS}, with
 * backoff, reporting each restart, and stops the system on any other exit. The children are real {@code pulse relay}
 * processes pointed at a directory with no media driver and told not to wait for one: each exits with 75 at once.
 */
class SupervisorRestartSystemTest
{
    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aChildThatLostItsDriverIsRestartedWithBackoffAndAnyOtherExitStopsTheSystem() throws Exception
    {
        assertEquals(1_000, Supervisor.restartDelayMs(0));
        assertEquals(2_000, Supervisor.restartDelayMs(1));
        assertEquals(16_000, Supervisor.restartDelayMs(4));
        assertEquals(30_000, Supervisor.restartDelayMs(9));

        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        final AtomicInteger stopsRequested = new AtomicInteger();
        final CountDownLatch otherExit = new CountDownLatch(1);
        try (Supervisor supervisor = new Supervisor(tempDir.resolve("log"), out))
        {
            final Supervisor.Child lost = supervisor.start("relay", List.of("relay",
                "--aeron-dir", tempDir.resolve("no-driver").toString(),
                "--checkpoint", tempDir.resolve("checkpoint.dat").toString()),
                Map.of(DriverLoss.WAIT_MS_ENV_NAME, "0"), Supervisor.Restart.ON_DRIVER_LOSS,
                stopsRequested::incrementAndGet);
            supervisor.start("bad", List.of("relay", "--exchanges", "nowhere"), Map.of(),
                Supervisor.Restart.ON_DRIVER_LOSS, otherExit::countDown);

            assertTrue(otherExit.await(60, TimeUnit.SECONDS), "an exit other than 75 stops the system");
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lost.restarts() < 3)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "restarts: " + lost.restarts() + "; " + output);
                Thread.sleep(100);
            }
        }
        final String report = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, stopsRequested.get(), "a child that lost its driver never stops the system: " + report);
        assertTrue(report.contains("exited with code 75 (media driver lost or missing); restarting it in 1000 ms " +
            "(restart 1)"), report);
        assertTrue(report.contains("restarting it in 2000 ms (restart 2)"), report);
        assertTrue(report.contains("restarting it in 4000 ms (restart 3)"), report);
        assertTrue(report.contains("restarted relay (pid "), report);
        assertTrue(report.contains("bad (pid ") && report.contains("exited unexpectedly with code 2"), report);
    }
}
