/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One WebSocket client: its subscriptions, its bounded outbound queue with conflation, and its write chain.
 * <p>
 * Threads: the bridge agent enqueues (and owns {@link #subscriptions()}); Jetty threads complete sends and may
 * enqueue replies to bad input. The queue is guarded by this object's monitor, held only for a few field updates,
 * never across a send, so the agent never waits on a socket.
 * <p>
 * Queue: non-conflated messages (trades, candles, status, replies) are queued in order. A conflated message (book,
 * ticker) has one slot per (channel, exchange, instrument): while the slot is queued a newer value replaces its
 * payload in place (counted as conflated), so a slow client gets the latest book, not every book. A client whose
 * queue stays at {@code capacity} longer than the slow-client timeout, whose socket accepts nothing for as long, or
 * whose queue reaches twice the capacity, is closed with 1013 and a reason. Below that nothing is dropped: a client that stays open receives every non-conflated message.
 * <p>
 * Writes: never on the agent thread. A session with something queued is handed once to the sender thread, which
 * sends everything queued as one frame (a JSON array when more than one message); at most one send is in flight
 * per session, and its completion hands the session to the sender again if more was queued meanwhile. A client
 * that keeps up gets single messages; one that lags gets fewer, larger frames, which is what lets it catch up.
 */
public final class ClientSession
{
    /**
     * Close code for a client closed for being too slow (RFC 6455: try again later).
     */
    public static final int CLOSE_SLOW = 1013;

    /**
     * Close code for a policy violation (auth, flood, limits).
     */
    public static final int CLOSE_POLICY = 1008;

    private static final class Slot
    {
        String payload;
        boolean queued;
    }

    private final long id;
    private final String user;
    private final String remote;
    private final ClientTransport transport;
    private final BridgeStats stats;
    private final int capacity;
    private final java.util.function.Consumer<ClientSession> scheduler;
    private final int maxBatchBytes;
    private final StringBuilder batch = new StringBuilder(1024);
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Map<Long, Slot> slots = new HashMap<>();

    private boolean writing;
    private int inFlightMessages;
    private long sendStartedNs;
    private boolean closed;
    private boolean pendingClose;
    private long fullSinceNs;
    private long closedAtNs;
    private long conflatedCount;
    private long sentCount;
    private int closeCode;
    private String closeReason;

    // Rate limiting of requests; touched by the Jetty thread delivering this client's messages only.
    private long windowStartNs;
    private int requestsInWindow;
    private int rejectedInWindow;

    ClientSession(
        final long id,
        final String user,
        final String remote,
        final ClientTransport transport,
        final BridgeStats stats,
        final int capacity,
        final java.util.function.Consumer<ClientSession> scheduler,
        final int maxBatchBytes)
    {
        this.scheduler = scheduler;
        this.maxBatchBytes = maxBatchBytes;
        this.id = id;
        this.user = user;
        this.remote = remote;
        this.transport = transport;
        this.stats = stats;
        this.capacity = capacity;
    }

    /**
     * Session id, unique in this bridge.
     *
     * @return id.
     */
    public long id()
    {
        return id;
    }

    /**
     * User the session authenticated as ({@code anonymous} with auth off).
     *
     * @return user name.
     */
    public String user()
    {
        return user;
    }

    /**
     * Remote address, for messages.
     *
     * @return address.
     */
    public String remote()
    {
        return remote;
    }

    List<Subscription> subscriptions()
    {
        return subscriptions;
    }

    /**
     * Queue a message that must not be conflated.
     *
     * @param text  JSON message.
     * @param nowNs monotonic time.
     */
    void enqueue(final String text, final long nowNs)
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            if (admit(nowNs))
            {
                queue.addLast(text);
                if (writing)
                {
                    return;
                }
                writing = true;
            }
        }
        if (!sendPendingClose())
        {
            scheduler.accept(this);
        }
    }

    /**
     * Queue the latest value for a key, replacing a value of the same key still queued.
     *
     * @param key   (channel, exchange, instrument).
     * @param text  JSON message.
     * @param nowNs monotonic time.
     */
    void enqueueConflated(final long key, final String text, final long nowNs)
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            Slot slot = slots.get(key);
            if (null != slot && slot.queued)
            {
                slot.payload = text;
                conflatedCount++;
                stats.conflated.incrementAndGet();
                return;
            }
            if (admit(nowNs))
            {
                if (null == slot)
                {
                    slot = new Slot();
                    slots.put(key, slot);
                }
                slot.payload = text;
                slot.queued = true;
                queue.addLast(slot);
                if (writing)
                {
                    return;
                }
                writing = true;
            }
        }
        if (!sendPendingClose())
        {
            scheduler.accept(this);
        }
    }

    /**
     * Close if the queue has been full longer than the timeout; drop the connection if a close has not completed
     * within the grace period.
     *
     * @param nowNs            monotonic time.
     * @param slowTimeoutNs    how long a full queue is tolerated.
     * @param closeGraceNs     how long a close handshake may take.
     * @return true if the session is finished and can be forgotten.
     */
    boolean checkSlow(final long nowNs, final long slowTimeoutNs, final long closeGraceNs)
    {
        boolean disconnect = false;
        synchronized (this)
        {
            if (closed)
            {
                disconnect = nowNs - closedAtNs >= closeGraceNs;
            }
            else if (0 != fullSinceNs && nowNs - fullSinceNs >= slowTimeoutNs)
            {
                markSlowLocked(nowNs, "slow consumer: outbound queue full (" + capacity + " messages) for more than " +
                    slowTimeoutNs / 1_000_000 + " ms");
            }
            else if (inFlightMessages > 0 && nowNs - sendStartedNs >= slowTimeoutNs)
            {
                // A client subscribed only to conflated channels never fills its queue; a socket that accepts
                // nothing for as long is just as far behind.
                markSlowLocked(nowNs, "slow consumer: nothing read for more than " + slowTimeoutNs / 1_000_000 +
                    " ms");
            }
        }
        if (disconnect)
        {
            transport.disconnect();
        }
        sendPendingClose();
        return disconnect;
    }

    /**
     * Close with a code and reason; queued messages are discarded.
     *
     * @param code   close code.
     * @param reason reason.
     * @param nowNs  monotonic time.
     */
    void close(final int code, final String reason, final long nowNs)
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closeLocked(code, reason, nowNs);
        }
        transport.close(code, truncate(reason));
    }

    /**
     * The connection closed (either side).
     */
    void onClosed()
    {
        synchronized (this)
        {
            if (!closed)
            {
                closed = true;
                closeReason = "closed by client";
            }
            queue.clear();
        }
    }

    void onSendSucceeded()
    {
        synchronized (this)
        {
            sentCount += inFlightMessages;
            stats.messagesSent.addAndGet(inFlightMessages);
            inFlightMessages = 0;
            if (closed || queue.isEmpty())
            {
                writing = false;
                return;
            }
        }
        scheduler.accept(this);
    }

    /**
     * Called by the sender thread for a scheduled session: hand everything queued (up to the batch limit) to the
     * socket as one frame. One message goes as itself; several as a JSON array of them, in order (protocol v1).
     */
    void sendBatch()
    {
        final String text;
        synchronized (this)
        {
            final String first = poll();
            if (null == first)
            {
                writing = false;
                return;
            }
            sendStartedNs = System.nanoTime();
            String next = queue.isEmpty() ? null : poll();
            if (null == next)
            {
                inFlightMessages = 1;
                text = first;
            }
            else
            {
                batch.setLength(0);
                batch.append('[').append(first);
                int count = 1;
                while (null != next)
                {
                    batch.append(',').append(next);
                    count++;
                    next = batch.length() < maxBatchBytes && !queue.isEmpty() ? poll() : null;
                }
                inFlightMessages = count;
                text = batch.append(']').toString();
            }
        }
        transport.send(text, this);
    }

    void onSendFailed(final Throwable error)
    {
        synchronized (this)
        {
            writing = false;
            if (!closed)
            {
                closed = true;
                closeReason = "send failed: " + error;
            }
            queue.clear();
        }
    }

    /**
     * Count a request against the per-client rate limit. Called on the Jetty thread delivering this client's
     * messages.
     *
     * @param nowNs            monotonic time.
     * @param perSecond        requests allowed per second.
     * @return 0 if allowed, else how many were refused in the current second including this one.
     */
    int rateLimit(final long nowNs, final int perSecond)
    {
        if (nowNs - windowStartNs >= 1_000_000_000L)
        {
            windowStartNs = nowNs;
            requestsInWindow = 0;
            rejectedInWindow = 0;
        }
        if (++requestsInWindow <= perSecond)
        {
            return 0;
        }
        return ++rejectedInWindow;
    }

    /**
     * Messages waiting, conflation slots included.
     *
     * @return queue length.
     */
    public synchronized int queued()
    {
        return queue.size();
    }

    /**
     * Values replaced in place while queued.
     *
     * @return count.
     */
    public synchronized long conflatedCount()
    {
        return conflatedCount;
    }

    /**
     * Messages the socket accepted.
     *
     * @return count.
     */
    public synchronized long sentCount()
    {
        return sentCount;
    }

    /**
     * Whether closed (by either side).
     *
     * @return true if closed.
     */
    public synchronized boolean isClosed()
    {
        return closed;
    }

    /**
     * Why the bridge closed it, or null.
     *
     * @return reason.
     */
    public synchronized String closeReason()
    {
        return closeReason;
    }

    /**
     * Code the bridge closed it with, or 0.
     *
     * @return close code.
     */
    public synchronized int closeCode()
    {
        return closeCode;
    }

    private boolean admit(final long nowNs)
    {
        final int size = queue.size();
        if (size >= capacity)
        {
            if (0 == fullSinceNs)
            {
                fullSinceNs = nowNs;
            }
            if (size >= 2 * capacity)
            {
                markSlowLocked(nowNs, "slow consumer: outbound queue overflow (" + 2 * capacity + " messages)");
                return false;
            }
        }
        else
        {
            fullSinceNs = 0;
        }
        return true;
    }

    private void markSlowLocked(final long nowNs, final String reason)
    {
        closeLocked(CLOSE_SLOW, reason, nowNs);
        stats.droppedClients.incrementAndGet();
        pendingClose = true;
    }

    /**
     * Send a close decided under the monitor, outside it, so no socket call ever runs while holding it.
     *
     * @return true if the session is closed.
     */
    private boolean sendPendingClose()
    {
        final int code;
        final String reason;
        synchronized (this)
        {
            if (!pendingClose)
            {
                return closed;
            }
            pendingClose = false;
            code = closeCode;
            reason = closeReason;
        }
        transport.close(code, truncate(reason));
        return true;
    }

    private void closeLocked(final int code, final String reason, final long nowNs)
    {
        closed = true;
        closedAtNs = nowNs;
        closeCode = code;
        closeReason = reason;
        queue.clear();
        for (final Slot slot : slots.values())
        {
            slot.queued = false;
            slot.payload = null;
        }
    }

    private String poll()
    {
        if (closed)
        {
            return null;
        }
        final Object next = queue.pollFirst();
        if (null == next)
        {
            return null;
        }
        if (queue.size() < capacity)
        {
            fullSinceNs = 0;
        }
        if (next instanceof Slot slot)
        {
            slot.queued = false;
            final String payload = slot.payload;
            slot.payload = null;
            return payload;
        }
        return (String)next;
    }

    private static String truncate(final String reason)
    {
        // A close reason must fit a control frame: 123 bytes of UTF-8; ours are ASCII.
        return reason.length() <= 123 ? reason : reason.substring(0, 123);
    }
}
