/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes rows of a {@link PartBatch} straight from its primitive columns: no object per value (strings are the
 * batch's shared {@link Binary} values; only 16-byte decimals are built per value).
 */
final class RowWriteSupport extends WriteSupport<RowWriteSupport.Cursor>
{
    /**
     * The row to write next.
     */
    static final class Cursor
    {
        PartBatch batch;
        int row;
    }

    private final MessageType schema;
    private final PartColumn[] columns;
    private RecordConsumer consumer;

    RowWriteSupport(final MessageType schema, final List<PartColumn> columns)
    {
        this.schema = schema;
        this.columns = columns.toArray(new PartColumn[0]);
    }

    /**
     * {@inheritDoc}
     */
    public WriteContext init(final Configuration configuration)
    {
        return new WriteContext(schema, Map.of());
    }

    /**
     * {@inheritDoc}
     */
    public WriteContext init(final ParquetConfiguration configuration)
    {
        return new WriteContext(schema, Map.of());
    }

    /**
     * {@inheritDoc}
     */
    public String getName()
    {
        return "alphapulse";
    }

    /**
     * {@inheritDoc}
     */
    public void prepareForWrite(final RecordConsumer recordConsumer)
    {
        this.consumer = recordConsumer;
    }

    /**
     * {@inheritDoc}
     */
    public void write(final Cursor cursor)
    {
        final RecordConsumer c = consumer;
        final PartBatch batch = cursor.batch;
        final int row = cursor.row;
        c.startMessage();
        for (int i = 0; i < columns.length; i++)
        {
            if (batch.isNull(i, row))
            {
                continue;
            }
            final PartColumn column = columns[i];
            c.startField(column.name(), i);
            switch (column.kind())
            {
                case INT32 -> c.addInteger((int)batch.longs[i][row]);
                case BOOLEAN -> c.addBoolean(0 != batch.longs[i][row]);
                case STRING, SYMBOL -> c.addBinary(batch.binaries[i][row]);
                case TIMESTAMP, INT64 -> c.addLong(batch.longs[i][row]);
                case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED ->
                {
                    if (column.isWideDecimal())
                    {
                        c.addBinary(Binary.fromConstantByteArray(toFixed16(batch.decimal(i, row)
                            .setScale(column.scale(), java.math.RoundingMode.UNNECESSARY).unscaledValue())));
                    }
                    else
                    {
                        c.addLong(batch.longs[i][row]);
                    }
                }
            }
            c.endField(column.name(), i);
        }
        c.endMessage();
    }

    static byte[] toFixed16(final BigInteger value)
    {
        final byte[] bytes = value.toByteArray();
        final byte[] fixed = new byte[16];
        final byte pad = (byte)(value.signum() < 0 ? 0xFF : 0);
        java.util.Arrays.fill(fixed, 0, 16 - bytes.length, pad);
        System.arraycopy(bytes, 0, fixed, 16 - bytes.length, bytes.length);
        return fixed;
    }
}
