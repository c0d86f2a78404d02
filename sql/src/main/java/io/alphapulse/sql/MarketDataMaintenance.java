/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The maintenance job of the market-data schema. On the plain path it creates the daily partitions of the raw
 * tables ahead of time (and on demand for the days a batch needs, e.g. while replaying old recordings), drops the
 * partitions older than the raw retention, and brings the candles up to date with the trades written since the last
 * run. On the TimescaleDB path the database's own policies do all of this and the job does nothing.
 * <p>
 * Partitions are named {@code <table>_pYYYYMMDD} and hold {@code [day, day + 1)} in UTC. Not thread-safe: one job
 * per connection.
 */
public final class MarketDataMaintenance
{
    /**
     * The partitioned raw tables.
     */
    public static final List<String> RAW_TABLES = List.of("trades", "top_of_book", "book_snapshots", "feed_events");

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * What one run did.
     *
     * @param partitionsCreated partitions created.
     * @param partitionsDropped partitions dropped by retention.
     * @param candlesRefreshed  1-minute candles written.
     */
    public record Report(int partitionsCreated, List<String> partitionsDropped, int candlesRefreshed)
    {
    }

    private final Migrations.Storage storage;
    private final Set<Long> knownDays = new HashSet<>();

    private MarketDataMaintenance(final Migrations.Storage storage)
    {
        this.storage = storage;
    }

    /**
     * A job for the database behind a connection (reads its storage path).
     *
     * @param connection to a migrated database.
     * @return the job.
     * @throws SQLException if the settings cannot be read.
     */
    public static MarketDataMaintenance forDatabase(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select value from market_data_settings where name = 'storage'"))
        {
            final boolean timescale = rs.next() && "timescale".equals(rs.getString(1));
            return new MarketDataMaintenance(timescale ? Migrations.Storage.TIMESCALE : Migrations.Storage.PLAIN);
        }
    }

    /**
     * Storage path.
     *
     * @return storage path.
     */
    public Migrations.Storage storage()
    {
        return storage;
    }

    /**
     * Days raw data is kept.
     *
     * @param connection to the database.
     * @return days.
     * @throws SQLException on a database error.
     */
    public static int rawRetentionDays(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(
                "select value from market_data_settings where name = 'raw_retention_days'"))
        {
            return rs.next() ? Integer.parseInt(rs.getString(1)) : DatabaseConfiguration.RAW_RETENTION_DAYS_DEFAULT;
        }
    }

    /**
     * Change how many days raw data is kept (both paths; TimescaleDB's retention policies are replaced).
     *
     * @param connection to the database.
     * @param days       days, at least 1.
     * @throws SQLException on a database error.
     */
    public static void setRawRetentionDays(final Connection connection, final int days) throws SQLException
    {
        if (days < 1)
        {
            throw new IllegalArgumentException("raw retention days must be at least 1: " + days);
        }
        try (PreparedStatement statement = connection.prepareStatement("select set_raw_retention_days(?)"))
        {
            statement.setInt(1, days);
            statement.execute();
        }
    }

    /**
     * One run: partitions from yesterday to {@code today + aheadDays}, drop expired ones, refresh candles.
     * Autocommit is expected (each step commits on its own).
     *
     * @param connection to the database.
     * @param today      today in UTC.
     * @param aheadDays  days of partitions to keep ready ahead of today.
     * @return what was done.
     * @throws SQLException on a database error.
     */
    public Report run(final Connection connection, final LocalDate today, final int aheadDays) throws SQLException
    {
        if (Migrations.Storage.TIMESCALE == storage)
        {
            return new Report(0, List.of(), 0);
        }
        int created = 0;
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(aheadDays)); day = day.plusDays(1))
        {
            created += ensureDay(connection, day.toEpochDay());
        }
        final List<String> dropped = dropExpiredPartitions(connection, today, rawRetentionDays(connection));
        return new Report(created, dropped, refreshCandles(connection));
    }

    /**
     * Make sure the partitions of a day exist (plain path; nothing on TimescaleDB). Cached, so cheap to call for
     * every batch.
     *
     * @param connection to the database.
     * @param epochDay   day in UTC, as {@link LocalDate#toEpochDay()}.
     * @return partitions created.
     * @throws SQLException on a database error.
     */
    public int ensureDay(final Connection connection, final long epochDay) throws SQLException
    {
        if (Migrations.Storage.TIMESCALE == storage || knownDays.contains(epochDay))
        {
            return 0;
        }
        final LocalDate day = LocalDate.ofEpochDay(epochDay);
        int created = 0;
        try (Statement statement = connection.createStatement())
        {
            for (final String table : RAW_TABLES)
            {
                final String name = partitionName(table, day);
                if (!exists(connection, name))
                {
                    statement.execute("create table if not exists " + name + " partition of " + table +
                        " for values from ('" + day + " 00:00:00+00') to ('" + day.plusDays(1) + " 00:00:00+00')");
                    created++;
                }
            }
        }
        knownDays.add(epochDay);
        return created;
    }

    /**
     * Forget which partitions exist (after a failed transaction rolled some back, or after a drop).
     */
    public void forgetKnownDays()
    {
        knownDays.clear();
    }

    /**
     * Drop the partitions whose whole day is older than the retention: a partition for day D goes once
     * {@code D + 1 <= today - retentionDays}.
     *
     * @param connection    to the database.
     * @param today         today in UTC.
     * @param retentionDays days to keep.
     * @return names of the dropped partitions.
     * @throws SQLException on a database error.
     */
    public List<String> dropExpiredPartitions(final Connection connection, final LocalDate today,
        final int retentionDays) throws SQLException
    {
        final List<String> dropped = new ArrayList<>();
        if (Migrations.Storage.TIMESCALE == storage)
        {
            return dropped;
        }
        final LocalDate horizon = today.minusDays(retentionDays);
        for (final String table : RAW_TABLES)
        {
            for (final String partition : partitions(connection, table))
            {
                final LocalDate day = LocalDate.parse(partition.substring(table.length() + 2), SUFFIX);
                if (!day.plusDays(1).isAfter(horizon))
                {
                    try (Statement statement = connection.createStatement())
                    {
                        statement.execute("drop table " + partition);
                    }
                    dropped.add(partition);
                    knownDays.remove(day.toEpochDay());
                }
            }
        }
        return dropped;
    }

    /**
     * Bring the candles up to date with the trades written since the last refresh (plain path).
     *
     * @param connection to the database.
     * @return 1-minute candles written.
     * @throws SQLException on a database error.
     */
    public int refreshCandles(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select refresh_candles()"))
        {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * The daily partitions of a table, oldest first.
     *
     * @param connection to the database.
     * @param table      partitioned table.
     * @return partition names.
     * @throws SQLException on a database error.
     */
    public static List<String> partitions(final Connection connection, final String table) throws SQLException
    {
        final List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid " +
            "join pg_class p on p.oid = i.inhparent where p.relname = ? and c.relname ~ ('^' || ? || '_p[0-9]{8}$') " +
            "order by c.relname"))
        {
            statement.setString(1, table);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery())
            {
                while (rs.next())
                {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /**
     * Partition name of a table for a day.
     *
     * @param table table.
     * @param day   day in UTC.
     * @return e.g. {@code trades_p20260301}.
     */
    public static String partitionName(final String table, final LocalDate day)
    {
        return table + "_p" + day.format(SUFFIX);
    }

    private static boolean exists(final Connection connection, final String name) throws SQLException
    {
        try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null"))
        {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery())
            {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
