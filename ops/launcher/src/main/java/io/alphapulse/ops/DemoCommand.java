/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CommonContext;
import io.alphapulse.driver.MediaDriverConfiguration;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pulse demo}: the whole system on embedded defaults, each component a real process started the same way
 * production starts it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Start everything that exists so far on embedded defaults, print what runs where, and stop it all",
        "cleanly on Ctrl-C (no orphan processes, no stale Aeron directory). Data stays under --var-dir, so a",
        "second run reuses it. Each component runs as its own process, started as `pulse <command>` would,",
        "with its output in <var-dir>/log/<component>.log.",
        "",
        "Components so far: the media driver with Aeron Archive. Later issues add the collectors, relay,",
        "ledger, engine, bridge, writer, database, API and dashboard."
    })
final class DemoCommand implements Callable<Integer>
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--var-dir", paramLabel = "DIR", description = "Data and logs (default: ${DEFAULT-VALUE}).")
    Path varDir = Path.of("var");

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared or low-latency (default: ${DEFAULT-VALUE}).")
    String profile = MediaDriverConfiguration.PROFILE_DEFAULT;

    public Integer call() throws Exception
    {
        final String aeronDirectoryName = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        final File aeronDirectory = new File(aeronDirectoryName);
        if (CommonContext.isDriverActive(aeronDirectory, 1_000, (ignore) -> {}))
        {
            throw new IllegalArgumentException("a media driver is already running in " + aeronDirectoryName +
                " (another demo?); stop it, or give this demo its own directory with --aeron-dir DIR");
        }

        final Path archiveDir = varDir.resolve("archive");
        final Path logDir = varDir.resolve("log");
        System.out.println("AlphaPulse demo: starting (data in " + varDir.toAbsolutePath() + ")");

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Supervisor supervisor = new Supervisor(logDir, System.out))
        {
            final Supervisor.Child driver = supervisor.start("media-driver", List.of(
                "media-driver",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--archive-dir", archiveDir.toString()),
                barrier::signal);
            supervisor.awaitReady(
                driver, () -> CommonContext.isDriverActive(aeronDirectory, 1_000, (ignore) -> {}), START_TIMEOUT);

            System.out.println();
            System.out.printf("%-14s %-8s %-50s %s%n", "component", "pid", "where", "log");
            System.out.printf("%-14s %-8d %-50s %s%n", "media-driver", driver.process().pid(),
                "aeron dir " + aeronDirectoryName, driver.log());
            System.out.printf("%-14s %-8s %-50s %s%n", "archive", "(same)",
                "recordings in " + archiveDir.toAbsolutePath(), driver.log());
            System.out.println();
            System.out.println("demo running; inspect it with `ops/pulse stat --aeron-dir " + aeronDirectoryName +
                "`; Ctrl-C stops everything");
            System.out.flush();

            barrier.await();
            System.out.println("demo stopping");
        }

        System.out.println("demo stopped");
        return 0;
    }
}
