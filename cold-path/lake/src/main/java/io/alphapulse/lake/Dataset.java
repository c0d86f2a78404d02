/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.alphapulse.lake.Column.optional;
import static io.alphapulse.lake.Column.required;
import static io.alphapulse.lake.ColumnKind.DECIMAL_OBSERVED;
import static io.alphapulse.lake.ColumnKind.DECIMAL_PRICE;
import static io.alphapulse.lake.ColumnKind.DECIMAL_QUANTITY;
import static io.alphapulse.lake.ColumnKind.INT32;
import static io.alphapulse.lake.ColumnKind.INT64;
import static io.alphapulse.lake.ColumnKind.STRING;
import static io.alphapulse.lake.ColumnKind.SYMBOL;
import static io.alphapulse.lake.ColumnKind.TIMESTAMP;

/**
 * A dataset of the lake: the PostgreSQL table it comes from, the column that places a row in a day, and its columns.
 * Partition columns ({@code exchange}, {@code date}) live in the path, not in the files.
 *
 * @param name           directory under the lake, e.g. {@code trades}.
 * @param table          source table.
 * @param timeColumn     {@code timestamptz} column whose UTC day is the partition's date.
 * @param exchangeColumn SQL giving the partition's exchange (a column, or a lookup of the instrument's), or null
 *                       for {@link #NO_EXCHANGE}.
 * @param byInstrument   whether the table has {@code instrument_id} (rows are grouped by instrument scale).
 * @param columns        the columns written, in file order.
 */
public record Dataset(
    String name, String table, String timeColumn, String exchangeColumn, boolean byInstrument, List<Column> columns)
{
    /**
     * Partition value when the table has no exchange column.
     */
    public static final String NO_EXCHANGE = "ALL";

    /**
     * Trades: one row per print.
     */
    public static final Dataset TRADES = new Dataset("trades", "trades", "time", "exchange", true, List.of(
        required("time", TIMESTAMP),
        required("instrument_id", INT32),
        optional("symbol", SYMBOL),
        optional("trade_id", INT64),
        required("price", DECIMAL_PRICE),
        required("quantity", DECIMAL_QUANTITY),
        optional("side", STRING),
        required("sequence", INT64),
        required("receive_time", TIMESTAMP)));

    /**
     * Quotes: best bid and ask ({@code top_of_book}).
     */
    public static final Dataset QUOTES = new Dataset("quotes", "top_of_book", "time", "exchange", true, List.of(
        required("time", TIMESTAMP),
        required("instrument_id", INT32),
        optional("symbol", SYMBOL),
        required("bid_price", DECIMAL_PRICE),
        optional("bid_quantity", DECIMAL_QUANTITY),
        required("ask_price", DECIMAL_PRICE),
        optional("ask_quantity", DECIMAL_QUANTITY),
        optional("exchange_sequence", INT64),
        required("sequence", INT64),
        required("receive_time", TIMESTAMP)));

    /**
     * Candles (1m and 1h) as maintained in PostgreSQL.
     */
    public static final Dataset CANDLES = new Dataset("candles", "candles", "bucket", "exchange", true, List.of(
        required("bucket", TIMESTAMP),
        required("resolution", STRING),
        required("instrument_id", INT32),
        optional("symbol", SYMBOL),
        required("open", DECIMAL_PRICE),
        required("high", DECIMAL_PRICE),
        required("low", DECIMAL_PRICE),
        required("close", DECIMAL_PRICE),
        required("volume", DECIMAL_QUANTITY),
        required("trade_count", INT64)));

    /**
     * Feed events: connects, gaps, resyncs, checksum failures, stale channels.
     */
    public static final Dataset FEED_EVENTS = new Dataset("feed_events", "feed_events", "time", "exchange", false,
        List.of(
            required("time", TIMESTAMP),
            optional("instrument_id", INT32),
            required("event_type", STRING),
            required("origin", STRING),
            optional("expected_sequence", INT64),
            optional("received_sequence", INT64),
            required("sequence", INT64),
            required("detail", STRING),
            required("receive_time", TIMESTAMP)));

    /**
     * Names of the datasets whose columns come from the database (the trading projector's tables, issue 6).
     */
    public static final List<String> INTROSPECTED = List.of("orders", "fills");

    /**
     * The projector's table behind each introspected dataset.
     */
    private static final java.util.Map<String, String> INTROSPECTED_TABLES =
        java.util.Map.of("orders", "trading_orders", "fills", "trading_fills");

    /**
     * The exchange of a row of a table without an exchange column, from its instrument (instrument ids are unique
     * across exchanges: each exchange has its own range).
     */
    public static final String EXCHANGE_BY_INSTRUMENT = "coalesce((select i.exchange from instruments i " +
        "where i.instrument_id = %s.instrument_id order by i.exchange limit 1), 'UNKNOWN')";

    /**
     * Every market-data dataset with a fixed definition.
     */
    public static final List<Dataset> MARKET_DATA = List.of(TRADES, QUOTES, CANDLES, FEED_EVENTS);

    /**
     * Every dataset name, in export order.
     *
     * @return names.
     */
    public static List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final Dataset dataset : MARKET_DATA)
        {
            names.add(dataset.name());
        }
        names.addAll(INTROSPECTED);
        return names;
    }

    /**
     * A dataset by name; orders and fills are read from the database's catalogue.
     *
     * @param connection database.
     * @param name       dataset name.
     * @return the dataset, or null when its table does not exist (yet).
     * @throws SQLException on a database error.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static Dataset resolve(final Connection connection, final String name) throws SQLException
    {
        final String normalised = name.trim().toLowerCase(Locale.ROOT);
        for (final Dataset dataset : MARKET_DATA)
        {
            if (dataset.name().equals(normalised))
            {
                return dataset;
            }
        }
        if (INTROSPECTED.contains(normalised))
        {
            return introspect(connection, normalised, INTROSPECTED_TABLES.get(normalised));
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "': use some of " + names());
    }

    /**
     * A dataset from a table's catalogue entry: numeric columns named like a price or quantity take the
     * instrument's scale when the table has {@code instrument_id}; other numerics the largest scale present. A table
     * without an {@code exchange} column is partitioned by its instrument's exchange.
     *
     * @param connection database.
     * @param name       dataset name.
     * @param table      table.
     * @return the dataset, or null when the table does not exist or has no timestamptz column.
     * @throws SQLException on a database error.
     */
    public static Dataset introspect(final Connection connection, final String name, final String table)
        throws SQLException
    {
        final List<String[]> catalogue = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
            "select column_name, data_type, is_nullable from information_schema.columns " +
            "where table_schema = current_schema() and table_name = ? order by ordinal_position"))
        {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery())
            {
                while (rs.next())
                {
                    catalogue.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        if (catalogue.isEmpty())
        {
            return null;
        }

        boolean hasExchange = false;
        boolean hasInstrument = false;
        String timeColumn = null;
        for (final String[] c : catalogue)
        {
            hasExchange |= "exchange".equals(c[0]);
            hasInstrument |= "instrument_id".equals(c[0]);
        }
        for (final String preferred : List.of("time", "executed_at", "accepted_at", "event_time",
            "created_at", "updated_at"))
        {
            for (final String[] c : catalogue)
            {
                if (null == timeColumn && c[0].equals(preferred) && c[1].startsWith("timestamp"))
                {
                    timeColumn = c[0];
                }
            }
        }
        for (final String[] c : catalogue)
        {
            if (null == timeColumn && c[1].startsWith("timestamp"))
            {
                timeColumn = c[0];
            }
        }
        if (null == timeColumn)
        {
            return null;
        }

        final boolean instrumentScaled = hasInstrument;
        final List<Column> columns = new ArrayList<>();
        columns.add(required(timeColumn, TIMESTAMP));
        for (final String[] c : catalogue)
        {
            if (c[0].equals(timeColumn) || (hasExchange && "exchange".equals(c[0])))
            {
                continue;
            }
            columns.add(new Column(c[0], kindOf(c[0], c[1], instrumentScaled), "YES".equals(c[2])));
        }
        if (instrumentScaled)
        {
            columns.add(optional("symbol", SYMBOL));
        }
        final String exchangeColumn = hasExchange ? "exchange" :
            hasInstrument ? EXCHANGE_BY_INSTRUMENT.formatted(table) : null;
        return new Dataset(name, table, timeColumn, exchangeColumn, hasInstrument, columns);
    }

    private static ColumnKind kindOf(final String name, final String dataType, final boolean instrumentScaled)
    {
        return switch (dataType)
        {
            case "timestamp with time zone", "timestamp without time zone" -> TIMESTAMP;
            case "smallint", "integer" -> INT32;
            case "bigint" -> INT64;
            case "boolean" -> ColumnKind.BOOLEAN;
            case "numeric" ->
            {
                if (instrumentScaled && name.contains("price"))
                {
                    yield DECIMAL_PRICE;
                }
                if (instrumentScaled && (name.contains("quantity") || name.contains("qty") ||
                    name.contains("volume")))
                {
                    yield DECIMAL_QUANTITY;
                }
                yield DECIMAL_OBSERVED;
            }
            default -> STRING;
        };
    }

    /**
     * A column by name.
     *
     * @param columnName name.
     * @return the column or null.
     */
    public Column column(final String columnName)
    {
        for (final Column column : columns)
        {
            if (column.name().equals(columnName))
            {
                return column;
            }
        }
        return null;
    }
}
