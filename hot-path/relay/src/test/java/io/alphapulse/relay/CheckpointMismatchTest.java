/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's reason for not resuming from a checkpoint names what actually happened: after a {@code kill -9} of the
 * media driver the recording is simply shorter than the checkpoint, which is not "another archive directory".
 */
class CheckpointMismatchTest
{
    @Test
    void aMissingRecordingSuggestsAnotherArchiveOrADeletedRecording()
    {
        final String reason = Relay.checkpointMismatch(null, 1001);
        assertTrue(reason.contains("does not have"), reason);
        assertTrue(reason.contains("another archive directory") && reason.contains("deleted recording"), reason);
    }

    @Test
    void aRecordingOfAnotherStreamSaysWhichStream()
    {
        final String reason = Relay.checkpointMismatch(new long[]{ 2001, 4096 }, 1001);
        assertTrue(reason.contains("stream 2001, not 1001"), reason);
        assertTrue(reason.contains("another archive directory"), reason);
    }

    @Test
    void aRecordingShorterThanTheCheckpointSaysItsTailWasNotRecorded()
    {
        final String reason = Relay.checkpointMismatch(new long[]{ 1001, 4096 }, 1001);
        assertTrue(reason.contains("only up to 4096"), reason);
        assertTrue(reason.contains("media driver stopped"), reason);
        assertFalse(reason.contains("another archive directory"), reason);
    }
}
