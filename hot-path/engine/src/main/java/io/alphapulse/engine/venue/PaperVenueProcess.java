/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.engine.Instruments;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerConfiguration;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerProxy;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;

/**
 * The paper venue as its own process ({@code pulse venue}): its own books from the merged stream and its own ledger
 * session, like a venue gateway, so the engine, the venue and the ledger fail and restart independently.
 */
public final class PaperVenueProcess implements AutoCloseable
{
    private final Aeron aeron;
    private final LedgerClient client;
    private final PaperVenueAgent agent;
    private final AgentRunner runner;
    private final Context ctx;

    private PaperVenueProcess(final Context ctx)
    {
        this.ctx = ctx;
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName));
        LedgerClient ledgerClient = null;
        try
        {
            final Subscription subscription = aeron.addSubscription(ctx.mergedChannel, ctx.mergedStreamId);
            final LedgerEgressAdapter egress = new LedgerEgressAdapter();
            ledgerClient = LedgerClient.connect(LedgerClient.Context.forTransport(
                ctx.ledgerTransport, aeron, ctx.aeronDirectoryName, ctx.ledgerEndpoints), egress);
            this.client = ledgerClient;
            this.agent = new PaperVenueAgent(aeron, subscription, ledgerClient, new LedgerProxy(ledgerClient),
                Instruments.catalogue(), ctx.makerFeeBps, ctx.takerFeeBps, 64);
            egress.handler(agent);
            this.runner = new AgentRunner(ctx.profile.agentIdleStrategy(), Throwable::printStackTrace, null, agent);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(ledgerClient, aeron);
            throw ex;
        }
    }

    /**
     * Start.
     *
     * @param ctx settings.
     * @return the running venue.
     */
    public static PaperVenueProcess launch(final Context ctx)
    {
        ctx.conclude();
        final PaperVenueProcess process = new PaperVenueProcess(ctx);
        AgentRunner.startOnThread(process.runner);
        return process;
    }

    /**
     * The agent.
     *
     * @return the agent.
     */
    public PaperVenueAgent agent()
    {
        return agent;
    }

    /**
     * Stop.
     */
    public void close()
    {
        CloseHelper.closeAll(runner, client, aeron);
    }

    /**
     * Run until SIGINT/SIGTERM.
     *
     * @param ctx settings.
     * @param out where to print the configuration.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out)
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            PaperVenueProcess venue = launch(ctx))
        {
            out.println("paper venue" + System.lineSeparator() +
                "  market data             " + ctx.mergedChannel + " stream " + ctx.mergedStreamId +
                System.lineSeparator() +
                "  ledger endpoints        " + ctx.ledgerEndpoints + " (" + venue.client.describe() + ")" +
            System.lineSeparator() +
                "  fees                    maker " + ctx.makerFeeBps + " bps, taker " + ctx.takerFeeBps + " bps" +
                System.lineSeparator() +
                "  aeron dir               " + ctx.aeronDirectoryName);
            out.flush();
            barrier.await();
            out.println("paper venue stopping after " + venue.agent().venue().fills() + " fills");
        }
    }

    /**
     * Settings of the paper venue.
     */
    public static final class Context
    {
        String aeronDirectoryName;
        String mergedChannel = StreamIds.MERGED_CHANNEL;
        int mergedStreamId = StreamIds.MERGED;
        String ledgerEndpoints = LedgerConfiguration.ingressEndpoints(
            "localhost", LedgerConfiguration.BASE_PORT_DEFAULT, 1);
        String ledgerTransport = LedgerClient.TRANSPORT_AUTO;
        long makerFeeBps = 10;
        long takerFeeBps = 20;
        Profile profile;

        void conclude()
        {
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (null == profile)
            {
                profile = MediaDriverConfiguration.profile();
            }
            if (makerFeeBps < 0 || takerFeeBps < 0)
            {
                throw new IllegalArgumentException("fees must not be negative");
            }
        }

        /**
         * Aeron directory of the system's driver.
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
         * Merged stream.
         *
         * @param channel  channel.
         * @param streamId stream id.
         * @return this.
         */
        public Context mergedStream(final String channel, final int streamId)
        {
            this.mergedChannel = channel;
            this.mergedStreamId = streamId;
            return this;
        }

        /**
         * Ledger ingress endpoints.
         *
         * @param ledgerEndpoints endpoints.
         * @return this.
         */
        public Context ledgerEndpoints(final String ledgerEndpoints)
        {
            this.ledgerEndpoints = ledgerEndpoints;
            return this;
        }

        /**
         * How to reach the ledger: {@code auto} (IPC through a one-member ledger's own driver on this host, else
         * UDP), {@code ipc} or {@code udp}.
         *
         * @param ledgerTransport transport name.
         * @return this.
         */
        public Context ledgerTransport(final String ledgerTransport)
        {
            this.ledgerTransport = ledgerTransport;
            return this;
        }

        /**
         * Fees.
         *
         * @param makerFeeBps maker, bps.
         * @param takerFeeBps taker, bps.
         * @return this.
         */
        public Context fees(final long makerFeeBps, final long takerFeeBps)
        {
            this.makerFeeBps = makerFeeBps;
            this.takerFeeBps = takerFeeBps;
            return this;
        }

        /**
         * Profile.
         *
         * @param profile profile.
         * @return this.
         */
        public Context profile(final Profile profile)
        {
            this.profile = profile;
            return this;
        }
    }
}
