/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.ledger.Ledger;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerConfiguration;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Strategy;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.PrintStream;
import java.util.List;

/**
 * The trading engine process: one strategy on the merged stream, orders to the ledger cluster, execution reports
 * back. Connects to the system's media driver (the merged stream is IPC) and to the ledger over UDP ingress.
 */
public final class Engine implements AutoCloseable
{
    private final Context ctx;
    private final Aeron aeron;
    private final LedgerClient client;
    private final EngineAgent agent;
    private final AgentRunner runner;

    private Engine(final Context ctx)
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
            final LedgerProxy proxy = new LedgerProxy(ledgerClient);
            this.client = ledgerClient;
            this.agent = new EngineAgent(aeron, subscription, ledgerClient, proxy, ctx.strategy, ctx.strategyId,
                ctx.portfolioId, ctx.firstClientOrderId, ctx.instruments, SystemNanoClock.INSTANCE,
                ctx.fragmentLimit, ctx.markIntervalNs, ctx.cancelEarlierOrders);
            egress.handler(agent);
            agent.registerInstruments();
            if (ctx.sendLimits)
            {
                proxy.riskLimits(0, ctx.portfolioId, Ledger.ALL_INSTRUMENTS, ctx.maxOrderQuantity, ctx.maxPosition,
                    ctx.maxOrderNotional, ctx.priceBandBps, ctx.maxOrdersPerSecond);
            }
            if (0 != ctx.depositAmount)
            {
                proxy.deposit(0, ctx.portfolioId, ctx.depositAsset, ctx.depositAmount);
            }
            final AtomicCounter errors = aeron.addCounter(EngineCounterTypes.ERRORS,
                "engine errors: strategy=" + ctx.strategy.name());
            // The engine is the order path's last hop (acknowledgements): it backs off like the ledger's agents.
            this.runner = new AgentRunner(
                LedgerConfiguration.idleStrategy(ctx.profile, LedgerConfiguration.idleMaxParkNs()), (ex) ->
            {
                errors.increment();
                ex.printStackTrace();
            }, errors, agent);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(ledgerClient, aeron);
            throw ex;
        }
    }

    /**
     * Start an engine.
     *
     * @param ctx settings.
     * @return the running engine.
     */
    public static Engine launch(final Context ctx)
    {
        ctx.conclude();
        final Engine engine = new Engine(ctx);
        AgentRunner.startOnThread(engine.runner);
        return engine;
    }

    /**
     * The agent (counts, books).
     *
     * @return the agent.
     */
    public EngineAgent agent()
    {
        return agent;
    }

    /**
     * Effective configuration.
     *
     * @return description.
     */
    public String describe()
    {
        return "engine" + System.lineSeparator() +
            "  strategy                " + ctx.strategy + System.lineSeparator() +
            "  strategy id / portfolio " + ctx.strategyId + " / " + ctx.portfolioId + System.lineSeparator() +
            "  first client order id   " + ctx.firstClientOrderId + " (earlier processes' open orders " +
            (ctx.cancelEarlierOrders ? "cancelled" : "kept") + ")" + System.lineSeparator() +
            "  market data             " + ctx.mergedChannel + " stream " + ctx.mergedStreamId +
            System.lineSeparator() +
            "  ledger endpoints        " + ctx.ledgerEndpoints + " (" + client.describe() + ")" +
            System.lineSeparator() +
            "  aeron dir               " + ctx.aeronDirectoryName + System.lineSeparator() +
            "  profile                 " + ctx.profile + System.lineSeparator() +
            "  risk limits sent        " + (ctx.sendLimits ? "qty " + ctx.maxOrderQuantity + " pos " +
            ctx.maxPosition + " notional " + ctx.maxOrderNotional + "e-" + Ledger.CASH_SCALE + " band " +
            ctx.priceBandBps + " bps rate " + ctx.maxOrdersPerSecond + "/s" : "no");
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
            Engine engine = launch(ctx))
        {
            out.println(engine.describe());
            out.flush();
            barrier.await();
            out.println("engine stopping");
        }
    }

    /**
     * Settings of one engine.
     */
    public static final class Context
    {
        String aeronDirectoryName;
        String mergedChannel = StreamIds.MERGED_CHANNEL;
        int mergedStreamId = StreamIds.MERGED;
        String ledgerEndpoints = LedgerConfiguration.ingressEndpoints(
            "localhost", LedgerConfiguration.BASE_PORT_DEFAULT, 1);
        String ledgerTransport = LedgerClient.TRANSPORT_AUTO;
        Strategy strategy;
        int strategyId = 1;
        int portfolioId = 1;
        long firstClientOrderId;
        List<InstrumentInfo> instruments;
        Profile profile;
        int fragmentLimit = 64;
        long markIntervalNs = 1_000_000_000L;
        boolean cancelEarlierOrders = true;
        boolean sendLimits = true;
        long maxOrderQuantity = 100_000_000L;
        long maxPosition = 500_000_000L;
        long maxOrderNotional = 100_000L * 10_000_000_000L;
        long priceBandBps = 500;
        long maxOrdersPerSecond = 50;
        String depositAsset = "USD";
        long depositAmount;

        /**
         * Validate and fill in defaults.
         */
        public void conclude()
        {
            if (null == strategy)
            {
                throw new IllegalArgumentException("no strategy: use --strategy NAME");
            }
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (null == profile)
            {
                profile = MediaDriverConfiguration.profile();
            }
            if (null == instruments)
            {
                instruments = Instruments.catalogue();
            }
            if (0 == firstClientOrderId)
            {
                // Client order ids must increase per strategy across restarts: start from the wall clock (ms x 1000).
                firstClientOrderId = System.currentTimeMillis() * 1_000L;
            }
        }

        /**
         * Whether to cancel, at start, the open orders an earlier engine process of this strategy left in the ledger
         * (default true; false leaves them open and their reports are not passed to the strategy either way).
         *
         * @param cancelEarlierOrders cancel them.
         * @return this.
         */
        public Context cancelEarlierOrders(final boolean cancelEarlierOrders)
        {
            this.cancelEarlierOrders = cancelEarlierOrders;
            return this;
        }

        /**
         * Aeron directory of the system's media driver.
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
         * Merged stream channel (tethered IPC by default: the engine must see everything).
         *
         * @param channel   channel.
         * @param streamId  stream id.
         * @return this.
         */
        public Context mergedStream(final String channel, final int streamId)
        {
            this.mergedChannel = channel;
            this.mergedStreamId = streamId;
            return this;
        }

        /**
         * Ledger members' ingress endpoints.
         *
         * @param ledgerEndpoints {@code 0=host:port,...}.
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
         * The strategy.
         *
         * @param strategy strategy.
         * @return this.
         */
        public Context strategy(final Strategy strategy)
        {
            this.strategy = strategy;
            return this;
        }

        /**
         * Strategy and portfolio ids.
         *
         * @param strategyId  strategy id.
         * @param portfolioId portfolio id.
         * @return this.
         */
        public Context ids(final int strategyId, final int portfolioId)
        {
            this.strategyId = strategyId;
            this.portfolioId = portfolioId;
            return this;
        }

        /**
         * First client order id (default: from the wall clock, so ids increase across restarts).
         *
         * @param firstClientOrderId first id.
         * @return this.
         */
        public Context firstClientOrderId(final long firstClientOrderId)
        {
            this.firstClientOrderId = firstClientOrderId;
            return this;
        }

        /**
         * Instruments (default: the collectors' catalogue).
         *
         * @param instruments instruments.
         * @return this.
         */
        public Context instruments(final List<InstrumentInfo> instruments)
        {
            this.instruments = instruments;
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

        /**
         * How often marks go to the ledger.
         *
         * @param markIntervalNs interval.
         * @return this.
         */
        public Context markIntervalNs(final long markIntervalNs)
        {
            this.markIntervalNs = markIntervalNs;
            return this;
        }

        /**
         * The portfolio's default risk limits to send at start (0 = no limit), or none.
         *
         * @param send               whether to send them.
         * @param maxOrderQuantity   mantissa.
         * @param maxPosition        mantissa.
         * @param maxOrderNotional   at the cash scale.
         * @param priceBandBps       bps.
         * @param maxOrdersPerSecond per strategy.
         * @return this.
         */
        public Context riskLimits(
            final boolean send,
            final long maxOrderQuantity,
            final long maxPosition,
            final long maxOrderNotional,
            final long priceBandBps,
            final long maxOrdersPerSecond)
        {
            this.sendLimits = send;
            this.maxOrderQuantity = maxOrderQuantity;
            this.maxPosition = maxPosition;
            this.maxOrderNotional = maxOrderNotional;
            this.priceBandBps = priceBandBps;
            this.maxOrdersPerSecond = maxOrdersPerSecond;
            return this;
        }

        /**
         * Cash to pay into the portfolio at start (0: none).
         *
         * @param asset  asset code.
         * @param amount at the cash scale.
         * @return this.
         */
        public Context deposit(final String asset, final long amount)
        {
            this.depositAsset = asset;
            this.depositAmount = amount;
            return this;
        }
    }
}
