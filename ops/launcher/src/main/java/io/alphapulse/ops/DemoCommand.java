/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CommonContext;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.driver.LedgerCounterTypes;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.RelayCounterTypes;
import io.alphapulse.driver.WriterCounterTypes;
import io.alphapulse.sql.EmbeddedPostgresServer;
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
import java.util.function.BooleanSupplier;

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
        "Components: the media driver with Aeron Archive; the embedded PostgreSQL (data under --var-dir); the",
        "relay merging the collector streams into stream 2001, every stream recorded; the writer (merged",
        "recording -> PostgreSQL); the bridge (WebSocket JSON for dashboards); one collector per exchange",
        "(Kraken, Coinbase, Binance) fed by the synthetic generator in each exchange's own format (--live: the",
        "real exchanges); the ledger (a one-member Aeron Cluster), the paper venue, the projector (orders, fills",
        "and positions -> PostgreSQL), the engine running the momentum sample strategy, and the API serving the",
        "dashboard (it prints the URL and the admin login).",
        "",
        "Restarts: when the media driver stops (even kill -9) it is started again, and every process that lost it",
        "exits with status 75 and is started again (backoff 1 s doubling to 30 s), resuming where it was; any other",
        "unexpected exit stops the demo."
    })
final class DemoCommand implements Callable<Integer>
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

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

    @Option(names = "--bridge-port", paramLabel = "PORT",
        description = "Port of the bridge's WebSocket (default: ${DEFAULT-VALUE}).")
    int bridgePort = 8090;

    @Option(names = "--api-port", paramLabel = "PORT",
        description = "Port of the API and dashboard (default: ${DEFAULT-VALUE}).")
    int apiPort = 8080;

    @Option(names = "--ledger-base-port", paramLabel = "PORT",
        description = "First of the ledger member's five UDP ports (default: ${DEFAULT-VALUE}).")
    int ledgerBasePort = io.alphapulse.ledger.LedgerConfiguration.BASE_PORT_DEFAULT;

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
            final List<String[]> rows = new ArrayList<>();
            final Components components = new Components(supervisor, barrier, rows);

            final Supervisor.Child driver = components.start("media-driver", List.of(
                "media-driver",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--archive-dir", archiveDir.toString()),
                () -> CommonContext.isDriverActive(aeronDirectory, 1_000, (ignore) -> {}),
                "aeron dir " + aeronDirectoryName);
            rows.add(new String[]{"archive", "(same)", "recordings in " + archiveDir.toAbsolutePath(),
                driver.log().toString()});

            // The database first: its first start creates the cluster (initdb), which takes a while.
            components.start("postgres", List.of("postgres", "--var-dir", varDir.toString()),
                () -> null != EmbeddedPostgresServer.liveUrl(varDir),
                "embedded PostgreSQL, data in " + varDir.resolve("postgres").toAbsolutePath());

            // The relay before the collectors: it starts the recordings, so their first messages are recorded.
            components.start("relay", List.of(
                "relay",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--index-dir", varDir.resolve("index").toString(),
                "--checkpoint", varDir.resolve("relay").resolve("checkpoint.dat").toString()),
                () -> counterExists(aeronDirectoryName, RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay"),
                "streams 1001-1003 -> merged 2001, all recorded");

            components.start("writer", List.of(
                "writer",
                "--aeron-dir", aeronDirectoryName,
                "--var-dir", varDir.toString()),
                () -> counterExists(aeronDirectoryName, WriterCounterTypes.BATCHES, "writer"),
                "merged recording -> PostgreSQL (binary COPY, exactly once)");

            components.start("bridge", List.of(
                "bridge",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--port", Integer.toString(bridgePort),
                "--auth", "off",
                "--allowed-origin", "http://127.0.0.1:" + apiPort + ",http://localhost:" + apiPort),
                () -> listening(bridgePort),
                "ws://localhost:" + bridgePort + "/ws/v1 (auth off in the demo)");

            for (final String[] collector : COLLECTORS)
            {
                components.start("collector-" + collector[0], List.of(
                    "collector",
                    "--exchange", collector[0],
                    "--symbols", collector[2],
                    "--source", live ? "live" : "synthetic",
                    "--rate", Long.toString(rate),
                    "--profile", profile,
                    "--aeron-dir", aeronDirectoryName,
                    "--instruments-file", varDir.resolve("instruments-" + collector[0] + ".csv").toString()),
                    () -> connected(aeronDirectoryName, collector[1]),
                    (live ? "live " : "synthetic ") + collector[2] + " -> stream " +
                    io.alphapulse.collector.CollectorConfiguration.defaultStreamId(
                    io.alphapulse.schemas.marketdata.Exchange.valueOf(collector[1])));
            }

            // Trading: the ledger (one Aeron Cluster member with its own media driver), the paper venue, the
            // projector into PostgreSQL, then the engine with a sample strategy.
            final String ledgerAeronDir = aeronDirectoryName + "-ledger-0";
            final String ledgerEndpoints = "0=localhost:" + ledgerBasePort;
            components.start("ledger", List.of(
                "ledger",
                "--profile", profile,
                "--aeron-dir", ledgerAeronDir,
                "--dir", varDir.resolve("ledger").toString(),
                "--base-port", Integer.toString(ledgerBasePort)),
                () -> 2 == counterValue(ledgerAeronDir, LedgerCounterTypes.ROLE, "ledger role"),
                "Aeron Cluster, 1 member, ingress localhost:" + ledgerBasePort + ", data in " +
                varDir.resolve("ledger").toAbsolutePath());
            components.start("venue", List.of(
                "venue",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--ledger-endpoints", ledgerEndpoints),
                () -> counterExists(aeronDirectoryName, EngineCounterTypes.VENUE_FILLS, "venue"),
                "paper venue: fills accepted orders against the live books");
            components.start("projector", List.of(
                "projector",
                "--aeron-dir", aeronDirectoryName,
                "--var-dir", varDir.toString(),
                "--ledger-endpoints", ledgerEndpoints),
                () -> logContains(varDir.resolve("log").resolve("projector.log"), "ledger endpoints"),
                "orders, fills, positions -> PostgreSQL (trading_* tables)");
            final List<String> engine = new ArrayList<>(List.of(
                "engine",
                "--profile", profile,
                "--aeron-dir", aeronDirectoryName,
                "--ledger-endpoints", ledgerEndpoints,
                "--strategy", "momentum",
                "--param", "fast=5",
                "--param", "slow=20"));
            final Path deposited = varDir.resolve("ledger").resolve("demo-deposit.done");
            if (!java.nio.file.Files.exists(deposited))
            {
                // Cash for the demo portfolio, once: a second run keeps the ledger's state.
                engine.addAll(List.of("--deposit", "USD=1000000"));
                java.nio.file.Files.createDirectories(deposited.getParent());
                java.nio.file.Files.createFile(deposited);
            }
            components.start("engine", engine,
                () -> counterExists(aeronDirectoryName, EngineCounterTypes.MARKET_DATA_MESSAGES, "engine"),
                "strategy momentum (fast=5, slow=20) on the merged stream -> ledger");

            // The API and dashboard last: it reads what the others write. Its first admin's password is made
            // once and kept (owner-only) under var/, so every run of the demo prints the same login.
            final String adminPassword = adminPassword(varDir.resolve("demo").resolve("admin-password"));
            final String dashboard = "http://127.0.0.1:" + apiPort + "/";
            components.start("api", List.of(
                "api",
                "--port", Integer.toString(apiPort),
                "--aeron-dir", aeronDirectoryName,
                "--var-dir", varDir.toString(),
                "--ledger-endpoints", ledgerEndpoints,
                "--bridge-url", "ws://127.0.0.1:" + bridgePort + "/ws/v1"),
                java.util.Map.of("ALPHAPULSE_ADMIN_PASSWORD", adminPassword),
                () -> httpOk("http://127.0.0.1:" + apiPort + "/api/v1/health/ready"),
                "REST API + dashboard " + dashboard + ", OpenAPI /openapi.json, Swagger UI /swagger");

            System.out.println();
            System.out.printf("%-20s %-8s %-60s %s%n", "component", "pid", "where", "log");
            for (final String[] row : rows)
            {
                System.out.printf("%-20s %-8s %-60s %s%n", (Object[])row);
            }
            System.out.println();
            System.out.println("dashboard: " + dashboard + "  user admin  password " + adminPassword +
                "  (kept in " + varDir.resolve("demo").resolve("admin-password") + ")");
            System.out.println("demo running; inspect it with `ops/pulse stat --aeron-dir " + aeronDirectoryName +
                "` (the ledger: --aeron-dir " + ledgerAeronDir + "); Ctrl-C stops everything");
            System.out.flush();

            barrier.await();
            System.out.println("demo stopping");
        }
    }

    /**
     * Starts components in order, each ready before the next starts, and collects the table the demo prints.
     */
    private static final class Components
    {
        private final Supervisor supervisor;
        private final ShutdownSignalBarrier barrier;
        private final List<String[]> rows;

        Components(final Supervisor supervisor, final ShutdownSignalBarrier barrier, final List<String[]> rows)
        {
            this.supervisor = supervisor;
            this.barrier = barrier;
            this.rows = rows;
        }

        Supervisor.Child start(
            final String name, final List<String> args, final BooleanSupplier ready, final String where)
            throws IOException
        {
            return start(name, args, java.util.Map.of(), ready, where);
        }

        Supervisor.Child start(
            final String name,
            final List<String> args,
            final java.util.Map<String, String> environment,
            final BooleanSupplier ready,
            final String where)
            throws IOException
        {
            System.out.println("starting " + name);
            System.out.flush();
            // The media driver is restarted whatever its exit; every other child when it exits for want of it
            // (status 75), as the systemd units do; any other exit stops the demo.
            final Supervisor.Child child = supervisor.start(name, args, environment,
                "media-driver".equals(name) ? Supervisor.Restart.ALWAYS : Supervisor.Restart.ON_DRIVER_LOSS,
                barrier::signal);
            supervisor.awaitReady(child, ready, START_TIMEOUT);
            rows.add(new String[]{name, Long.toString(child.process().pid()), where, child.log().toString()});
            return child;
        }
    }

    private static String adminPassword(final Path file) throws IOException
    {
        if (java.nio.file.Files.exists(file))
        {
            return java.nio.file.Files.readString(file).trim();
        }
        final byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        final String password = java.util.HexFormat.of().formatHex(random);
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, password + System.lineSeparator());
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    private static boolean httpOk(final String url)
    {
        try
        {
            final java.net.HttpURLConnection connection =
                (java.net.HttpURLConnection)java.net.URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            final int status = connection.getResponseCode();
            connection.disconnect();
            return 200 == status;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static boolean listening(final int port)
    {
        try (java.net.Socket socket = new java.net.Socket())
        {
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 500);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static long counterValue(final String aeronDirectoryName, final int typeId, final String labelPart)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDirectoryName))
        {
            return null == counters ? Long.MIN_VALUE : counters.value(typeId, labelPart);
        }
    }

    private static boolean logContains(final Path log, final String text)
    {
        try
        {
            return java.nio.file.Files.exists(log) && java.nio.file.Files.readString(log).contains(text);
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static boolean counterExists(final String aeronDirectoryName, final int typeId, final String labelPart)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDirectoryName))
        {
            return null != counters && Long.MIN_VALUE != counters.value(typeId, labelPart);
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
