/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.archive.client.AeronArchive;

import java.util.ArrayList;
import java.util.List;

/**
 * The Archive recordings of one stream, in recording-id order: each publication session (a publisher restarted)
 * becomes a new recording, so a consumer that must see the whole stream reads recording after recording. Finishing a
 * stopped recording N, it continues with {@link #next(long)}; the last one may still be active
 * ({@link Recording#isActive()}), which a replay can follow live.
 * <p>
 * A snapshot taken by {@link #list(AeronArchive, String, int)}: immutable, list again to see new recordings or a
 * recording that has stopped since. Channels match as in {@link AeronArchive#listRecordingsForUri}: the recording's
 * stripped channel contains the given one.
 */
public final class RecordingChain
{
    private static final int PAGE = 256;

    /**
     * One recording of the stream.
     *
     * @param recordingId     recording id.
     * @param startPosition   position of its first byte.
     * @param stopPosition    position after its last byte, or {@link AeronArchive#NULL_POSITION} while active.
     * @param startTimestamp  start time, ms since the epoch.
     * @param stopTimestamp   stop time, ms since the epoch, or {@link AeronArchive#NULL_TIMESTAMP} while active.
     * @param sessionId       publication session recorded.
     * @param streamId        stream id.
     * @param strippedChannel channel recorded, stripped of non-identifying parameters.
     */
    public record Recording(
        long recordingId,
        long startPosition,
        long stopPosition,
        long startTimestamp,
        long stopTimestamp,
        int sessionId,
        int streamId,
        String strippedChannel)
    {
        /**
         * Whether the recording was still active when listed.
         *
         * @return true while active.
         */
        public boolean isActive()
        {
            return AeronArchive.NULL_POSITION == stopPosition;
        }

        /**
         * Whether a position is at or past the end of this stopped recording.
         *
         * @param position a position in this recording.
         * @return true when the recording is stopped and the position reaches its stop position.
         */
        public boolean isFinishedAt(final long position)
        {
            return !isActive() && position >= stopPosition;
        }
    }

    private final String channel;
    private final int streamId;
    private final List<Recording> recordings;

    private RecordingChain(final String channel, final int streamId, final List<Recording> recordings)
    {
        this.channel = channel;
        this.streamId = streamId;
        this.recordings = List.copyOf(recordings);
    }

    /**
     * List the recordings of a stream.
     *
     * @param archive  connected archive client (not re-entrant: not from inside one of its callbacks).
     * @param channel  channel, e.g. {@code aeron:ipc}.
     * @param streamId stream id, e.g. {@link StreamIds#MERGED}.
     * @return the chain, in recording-id order.
     */
    public static RecordingChain list(final AeronArchive archive, final String channel, final int streamId)
    {
        final List<Recording> recordings = new ArrayList<>();
        long fromRecordingId = 0;
        while (true)
        {
            final long[] lastId = {-1};
            final int count = archive.listRecordingsForUri(fromRecordingId, PAGE, channel, streamId,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, recStreamId,
                strippedChannel, originalChannel, sourceIdentity) ->
                {
                    recordings.add(new Recording(recordingId, startPosition, stopPosition, startTimestamp,
                        stopTimestamp, sessionId, recStreamId, strippedChannel));
                    lastId[0] = recordingId;
                });
            // The archive scans PAGE descriptors from fromRecordingId and returns those that match, so an empty or
            // short page is not the end: stop when the scan passed the newest recording.
            if (count > 0)
            {
                fromRecordingId = lastId[0] + 1;
            }
            else
            {
                final long newest = newestRecordingId(archive);
                if (fromRecordingId + PAGE > newest)
                {
                    break;
                }
                fromRecordingId += PAGE;
            }
        }
        recordings.sort((a, b) -> Long.compare(a.recordingId(), b.recordingId()));
        return new RecordingChain(channel, streamId, recordings);
    }

    private static long newestRecordingId(final AeronArchive archive)
    {
        final long[] newest = {-1};
        long from = 0;
        int count;
        do
        {
            count = archive.listRecordings(from, PAGE, (controlSessionId, correlationId, recordingId, startTimestamp,
                stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength,
                mtuLength, sessionId, streamId, strippedChannel, originalChannel, sourceIdentity) ->
                newest[0] = Math.max(newest[0], recordingId));
            from = newest[0] + 1;
        }
        while (count == PAGE);
        return newest[0];
    }

    /**
     * Channel listed.
     *
     * @return channel.
     */
    public String channel()
    {
        return channel;
    }

    /**
     * Stream id listed.
     *
     * @return stream id.
     */
    public int streamId()
    {
        return streamId;
    }

    /**
     * Every recording, in recording-id order.
     *
     * @return immutable list.
     */
    public List<Recording> recordings()
    {
        return recordings;
    }

    /**
     * Whether there are no recordings.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return recordings.isEmpty();
    }

    /**
     * The oldest recording, or null.
     *
     * @return first recording or null.
     */
    public Recording first()
    {
        return recordings.isEmpty() ? null : recordings.get(0);
    }

    /**
     * The newest recording, or null.
     *
     * @return last recording or null.
     */
    public Recording last()
    {
        return recordings.isEmpty() ? null : recordings.get(recordings.size() - 1);
    }

    /**
     * A recording of this chain by id, or null.
     *
     * @param recordingId recording id.
     * @return the recording or null.
     */
    public Recording find(final long recordingId)
    {
        for (final Recording recording : recordings)
        {
            if (recording.recordingId() == recordingId)
            {
                return recording;
            }
        }
        return null;
    }

    /**
     * The recording that follows one, or null when it is the newest (list again later to see a new one).
     *
     * @param recordingId a recording id (need not be in the chain).
     * @return the first recording with a greater id, or null.
     */
    public Recording next(final long recordingId)
    {
        for (final Recording recording : recordings)
        {
            if (recording.recordingId() > recordingId)
            {
                return recording;
            }
        }
        return null;
    }
}
