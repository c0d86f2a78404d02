/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerResyncTest
{
    private static final int STRATEGY = 7;
    private static final long TIMEOUT = 1_000;

    private final LedgerResync resync = new LedgerResync(STRATEGY, TIMEOUT);

    private long synchronise(final long nowNs, final long lastSequence)
    {
        assertTrue(resync.requestDue(nowNs));
        final long requestId = resync.newRequest(nowNs);
        assertFalse(resync.requestDue(nowNs));
        assertEquals(LedgerResync.Outcome.SYNCHRONISED, resync.onResyncDone(requestId, lastSequence, 1));
        return requestId;
    }

    @Test
    void startsFromTheLedgersSequenceOrTheFirstReportSeen()
    {
        assertFalse(resync.isSynchronised());
        assertEquals(0, resync.fromSequence());
        final long requestId = resync.newRequest(0);
        assertTrue(resync.onReportSequence(STRATEGY, 41), "the first report seen sets the sequence");
        assertTrue(resync.onReportSequence(STRATEGY + 1, 5), "another strategy's reports pass");
        assertTrue(resync.onReportSequence(STRATEGY, 0), "a version 0 ledger's reports pass");
        // The answer shows two more reports that never arrived: asked for again, from 42.
        assertEquals(LedgerResync.Outcome.INCOMPLETE, resync.onResyncDone(requestId, 43, 1));
        final long again = resync.newRequest(1);
        assertEquals(42, resync.fromSequence());
        assertTrue(resync.onReportSequence(STRATEGY, 42));
        assertTrue(resync.onReportSequence(STRATEGY, 43));
        assertEquals(LedgerResync.Outcome.SYNCHRONISED, resync.onResyncDone(again, 43, 1));
        assertTrue(resync.isSynchronised());

        final LedgerResync fresh = new LedgerResync(STRATEGY, TIMEOUT);
        final long first = fresh.newRequest(0);
        assertEquals(LedgerResync.Outcome.SYNCHRONISED, fresh.onResyncDone(first, 41, 1));
        assertEquals(42, fresh.expectedSequence(), "no report before the answer: the answer sets the sequence");
    }

    @Test
    void deliversEachReportOnceAndInOrderAcrossALostStretch()
    {
        synchronise(0, 10);
        assertTrue(resync.onReportSequence(STRATEGY, 11));
        // 12 and 13 died with the leader; 14 arrives from the new one: a gap.
        assertFalse(resync.onReportSequence(STRATEGY, 14));
        assertEquals(1, resync.gaps());
        assertTrue(resync.requestDue(5));
        final long requestId = resync.newRequest(5);
        assertEquals(12, resync.fromSequence());
        assertFalse(resync.onReportSequence(STRATEGY, 15), "still beyond the gap: dropped, no second gap counted");
        assertEquals(1, resync.gaps());
        // The replay: 12..15, then the end.
        for (long s = 12; s <= 15; s++)
        {
            assertTrue(resync.onReportSequence(STRATEGY, s));
        }
        assertFalse(resync.onReportSequence(STRATEGY, 13), "a repeat");
        assertEquals(1, resync.duplicates());
        assertEquals(LedgerResync.Outcome.SYNCHRONISED, resync.onResyncDone(requestId, 15, 1));
        assertTrue(resync.isSynchronised());
        assertTrue(resync.onReportSequence(STRATEGY, 16));
    }

    @Test
    void asksAgainWhenTheAnswerIsIncompleteStaleOrNeverComes()
    {
        synchronise(0, 10);
        resync.onNewSession();
        final long first = resync.newRequest(100);
        assertFalse(resync.requestDue(100 + TIMEOUT - 1));
        assertTrue(resync.requestDue(100 + TIMEOUT), "no answer within the timeout: ask again");
        final long second = resync.newRequest(100 + TIMEOUT);
        assertEquals(LedgerResync.Outcome.STALE, resync.onResyncDone(first, 12, 1));
        assertTrue(resync.onReportSequence(STRATEGY, 11));
        // 12 was dropped by the egress on its way: the answer does not bring the client up to date.
        assertEquals(LedgerResync.Outcome.INCOMPLETE, resync.onResyncDone(second, 12, 1));
        assertTrue(resync.requestDue(100 + TIMEOUT));
        final long third = resync.newRequest(100 + TIMEOUT);
        assertTrue(resync.onReportSequence(STRATEGY, 12));
        assertEquals(LedgerResync.Outcome.SYNCHRONISED, resync.onResyncDone(third, 12, 1));
    }

    @Test
    void reportsOlderThanTheLedgerHoldsAreCountedLost()
    {
        synchronise(0, 10);
        resync.onNewSession();
        final long requestId = resync.newRequest(0);
        assertEquals(LedgerResync.Outcome.REPORTS_LOST, resync.onResyncDone(requestId, 9000, 5000));
        assertEquals(5000 - 11, resync.lostReports());
        assertEquals(9001, resync.expectedSequence());
    }
}
