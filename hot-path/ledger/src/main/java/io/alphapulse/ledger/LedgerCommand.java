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
            LedgerNode ledgerNode = LedgerNode.launch(ctx))
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
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse ledger}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new LedgerCommand()).execute(args));
    }
}
