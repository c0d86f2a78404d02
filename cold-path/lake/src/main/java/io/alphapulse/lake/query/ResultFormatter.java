/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a result set as an aligned table, CSV (RFC 4180) or JSON (an array of objects; decimals as exact JSON
 * numbers, timestamps as text).
 */
public final class ResultFormatter
{
    /**
     * Output formats.
     */
    public enum Format
    {
        /**
         * Aligned columns for a terminal.
         */
        TABLE,
        /**
         * Comma-separated values with a header line.
         */
        CSV,
        /**
         * A JSON array of objects.
         */
        JSON
    }

    private ResultFormatter()
    {
    }

    /**
     * Print a result.
     *
     * @param rs     result.
     * @param format format.
     * @param out    destination.
     * @return rows printed.
     * @throws SQLException on a read error.
     * @throws IOException  on a write error.
     */
    public static long print(final ResultSet rs, final Format format, final PrintStream out)
        throws SQLException, IOException
    {
        return switch (format)
        {
            case TABLE -> table(rs, out);
            case CSV -> csv(rs, out);
            case JSON -> json(rs, out);
        };
    }

    private static long table(final ResultSet rs, final PrintStream out) throws SQLException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int n = meta.getColumnCount();
        final List<String[]> rows = new ArrayList<>();
        final int[] widths = new int[n];
        final boolean[] right = new boolean[n];
        final String[] header = new String[n];
        for (int i = 0; i < n; i++)
        {
            header[i] = meta.getColumnLabel(i + 1);
            widths[i] = header[i].length();
            right[i] = isNumeric(meta.getColumnType(i + 1));
        }
        while (rs.next())
        {
            final String[] row = new String[n];
            for (int i = 0; i < n; i++)
            {
                row[i] = text(rs, i + 1);
                widths[i] = Math.max(widths[i], row[i].length());
            }
            rows.add(row);
        }
        printRow(out, header, widths, right);
        final StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            rule.append(i > 0 ? "-+-" : "").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (final String[] row : rows)
        {
            printRow(out, row, widths, right);
        }
        out.printf(Locale.ROOT, "(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
        return rows.size();
    }

    private static void printRow(final PrintStream out, final String[] row, final int[] widths, final boolean[] right)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++)
        {
            if (i > 0)
            {
                sb.append(" | ");
            }
            final String pad = " ".repeat(widths[i] - row[i].length());
            sb.append(right[i] ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad));
        }
        out.println(sb);
    }

    private static long csv(final ResultSet rs, final PrintStream out) throws SQLException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int n = meta.getColumnCount();
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            sb.append(i > 0 ? "," : "").append(csvField(meta.getColumnLabel(i + 1)));
        }
        out.println(sb);
        long rows = 0;
        while (rs.next())
        {
            sb.setLength(0);
            for (int i = 0; i < n; i++)
            {
                final Object value = rs.getObject(i + 1);
                sb.append(i > 0 ? "," : "").append(null == value ? "" : csvField(text(rs, i + 1)));
            }
            out.println(sb);
            rows++;
        }
        return rows;
    }

    private static String csvField(final String value)
    {
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 ||
            value.indexOf('\r') >= 0)
        {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static long json(final ResultSet rs, final PrintStream out) throws SQLException, IOException
    {
        final ResultSetMetaData meta = rs.getMetaData();
        final int n = meta.getColumnCount();
        long rows = 0;
        try (JsonGenerator json = new JsonFactory().createGenerator(out))
        {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            while (rs.next())
            {
                json.writeStartObject();
                for (int i = 1; i <= n; i++)
                {
                    json.writeFieldName(meta.getColumnLabel(i));
                    final Object value = rs.getObject(i);
                    if (null == value)
                    {
                        json.writeNull();
                    }
                    else if (value instanceof BigDecimal decimal)
                    {
                        json.writeNumber(decimal);
                    }
                    else if (value instanceof Long || value instanceof Integer || value instanceof Short ||
                        value instanceof Byte)
                    {
                        json.writeNumber(((Number)value).longValue());
                    }
                    else if (value instanceof java.math.BigInteger integer)
                    {
                        json.writeNumber(integer);
                    }
                    else if (value instanceof Boolean bool)
                    {
                        json.writeBoolean(bool);
                    }
                    else if (value instanceof Double || value instanceof Float)
                    {
                        json.writeNumber(((Number)value).doubleValue());
                    }
                    else
                    {
                        json.writeString(text(rs, i));
                    }
                }
                json.writeEndObject();
                rows++;
            }
            json.writeEndArray();
        }
        out.println();
        return rows;
    }

    private static String text(final ResultSet rs, final int column) throws SQLException
    {
        final Object value = rs.getObject(column);
        if (null == value)
        {
            return "NULL";
        }
        if (value instanceof BigDecimal decimal)
        {
            return decimal.toPlainString();
        }
        return String.valueOf(value);
    }

    private static boolean isNumeric(final int type)
    {
        return switch (type)
        {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
            default -> false;
        };
    }
}
