/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream recorded across three publisher restarts is one chain of recordings; following the chain (bounded
 * replays of the stopped recordings, then a replay that follows the active one) yields every message once, in order.
 */
class RecordingChainIT
{
    private static final int STREAM_ID = 2001;
    private static final int OTHER_STREAM_ID = 1001;
    private static final int REPLAY_STREAM_ID = 2999;
    private static final int MESSAGES_PER_SESSION = 1000;

    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldListRecordingsInOrderAndFollowThemAcrossPublisherRestarts()
    {
        try (PulseMediaDriver driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
            AeronArchive archive = AeronArchive.connect(driver.archiveClientContext()))
        {
            final Aeron aeron = archive.context().aeron();
            assertTrue(RecordingChain.list(archive, "aeron:ipc", STREAM_ID).isEmpty());
            archive.startRecording("aeron:ipc", STREAM_ID, SourceLocation.LOCAL);
            archive.startRecording("aeron:ipc", OTHER_STREAM_ID, SourceLocation.LOCAL);

            final List<Long> stops = new ArrayList<>();
            long value = 0;
            for (int session = 0; session < 3; session++)
            {
                try (ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", STREAM_ID);
                    ExclusivePublication other = aeron.addExclusivePublication("aeron:ipc", OTHER_STREAM_ID))
                {
                    awaitRecordings(archive, session + 1);
                    for (int i = 0; i < MESSAGES_PER_SESSION; i++)
                    {
                        offer(publication, value++);
                        offer(other, -1);
                    }
                    stops.add(publication.position());
                }
                awaitStopped(archive, session + 1);
            }

            final ExclusivePublication live = aeron.addExclusivePublication("aeron:ipc", STREAM_ID);
            awaitRecordings(archive, 4);
            for (int i = 0; i < MESSAGES_PER_SESSION; i++)
            {
                offer(live, value++);
            }

            final RecordingChain chain = RecordingChain.list(archive, "aeron:ipc", STREAM_ID);
            assertEquals(4, chain.recordings().size());
            for (int i = 0; i < 3; i++)
            {
                final RecordingChain.Recording recording = chain.recordings().get(i);
                assertEquals(STREAM_ID, recording.streamId());
                assertFalse(recording.isActive());
                assertEquals(stops.get(i), recording.stopPosition());
                assertTrue(recording.isFinishedAt(recording.stopPosition()));
                assertEquals(chain.recordings().get(i + 1), chain.next(recording.recordingId()));
                if (i > 0)
                {
                    assertTrue(recording.recordingId() > chain.recordings().get(i - 1).recordingId());
                }
            }
            assertTrue(chain.last().isActive());
            assertEquals(AeronArchive.NULL_POSITION, chain.last().stopPosition());
            assertNull(chain.next(chain.last().recordingId()));
            assertEquals(chain.first(), chain.find(chain.first().recordingId()));
            assertNull(chain.find(-5));

            // Follow the chain as a lossless consumer does: every message once, in order.
            final List<Long> received = new ArrayList<>();
            for (final RecordingChain.Recording recording : chain.recordings())
            {
                final long length = recording.isActive() ? AeronArchive.REPLAY_ALL_AND_FOLLOW :
                    recording.stopPosition() - recording.startPosition();
                try (Subscription replay = archive.replay(recording.recordingId(), recording.startPosition(), length,
                    "aeron:ipc", REPLAY_STREAM_ID))
                {
                    final int expected = received.size() + MESSAGES_PER_SESSION;
                    final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (received.size() < expected)
                    {
                        if (0 == replay.poll((buffer, offset, len, header) -> received.add(buffer.getLong(offset)),
                            100))
                        {
                            assertTrue(System.nanoTime() - deadlineNs < 0, "replay incomplete: " + received.size());
                            Thread.yield();
                        }
                    }
                }
            }
            final List<Long> expected = new ArrayList<>();
            for (long v = 0; v < value; v++)
            {
                expected.add(v);
            }
            assertEquals(expected, received);
            CloseHelper.close(live);
        }
    }

    private static void offer(final ExclusivePublication publication, final long value)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        buffer.putLong(0, value);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(buffer, 0, 8) < 0)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "could not publish");
            Thread.yield();
        }
    }

    private static void awaitRecordings(final AeronArchive archive, final int count)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RecordingChain.list(archive, "aeron:ipc", STREAM_ID).recordings().size() < count)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "recording did not start");
            Thread.yield();
        }
    }

    private static void awaitStopped(final AeronArchive archive, final int count)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RecordingChain.list(archive, "aeron:ipc", STREAM_ID).recordings().stream()
            .filter((r) -> !r.isActive()).count() < count)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "recording did not stop");
            Thread.yield();
        }
    }
}
