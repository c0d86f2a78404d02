/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import io.alphapulse.lake.ColdPathDatabaseOptions;
import io.alphapulse.lake.Dataset;
import io.alphapulse.lake.LakeLayout;
import io.alphapulse.sql.PulseDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse export}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Export PostgreSQL to the Parquet lake, incrementally: trades, quotes (top of book), candles, feed events,",
        "and orders and fills once the trading projector's tables exist.",
        "",
        "Layout: <lake>/<dataset>/exchange=<X>/date=<yyyy-mm-dd>/part-<n>.parquet plus _manifest.json (rows, time",
        "range, SHA-256 checksums). ZSTD; row groups of at most 128 MiB or 1M rows; timestamps as TIMESTAMP (UTC,",
        "microseconds); prices and quantities as DECIMAL at the instrument's scale (exact, never double).",
        "",
        "Only closed days by default: days before today UTC (or --until), from the dataset's watermark (or --from).",
        "Re-running is safe: unchanged partitions are skipped, a re-export writes byte-identical files, files appear",
        "by atomic rename, and a killed export resumes at the partition it was writing.",
        "",
        "Database: --db-url, else the embedded PostgreSQL of --var-dir (the one `pulse postgres` runs, else one",
        "started in this process)."
    })
public final class ExportCommand implements Callable<Integer>
{
    /**
     * Exit code of an export stopped for a reason the operator can act on (a full disk); the message says what.
     */
    public static final int EXIT_EXPORT_FAILED = 3;

    @Mixin
    ColdPathDatabaseOptions database;

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake directory (default: ${DEFAULT-VALUE}).")
    Path lakeDir = Path.of(LakeLayout.LAKE_DIR_DEFAULT);

    @Option(names = "--dataset", paramLabel = "NAME", split = ",",
        description = "Datasets to export, comma-separated (default: all of trades, quotes, candles, feed_events, " +
        "orders, fills).")
    List<String> datasets;

    @Option(names = "--from", paramLabel = "DATE",
        description = "First day (yyyy-mm-dd) to consider, overriding the watermark (to re-export older days).")
    LocalDate from;

    @Option(names = "--until", paramLabel = "DATE",
        description = "First day NOT exported (default: today UTC, so only closed days).")
    LocalDate until;

    @Option(names = "--force", description = "Rewrite partitions even when they are up to date.")
    boolean force;

    @Option(names = "--row-group-rows", paramLabel = "N",
        description = "Rows per row group at most (default: ${DEFAULT-VALUE}).")
    int rowGroupRows = 1 << 20;

    @Option(names = "--readers", paramLabel = "N",
        description = "PostgreSQL connections reading parts at the same time, 1 or 2 (default: ${DEFAULT-VALUE}); " +
            "one thread writes Parquet either way. PostgreSQL's side of the binary COPY is the slower half of an " +
            "export, so a second connection reads the next part while the first still reads.")
    int readers = 2;

    @Option(names = "--progress", paramLabel = "MODE",
        description = "bar, lines or auto (bar on a terminal; default: ${DEFAULT-VALUE}).")
    String progress = "auto";

    @Option(names = "--halt-after-rows", hidden = true, paramLabel = "N",
        description = "Test hook: halt the JVM after N rows, as kill -9 would.")
    long haltAfterRows;

    /**
     * Export.
     *
     * @return exit code.
     * @throws Exception on a database or file error.
     */
    public Integer call() throws Exception
    {
        final boolean bar = switch (progress.toLowerCase(Locale.ROOT))
        {
            case "bar" -> true;
            case "lines" -> false;
            case "auto" -> isTerminal();
            default -> throw new IllegalArgumentException("--progress " + progress + ": use bar, lines or auto");
        };
        if (readers < 1 || readers > 2)
        {
            throw new IllegalArgumentException("--readers " + readers + ": use 1 or 2");
        }
        if (null != datasets)
        {
            for (final String name : datasets)
            {
                if (!Dataset.names().contains(name))
                {
                    throw new IllegalArgumentException("unknown dataset '" + name + "': use some of " +
                        Dataset.names());
                }
            }
        }
        final LakeExporter exporter = new LakeExporter(new LakeExporter.Context()
            .lakeDir(lakeDir)
            .datasets(datasets)
            .from(from)
            .until(until)
            .force(force)
            .rowGroupRows(rowGroupRows)
            .haltAfterRows(haltAfterRows)
            .progress(ExportProgress.forStream(System.out, bar)));

        try (PulseDatabase db = PulseDatabase.open(database.context());
            Connection connection = db.connect();
            Connection extraReader = readers > 1 ? db.connect() : null)
        {
            System.out.println("database: " + db.describe());
            System.out.println("lake:     " + lakeDir.toAbsolutePath().normalize());
            final List<LakeExporter.DatasetResult> results;
            try
            {
                results = exporter.run(connection, extraReader);
            }
            catch (final ExportException ex)
            {
                System.out.flush();
                System.err.println();
                System.err.println("error: " + ex.getMessage());
                System.err.println("cause: " + ex.getCause());
                return EXIT_EXPORT_FAILED;
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%-12s %10s %10s %14s %14s %16s%n", "dataset", "written", "skipped",
                "rows", "bytes", "rows/s");
            for (final LakeExporter.DatasetResult r : results)
            {
                if (null != r.skippedReason())
                {
                    System.out.printf(Locale.ROOT, "%-12s %s%n", r.dataset(), "not exported: " + r.skippedReason());
                    continue;
                }
                System.out.printf(Locale.ROOT, "%-12s %10d %10d %,14d %,14d %16s%n", r.dataset(),
                    r.partitionsWritten(), r.partitionsSkipped(), r.rows(), r.bytes(),
                    ExportProgress.rate(r.rows(), r.nanos()).replace(" rows/s", ""));
            }
        }
        return 0;
    }

    /**
     * Whether standard input and output are an interactive terminal (JDK 22+ returns a console for redirected
     * output too and tells by {@code Console.isTerminal()}, which JDK 21 lacks: looked up reflectively).
     *
     * @return true on a terminal.
     */
    static boolean isTerminal()
    {
        final java.io.Console console = System.console();
        if (null == console)
        {
            return false;
        }
        try
        {
            return (Boolean)java.io.Console.class.getMethod("isTerminal").invoke(console);
        }
        catch (final NoSuchMethodException ex)
        {
            return true;
        }
        catch (final ReflectiveOperationException ex)
        {
            return false;
        }
    }

    /**
     * Entry point without the launcher (tests start it as a separate process).
     *
     * @param args options as for {@code pulse export}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ExportCommand()).execute(args));
    }
}
