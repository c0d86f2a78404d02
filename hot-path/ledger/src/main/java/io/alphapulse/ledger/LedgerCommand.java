/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse ledger}.
 */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Run one member of the order and portfolio ledger on Aeron Cluster: order lifecycle, pre-trade risk (max",
        "order quantity and notional, max position, price band around the last trade, order rate per strategy, kill",
        "switch, each rejection with its own reason code), positions, cash and PnL, snapshots and recovery.",
        "",
        "One member by default (--nodes 1). For three, start `--nodes 3 --node 0`, `--node 1` and `--node 2`",
        "(same host, ports from --base-port) or give every member the same --members string. Each member runs its",
        "own media driver, Archive and consensus module, with files under <dir>/node-<N>.",
        "Clients (engine, venue, projector) connect to the ingress endpoints printed at start.",
        "",
        "Subcommand `admin` sends deposits, risk limits and the kill switch to a running ledger."
    },
    subcommands = LedgerAdminCommand.class)
public final class LedgerCommand implements Callable<Integer>
{
    /**
     * How long a start waits for the mark files of a member that died to go stale: twice Aeron's liveness timeout
     * (the Archive's, then the consensus module's), plus a margin.
     */
    public static final long MARK_FILE_WAIT_MS = 30_000;

    @Option(names = "--node", paramLabel = "N", description = "This member's id (default: ${DEFAULT-VALUE}).")
    int node;

    @Option(names = "--nodes", paramLabel = "1|3", description = "Members when --members is not given " +
        "(default: ${DEFAULT-VALUE}).")
    int nodes = 1;

    @Option(names = "--members", paramLabel = "MEMBERS",
        description = "Aeron Cluster members, id,ingress,consensus,log,catchup,archive|... (overrides --nodes, " +
        "--host, --base-port).")
    String members;

    @Option(names = "--host", description = "Host of every member (default: ${DEFAULT-VALUE}).")
    String host = "localhost";

    @Option(names = "--base-port", paramLabel = "PORT", description = "Member N uses PORT+10N .. PORT+10N+4 " +
        "(default: ${DEFAULT-VALUE}).")
    int basePort = LedgerConfiguration.BASE_PORT_DEFAULT;

    @Option(names = "--dir", paramLabel = "DIR", description = "Base directory (default: ${DEFAULT-VALUE}).")
    File dir = new File(LedgerConfiguration.BASE_DIR_DEFAULT);

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "This member's own media driver directory (default: <system aeron dir>-ledger-<N>).")
    String aeronDir;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared (default) or low-latency.")
    String profile;

    @Option(names = "--heartbeat-timeout-ms", paramLabel = "MS",
        description = "Leader heartbeat timeout: failover takes about 2-3x this (default: ${DEFAULT-VALUE}).")
    long heartbeatTimeoutMs = TimeUnit.NANOSECONDS.toMillis(LedgerConfiguration.LEADER_HEARTBEAT_TIMEOUT_NS_DEFAULT);

    @Option(names = "--state-hash-quiet-ms", paramLabel = "MS",
        description = "Publish the state hash in the 'ledger state hash' counter once the log has been quiet for MS " +
        "(equal on every member at the same log position; for fault tests and audits). It encodes the whole state " +
        "on the service thread, which stalls orders arriving meanwhile, so 0, the default, leaves it off.")
    long stateHashQuietMs;

    @Option(names = "--fresh", description = "Delete this member's log, snapshots and archive first.")
    boolean fresh;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call()
    {
        final LedgerNode.Context ctx = new LedgerNode.Context()
            .memberId(node)
            .nodeCount(nodes)
            .host(host)
            .basePort(basePort)
            .baseDir(dir)
            .profile(null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile))
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(heartbeatTimeoutMs))
            .stateHashQuietNs(TimeUnit.MILLISECONDS.toNanos(stateHashQuietMs))
            .deleteOnStart(fresh);
        if (null != members)
        {
            ctx.clusterMembers(members);
        }
        if (null != aeronDir)
        {
            ctx.aeronDirectoryName(aeronDir);
        }

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            LedgerNode ledgerNode = launchAfterCrash(ctx, MARK_FILE_WAIT_MS))
        {
            System.out.println(ledgerNode.describe());
            System.out.println("clients: --ledger-endpoints " + ctx.ingressEndpoints());
            System.out.flush();
            barrier.await();
            System.out.println("ledger node " + node + " stopping");
        }
        return 0;
    }

    /**
     * Launch a member; when its previous process died without closing (kill -9, power loss) less than Aeron's
     * liveness timeout (10 s) ago, its Archive and cluster mark files still look active and the launch fails with
     * "active mark file detected". Restarting at once (an operator, systemd's RestartSec=2) would then fail for 10 s,
     * so wait, bounded, until they go stale. A member that really runs keeps its mark files fresh: starting a second
     * one on the same directory still fails, after the wait.
     *
     * @param ctx    settings.
     * @param waitMs how long to keep retrying.
     * @return the running member.
     */
    public static LedgerNode launchAfterCrash(final LedgerNode.Context ctx, final long waitMs)
    {
        final long deadlineMs = System.currentTimeMillis() + waitMs;
        boolean reported = false;
        while (true)
        {
            try
            {
                return LedgerNode.launch(ctx);
            }
            catch (final IllegalStateException ex)
            {
                final String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (!message.contains("active mark file detected") || System.currentTimeMillis() - deadlineMs >= 0)
                {
                    throw ex;
                }
                if (!reported)
                {
                    reported = true;
                    System.out.println("ledger: " + ex.getMessage() + "; if the previous ledger process on " +
                        ctx.nodeDir() + " died just now, its mark files go stale within 10 s: waiting up to " +
                        waitMs + " ms");
                    System.out.flush();
                }
            }
            try
            {
                Thread.sleep(500);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for stale mark files", ex);
            }
        }
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse ledger}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LedgerCommand()).execute(args));
    }
}
