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
    /**
     * ZSTD level: 1 compresses these columns nearly as well as the default 3, at a lower cost per row.
     */
    static final int ZSTD_LEVEL = 1;

    private final ParquetWriter<RowWriteSupport.Cursor> writer;

    PartWriter(final Path file, final String dataset, final List<PartColumn> columns, final long rowGroupBytes,
        final int rowGroupRows) throws IOException
    {
        final List<Type> fields = new ArrayList<>();
        for (final PartColumn column : columns)
        {
            fields.add(column.parquetType());
        }
        final MessageType schema = new MessageType(dataset, fields);
        final PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set("parquet.compression.codec.zstd.level", Integer.toString(ZSTD_LEVEL));
        final Builder builder = new Builder(new LocalOutputFile(file), new RowWriteSupport(schema, columns))
            .withConf(conf)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withDictionaryEncoding(true)
            .withPageWriteChecksumEnabled(true)
            .withRowGroupSize(rowGroupBytes)
            .withRowGroupRowCountLimit(rowGroupRows);
        for (final PartColumn column : columns)
        {
            builder.withDictionaryEncoding(column.name(), usesDictionary(column));
        }
        writer = builder.build();
    }

    /**
     * Dictionary pages only for columns of few values (instruments, symbols, sides, flags). Timestamps, sequences,
     * ids, prices and sizes have too many: the dictionary writer hashes every value (it took most of the writing
     * time in a profile), then gives up on the column when the dictionary outgrows its page anyway.
     */
    static boolean usesDictionary(final PartColumn column)
    {
        return switch (column.kind())
        {
            case INT32, BOOLEAN, STRING, SYMBOL -> true;
            default -> false;
        };
    }

    void write(final RowWriteSupport.Cursor row) throws IOException
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

    private static final class Builder extends ParquetWriter.Builder<RowWriteSupport.Cursor, Builder>
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

        protected WriteSupport<RowWriteSupport.Cursor> getWriteSupport(final Configuration conf)
        {
            return writeSupport;
        }

        protected WriteSupport<RowWriteSupport.Cursor> getWriteSupport(final ParquetConfiguration conf)
        {
            return writeSupport;
        }
    }
}
