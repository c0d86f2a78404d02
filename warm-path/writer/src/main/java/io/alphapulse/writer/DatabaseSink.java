/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.alphapulse.sql.MarketDataMaintenance;
import io.alphapulse.sql.PulseDatabase;
import org.agrona.collections.LongHashSet;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer's side of PostgreSQL: one connection; each batch (rows of every table, new instrument definitions, the
 * candle bookkeeping and the watermark) commits in ONE transaction, so the database always holds exactly the rows
 * of the messages up to its watermark.
 */
final class DatabaseSink implements AutoCloseable
{
    /**
     * A committed place in the Archive.
     *
     * @param recordingId recording id.
     * @param position    position after the last message committed.
     */
    record Watermark(long recordingId, long position)
    {
    }

    private final String url;
    private final String user;
    private final String password;
    private final String writerName;
    private final int streamId;
    private Connection connection;
    private CopyManager copyManager;
    private MarketDataMaintenance maintenance;
    private PreparedStatement upsertWatermark;
    private PreparedStatement upsertInstrument;
    private PreparedStatement tradesWritten;

    DatabaseSink(final String url, final String user, final String password, final String writerName,
        final int streamId)
    {
        this.url = url;
        this.user = user;
        this.password = password;
        this.writerName = writerName;
        this.streamId = streamId;
    }

    boolean isConnected()
    {
        return null != connection;
    }

    void connect() throws SQLException
    {
        disconnect();
        final Connection c = PulseDatabase.connect(url, user, password);
        try
        {
            c.setAutoCommit(true);
            maintenance = MarketDataMaintenance.forDatabase(c);
            copyManager = c.unwrap(PGConnection.class).getCopyAPI();
            upsertWatermark = c.prepareStatement("insert into writer_watermarks (writer_name, stream_id, " +
                "recording_id, position, updated_at) values (?, ?, ?, ?, now()) on conflict (writer_name, stream_id) " +
                "do update set recording_id = excluded.recording_id, position = excluded.position, " +
                "updated_at = excluded.updated_at");
            upsertInstrument = c.prepareStatement("insert into instruments (exchange, instrument_id, symbol, " +
                "venue_symbol, price_scale, quantity_scale, updated_at) values (?, ?, ?, ?, ?, ?, now()) " +
                "on conflict (exchange, instrument_id) do update set symbol = excluded.symbol, " +
                "venue_symbol = excluded.venue_symbol, price_scale = excluded.price_scale, " +
                "quantity_scale = excluded.quantity_scale, updated_at = excluded.updated_at");
            tradesWritten = c.prepareStatement("select trades_written(?, ?)");
            connection = c;
        }
        catch (final SQLException ex)
        {
            closeQuietly(c);
            throw ex;
        }
    }

    /**
     * The watermark, or null when this writer has committed nothing yet.
     */
    Watermark readWatermark() throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement(
            "select recording_id, position from writer_watermarks where writer_name = ? and stream_id = ?"))
        {
            select.setString(1, writerName);
            select.setInt(2, streamId);
            try (ResultSet rs = select.executeQuery())
            {
                return rs.next() ? new Watermark(rs.getLong(1), rs.getLong(2)) : null;
            }
        }
    }

    List<Instrument> loadInstruments() throws SQLException
    {
        final List<Instrument> instruments = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select exchange, instrument_id, symbol, venue_symbol, " +
                "price_scale, quantity_scale from instruments"))
        {
            while (rs.next())
            {
                instruments.add(new Instrument(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                    rs.getInt(5), rs.getInt(6)));
            }
        }
        return instruments;
    }

    /**
     * Commit a batch and its watermark in one transaction. The rows stay in {@code rows} (a failed batch is sent
     * again as it is).
     */
    void commit(final MarketDataRows rows, final long recordingId, final long position) throws SQLException
    {
        connection.setAutoCommit(false);
        try
        {
            final LongHashSet.LongIterator days = rows.days().iterator();
            while (days.hasNext())
            {
                maintenance.ensureDay(connection, days.nextValue());
            }
            copy(MarketDataRows.TRADES_COPY, rows.trades);
            copy(MarketDataRows.TOP_OF_BOOK_COPY, rows.topOfBook);
            copy(MarketDataRows.BOOK_SNAPSHOTS_COPY, rows.bookSnapshots);
            copy(MarketDataRows.FEED_EVENTS_COPY, rows.feedEvents);
            for (final Instrument instrument : rows.newDefinitions())
            {
                upsertInstrument.setString(1, instrument.exchange());
                upsertInstrument.setInt(2, instrument.instrumentId());
                upsertInstrument.setString(3, instrument.symbol());
                upsertInstrument.setString(4, instrument.venueSymbol());
                upsertInstrument.setInt(5, instrument.priceScale());
                upsertInstrument.setInt(6, instrument.quantityScale());
                upsertInstrument.addBatch();
            }
            if (!rows.newDefinitions().isEmpty())
            {
                upsertInstrument.executeBatch();
            }
            if (rows.trades.rowCount() > 0)
            {
                tradesWritten.setObject(1, timestamp(rows.minTradeTimeNs()));
                tradesWritten.setObject(2, timestamp(rows.maxTradeTimeNs()));
                tradesWritten.execute();
            }
            upsertWatermark.setString(1, writerName);
            upsertWatermark.setInt(2, streamId);
            upsertWatermark.setLong(3, recordingId);
            upsertWatermark.setLong(4, position);
            upsertWatermark.executeUpdate();
            connection.commit();
        }
        catch (final SQLException | RuntimeException ex)
        {
            // Partitions created in this transaction are gone with it.
            maintenance.forgetKnownDays();
            try
            {
                connection.rollback();
            }
            catch (final SQLException rollbackEx)
            {
                ex.addSuppressed(rollbackEx);
            }
            throw ex;
        }
        finally
        {
            if (null != connection)
            {
                try
                {
                    connection.setAutoCommit(true);
                }
                catch (final SQLException ignore)
                {
                    // The connection is broken; the caller disconnects and reconnects.
                }
            }
        }
    }

    /**
     * Partitions ahead, retention, candles (see {@link MarketDataMaintenance}).
     */
    MarketDataMaintenance.Report maintain(final int aheadDays) throws SQLException
    {
        return maintenance.run(connection, LocalDate.now(ZoneOffset.UTC), aheadDays);
    }

    private void copy(final String sql, final PgBinaryCopy rows) throws SQLException
    {
        if (0 == rows.rowCount())
        {
            return;
        }
        final int length = rows.finish();
        final CopyIn copyIn = copyManager.copyIn(sql);
        try
        {
            copyIn.writeToCopy(rows.array(), 0, length);
            copyIn.endCopy();
        }
        finally
        {
            if (copyIn.isActive())
            {
                copyIn.cancelCopy();
            }
        }
    }

    private static OffsetDateTime timestamp(final long epochNs)
    {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L),
            Math.floorMod(epochNs, 1_000_000_000L)), ZoneOffset.UTC);
    }

    void disconnect()
    {
        if (null != connection)
        {
            closeQuietly(connection);
            connection = null;
            copyManager = null;
        }
    }

    public void close()
    {
        disconnect();
    }

    private static void closeQuietly(final Connection c)
    {
        try
        {
            c.close();
        }
        catch (final SQLException ignore)
        {
            // Closing a broken connection; nothing to do.
        }
    }
}
