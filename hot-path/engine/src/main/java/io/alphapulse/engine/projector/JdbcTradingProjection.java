/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.projector;

import io.alphapulse.ledger.Assets;
import io.alphapulse.ledger.LedgerEventHandler;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.InstrumentInfo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntFunction;

/**
 * Ledger events into the trading tables ({@code V1_100__trading.sql}), batched: events are added to JDBC batches and
 * written in one transaction by {@link #flush()}. Idempotent: rows are keyed by the ledger's ids; an order's filled
 * quantity only grows, and position and balance updates apply only when not older (in ledger time) than the row, so
 * replaying events changes nothing.
 * <p>
 * Prices and quantities become exact NUMERICs at the instrument's scales ({@link BigDecimal#valueOf(long, int)});
 * an instrument without known scales is written with scale 0 and counted.
 */
public final class JdbcTradingProjection implements LedgerEventHandler, AutoCloseable
{
    private final Connection connection;
    private final IntFunction<InstrumentInfo> instruments;
    private final PreparedStatement insertOrder;
    private final PreparedStatement insertRejection;
    private final PreparedStatement insertFill;
    private final PreparedStatement fillOrder;
    private final PreparedStatement cancelOrder;
    private final PreparedStatement upsertPosition;
    private final PreparedStatement upsertPositionChange;
    private final PreparedStatement upsertBalance;
    private final PreparedStatement upsertWatermark;
    private boolean watermarkPending;
    private int pending;
    private long written;
    private long unknownScales;

    /**
     * Write through a connection (auto-commit is switched off).
     *
     * @param connection  database connection, migrated.
     * @param instruments scales of an instrument, or null when unknown.
     * @throws SQLException when a statement cannot be prepared.
     */
    public JdbcTradingProjection(final Connection connection, final IntFunction<InstrumentInfo> instruments)
        throws SQLException
    {
        this.connection = connection;
        this.instruments = instruments;
        connection.setAutoCommit(false);
        insertOrder = connection.prepareStatement(
            "insert into trading_orders (order_id, client_order_id, portfolio_id, strategy_id, instrument_id, side, " +
            "order_type, time_in_force, price, quantity, price_mantissa, quantity_mantissa, status, accepted_at, " +
            "updated_at, updated_ns) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACCEPTED', ?, ?, ?) " +
            "on conflict (order_id) do nothing");
        insertRejection = connection.prepareStatement(
            "insert into trading_order_rejections (strategy_id, client_order_id, portfolio_id, instrument_id, " +
            "reason, rejected_at, rejected_ns) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
        insertFill = connection.prepareStatement(
            "insert into trading_fills (order_id, fill_id, client_order_id, portfolio_id, strategy_id, " +
            "instrument_id, side, price, quantity, leaves_quantity, fee, liquidity, executed_at, executed_ns) " +
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (order_id, fill_id) do nothing");
        fillOrder = connection.prepareStatement(
            "update trading_orders set filled_quantity = quantity - ?, status = ?, updated_at = ?, updated_ns = ? " +
            "where order_id = ? and filled_quantity <= quantity - ? and status <> 'CANCELLED'");
        cancelOrder = connection.prepareStatement(
            "update trading_orders set status = 'CANCELLED', cancelled_quantity = ?, cancel_reason = ?, " +
            "updated_at = ?, updated_ns = ? where order_id = ? and status <> 'FILLED'");
        upsertPosition = connection.prepareStatement(
            "insert into trading_positions (portfolio_id, instrument_id, position, average_price, realized_pnl, " +
            "unrealized_pnl, updated_at, updated_ns) values (?, ?, ?, ?, ?, ?, ?, ?) " +
            "on conflict (portfolio_id, instrument_id) do update set position = excluded.position, " +
            "average_price = excluded.average_price, realized_pnl = excluded.realized_pnl, " +
            "unrealized_pnl = excluded.unrealized_pnl, updated_at = excluded.updated_at, " +
            "updated_ns = excluded.updated_ns where trading_positions.updated_ns <= excluded.updated_ns");
        upsertPositionChange = connection.prepareStatement(
            "insert into trading_position_changes (portfolio_id, instrument_id, changed_ns, changed_at, position, " +
            "average_price, realized_pnl, unrealized_pnl) values (?, ?, ?, ?, ?, ?, ?, ?) " +
            "on conflict (portfolio_id, instrument_id, changed_ns) do update set position = excluded.position, " +
            "average_price = excluded.average_price, realized_pnl = excluded.realized_pnl, " +
            "unrealized_pnl = excluded.unrealized_pnl");
        upsertBalance = connection.prepareStatement(
            "insert into trading_balances (portfolio_id, asset, balance, updated_at, updated_ns) " +
            "values (?, ?, ?, ?, ?) on conflict (portfolio_id, asset) do update set balance = excluded.balance, " +
            "updated_at = excluded.updated_at, updated_ns = excluded.updated_ns " +
            "where trading_balances.updated_ns <= excluded.updated_ns");
        upsertWatermark = connection.prepareStatement(
            "insert into trading_projector_position (projector, recording_id, recording_start_ms, log_position, " +
            "updated_at) values (?, ?, ?, ?, now()) on conflict (projector) do update set " +
            "recording_id = excluded.recording_id, recording_start_ms = excluded.recording_start_ms, " +
            "log_position = excluded.log_position, updated_at = excluded.updated_at");
    }

    /**
     * Where a projector wrote up to in the ledger's log, as stored by {@link #watermark}.
     *
     * @param connection database connection.
     * @param projector  projector name.
     * @return {recording id, recording start (epoch ms), log position}, or null when none is stored.
     * @throws SQLException on failure.
     */
    public static long[] readWatermark(final Connection connection, final String projector) throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement(
            "select recording_id, recording_start_ms, log_position from trading_projector_position " +
            "where projector = ?"))
        {
            select.setString(1, projector);
            try (java.sql.ResultSet rs = select.executeQuery())
            {
                return rs.next() ? new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)} : null;
            }
        }
    }

    /**
     * Record, with the next {@link #flush()}, that every event up to {@code logPosition} of the recording has been
     * added: the rows and the watermark commit together.
     *
     * @param projector               projector name.
     * @param recordingId             recording of the ledger's log.
     * @param recordingStartTimestamp its start (epoch ms).
     * @param logPosition             position after the last message whose events were added.
     */
    public void watermark(
        final String projector, final long recordingId, final long recordingStartTimestamp, final long logPosition)
    {
        try
        {
            upsertWatermark.clearParameters();
            upsertWatermark.setString(1, projector);
            upsertWatermark.setLong(2, recordingId);
            upsertWatermark.setLong(3, recordingStartTimestamp);
            upsertWatermark.setLong(4, logPosition);
            watermarkPending = true;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Events added and not yet written.
     *
     * @return count.
     */
    public int pending()
    {
        return pending;
    }

    /**
     * Events written since start.
     *
     * @return count.
     */
    public long written()
    {
        return written;
    }

    /**
     * Events for instruments without known scales.
     *
     * @return count.
     */
    public long unknownScales()
    {
        return unknownScales;
    }

    /**
     * Write every pending event in one transaction, in a fixed order of tables (orders before the fills and cancels
     * that update them).
     *
     * @throws SQLException on failure; the transaction is rolled back. The JDBC batches are cleared by a failed
     *                      execution, so the pending events are lost to this instance: close it
     *                      ({@link #closeWithoutFlush()}) and follow the log again from the stored watermark.
     */
    public void flush() throws SQLException
    {
        if (0 == pending && !watermarkPending)
        {
            return;
        }
        try
        {
            insertOrder.executeBatch();
            insertRejection.executeBatch();
            insertFill.executeBatch();
            fillOrder.executeBatch();
            cancelOrder.executeBatch();
            upsertPosition.executeBatch();
            upsertPositionChange.executeBatch();
            upsertBalance.executeBatch();
            if (watermarkPending)
            {
                upsertWatermark.executeUpdate();
            }
            connection.commit();
            written += pending;
            pending = 0;
            watermarkPending = false;
        }
        catch (final SQLException ex)
        {
            try
            {
                connection.rollback();
            }
            catch (final SQLException rollbackFailed)
            {
                ex.addSuppressed(rollbackFailed);
            }
            throw ex;
        }
    }

    /**
     * Close the connection, dropping what is pending (after a failed {@link #flush()}: the caller follows the log
     * again from the stored watermark).
     *
     * @throws SQLException if closing fails.
     */
    public void closeWithoutFlush() throws SQLException
    {
        pending = 0;
        watermarkPending = false;
        connection.close();
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws SQLException
    {
        try
        {
            flush();
        }
        finally
        {
            connection.close();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderAccepted(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final InstrumentInfo instrument = instrument(instrumentId);
        try
        {
            insertOrder.setLong(1, orderId);
            insertOrder.setLong(2, clientOrderId);
            insertOrder.setInt(3, portfolioId);
            insertOrder.setInt(4, strategyId);
            insertOrder.setInt(5, instrumentId);
            insertOrder.setString(6, side.name());
            insertOrder.setString(7, orderType.name());
            insertOrder.setString(8, timeInForce.name());
            if (orderType == OrderType.MARKET)
            {
                insertOrder.setNull(9, Types.NUMERIC);
            }
            else
            {
                insertOrder.setBigDecimal(9, BigDecimal.valueOf(price, priceScale(instrument)));
            }
            insertOrder.setBigDecimal(10, BigDecimal.valueOf(quantity, quantityScale(instrument)));
            insertOrder.setLong(11, price);
            insertOrder.setLong(12, quantity);
            insertOrder.setObject(13, time(timeNs));
            insertOrder.setObject(14, time(timeNs));
            insertOrder.setLong(15, timeNs);
            insertOrder.addBatch();
            pending++;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderRejected(
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final RejectReason reason)
    {
        try
        {
            insertRejection.setInt(1, strategyId);
            insertRejection.setLong(2, clientOrderId);
            insertRejection.setInt(3, portfolioId);
            insertRejection.setInt(4, instrumentId);
            insertRejection.setString(5, reason.name());
            insertRejection.setObject(6, time(timeNs));
            insertRejection.setLong(7, timeNs);
            insertRejection.addBatch();
            pending++;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFill(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long fillId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int feeExponent,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final Liquidity liquidity)
    {
        final InstrumentInfo instrument = instrument(instrumentId);
        final int quantityScale = quantityScale(instrument);
        try
        {
            insertFill.setLong(1, orderId);
            insertFill.setLong(2, fillId);
            insertFill.setLong(3, clientOrderId);
            insertFill.setInt(4, portfolioId);
            insertFill.setInt(5, strategyId);
            insertFill.setInt(6, instrumentId);
            insertFill.setString(7, side.name());
            insertFill.setBigDecimal(8, BigDecimal.valueOf(price, priceScale(instrument)));
            insertFill.setBigDecimal(9, BigDecimal.valueOf(quantity, quantityScale));
            insertFill.setBigDecimal(10, BigDecimal.valueOf(leavesQuantity, quantityScale));
            insertFill.setBigDecimal(11, BigDecimal.valueOf(feeMantissa, -feeExponent));
            insertFill.setString(12, liquidity.name());
            insertFill.setObject(13, time(timeNs));
            insertFill.setLong(14, timeNs);
            insertFill.addBatch();

            fillOrder.setBigDecimal(1, BigDecimal.valueOf(leavesQuantity, quantityScale));
            fillOrder.setString(2, leavesQuantity == 0 ? "FILLED" : "PARTIALLY_FILLED");
            fillOrder.setObject(3, time(timeNs));
            fillOrder.setLong(4, timeNs);
            fillOrder.setLong(5, orderId);
            fillOrder.setBigDecimal(6, BigDecimal.valueOf(leavesQuantity, quantityScale));
            fillOrder.addBatch();
            pending++;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderCancelled(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long cancelledQuantity,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final CancelReason reason)
    {
        try
        {
            final int quantityScale = quantityScale(instrument(instrumentId));
            cancelOrder.setBigDecimal(1, BigDecimal.valueOf(cancelledQuantity, quantityScale));
            cancelOrder.setString(2, reason.name());
            cancelOrder.setObject(3, time(timeNs));
            cancelOrder.setLong(4, timeNs);
            cancelOrder.setLong(5, orderId);
            cancelOrder.addBatch();
            pending++;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onPosition(
        final long timeNs,
        final int portfolioId,
        final int instrumentId,
        final long position,
        final long averagePriceMantissa,
        final long realizedMantissa,
        final long unrealizedMantissa,
        final int pnlExponent)
    {
        final InstrumentInfo instrument = instrument(instrumentId);
        final BigDecimal quantity = BigDecimal.valueOf(position, quantityScale(instrument));
        final BigDecimal averagePrice = BigDecimal.valueOf(averagePriceMantissa, priceScale(instrument));
        final BigDecimal realized = BigDecimal.valueOf(realizedMantissa, -pnlExponent);
        final BigDecimal unrealized = BigDecimal.valueOf(unrealizedMantissa, -pnlExponent);
        try
        {
            upsertPosition.setInt(1, portfolioId);
            upsertPosition.setInt(2, instrumentId);
            upsertPosition.setBigDecimal(3, quantity);
            upsertPosition.setBigDecimal(4, averagePrice);
            upsertPosition.setBigDecimal(5, realized);
            upsertPosition.setBigDecimal(6, unrealized);
            upsertPosition.setObject(7, time(timeNs));
            upsertPosition.setLong(8, timeNs);
            upsertPosition.addBatch();

            upsertPositionChange.setInt(1, portfolioId);
            upsertPositionChange.setInt(2, instrumentId);
            upsertPositionChange.setLong(3, timeNs);
            upsertPositionChange.setObject(4, time(timeNs));
            upsertPositionChange.setBigDecimal(5, quantity);
            upsertPositionChange.setBigDecimal(6, averagePrice);
            upsertPositionChange.setBigDecimal(7, realized);
            upsertPositionChange.setBigDecimal(8, unrealized);
            upsertPositionChange.addBatch();
            pending++;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBalance(
        final long timeNs,
        final int portfolioId,
        final long asset,
        final long balanceMantissa,
        final int balanceExponent)
    {
        try
        {
            upsertBalance.setInt(1, portfolioId);
            upsertBalance.setString(2, Assets.toString(asset));
            upsertBalance.setBigDecimal(3, BigDecimal.valueOf(balanceMantissa, -balanceExponent));
            upsertBalance.setObject(4, time(timeNs));
            upsertBalance.setLong(5, timeNs);
            upsertBalance.addBatch();
            pending++;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private InstrumentInfo instrument(final int instrumentId)
    {
        final InstrumentInfo instrument = instruments.apply(instrumentId);
        if (null == instrument)
        {
            unknownScales++;
        }
        return instrument;
    }

    private static int priceScale(final InstrumentInfo instrument)
    {
        return null == instrument ? 0 : instrument.priceScale();
    }

    private static int quantityScale(final InstrumentInfo instrument)
    {
        return null == instrument ? 0 : instrument.quantityScale();
    }

    /**
     * Nanoseconds since the epoch as a timestamptz value, truncated to microseconds (PostgreSQL's precision) so it is
     * never rounded into the next microsecond.
     */
    static OffsetDateTime time(final long timeNs)
    {
        final long micros = Math.floorDiv(timeNs, 1_000L);
        return OffsetDateTime.ofInstant(
            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
            ZoneOffset.UTC);
    }
}
