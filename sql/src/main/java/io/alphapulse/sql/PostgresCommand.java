/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pulse postgres}: the system's embedded PostgreSQL, shared by every process of the demo.
 */
@Command(
    name = "postgres",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Run the embedded PostgreSQL (a real PostgreSQL 18 from Maven Central) until Ctrl-C, with its data in",
        "<var>/postgres/data (kept across runs), migrated to the current schema. While it runs,",
        "<var>/postgres/connection names its JDBC URL; the writer, API and other components started with the same",
        "--var-dir and no --db-url use this server instead of starting their own.",
        "The port is the previous run's when free, else a free one (or --port)."
    })
public final class PostgresCommand implements Callable<Integer>
{
    @Option(names = "--var-dir", paramLabel = "DIR",
        description = "Run-time data directory (default: alphapulse.var.dir, ALPHAPULSE_VAR_DIR or var).")
    Path varDir;

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: previous run's, else any free).")
    int port;

    @Option(names = "--raw-retention-days", paramLabel = "DAYS",
        description = "Days raw market data is kept (default: 7, or alphapulse.db.raw.retention.days).")
    Integer rawRetentionDays;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call()
    {
        final Path dir = null != varDir ? varDir : DatabaseConfiguration.varDir();
        if (null != EmbeddedPostgresServer.liveUrl(dir))
        {
            throw new IllegalArgumentException("an embedded PostgreSQL already runs for " + dir.toAbsolutePath() +
                " (" + EmbeddedPostgresServer.liveUrl(dir) + "): stop it first or use another --var-dir");
        }
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, port))
        {
            final int days = null != rawRetentionDays ? rawRetentionDays : DatabaseConfiguration.rawRetentionDays();
            final Migrations.Result result = Migrations.migrate(server.jdbcUrl(),
                DatabaseConfiguration.EMBEDDED_USER, null, days);
            System.out.println("embedded PostgreSQL");
            System.out.println("  url        " + server.jdbcUrl() + " (user " + DatabaseConfiguration.EMBEDDED_USER +
                ", no password, localhost only)");
            System.out.println("  data       " + server.dataDir());
            System.out.println("  schema     " + result.schemaVersion() + ", storage " + result.storage() + ", " +
                result.migrationsApplied() + " migrations applied now");
            System.out.println("  connection " + dir.toAbsolutePath().resolve("postgres").resolve("connection"));
            System.out.println("running; Ctrl-C to stop");
            System.out.flush();
            barrier.await();
            System.out.println("stopping embedded PostgreSQL");
        }
        return 0;
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse postgres}.
     */
    public static void main(final String[] args)
    {
        System.exit(new picocli.CommandLine(new PostgresCommand()).execute(args));
    }
}
