/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.service.Cluster;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.alphapulse.schemas.trading.FillDecoder;
import io.alphapulse.schemas.trading.MessageHeaderDecoder;
import io.alphapulse.schemas.trading.OrderAcceptedDecoder;
import io.alphapulse.schemas.trading.OrderRejectedDecoder;
import io.alphapulse.schemas.trading.RejectReason;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A ledger cluster of real members in this JVM, each with its own media driver, Archive and directories under a
 * temporary directory, on UDP ports probed free at start; and a client on its own media driver.
 */
public final class LedgerTestCluster implements AutoCloseable
{
    public static final long UNIT = 10_000_000_000L;

    public final File baseDir;
    public final String members;
    public final LedgerNode[] nodes;
    final List<Throwable> errors = new ArrayList<>();
    private MediaDriver clientDriver;
    public LedgerClient client;
    public LedgerProxy proxy;
    public final Egress egress = new Egress();

    public LedgerTestCluster(final File baseDir, final int nodeCount)
    {
        this.baseDir = baseDir;
        this.members = LedgerConfiguration.clusterMembers("localhost", freeUdpPorts(5 * nodeCount));
        this.nodes = new LedgerNode[nodeCount];
        for (int i = 0; i < nodeCount; i++)
        {
            nodes[i] = launch(i, true);
        }
    }

    public LedgerNode launch(final int memberId, final boolean deleteOnStart)
    {
        return LedgerNode.launch(new LedgerNode.Context()
            .memberId(memberId)
            .clusterMembers(members)
            .baseDir(baseDir)
            .aeronDirectoryName(new File(baseDir, "aeron-node-" + memberId).getAbsolutePath())
            .logTermLength(4 * 1024 * 1024)
            .deleteOnStart(deleteOnStart)
            .errorHandler(this::onError));
    }

    public void restart(final int memberId)
    {
        nodes[memberId] = launch(memberId, false);
    }

    public void kill(final int memberId)
    {
        CloseHelper.close(nodes[memberId]);
        nodes[memberId] = null;
    }

    private synchronized void onError(final Throwable ex)
    {
        errors.add(ex);
    }

    public synchronized List<Throwable> errors()
    {
        return new ArrayList<>(errors);
    }

    public int awaitLeader(final long timeoutNs)
    {
        final int[] leader = {-1};
        await(() ->
        {
            for (int i = 0; i < nodes.length; i++)
            {
                if (null != nodes[i] && nodes[i].service().role() == Cluster.Role.LEADER)
                {
                    leader[0] = i;
                    return true;
                }
            }
            return false;
        }, timeoutNs, "a leader");
        return leader[0];
    }

    public void connectClient()
    {
        clientDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(new File(baseDir, "aeron-client").getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        client = LedgerClient.connect(new LedgerClient.Context()
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .ingressEndpoints(nodes[0].context().ingressEndpoints()), egress);
        proxy = new LedgerProxy(client);
    }

    public String clientAeronDirectoryName()
    {
        return clientDriver.aeronDirectoryName();
    }

    /**
     * Instrument 20000 (scales 2 and 8, USD), portfolio 1 with 10M USD, wide limits, a mark at 60,000.00.
     */
    public void setUpPortfolio(final long maxOrdersPerSecond)
    {
        proxy.instrument(0, 20000, 2, 8, "USD");
        proxy.riskLimits(0, 1, Ledger.ALL_INSTRUMENTS, 0, 0, 0, 0, maxOrdersPerSecond);
        proxy.deposit(0, 1, "USD", 10_000_000L * UNIT);
        proxy.mark(0, 20000, 6_000_000L);
    }

    public void await(final BooleanSupplier condition, final long timeoutNs, final String what)
    {
        await(condition, timeoutNs, () -> what);
    }

    public void await(
        final BooleanSupplier condition, final long timeoutNs, final java.util.function.Supplier<String> what)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (!condition.getAsBoolean())
        {
            if (null != client)
            {
                client.poll();
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) +
                    " ms waiting for " + what.get());
            }
            Thread.onSpinWait();
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }

    public long stateHash(final int memberId)
    {
        try
        {
            return nodes[memberId].service().requestStateHash().get(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("no state hash from node " + memberId, ex);
        }
    }

    public void close()
    {
        CloseHelper.closeAll(client);
        for (final LedgerNode node : nodes)
        {
            CloseHelper.close(node);
        }
        CloseHelper.close(clientDriver);
    }

    public static int[] freeUdpPorts(final int count)
    {
        final int[] ports = new int[count];
        final List<DatagramSocket> sockets = new ArrayList<>();
        try
        {
            int found = 0;
            while (found < count)
            {
                final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                final int port = socket.getLocalPort();
                if (port != 40123 && port != 40124)
                {
                    ports[found++] = port;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            sockets.forEach(DatagramSocket::close);
        }
        return ports;
    }

    /**
     * Egress as the client saw it: accepted and rejected client order ids, fills per order.
     */
    public static final class Egress implements EgressListener
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
        private final FillDecoder fill = new FillDecoder();
        public final LongHashSet acceptedClientIds = new LongHashSet();
        public final Long2LongHashMap orderIdByClientId = new Long2LongHashMap(0);
        public final List<RejectReason> rejects = new ArrayList<>();
        public final Long2LongHashMap filledByClientId = new Long2LongHashMap(0);
        public long fills;
        public long leaderChanges;

        public void onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header h)
        {
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case OrderAcceptedDecoder.TEMPLATE_ID ->
                {
                    accepted.wrap(buffer, body, header.blockLength(), header.version());
                    acceptedClientIds.add(accepted.clientOrderId());
                    orderIdByClientId.put(accepted.clientOrderId(), accepted.orderId());
                }
                case OrderRejectedDecoder.TEMPLATE_ID ->
                {
                    rejected.wrap(buffer, body, header.blockLength(), header.version());
                    rejects.add(rejected.reason());
                }
                case FillDecoder.TEMPLATE_ID ->
                {
                    fill.wrap(buffer, body, header.blockLength(), header.version());
                    filledByClientId.put(fill.clientOrderId(),
                        filledByClientId.get(fill.clientOrderId()) + fill.quantity());
                    fills++;
                }
                default ->
                {
                }
            }
        }

        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            leaderChanges++;
        }
    }
}
