/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import java.io.File;

/**
 * Defaults of the ledger cluster and its clients.
 */
public final class LedgerConfiguration
{
    /**
     * First UDP port of the default members: member N uses base + 10 N (ingress), +1 (consensus), +2 (log),
     * +3 (catch-up), +4 (archive). Clear of 40123/40124, which other programs on shared machines use.
     */
    public static final int BASE_PORT_DEFAULT = 20_100;

    /**
     * Base directory of the members' files.
     */
    public static final String BASE_DIR_DEFAULT = "var" + File.separator + "ledger";

    /**
     * Followers start an election after this long without the leader's heartbeat: 1 s gives a failover of about
     * 2-3 s (Aeron's default of 10 s gives about 11 s).
     */
    public static final long LEADER_HEARTBEAT_TIMEOUT_NS_DEFAULT = 1_000_000_000L;

    /**
     * Leader heartbeat interval.
     */
    public static final long LEADER_HEARTBEAT_INTERVAL_NS_DEFAULT = 100_000_000L;

    /**
     * How long the first election waits for all members before going ahead with a quorum (Aeron's default 60 s).
     */
    public static final long STARTUP_CANVASS_TIMEOUT_NS_DEFAULT = 5_000_000_000L;

    /**
     * A client silent this long loses its session; clients send keep-alives every second.
     */
    public static final long SESSION_TIMEOUT_NS_DEFAULT = 10_000_000_000L;

    /**
     * Term length of the replicated log.
     */
    public static final int LOG_TERM_LENGTH_DEFAULT = 16 * 1024 * 1024;

    private LedgerConfiguration()
    {
    }

    /**
     * The members string of {@code nodeCount} members on one host.
     *
     * @param host      host of every member.
     * @param basePort  first port.
     * @param nodeCount members.
     * @return {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public static String clusterMembers(final String host, final int basePort, final int nodeCount)
    {
        final StringBuilder members = new StringBuilder();
        for (int id = 0; id < nodeCount; id++)
        {
            if (id > 0)
            {
                members.append('|');
            }
            members.append(id);
            for (int i = 0; i < 5; i++)
            {
                members.append(',').append(host).append(':').append(basePort + 10 * id + i);
            }
        }
        return members.toString();
    }

    /**
     * The members string for explicit ports, five per member.
     *
     * @param host  host of every member.
     * @param ports ingress, consensus, log, catch-up and archive port of member 0, then member 1, ...
     * @return members string.
     */
    public static String clusterMembers(final String host, final int[] ports)
    {
        final StringBuilder members = new StringBuilder();
        for (int id = 0; id < ports.length / 5; id++)
        {
            if (id > 0)
            {
                members.append('|');
            }
            members.append(id);
            for (int i = 0; i < 5; i++)
            {
                members.append(',').append(host).append(':').append(ports[5 * id + i]);
            }
        }
        return members.toString();
    }

    /**
     * Ingress endpoints of the default members, as clients need them.
     *
     * @param host      host.
     * @param basePort  first port.
     * @param nodeCount members.
     * @return {@code 0=host:port,...}.
     */
    public static String ingressEndpoints(final String host, final int basePort, final int nodeCount)
    {
        final StringBuilder endpoints = new StringBuilder();
        for (int id = 0; id < nodeCount; id++)
        {
            if (id > 0)
            {
                endpoints.append(',');
            }
            endpoints.append(id).append('=').append(host).append(':').append(basePort + 10 * id);
        }
        return endpoints.toString();
    }
}
