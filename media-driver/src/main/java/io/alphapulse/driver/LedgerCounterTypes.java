/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

/**
 * Aeron counter type ids of the ledger (4500-4599), allocated by each member's service in its own media driver:
 * {@code pulse stat --aeron-dir <member's aeron dir>} shows them. Labels end in {@code node=<id>}.
 */
public final class LedgerCounterTypes
{
    /**
     * Log messages applied by the service.
     */
    public static final int MESSAGES_APPLIED = 4500;

    /**
     * Orders accepted.
     */
    public static final int ORDERS_ACCEPTED = 4501;

    /**
     * Orders (and cancels) rejected, every reason.
     */
    public static final int ORDERS_REJECTED = 4502;

    /**
     * Fills applied.
     */
    public static final int FILLS = 4503;

    /**
     * Orders cancelled (requested, IOC remainder, kill switch, venue).
     */
    public static final int ORDERS_CANCELLED = 4504;

    /**
     * Messages from another schema, truncated or with an unknown template (counted and skipped).
     */
    public static final int REJECTED_MESSAGES = 4505;

    /**
     * Egress messages a client session did not take within the retries.
     */
    public static final int EGRESS_DROPPED = 4506;

    /**
     * Venue reports ignored: fills or cancels for orders not open, repeated fill ids, fills beyond the open quantity.
     */
    public static final int IGNORED_VENUE_REPORTS = 4507;

    /**
     * Open orders.
     */
    public static final int OPEN_ORDERS = 4508;

    /**
     * Role of the member: 0 follower, 1 candidate, 2 leader.
     */
    public static final int ROLE = 4509;

    /**
     * Hash of the member's replicated state, computed once the log has been quiet for a moment: equal on every
     * member at the same log position.
     */
    public static final int STATE_HASH = 4510;

    /**
     * Log position the state hash was computed at.
     */
    public static final int STATE_HASH_POSITION = 4511;

    private LedgerCounterTypes()
    {
    }
}
