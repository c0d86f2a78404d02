/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.export;

import io.alphapulse.sql.MarketDataMaintenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Trades for the lake benchmarks, generated inside PostgreSQL: {@code instruments} instruments per exchange on two
 * exchanges (price scales 1 and 2, quantity scale 8), spread evenly over {@code days} days.
 */
public final class LakeBenchData
{
    /**
     * First day of the data.
     */
    public static final LocalDate FIRST_DAY = LocalDate.of(2030, 1, 1);

    private LakeBenchData()
    {
    }

    /**
     * Insert trades.
     *
     * @param connection  database.
     * @param rows        total trades.
     * @param days        days.
     * @param instruments instruments per exchange.
     * @throws SQLException on a database error.
     */
    public static void insertTrades(final Connection connection, final long rows, final int days,
        final int instruments) throws SQLException
    {
        final MarketDataMaintenance maintenance = MarketDataMaintenance.forDatabase(connection);
        try (Statement statement = connection.createStatement())
        {
            for (int i = 0; i < instruments; i++)
            {
                statement.execute("insert into instruments (exchange, instrument_id, symbol, venue_symbol, " +
                    "price_scale, quantity_scale) values ('KRAKEN', " + (1 + i) + ", 'SYM" + i + "-USD', 'S" + i +
                    "', 1, 8), ('COINBASE', " + (20_001 + i) + ", 'SYM" + i + "-USD', 'S" + i + "', 2, 8) " +
                    "on conflict do nothing");
            }
            final long perDay = rows / days;
            for (int d = 0; d < days; d++)
            {
                final LocalDate day = FIRST_DAY.plusDays(d);
                maintenance.ensureDay(connection, day.toEpochDay());
                statement.execute("insert into trades select timestamptz '" + day + " 00:00:00+00' + " +
                    "(g * 86399000000 / " + perDay + ") * interval '1 microsecond', " +
                    "case when g % 2 = 0 then 'KRAKEN' else 'COINBASE' end, " +
                    "case when g % 2 = 0 then 1 else 20001 end + (g / 2) % " + instruments + ", g, " +
                    "case when g % 2 = 0 then 60000 + ((g * 7919) % 10000) * 0.1 " +
                    "else 60000 + ((g * 7919) % 100000) * 0.01 end, ((g % 100000) + 1) * 0.00000001, " +
                    "case when g % 3 = 0 then 'BUY' else 'SELL' end, g, " +
                    "timestamptz '" + day + " 00:00:00+00' + (g * 86399000000 / " + perDay + ") * " +
                    "interval '1 microsecond' from generate_series(0::bigint, " + (perDay - 1) + ") g");
            }
            statement.execute("analyze trades");
        }
    }

    /**
     * Delete a temporary directory, best effort.
     *
     * @param dir directory.
     */
    public static void deleteRecursively(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            // Best effort: a temporary directory.
        }
    }
}
