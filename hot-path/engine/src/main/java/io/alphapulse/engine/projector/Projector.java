/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.projector;

import io.aeron.Aeron;
import io.alphapulse.engine.Instruments;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerConfiguration;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.sql.PulseDatabase;
import io.alphapulse.strategy.InstrumentInfo;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.SystemNanoClock;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The warm-path projector ({@code pulse projector}): a ledger client session whose egress (every order, rejection,
 * fill, position and balance change) goes into PostgreSQL through {@link JdbcTradingProjection}, in batches of at
 * most {@code batchEvents} or every {@code lingerNs}.
 * <p>
 * The projector sees what the ledger broadcasts while it is connected; events while it is down are not replayed
 * (see the README: catching up from the ledger's log in its Archive is not built yet).
 */
public final class Projector implements Agent, AutoCloseable
{
    private final Context ctx;
    private final Aeron aeron;
    private final LedgerClient client;
    private final JdbcTradingProjection projection;
    private final AgentRunner runner;
    private long nextFlushNs;

    private Projector(final Context ctx, final Connection connection) throws SQLException
    {
        this.ctx = ctx;
        final Int2ObjectHashMap<InstrumentInfo> instruments = new Int2ObjectHashMap<>();
        for (final InstrumentInfo instrument : Instruments.catalogue())
        {
            instruments.put(instrument.id(), instrument);
        }
        this.projection = new JdbcTradingProjection(connection, instruments::get);
        this.aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName));
        try
        {
            this.client = LedgerClient.connect(new LedgerClient.Context()
                .aeron(aeron)
                .ingressEndpoints(ctx.ledgerEndpoints), new LedgerEgressAdapter(projection));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(aeron);
            throw ex;
        }
        this.runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, this);
    }

    /**
     * Start a projector.
     *
     * @param ctx settings.
     * @return the running projector.
     * @throws SQLException when the database cannot be reached.
     */
    public static Projector launch(final Context ctx) throws SQLException
    {
        final Connection connection = PulseDatabase.connect(ctx.dbUrl, ctx.dbUser, ctx.dbPassword);
        final Projector projector = new Projector(ctx, connection);
        AgentRunner.startOnThread(projector.runner);
        return projector;
    }

    /**
     * {@inheritDoc}
     */
    public int doWork() throws SQLException
    {
        int work = client.poll();
        final int pending = projection.pending();
        final long nowNs = SystemNanoClock.INSTANCE.nanoTime();
        if (pending > 0 && (pending >= ctx.batchEvents || nowNs - nextFlushNs >= 0))
        {
            projection.flush();
            nextFlushNs = nowNs + ctx.lingerNs;
            work += pending;
        }
        else if (0 == pending)
        {
            nextFlushNs = nowNs + ctx.lingerNs;
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        try
        {
            projection.close();
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("projector: last flush failed", ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "projector";
    }

    /**
     * Events written to the database.
     *
     * @return count.
     */
    public long written()
    {
        return projection.written();
    }

    /**
     * Stop (flushing what is pending).
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
     * @throws SQLException when the database cannot be reached.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out) throws SQLException
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Projector projector = launch(ctx))
        {
            out.println("projector" + System.lineSeparator() +
                "  ledger endpoints        " + ctx.ledgerEndpoints + System.lineSeparator() +
                "  database                " + ctx.dbUrl + System.lineSeparator() +
                "  batch                   " + ctx.batchEvents + " events or " +
                TimeUnit.NANOSECONDS.toMillis(ctx.lingerNs) + " ms");
            out.flush();
            barrier.await();
            out.println("projector stopping");
        }
    }

    /**
     * Settings of a projector.
     */
    public static final class Context
    {
        String aeronDirectoryName;
        String ledgerEndpoints = LedgerConfiguration.ingressEndpoints(
            "localhost", LedgerConfiguration.BASE_PORT_DEFAULT, 1);
        String dbUrl;
        String dbUser;
        String dbPassword;
        int batchEvents = 1_000;
        long lingerNs = TimeUnit.MILLISECONDS.toNanos(100);

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
         * Database.
         *
         * @param url      JDBC URL.
         * @param user     user or null.
         * @param password password or null.
         * @return this.
         */
        public Context database(final String url, final String user, final String password)
        {
            this.dbUrl = url;
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        /**
         * Batching.
         *
         * @param batchEvents events per transaction at most.
         * @param lingerNs    longest wait before a partial batch is written.
         * @return this.
         */
        public Context batch(final int batchEvents, final long lingerNs)
        {
            this.batchEvents = batchEvents;
            this.lingerNs = lingerNs;
            return this;
        }
    }
}
