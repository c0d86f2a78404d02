/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.sql.MarketDataMaintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Known rows for the tests: one instrument on Kraken with trades over two hours of yesterday (one per 10 seconds,
 * price = 100 + minute index), candles refreshed from them, top of book, feed events, and a portfolio with orders,
 * fills, positions, balances and PnL history.
 */
final class Seed
{
    static final Instant DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Instant TRADES_FROM = DAY.plus(10, ChronoUnit.HOURS);
    static final int TRADE_MINUTES = 120;
    static final int TRADES_PER_MINUTE = 6;
    static final int ORDERS = 25;

    private Seed()
    {
    }

    static void seed(final Connection connection) throws SQLException
    {
        final MarketDataMaintenance maintenance = MarketDataMaintenance.forDatabase(connection);
        maintenance.ensureDay(connection, DAY.getEpochSecond() / 86_400);
        maintenance.ensureDay(connection, LocalDate.now(ZoneOffset.UTC).toEpochDay());
        try (Statement statement = connection.createStatement())
        {
            statement.execute("insert into instruments (exchange, instrument_id, symbol, venue_symbol, price_scale, " +
                "quantity_scale) values ('KRAKEN', 1, 'BTC-USD', 'XBT/USD', 2, 8), " +
                "('COINBASE', 7, 'ETH-USD', 'ETH-USD', 2, 8)");
        }
        try (PreparedStatement trade = connection.prepareStatement("insert into trades (time, exchange, " +
            "instrument_id, trade_id, price, quantity, side, sequence, receive_time) values (?, 'KRAKEN', 1, ?, ?, " +
            "?, ?, ?, ?)"))
        {
            long sequence = 1;
            for (int minute = 0; minute < TRADE_MINUTES; minute++)
            {
                for (int i = 0; i < TRADES_PER_MINUTE; i++)
                {
                    final Instant time = TRADES_FROM.plus(minute, ChronoUnit.MINUTES).plusSeconds(10L * i);
                    trade.setTimestamp(1, Timestamp.from(time));
                    trade.setLong(2, sequence);
                    trade.setBigDecimal(3, new java.math.BigDecimal(100 + minute + i).movePointLeft(0)
                        .add(new java.math.BigDecimal("0.25")));
                    trade.setBigDecimal(4, new java.math.BigDecimal("0.00100000"));
                    trade.setString(5, 0 == i % 2 ? "BUY" : "SELL");
                    trade.setLong(6, sequence++);
                    trade.setTimestamp(7, Timestamp.from(time));
                    trade.addBatch();
                }
            }
            trade.executeBatch();
        }
        try (Statement statement = connection.createStatement())
        {
            statement.execute("select trades_written(timestamptz '" + TRADES_FROM + "', timestamptz '" +
                TRADES_FROM.plus(TRADE_MINUTES, ChronoUnit.MINUTES) + "')");
            statement.execute("select refresh_candles()");
            statement.execute("insert into top_of_book (time, exchange, instrument_id, bid_price, bid_quantity, " +
                "ask_price, ask_quantity, exchange_sequence, sequence, receive_time) values " +
                "(now() - interval '2 minutes', 'KRAKEN', 1, 100.10, 1.5, 100.20, 2.5, 10, 1, now()), " +
                "(now() - interval '1 minute', 'KRAKEN', 1, 101.10, 1.0, 101.20, 2.0, 11, 2, now())");
            statement.execute("insert into feed_events (time, exchange, instrument_id, event_type, origin, " +
                "expected_sequence, received_sequence, sequence, detail, receive_time) values " +
                "(now() - interval '30 minutes', 'KRAKEN', 1, 'GAP', 'COLLECTOR', 10, 15, 3, 'missed 5', now()), " +
                "(now() - interval '20 minutes', 'KRAKEN', 1, 'RESYNC_DONE', 'COLLECTOR', null, null, 4, " +
                "'book resynchronised', now()), " +
                "(now() - interval '10 minutes', 'KRAKEN', null, 'SUBSCRIBED', 'COLLECTOR', null, null, 5, 'ok', now())");
            statement.execute("insert into portfolios (portfolio_id, name, quote_asset) values (1, 'main', 'USD')");
            statement.execute("insert into trading_balances (portfolio_id, asset, balance, updated_at, updated_ns) " +
                "values (1, 'USD', 99000.12345678, now(), 1), (1, 'BTC', 0.5, now(), 1), (2, 'USD', 10, now(), 1)");
            statement.execute("insert into trading_positions (portfolio_id, instrument_id, position, average_price, " +
                "realized_pnl, unrealized_pnl, updated_at, updated_ns) values " +
                "(1, 1, 0.5, 100.25, 12.50, -3.25, now(), 1), (1, 7, -1.0, 2000.00, 0.10, 0.20, now(), 1)");
            // Two instruments changing in turn over the last 5 hours; the portfolio's PnL is the sum of the latest.
            statement.execute("insert into trading_position_changes (portfolio_id, instrument_id, changed_ns, " +
                "changed_at, position, average_price, realized_pnl, unrealized_pnl) select 1, 1 + (n % 2) * 6, " +
                "n, now() - ((6 - n) || ' hours')::interval, 1, 100, n, -n from generate_series(1, 5) n");
        }
        try (PreparedStatement order = connection.prepareStatement("insert into trading_orders (order_id, " +
            "client_order_id, portfolio_id, strategy_id, instrument_id, side, order_type, time_in_force, price, " +
            "quantity, price_mantissa, quantity_mantissa, status, filled_quantity, accepted_at, updated_at, " +
            "updated_ns) values (?, ?, 1, 900, 1, ?, 'LIMIT', 'GTC', 100.50, 0.01, 10050, 1000000, ?, ?, ?, ?, 1)"))
        {
            for (int i = 1; i <= ORDERS; i++)
            {
                // Several orders share a time so pages must break ties on the order id.
                final Timestamp accepted = Timestamp.from(DAY.plus(12, ChronoUnit.HOURS).plusSeconds(i / 3));
                order.setLong(1, i);
                order.setLong(2, 1000 + i);
                order.setString(3, 0 == i % 2 ? "BUY" : "SELL");
                order.setString(4, 0 == i % 5 ? "FILLED" : "ACCEPTED");
                order.setBigDecimal(5, 0 == i % 5 ? new java.math.BigDecimal("0.01") : java.math.BigDecimal.ZERO);
                order.setTimestamp(6, accepted);
                order.setTimestamp(7, accepted);
                order.addBatch();
            }
            order.executeBatch();
        }
        try (Statement statement = connection.createStatement())
        {
            statement.execute("insert into trading_fills (order_id, fill_id, client_order_id, portfolio_id, " +
                "strategy_id, instrument_id, side, price, quantity, leaves_quantity, fee, liquidity, executed_at, " +
                "executed_ns) select order_id, 1, client_order_id, portfolio_id, strategy_id, instrument_id, side, " +
                "price, quantity, 0, 0.0001, 'TAKER', accepted_at + interval '1 second', 1 " +
                "from trading_orders where status = 'FILLED'");
        }
    }
}
