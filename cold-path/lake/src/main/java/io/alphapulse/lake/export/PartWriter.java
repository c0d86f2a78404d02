/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Parquet data file written with Parquet-MR on a local path ({@link LocalOutputFile}, {@link
 * PlainParquetConfiguration}: no Hadoop file system): ZSTD, dictionary encoding, statistics, page checksums, and
 * row groups of at most {@code rowGroupBytes} or {@code rowGroupRows}, whichever comes first.
 */
final class PartWriter implements AutoCloseable
{
    private final ParquetWriter<RowWriteSupport.Row> writer;

    PartWriter(final Path file, final String dataset, final List<PartColumn> columns, final long rowGroupBytes,
        final int rowGroupRows) throws IOException
    {
        final List<Type> fields = new ArrayList<>();
        for (final PartColumn column : columns)
        {
            fields.add(column.parquetType());
        }
        final MessageType schema = new MessageType(dataset, fields);
        writer = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, columns))
            .withConf(new PlainParquetConfiguration())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withDictionaryEncoding(true)
            .withPageWriteChecksumEnabled(true)
            .withRowGroupSize(rowGroupBytes)
            .withRowGroupRowCountLimit(rowGroupRows)
            .build();
    }

    void write(final RowWriteSupport.Row row) throws IOException
    {
        writer.write(row);
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws IOException
    {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<RowWriteSupport.Row, Builder>
    {
        private final RowWriteSupport writeSupport;

        Builder(final OutputFile file, final RowWriteSupport writeSupport)
        {
            super(file);
            this.writeSupport = writeSupport;
        }

        protected Builder self()
        {
            return this;
        }

        protected WriteSupport<RowWriteSupport.Row> getWriteSupport(final Configuration conf)
        {
            return writeSupport;
        }

        protected WriteSupport<RowWriteSupport.Row> getWriteSupport(final ParquetConfiguration conf)
        {
            return writeSupport;
        }
    }
}
