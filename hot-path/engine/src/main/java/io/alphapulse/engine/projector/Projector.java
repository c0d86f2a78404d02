/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.projector;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.engine.Instruments;
import io.alphapulse.ledger.LedgerConfiguration;
import io.alphapulse.ledger.LedgerEgressAdapter;
import io.alphapulse.ledger.LedgerLogFollower;
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
 * The warm-path projector ({@code pulse projector}): every order, rejection, fill, position and balance change of the
 * ledger goes into PostgreSQL through {@link JdbcTradingProjection}, in batches of at most {@code batchEvents} or
 * every {@code lingerNs}, idempotently.
 * <p>
 * It reads the ledger's recorded cluster log rather than a live session, through a {@link LedgerLogFollower}: the
 * log replayed from its start through a replica of the ledger gives exactly the events the leader broadcast, then
 * follows the recording live. With each batch it stores its position in the log (table
 * {@code trading_projector_position}, same transaction), so after being down it rebuilds the ledger's state from the
 * log, writes nothing twice, and catches up on every event it missed. It needs the member's media driver on this
 * host (a one-member ledger, or the member it should follow).
 */
public final class Projector implements Agent, AutoCloseable
{
    /**
     * Name of this projector's row in {@code trading_projector_position}.
     */
    public static final String PROJECTOR_NAME = "ledger";

    private final Context ctx;
    private final LedgerLogFollower follower;
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
        this.follower = new LedgerLogFollower(ctx.ledgerAeronDirectoryName, new LedgerEgressAdapter(projection),
            Throwable::printStackTrace);
        final long[] watermark = JdbcTradingProjection.readWatermark(connection, PROJECTOR_NAME);
        if (null != watermark)
        {
            follower.resumeAfter(watermark[0], watermark[1], watermark[2]);
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
        ctx.conclude();
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
        int work = follower.poll(ctx.fragmentLimit);
        final int pending = projection.pending();
        final long nowNs = SystemNanoClock.INSTANCE.nanoTime();
        if (pending > 0 && (pending >= ctx.batchEvents || nowNs - nextFlushNs >= 0))
        {
            projection.watermark(PROJECTOR_NAME, follower.recordingId(), follower.recordingStartTimestamp(),
                follower.position());
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
            if (follower.recordingId() >= 0)
            {
                projection.watermark(PROJECTOR_NAME, follower.recordingId(), follower.recordingStartTimestamp(),
                    follower.position());
            }
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
     * Events of log messages at or before the stored watermark, applied to the replica and not written again.
     *
     * @return count.
     */
    public long eventsSuppressed()
    {
        return follower.eventsSuppressed();
    }

    /**
     * Log position up to which events have been handed to the projection.
     *
     * @return position.
     */
    public long logPosition()
    {
        return follower.position();
    }

    /**
     * Stop (flushing what is pending).
     */
    public void close()
    {
        CloseHelper.closeAll(runner, follower);
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
                "  ledger log              recorded in the Archive of the member on " + ctx.ledgerAeronDirectoryName +
                System.lineSeparator() +
                "  database                " + ctx.dbUrl + System.lineSeparator() +
                "  batch                   " + ctx.batchEvents + " events or " +
                TimeUnit.NANOSECONDS.toMillis(ctx.lingerNs) + " ms");
            out.flush();
            barrier.await();
            out.println("projector stopping after " + projector.written() + " events written");
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
        String ledgerAeronDirectoryName;
        int fragmentLimit = 256;
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
         * The Aeron directory of the ledger member whose recorded log to follow (its own media driver on this host);
         * by default the one-member ledger of {@link #ledgerEndpoints} found next to the system's Aeron directory.
         *
         * @param ledgerAeronDirectoryName directory.
         * @return this.
         */
        public Context ledgerAeronDirectoryName(final String ledgerAeronDirectoryName)
        {
            this.ledgerAeronDirectoryName = ledgerAeronDirectoryName;
            return this;
        }

        /**
         * Fill in the member's directory when not given.
         */
        public void conclude()
        {
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (null == ledgerAeronDirectoryName)
            {
                ledgerAeronDirectoryName = LedgerConfiguration.memberAeronDirectory(
                    aeronDirectoryName, ledgerEndpoints);
                if (null == ledgerAeronDirectoryName)
                {
                    throw new IllegalArgumentException("projector: the ledger endpoints " + ledgerEndpoints +
                        " are not one member on this host; the projector reads the ledger's recorded log through " +
                        "a member's own driver here: give --ledger-aeron-dir");
                }
            }
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
