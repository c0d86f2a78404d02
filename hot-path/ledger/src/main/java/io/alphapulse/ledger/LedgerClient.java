/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A connection to the ledger cluster: ingress to send, egress to receive every ledger event. Keeps the session alive
 * (a keep-alive each second) and follows leader changes: call {@link #poll()} in the duty cycle, also while waiting.
 * <p>
 * {@link #offer} retries a bounded number of times, polling egress meanwhile so a failover in progress can finish;
 * a message still not sent is reported by returning false (the caller decides: an order not sent is never tracked).
 */
public final class LedgerClient implements AutoCloseable
{
    /**
     * Ingress and egress channel of a client on a member's media driver: IPC with terms sized for order traffic
     * (the driver's IPC default is 64 MB a term).
     */
    public static final String IPC_CHANNEL = "aeron:ipc?term-length=4m";

    /**
     * Transport: IPC when a one-member ledger runs on this host, else UDP (the default).
     */
    public static final String TRANSPORT_AUTO = "auto";

    /**
     * Transport: IPC through the local member's driver, or fail.
     */
    public static final String TRANSPORT_IPC = "ipc";

    /**
     * Transport: UDP ingress and egress through the process's own driver.
     */
    public static final String TRANSPORT_UDP = "udp";

    private final Context ctx;
    private final EgressListener listener;
    private final NanoClock clock = SystemNanoClock.INSTANCE;
    private AeronCluster cluster;
    private long nextKeepAliveNs;
    private long backPressureCount;
    private long notSentCount;
    private long reconnects;
    private long reconnectFailures;
    private long nextReconnectNs;

    private LedgerClient(final Context ctx, final EgressListener listener)
    {
        this.ctx = ctx;
        this.listener = listener;
        this.cluster = connect();
        this.nextKeepAliveNs = clock.nanoTime() + ctx.keepAliveIntervalNs;
    }

    /**
     * Connect (blocks until connected or the message timeout passes).
     *
     * @param ctx      settings.
     * @param listener receives egress.
     * @return the client.
     */
    public static LedgerClient connect(final Context ctx, final EgressListener listener)
    {
        return new LedgerClient(ctx, listener);
    }

    private AeronCluster connect()
    {
        final AeronCluster.Context clusterCtx = new AeronCluster.Context()
            .ingressChannel(ctx.ipc ? IPC_CHANNEL : "aeron:udp")
            .ingressEndpoints(ctx.ipc ? null : ctx.ingressEndpoints)
            .egressChannel(ctx.ipc ? IPC_CHANNEL : ctx.egressChannel)
            .egressListener(listener)
            .messageTimeoutNs(ctx.messageTimeoutNs)
            .idleStrategy(new BackoffIdleStrategy())
            // Aeron's default handler exits the JVM when the driver goes away; an IPC client's driver is the
            // member's, which stops with it: report and let poll() reconnect instead.
            .errorHandler(ctx.errorHandler);
        if (null != ctx.aeron)
        {
            clusterCtx.aeron(ctx.aeron).ownsAeronClient(false);
        }
        else
        {
            // Our own Aeron client, so that its error handler is ours too (see errorHandler above).
            final Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(ctx.aeronDirectoryName)
                .errorHandler(ctx.errorHandler));
            clusterCtx.aeron(aeron).ownsAeronClient(true);
            try
            {
                return AeronCluster.connect(clusterCtx);
            }
            catch (final RuntimeException ex)
            {
                CloseHelper.quietClose(aeron);
                throw ex;
            }
        }
        return AeronCluster.connect(clusterCtx);
    }

    /**
     * Poll egress, send a keep-alive when due, reconnect when the cluster closed the session or the media driver the
     * session ran on went away (an IPC client's driver is the member's own, which stops when the member does).
     * A reconnection that fails is retried after {@link Context#reconnectIntervalNs}.
     *
     * @return work done.
     */
    public int poll()
    {
        final long nowNs = clock.nanoTime();
        if (null == cluster || cluster.isClosed() || cluster.context().aeron().isClosed())
        {
            return reconnect(nowNs);
        }
        int work = cluster.pollEgress();
        if (nowNs - nextKeepAliveNs >= 0)
        {
            if (cluster.sendKeepAlive())
            {
                nextKeepAliveNs = nowNs + ctx.keepAliveIntervalNs;
                work++;
            }
        }
        return work;
    }

    private int reconnect(final long nowNs)
    {
        if (nowNs - nextReconnectNs < 0)
        {
            return 0;
        }
        CloseHelper.quietClose(cluster);
        cluster = null;
        try
        {
            cluster = connect();
            reconnects++;
            nextKeepAliveNs = nowNs + ctx.keepAliveIntervalNs;
            return 1;
        }
        catch (final RuntimeException ex)
        {
            // The cluster (or the member's driver) is not back yet: the caller keeps polling; try again later.
            reconnectFailures++;
            nextReconnectNs = clock.nanoTime() + ctx.reconnectIntervalNs;
            return 0;
        }
    }

    /**
     * Send one message to the cluster log.
     *
     * @param buffer holding the message.
     * @param offset where it starts.
     * @param length its length.
     * @return true when sent; false after the retries (counted).
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final IdleStrategy idle = ctx.idleStrategy;
        for (int attempt = 0; attempt < ctx.offerRetries; attempt++)
        {
            final long result = null == cluster ? Publication.NOT_CONNECTED : cluster.offer(buffer, offset, length);
            if (result > 0)
            {
                idle.reset();
                return true;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                backPressureCount++;
            }
            poll();
            idle.idle();
        }
        idle.reset();
        notSentCount++;
        return false;
    }

    /**
     * The underlying cluster client.
     *
     * @return the client, or null while reconnecting.
     */
    public AeronCluster cluster()
    {
        return cluster;
    }

    /**
     * Offers that met back-pressure (and were retried).
     *
     * @return count.
     */
    public long backPressureCount()
    {
        return backPressureCount;
    }

    /**
     * Messages not sent after the retries.
     *
     * @return count.
     */
    public long notSentCount()
    {
        return notSentCount;
    }

    /**
     * Reconnection attempts that failed (the cluster or the member's driver not back yet).
     *
     * @return count.
     */
    public long reconnectFailures()
    {
        return reconnectFailures;
    }

    /**
     * Reconnections after the cluster closed the session.
     *
     * @return count.
     */
    public long reconnects()
    {
        return reconnects;
    }

    /**
     * How this client reaches the cluster, for start-up output.
     *
     * @return description.
     */
    public String describe()
    {
        return ctx.ipc ? "IPC on the member's media driver" : "UDP to " + ctx.ingressEndpoints;
    }

    /**
     * Close the session.
     */
    public void close()
    {
        CloseHelper.close(cluster);
    }

    /**
     * Settings of a ledger client.
     */
    public static final class Context
    {
        private String aeronDirectoryName;
        private Aeron aeron;
        private String ingressEndpoints = LedgerConfiguration.ingressEndpoints(
            "localhost", LedgerConfiguration.BASE_PORT_DEFAULT, 1);
        private String egressChannel = "aeron:udp?endpoint=localhost:0";
        private long keepAliveIntervalNs = 1_000_000_000L;
        private long messageTimeoutNs = 10_000_000_000L;
        private int offerRetries = 100_000;
        private long reconnectIntervalNs = 1_000_000_000L;
        private ErrorHandler errorHandler = (ex) -> System.err.println("ledger client: " + ex);
        private IdleStrategy idleStrategy = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
        private boolean ipc;

        /**
         * Aeron directory of the client's media driver (when no Aeron client is given).
         *
         * @param aeronDirectoryName directory.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * An Aeron client to use (not closed by this client).
         *
         * @param aeron client.
         * @return this.
         */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        /**
         * Members' ingress endpoints, {@code 0=host:port,1=...}.
         *
         * @param ingressEndpoints endpoints.
         * @return this.
         */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        /**
         * Members' ingress endpoints.
         *
         * @return endpoints.
         */
        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        /**
         * Settings for a process on this host with its own Aeron client on the system's driver: IPC through the
         * member's driver when {@link LedgerConfiguration#localMemberAeronDirectory} finds one (a one-member ledger
         * here) and {@code transport} allows it, else UDP ingress through the given client.
         *
         * @param transport                {@code auto}, {@code ipc} or {@code udp}.
         * @param aeron                    the process's client of the system's driver (for UDP).
         * @param systemAeronDirectoryName the system's Aeron directory.
         * @param ingressEndpoints         ledger ingress endpoints.
         * @return settings.
         * @throws IllegalArgumentException for an unknown transport, or {@code ipc} without a local member.
         */
        public static Context forTransport(
            final String transport,
            final Aeron aeron,
            final String systemAeronDirectoryName,
            final String ingressEndpoints)
        {
            final String name = null == transport ? TRANSPORT_AUTO : transport;
            final Context ctx = new Context().ingressEndpoints(ingressEndpoints);
            switch (name)
            {
                case TRANSPORT_UDP ->
                {
                    return ctx.aeron(aeron);
                }
                case TRANSPORT_AUTO, TRANSPORT_IPC ->
                {
                    final String memberDir = LedgerConfiguration.localMemberAeronDirectory(
                        systemAeronDirectoryName, ingressEndpoints);
                    if (null != memberDir)
                    {
                        return ctx.ipc(true).aeronDirectoryName(memberDir);
                    }
                    if (TRANSPORT_IPC.equals(name))
                    {
                        throw new IllegalArgumentException("ledger transport ipc: no running member driver " +
                            systemAeronDirectoryName + "-ledger-<id> for endpoints " + ingressEndpoints +
                            " (IPC needs one member on this host); use --ledger-transport udp");
                    }
                    return ctx.aeron(aeron);
                }
                default -> throw new IllegalArgumentException("ledger transport '" + transport +
                    "': use auto, ipc or udp");
            }
        }

        /**
         * Reach the cluster over IPC: ingress and egress on {@code aeron:ipc} through the media driver of a member
         * on this host (the Aeron directory or client given must be that member's); the member must lead, so this
         * suits a one-member ledger, or a client that follows its own member. Saves the UDP hops and a media driver
         * on the order path.
         *
         * @param ipc true for IPC.
         * @return this.
         */
        public Context ipc(final boolean ipc)
        {
            this.ipc = ipc;
            return this;
        }

        /**
         * Whether this client uses IPC.
         *
         * @return true for IPC.
         */
        public boolean ipc()
        {
            return ipc;
        }

        /**
         * Channel the cluster sends egress to.
         *
         * @param egressChannel channel; an ephemeral port by default.
         * @return this.
         */
        public Context egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        /**
         * How long to wait for connection and responses.
         *
         * @param messageTimeoutNs timeout.
         * @return this.
         */
        public Context messageTimeoutNs(final long messageTimeoutNs)
        {
            this.messageTimeoutNs = messageTimeoutNs;
            return this;
        }

        /**
         * Where errors of the cluster client and its Aeron client go (default: one line on standard error; never
         * Aeron's default, which exits the JVM when the media driver stops).
         *
         * @param errorHandler handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Wait after a failed reconnection before the next attempt.
         *
         * @param reconnectIntervalNs nanoseconds.
         * @return this.
         */
        public Context reconnectIntervalNs(final long reconnectIntervalNs)
        {
            this.reconnectIntervalNs = reconnectIntervalNs;
            return this;
        }

        /**
         * Attempts per offer (each polls egress and idles).
         *
         * @param offerRetries attempts.
         * @return this.
         */
        public Context offerRetries(final int offerRetries)
        {
            this.offerRetries = offerRetries;
            return this;
        }

        /**
         * Idle between offer attempts.
         *
         * @param idleStrategy strategy.
         * @return this.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }
    }
}
