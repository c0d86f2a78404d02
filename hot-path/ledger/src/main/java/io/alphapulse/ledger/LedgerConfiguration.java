/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.alphapulse.driver.Profile;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.function.Supplier;

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

    /**
     * System property: longest park of the ledger's agents and clients when idle in the shared profile (ns).
     */
    public static final String IDLE_MAX_PARK_NS_PROP_NAME = "alphapulse.ledger.idle.max.park.ns";

    /**
     * Longest park of an idle ledger agent (consensus module, service, archive, the member's driver) and of a
     * ledger client's duty cycle, in the shared profile: 50 us, against the system agents' 1 ms.
     * <p>
     * Why: an order crosses four agents in turn (consensus module, archive recording, consensus module commit,
     * service, then the client's egress poll). With a backoff that parks up to 1 ms, every agent that went idle
     * between two orders adds up to a millisecond: the round trip measured 2.7 ms p50. Parks capped at 50 us bound
     * that to the wake-up of a short park (the kernel's timer slack is 50 us), while an idle member still sleeps
     * between checks: about 20,000 wake-ups a second per agent, a few percent of a core, never a busy spin.
     */
    public static final long IDLE_MAX_PARK_NS_DEFAULT = 50_000L;

    /**
     * Spins before yielding in the ledger's backoff.
     */
    public static final long IDLE_MAX_SPINS = 20L;

    /**
     * Yields before parking in the ledger's backoff: 200, as the system profile's backoff. After each piece of work an
     * agent yields for some tens of microseconds (a yield returns at once when no other thread wants the core, and
     * gives the core away when one does), so at 10,000 orders/s the next order usually finds it awake: measured side
     * by side, p50 28-47 us against 25-173 us with 50 yields; an idle member still ends up parked.
     */
    public static final long IDLE_MAX_YIELDS = 200L;

    /**
     * Shortest park in the ledger's backoff.
     */
    public static final long IDLE_MIN_PARK_NS = 1_000L;

    private static final long DRIVER_ACTIVE_TIMEOUT_MS = 10_000L;

    private LedgerConfiguration()
    {
    }

    /**
     * The Aeron directory of a ledger member's own media driver on this host, as {@code pulse ledger} names it
     * ({@code <system aeron dir>-ledger-<id>}), when the endpoints name exactly one member, on {@code localhost} or
     * {@code 127.0.0.1}.
     *
     * @param systemAeronDirectoryName the system's Aeron directory.
     * @param ingressEndpoints         ledger ingress endpoints, {@code id=host:port,...}.
     * @return the member's Aeron directory (running or not), or null when the ledger is not one local member.
     */
    public static String memberAeronDirectory(final String systemAeronDirectoryName, final String ingressEndpoints)
    {
        if (null == systemAeronDirectoryName || null == ingressEndpoints || ingressEndpoints.indexOf(',') >= 0)
        {
            return null;
        }
        final int equals = ingressEndpoints.indexOf('=');
        final int colon = ingressEndpoints.lastIndexOf(':');
        if (equals < 0 || colon < equals)
        {
            return null;
        }
        final String host = ingressEndpoints.substring(equals + 1, colon).trim();
        if (!"localhost".equals(host) && !"127.0.0.1".equals(host))
        {
            return null;
        }
        return new File(systemAeronDirectoryName + "-ledger-" + ingressEndpoints.substring(0, equals).trim())
            .getAbsolutePath();
    }

    /**
     * {@link #memberAeronDirectory} when that member's driver is running: a client can then reach the ledger over
     * IPC.
     *
     * @param systemAeronDirectoryName the system's Aeron directory.
     * @param ingressEndpoints         ledger ingress endpoints, {@code id=host:port,...}.
     * @return the member's Aeron directory, or null when the client must use UDP.
     */
    public static String localMemberAeronDirectory(final String systemAeronDirectoryName, final String ingressEndpoints)
    {
        final String dir = memberAeronDirectory(systemAeronDirectoryName, ingressEndpoints);
        return null != dir && new File(dir, CncFileDescriptor.CNC_FILE).exists() &&
            CommonContext.isDriverActive(new File(dir), DRIVER_ACTIVE_TIMEOUT_MS, (message) -> {}) ? dir : null;
    }

    /**
     * Longest park of an idle ledger agent: {@link #IDLE_MAX_PARK_NS_PROP_NAME} or the default.
     *
     * @return nanoseconds.
     */
    public static long idleMaxParkNs()
    {
        return Long.getLong(IDLE_MAX_PARK_NS_PROP_NAME, IDLE_MAX_PARK_NS_DEFAULT);
    }

    /**
     * Idle strategy of a ledger agent or client in a profile: busy spin in {@code low-latency} (a core each), else
     * spin, yield, then park from 1 us up to {@code maxParkNs}.
     *
     * @param profile   profile.
     * @param maxParkNs longest park in the shared profile.
     * @return a new idle strategy.
     */
    public static IdleStrategy idleStrategy(final Profile profile, final long maxParkNs)
    {
        return profile == Profile.LOW_LATENCY ? profile.agentIdleStrategy() :
            new BackoffIdleStrategy(IDLE_MAX_SPINS, IDLE_MAX_YIELDS, IDLE_MIN_PARK_NS, maxParkNs);
    }

    /**
     * Supplier of {@link #idleStrategy(Profile, long)}, for the Aeron contexts that take one.
     *
     * @param profile   profile.
     * @param maxParkNs longest park in the shared profile.
     * @return supplier.
     */
    public static Supplier<IdleStrategy> idleStrategySupplier(final Profile profile, final long maxParkNs)
    {
        return () -> idleStrategy(profile, maxParkNs);
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
