/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import io.alphapulse.lake.ColumnKind;
import org.apache.parquet.io.api.Binary;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * One part's rows in memory, column by column, read from a binary COPY: primitives in {@code long[]} (timestamps as
 * micros since 1970, integers, booleans), decimals as an unscaled {@code long} with its own scale (a
 * {@link BigDecimal} only for values beyond 18 digits), strings as shared {@link Binary} values (short repeated
 * strings such as sides are decoded once). Then sorted into the part's total order as a permutation, typed (the
 * scale each decimal column needs, INT64 or 16 bytes), and written.
 * <p>
 * Memory is about 8-9 bytes per value plus 8 bytes per row for the sort.
 */
final class PartBatch
{
    private static final int STRING_CACHE = 16;
    /**
     * Largest binary NUMERIC read: PostgreSQL's NUMERIC holds up to 131072 digits before the point and 16383 after
     * (base-10000 digits of 2 bytes, plus the 8-byte header): about 72 KiB, within the reader's 128 KiB buffer.
     */
    private static final int NUMERIC_MAX_BYTES = 8 + 2 * ((131072 + 16383) / 4 + 2);
    private static final long[] POW10 = new long[19];

    static
    {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++)
        {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    final PartColumn[] columns;
    final long[][] longs;
    final byte[][] scales;
    final Binary[][] binaries;
    final boolean[][] nulls;
    final BigDecimal[][] wide;
    final int[] neededScale;
    private final byte[][][] stringCacheBytes;
    private final Binary[][] stringCacheValues;
    private int size;
    private int capacity;

    PartBatch(final List<PartColumn> columns, final int expectedRows)
    {
        this.columns = columns.toArray(new PartColumn[0]);
        final int n = this.columns.length;
        longs = new long[n][];
        scales = new byte[n][];
        binaries = new Binary[n][];
        nulls = new boolean[n][];
        wide = new BigDecimal[n][];
        neededScale = new int[n];
        stringCacheBytes = new byte[n][][];
        stringCacheValues = new Binary[n][];
        capacity = Math.max(16, expectedRows);
        for (int c = 0; c < n; c++)
        {
            final PartColumn column = this.columns[c];
            switch (column.kind())
            {
                case STRING, SYMBOL ->
                {
                    binaries[c] = new Binary[capacity];
                    stringCacheBytes[c] = new byte[STRING_CACHE][];
                    stringCacheValues[c] = new Binary[STRING_CACHE];
                }
                case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED ->
                {
                    longs[c] = new long[capacity];
                    scales[c] = new byte[capacity];
                }
                default -> longs[c] = new long[capacity];
            }
            if (column.column().nullable())
            {
                nulls[c] = new boolean[capacity];
            }
        }
    }

    int size()
    {
        return size;
    }

    /**
     * Read one tuple's fields into row {@link #size()} (then the row count grows).
     *
     * @param reader   positioned at the tuple's first field.
     * @param selected batch column index of each field in order.
     * @throws IOException on a read error or a value that cannot be held exactly.
     */
    void readRow(final PgCopyReader reader, final int[] selected) throws IOException
    {
        if (size == capacity)
        {
            grow();
        }
        final int row = size;
        for (final int c : selected)
        {
            final int length = reader.fieldLength();
            if (length < 0)
            {
                if (null == nulls[c])
                {
                    throw new IOException("NULL in NOT NULL column " + columns[c].name());
                }
                nulls[c][row] = true;
                continue;
            }
            if (null != nulls[c])
            {
                nulls[c][row] = false;
            }
            switch (columns[c].kind())
            {
                case TIMESTAMP -> longs[c][row] = reader.readLong() + PgCopyReader.PG_EPOCH_OFFSET_US;
                case INT32, INT64, BOOLEAN -> longs[c][row] = reader.readInteger(length);
                case STRING -> binaries[c][row] = string(c, reader, length);
                case SYMBOL -> throw new IllegalStateException("symbol is not read");
                default -> readNumeric(c, row, reader, length);
            }
        }
        size++;
    }

    void setSymbol(final int c, final int row, final Binary symbol)
    {
        if (size <= row)
        {
            throw new IllegalStateException("row " + row);
        }
        binaries[c][row] = symbol;
        nulls[c][row] = null == symbol;
    }

    /**
     * PostgreSQL's binary NUMERIC: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000 digits, most
     * significant first; the value is the sum of {@code digit[i] * 10000^(weight - i)}.
     */
    private void readNumeric(final int c, final int row, final PgCopyReader reader, final int length)
        throws IOException
    {
        if (length < 8 || length > NUMERIC_MAX_BYTES)
        {
            throw new IOException(columns[c].name() + ": bad numeric length " + length);
        }
        // The whole value is in the buffer: its int16s are read in place, without a bounds check each.
        reader.require(length);
        final int ndigits = reader.shortAt(0);
        final int weight = reader.shortAt(2);
        final int sign = reader.shortAt(4) & 0xFFFF;
        final int dscale = reader.shortAt(6);
        if (sign != 0 && sign != 0x4000)
        {
            throw new IOException(columns[c].name() + ": NaN or infinity cannot be exported as a decimal");
        }
        if (length != 8 + 2 * ndigits)
        {
            throw new IOException(columns[c].name() + ": bad numeric length " + length);
        }
        long acc = 0;
        boolean overflow = false;
        BigInteger big = null;
        for (int i = 0; i < ndigits; i++)
        {
            final int digit = reader.shortAt(8 + 2 * i);
            if (!overflow && acc <= (Long.MAX_VALUE - digit) / 10_000)
            {
                acc = acc * 10_000 + digit;
            }
            else
            {
                if (!overflow)
                {
                    overflow = true;
                    big = BigInteger.valueOf(acc);
                }
                big = big.multiply(BigInteger.valueOf(10_000)).add(BigInteger.valueOf(digit));
            }
        }
        reader.advance(length);
        // acc holds value * 10^e with e = 4 * (ndigits - 1 - weight); bring it to dscale.
        final int e = 4 * (ndigits - 1 - weight);
        final int shift = dscale - e;
        if (!overflow && 0 == ndigits)
        {
            acc = 0;
        }
        else if (!overflow && shift >= 0 && shift < POW10.length && Math.abs(acc) <= Long.MAX_VALUE / POW10[shift])
        {
            acc *= POW10[shift];
        }
        else if (!overflow && shift < 0 && -shift < POW10.length)
        {
            acc /= POW10[-shift];
        }
        else
        {
            if (!overflow)
            {
                big = BigInteger.valueOf(acc);
            }
            overflow = true;
            big = shift >= 0 ? big.multiply(BigInteger.TEN.pow(shift)) : big.divide(BigInteger.TEN.pow(-shift));
        }
        if (overflow)
        {
            if (null == wide[c])
            {
                wide[c] = new BigDecimal[capacity];
            }
            final BigDecimal value = new BigDecimal(sign == 0 ? big : big.negate(), dscale);
            wide[c][row] = value;
            needScale(c, value.stripTrailingZeros().scale());
            return;
        }
        if (dscale > Byte.MAX_VALUE)
        {
            throw new IOException(columns[c].name() + ": scale " + dscale + " is beyond what is exported");
        }
        longs[c][row] = sign == 0 ? acc : -acc;
        scales[c][row] = (byte)dscale;
        if (dscale > neededScale[c])
        {
            int s = dscale;
            long v = acc;
            while (s > neededScale[c] && v % 10 == 0 && v != 0)
            {
                v /= 10;
                s--;
            }
            needScale(c, 0 == acc ? 0 : s);
        }
    }

    private void needScale(final int c, final int scale)
    {
        if (scale > neededScale[c])
        {
            neededScale[c] = scale;
        }
    }

    private Binary string(final int c, final PgCopyReader reader, final int length) throws IOException
    {
        final byte[][] cacheBytes = stringCacheBytes[c];
        if (length <= 32)
        {
            for (int i = 0; i < STRING_CACHE; i++)
            {
                final byte[] cached = cacheBytes[i];
                if (null == cached)
                {
                    final byte[] bytes = reader.readBytes(length);
                    cacheBytes[i] = bytes;
                    stringCacheValues[c][i] = Binary.fromConstantByteArray(bytes);
                    return stringCacheValues[c][i];
                }
                if (cached.length == length && reader.startsWith(cached))
                {
                    reader.skip(length);
                    return stringCacheValues[c][i];
                }
            }
        }
        return Binary.fromConstantByteArray(reader.readBytes(length));
    }

    /**
     * Bring a decimal column to one scale (not below what its values need) and say whether it fits in an INT64
     * with 18 digits; values are rescaled in place.
     *
     * @param c     column.
     * @param scale the scale wanted.
     * @return true when every value fits in 18 digits at that scale.
     */
    boolean rescale(final int c, final int scale)
    {
        final long[] values = longs[c];
        final byte[] valueScales = scales[c];
        final boolean[] isNull = nulls[c];
        final BigDecimal[] big = wide[c];
        boolean fits = null == big;
        for (int row = 0; row < size; row++)
        {
            if ((null != isNull && isNull[row]) || (null != big && null != big[row]))
            {
                continue;
            }
            final int shift = scale - valueScales[row];
            long v = values[row];
            if (shift > 0)
            {
                if (shift >= POW10.length || Math.abs(v) > Long.MAX_VALUE / POW10[shift])
                {
                    fits = false;
                    continue;
                }
                v *= POW10[shift];
            }
            else if (shift < 0)
            {
                v /= POW10[-shift];
            }
            if (v >= POW10[18] || v <= -POW10[18])
            {
                fits = false;
                continue;
            }
            values[row] = v;
            valueScales[row] = (byte)scale;
        }
        return fits;
    }

    /**
     * A decimal value at a scale, exactly (for 16-byte decimals and comparisons of different scales).
     *
     * @param c   column.
     * @param row row.
     * @return the value.
     */
    BigDecimal decimal(final int c, final int row)
    {
        if (null != wide[c] && null != wide[c][row])
        {
            return wide[c][row];
        }
        return BigDecimal.valueOf(longs[c][row], scales[c][row]);
    }

    boolean isNull(final int c, final int row)
    {
        return null != nulls[c] && nulls[c][row];
    }

    /**
     * Total order of two rows: the instrument first (nulls first), then the time column, then every other column
     * in order (nulls last); strings by their UTF-8 bytes, decimals by value.
     *
     * @param instrument instrument column or -1.
     * @param a          a row.
     * @param b          another row.
     * @return comparison.
     */
    int compare(final int instrument, final int a, final int b)
    {
        if (instrument >= 0)
        {
            final boolean na = isNull(instrument, a);
            final boolean nb = isNull(instrument, b);
            if (na != nb)
            {
                return na ? -1 : 1;
            }
            if (!na)
            {
                final int cmp = Long.compare(longs[instrument][a], longs[instrument][b]);
                if (0 != cmp)
                {
                    return cmp;
                }
            }
        }
        final int time = Long.compare(longs[0][a], longs[0][b]);
        if (0 != time)
        {
            return time;
        }
        for (int c = 1; c < columns.length; c++)
        {
            if (c == instrument || columns[c].kind() == ColumnKind.SYMBOL)
            {
                continue;
            }
            final boolean na = isNull(c, a);
            final boolean nb = isNull(c, b);
            if (na || nb)
            {
                if (na != nb)
                {
                    return na ? 1 : -1;
                }
                continue;
            }
            final int cmp = switch (columns[c].kind())
            {
                case STRING -> binaries[c][a].compareTo(binaries[c][b]);
                case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED ->
                    (null == wide[c] && scales[c][a] == scales[c][b]) ?
                    Long.compare(longs[c][a], longs[c][b]) : decimal(c, a).compareTo(decimal(c, b));
                default -> Long.compare(longs[c][a], longs[c][b]);
            };
            if (0 != cmp)
            {
                return cmp;
            }
        }
        return 0;
    }

    /**
     * The rows in total order: a stable merge sort of a permutation that merges only runs out of order, so rows
     * already in order (a day of one instrument, mostly) cost one comparison each.
     *
     * @param instrument instrument column or -1.
     * @return row indexes in order.
     */
    int[] sortedOrder(final int instrument)
    {
        int[] order = instrument >= 0 ? groupByInstrument(instrument) : null;
        if (null == order)
        {
            order = new int[size];
            for (int i = 0; i < size; i++)
            {
                order[i] = i;
            }
        }
        if (isSorted(instrument, order))
        {
            // The usual case: each instrument's rows came in time order from the table.
            return order;
        }
        int[] work = new int[size];
        for (int width = 1; width < size; width *= 2)
        {
            boolean merged = false;
            for (int lo = 0; lo < size; lo += 2 * width)
            {
                final int mid = Math.min(lo + width, size);
                final int hi = Math.min(lo + 2 * width, size);
                if (mid >= hi || compare(instrument, order[mid - 1], order[mid]) <= 0)
                {
                    System.arraycopy(order, lo, work, lo, hi - lo);
                    continue;
                }
                merged = true;
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi)
                {
                    work[k++] = compare(instrument, order[i], order[j]) <= 0 ? order[i++] : order[j++];
                }
                while (i < mid)
                {
                    work[k++] = order[i++];
                }
                while (j < hi)
                {
                    work[k++] = order[j++];
                }
            }
            final int[] swap = order;
            order = work;
            work = swap;
            if (!merged && width > 64 && isSorted(instrument, order))
            {
                break;
            }
        }
        return order;
    }

    /**
     * A stable counting sort by instrument (nulls first) when there are few: rows of one instrument come mostly in
     * time order from the table, so the merge sort after it has little left to do.
     */
    private int[] groupByInstrument(final int instrument)
    {
        final int maxDistinct = 1024;
        final long[] values = longs[instrument];
        final long[] ids = new long[maxDistinct];
        int distinct = 0;
        long last = Long.MIN_VALUE;
        boolean hasLast = false;
        for (int row = 0; row < size; row++)
        {
            if (isNull(instrument, row))
            {
                continue;
            }
            final long id = values[row];
            if (hasLast && id == last)
            {
                continue;
            }
            if (Arrays.binarySearch(ids, 0, distinct, id) < 0)
            {
                if (distinct == maxDistinct)
                {
                    return null;
                }
                final int at = -Arrays.binarySearch(ids, 0, distinct, id) - 1;
                System.arraycopy(ids, at, ids, at + 1, distinct - at);
                ids[at] = id;
                distinct++;
            }
            last = id;
            hasLast = true;
        }
        final int[] starts = new int[distinct + 2];
        for (int row = 0; row < size; row++)
        {
            starts[bucket(instrument, ids, distinct, row) + 1]++;
        }
        for (int b = 1; b < starts.length; b++)
        {
            starts[b] += starts[b - 1];
        }
        final int[] order = new int[size];
        for (int row = 0; row < size; row++)
        {
            order[starts[bucket(instrument, ids, distinct, row)]++] = row;
        }
        return order;
    }

    private int bucket(final int instrument, final long[] ids, final int distinct, final int row)
    {
        return isNull(instrument, row) ? 0 : 1 + Arrays.binarySearch(ids, 0, distinct, longs[instrument][row]);
    }

    private boolean isSorted(final int instrument, final int[] order)
    {
        for (int i = 1; i < order.length; i++)
        {
            if (compare(instrument, order[i - 1], order[i]) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private void grow()
    {
        final int newCapacity = capacity + (capacity >> 1) + 16;
        for (int c = 0; c < columns.length; c++)
        {
            if (null != longs[c])
            {
                longs[c] = Arrays.copyOf(longs[c], newCapacity);
            }
            if (null != scales[c])
            {
                scales[c] = Arrays.copyOf(scales[c], newCapacity);
            }
            if (null != binaries[c])
            {
                binaries[c] = Arrays.copyOf(binaries[c], newCapacity);
            }
            if (null != nulls[c])
            {
                nulls[c] = Arrays.copyOf(nulls[c], newCapacity);
            }
            if (null != wide[c])
            {
                wide[c] = Arrays.copyOf(wide[c], newCapacity);
            }
        }
        capacity = newCapacity;
    }
}
