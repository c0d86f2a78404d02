/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Flyway migrations of the system's schema, with the storage path chosen at migration time: TimescaleDB when the
 * server offers the {@code timescaledb} extension (hypertables, compression, retention, continuous aggregates),
 * else plain PostgreSQL (daily range partitions, BRIN, {@link MarketDataMaintenance}). Scripts live in
 * {@code db/migration/common} (both paths; the ledger's from V1_100) and {@code db/migration/timescale} or
 * {@code db/migration/plain}.
 */
public final class Migrations
{
    /**
     * Storage path of a database.
     */
    public enum Storage
    {
        /**
         * TimescaleDB hypertables and continuous aggregates.
         */
        TIMESCALE,

        /**
         * Plain PostgreSQL with daily partitions and job-maintained candles.
         */
        PLAIN
    }

    /**
     * Outcome of a migration.
     *
     * @param storage           the storage path of the database.
     * @param migrationsApplied migrations applied now (0 when it was up to date).
     * @param schemaVersion     version after migrating.
     */
    public record Result(Storage storage, int migrationsApplied, String schemaVersion)
    {
    }

    private Migrations()
    {
    }

    /**
     * Migrate a database to the current schema; safe to run any number of times and by several processes at once
     * (Flyway takes a lock).
     *
     * @param url               JDBC URL.
     * @param user              user, or null.
     * @param password          password, or null.
     * @param rawRetentionDays  days raw market data is kept, applied at first migration; later changes through
     *                          {@link MarketDataMaintenance#setRawRetentionDays(Connection, int)}.
     * @return what happened.
     */
    public static Result migrate(final String url, final String user, final String password,
        final int rawRetentionDays)
    {
        final Storage storage = chooseStorage(url, user, password);
        final Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(url, user, password)
            .locations("classpath:db/migration/common",
                Storage.TIMESCALE == storage ? "classpath:db/migration/timescale" : "classpath:db/migration/plain")
            .placeholders(Map.of("raw_retention_days", Integer.toString(rawRetentionDays)))
            .placeholderReplacement(true)
            .load();
        final MigrateResult result = flyway.migrate();
        return new Result(storage, result.migrationsExecuted, result.targetSchemaVersion != null ?
            result.targetSchemaVersion : String.valueOf(result.initialSchemaVersion));
    }

    /**
     * The storage path for a server: an existing schema keeps the path it was created with; a new one gets
     * TimescaleDB when the extension is available (and creates it), else plain.
     */
    private static Storage chooseStorage(final String url, final String user, final String password)
    {
        try (Connection connection = DriverManager.getConnection(url, properties(user, password));
            Statement statement = connection.createStatement())
        {
            try (ResultSet rs = statement.executeQuery(
                "select value from market_data_settings where name = 'storage'"))
            {
                if (rs.next())
                {
                    return "timescale".equals(rs.getString(1)) ? Storage.TIMESCALE : Storage.PLAIN;
                }
            }
            catch (final SQLException ignore)
            {
                // No schema yet (undefined table): a new database, chosen below. The failed statement ended a
                // transaction only in non-autocommit mode, which this connection does not use.
            }
            try (ResultSet rs = statement.executeQuery(
                "select 1 from pg_available_extensions where name = 'timescaledb'"))
            {
                if (!rs.next())
                {
                    return Storage.PLAIN;
                }
            }
            statement.execute("create extension if not exists timescaledb");
            return Storage.TIMESCALE;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot reach the database to migrate it: " + ex.getMessage(), ex);
        }
    }

    static Properties properties(final String user, final String password)
    {
        final Properties properties = new Properties();
        if (null != user)
        {
            properties.setProperty("user", user);
        }
        if (null != password)
        {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
