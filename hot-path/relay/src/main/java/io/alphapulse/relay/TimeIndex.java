/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Wall time to archive position for one recording, so replays and backtests can start at a time instead of a byte
 * position. A file of fixed 16-byte entries {@code (position, maxTimeNs)}, little-endian, appended sparsely (every
 * {@code intervalNs} or {@code intervalBytes}), where every message before {@code position} has a time at or below
 * {@code maxTimeNs}. To start at time T: seek to the last entry with {@code maxTimeNs < T} and skip messages before
 * T; the first message left is the first at or after T in stream order, even when exchanges' times interleave.
 * <pre>
 *   0                   8                   16
 *   +-------------------+-------------------+
 *   |  position (i64)   |  maxTimeNs (i64)  |  entry 0
 *   +-------------------+-------------------+
 *   |  ...              |  ...              |  entry n
 * </pre>
 */
public final class TimeIndex implements AutoCloseable
{
    /**
     * Bytes per entry.
     */
    public static final int ENTRY_LENGTH = 16;

    private final FileChannel channel;
    private final long intervalNs;
    private final long intervalBytes;
    private final ByteBuffer entry = ByteBuffer.allocate(ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private long maxTimeNs = Long.MIN_VALUE;
    private long lastEntryTimeNs = Long.MIN_VALUE;
    private long lastEntryPosition = Long.MIN_VALUE;
    private long entries;

    private TimeIndex(final FileChannel channel, final long intervalNs, final long intervalBytes)
    {
        this.channel = channel;
        this.intervalNs = intervalNs;
        this.intervalBytes = intervalBytes;
    }

    /**
     * The index file of a recording.
     *
     * @param indexDir    folder of index files.
     * @param recordingId recording.
     * @return its path.
     */
    public static Path file(final Path indexDir, final long recordingId)
    {
        return indexDir.resolve("recording-" + recordingId + ".timeindex");
    }

    /**
     * Open (or continue) the index of a recording for writing.
     *
     * @param indexDir      folder of index files, created if missing.
     * @param recordingId   recording.
     * @param intervalNs    time between entries.
     * @param intervalBytes stream bytes between entries.
     * @return the writer.
     */
    public static TimeIndex open(
        final Path indexDir, final long recordingId, final long intervalNs, final long intervalBytes)
    {
        try
        {
            Files.createDirectories(indexDir);
            final FileChannel channel = FileChannel.open(file(indexDir, recordingId), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
            channel.position(channel.size() - channel.size() % ENTRY_LENGTH);
            return new TimeIndex(channel, intervalNs, intervalBytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open time index of recording " + recordingId + " in " + indexDir,
                ex);
        }
    }

    /**
     * Called before a message at {@code position} is appended: adds an entry when one is due. Cheap otherwise.
     *
     * @param position      stream position where the message starts.
     * @param messageTimeNs the message's time.
     */
    public void onMessage(final long position, final long messageTimeNs)
    {
        if (Long.MIN_VALUE != maxTimeNs &&
            (Long.MIN_VALUE == lastEntryTimeNs || maxTimeNs - lastEntryTimeNs >= intervalNs ||
            position - lastEntryPosition >= intervalBytes))
        {
            append(position, maxTimeNs);
        }
        if (messageTimeNs > maxTimeNs)
        {
            maxTimeNs = messageTimeNs;
        }
    }

    private void append(final long position, final long timeNs)
    {
        entry.clear();
        entry.putLong(position).putLong(timeNs).flip();
        try
        {
            while (entry.hasRemaining())
            {
                channel.write(entry);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot append to time index", ex);
        }
        lastEntryTimeNs = timeNs;
        lastEntryPosition = position;
        entries++;
    }

    /**
     * Entries written by this writer.
     *
     * @return entries written.
     */
    public long entries()
    {
        return entries;
    }

    /**
     * Where to start replaying a recording to find the first message at or after a time.
     *
     * @param indexDir      folder of index files.
     * @param recordingId   recording.
     * @param timeNs        the time.
     * @param startPosition the recording's start position, returned when no entry is earlier than the time.
     * @return a position at which every earlier message is before the time.
     */
    public static long startPositionFor(
        final Path indexDir, final long recordingId, final long timeNs, final long startPosition)
    {
        final Path file = file(indexDir, recordingId);
        if (!Files.exists(file))
        {
            return startPosition;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long count = channel.size() / ENTRY_LENGTH;
            final ByteBuffer buffer = ByteBuffer.allocate(ENTRY_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            long low = 0;
            long high = count - 1;
            long best = startPosition;
            while (low <= high)
            {
                final long mid = (low + high) >>> 1;
                buffer.clear();
                channel.read(buffer, mid * ENTRY_LENGTH);
                final long position = buffer.getLong(0);
                final long maxTimeNs = buffer.getLong(8);
                if (maxTimeNs < timeNs)
                {
                    best = position;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return best;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read time index " + file, ex);
        }
    }

    /**
     * Flush and close.
     */
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
