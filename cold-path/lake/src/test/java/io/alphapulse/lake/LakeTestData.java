/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import io.alphapulse.sql.MarketDataMaintenance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * Market data for lake tests, generated in PostgreSQL with exact decimals at each instrument's scale: three
 * instruments on two exchanges, with different price scales (so a partition has files of different decimal types),
 * trades, quotes with some NULL quantities, feed events (gaps), and candles from the database's own rollup.
 */
public final class LakeTestData
{
    private LakeTestData()
    {
    }

    /**
     * Insert instruments and {@code tradesPerDay} trades (and quotes, events) per exchange and day.
     *
     * @param connection   database.
     * @param firstDay     first day.
     * @param days         number of days.
     * @param tradesPerDay trades per exchange and day.
     * @throws SQLException on a database error.
     */
    public static void insert(final Connection connection, final LocalDate firstDay, final int days,
        final int tradesPerDay) throws SQLException
    {
        final MarketDataMaintenance maintenance = MarketDataMaintenance.forDatabase(connection);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("insert into instruments (exchange, instrument_id, symbol, venue_symbol, price_scale, " +
                "quantity_scale) values ('KRAKEN', 1, 'BTC-USD', 'XBT/USD', 1, 8), " +
                "('KRAKEN', 2, 'ETH-USD', 'ETH/USD', 2, 8), ('COINBASE', 101, 'BTC-USD', 'BTC-USD', 2, 8), " +
                "('COINBASE', 102, 'DOGE-USD', 'DOGE-USD', 5, 1) on conflict do nothing");
            for (int d = 0; d < days; d++)
            {
                final LocalDate day = firstDay.plusDays(d);
                maintenance.ensureDay(connection, day.toEpochDay());
                final String start = "timestamptz '" + day + " 00:00:00+00'";
                // Kraken: BTC at scale 1 and ETH at scale 2; Coinbase: BTC at scale 2, DOGE at scale 5.
                statement.execute("insert into trades select " + start +
                    " + (g * interval '1 second' * 86000 / " + tradesPerDay + ") + (g % 7) * interval '1 microsecond', " +
                    "'KRAKEN', case when g % 3 = 0 then 2 else 1 end, case when g % 5 = 0 then null else g end, " +
                    "case when g % 3 = 0 then 3000 + (g % 10007) * 0.01 else 60000 + ((g * 7919) % 1000) * 0.1 end, " +
                    "((g % 1000) + 1) * 0.00000001 * 12345, case g % 3 when 0 then 'BUY' when 1 then 'SELL' end, " +
                    "g, " + start + " + (g * interval '1 second' * 86000 / " + tradesPerDay + ") " +
                    "from generate_series(1, " + tradesPerDay + ") g");
                statement.execute("insert into trades select " + start +
                    " + (g * interval '1 second' * 86000 / " + tradesPerDay + "), " +
                    "'COINBASE', case when g % 4 = 0 then 102 else 101 end, g, " +
                    "case when g % 4 = 0 then 0.1 + (g % 1009) * 0.00001 else 60000 + (g % 99991) * 0.01 end, " +
                    "case when g % 4 = 0 then (g % 500 + 1) * 0.1 else (g % 777 + 1) * 0.00000001 end, " +
                    "'BUY', g, " + start + " + (g * interval '1 second' * 86000 / " + tradesPerDay + ") " +
                    "from generate_series(1, " + tradesPerDay + ") g");
                statement.execute("insert into top_of_book select " + start +
                    " + (g * interval '1 second' * 86000 / " + tradesPerDay + "), 'KRAKEN', 1, " +
                    "60000 + (g % 999) * 0.1, case when g % 9 = 0 then null else g * 0.00000001 end, " +
                    "60000.1 + (g % 999) * 0.1, (g % 100) * 0.001, case when g % 2 = 0 then g end, g, " +
                    start + " + (g * interval '1 second' * 86000 / " + tradesPerDay + ") " +
                    "from generate_series(1, " + tradesPerDay / 2 + ") g");
                statement.execute("insert into feed_events select " + start + " + g * interval '1 hour', " +
                    "case when g % 2 = 0 then 'KRAKEN' else 'COINBASE' end, case when g % 3 = 0 then null else 1 end, " +
                    "case g % 4 when 0 then 'GAP' when 1 then 'RESYNC_STARTED' when 2 then 'RESYNC_DONE' " +
                    "else 'CONNECTED' end, 'RELAY', case when g % 4 = 0 then g * 10 end, " +
                    "case when g % 4 = 0 then g * 10 + 5 end, g, 'detail, with \"quotes\" ' || g, " +
                    start + " + g * interval '1 hour' from generate_series(0, 23) g");
                statement.execute("select trades_written(" + start + ", " + start + " + interval '1 day')");
            }
            statement.execute("select refresh_candles()");
        }
    }
}
