/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.projector;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.ReportOnceErrorHandler;
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
    private final Int2ObjectHashMap<InstrumentInfo> instruments = new Int2ObjectHashMap<>();
    private final AgentRunner runner;
    private final ReportOnceErrorHandler followerErrors;
    private volatile LedgerLogFollower follower;
    private volatile JdbcTradingProjection projection;
    private long nextFlushNs;
    private long nextReconnectNs;
    private long outageStartNs;
    private volatile long outages;
    private volatile long dbErrors;
    private long written;
    private long eventsSuppressed;
    private long resumedAfterPosition = -1;

    private Projector(final Context ctx, final Connection connection) throws SQLException
    {
        this.ctx = ctx;
        this.followerErrors = new ReportOnceErrorHandler("projector", ctx.out);
        for (final InstrumentInfo instrument : Instruments.catalogue())
        {
            instruments.put(instrument.id(), instrument);
        }
        open(connection);
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
    public int doWork()
    {
        final long nowNs = SystemNanoClock.INSTANCE.nanoTime();
        if (null == projection)
        {
            return nowNs - nextReconnectNs >= 0 ? reconnect(nowNs) : 0;
        }

        try
        {
            int work = follower.poll(ctx.fragmentLimit);
            final int pending = projection.pending();
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
        catch (final SQLException ex)
        {
            onDatabaseFailure(ex, nowNs);
            return 1;
        }
        catch (final IllegalStateException ex)
        {
            if (!(ex.getCause() instanceof SQLException))
            {
                throw ex;
            }
            onDatabaseFailure((SQLException)ex.getCause(), nowNs);
            return 1;
        }
    }

    /**
     * The database failed a batch (or the connection is gone): what this process holds in memory is dropped, since a
     * failed JDBC batch is not kept, and rebuilt once the database is back: the log is followed again from the
     * position stored with the last committed batch, the same path as a restart, so nothing is lost or written
     * twice. Said once per outage; every failed attempt is counted.
     */
    private void onDatabaseFailure(final SQLException ex, final long nowNs)
    {
        dbErrors++;
        outages++;
        outageStartNs = nowNs;
        final long position = follower.position();
        closeQuietly();
        ctx.out.println("projector: database unavailable (" + ex.getMessage() + ") at ledger log position " +
            position + "; reconnecting every " + TimeUnit.NANOSECONDS.toMillis(ctx.reconnectIntervalNs) +
            " ms, then following the log again from the position stored with the last committed batch");
        ctx.out.flush();
        nextReconnectNs = nowNs + ctx.reconnectIntervalNs;
    }

    private int reconnect(final long nowNs)
    {
        nextReconnectNs = nowNs + ctx.reconnectIntervalNs;
        Connection connection = null;
        try
        {
            connection = PulseDatabase.connect(ctx.dbUrl, ctx.dbUser, ctx.dbPassword);
            open(connection);
        }
        catch (final SQLException | RuntimeException ex)
        {
            dbErrors++;
            closeQuietly();
            if (null != connection)
            {
                try
                {
                    connection.close();
                }
                catch (final SQLException ignore)
                {
                    // already failed
                }
            }
            return 1;
        }
        ctx.out.println("projector: database back after " +
            TimeUnit.NANOSECONDS.toMillis(nowNs - outageStartNs) + " ms; following the ledger log again " +
            (resumedAfterPosition >= 0 ? "after the stored position " + resumedAfterPosition : "from its start"));
        ctx.out.flush();
        nextFlushNs = nowNs + ctx.lingerNs;
        return 1;
    }

    private void open(final Connection connection) throws SQLException
    {
        projection = new JdbcTradingProjection(connection, instruments::get);
        follower = new LedgerLogFollower(ctx.ledgerAeronDirectoryName, new LedgerEgressAdapter(projection),
            followerErrors);
        final long[] watermark = JdbcTradingProjection.readWatermark(connection, PROJECTOR_NAME);
        resumedAfterPosition = null == watermark ? -1 : watermark[2];
        if (null != watermark)
        {
            follower.resumeAfter(watermark[0], watermark[1], watermark[2]);
        }
    }

    private void closeQuietly()
    {
        if (null != projection)
        {
            written += projection.written();
            eventsSuppressed += follower.eventsSuppressed();
            try
            {
                projection.closeWithoutFlush();
            }
            catch (final SQLException ignore)
            {
                // the connection is already broken
            }
            projection = null;
        }
        CloseHelper.quietClose(follower);
        follower = null;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        if (null == projection)
        {
            return;
        }
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
            ctx.out.println("projector: the last flush failed (" + ex.getMessage() + "); a restart follows the log " +
                "again from the position stored with the last committed batch, so nothing is lost");
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
        final JdbcTradingProjection current = projection;
        return written + (null == current ? 0 : current.written());
    }

    /**
     * Database outages seen (a failed batch or lost connection starts one; reconnecting ends it).
     *
     * @return count.
     */
    public long outages()
    {
        return outages;
    }

    /**
     * Failed database operations: batches and reconnect attempts.
     *
     * @return count.
     */
    public long dbErrors()
    {
        return dbErrors;
    }

    /**
     * Whether the projector waits for the database.
     *
     * @return true while the database is unavailable.
     */
    public boolean isWaitingForDatabase()
    {
        return null == projection;
    }

    /**
     * Events of log messages at or before the stored watermark, applied to the replica and not written again.
     *
     * @return count.
     */
    public long eventsSuppressed()
    {
        final LedgerLogFollower current = follower;
        return eventsSuppressed + (null == current ? 0 : current.eventsSuppressed());
    }

    /**
     * Log position up to which events have been handed to the projection.
     *
     * @return position.
     */
    public long logPosition()
    {
        final LedgerLogFollower current = follower;
        return null == current ? -1 : current.position();
    }

    /**
     * Stop (flushing what is pending).
     */
    public void close()
    {
        CloseHelper.close(runner);
        CloseHelper.close(follower);
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
        ctx.out(out);
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
        long reconnectIntervalNs = TimeUnit.SECONDS.toNanos(1);
        PrintStream out = System.out;

        /**
         * Where the projector says what happens (database outages).
         *
         * @param out stream.
         * @return this.
         */
        public Context out(final PrintStream out)
        {
            this.out = out;
            return this;
        }

        /**
         * How often to try the database again while it is unavailable.
         *
         * @param reconnectIntervalNs interval.
         * @return this.
         */
        public Context reconnectIntervalNs(final long reconnectIntervalNs)
        {
            this.reconnectIntervalNs = reconnectIntervalNs;
            return this;
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
