/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.function.IntToLongFunction;

/**
 * The live state shared between the bridge stage and its WebSocket clients in a child JVM: a small memory-mapped
 * file. The stage writes the control words (from when to record latency, stop); the clients' one thread writes its
 * counters (messages, trades, acknowledgements, closes per client), which the stage reads while it runs (the
 * fan-out publisher stays a window ahead of what the clients have received, and the fan-out rate is their count
 * over the measured window). Each side writes only its own words, with release stores; the other reads them with
 * volatile loads.
 */
final class ClientCounters implements AutoCloseable
{
    private static final int RECORD_ON = 0;
    private static final int RECORD_FROM_NS = 8;
    private static final int STOP = 16;
    private static final int CONNECTED = 64;
    private static final int CLIENTS_BASE = 128;
    private static final int CLIENT_STRIDE = 64;
    private static final int MESSAGES = 0;
    private static final int TRADES = 8;
    private static final int ACKS = 16;
    private static final int CLOSED = 24;

    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int clients;

    private ClientCounters(final MappedByteBuffer mapped, final int clients)
    {
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.clients = clients;
    }

    /**
     * Create the file (the stage, before starting the child).
     *
     * @param file    where.
     * @param clients how many clients.
     * @return the counters, all zero.
     */
    static ClientCounters create(final File file, final int clients)
    {
        return new ClientCounters(IoUtil.mapNewFile(file, length(clients), true), clients);
    }

    /**
     * Map the file the stage created (the child).
     *
     * @param file    where.
     * @param clients how many clients.
     * @return the counters.
     */
    static ClientCounters open(final File file, final int clients)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "bench client counters");
        if (mapped.capacity() < length(clients))
        {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException(file + " holds fewer than " + clients + " clients' counters");
        }
        return new ClientCounters(mapped, clients);
    }

    private static int length(final int clients)
    {
        return CLIENTS_BASE + clients * CLIENT_STRIDE;
    }

    int clients()
    {
        return clients;
    }

    /**
     * Record the latency of trades stamped at or after this time ({@link System#nanoTime()}, the same clock in
     * both processes on one Linux host); the stage calls it once, before the latency run's first trade.
     *
     * @param stampNs first stamp recorded.
     */
    void recordFrom(final long stampNs)
    {
        buffer.putLongRelease(RECORD_FROM_NS, stampNs);
        buffer.putLongRelease(RECORD_ON, 1);
    }

    boolean recording()
    {
        return 1 == buffer.getLongVolatile(RECORD_ON);
    }

    long recordFromNs()
    {
        return buffer.getLongVolatile(RECORD_FROM_NS);
    }

    /**
     * Ask the clients to close, report and exit.
     */
    void stop()
    {
        buffer.putLongRelease(STOP, 1);
    }

    boolean stopRequested()
    {
        return 1 == buffer.getLongVolatile(STOP);
    }

    void connected(final long count)
    {
        buffer.putLongRelease(CONNECTED, count);
    }

    long connected()
    {
        return buffer.getLongVolatile(CONNECTED);
    }

    void messages(final int client, final long value)
    {
        buffer.putLongRelease(at(client, MESSAGES), value);
    }

    void trades(final int client, final long value)
    {
        buffer.putLongRelease(at(client, TRADES), value);
    }

    void acks(final int client, final long value)
    {
        buffer.putLongRelease(at(client, ACKS), value);
    }

    void closed(final int client)
    {
        buffer.putLongRelease(at(client, CLOSED), 1);
    }

    long messages(final int client)
    {
        return buffer.getLongVolatile(at(client, MESSAGES));
    }

    long trades(final int client)
    {
        return buffer.getLongVolatile(at(client, TRADES));
    }

    long acks(final int client)
    {
        return buffer.getLongVolatile(at(client, ACKS));
    }

    boolean isClosed(final int client)
    {
        return 1 == buffer.getLongVolatile(at(client, CLOSED));
    }

    /**
     * Messages all clients received.
     *
     * @return sum.
     */
    long totalMessages()
    {
        return sum(this::messages);
    }

    /**
     * Trades all clients received.
     *
     * @return sum.
     */
    long totalTrades()
    {
        return sum(this::trades);
    }

    /**
     * Acknowledgements all clients received.
     *
     * @return sum.
     */
    long totalAcks()
    {
        return sum(this::acks);
    }

    /**
     * Clients the server closed (or whose connection failed).
     *
     * @return count.
     */
    int totalClosed()
    {
        return (int)sum((i) -> isClosed(i) ? 1 : 0);
    }

    private long sum(final IntToLongFunction perClient)
    {
        long total = 0;
        for (int i = 0; i < clients; i++)
        {
            total += perClient.applyAsLong(i);
        }
        return total;
    }

    private static int at(final int client, final int field)
    {
        return CLIENTS_BASE + client * CLIENT_STRIDE + field;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
