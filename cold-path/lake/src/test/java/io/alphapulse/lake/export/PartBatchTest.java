/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import io.alphapulse.lake.Column;
import io.alphapulse.lake.ColumnKind;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decoding PostgreSQL's binary NUMERIC into a {@link PartBatch} exactly: the stream is built here in PostgreSQL's
 * format (base-10000 digits, weight, sign, display scale), with values the table tests do not hold: zero,
 * negatives, more than 18 digits, many places, trailing zeros, and values split over the reader's buffer.
 */
class PartBatchTest
{
    private static final List<String> VALUES = List.of(
        "0", "0.00", "1", "-1", "60000.1", "-60000.12", "0.00000001", "123456789012345678", "-999999999999999999",
        "12345678901234567890.123", "-0.0000000000000000001", "10000", "100000000.00000000", "7.5000", "0.0001",
        "99999999999999999999999999999999999.9");

    @Test
    void numericsAreDecodedExactly() throws IOException
    {
        final List<BigDecimal> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++)
        {
            // Enough rows that values straddle the reader's buffer boundary.
            values.add(new BigDecimal(VALUES.get(i % VALUES.size())));
        }
        final PartBatch batch = read(values);
        assertEquals(values.size(), batch.size());
        for (int row = 0; row < values.size(); row++)
        {
            final BigDecimal expected = values.get(row);
            assertEquals(0, expected.compareTo(batch.decimal(0, row)), "row " + row + ": " + expected);
            assertEquals(expected.scale(), batch.decimal(0, row).scale(), "display scale of " + expected);
        }
        // The places the values need (trailing zeros do not count): 0.0000000000000000001 has 19.
        assertEquals(19, batch.neededScale[0]);
    }

    @Test
    void rescaleKeepsValuesAndSaysWhenEighteenDigitsAreNotEnough() throws IOException
    {
        final PartBatch small = read(List.of(new BigDecimal("60000.1"), new BigDecimal("-0.25"),
            new BigDecimal("7.5000")));
        assertTrue(small.rescale(0, 4));
        assertEquals(600001000L, small.longs[0][0]);
        assertEquals(-2500L, small.longs[0][1]);
        assertEquals(75000L, small.longs[0][2]);

        final PartBatch wide = read(List.of(new BigDecimal("12345678901234567890.123"), BigDecimal.ONE));
        assertFalse(wide.rescale(0, 3));
        assertEquals(0, new BigDecimal("12345678901234567890.123").compareTo(wide.decimal(0, 0)));
    }

    private static PartBatch read(final List<BigDecimal> values) throws IOException
    {
        final PartColumn column = new PartColumn(Column.required("price", ColumnKind.DECIMAL_PRICE), 0,
            PartColumn.LONG_PRECISION);
        final PartBatch batch = new PartBatch(List.of(column), 16);
        final PgCopyReader reader = new PgCopyReader(new ByteArrayInputStream(copyStream(values)));
        final int[] selected = {0};
        while (reader.nextTuple() >= 0)
        {
            batch.readRow(reader, selected);
        }
        return batch;
    }

    private static byte[] copyStream(final List<BigDecimal> values) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
        out.writeInt(0);
        out.writeInt(0);
        for (final BigDecimal value : values)
        {
            final byte[] numeric = numeric(value);
            out.writeShort(1);
            out.writeInt(numeric.length);
            out.write(numeric);
        }
        out.writeShort(-1);
        return bytes.toByteArray();
    }

    /**
     * PostgreSQL's binary NUMERIC (numeric_send): ndigits, weight, sign, dscale, then base-10000 digits with the
     * leading and trailing zero digits left out.
     */
    private static byte[] numeric(final BigDecimal value) throws IOException
    {
        final int dscale = Math.max(0, value.scale());
        final String plain = value.abs().setScale(dscale).toPlainString();
        final int point = plain.indexOf('.');
        String integer = point < 0 ? plain : plain.substring(0, point);
        String fraction = point < 0 ? "" : plain.substring(point + 1);
        integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
        fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
        final List<Integer> digits = new ArrayList<>();
        for (int i = 0; i < integer.length(); i += 4)
        {
            digits.add(Integer.parseInt(integer.substring(i, i + 4)));
        }
        for (int i = 0; i < fraction.length(); i += 4)
        {
            digits.add(Integer.parseInt(fraction.substring(i, i + 4)));
        }
        int weight = integer.length() / 4 - 1;
        while (!digits.isEmpty() && digits.get(0) == 0)
        {
            digits.remove(0);
            weight--;
        }
        while (!digits.isEmpty() && digits.get(digits.size() - 1) == 0)
        {
            digits.remove(digits.size() - 1);
        }
        if (digits.isEmpty())
        {
            weight = 0;
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(digits.size());
        out.writeShort(weight);
        out.writeShort(value.signum() < 0 ? 0x4000 : 0);
        out.writeShort(dscale);
        for (final int digit : digits)
        {
            out.writeShort(digit);
        }
        return bytes.toByteArray();
    }
}
