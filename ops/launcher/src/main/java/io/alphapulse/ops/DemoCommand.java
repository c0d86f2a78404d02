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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        "Components so far: the media driver with Aeron Archive; one collector per exchange (Kraken, Coinbase,",
        "Binance) fed by the synthetic generator in each exchange's own format (--live: the real exchanges);",
        "the relay merging them into stream 2001, with every stream recorded in the Archive. Later issues add the",
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

    @Option(names = "--live", description = "Collect from the real exchanges instead of the synthetic generator.")
    boolean live;

    @Option(names = "--rate", paramLabel = "N",
        description = "Synthetic frames per second per exchange (default: ${DEFAULT-VALUE}).")
    long rate = 200;

    /**
     * The demo's exchanges and symbols.
     */
    private static final String[][] COLLECTORS = {
        {"kraken", "KRAKEN", "BTC-USD,ETH-USD,SOL-USD"},
        {"coinbase", "COINBASE", "BTC-USD,ETH-USD,SOL-USD"},
        {"binance", "BINANCE", "BTC-USDT,ETH-USDT,SOL-USDT"},
    };

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

        // The barrier holds a JVM shutdown hook open until it is closed: everything the demo reports about
        // stopping must be printed before that, or a SIGTERM-initiated exit can halt the JVM mid-report.
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            runUntilSignalled(barrier, aeronDirectoryName, aeronDirectory, archiveDir, logDir);
            System.out.println("demo stopped");
            System.out.flush();
        }
        return 0;
    }

    private void runUntilSignalled(
        final ShutdownSignalBarrier barrier,
        final String aeronDirectoryName,
        final File aeronDirectory,
        final Path archiveDir,
        final Path logDir) throws IOException
    {
        try (Supervisor supervisor = new Supervisor(logDir, System.out))
        {
            final Supervisor.Child driver = supervisor.start("media-driver", List.of(
                "media-driver",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--archive-dir", archiveDir.toString()),
                barrier::signal);
            supervisor.awaitReady(
                driver, () -> CommonContext.isDriverActive(aeronDirectory, 1_000, (ignore) -> {}), START_TIMEOUT);

            final List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"media-driver", Long.toString(driver.process().pid()),
                "aeron dir " + aeronDirectoryName, driver.log().toString()});
            rows.add(new String[]{"archive", "(same)", "recordings in " + archiveDir.toAbsolutePath(),
                driver.log().toString()});

            // The relay first: it starts the recordings, so the collectors' first messages have subscribers.
            final Supervisor.Child relay = supervisor.start("relay", List.of(
                "relay",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--index-dir", varDir.resolve("index").toString(),
                "--checkpoint", varDir.resolve("relay").resolve("checkpoint.dat").toString()),
                barrier::signal);
            supervisor.awaitReady(relay, () -> relayRunning(aeronDirectoryName), START_TIMEOUT);
            rows.add(new String[]{"relay", Long.toString(relay.process().pid()),
                "streams 1001-1003 -> merged 2001, all recorded", relay.log().toString()});

            for (final String[] collector : COLLECTORS)
            {
                final String name = "collector-" + collector[0];
                final Supervisor.Child child = supervisor.start(name, List.of(
                    "collector",
                    "--exchange", collector[0],
                    "--symbols", collector[2],
                    "--source", live ? "live" : "synthetic",
                    "--rate", Long.toString(rate),
                    "--profile", profile,
                    "--aeron-dir", aeronDirectoryName,
                    "--instruments-file", varDir.resolve("instruments-" + collector[0] + ".csv").toString()),
                    barrier::signal);
                supervisor.awaitReady(child, () -> connected(aeronDirectoryName, collector[1]), START_TIMEOUT);
                rows.add(new String[]{name, Long.toString(child.process().pid()),
                    (live ? "live " : "synthetic ") + collector[2] + " -> stream " +
                    io.alphapulse.collector.CollectorConfiguration.defaultStreamId(
                    io.alphapulse.schemas.marketdata.Exchange.valueOf(collector[1])), child.log().toString()});
            }

            System.out.println();
            System.out.printf("%-20s %-8s %-55s %s%n", "component", "pid", "where", "log");
            for (final String[] row : rows)
            {
                System.out.printf("%-20s %-8s %-55s %s%n", (Object[])row);
            }
            System.out.println();
            System.out.println("demo running; inspect it with `ops/pulse stat --aeron-dir " + aeronDirectoryName +
                "`; Ctrl-C stops everything");
            System.out.flush();

            barrier.await();
            System.out.println("demo stopping");
        }
    }

    private static boolean relayRunning(final String aeronDirectoryName)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDirectoryName))
        {
            return null != counters &&
                Long.MIN_VALUE != counters.value(io.alphapulse.driver.RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay");
        }
    }

    private static boolean connected(final String aeronDirectoryName, final String exchange)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDirectoryName))
        {
            return null != counters && 2 == counters.value(
                io.alphapulse.driver.PulseCounters.COLLECTOR_CONNECTION_STATE_TYPE_ID, "exchange=" + exchange);
        }
    }
}
