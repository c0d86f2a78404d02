/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

/**
 * A client's side of the resynchronisation protocol for one strategy's execution reports: delivers each report
 * exactly once and in order, whatever the egress lost, repeated or reordered across sessions and leaders.
 * <ul>
 *     <li>The ledger numbers each strategy's reports 1, 2, 3, ... in replicated state. A report is delivered only when
 *     it is the next expected one; a repeat is dropped (counted); a report beyond a gap is dropped and a
 *     resynchronisation is wanted (it will come again in the replay).</li>
 *     <li>On start, on a new session and on a new leader a resynchronisation is wanted too. The caller sends
 *     {@code ResyncRequest(requestId, fromSequence)} when {@link #requestDue(long)} says so; the ledger answers, to
 *     this session only, with the reports from {@code fromSequence} on (delivered through the same filter) and
 *     {@code ResyncDone(lastSequence)}.</li>
 *     <li>{@link #onResyncDone} then tells the caller it is up to date with the ledger as of the request: anything it
 *     sent before the request and still has no answer for never reached the log, and must be sent again. An answer
 *     that does not bring it up to date (the egress dropped part of the replay) makes it ask again; one whose replay
 *     could not reach back far enough (more than the 4,096 reports the ledger keeps per strategy) is counted as lost.</li>
 *     <li>A request with no answer is sent again after {@link #requestTimeoutNs()} (the session may have died with it).</li>
 * </ul>
 * Deterministic given the calls; no clock of its own, no allocation. Not thread-safe.
 */
public final class LedgerResync
{
    /**
     * Default wait for the answer to a request before asking again.
     */
    public static final long REQUEST_TIMEOUT_NS_DEFAULT = 2_000_000_000L;

    /**
     * What {@link #onResyncDone} found.
     */
    public enum Outcome
    {
        /**
         * Not the answer to the request in flight (an older one): nothing to do.
         */
        STALE,
        /**
         * Up to date with the ledger as of the request: resend what was sent before it and is still unanswered.
         */
        SYNCHRONISED,
        /**
         * Part of the replay did not arrive: a new request is wanted.
         */
        INCOMPLETE,
        /**
         * Reports older than the ledger still holds were missed: they are lost to this client (counted); it carries
         * on from the ledger's current sequence.
         */
        REPORTS_LOST
    }

    private final int strategyId;
    private final long requestTimeoutNs;
    private long expectedSequence;
    private boolean wanted = true;
    private long requestId;
    private long requestSentNs;
    private long lastRequestId;
    private long requests;
    private long duplicates;
    private long gaps;
    private long lostReports;
    private long synchronisations;

    /**
     * Follow one strategy's reports.
     *
     * @param strategyId       the strategy.
     * @param requestTimeoutNs wait for an answer before asking again.
     */
    public LedgerResync(final int strategyId, final long requestTimeoutNs)
    {
        this.strategyId = strategyId;
        this.requestTimeoutNs = requestTimeoutNs;
    }

    /**
     * A new session was opened or a new leader announced: reports may have been lost; ask.
     */
    public void onNewSession()
    {
        wanted = true;
        requestId = 0;
    }

    /**
     * Whether a request should be sent now: one is wanted and none is in flight, or the one in flight timed out.
     *
     * @param nowNs the caller's clock.
     * @return true to send {@link #newRequest(long)}.
     */
    public boolean requestDue(final long nowNs)
    {
        return wanted && (0 == requestId || nowNs - requestSentNs - requestTimeoutNs >= 0);
    }

    /**
     * Start a request: its id, to send with {@link #fromSequence()}.
     *
     * @param nowNs the caller's clock.
     * @return request id.
     */
    public long newRequest(final long nowNs)
    {
        requestId = ++lastRequestId;
        requestSentNs = nowNs;
        requests++;
        return requestId;
    }

    /**
     * A request could not be sent: it is still wanted.
     */
    public void requestNotSent()
    {
        requestId = 0;
    }

    /**
     * First sequence to ask for: the next expected, or 0 before the first answer (nothing to replay).
     *
     * @return sequence.
     */
    public long fromSequence()
    {
        return expectedSequence;
    }

    /**
     * Filter for {@link LedgerEventHandler#onReportSequence}.
     *
     * @param reportStrategyId strategy of the report.
     * @param sequence         its sequence (0 from a version 0 ledger: delivered).
     * @return true to deliver it.
     */
    public boolean onReportSequence(final int reportStrategyId, final long sequence)
    {
        if (reportStrategyId != strategyId || sequence <= 0)
        {
            return true;
        }
        if (0 == expectedSequence)
        {
            // The first report seen before the first answer sets the sequence (it may be an earlier process's, or
            // ours when that answer is late or was lost with its session): strict from here on, and an answer that
            // shows reports after it that never arrived has them replayed.
            expectedSequence = sequence + 1;
            return true;
        }
        if (sequence == expectedSequence)
        {
            expectedSequence++;
            return true;
        }
        if (sequence < expectedSequence)
        {
            duplicates++;
            return false;
        }
        if (!wanted)
        {
            gaps++;
            wanted = true;
        }
        return false;
    }

    /**
     * The end of an answer.
     *
     * @param answeredRequestId the request it answers.
     * @param lastSequence      the strategy's last sequence when the request was applied.
     * @param oldestSequence    the oldest report the ledger still held.
     * @return what to do.
     */
    public Outcome onResyncDone(final long answeredRequestId, final long lastSequence, final long oldestSequence)
    {
        if (answeredRequestId != requestId || 0 == requestId)
        {
            return Outcome.STALE;
        }
        requestId = 0;
        if (0 == expectedSequence || expectedSequence > lastSequence)
        {
            if (0 == expectedSequence)
            {
                expectedSequence = lastSequence + 1;
            }
            wanted = false;
            synchronisations++;
            return Outcome.SYNCHRONISED;
        }
        if (oldestSequence > expectedSequence)
        {
            lostReports += oldestSequence - expectedSequence;
            expectedSequence = lastSequence + 1;
            wanted = false;
            synchronisations++;
            return Outcome.REPORTS_LOST;
        }
        wanted = true;
        return Outcome.INCOMPLETE;
    }

    /**
     * Whether the client is up to date as of its last answer and wants nothing.
     *
     * @return true when synchronised.
     */
    public boolean isSynchronised()
    {
        return !wanted && 0 == requestId && expectedSequence > 0;
    }

    /**
     * The next report sequence expected (0 before the first answer).
     *
     * @return sequence.
     */
    public long expectedSequence()
    {
        return expectedSequence;
    }

    /**
     * Wait for an answer before asking again.
     *
     * @return nanoseconds.
     */
    public long requestTimeoutNs()
    {
        return requestTimeoutNs;
    }

    /**
     * Requests started.
     *
     * @return count.
     */
    public long requests()
    {
        return requests;
    }

    /**
     * Repeated reports dropped.
     *
     * @return count.
     */
    public long duplicates()
    {
        return duplicates;
    }

    /**
     * Gaps seen in the sequence (each caused a request).
     *
     * @return count.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * Reports missed that the ledger no longer held.
     *
     * @return count.
     */
    public long lostReports()
    {
        return lostReports;
    }

    /**
     * Answers that brought the client up to date.
     *
     * @return count.
     */
    public long synchronisations()
    {
        return synchronisations;
    }
}
