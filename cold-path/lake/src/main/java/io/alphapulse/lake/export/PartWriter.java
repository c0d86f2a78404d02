/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.dictionary.DictionaryValuesWriter;
import org.apache.parquet.column.values.fallback.FallbackValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

import java.io.IOException;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Parquet data file written with Parquet-MR's column-level API on a local path ({@link LocalOutputFile},
 * {@link PlainParquetConfiguration}: no Hadoop file system): {@link ParquetFileWriter} with a
 * {@link ColumnChunkPageWriteStore} per row group and the {@link ColumnWriter} of each column fed straight from
 * the {@link PartBatch}'s primitive arrays, a column at a time over a slice of rows (no record assembly, no
 * {@code RecordConsumer} call per field). ZSTD, dictionary encoding for columns of few values, min/max statistics
 * and column indexes, page checksums, and row groups of at most {@code rowGroupBytes} or {@code rowGroupRows},
 * whichever comes first. Data pages are V1 (what Parquet-MR writes by default).
 */
final class PartWriter implements AutoCloseable
{
    /**
     * ZSTD level: 1 compresses these columns nearly as well as the default 3, at a lower cost per row.
     */
    static final int ZSTD_LEVEL = 1;

    /**
     * Rows written a column at a time before the row count moves on (a slice of each column, small next to a page).
     */
    static final int SLICE_ROWS = 1024;

    private static final Map<String, String> METADATA = Map.of(ParquetWriter.OBJECT_MODEL_NAME_PROP, "alphapulse");

    private final MessageType schema;
    private final PartColumn[] columns;
    private final ColumnDescriptor[] descriptors;
    private final ColumnWriter[] writers;
    private final ParquetProperties props;
    private final CodecFactory codecFactory;
    private final CompressionCodecFactory.BytesInputCompressor compressor;
    private final ParquetFileWriter fileWriter;
    private final long rowGroupBytes;
    private final int rowGroupRows;
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private long rowGroupRowCount;
    private boolean failed;
    private boolean closed;

    PartWriter(final Path file, final String dataset, final List<PartColumn> columns, final long rowGroupBytes,
        final int rowGroupRows) throws IOException
    {
        final List<Type> fields = new ArrayList<>();
        for (final PartColumn column : columns)
        {
            fields.add(column.parquetType());
        }
        this.schema = new MessageType(dataset, fields);
        this.columns = columns.toArray(new PartColumn[0]);
        this.descriptors = schema.getColumns().toArray(new ColumnDescriptor[0]);
        this.writers = new ColumnWriter[this.columns.length];
        this.rowGroupBytes = rowGroupBytes;
        this.rowGroupRows = rowGroupRows;

        final ParquetProperties.Builder builder = ParquetProperties.builder()
            .withAllocator(HeapByteBufferAllocator.getInstance())
            .withDictionaryEncoding(true)
            .withPageWriteChecksumEnabled(true)
            .withSizeStatisticsEnabled(false)
            .withValuesWriterFactory(new ValuesWriters());
        for (final PartColumn column : columns)
        {
            builder.withDictionaryEncoding(column.name(), usesDictionary(column));
        }
        props = builder.build();

        final PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set("parquet.compression.codec.zstd.level", Integer.toString(ZSTD_LEVEL));
        codecFactory = new CodecFactory(conf, props.getPageSizeThreshold());
        ParquetFileWriter writer = null;
        try
        {
            compressor = codecFactory.getCompressor(CompressionCodecName.ZSTD);
            writer = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                rowGroupBytes, 0, null, props);
            writer.start();
            fileWriter = writer;
            startRowGroup();
        }
        catch (final IOException | RuntimeException ex)
        {
            if (null != writer)
            {
                writer.abort();
            }
            codecFactory.release();
            throw ex;
        }
    }

    /**
     * Parquet-MR's V1 choices, except that INT64 columns without a dictionary (timestamps, sequences, ids, INT64
     * decimals) are DELTA_BINARY_PACKED instead of PLAIN: their deltas take a few bits where PLAIN takes 8 bytes,
     * so ZSTD has a fraction of the bytes to compress (it took most of the writing time with PLAIN) and files are
     * smaller. Every reader of the lake (DuckDB, Parquet-MR, Arrow) decodes it.
     */
    private static final class ValuesWriters implements ValuesWriterFactory
    {
        private final DefaultV1ValuesWriterFactory v1 = new DefaultV1ValuesWriterFactory();
        private ParquetProperties properties;

        /**
         * {@inheritDoc}
         */
        public void initialize(final ParquetProperties properties)
        {
            this.properties = properties;
            v1.initialize(properties);
        }

        /**
         * {@inheritDoc}
         */
        public ValuesWriter newValuesWriter(final ColumnDescriptor descriptor)
        {
            final PrimitiveType.PrimitiveTypeName type = descriptor.getPrimitiveType().getPrimitiveTypeName();
            final boolean dictionary = properties.isDictionaryEnabled(descriptor);
            if (type == PrimitiveType.PrimitiveTypeName.INT64 && !dictionary)
            {
                return new DeltaBinaryPackingValuesWriterForLong(properties.getInitialSlabSize(),
                    properties.getPageSizeThreshold(), properties.getAllocator());
            }
            if (type == PrimitiveType.PrimitiveTypeName.BINARY && dictionary)
            {
                // As V1 does (dictionary, falling back to plain), with the lookup of repeated values cut short.
                return FallbackValuesWriter.of(
                    new SharedBinaryDictionaryWriter(properties.getDictionaryPageSizeThreshold(),
                        properties.getAllocator()),
                    new PlainValuesWriter(properties.getInitialSlabSize(), properties.getPageSizeThreshold(),
                        properties.getAllocator()));
            }
            return v1.newValuesWriter(descriptor);
        }
    }

    /**
     * Parquet-MR's binary dictionary writer, which hashes every value's bytes to find its id. A batch's strings
     * are a few shared {@link Binary} instances (sides, symbols), so the ids of the last instances seen are
     * remembered by identity; the dictionary itself, its ids and pages are Parquet-MR's.
     */
    private static final class SharedBinaryDictionaryWriter
        extends DictionaryValuesWriter.PlainBinaryDictionaryValuesWriter
    {
        private static final int REMEMBERED = 8;

        private final Binary[] values = new Binary[REMEMBERED];
        private final int[] ids = new int[REMEMBERED];
        private int next;

        SharedBinaryDictionaryWriter(final int maxDictionaryByteSize, final ByteBufferAllocator allocator)
        {
            super(maxDictionaryByteSize, Encoding.PLAIN_DICTIONARY, Encoding.PLAIN_DICTIONARY, allocator);
        }

        /**
         * {@inheritDoc}
         */
        public void writeBytes(final Binary v)
        {
            for (int i = 0; i < REMEMBERED; i++)
            {
                if (values[i] == v)
                {
                    encodedValues.add(ids[i]);
                    return;
                }
            }
            super.writeBytes(v);
            if (v.isBackingBytesReused())
            {
                return;
            }
            values[next] = v;
            ids[next] = binaryDictionaryContent.getInt(v);
            next = (next + 1) % REMEMBERED;
        }

        /**
         * {@inheritDoc}
         */
        protected void clearDictionaryContent()
        {
            super.clearDictionaryContent();
            Arrays.fill(values, null);
        }
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

    /**
     * Write rows {@code order[from]} .. {@code order[to - 1]} of the batch, in that order.
     *
     * @param batch the part's rows (decimal columns already at the file's scale).
     * @param order row indexes in the order to write.
     * @param from  first index into {@code order}.
     * @param to    index after the last.
     * @throws IOException on a write error (the file is then abandoned).
     */
    void write(final PartBatch batch, final int[] order, final int from, final int to) throws IOException
    {
        try
        {
            int start = from;
            while (start < to)
            {
                final int end = (int)Math.min(Math.min(to, start + (long)SLICE_ROWS),
                    start + (rowGroupRows - rowGroupRowCount));
                writeSlice(batch, order, start, end);
                rowGroupRowCount += end - start;
                start = end;
                if (rowGroupRowCount >= rowGroupRows || columnStore.getBufferedSize() >= rowGroupBytes)
                {
                    flushRowGroup();
                    startRowGroup();
                }
            }
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            failed = true;
            throw ex;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            if (failed)
            {
                columnStore = null;
                pageStore = null;
                fileWriter.abort();
                return;
            }
            flushRowGroup();
            fileWriter.end(METADATA);
        }
        catch (final IOException | RuntimeException ex)
        {
            fileWriter.abort();
            throw ex;
        }
        finally
        {
            closeStores();
            codecFactory.release();
        }
    }

    private void writeSlice(final PartBatch batch, final int[] order, final int from, final int to)
    {
        for (int c = 0; c < columns.length; c++)
        {
            final PartColumn column = columns[c];
            final ColumnWriter writer = writers[c];
            final boolean[] nulls = batch.nulls[c];
            switch (column.kind())
            {
                case TIMESTAMP, INT64 -> writeLongs(writer, batch.longs[c], nulls, order, from, to);
                case INT32 -> writeInts(writer, batch.longs[c], nulls, order, from, to);
                case BOOLEAN -> writeBooleans(writer, batch.longs[c], nulls, order, from, to);
                case STRING, SYMBOL -> writeBinaries(writer, batch.binaries[c], nulls, order, from, to);
                case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED ->
                {
                    if (column.isWideDecimal())
                    {
                        writeWideDecimals(writer, batch, c, column.scale(), order, from, to);
                    }
                    else
                    {
                        writeLongs(writer, batch.longs[c], nulls, order, from, to);
                    }
                }
            }
        }
        final ColumnWriteStore store = columnStore;
        for (int i = from; i < to; i++)
        {
            store.endRecord();
        }
    }

    private static void writeLongs(
        final ColumnWriter writer, final long[] values, final boolean[] nulls, final int[] order, final int from,
        final int to)
    {
        if (null == nulls)
        {
            for (int i = from; i < to; i++)
            {
                writer.write(values[order[i]], 0, 0);
            }
            return;
        }
        for (int i = from; i < to; i++)
        {
            final int row = order[i];
            if (nulls[row])
            {
                writer.writeNull(0, 0);
            }
            else
            {
                writer.write(values[row], 0, 1);
            }
        }
    }

    private static void writeInts(
        final ColumnWriter writer, final long[] values, final boolean[] nulls, final int[] order, final int from,
        final int to)
    {
        for (int i = from; i < to; i++)
        {
            final int row = order[i];
            if (null != nulls && nulls[row])
            {
                writer.writeNull(0, 0);
            }
            else
            {
                writer.write((int)values[row], 0, null == nulls ? 0 : 1);
            }
        }
    }

    private static void writeBooleans(
        final ColumnWriter writer, final long[] values, final boolean[] nulls, final int[] order, final int from,
        final int to)
    {
        for (int i = from; i < to; i++)
        {
            final int row = order[i];
            if (null != nulls && nulls[row])
            {
                writer.writeNull(0, 0);
            }
            else
            {
                writer.write(0 != values[row], 0, null == nulls ? 0 : 1);
            }
        }
    }

    private static void writeBinaries(
        final ColumnWriter writer, final Binary[] values, final boolean[] nulls, final int[] order, final int from,
        final int to)
    {
        for (int i = from; i < to; i++)
        {
            final int row = order[i];
            if (null != nulls && nulls[row])
            {
                writer.writeNull(0, 0);
            }
            else
            {
                writer.write(values[row], 0, null == nulls ? 0 : 1);
            }
        }
    }

    private static void writeWideDecimals(
        final ColumnWriter writer, final PartBatch batch, final int c, final int scale, final int[] order,
        final int from, final int to)
    {
        final boolean[] nulls = batch.nulls[c];
        for (int i = from; i < to; i++)
        {
            final int row = order[i];
            if (null != nulls && nulls[row])
            {
                writer.writeNull(0, 0);
            }
            else
            {
                writer.write(Binary.fromConstantByteArray(toFixed16(batch.decimal(c, row)
                    .setScale(scale, RoundingMode.UNNECESSARY).unscaledValue())), 0, null == nulls ? 0 : 1);
            }
        }
    }

    static byte[] toFixed16(final BigInteger value)
    {
        final byte[] bytes = value.toByteArray();
        final byte[] fixed = new byte[16];
        final byte pad = (byte)(value.signum() < 0 ? 0xFF : 0);
        Arrays.fill(fixed, 0, 16 - bytes.length, pad);
        System.arraycopy(bytes, 0, fixed, 16 - bytes.length, bytes.length);
        return fixed;
    }

    private void startRowGroup()
    {
        pageStore = ColumnChunkPageWriteStore.builder()
            .withSchema(schema)
            .withAllocator(props.getAllocator())
            .withColumnIndexTruncateLength(props.getColumnIndexTruncateLength())
            .withPageWriteChecksumEnabled(props.getPageWriteChecksumEnabled())
            .withCompressorProvider((descriptor) -> compressor)
            .build();
        columnStore = props.newColumnWriteStore(schema, pageStore, pageStore);
        for (int c = 0; c < descriptors.length; c++)
        {
            writers[c] = columnStore.getColumnWriter(descriptors[c]);
        }
        rowGroupRowCount = 0;
    }

    /**
     * As Parquet-MR's own record writer does: pages of the columns to the page store, then the row group to the
     * file; nothing for a row group without rows.
     */
    private void flushRowGroup() throws IOException
    {
        try
        {
            if (rowGroupRowCount > 0)
            {
                fileWriter.startBlock(rowGroupRowCount);
                columnStore.flush();
                pageStore.flushToFileWriter(fileWriter);
                fileWriter.endBlock();
            }
        }
        finally
        {
            closeStores();
        }
    }

    private void closeStores()
    {
        if (null != columnStore)
        {
            final ColumnWriteStore store = columnStore;
            columnStore = null;
            store.close();
        }
        if (null != pageStore)
        {
            final ColumnChunkPageWriteStore store = pageStore;
            pageStore = null;
            store.close();
        }
    }
}
