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

import java.util.List;
import java.util.Map;

/**
 * Writes a reused {@link Row} straight into Parquet-MR's record consumer: no per-row objects besides string bytes.
 * Nothing time- or host-dependent goes into the file's metadata, so the same rows give the same bytes.
 */
final class RowWriteSupport extends WriteSupport<RowWriteSupport.Row>
{
    /**
     * One row's values: integers, timestamps (micros), booleans (0/1) and INT64 decimals in {@code longs};
     * strings and wide decimals in {@code binaries}.
     */
    static final class Row
    {
        final long[] longs;
        final Binary[] binaries;
        final boolean[] nulls;

        Row(final int columnCount)
        {
            longs = new long[columnCount];
            binaries = new Binary[columnCount];
            nulls = new boolean[columnCount];
        }
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
    public void write(final Row row)
    {
        final RecordConsumer c = consumer;
        c.startMessage();
        for (int i = 0; i < columns.length; i++)
        {
            if (row.nulls[i])
            {
                continue;
            }
            final PartColumn column = columns[i];
            c.startField(column.name(), i);
            switch (column.kind())
            {
                case INT32 -> c.addInteger((int)row.longs[i]);
                case BOOLEAN -> c.addBoolean(0 != row.longs[i]);
                case STRING, SYMBOL -> c.addBinary(row.binaries[i]);
                case TIMESTAMP, INT64 -> c.addLong(row.longs[i]);
                case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED ->
                {
                    if (column.isWideDecimal())
                    {
                        c.addBinary(row.binaries[i]);
                    }
                    else
                    {
                        c.addLong(row.longs[i]);
                    }
                }
            }
            c.endField(column.name(), i);
        }
        c.endMessage();
    }
}
