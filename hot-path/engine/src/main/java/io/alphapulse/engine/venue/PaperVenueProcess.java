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
import io.alphapulse.ledger.LedgerEventHandler;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
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
            final Relay relay = new Relay();
            ledgerClient = LedgerClient.connect(new LedgerClient.Context()
                .aeron(aeron)
                .ingressEndpoints(ctx.ledgerEndpoints), new LedgerEgressAdapter(relay));
            this.client = ledgerClient;
            this.agent = new PaperVenueAgent(aeron, subscription, ledgerClient, new LedgerProxy(ledgerClient),
                Instruments.catalogue(), ctx.makerFeeBps, ctx.takerFeeBps, 64);
            relay.target = agent;
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
                "  ledger endpoints        " + ctx.ledgerEndpoints + System.lineSeparator() +
                "  fees                    maker " + ctx.makerFeeBps + " bps, taker " + ctx.takerFeeBps + " bps" +
                System.lineSeparator() +
                "  aeron dir               " + ctx.aeronDirectoryName);
            out.flush();
            barrier.await();
            out.println("paper venue stopping");
        }
    }

    private static final class Relay implements LedgerEventHandler
    {
        PaperVenueAgent target;

        public void onOrderAccepted(
            final long timeNs, final long orderId, final long clientOrderId, final int portfolioId,
            final int strategyId, final int instrumentId, final Side side, final OrderType orderType,
            final TimeInForce timeInForce, final long price, final long quantity)
        {
            if (null != target)
            {
                target.onOrderAccepted(timeNs, orderId, clientOrderId, portfolioId, strategyId, instrumentId, side,
                    orderType, timeInForce, price, quantity);
            }
        }

        public void onOrderCancelled(
            final long timeNs, final long orderId, final long clientOrderId, final long cancelledQuantity,
            final int portfolioId, final int strategyId, final int instrumentId, final CancelReason reason)
        {
            if (null != target)
            {
                target.onOrderCancelled(timeNs, orderId, clientOrderId, cancelledQuantity, portfolioId, strategyId,
                    instrumentId, reason);
            }
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
