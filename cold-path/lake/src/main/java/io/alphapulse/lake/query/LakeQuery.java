/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.query;

import io.alphapulse.lake.LakeLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * DuckDB (in-process, in memory) over the lake, with a view per dataset:
 * <pre>
 *   trades, quotes, candles, feed_events, orders, fills   read_parquet(..., hive_partitioning, union_by_name)
 *   candles_1m, candles_1h                                candles of one resolution
 *   gaps                                                  feed events that mean data may be missing
 * </pre>
 * {@code union_by_name} lets files of different decimal scales (instruments with different ticks) be read
 * together: DuckDB widens to a decimal that holds both exactly. Partition columns {@code exchange} (VARCHAR) and
 * {@code date} (DATE) come from the path, so filters on them skip whole directories.
 */
public final class LakeQuery implements AutoCloseable
{
    /**
     * Datasets registered as views when they have files.
     */
    public static final List<String> DATASETS = List.of("trades", "quotes", "candles", "feed_events", "orders", "fills");

    /**
     * Feed event types that mean data may be missing or wrong around them.
     */
    public static final String GAP_EVENT_TYPES =
        "'GAP', 'RESYNC_STARTED', 'RESYNC_DONE', 'CHECKSUM_FAILURE', 'STALE_CHANNEL', 'DISCONNECTED', 'CROSSED_BOOK'";

    private final Connection connection;
    private final Map<String, String> views = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();

    private LakeQuery(final Connection connection)
    {
        this.connection = connection;
    }

    /**
     * Open DuckDB and register the lake's views.
     *
     * @param lakeDir lake directory.
     * @param homeDir DuckDB's home and extension directory (nothing is downloaded; it must be writable).
     * @return the query session.
     * @throws SQLException when DuckDB cannot start.
     */
    public static LakeQuery open(final Path lakeDir, final Path homeDir) throws SQLException
    {
        try
        {
            Files.createDirectories(homeDir.resolve("extensions"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create DuckDB home " + homeDir, ex);
        }
        final Properties properties = new Properties();
        properties.setProperty("home_directory", homeDir.toAbsolutePath().toString());
        properties.setProperty("extension_directory", homeDir.resolve("extensions").toAbsolutePath().toString());
        properties.setProperty("autoinstall_known_extensions", "false");
        final Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
        final LakeQuery query = new LakeQuery(connection);
        try
        {
            query.registerViews(lakeDir);
        }
        catch (final SQLException | RuntimeException ex)
        {
            query.close();
            throw ex;
        }
        return query;
    }

    private void registerViews(final Path lakeDir) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            for (final String dataset : DATASETS)
            {
                if (!hasFiles(LakeLayout.datasetDir(lakeDir, dataset)))
                {
                    missing.add(dataset);
                    continue;
                }
                final String sql = "create view " + dataset + " as select * from read_parquet('" +
                    LakeLayout.glob(lakeDir, dataset).replace("'", "''") + "', hive_partitioning = true, " +
                    "union_by_name = true, hive_types = {'exchange': VARCHAR, 'date': DATE})";
                statement.execute(sql);
                views.put(dataset, sql);
            }
            if (views.containsKey("candles"))
            {
                for (final String resolution : List.of("1m", "1h"))
                {
                    final String sql = "create view candles_" + resolution +
                        " as select * exclude (resolution) from candles where resolution = '" + resolution + "'";
                    statement.execute(sql);
                    views.put("candles_" + resolution, sql);
                }
            }
            if (views.containsKey("feed_events"))
            {
                final String sql = "create view gaps as select * from feed_events where event_type in (" +
                    GAP_EVENT_TYPES + ")";
                statement.execute(sql);
                views.put("gaps", sql);
            }
        }
    }

    private static boolean hasFiles(final Path datasetDir)
    {
        if (!Files.isDirectory(datasetDir))
        {
            return false;
        }
        try (DirectoryStream<Path> exchanges = Files.newDirectoryStream(datasetDir, "exchange=*"))
        {
            for (final Path exchange : exchanges)
            {
                try (DirectoryStream<Path> dates = Files.newDirectoryStream(exchange, "date=*"))
                {
                    for (final Path date : dates)
                    {
                        try (DirectoryStream<Path> files = Files.newDirectoryStream(date, "*.parquet"))
                        {
                            if (files.iterator().hasNext())
                            {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + datasetDir, ex);
        }
        return false;
    }

    /**
     * The DuckDB connection, views registered.
     *
     * @return connection.
     */
    public Connection connection()
    {
        return connection;
    }

    /**
     * Views registered, with their definitions.
     *
     * @return view name to SQL.
     */
    public Map<String, String> views()
    {
        return views;
    }

    /**
     * Datasets without files (no view).
     *
     * @return dataset names.
     */
    public List<String> missing()
    {
        return missing;
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws SQLException
    {
        connection.close();
    }
}
