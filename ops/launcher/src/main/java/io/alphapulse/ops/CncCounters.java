/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The counters and the error log of a media driver and its clients, read from the driver's CnC file without
 * connecting as a client.
 */
final class CncCounters implements AutoCloseable
{
    private final MappedByteBuffer cncByteBuffer;
    private final CountersReader reader;
    private final AtomicBuffer errorLog;

    private CncCounters(final MappedByteBuffer cncByteBuffer, final CountersReader reader, final AtomicBuffer errorLog)
    {
        this.cncByteBuffer = cncByteBuffer;
        this.reader = reader;
        this.errorLog = errorLog;
    }

    /**
     * Map the CnC file of a driver.
     *
     * @param aeronDirectoryName the driver's directory.
     * @return the counters, or null when there is no CnC file there.
     */
    static CncCounters mapOrNull(final String aeronDirectoryName)
    {
        final File cncFile = new File(aeronDirectoryName, CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists() || cncFile.length() == 0)
        {
            return null;
        }

        final MappedByteBuffer cncByteBuffer = IoUtil.mapExistingFile(cncFile, "cnc");
        final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cncByteBuffer);
        CncFileDescriptor.checkVersion(metaData.getInt(CncFileDescriptor.cncVersionOffset(0)));
        return new CncCounters(cncByteBuffer, new CountersReader(
            CncFileDescriptor.createCountersMetaDataBuffer(cncByteBuffer, metaData),
            CncFileDescriptor.createCountersValuesBuffer(cncByteBuffer, metaData),
            StandardCharsets.US_ASCII),
            CncFileDescriptor.createErrorLogBuffer(cncByteBuffer, metaData));
    }

    /**
     * The driver's distinct error log, read with {@link org.agrona.concurrent.errors.ErrorLogReader}.
     *
     * @return the error log buffer.
     */
    AtomicBuffer errorLog()
    {
        return errorLog;
    }

    /**
     * The reader.
     *
     * @return the reader.
     */
    CountersReader reader()
    {
        return reader;
    }

    /**
     * Value of the first allocated counter with a type id whose label contains a text, or {@code Long.MIN_VALUE}.
     *
     * @param typeId    counter type id.
     * @param labelPart text the label contains.
     * @return the value, or {@code Long.MIN_VALUE} when there is none.
     */
    long value(final int typeId, final String labelPart)
    {
        final long[] value = {Long.MIN_VALUE};
        reader.forEach((counterId, counterTypeId, keyBuffer, label) ->
        {
            if (counterTypeId == typeId && label.contains(labelPart) && Long.MIN_VALUE == value[0])
            {
                value[0] = reader.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /**
     * Unmap.
     */
    public void close()
    {
        IoUtil.unmap(cncByteBuffer);
    }
}
