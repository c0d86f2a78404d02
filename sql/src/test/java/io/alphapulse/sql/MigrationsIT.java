/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain path's migrations, partition maintenance and candle rollups on a real (embedded) PostgreSQL.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MigrationsIT
{
    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServer()
    {
        server = EmbeddedPostgresServer.start(tempDir, 0, false);
        Migrations.migrate(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 7);
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
    void shouldMigrateOnceAndRerunIdempotently() throws SQLException
    {
        final Migrations.Result again = Migrations.migrate(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER,
            null, 7);
        assertEquals(Migrations.Storage.PLAIN, again.storage());
        assertEquals(0, again.migrationsApplied());

        try (Connection connection = connect())
        {
            for (final String name : List.of("instruments", "trades", "top_of_book", "book_snapshots", "feed_events",
                "candles", "writer_watermarks", "candles_1m", "candles_1h", "latest_top_of_book", "feed_status",
                "market_data_settings"))
            {
                assertTrue(queryBoolean(connection, "select to_regclass('" + name + "') is not null"), name);
            }
            assertEquals("numeric", queryString(connection,
                "select data_type from information_schema.columns where table_name = 'trades' and column_name = 'price'"));
            assertEquals(7, MarketDataMaintenance.rawRetentionDays(connection));
            assertEquals(Migrations.Storage.PLAIN, MarketDataMaintenance.forDatabase(connection).storage());
        }
    }

    @Test
    void shouldCreatePartitionsAheadAndDropThemByRetention() throws SQLException
    {
        try (Connection connection = connect())
        {
            final MarketDataMaintenance maintenance = MarketDataMaintenance.forDatabase(connection);
            final LocalDate today = LocalDate.of(2030, 3, 10);
            final MarketDataMaintenance.Report report = maintenance.run(connection, today, 2);
            assertEquals(4 * 4, report.partitionsCreated(), "yesterday, today and two days ahead, four tables");
            assertEquals(0, maintenance.run(connection, today, 2).partitionsCreated(), "idempotent");
            for (final String table : MarketDataMaintenance.RAW_TABLES)
            {
                for (final LocalDate day : List.of(today.minusDays(1), today, today.plusDays(1), today.plusDays(2)))
                {
                    assertTrue(MarketDataMaintenance.partitions(connection, table)
                        .contains(MarketDataMaintenance.partitionName(table, day)), table + " " + day);
                }
            }

            // An old day (a replay of old recordings) gets partitions on demand; rows outside any partition fail.
            final LocalDate old = LocalDate.of(2030, 3, 1);
            assertEquals(4, maintenance.ensureDay(connection, old.toEpochDay()));
            execute(connection, "insert into trades values ('2030-03-01 12:00:00+00', 'KRAKEN', 1, 1, 100.5, 1, " +
                "'BUY', 1, '2030-03-01 12:00:00+00')");
            assertThrows(SQLException.class, () -> execute(connection, "insert into trades values " +
                "('2030-02-01 12:00:00+00', 'KRAKEN', 1, 1, 100.5, 1, 'BUY', 1, '2030-02-01 12:00:00+00')"));

            MarketDataMaintenance.setRawRetentionDays(connection, 3);
            assertEquals(3, MarketDataMaintenance.rawRetentionDays(connection));
            final List<String> dropped = maintenance.dropExpiredPartitions(connection, today, 3);
            assertEquals(4, dropped.size(), "only 2030-03-01 is wholly older than 3 days: " + dropped);
            assertTrue(dropped.contains("trades_p20300301"));
            assertFalse(queryBoolean(connection, "select to_regclass('trades_p20300301') is not null"));
            assertTrue(queryBoolean(connection, "select to_regclass('trades_p20300309') is not null"));
            assertEquals(0, queryLong(connection, "select count(*) from trades where time < '2030-03-02'"));

            // Retention moves with the days: at 03-13 with 3 days, 03-09 (ends 03-10) goes too.
            final List<String> later = maintenance.dropExpiredPartitions(connection, today.plusDays(3), 3);
            assertTrue(later.contains("trades_p20300309"), later.toString());
            assertFalse(later.contains("trades_p20300310"), later.toString());
            MarketDataMaintenance.setRawRetentionDays(connection, 7);
        }
    }

    @Test
    void shouldRollUpCandlesEqualToADirectAggregateOverTrades() throws SQLException
    {
        try (Connection connection = connect())
        {
            final MarketDataMaintenance maintenance = MarketDataMaintenance.forDatabase(connection);
            final LocalDate day = LocalDate.of(2031, 5, 20);
            maintenance.ensureDay(connection, day.toEpochDay());
            maintenance.ensureDay(connection, day.plusDays(1).toEpochDay());

            insertTrades(connection, new Random(42), 6000, "2031-05-20 22:00:00+00");
            maintenance.refreshCandles(connection);
            assertCandlesEqualDirectAggregate(connection);

            // Late trades into buckets already rolled up (a catch-up after an outage) are folded in.
            insertTrades(connection, new Random(7), 2000, "2031-05-20 22:30:00+00");
            assertTrue(maintenance.refreshCandles(connection) > 0);
            assertCandlesEqualDirectAggregate(connection);
            assertEquals(0, maintenance.refreshCandles(connection), "nothing pending");
        }
    }

    private static void assertCandlesEqualDirectAggregate(final Connection connection) throws SQLException
    {
        final String direct1m =
            "select date_bin('1 minute', time, timestamptz '2000-01-01 00:00:00+00') as bucket, exchange, " +
            "instrument_id, (array_agg(price order by time, sequence))[1] as open, max(price) as high, " +
            "min(price) as low, (array_agg(price order by time desc, sequence desc))[1] as close, " +
            "sum(quantity) as volume, count(*) as trade_count from trades where time >= '2031-05-20' " +
            "group by 1, 2, 3";
        final String direct1h = direct1m.replace("'1 minute'", "'1 hour'");
        final String view1m = "select bucket, exchange, instrument_id, open, high, low, close, volume, trade_count " +
            "from candles_1m where bucket >= '2031-05-20'";
        final String view1h = view1m.replace("candles_1m", "candles_1h");
        assertEquals(0, queryLong(connection, "select count(*) from ((" + direct1m + ") except (" + view1m +
            ")) d"));
        assertEquals(0, queryLong(connection, "select count(*) from ((" + view1m + ") except (" + direct1m +
            ")) d"));
        assertEquals(0, queryLong(connection, "select count(*) from ((" + direct1h + ") except (" + view1h +
            ")) d"));
        assertEquals(0, queryLong(connection, "select count(*) from ((" + view1h + ") except (" + direct1h +
            ")) d"));
        assertTrue(queryLong(connection, "select count(*) from (" + view1m + ") v") > 100);
        assertTrue(queryLong(connection, "select count(*) from (" + view1h + ") v") >= 4);
    }

    private static void insertTrades(final Connection connection, final Random random, final int count,
        final String start) throws SQLException
    {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("insert into trades values " +
            "(timestamptz '" + start + "' + make_interval(secs => ?), ?, ?, ?, ?::numeric, ?::numeric, 'BUY', ?, " +
            "timestamptz '" + start + "')"))
        {
            for (int i = 0; i < count; i++)
            {
                // Three hours of trades, some at identical times (ties broken by sequence).
                insert.setDouble(1, random.nextInt(3 * 3600 * 10) / 10.0);
                insert.setString(2, random.nextBoolean() ? "KRAKEN" : "BINANCE");
                insert.setInt(3, 1 + random.nextInt(3));
                insert.setLong(4, i);
                insert.setString(5, (1000 + random.nextInt(100000)) + "." + random.nextInt(100));
                insert.setString(6, "0." + (1 + random.nextInt(99999999)));
                insert.setLong(7, random.nextInt(1_000_000));
                insert.addBatch();
            }
            insert.executeBatch();
            execute(connection, "select trades_written(timestamptz '" + start + "', timestamptz '" + start +
                "' + interval '3 hours')");
            connection.commit();
        }
        finally
        {
            connection.setAutoCommit(true);
        }
    }

    private static Connection connect() throws SQLException
    {
        return PulseDatabase.connect(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null);
    }

    private static void execute(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }

    private static boolean queryBoolean(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static long queryLong(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String queryString(final Connection connection, final String sql) throws SQLException
    {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getString(1);
        }
    }
}
