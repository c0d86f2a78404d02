/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.query;

import io.alphapulse.lake.LakeLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code pulse query}.
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Query the Parquet lake with DuckDB (in this process; nothing is downloaded). Views:",
        "  trades, quotes, candles, feed_events, orders, fills   every file of the dataset (hive partitions)",
        "  candles_1m, candles_1h                                candles of one resolution",
        "  gaps                                                  feed events meaning data may be missing",
        "Every view has the partition columns exchange (VARCHAR) and date (DATE): filter on them to read only",
        "those directories. Prices and quantities are exact DECIMALs; times are TIMESTAMP WITH TIME ZONE (UTC).",
        "",
        "Example: ops/pulse query \"select symbol, count(*), min(price), max(price) from trades",
        "         where date = '2030-03-01' group by all order by all\" --format csv"
    })
public final class QueryCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "SQL", arity = "0..1", description = "The query (DuckDB SQL).")
    String sql;

    @Option(names = "--format", paramLabel = "FORMAT",
        description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format = "table";

    @Option(names = "--explain", description = "Print DuckDB's plan instead of the result.")
    boolean explain;

    @Option(names = "--views", description = "List the views and their definitions.")
    boolean listViews;

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake directory (default: ${DEFAULT-VALUE}).")
    Path lakeDir = Path.of(LakeLayout.LAKE_DIR_DEFAULT);

    @Option(names = "--duckdb-home", paramLabel = "DIR",
        description = "DuckDB home and extension directory (default: <lake>/../duckdb).")
    Path duckdbHome;

    /**
     * Run the query.
     *
     * @return exit code.
     * @throws Exception on a query error.
     */
    public Integer call() throws Exception
    {
        final ResultFormatter.Format outputFormat;
        try
        {
            outputFormat = ResultFormatter.Format.valueOf(format.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("--format " + format + ": use table, csv or json");
        }
        if (null == sql && !listViews)
        {
            throw new IllegalArgumentException("give a query, e.g. \"select count(*) from trades\", or --views");
        }
        final Path home = null != duckdbHome ? duckdbHome :
            lakeDir.toAbsolutePath().normalize().resolveSibling("duckdb");
        try (LakeQuery query = LakeQuery.open(lakeDir, home))
        {
            if (listViews)
            {
                for (final Map.Entry<String, String> view : query.views().entrySet())
                {
                    System.out.println(view.getKey() + ": " + view.getValue());
                }
                for (final String missing : query.missing())
                {
                    System.out.println(missing + ": no files in " + lakeDir.resolve(missing) + " (not exported yet)");
                }
                if (null == sql)
                {
                    return 0;
                }
            }
            try (Statement statement = query.connection().createStatement())
            {
                if (explain)
                {
                    try (ResultSet rs = statement.executeQuery("explain " + sql))
                    {
                        while (rs.next())
                        {
                            System.out.println(rs.getString(2));
                        }
                    }
                    return 0;
                }
                try (ResultSet rs = statement.executeQuery(sql))
                {
                    ResultFormatter.print(rs, outputFormat, System.out);
                }
            }
            catch (final java.sql.SQLException ex)
            {
                if (!query.missing().isEmpty())
                {
                    System.err.println("note: no files yet for " + query.missing() + " in " + lakeDir +
                        " (run ops/pulse export)");
                }
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
        }
        System.out.flush();
        return 0;
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse query}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new QueryCommand()).execute(args));
    }
}
