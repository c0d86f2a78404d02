/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseMediaDriverIT
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int STREAM_ID = 1001;
    private static final int REPLAY_STREAM_ID = 1002;
    private static final int MESSAGE_COUNT = 10_000;
    private static final int MESSAGE_LENGTH = 64;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(Profile.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPublishArchiveAndReplayInEachProfile(final Profile profile)
    {
        final Path aeronDir = tempDir.resolve("aeron");
        final PulseMediaDriver.Context ctx = new PulseMediaDriver.Context()
            .profile(profile)
            .aeronDirectoryName(aeronDir.toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString());

        try (PulseMediaDriver driver = PulseMediaDriver.launch(ctx);
            AeronArchive archive = AeronArchive.connect(driver.archiveClientContext()))
        {
            assertEquals(profile == Profile.LOW_LATENCY ? ThreadingMode.DEDICATED : ThreadingMode.SHARED,
                profile.driverThreadingMode());
            assertTrue(driver.describe().contains("profile                 " + profile.profileName()));

            final Aeron aeron = archive.context().aeron();
            archive.startRecording(CHANNEL, STREAM_ID, SourceLocation.LOCAL);

            final long recordingId;
            final long stopPosition;
            try (ExclusivePublication publication = aeron.addExclusivePublication(CHANNEL, STREAM_ID))
            {
                final CountersReader counters = aeron.countersReader();
                int counterId;
                while (CountersReader.NULL_COUNTER_ID ==
                    (counterId = RecordingPos.findCounterIdBySession(counters, publication.sessionId(),
                        archive.archiveId())))
                {
                    Thread.yield();
                }
                recordingId = RecordingPos.getRecordingId(counters, counterId);

                final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(MESSAGE_LENGTH));
                for (int i = 0; i < MESSAGE_COUNT; i++)
                {
                    buffer.putInt(0, i);
                    buffer.putLong(MESSAGE_LENGTH - 8, ~i);
                    while (publication.offer(buffer, 0, MESSAGE_LENGTH) < 0)
                    {
                        Thread.yield();
                    }
                }

                stopPosition = publication.position();
                while (counters.getCounterValue(counterId) < stopPosition)
                {
                    Thread.yield();
                }
                archive.stopRecording(CHANNEL, STREAM_ID);
            }

            final int[] received = new int[1];
            try (Subscription replay = archive.replay(recordingId, 0L, stopPosition, CHANNEL, REPLAY_STREAM_ID))
            {
                while (received[0] < MESSAGE_COUNT)
                {
                    final int fragments = replay.poll(
                        (buffer, offset, length, header) ->
                        {
                            assertEquals(MESSAGE_LENGTH, length);
                            assertEquals(received[0], buffer.getInt(offset));
                            assertEquals(~received[0], buffer.getLong(offset + MESSAGE_LENGTH - 8));
                            received[0]++;
                        },
                        100);
                    if (0 == fragments)
                    {
                        Thread.yield();
                    }
                }
            }

            assertEquals(MESSAGE_COUNT, received[0]);
            assertEquals(stopPosition, archive.getStopPosition(recordingId));
        }

        assertFalse(Files.exists(aeronDir), "aeron dir should be deleted on shutdown: " + aeronDir);
    }

    @Test
    void shouldRejectUnknownProfileNamingTheValue()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Profile.fromName("turbo"));
        assertTrue(ex.getMessage().contains("'turbo'"), ex.getMessage());
        assertEquals(Profile.LOW_LATENCY, Profile.fromName("LOW_LATENCY"));
        assertEquals(Profile.SHARED, Profile.fromName(" shared "));
    }

    @Test
    void shouldRejectBadArchiveChannel()
    {
        final PulseMediaDriver.Context ctx = new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString())
            .archiveControlChannel("udp://localhost:8010");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, ctx::conclude);
        assertTrue(ex.getMessage().contains("udp://localhost:8010"), ex.getMessage());
    }
}
