/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the relay is, kept in a memory-mapped file so that it survives {@code kill -9} (the page cache outlives the
 * process): for each exchange the collector recording being consumed, the position after the last message forwarded
 * and its sequence; and the merged recording and its position. Updated after every forwarded message.
 * <pre>
 *   offset  0: magic (i64)                    "PULSERL2"
 *   per exchange e (1..3), at 64 * e, two records of 32 bytes, A at +0 and B at +32:
 *           +0 version (i64, written last)  +8 recordingId (i64)  +16 lastSequence (i64)  +24 position (i64)
 *   at 256: merged recordingId (i64), merged position (i64)
 * </pre>
 * Each update writes the record that is not current and publishes it by raising its version, so the record with
 * the higher version is always complete: a crash mid-write leaves the previous record in force, which a restart
 * replays from (suppressing what was forwarded already by sequence) instead of mixing one recording's position with
 * another's id when the relay moves on to a collector's next recording.
 */
public final class RelayCheckpoint implements AutoCloseable
{
    private static final long MAGIC = 0x324C52_45534C5550L;
    private static final int LENGTH = 4096;
    private static final int SLOT = 64;
    private static final int RECORD = 32;
    private static final int VERSION = 0;
    private static final int RECORDING_ID = 8;
    private static final int LAST_SEQUENCE = 16;
    private static final int POSITION = 24;
    private static final int MERGED = 256;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final boolean existed;

    private RelayCheckpoint(final MappedByteBuffer mapped, final boolean existed)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.existed = existed;
    }

    /**
     * Open the checkpoint file, creating it if missing.
     *
     * @param file the file.
     * @return the checkpoint.
     */
    public static RelayCheckpoint open(final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException("cannot create " + file.getParent(), ex);
        }

        final File f = file.toFile();
        final boolean existed = f.exists() && f.length() == LENGTH;
        final MappedByteBuffer mapped = existed ? IoUtil.mapExistingFile(f, "relay checkpoint") :
            IoUtil.mapNewFile(f, LENGTH, true);
        final RelayCheckpoint checkpoint = new RelayCheckpoint(mapped, existed);
        if (existed && checkpoint.buffer.getLong(0) != MAGIC)
        {
            checkpoint.close();
            throw new IllegalArgumentException(file + " is not a relay checkpoint; move it away to start afresh");
        }
        if (!existed)
        {
            checkpoint.buffer.putLong(0, MAGIC);
        }
        return checkpoint;
    }

    /**
     * Whether the file held a checkpoint of an earlier run.
     *
     * @return true when resuming.
     */
    public boolean existed()
    {
        return existed;
    }

    /**
     * Whether an exchange has a position to resume from.
     *
     * @param exchange exchange.
     * @return true when a message of it was forwarded.
     */
    public boolean hasPosition(final Exchange exchange)
    {
        return existed && position(exchange) > 0;
    }

    /**
     * The collector recording of an exchange that the position refers to.
     *
     * @param exchange exchange.
     * @return recording id.
     */
    public long recordingId(final Exchange exchange)
    {
        return buffer.getLong(current(exchange) + RECORDING_ID);
    }

    /**
     * Position in the collector recording after the last message forwarded.
     *
     * @param exchange exchange.
     * @return position.
     */
    public long position(final Exchange exchange)
    {
        return buffer.getLong(current(exchange) + POSITION);
    }

    /**
     * Sequence of the last message forwarded.
     *
     * @param exchange exchange.
     * @return 64-bit extended sequence.
     */
    public long lastSequence(final Exchange exchange)
    {
        return buffer.getLong(current(exchange) + LAST_SEQUENCE);
    }

    /**
     * Record a forwarded message.
     *
     * @param exchange     exchange.
     * @param recordingId  collector recording it came from.
     * @param lastSequence its sequence.
     * @param position     position after it in the collector recording.
     */
    public void forwarded(final Exchange exchange, final long recordingId, final long lastSequence, final long position)
    {
        final int slot = slot(exchange);
        final long versionA = buffer.getLongVolatile(slot + VERSION);
        final long versionB = buffer.getLongVolatile(slot + RECORD + VERSION);
        final int next = versionA > versionB ? slot + RECORD : slot;
        buffer.putLong(next + RECORDING_ID, recordingId);
        buffer.putLong(next + LAST_SEQUENCE, lastSequence);
        buffer.putLong(next + POSITION, position);
        buffer.putLongRelease(next + VERSION, Math.max(versionA, versionB) + 1);
    }

    private int current(final Exchange exchange)
    {
        final int slot = slot(exchange);
        return buffer.getLongVolatile(slot + VERSION) >= buffer.getLongVolatile(slot + RECORD + VERSION) ?
            slot : slot + RECORD;
    }

    /**
     * The merged recording and the position after the last message published to it.
     *
     * @param recordingId merged recording id.
     * @param position    position.
     */
    public void merged(final long recordingId, final long position)
    {
        buffer.putLongOrdered(MERGED, recordingId);
        buffer.putLongOrdered(MERGED + 8, position);
    }

    /**
     * Merged recording of the earlier run.
     *
     * @return recording id.
     */
    public long mergedRecordingId()
    {
        return buffer.getLongVolatile(MERGED);
    }

    /**
     * Merged position of the earlier run.
     *
     * @return position.
     */
    public long mergedPosition()
    {
        return buffer.getLongVolatile(MERGED + 8);
    }

    private static int slot(final Exchange exchange)
    {
        return SLOT * exchange.value();
    }

    /**
     * Unmap.
     */
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
