/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.FragmentHandler;
import io.alphapulse.driver.RecordingChain;
import io.alphapulse.relay.TimeIndex;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;

/**
 * Replays the recorded merged stream from Aeron Archive: every recording of the stream in order (the relay
 * restarted in between makes a new one), each from the position the relay's time index gives for the window's
 * start ({@link TimeIndex#startPositionFor}), to the recording's end (an active recording: its position when the
 * replay starts). The same SBE bytes as live, through the same adapter.
 */
public final class ArchiveReplaySource
{
    /**
     * Totals of a replay.
     *
     * @param recordings recordings read.
     * @param bytes      stream bytes replayed.
     * @param fragments  messages delivered.
     */
    public record Stats(int recordings, long bytes, long fragments)
    {
    }

    private ArchiveReplaySource()
    {
    }

    /**
     * Replay into an adapter until the window ends or the recordings do.
     *
     * @param archive        connected archive client.
     * @param channel        recorded channel, e.g. {@code aeron:ipc}.
     * @param streamId       recorded stream, e.g. 2001.
     * @param indexDir       the relay's time index directory (missing files mean: from the recording's start).
     * @param fromNs         window start, for the index.
     * @param replayChannel  channel to replay on, e.g. {@code aeron:ipc}.
     * @param replayStreamId stream to replay on.
     * @param adapter        where messages go.
     * @param pacer          replay speed.
     * @return totals.
     */
    public static Stats replay(
        final AeronArchive archive,
        final String channel,
        final int streamId,
        final Path indexDir,
        final long fromNs,
        final String replayChannel,
        final int replayStreamId,
        final MarketDataAdapter adapter,
        final Pacer pacer)
    {
        final RecordingChain chain = RecordingChain.list(archive, channel, streamId);
        final FragmentHandler handler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            if (!pacer.isMax())
            {
                pacer.await(adapter.lastTimeNs());
            }
            adapter.onMessage(buffer, offset, length);
        });
        final IdleStrategy idle = new BackoffIdleStrategy();
        int recordings = 0;
        long bytes = 0;
        long fragments = 0;
        for (final RecordingChain.Recording recording : chain.recordings())
        {
            if (adapter.isDone())
            {
                break;
            }
            final long stopPosition = recording.isActive() ?
                archive.getRecordingPosition(recording.recordingId()) : recording.stopPosition();
            final long startPosition = Math.max(recording.startPosition(),
                TimeIndex.startPositionFor(indexDir, recording.recordingId(), fromNs, recording.startPosition()));
            if (stopPosition <= startPosition)
            {
                continue;
            }
            recordings++;
            try (Subscription subscription = archive.replay(recording.recordingId(), startPosition,
                stopPosition - startPosition, replayChannel, replayStreamId))
            {
                Image image = null;
                while (!adapter.isDone())
                {
                    if (null == image)
                    {
                        if (subscription.imageCount() == 0)
                        {
                            idle.idle();
                            continue;
                        }
                        image = subscription.imageAtIndex(0);
                    }
                    final int n = image.poll(handler, 1024);
                    fragments += n;
                    if (0 == n && (image.isEndOfStream() || image.isClosed() || image.position() >= stopPosition))
                    {
                        break;
                    }
                    idle.idle(n);
                }
                if (null != image)
                {
                    bytes += image.position() - startPosition;
                }
            }
        }
        return new Stats(recordings, bytes, fragments);
    }
}
