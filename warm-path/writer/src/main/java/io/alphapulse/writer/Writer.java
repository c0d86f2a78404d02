/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The lossless market-data writer: the merged stream (2001), read from Aeron Archive recording after recording,
 * into PostgreSQL with batched binary COPY, exactly once (each batch commits with its Archive watermark).
 * Runs its {@link WriterAgent} on its own thread.
 */
public final class Writer implements AutoCloseable
{
    private final Context ctx;
    private final AeronArchive archive;
    private final WriterAgent agent;
    private final AgentRunner runner;

    private Writer(final Context ctx, final PrintStream out)
    {
        this.ctx = ctx;
        archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(ctx.aeronDirectoryName()));
        try
        {
            final DatabaseSink sink = new DatabaseSink(ctx.dbUrl(), ctx.dbUser(), ctx.dbPassword(), ctx.writerName(),
                ctx.streamId());
            agent = new WriterAgent(ctx, archive, sink, out);
            runner = new AgentRunner(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000),
                (throwable) ->
                {
                    out.println("writer: error: " + throwable);
                    throwable.printStackTrace(out);
                },
                null, agent);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(archive);
            throw ex;
        }
    }

    /**
     * Start a writer.
     *
     * @param ctx settings; concluded here.
     * @param out where to report (start, outages, recovery).
     * @return the running writer.
     */
    public static Writer launch(final Context ctx, final PrintStream out)
    {
        ctx.conclude();
        final Writer writer = new Writer(ctx, out);
        AgentRunner.startOnThread(writer.runner);
        return writer;
    }

    /**
     * The agent, for tests and counters.
     *
     * @return agent.
     */
    public WriterAgent agent()
    {
        return agent;
    }

    /**
     * Settings.
     *
     * @return settings.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Stop: the pending batch is committed (when the database is up), then everything is closed.
     */
    public void close()
    {
        CloseHelper.closeAll(runner, archive);
    }

    /**
     * Stop as a crash would: the pending batch is NOT committed. Tests use this to show a restart loses nothing.
     */
    public void abandon()
    {
        agent.abandon();
        close();
    }

    /**
     * The effective configuration (no password).
     *
     * @return description.
     */
    public String describe()
    {
        return "writer" + System.lineSeparator() +
            "  name              " + ctx.writerName() + System.lineSeparator() +
            "  source            archive recordings of " + ctx.channel() + " stream " + ctx.streamId() +
            " (replayed on " + ctx.replayChannel() + " stream " + ctx.replayStreamId() + ")" + System.lineSeparator() +
            "  aeron dir         " + ctx.aeronDirectoryName() + System.lineSeparator() +
            "  database          " + ctx.dbUrl() + " user=" + ctx.dbUser() + System.lineSeparator() +
            "  batch             " + ctx.batchRows() + " rows or " + ctx.batchBytes() + " bytes or " +
            TimeUnit.NANOSECONDS.toMillis(ctx.lingerNs()) + " ms" + System.lineSeparator() +
            "  book snapshots    every " + TimeUnit.NANOSECONDS.toMillis(ctx.snapshotIntervalNs()) +
            " ms per instrument, " + ctx.snapshotDepth() + " levels" + System.lineSeparator() +
            "  maintenance       every " + TimeUnit.NANOSECONDS.toSeconds(ctx.maintenanceIntervalNs()) + " s" +
            System.lineSeparator() +
            "  retry backoff     " + TimeUnit.NANOSECONDS.toMillis(ctx.retryBackoffMinNs()) + " ms to " +
            TimeUnit.NANOSECONDS.toMillis(ctx.retryBackoffMaxNs()) + " ms";
    }

    /**
     * Run until SIGINT or SIGTERM.
     *
     * @param ctx settings.
     * @param out where to report.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out)
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Writer writer = launch(ctx, out))
        {
            out.println(writer.describe());
            out.println("running; Ctrl-C to stop");
            out.flush();
            barrier.await();
            out.println("stopping writer (committing the pending batch)");
        }
    }

    /**
     * Settings of one writer.
     */
    public static final class Context
    {
        private String aeronDirectoryName;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private String writerName = "writer";
        private String channel = StreamIds.MERGED_CHANNEL;
        private int streamId = StreamIds.MERGED;
        private String replayChannel = "aeron:ipc";
        private int replayStreamId = 2901;
        private int batchRows = 50_000;
        private int batchBytes = 16 << 20;
        private long lingerNs = TimeUnit.MILLISECONDS.toNanos(100);
        private long snapshotIntervalNs = TimeUnit.SECONDS.toNanos(1);
        private int snapshotDepth = 20;
        private long maintenanceIntervalNs = TimeUnit.SECONDS.toNanos(60);
        private long retryBackoffMinNs = TimeUnit.MILLISECONDS.toNanos(100);
        private long retryBackoffMaxNs = TimeUnit.SECONDS.toNanos(2);
        private int fragmentLimit = 1024;
        private NanoClock nanoClock;
        private EpochNanoClock epochNanoClock;
        private boolean concluded;

        /**
         * Validate and fill in defaults.
         *
         * @return this for a fluent API.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == aeronDirectoryName)
            {
                throw new IllegalArgumentException("aeron directory not set");
            }
            if (null == dbUrl || !dbUrl.startsWith("jdbc:postgresql:"))
            {
                throw new IllegalArgumentException("database URL '" + dbUrl + "' is not a PostgreSQL JDBC URL");
            }
            requirePositive("batch rows", batchRows);
            requirePositive("batch bytes", batchBytes);
            requirePositive("linger ns", lingerNs);
            requirePositive("snapshot interval ns", snapshotIntervalNs);
            requirePositive("snapshot depth", snapshotDepth);
            requirePositive("maintenance interval ns", maintenanceIntervalNs);
            requirePositive("fragment limit", fragmentLimit);
            if (retryBackoffMinNs <= 0 || retryBackoffMaxNs < retryBackoffMinNs)
            {
                throw new IllegalArgumentException("retry backoff must be 0 < min <= max: " + retryBackoffMinNs +
                    ", " + retryBackoffMaxNs);
            }
            if (replayStreamId == streamId && replayChannel.equals(channel))
            {
                throw new IllegalArgumentException("replay stream " + replayStreamId +
                    " must differ from the recorded stream");
            }
            if (null == nanoClock)
            {
                nanoClock = SystemNanoClock.INSTANCE;
            }
            if (null == epochNanoClock)
            {
                epochNanoClock = SystemEpochNanoClock.INSTANCE;
            }
            concluded = true;
            return this;
        }

        private static void requirePositive(final String what, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
        }

        /**
         * Aeron directory of the media driver with the archive.
         *
         * @return Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Aeron directory of the media driver with the archive.
         *
         * @param aeronDirectoryName Aeron directory.
         * @return this for a fluent API.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * JDBC URL.
         *
         * @return JDBC URL.
         */
        public String dbUrl()
        {
            return dbUrl;
        }

        /**
         * JDBC URL.
         *
         * @param dbUrl JDBC URL.
         * @return this for a fluent API.
         */
        public Context dbUrl(final String dbUrl)
        {
            this.dbUrl = dbUrl;
            return this;
        }

        /**
         * Database user.
         *
         * @return user.
         */
        public String dbUser()
        {
            return dbUser;
        }

        /**
         * Database user.
         *
         * @param dbUser user.
         * @return this for a fluent API.
         */
        public Context dbUser(final String dbUser)
        {
            this.dbUser = dbUser;
            return this;
        }

        /**
         * Database password (never printed).
         *
         * @return password.
         */
        public String dbPassword()
        {
            return dbPassword;
        }

        /**
         * Database password (never printed).
         *
         * @param dbPassword password.
         * @return this for a fluent API.
         */
        public Context dbPassword(final String dbPassword)
        {
            this.dbPassword = dbPassword;
            return this;
        }

        /**
         * Name of this writer: its watermark's key, and its counters' label.
         *
         * @return writer name.
         */
        public String writerName()
        {
            return writerName;
        }

        /**
         * Name of this writer.
         *
         * @param writerName writer name.
         * @return this for a fluent API.
         */
        public Context writerName(final String writerName)
        {
            this.writerName = writerName;
            return this;
        }

        /**
         * Channel of the recorded stream.
         *
         * @return channel.
         */
        public String channel()
        {
            return channel;
        }

        /**
         * Channel of the recorded stream.
         *
         * @param channel channel.
         * @return this for a fluent API.
         */
        public Context channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /**
         * Recorded stream id (default merged, 2001).
         *
         * @return stream id.
         */
        public int streamId()
        {
            return streamId;
        }

        /**
         * Recorded stream id.
         *
         * @param streamId stream id.
         * @return this for a fluent API.
         */
        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * Channel replays are delivered on.
         *
         * @return replay channel.
         */
        public String replayChannel()
        {
            return replayChannel;
        }

        /**
         * Stream id replays are delivered on.
         *
         * @return replay stream id.
         */
        public int replayStreamId()
        {
            return replayStreamId;
        }

        /**
         * Stream id replays are delivered on (default 2901).
         *
         * @param replayStreamId replay stream id.
         * @return this for a fluent API.
         */
        public Context replayStreamId(final int replayStreamId)
        {
            this.replayStreamId = replayStreamId;
            return this;
        }

        /**
         * Rows per batch at most.
         *
         * @return rows.
         */
        public int batchRows()
        {
            return batchRows;
        }

        /**
         * Rows per batch at most (default 50,000).
         *
         * @param batchRows rows.
         * @return this for a fluent API.
         */
        public Context batchRows(final int batchRows)
        {
            this.batchRows = batchRows;
            return this;
        }

        /**
         * COPY bytes per batch at most.
         *
         * @return bytes.
         */
        public int batchBytes()
        {
            return batchBytes;
        }

        /**
         * COPY bytes per batch at most (default 16 MiB).
         *
         * @param batchBytes bytes.
         * @return this for a fluent API.
         */
        public Context batchBytes(final int batchBytes)
        {
            this.batchBytes = batchBytes;
            return this;
        }

        /**
         * Longest a message waits in a batch before it is committed.
         *
         * @return linger, ns.
         */
        public long lingerNs()
        {
            return lingerNs;
        }

        /**
         * Longest a message waits in a batch (default 100 ms).
         *
         * @param lingerNs linger, ns.
         * @return this for a fluent API.
         */
        public Context lingerNs(final long lingerNs)
        {
            this.lingerNs = lingerNs;
            return this;
        }

        /**
         * Book snapshot interval per instrument (of the messages' receive time).
         *
         * @return interval, ns.
         */
        public long snapshotIntervalNs()
        {
            return snapshotIntervalNs;
        }

        /**
         * Book snapshot interval per instrument (default 1 s).
         *
         * @param snapshotIntervalNs interval, ns.
         * @return this for a fluent API.
         */
        public Context snapshotIntervalNs(final long snapshotIntervalNs)
        {
            this.snapshotIntervalNs = snapshotIntervalNs;
            return this;
        }

        /**
         * Levels per side in a book snapshot.
         *
         * @return depth.
         */
        public int snapshotDepth()
        {
            return snapshotDepth;
        }

        /**
         * Levels per side in a book snapshot (default 20).
         *
         * @param snapshotDepth depth.
         * @return this for a fluent API.
         */
        public Context snapshotDepth(final int snapshotDepth)
        {
            this.snapshotDepth = snapshotDepth;
            return this;
        }

        /**
         * Interval of the maintenance job (partitions, retention, candles).
         *
         * @return interval, ns.
         */
        public long maintenanceIntervalNs()
        {
            return maintenanceIntervalNs;
        }

        /**
         * Interval of the maintenance job (default 60 s).
         *
         * @param maintenanceIntervalNs interval, ns.
         * @return this for a fluent API.
         */
        public Context maintenanceIntervalNs(final long maintenanceIntervalNs)
        {
            this.maintenanceIntervalNs = maintenanceIntervalNs;
            return this;
        }

        /**
         * First retry delay after a database error.
         *
         * @return delay, ns.
         */
        public long retryBackoffMinNs()
        {
            return retryBackoffMinNs;
        }

        /**
         * Longest retry delay after database errors.
         *
         * @return delay, ns.
         */
        public long retryBackoffMaxNs()
        {
            return retryBackoffMaxNs;
        }

        /**
         * Retry delays after database errors: doubling from min to max (defaults 100 ms, 2 s).
         *
         * @param minNs first delay.
         * @param maxNs longest delay.
         * @return this for a fluent API.
         */
        public Context retryBackoffNs(final long minNs, final long maxNs)
        {
            this.retryBackoffMinNs = minNs;
            this.retryBackoffMaxNs = maxNs;
            return this;
        }

        /**
         * Fragments per replay poll.
         *
         * @return fragment limit.
         */
        public int fragmentLimit()
        {
            return fragmentLimit;
        }

        /**
         * Clock for deadlines.
         *
         * @return clock.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * Wall clock for lag.
         *
         * @return clock.
         */
        public EpochNanoClock epochNanoClock()
        {
            return epochNanoClock;
        }
    }
}
