/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import org.junit.jupiter.api.Test;

import static io.alphapulse.relay.SequenceTracker.DUPLICATE;
import static io.alphapulse.relay.SequenceTracker.GAP;
import static io.alphapulse.relay.SequenceTracker.IN_ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SequenceTrackerTest
{
    private final SequenceTracker tracker = new SequenceTracker();

    @Test
    void shouldClassifyInOrderGapsAndDuplicates()
    {
        assertEquals(IN_ORDER, tracker.onSequence(7));
        assertEquals(IN_ORDER, tracker.onSequence(8));
        assertEquals(GAP, tracker.onSequence(12));
        assertEquals(9, tracker.expected());
        assertEquals(12, tracker.received());
        assertEquals(DUPLICATE, tracker.onSequence(10));
        assertEquals(DUPLICATE, tracker.onSequence(12));
        assertEquals(IN_ORDER, tracker.onSequence(13));
        assertEquals(13, tracker.last());
    }

    @Test
    void shouldExtendAcrossTheWrapOfThe32BitSequence()
    {
        tracker.onSequence(0xFFFF_FFFEL);
        assertEquals(IN_ORDER, tracker.onSequence(0xFFFF_FFFFL));
        assertEquals(IN_ORDER, tracker.onSequence(0));
        assertEquals(0x1_0000_0000L, tracker.last());
        assertEquals(GAP, tracker.onSequence(5));
        assertEquals(0x1_0000_0001L, tracker.expected());
        assertEquals(DUPLICATE, tracker.onSequence(0xFFFF_FFFFL));
    }

    @Test
    void classifyShouldNotChangeStateUntilAccepted()
    {
        tracker.onSequence(1);
        assertEquals(GAP, tracker.classify(3));
        assertEquals(GAP, tracker.classify(3));
        assertEquals(1, tracker.last());
        tracker.accept();
        assertEquals(3, tracker.last());
        assertEquals(IN_ORDER, tracker.classify(4));
    }

    @Test
    void shouldResumeAfterAKnownSequence()
    {
        tracker.resumeAfter(41);
        assertEquals(DUPLICATE, tracker.onSequence(41));
        assertEquals(IN_ORDER, tracker.onSequence(42));
    }
}
