/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import io.alphapulse.lake.export.ExportCommand;
import io.alphapulse.lake.export.ExportProgress;
import io.alphapulse.lake.export.LakeExporter;
import io.alphapulse.lake.export.PartitionManifest;
import io.alphapulse.lake.query.LakeQuery;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export on a real (embedded) PostgreSQL, real Parquet files and a real DuckDB: the lake answers queries exactly
 * as the database does, a re-export writes the same bytes, a killed export resumes without duplicates, and only
 * closed days are exported.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LakeExportIT
{
    private static final LocalDate FIRST_DAY = LocalDate.of(2030, 3, 1);
    private static final int DAYS = 3;
    private static final int TRADES_PER_DAY = 40_000;
    private static final LocalDate TODAY = FIRST_DAY.plusDays(2);
    private static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final String CLOSED = "timestamptz '" + TODAY + " 00:00:00+00'";

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServer() throws SQLException
    {
        server = EmbeddedPostgresServer.start(tempDir.resolve("var"), 0, false);
        Migrations.migrate(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 3650);
        try (Connection connection = connect())
        {
            LakeTestData.insert(connection, FIRST_DAY, DAYS, TRADES_PER_DAY);
            insertTrading(connection);
        }
    }

    @AfterAll
    static void stopServer()
    {
        if (null != server)
        {
            server.close();
        }
    }

    @Test
    void lakeAnswersAsTheDatabaseForEveryDataset() throws Exception
    {
        final Path lake = tempDir.resolve("lake-equal");
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();
        final List<LakeExporter.DatasetResult> results;
        try (Connection connection = connect(); Connection extraReader = connect())
        {
            // Two reader connections (parts read in turn), one writer: the lake must still equal the database.
            results = exporter(lake, new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(connection, extraReader);
        }
        for (final LakeExporter.DatasetResult result : results)
        {
            assertEquals(null, result.skippedReason(), result.dataset());
            assertTrue(result.rows() > 0, result.dataset());
        }

        final String lines = progress.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("export trades: 4 partition(s) to write"), lines);
        assertTrue(lines.contains("trades/exchange=KRAKEN/date=2030-03-01: 40,000 rows"), lines);
        assertTrue(lines.contains("rows/s"), lines);

        // Only closed days: nothing of today (2030-03-03) in the lake.
        assertFalse(Files.exists(LakeLayout.partitionDir(lake, "trades", "KRAKEN", TODAY)));
        assertTrue(Files.exists(LakeLayout.partitionDir(lake, "trades", "KRAKEN", TODAY.minusDays(1))
            .resolve(LakeLayout.MANIFEST_NAME)));

        try (Connection pg = connect(); LakeQuery duck = LakeQuery.open(lake, tempDir.resolve("duckdb")))
        {
            assertSame(pg, duck.connection(),
                "select exchange, count(*), sum(price), min(price), max(price), sum(quantity), min(quantity), " +
                "max(quantity), min(time), max(time), count(trade_id), count(side), sum(sequence), " +
                "min(receive_time), max(receive_time) from trades where time < " + CLOSED +
                " group by exchange order by exchange");
            assertSame(pg, duck.connection(),
                "select instrument_id, count(*), sum(price * quantity), max(price) from trades where time < " +
                CLOSED + " group by instrument_id order by instrument_id");
            assertSame(pg, duck.connection(),
                "select exchange, count(*), sum(bid_price), min(bid_price), max(ask_price), sum(bid_quantity), " +
                "count(bid_quantity), sum(ask_quantity), sum(exchange_sequence), min(time), max(time) from " +
                "%s where time < " + CLOSED + " group by exchange order by exchange", "top_of_book", "quotes");
            assertSame(pg, duck.connection(),
                "select resolution, exchange, instrument_id, count(*), sum(volume), min(low), max(high), " +
                "sum(open), sum(close), sum(trade_count), min(bucket), max(bucket) from candles where bucket < " +
                CLOSED + " group by 1, 2, 3 order by 1, 2, 3");
            assertSame(pg, duck.connection(),
                "select bucket, exchange, instrument_id, open, high, low, close, volume, trade_count from " +
                "%s where bucket < " + CLOSED + " order by exchange, instrument_id, bucket limit 50",
                "candles_1m", "candles_1m");
            assertSame(pg, duck.connection(),
                "select exchange, event_type, count(*), count(instrument_id), sum(expected_sequence), " +
                "sum(received_sequence), min(time), max(time), max(detail) from feed_events where time < " +
                CLOSED + " group by 1, 2 order by 1, 2");
            assertSame(pg, duck.connection(),
                "select exchange, count(*), min(time), max(time) from feed_events where time < " + CLOSED +
                " and event_type in (" + LakeQuery.GAP_EVENT_TYPES + ") group by exchange order by exchange",
                "feed_events", "gaps");
            assertSame(pg, duck.connection(),
                "select instrument_id, count(*), sum(price), sum(quantity), max(price), min(accepted_at), " +
                "max(accepted_at), count(distinct client_order_id), count(cancel_reason), sum(filled_quantity), " +
                "sum(price_mantissa) from %s where accepted_at < " + CLOSED + " group by 1 order by 1",
                "trading_orders", "orders");
            assertSame(pg, duck.connection(),
                "select instrument_id, count(*), sum(price), sum(quantity), sum(fee), max(fee), min(executed_at), " +
                "max(executed_at), sum(executed_ns) from %s where executed_at < " + CLOSED +
                " group by 1 order by 1", "trading_fills", "fills");
            assertSame(pg, duck.connection(),
                "select i.exchange, count(*) from trading_fills f join instruments i using (instrument_id) " +
                "where executed_at < " + CLOSED + " group by 1 order by 1",
                "select exchange, count(*) from fills where executed_at < " + CLOSED + " group by 1 order by 1");

            // Typed columns: exact decimals at the instrument's scale, UTC timestamps.
            final Map<String, String> types = columnTypes(duck.connection(), "describe select * from read_parquet('" +
                LakeLayout.partitionDir(lake, "trades", "KRAKEN", FIRST_DAY).resolve("part-0.parquet") + "')");
            assertEquals("DECIMAL(18,1)", types.get("price"));
            assertEquals("DECIMAL(18,8)", types.get("quantity"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("time"));
            final Map<String, String> part1 = columnTypes(duck.connection(), "describe select * from read_parquet('" +
                LakeLayout.partitionDir(lake, "trades", "KRAKEN", FIRST_DAY).resolve("part-1.parquet") + "')");
            assertEquals("DECIMAL(18,2)", part1.get("price"));
        }
    }

    @Test
    void reExportWritesIdenticalFilesAndSkipsUnchangedPartitions() throws Exception
    {
        final Path lake = tempDir.resolve("lake-twice");
        try (Connection connection = connect(); Connection extraReader = connect())
        {
            exporter(lake, quiet()).run(connection);
            final Map<String, String> first = hashes(lake);
            assertTrue(first.size() > 10, first.toString());

            final List<LakeExporter.DatasetResult> again = exporter(lake, quiet()).run(connection);
            for (final LakeExporter.DatasetResult result : again)
            {
                assertEquals(0, result.partitionsWritten(), "incremental: nothing new for " + result.dataset());
            }
            assertSameFiles(first, hashes(lake), "an incremental re-run changes nothing");

            final List<LakeExporter.DatasetResult> forced = new LakeExporter(new LakeExporter.Context()
                .lakeDir(lake).clock(CLOCK).from(FIRST_DAY).force(true).rowGroupRows(25_000)
                .progress(ExportProgress.forStream(quiet(), false))).run(connection, extraReader);
            assertTrue(forced.get(0).partitionsWritten() > 0);
            assertSameFiles(first, hashes(lake), "a forced re-export with two readers writes byte-identical files");

            // A later run with the day now closed exports only that day.
            final List<LakeExporter.DatasetResult> later = new LakeExporter(new LakeExporter.Context()
                .lakeDir(lake).clock(CLOCK).until(TODAY.plusDays(1)).datasets(List.of("trades")).rowGroupRows(25_000)
                .progress(ExportProgress.forStream(quiet(), false))).run(connection);
            assertEquals(2, later.get(0).partitionsWritten(), "KRAKEN and COINBASE of " + TODAY);
            assertEquals(2L * TRADES_PER_DAY, later.get(0).rows());
        }
    }

    @Test
    void killedExportResumesWithoutDuplicates() throws Exception
    {
        final Path reference = tempDir.resolve("lake-reference");
        final Path lake = tempDir.resolve("lake-killed");
        try (Connection connection = connect())
        {
            exporter(reference, quiet()).run(connection);
        }

        // A separate JVM that dies as kill -9 would, in the middle of the second trades partition.
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + tempDir,
            "-cp", System.getProperty("java.class.path"),
            ExportCommand.class.getName(),
            "--db-url", server.jdbcUrl(), "--db-user", DatabaseConfiguration.EMBEDDED_USER,
            "--lake", lake.toString(), "--until", TODAY.toString(), "--progress", "lines", "--row-group-rows", "25000",
            "--halt-after-rows", Integer.toString(TRADES_PER_DAY + TRADES_PER_DAY / 2)));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(tempDir.resolve("killed-export.log").toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "export process did not stop");
        assertEquals(137, process.exitValue(), Files.readString(tempDir.resolve("killed-export.log")));

        final Map<String, String> partial = hashes(lake);
        assertTrue(partial.keySet().stream().anyMatch((name) -> name.endsWith(LakeLayout.TEMP_SUFFIX)),
            "a half-written file was left behind: " + partial.keySet());
        assertNotEquals(hashes(reference), partial);

        try (Connection connection = connect())
        {
            exporter(lake, quiet()).run(connection);
        }
        assertSameFiles(hashes(reference), hashes(lake), "resumed export equals an uninterrupted one");

        try (Connection pg = connect(); LakeQuery duck = LakeQuery.open(lake, tempDir.resolve("duckdb")))
        {
            assertSame(pg, duck.connection(), "select count(*), count(distinct (exchange, instrument_id, sequence)) " +
                "from trades where time < " + CLOSED);
        }
    }

    @Test
    void manifestDescribesThePartition() throws Exception
    {
        final Path lake = tempDir.resolve("lake-manifest");
        try (Connection connection = connect())
        {
            new LakeExporter(new LakeExporter.Context().lakeDir(lake).clock(CLOCK).datasets(List.of("trades"))
                .progress(ExportProgress.forStream(quiet(), false))).run(connection);
        }
        final Path dir = LakeLayout.partitionDir(lake, "trades", "COINBASE", FIRST_DAY);
        final String json = Files.readString(dir.resolve(LakeLayout.MANIFEST_NAME));
        assertTrue(json.contains("\"rows\" : " + TRADES_PER_DAY), json);
        assertTrue(json.contains("\"minTime\" : \"2030-03-01T00:00:02.150Z\""), json);
        assertTrue(json.contains("price DECIMAL(18,5)"), json);
        assertTrue(json.contains("\"sha256\" : \"" + PartitionManifest.sha256(dir.resolve("part-0.parquet")) + "\""),
            json);
        final String[] checksumAndRows = PartitionManifest.readChecksumAndRows(dir.resolve(LakeLayout.MANIFEST_NAME));
        assertEquals(Integer.toString(TRADES_PER_DAY), checksumAndRows[1]);
        try (Connection connection = connect(); Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select row_count, checksum from export_partitions where " +
                "dataset = 'trades' and exchange = 'COINBASE' and day = '" + FIRST_DAY + "' and lake = '" +
                lake.toAbsolutePath().normalize() + "'"))
        {
            assertTrue(rs.next());
            assertEquals(TRADES_PER_DAY, rs.getLong(1));
            assertEquals(checksumAndRows[0], rs.getString(2));
        }
    }

    private static LakeExporter exporter(final Path lake, final PrintStream progress)
    {
        return new LakeExporter(new LakeExporter.Context().lakeDir(lake).clock(CLOCK).rowGroupRows(25_000)
            .progress(ExportProgress.forStream(progress, false)));
    }

    private static PrintStream quiet()
    {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static Connection connect() throws SQLException
    {
        return PulseDatabase.connect(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null);
    }

    /**
     * Orders and fills in the trading projector's tables (V1_100__trading.sql, issue 6), as the projector writes
     * them: no exchange column (the lake partitions them by their instrument's exchange).
     */
    private static void insertTrading(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute("insert into trading_orders (order_id, client_order_id, portfolio_id, strategy_id, " +
                "instrument_id, side, order_type, time_in_force, price, quantity, price_mantissa, " +
                "quantity_mantissa, status, filled_quantity, cancelled_quantity, cancel_reason, accepted_at, " +
                "updated_at, updated_ns) select g, g, 1, 7, case when g % 2 = 0 then 1 else 101 end, " +
                "case when g % 3 = 0 then 'SELL' else 'BUY' end, 'LIMIT', 'IOC', " +
                "case when g % 2 = 0 then 60000.5 else 60000.25 end, g * 0.001, " +
                "case when g % 2 = 0 then 600005 else 6000025 end, g * 100000, 'FILLED', g * 0.001, " +
                "case when g % 5 = 0 then 0 end, case when g % 5 = 0 then 'IOC_REMAINDER' end, " +
                "timestamptz '" + FIRST_DAY + " 00:00:00+00' + g * interval '1 minute', " +
                "timestamptz '" + FIRST_DAY + " 00:00:00+00' + g * interval '1 minute', g " +
                "from generate_series(1, 3000) g");
            statement.execute("insert into trading_fills (order_id, fill_id, client_order_id, portfolio_id, " +
                "strategy_id, instrument_id, side, price, quantity, leaves_quantity, fee, liquidity, executed_at, " +
                "executed_ns) select order_id, 1, client_order_id, portfolio_id, strategy_id, instrument_id, side, " +
                "price, quantity, 0, round(price * quantity * 0.0026, 10), 'TAKER', accepted_at, updated_ns " +
                "from trading_orders");
        }
    }

    private static boolean queryBoolean(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void assertSame(final Connection pg, final Connection duck, final String sql) throws SQLException
    {
        assertSame(pg, duck, sql, null, null);
    }

    private static void assertSame(final Connection pg, final Connection duck, final String pgSql,
        final String duckSql) throws SQLException
    {
        final List<List<String>> expected = rows(pg, pgSql);
        assertFalse(expected.isEmpty(), pgSql);
        assertEquals(expected, rows(duck, duckSql), duckSql);
    }

    /**
     * The same query on PostgreSQL and on the lake gives the same rows (decimals compared exactly, times as
     * instants). {@code %s} in the query is the PostgreSQL table, then the lake view.
     */
    private static void assertSame(
        final Connection pg, final Connection duck, final String sql, final String pgTable, final String lakeView)
        throws SQLException
    {
        final List<List<String>> expected = rows(pg, null == pgTable ? sql : sql.formatted(pgTable));
        final List<List<String>> actual = rows(duck, null == lakeView ? sql : sql.formatted(lakeView));
        assertFalse(expected.isEmpty(), sql);
        assertEquals(expected, actual, sql);
    }

    private static List<List<String>> rows(final Connection connection, final String sql) throws SQLException
    {
        final List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            final int n = rs.getMetaData().getColumnCount();
            while (rs.next())
            {
                final List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++)
                {
                    row.add(normalise(rs.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String normalise(final Object value)
    {
        if (null == value)
        {
            return "null";
        }
        if (value instanceof BigDecimal decimal)
        {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.math.BigInteger || value instanceof Long || value instanceof Integer ||
            value instanceof Short)
        {
            return new BigDecimal(value.toString()).toPlainString();
        }
        if (value instanceof OffsetDateTime time)
        {
            return time.toInstant().toString();
        }
        if (value instanceof Timestamp timestamp)
        {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Instant instant)
        {
            return instant.toString();
        }
        return value.toString();
    }

    private static Map<String, String> columnTypes(final Connection duck, final String sql) throws SQLException
    {
        final Map<String, String> types = new TreeMap<>();
        try (Statement statement = duck.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            final ResultSetMetaData meta = rs.getMetaData();
            assertEquals("column_name", meta.getColumnLabel(1));
            while (rs.next())
            {
                types.put(rs.getString(1), rs.getString(2));
            }
        }
        return types;
    }

    private static void assertSameFiles(
        final Map<String, String> expected, final Map<String, String> actual, final String message)
    {
        final List<String> differences = new ArrayList<>();
        for (final String name : expected.keySet())
        {
            if (!expected.get(name).equals(actual.get(name)))
            {
                differences.add(name + (actual.containsKey(name) ? " differs" : " missing"));
            }
        }
        for (final String name : actual.keySet())
        {
            if (!expected.containsKey(name))
            {
                differences.add(name + " unexpected");
            }
        }
        assertTrue(differences.isEmpty(), message + ": " + differences);
    }

    private static Map<String, String> hashes(final Path lake) throws IOException
    {
        final Map<String, String> hashes = new TreeMap<>();
        if (!Files.exists(lake))
        {
            return hashes;
        }
        try (Stream<Path> files = Files.walk(lake))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                hashes.put(lake.relativize(file).toString(), PartitionManifest.sha256(file));
            }
        }
        return hashes;
    }
}
