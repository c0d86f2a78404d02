/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Stores a backtest's result in the database ({@code backtest_runs}, {@code backtest_orders},
 * {@code backtest_fills}, {@code backtest_equity}), in one transaction.
 */
public final class BacktestStore
{
    private BacktestStore()
    {
    }

    /**
     * Store a result.
     *
     * @param connection database.
     * @param result     the result.
     * @param source     {@code archive} or {@code lake}.
     * @param fromNs     window start, or {@link Long#MIN_VALUE}.
     * @param toNs       window end, or {@link Long#MAX_VALUE}.
     * @param reportPath the HTML report, or null.
     * @param durationMs how long the run took.
     * @return the run id.
     * @throws SQLException on a database error (nothing is stored).
     */
    public static long store(
        final Connection connection,
        final BacktestResult result,
        final String source,
        final long fromNs,
        final long toNs,
        final String reportPath,
        final long durationMs) throws SQLException
    {
        final boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try
        {
            final long runId;
            try (PreparedStatement run = connection.prepareStatement("insert into backtest_runs (strategy, params, " +
                "source, from_time, to_time, first_event, last_event, events, order_count, fill_count, " +
                "initial_cash, pnl, fees, turnover, max_drawdown, sharpe, result_hash, report_path, duration_ms) " +
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning run_id"))
            {
                run.setString(1, result.strategy());
                run.setString(2, result.params());
                run.setString(3, source);
                setTime(run, 4, fromNs == Long.MIN_VALUE ? null : fromNs);
                setTime(run, 5, toNs == Long.MAX_VALUE ? null : toNs);
                setTime(run, 6, 0 == result.firstEventNs() ? null : result.firstEventNs());
                setTime(run, 7, 0 == result.lastEventNs() ? null : result.lastEventNs());
                run.setLong(8, result.events());
                run.setInt(9, result.orders().size());
                run.setInt(10, result.fills().size());
                run.setBigDecimal(11, result.initialCash());
                run.setBigDecimal(12, result.pnl());
                run.setBigDecimal(13, result.fees());
                run.setBigDecimal(14, result.turnover());
                run.setBigDecimal(15, result.maxDrawdown());
                if (Double.isNaN(result.sharpe()))
                {
                    run.setNull(16, Types.DOUBLE);
                }
                else
                {
                    run.setDouble(16, result.sharpe());
                }
                run.setString(17, result.hash());
                run.setString(18, reportPath);
                run.setLong(19, durationMs);
                try (ResultSet rs = run.executeQuery())
                {
                    rs.next();
                    runId = rs.getLong(1);
                }
            }
            try (PreparedStatement order = connection.prepareStatement("insert into backtest_orders values " +
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
            {
                for (final BacktestResult.OrderRecord o : result.orders())
                {
                    order.setLong(1, runId);
                    order.setLong(2, o.clientOrderId());
                    setTime(order, 3, o.timeNs());
                    order.setLong(4, o.timeNs());
                    order.setInt(5, o.instrumentId());
                    order.setString(6, o.side());
                    order.setBigDecimal(7, o.price());
                    order.setBigDecimal(8, o.quantity());
                    order.setString(9, o.timeInForce());
                    order.setString(10, o.status());
                    order.setBigDecimal(11, o.filledQuantity());
                    order.setString(12, o.reason());
                    order.addBatch();
                }
                order.executeBatch();
            }
            try (PreparedStatement fill = connection.prepareStatement("insert into backtest_fills values " +
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
            {
                int seq = 0;
                for (final BacktestResult.FillRecord f : result.fills())
                {
                    fill.setLong(1, runId);
                    fill.setInt(2, seq++);
                    setTime(fill, 3, f.timeNs());
                    fill.setLong(4, f.timeNs());
                    fill.setLong(5, f.clientOrderId());
                    fill.setInt(6, f.instrumentId());
                    fill.setString(7, f.side());
                    fill.setBigDecimal(8, f.price());
                    fill.setBigDecimal(9, f.quantity());
                    fill.setBigDecimal(10, f.fee());
                    fill.setString(11, f.liquidity());
                    fill.addBatch();
                }
                fill.executeBatch();
            }
            try (PreparedStatement point = connection.prepareStatement("insert into backtest_equity values " +
                "(?, ?, ?, ?) on conflict do nothing"))
            {
                for (final BacktestResult.EquityPoint p : result.equity())
                {
                    point.setLong(1, runId);
                    setTime(point, 2, p.timeNs());
                    point.setLong(3, p.timeNs());
                    point.setBigDecimal(4, p.equity());
                    point.addBatch();
                }
                point.executeBatch();
            }
            connection.commit();
            return runId;
        }
        catch (final SQLException | RuntimeException ex)
        {
            connection.rollback();
            throw ex;
        }
        finally
        {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void setTime(final PreparedStatement statement, final int index, final Long timeNs)
        throws SQLException
    {
        if (null == timeNs)
        {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        else
        {
            statement.setTimestamp(index, Timestamp.from(Instant.ofEpochSecond(0, timeNs)));
        }
    }
}
