/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.archive.client.AeronArchive;

/**
 * The recordings the Archive holds of one stream, in the order they were made: each publisher process (collector
 * or relay run) is a recording of its own.
 */
final class RecordingChain
{
    /**
     * One recording.
     *
     * @param recordingId   id.
     * @param streamId      stream recorded.
     * @param sessionId     the publisher's session.
     * @param startPosition where it starts.
     * @param stopPosition  where it stops, or {@link AeronArchive#NULL_POSITION} while recording.
     */
    record Recording(long recordingId, int streamId, int sessionId, long startPosition, long stopPosition)
    {
    }

    private RecordingChain()
    {
    }

    /**
     * A recording by id.
     *
     * @param archive archive client.
     * @param recordingId id.
     * @return the recording, or null if the archive does not have it.
     */
    static Recording find(final AeronArchive archive, final long recordingId)
    {
        final Recording[] found = new Recording[1];
        archive.listRecording(recordingId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) ->
            found[0] = new Recording(id, streamId, sessionId, startPosition, stopPosition));
        return found[0];
    }

    /**
     * The first recording of a stream made after a given one.
     *
     * @param archive     archive client.
     * @param streamId    stream.
     * @param afterId     recording id to look past.
     * @return the next recording, or null if there is none yet.
     */
    static Recording next(final AeronArchive archive, final int streamId, final long afterId)
    {
        final Recording[] found = new Recording[1];
        archive.listRecordingsForUri(afterId + 1, 1, "aeron:ipc", streamId,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, stream, strippedChannel,
            originalChannel, sourceIdentity) ->
            found[0] = new Recording(id, stream, sessionId, startPosition, stopPosition));
        return found[0];
    }
}
