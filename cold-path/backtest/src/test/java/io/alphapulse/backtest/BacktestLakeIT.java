/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.lake.LakeTestData;
import io.alphapulse.lake.export.ExportProgress;
import io.alphapulse.lake.export.LakeExporter;
import io.alphapulse.lake.query.LakeQuery;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Strategies;
import io.alphapulse.strategy.StrategyParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backtest from the lake on a real PostgreSQL and DuckDB: deterministic, stored in the database exactly, and
 * written as an HTML report with the equity chart.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class BacktestLakeIT
{
    private static final LocalDate DAY = LocalDate.of(2030, 3, 1);
    private static final List<String> PARAMS = List.of("instrument=KRAKEN:BTC-USD", "fast=5", "slow=20",
        "quantity=0.01");

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void start() throws Exception
    {
        server = EmbeddedPostgresServer.start(tempDir.resolve("var"), 0, false);
        Migrations.migrate(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 3650);
        try (Connection connection = connect())
        {
            LakeTestData.insert(connection, DAY, 1, 20_000);
            new LakeExporter(new LakeExporter.Context().lakeDir(tempDir.resolve("lake")).until(DAY.plusDays(1))
                .progress(ExportProgress.forStream(new PrintStream(new ByteArrayOutputStream()), false)))
                .run(connection);
        }
    }

    @AfterAll
    static void stop()
    {
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void backtestFromTheLakeIsDeterministicStoredAndReported() throws Exception
    {
        final BacktestResult first = run();
        final BacktestResult second = run();
        assertTrue(first.fills().size() > 10, "fills: " + first.fills().size());
        assertEquals(first.hash(), second.hash());
        assertEquals(first.fills(), second.fills());

        final Path report = tempDir.resolve("report.html");
        final long runId;
        try (Connection connection = connect())
        {
            runId = BacktestStore.store(connection, first, "lake", Long.MIN_VALUE, Long.MAX_VALUE,
                report.toString(), 1);
            try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select r.result_hash, r.fill_count, r.pnl, r.fees, " +
                    "(select count(*) from backtest_fills f where f.run_id = r.run_id), " +
                    "(select sum(fee) from backtest_fills f where f.run_id = r.run_id), " +
                    "(select count(*) from backtest_equity e where e.run_id = r.run_id) " +
                    "from backtest_runs r where r.run_id = " + runId))
            {
                assertTrue(rs.next());
                assertEquals(first.hash(), rs.getString(1));
                assertEquals(first.fills().size(), rs.getInt(2));
                assertEquals(0, first.pnl().compareTo(rs.getBigDecimal(3)));
                assertEquals(0, first.fees().compareTo(rs.getBigDecimal(4)));
                assertEquals(first.fills().size(), rs.getLong(5));
                assertEquals(0, first.fees().compareTo(rs.getBigDecimal(6)));
                assertEquals(first.equity().size(), rs.getLong(7));
            }
        }
        HtmlReport.write(report, first, "lake", runId);
        final String html = Files.readString(report);
        assertTrue(html.contains("<svg") && html.contains("<polyline"), "equity chart");
        assertTrue(html.contains(first.hash()));
        assertTrue(html.contains("run id</th><td>" + runId));
    }

    private static BacktestResult run() throws SQLException
    {
        final Map<Integer, InstrumentInfo> instruments = new TreeMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(
                "select instrument_id, exchange, symbol, price_scale, quantity_scale from instruments"))
        {
            while (rs.next())
            {
                instruments.put(rs.getInt(1), new InstrumentInfo(rs.getInt(1), rs.getString(2), rs.getString(3),
                    rs.getInt(4), rs.getInt(5)));
            }
        }
        final BacktestEngine engine = new BacktestEngine(Strategies.create("momentum", StrategyParams.parse(PARAMS)),
            PARAMS.toString(), new BigDecimal("100000"), 26, 16,
            TimeUnit.MINUTES.toNanos(1));
        instruments.values().forEach(engine::onInstrument);
        try (LakeQuery lake = LakeQuery.open(tempDir.resolve("lake"), tempDir.resolve("duckdb")))
        {
            final long rows = LakeReplaySource.replay(lake, instruments, engine, Long.MIN_VALUE, Long.MAX_VALUE,
                Pacer.parse("max"));
            assertTrue(rows > 40_000, "rows " + rows);
        }
        return engine.finish();
    }

    private static Connection connect() throws SQLException
    {
        return PulseDatabase.connect(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null);
    }
}
