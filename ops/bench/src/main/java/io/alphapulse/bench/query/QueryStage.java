/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.query;

import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.export.LakeBenchData;
import io.alphapulse.lake.export.ExportProgress;
import io.alphapulse.lake.export.LakeExporter;
import io.alphapulse.lake.query.LakeQuery;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * {@code pulse bench} stage {@code query}: DuckDB over a lake written by {@code pulse export}: 1-minute OHLCV of
 * every instrument over all trades (goal: at most 1 s for 10M trades), and of one instrument-day with partition
 * pruning (goal: at most 100 ms). Best of five runs each, after one warm-up; the anchors are the goals.
 */
public final class QueryStage implements BenchStage
{
    /**
     * Stage name.
     */
    public static final String NAME = "query";

    private static final String OHLCV = "select exchange, instrument_id, time_bucket(interval '1 minute', time) " +
        "as minute, arg_min(price, time) as open, max(price) as high, min(price) as low, " +
        "arg_max(price, time) as close, sum(quantity) as volume, count(*) as trades from trades";

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return "none here (the goals are absolute times; the same queries on PostgreSQL are checked for equality by LakeExportIT, not timed)";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "DuckDB over the lake: 1-minute OHLCV over all trades (goal <= 1 s for 10M) and over one " +
            "instrument-day with partition pruning (goal <= 100 ms)";
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final long rows = quick ? 2_000_000 : 10_000_000;
        final int days = 5;
        final Path dir = Files.createTempDirectory("alphapulse-bench-query");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("var"), 0, false))
        {
            Migrations.migrate(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 3650);
            final Path lake = dir.resolve("lake");
            try (Connection connection = PulseDatabase.connect(postgres.jdbcUrl(),
                DatabaseConfiguration.EMBEDDED_USER, null))
            {
                progress.printf(Locale.ROOT, "  inserting %,d trades into PostgreSQL and exporting them%n", rows);
                LakeBenchData.insertTrades(connection, rows, days, 10);
                new LakeExporter(new LakeExporter.Context().lakeDir(lake).datasets(List.of("trades"))
                    .from(LakeBenchData.FIRST_DAY).until(LakeBenchData.FIRST_DAY.plusDays(days))
                    .progress(ExportProgress.forStream(new PrintStream(new ByteArrayOutputStream()), false)))
                    .run(connection);
            }
            try (LakeQuery duck = LakeQuery.open(lake, dir.resolve("duckdb")))
            {
                final String day = LakeBenchData.FIRST_DAY.plusDays(2).toString();
                final double all = bestMs(duck, OHLCV + " group by all", progress, "all instruments");
                final double one = bestMs(duck, OHLCV + " where exchange = 'KRAKEN' and date = DATE '" + day +
                    "' and instrument_id = 3 group by all", progress, "one instrument-day");
                return List.of(
                    new BenchResult(NAME, "1-minute OHLCV, all instruments, " + rows + " trades", all, "ms",
                        "goal (ms)", 1000.0),
                    new BenchResult(NAME, "1-minute OHLCV, one instrument-day (partition pruning)", one, "ms",
                        "goal (ms)", 100.0));
            }
        }
        finally
        {
            LakeBenchData.deleteRecursively(dir);
        }
    }

    private static double bestMs(final LakeQuery duck, final String sql, final PrintStream progress,
        final String label) throws Exception
    {
        double best = Double.MAX_VALUE;
        long resultRows = 0;
        try (Statement statement = duck.connection().createStatement())
        {
            for (int i = 0; i < 6; i++)
            {
                final long startNs = System.nanoTime();
                resultRows = 0;
                try (ResultSet rs = statement.executeQuery(sql))
                {
                    while (rs.next())
                    {
                        resultRows++;
                    }
                }
                final double ms = (System.nanoTime() - startNs) / 1e6;
                if (i > 0)
                {
                    best = Math.min(best, ms);
                }
            }
        }
        progress.printf(Locale.ROOT, "  %s: best %.1f ms (%,d candles)%n", label, best, resultRows);
        return best;
    }
}
