/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

/**
 * Where an order is in its life: {@code NEW -> ACCEPTED | REJECTED -> PARTIALLY_FILLED -> FILLED | CANCELLED}.
 */
public enum OrderStatus
{
    /**
     * Sent, not yet acknowledged by the ledger.
     */
    NEW(false),

    /**
     * Accepted by the ledger's pre-trade risk checks and open.
     */
    ACCEPTED(false),

    /**
     * Rejected by the ledger, with a reason code.
     */
    REJECTED(true),

    /**
     * Filled in part and still open.
     */
    PARTIALLY_FILLED(false),

    /**
     * Filled in full.
     */
    FILLED(true),

    /**
     * Cancelled (on request, IOC remainder, kill switch or venue), in part or whole.
     */
    CANCELLED(true);

    private final boolean terminal;

    OrderStatus(final boolean terminal)
    {
        this.terminal = terminal;
    }

    /**
     * Whether the order is closed for good.
     *
     * @return true for rejected, filled and cancelled.
     */
    public boolean isTerminal()
    {
        return terminal;
    }
}
