/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.File;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One member of the ledger cluster: its own media driver, Archive, consensus module and the {@link LedgerService},
 * all in this process, with every directory under {@code <base dir>/node-<id>}.
 * <p>
 * A member owns its media driver (rather than sharing the system's) because consensus and log replication run over
 * UDP between members that are normally on different hosts, and a member's Archive holds the replicated log, not
 * market data. Clients reach the cluster over UDP ingress from their own driver, or, on the host of a one-member
 * ledger, over IPC through this member's driver (ingress over IPC is allowed); the projector reads the log recorded
 * by this member's Archive.
 * <p>
 * Every agent (consensus module, service, Archive, driver) backs off to short parks in the shared profile
 * ({@link LedgerConfiguration#idleStrategy}): an order crosses four of them in turn, so the park length, not the work,
 * set the round trip when they backed off to 1 ms.
 */
public final class LedgerNode implements AutoCloseable
{
    private final Context ctx;
    private final LedgerService service;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;

    private LedgerNode(
        final Context ctx,
        final LedgerService service,
        final ClusteredMediaDriver clusteredMediaDriver,
        final ClusteredServiceContainer container)
    {
        this.ctx = ctx;
        this.service = service;
        this.clusteredMediaDriver = clusteredMediaDriver;
        this.container = container;
    }

    /**
     * Launch a member.
     *
     * @param ctx settings; concluded here.
     * @return the running member.
     */
    public static LedgerNode launch(final Context ctx)
    {
        ctx.conclude();
        final Profile profile = ctx.profile;
        final ClusterMember self = ClusterMember.findMember(ClusterMember.parse(ctx.clusterMembers), ctx.memberId);
        final File nodeDir = ctx.nodeDir();
        final String aeronDir = ctx.aeronDirectoryName();
        final File clusterDir = new File(nodeDir, "cluster");

        final Supplier<IdleStrategy> idle = null != ctx.idleStrategySupplier ? ctx.idleStrategySupplier :
            LedgerConfiguration.idleStrategySupplier(profile, ctx.idleMaxParkNs);
        final MediaDriver.Context driverCtx = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(profile == Profile.LOW_LATENCY ? ThreadingMode.DEDICATED : ThreadingMode.SHARED)
            .sharedIdleStrategy(idle.get())
            .conductorIdleStrategy(idle.get())
            .senderIdleStrategy(idle.get())
            .receiverIdleStrategy(idle.get())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);

        final Archive.Context archiveCtx = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(nodeDir, "archive"))
            .archiveId(ctx.memberId)
            .controlChannel("aeron:udp?endpoint=" + self.archiveEndpoint())
            .localControlChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL)
            .replicationChannel("aeron:udp?endpoint=" + ctx.host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(profile == Profile.LOW_LATENCY ? ArchiveThreadingMode.DEDICATED :
                ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .deleteArchiveOnStart(ctx.deleteOnStart)
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + ctx.host + ":0"));

        final ConsensusModule.Context consensusCtx = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterMemberId(ctx.memberId)
            .clusterMembers(ctx.clusterMembers)
            .clusterDir(clusterDir)
            .ingressChannel("aeron:udp")
            .isIpcIngressAllowed(true)
            .logChannel(ctx.logChannel())
            .replicationChannel("aeron:udp?endpoint=" + ctx.host + ":0")
            .archiveContext(localArchive(aeronDir))
            .clusterClock(new NanosecondClusterClock())
            .leaderHeartbeatTimeoutNs(ctx.leaderHeartbeatTimeoutNs)
            .leaderHeartbeatIntervalNs(ctx.leaderHeartbeatIntervalNs)
            .startupCanvassTimeoutNs(ctx.startupCanvassTimeoutNs)
            .sessionTimeoutNs(ctx.sessionTimeoutNs)
            .idleStrategySupplier(idle)
            .deleteDirOnStart(ctx.deleteOnStart);
        if (null != ctx.errorHandler)
        {
            driverCtx.errorHandler(ctx.errorHandler);
            archiveCtx.errorHandler(ctx.errorHandler);
            consensusCtx.errorHandler(ctx.errorHandler);
        }

        final LedgerService service = new LedgerService().stateHashQuietNs(ctx.stateHashQuietNs);
        ClusteredMediaDriver clusteredMediaDriver = null;
        try
        {
            clusteredMediaDriver = ClusteredMediaDriver.launch(driverCtx, archiveCtx, consensusCtx);
            final ClusteredServiceContainer.Context containerCtx = new ClusteredServiceContainer.Context()
                .aeronDirectoryName(aeronDir)
                .clusterDir(clusterDir)
                .clusteredService(service)
                .archiveContext(localArchive(aeronDir))
                .idleStrategySupplier(idle);
            if (null != ctx.errorHandler)
            {
                containerCtx.errorHandler(ctx.errorHandler);
            }
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(containerCtx);
            return new LedgerNode(ctx, service, clusteredMediaDriver, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(clusteredMediaDriver);
            throw ex;
        }
    }

    private static AeronArchive.Context localArchive(final String aeronDir)
    {
        return new AeronArchive.Context()
            .aeronDirectoryName(aeronDir)
            .controlRequestChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL)
            .controlResponseChannel(MediaDriverConfiguration.LOCAL_CONTROL_CHANNEL);
    }

    /**
     * The service (state, hash, counts).
     *
     * @return the service.
     */
    public LedgerService service()
    {
        return service;
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
     * The consensus module (role, leader, snapshot requests via its context).
     *
     * @return the consensus module.
     */
    public ConsensusModule consensusModule()
    {
        return clusteredMediaDriver.consensusModule();
    }

    /**
     * Ask this member's consensus module to take a snapshot (every member takes one at the same log position).
     * Call it on the leader.
     *
     * @return true when the request was placed; false when another control action is in progress.
     */
    public boolean requestSnapshot()
    {
        final ConsensusModule.Context consensusCtx = consensusModule().context();
        final AtomicCounter toggle = ClusterControl.findControlToggle(
            consensusCtx.aeron().countersReader(), consensusCtx.clusterId());
        return null != toggle && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
    }

    /**
     * Snapshots this member has taken since it started.
     *
     * @return count.
     */
    public long snapshotCount()
    {
        return consensusModule().context().snapshotCounter().get();
    }

    /**
     * Effective configuration, printed at start.
     *
     * @return description.
     */
    public String describe()
    {
        return "ledger node " + ctx.memberId + System.lineSeparator() +
            "  members                 " + ctx.clusterMembers + System.lineSeparator() +
            "  ingress endpoints       " + ctx.ingressEndpoints() + System.lineSeparator() +
            "  node dir                " + ctx.nodeDir().getAbsolutePath() + System.lineSeparator() +
            "  aeron dir (own driver)  " + ctx.aeronDirectoryName() + System.lineSeparator() +
            "  profile                 " + ctx.profile + (ctx.profile == Profile.LOW_LATENCY ? " (busy spin)" :
            " (backoff: spin, yield, park up to " + ctx.idleMaxParkNs / 1000 + " us)") + System.lineSeparator() +
            "  log channel             " + ctx.logChannel() + System.lineSeparator() +
            "  leader heartbeat        timeout " + TimeUnit.NANOSECONDS.toMillis(ctx.leaderHeartbeatTimeoutNs) +
            " ms, interval " + TimeUnit.NANOSECONDS.toMillis(ctx.leaderHeartbeatIntervalNs) + " ms" +
            System.lineSeparator() +
            "  startup canvass         " + TimeUnit.NANOSECONDS.toMillis(ctx.startupCanvassTimeoutNs) + " ms";
    }

    /**
     * Stop the service, consensus module, archive and driver.
     */
    public void close()
    {
        CloseHelper.closeAll(container, clusteredMediaDriver);
    }

    /**
     * Settings of one member. Defaults suit one host: members on {@code localhost}, ports from
     * {@link LedgerConfiguration#BASE_PORT_DEFAULT}.
     */
    public static final class Context
    {
        private int memberId;
        private int nodeCount = 1;
        private String host = "localhost";
        private int basePort = LedgerConfiguration.BASE_PORT_DEFAULT;
        private String clusterMembers;
        private File baseDir = new File(LedgerConfiguration.BASE_DIR_DEFAULT);
        private String aeronDirectoryName;
        private Profile profile = Profile.SHARED;
        private long leaderHeartbeatTimeoutNs = LedgerConfiguration.LEADER_HEARTBEAT_TIMEOUT_NS_DEFAULT;
        private long leaderHeartbeatIntervalNs = LedgerConfiguration.LEADER_HEARTBEAT_INTERVAL_NS_DEFAULT;
        private long startupCanvassTimeoutNs = LedgerConfiguration.STARTUP_CANVASS_TIMEOUT_NS_DEFAULT;
        private long sessionTimeoutNs = LedgerConfiguration.SESSION_TIMEOUT_NS_DEFAULT;
        private int logTermLength = LedgerConfiguration.LOG_TERM_LENGTH_DEFAULT;
        private String logChannel;
        private long idleMaxParkNs = LedgerConfiguration.idleMaxParkNs();
        private long stateHashQuietNs;
        private Supplier<IdleStrategy> idleStrategySupplier;
        private boolean deleteOnStart;
        private ErrorHandler errorHandler;

        /**
         * Validate and fill in derived settings.
         */
        public void conclude()
        {
            if (nodeCount != 1 && nodeCount != 3)
            {
                throw new IllegalArgumentException("ledger node count " + nodeCount + ": use 1 or 3");
            }
            if (null == clusterMembers)
            {
                clusterMembers = LedgerConfiguration.clusterMembers(host, basePort, nodeCount);
            }
            final ClusterMember[] members = ClusterMember.parse(clusterMembers);
            if (null == ClusterMember.findMember(members, memberId))
            {
                throw new IllegalArgumentException("ledger node " + memberId + " is not in the members " +
                    clusterMembers + ": use --node 0.." + (members.length - 1));
            }
            if (idleMaxParkNs < LedgerConfiguration.IDLE_MIN_PARK_NS)
            {
                throw new IllegalArgumentException("ledger idle max park " + idleMaxParkNs + " ns: use at least " +
                    LedgerConfiguration.IDLE_MIN_PARK_NS + " ns");
            }
            if (leaderHeartbeatIntervalNs >= leaderHeartbeatTimeoutNs)
            {
                throw new IllegalArgumentException("leader heartbeat interval must be below its timeout");
            }
        }

        /**
         * This member's directory.
         *
         * @return {@code <base dir>/node-<id>}.
         */
        public File nodeDir()
        {
            return new File(baseDir, "node-" + memberId);
        }

        /**
         * The member's own Aeron directory: given, or {@code <default aeron dir>-ledger-<id>}.
         *
         * @return Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return null != aeronDirectoryName ? aeronDirectoryName :
                MediaDriverConfiguration.defaultAeronDirectoryName() + "-ledger-" + memberId;
        }

        /**
         * Client ingress endpoints of these members, {@code id=host:port,...}.
         *
         * @return ingress endpoints.
         */
        public String ingressEndpoints()
        {
            return ClusterMember.ingressEndpoints(ClusterMember.parse(clusterMembers));
        }

        /**
         * This member's id.
         *
         * @param memberId 0-based.
         * @return this.
         */
        public Context memberId(final int memberId)
        {
            this.memberId = memberId;
            return this;
        }

        /**
         * This member's id.
         *
         * @return member id.
         */
        public int memberId()
        {
            return memberId;
        }

        /**
         * Members when no members string is given: 1 or 3.
         *
         * @param nodeCount 1 or 3.
         * @return this.
         */
        public Context nodeCount(final int nodeCount)
        {
            this.nodeCount = nodeCount;
            return this;
        }

        /**
         * Host of every member when no members string is given.
         *
         * @param host host name.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * First port when no members string is given: member N uses base + 10 N ... base + 10 N + 4.
         *
         * @param basePort first port.
         * @return this.
         */
        public Context basePort(final int basePort)
        {
            this.basePort = basePort;
            return this;
        }

        /**
         * Aeron Cluster members string, {@code id,ingress,consensus,log,catchup,archive|...}; overrides node count,
         * host and base port.
         *
         * @param clusterMembers members.
         * @return this.
         */
        public Context clusterMembers(final String clusterMembers)
        {
            this.clusterMembers = clusterMembers;
            return this;
        }

        /**
         * Members string (after {@link #conclude()}).
         *
         * @return members.
         */
        public String clusterMembers()
        {
            return clusterMembers;
        }

        /**
         * Base directory; the member uses {@code node-<id>} in it.
         *
         * @param baseDir base directory.
         * @return this.
         */
        public Context baseDir(final File baseDir)
        {
            this.baseDir = baseDir;
            return this;
        }

        /**
         * The member's own Aeron directory.
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
         * Threading and idle profile.
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
         * How long followers wait for the leader's heartbeat before an election.
         *
         * @param timeoutNs timeout.
         * @return this.
         */
        public Context leaderHeartbeatTimeoutNs(final long timeoutNs)
        {
            this.leaderHeartbeatTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * How often the leader heartbeats.
         *
         * @param intervalNs interval.
         * @return this.
         */
        public Context leaderHeartbeatIntervalNs(final long intervalNs)
        {
            this.leaderHeartbeatIntervalNs = intervalNs;
            return this;
        }

        /**
         * How long the first election waits for every member.
         *
         * @param timeoutNs timeout.
         * @return this.
         */
        public Context startupCanvassTimeoutNs(final long timeoutNs)
        {
            this.startupCanvassTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * How long a client session may be silent.
         *
         * @param timeoutNs timeout.
         * @return this.
         */
        public Context sessionTimeoutNs(final long timeoutNs)
        {
            this.sessionTimeoutNs = timeoutNs;
            return this;
        }

        /**
         * Term length of the replicated log.
         *
         * @param termLength bytes, a power of two.
         * @return this.
         */
        public Context logTermLength(final int termLength)
        {
            this.logTermLength = termLength;
            return this;
        }

        /**
         * Channel of the replicated log; by default {@code aeron:udp?term-length=<log term length>}.
         *
         * @param logChannel channel.
         * @return this.
         */
        public Context logChannel(final String logChannel)
        {
            this.logChannel = logChannel;
            return this;
        }

        /**
         * Channel of the replicated log.
         *
         * @return the channel given, else UDP with the log term length.
         */
        public String logChannel()
        {
            return null != logChannel ? logChannel : "aeron:udp?term-length=" + logTermLength;
        }

        /**
         * Longest park of the member's idle agents in the shared profile
         * ({@link LedgerConfiguration#IDLE_MAX_PARK_NS_DEFAULT}).
         *
         * @param idleMaxParkNs nanoseconds, at least 1 us.
         * @return this.
         */
        public Context idleMaxParkNs(final long idleMaxParkNs)
        {
            this.idleMaxParkNs = idleMaxParkNs;
            return this;
        }

        /**
         * Longest park of the member's idle agents in the shared profile.
         *
         * @return nanoseconds.
         */
        public long idleMaxParkNs()
        {
            return idleMaxParkNs;
        }

        /**
         * Publish the member's state hash in a counter once the log has been quiet this long (0, the default: off;
         * see {@link LedgerService#stateHashQuietNs(long)} for its cost).
         *
         * @param stateHashQuietNs quiet time, or 0 for off.
         * @return this.
         */
        public Context stateHashQuietNs(final long stateHashQuietNs)
        {
            this.stateHashQuietNs = stateHashQuietNs;
            return this;
        }

        /**
         * Idle strategies of the member's agents, replacing the profile's (benchmarks comparing configurations).
         *
         * @param idleStrategySupplier supplier of a new strategy per agent, or null for the profile's.
         * @return this.
         */
        public Context idleStrategySupplier(final Supplier<IdleStrategy> idleStrategySupplier)
        {
            this.idleStrategySupplier = idleStrategySupplier;
            return this;
        }

        /**
         * Threading and idle profile.
         *
         * @return profile.
         */
        public Profile profile()
        {
            return profile;
        }

        /**
         * Delete the cluster and archive directories at start (tests; never in production).
         *
         * @param deleteOnStart true to start empty.
         * @return this.
         */
        public Context deleteOnStart(final boolean deleteOnStart)
        {
            this.deleteOnStart = deleteOnStart;
            return this;
        }

        /**
         * Where errors of the driver, archive, consensus module and service go (default: Aeron's, which logs them
         * in the distinct error log and prints them).
         *
         * @param errorHandler handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}
