/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import java.util.Arrays;

/**
 * Closed orders kept for reuse, so the ledger's order path allocates nothing once the pool has grown to the number
 * of orders closed between two new ones: an order filled or cancelled goes back here (after its report is out) and
 * the next accepted order takes it. At most {@code maxRetained} orders are kept; beyond that a closed order is left to
 * the garbage collector (a burst of open orders does not pin its memory for ever).
 * <p>
 * Not thread-safe: the ledger's (cluster service) thread only.
 */
final class OrderPool
{
    /**
     * Closed orders kept for reuse by default.
     */
    static final int MAX_RETAINED_DEFAULT = 64 * 1024;

    private static final int INITIAL_CAPACITY = 64;

    private final int maxRetained;
    private Order[] free = new Order[INITIAL_CAPACITY];
    private int size;
    private long created;

    /**
     * A pool keeping at most {@link #MAX_RETAINED_DEFAULT} closed orders.
     */
    OrderPool()
    {
        this(MAX_RETAINED_DEFAULT);
    }

    /**
     * A pool keeping at most {@code maxRetained} closed orders.
     *
     * @param maxRetained most orders kept for reuse (0 keeps none).
     */
    OrderPool(final int maxRetained)
    {
        if (maxRetained < 0)
        {
            throw new IllegalArgumentException("maxRetained must be >= 0: " + maxRetained);
        }
        this.maxRetained = maxRetained;
    }

    /**
     * An order with every field cleared: a closed one when the pool holds any, else a new one.
     *
     * @return the order, owned by the caller until {@link #release(Order)}.
     */
    Order acquire()
    {
        if (size > 0)
        {
            final Order order = free[--size];
            free[size] = null;
            return order;
        }
        created++;
        return new Order();
    }

    /**
     * Give back a closed order: no reference to it may be used afterwards (it is cleared and handed out again).
     *
     * @param order closed order.
     */
    void release(final Order order)
    {
        order.reset();
        if (size < maxRetained)
        {
            if (size == free.length)
            {
                free = Arrays.copyOf(free, (int)Math.min(maxRetained, 2L * free.length));
            }
            free[size++] = order;
        }
    }

    /**
     * Orders held for reuse.
     *
     * @return count.
     */
    int size()
    {
        return size;
    }

    /**
     * Orders this pool had to create (the rest were reused).
     *
     * @return count.
     */
    long created()
    {
        return created;
    }
}
