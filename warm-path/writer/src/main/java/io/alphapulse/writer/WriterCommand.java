/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.sql.DatabaseOptions;
import io.alphapulse.sql.PulseDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse writer}.
 */
@Command(
    name = "writer",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Write the merged market data (stream 2001) into PostgreSQL/TimescaleDB, losslessly and exactly once:",
        "it reads the stream FROM AERON ARCHIVE (every recording in turn, following the active one live), writes",
        "trades, top of book, feed events and periodic book snapshots with batched binary COPY, and commits each",
        "batch with its Archive position (writer_watermarks) in one transaction; a restart resumes from there.",
        "When the database is down it pauses (the Archive keeps the data), retries with backoff, and catches up.",
        "",
        "Database: --db-url (user from --db-user or ALPHAPULSE_DB_USER; the password from ALPHAPULSE_DB_PASSWORD",
        "or a mode-600 file, --db-password-file or ALPHAPULSE_DB_PASSWORD_FILE: no option takes the password",
        "itself, since `ps` shows every process's options); without",
        "--db-url, the embedded PostgreSQL of --var-dir: the one `pulse postgres` runs when it is up, else one",
        "started in this process. The schema is migrated at start.",
        "Needs a running media driver with its archive and a relay recording the merged stream."
    })
public final class WriterCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--var-dir", paramLabel = "DIR",
        description = "Run-time data directory; the embedded PostgreSQL is in <DIR>/postgres (default: var).")
    Path varDir;

    @Mixin
    DatabaseOptions databaseOptions;

    @Option(names = "--name", paramLabel = "NAME",
        description = "Writer name, the key of its watermark (default: ${DEFAULT-VALUE}).")
    String name = "writer";

    @Option(names = "--stream", paramLabel = "ID", description = "Recorded stream id (default: ${DEFAULT-VALUE}).")
    int streamId = io.alphapulse.driver.StreamIds.MERGED;

    @Option(names = "--batch-rows", paramLabel = "N", description = "Rows per batch at most (default: ${DEFAULT-VALUE}).")
    int batchRows = 50_000;

    @Option(names = "--linger-ms", paramLabel = "MS",
        description = "Longest a message waits before its batch commits (default: ${DEFAULT-VALUE}).")
    long lingerMs = 100;

    @Option(names = "--snapshot-interval-ms", paramLabel = "MS",
        description = "Book snapshot interval per instrument (default: ${DEFAULT-VALUE}).")
    long snapshotIntervalMs = 1000;

    @Option(names = "--snapshot-depth", paramLabel = "N",
        description = "Levels per side in a book snapshot (default: ${DEFAULT-VALUE}).")
    int snapshotDepth = 20;

    @Option(names = "--maintenance-interval-s", paramLabel = "S",
        description = "Partitions, retention and candles every S seconds (default: ${DEFAULT-VALUE}).")
    long maintenanceIntervalS = 60;

    @Option(names = "--raw-retention-days", paramLabel = "DAYS",
        description = "Days raw market data is kept, applied when the schema is created (default: 7).")
    Integer rawRetentionDays;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call() throws Exception
    {
        final String aeronDirectoryName = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        return io.alphapulse.driver.DriverLoss.run("writer", aeronDirectoryName, System.out,
            () -> run(aeronDirectoryName));
    }

    private void run(final String aeronDirectoryName)
    {
        final PulseDatabase.Context dbCtx = databaseOptions.context(varDir);
        if (null != rawRetentionDays)
        {
            dbCtx.rawRetentionDays(rawRetentionDays);
        }
        try (PulseDatabase database = PulseDatabase.open(dbCtx))
        {
            System.out.println("database: " + database.describe());
            Writer.runUntilShutdown(new Writer.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .dbUrl(database.url())
                .dbUser(database.user())
                .dbPassword(dbCtx.password())
                .writerName(name)
                .streamId(streamId)
                .batchRows(batchRows)
                .lingerNs(TimeUnit.MILLISECONDS.toNanos(lingerMs))
                .snapshotIntervalNs(TimeUnit.MILLISECONDS.toNanos(snapshotIntervalMs))
                .snapshotDepth(snapshotDepth)
                .maintenanceIntervalNs(TimeUnit.SECONDS.toNanos(maintenanceIntervalS)), System.out);
        }
    }

    /**
     * Entry point without the launcher (system tests).
     *
     * @param args options as for {@code pulse writer}.
     */
    public static void main(final String[] args)
    {
        System.exit(new picocli.CommandLine(new WriterCommand()).execute(args));
    }
}
