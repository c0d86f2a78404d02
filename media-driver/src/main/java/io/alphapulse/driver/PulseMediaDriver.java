/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.driver;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.driver.MediaDriver;
import org.agrona.CloseHelper;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.File;
import java.io.PrintStream;

/**
 * The system's Aeron media driver with Aeron Archive in the same process, in one of two {@link Profile}s.
 * <p>
 * Run it standalone ({@code pulse media-driver}) or embedded ({@link #launch(Context)}, used by tests and the demo).
 * Local clients reach the archive over IPC ({@link MediaDriverConfiguration#LOCAL_CONTROL_CHANNEL}); a UDP control
 * channel is opened only when one is configured.
 */
public final class PulseMediaDriver implements AutoCloseable
{
    private static final long DEAD_DRIVER_PROBE_MS = 1_000;

    private final Context ctx;
    private final ArchivingMediaDriver archivingMediaDriver;
    private final String replacedDeadDriver;

    private PulseMediaDriver(
        final Context ctx, final ArchivingMediaDriver archivingMediaDriver, final String replacedDeadDriver)
    {
        this.ctx = ctx;
        this.archivingMediaDriver = archivingMediaDriver;
        this.replacedDeadDriver = replacedDeadDriver;
    }

    /**
     * Launch a media driver and archive with the given settings.
     *
     * @param ctx settings; concluded here.
     * @return the running driver, to be closed by the caller.
     */
    public static PulseMediaDriver launch(final Context ctx)
    {
        ctx.conclude();
        final Profile profile = ctx.profile();
        // A driver killed a moment ago (kill -9, OOM killer) leaves its CnC file with a recent heartbeat, and Aeron
        // refuses to start over it for the driver timeout (ActiveDriverException). When its heartbeat no longer
        // moves and its process is gone, the directory is a dead driver's: replace it at once, so that a
        // supervisor's restart works the first time.
        final String replacedDeadDriver = ctx.deleteDirsOnStart() ? null : deadDriver(ctx.aeronDirectoryName());

        final MediaDriver.Context driverCtx = new MediaDriver.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName())
            .threadingMode(profile.driverThreadingMode())
            .sharedIdleStrategy(profile.agentIdleStrategy())
            .conductorIdleStrategy(profile.agentIdleStrategy())
            .senderIdleStrategy(profile.networkIdleStrategy())
            .receiverIdleStrategy(profile.networkIdleStrategy())
            .spiesSimulateConnection(true)
            .dirDeleteOnShutdown(ctx.deleteDirsOnShutdown())
            .dirDeleteOnStart(ctx.deleteDirsOnStart() || null != replacedDeadDriver);
        if (profile == Profile.LOW_LATENCY)
        {
            driverCtx.termBufferSparseFile(false);
        }
        if (null == System.getProperty("aeron.timer.interval"))
        {
            driverCtx.timerIntervalNs(MediaDriverConfiguration.TIMER_INTERVAL_NS_DEFAULT);
        }
        if (null == System.getProperty("aeron.untethered.window.limit.timeout"))
        {
            driverCtx.untetheredWindowLimitTimeoutNs(MediaDriverConfiguration.UNTETHERED_WINDOW_LIMIT_TIMEOUT_NS_DEFAULT);
        }
        if (null == System.getProperty("aeron.untethered.resting.timeout"))
        {
            driverCtx.untetheredRestingTimeoutNs(MediaDriverConfiguration.UNTETHERED_RESTING_TIMEOUT_NS_DEFAULT);
        }

        final Archive.Context archiveCtx = new Archive.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName())
            .archiveDir(new File(ctx.archiveDirectoryName()))
            .threadingMode(profile.archiveThreadingMode())
            .idleStrategySupplier(profile.agentIdleStrategySupplier())
            .recorderIdleStrategySupplier(profile.agentIdleStrategySupplier())
            .replayerIdleStrategySupplier(profile.agentIdleStrategySupplier())
            .localControlChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL)
            .controlChannelEnabled(null != ctx.archiveControlChannel())
            .replicationChannel(ctx.archiveReplicationChannel())
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel(MediaDriverConfiguration.ARCHIVE_REPLICATION_CHANNEL_DEFAULT))
            .deleteArchiveOnStart(ctx.deleteArchiveOnStart());
        if (null != ctx.archiveControlChannel())
        {
            archiveCtx.controlChannel(ctx.archiveControlChannel());
        }

        return new PulseMediaDriver(ctx, ArchivingMediaDriver.launch(driverCtx, archiveCtx), replacedDeadDriver);
    }

    /**
     * Whether the CnC file in a directory belongs to a driver that is dead: its heartbeat does not move for a second
     * and its process (same host, the recorded pid) is gone. A driver that lives keeps its heartbeat moving (every
     * timer interval), so a live one is never taken for dead, not even one in another pid namespace.
     *
     * @param aeronDirectoryName the directory.
     * @return a description of the dead driver, or null when there is none (no CnC file, or a live driver).
     */
    static String deadDriver(final String aeronDirectoryName)
    {
        final File cncFile = new File(aeronDirectoryName, io.aeron.CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists() || cncFile.length() < io.aeron.CncFileDescriptor.META_DATA_LENGTH)
        {
            return null;
        }
        java.nio.MappedByteBuffer cnc = null;
        try
        {
            cnc = org.agrona.IoUtil.mapExistingFile(cncFile, "cnc");
            final org.agrona.concurrent.UnsafeBuffer metaData = io.aeron.CncFileDescriptor.createMetaDataBuffer(cnc);
            if (io.aeron.CncFileDescriptor.CNC_VERSION !=
                metaData.getIntVolatile(io.aeron.CncFileDescriptor.cncVersionOffset(0)))
            {
                return null; // Not ready or another version: leave it to Aeron's own checks.
            }
            final org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer toDriver =
                new org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer(
                io.aeron.CncFileDescriptor.createToDriverBuffer(cnc, metaData));
            final long pid = io.aeron.CncFileDescriptor.pid(metaData);
            final long heartbeatMs = toDriver.consumerHeartbeatTime();
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
            {
                return null;
            }
            Thread.sleep(DEAD_DRIVER_PROBE_MS);
            if (toDriver.consumerHeartbeatTime() != heartbeatMs)
            {
                return null;
            }
            return "pid " + pid + ", last heartbeat " + java.time.Instant.ofEpochMilli(heartbeatMs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (final RuntimeException ex)
        {
            return null; // Being created or deleted right now: Aeron's own checks decide.
        }
        finally
        {
            if (null != cnc)
            {
                org.agrona.IoUtil.unmap(cnc);
            }
        }
    }

    /**
     * Settings this driver runs with.
     *
     * @return settings this driver runs with.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * The Aeron directory clients must use.
     *
     * @return the Aeron directory clients must use.
     */
    public String aeronDirectoryName()
    {
        return archivingMediaDriver.mediaDriver().aeronDirectoryName();
    }

    /**
     * A client context for the archive of this driver, over local IPC.
     *
     * @return a new archive client context; the caller may set further options before connecting.
     */
    public AeronArchive.Context archiveClientContext()
    {
        return archiveClientContext(aeronDirectoryName());
    }

    /**
     * A client context for an archive running beside the driver in the given Aeron directory, over local IPC.
     *
     * @param aeronDirectoryName the Aeron directory of the driver.
     * @return a new archive client context.
     */
    public static AeronArchive.Context archiveClientContext(final String aeronDirectoryName)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .controlRequestChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL)
            .controlResponseChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL);
    }

    /**
     * The effective configuration, one setting per line, as printed at start.
     *
     * @return the effective configuration.
     */
    public String describe()
    {
        final MediaDriver.Context driverCtx = archivingMediaDriver.mediaDriver().context();
        final Archive.Context archiveCtx = archivingMediaDriver.archive().context();
        return "media driver and archive" + System.lineSeparator() +
            "  profile                 " + ctx.profile() + System.lineSeparator() +
            "  threading               driver=" + driverCtx.threadingMode() +
            " archive=" + archiveCtx.threadingMode() + System.lineSeparator() +
            "  idle strategy           " + describeIdle(driverCtx) + System.lineSeparator() +
            "  aeron dir               " + driverCtx.aeronDirectoryName() + System.lineSeparator() +
            "  archive dir             " + archiveCtx.archiveDir().getAbsolutePath() + System.lineSeparator() +
            "  archive control         " + MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL +
            (archiveCtx.controlChannelEnabled() ? " and " + archiveCtx.controlChannel() : " (local only)") +
            System.lineSeparator() +
            "  archive replication     " + archiveCtx.replicationChannel() + System.lineSeparator() +
            "  ipc term length         " + driverCtx.ipcTermBufferLength() + System.lineSeparator() +
            "  publication term length " + driverCtx.publicationTermBufferLength() + System.lineSeparator() +
            "  untethered let go after " + driverCtx.untetheredWindowLimitTimeoutNs() / 1_000_000L + " ms, rejoin after " +
            driverCtx.untetheredRestingTimeoutNs() / 1_000_000L + " ms" + System.lineSeparator() +
            "  delete dirs on shutdown " + driverCtx.dirDeleteOnShutdown() +
            (null == replacedDeadDriver ? "" : System.lineSeparator() +
            "  replaced the directory of a dead driver (" + replacedDeadDriver + "); the archive recovered the " +
            "recordings it was making (stop positions from their files)");
    }

    private static String describeIdle(final MediaDriver.Context driverCtx)
    {
        return driverCtx.threadingMode() == io.aeron.driver.ThreadingMode.SHARED ?
            driverCtx.sharedIdleStrategy().alias() :
            "conductor=" + driverCtx.conductorIdleStrategy().alias() +
            " sender=" + driverCtx.senderIdleStrategy().alias() +
            " receiver=" + driverCtx.receiverIdleStrategy().alias();
    }

    /**
     * Close the archive and the driver; with {@link Context#deleteDirsOnShutdown()} the Aeron directory is removed.
     */
    public void close()
    {
        CloseHelper.close(archivingMediaDriver);
    }

    /**
     * Run standalone until SIGINT or SIGTERM, printing the effective configuration to {@code out}.
     *
     * @param ctx settings.
     * @param out where to print the configuration.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out)
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            PulseMediaDriver driver = launch(ctx))
        {
            out.println(driver.describe());
            out.println("running; Ctrl-C to stop");
            out.flush();
            barrier.await();
            out.println("stopping media driver and archive");
        }
    }

    /**
     * Standalone entry point configured from system properties and the environment.
     *
     * @param args ignored; use {@code pulse media-driver --help} for options.
     */
    public static void main(final String[] args)
    {
        runUntilShutdown(new Context(), System.out);
    }

    /**
     * Settings of one media driver and archive. Defaults come from {@link MediaDriverConfiguration}.
     */
    public static final class Context
    {
        private Profile profile;
        private String aeronDirectoryName;
        private String archiveDirectoryName;
        private String archiveControlChannel;
        private String archiveReplicationChannel;
        private boolean archiveControlChannelSet;
        private boolean deleteDirsOnShutdown = true;
        private boolean deleteDirsOnStart;
        private boolean deleteArchiveOnStart;
        private boolean concluded;

        /**
         * Validate the settings and fill in defaults. Called by {@link PulseMediaDriver#launch(Context)}.
         *
         * @return this for a fluent API.
         * @throws IllegalArgumentException naming the bad value.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }

            if (null == profile)
            {
                profile = MediaDriverConfiguration.profile();
            }
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (null == archiveDirectoryName)
            {
                archiveDirectoryName = MediaDriverConfiguration.archiveDirectoryName();
            }
            if (!archiveControlChannelSet)
            {
                archiveControlChannel = MediaDriverConfiguration.archiveControlChannel();
            }
            if (null == archiveReplicationChannel)
            {
                archiveReplicationChannel = MediaDriverConfiguration.ARCHIVE_REPLICATION_CHANNEL_DEFAULT;
            }

            requireChannel("archive control channel", archiveControlChannel, true);
            requireChannel("archive replication channel", archiveReplicationChannel, false);

            final File archiveDir = new File(archiveDirectoryName);
            if (archiveDir.exists() && !archiveDir.isDirectory())
            {
                throw new IllegalArgumentException(
                    "archive dir '" + archiveDir.getAbsolutePath() + "' exists and is not a directory");
            }

            concluded = true;
            return this;
        }

        private static void requireChannel(final String what, final String channel, final boolean nullable)
        {
            if (null == channel && nullable)
            {
                return;
            }
            if (null == channel || !channel.startsWith("aeron:"))
            {
                throw new IllegalArgumentException(
                    what + " '" + channel + "' is not an Aeron channel URI, e.g. aeron:udp?endpoint=localhost:8010");
            }
        }

        /**
         * Profile.
         *
         * @return profile.
         */
        public Profile profile()
        {
            return profile;
        }

        /**
         * Profile.
         *
         * @param profile threading and idle profile.
         * @return this for a fluent API.
         */
        public Context profile(final Profile profile)
        {
            this.profile = profile;
            return this;
        }

        /**
         * Aeron directory.
         *
         * @return Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Aeron directory.
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
         * Archive directory.
         *
         * @return archive directory.
         */
        public String archiveDirectoryName()
        {
            return archiveDirectoryName;
        }

        /**
         * Archive directory.
         *
         * @param archiveDirectoryName archive directory.
         * @return this for a fluent API.
         */
        public Context archiveDirectoryName(final String archiveDirectoryName)
        {
            this.archiveDirectoryName = archiveDirectoryName;
            return this;
        }

        /**
         * UDP archive control channel, or null for local IPC control only.
         *
         * @return UDP archive control channel, or null.
         */
        public String archiveControlChannel()
        {
            return archiveControlChannel;
        }

        /**
         * UDP archive control channel, or null for local IPC control only.
         *
         * @param archiveControlChannel UDP archive control channel, or null.
         * @return this for a fluent API.
         */
        public Context archiveControlChannel(final String archiveControlChannel)
        {
            this.archiveControlChannel = archiveControlChannel;
            this.archiveControlChannelSet = true;
            return this;
        }

        /**
         * Archive replication channel.
         *
         * @return archive replication channel.
         */
        public String archiveReplicationChannel()
        {
            return archiveReplicationChannel;
        }

        /**
         * Archive replication channel.
         *
         * @param archiveReplicationChannel archive replication channel.
         * @return this for a fluent API.
         */
        public Context archiveReplicationChannel(final String archiveReplicationChannel)
        {
            this.archiveReplicationChannel = archiveReplicationChannel;
            return this;
        }

        /**
         * Whether the Aeron directory is deleted on shutdown (default true: no stale directories).
         *
         * @return whether the Aeron directory is deleted on shutdown.
         */
        public boolean deleteDirsOnShutdown()
        {
            return deleteDirsOnShutdown;
        }

        /**
         * Whether the Aeron directory is deleted on shutdown.
         *
         * @param deleteDirsOnShutdown true to delete.
         * @return this for a fluent API.
         */
        public Context deleteDirsOnShutdown(final boolean deleteDirsOnShutdown)
        {
            this.deleteDirsOnShutdown = deleteDirsOnShutdown;
            return this;
        }

        /**
         * Whether the Aeron directory is deleted on start (tests; default false).
         *
         * @return whether the Aeron directory is deleted on start.
         */
        public boolean deleteDirsOnStart()
        {
            return deleteDirsOnStart;
        }

        /**
         * Whether the Aeron directory is deleted on start.
         *
         * @param deleteDirsOnStart true to delete.
         * @return this for a fluent API.
         */
        public Context deleteDirsOnStart(final boolean deleteDirsOnStart)
        {
            this.deleteDirsOnStart = deleteDirsOnStart;
            return this;
        }

        /**
         * Whether the archive's recordings are deleted on start (tests only; default false).
         *
         * @return whether the archive is deleted on start.
         */
        public boolean deleteArchiveOnStart()
        {
            return deleteArchiveOnStart;
        }

        /**
         * Whether the archive's recordings are deleted on start.
         *
         * @param deleteArchiveOnStart true to delete every recording.
         * @return this for a fluent API.
         */
        public Context deleteArchiveOnStart(final boolean deleteArchiveOnStart)
        {
            this.deleteArchiveOnStart = deleteArchiveOnStart;
            return this;
        }
    }
}
