/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Control planes are not reachable from the network by default. The system's media driver and Archive
 * ({@link PulseMediaDriver} at its defaults) take archive control over IPC only and open no UDP or TCP socket at all;
 * a ledger member at its defaults (host {@code localhost}) puts every cluster endpoint (ingress, consensus, log,
 * catch-up, archive) and its archive control and replication channels on the loopback interface. Besides the
 * configured channels, the test reads the sockets this JVM really holds ({@code /proc/self/fd} against
 * {@code /proc/net/udp*} and listening {@code /proc/net/tcp*}): every one must be bound to a loopback address.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ControlChannelSecurityIT
{
    private static final Pattern ENDPOINT = Pattern.compile("endpoint=([^|,]+)");

    @TempDir
    Path tempDir;

    @Test
    void defaultMediaDriverAndArchiveShouldListenOnNoNetworkSocket()
    {
        final Set<String> before = ownSockets().nonLoopback;
        final PulseMediaDriver.Context ctx = new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString());
        try (PulseMediaDriver driver = PulseMediaDriver.launch(ctx))
        {
            assertNull(driver.context().archiveControlChannel(),
                "no archive control channel beyond IPC unless one is configured");
            final String description = driver.describe();
            assertTrue(description.contains("archive control         aeron:ipc (local only)"), description);
            assertTrue(description.contains("archive replication     aeron:udp?endpoint=localhost:0"), description);
            final Sockets sockets = ownSockets();
            final Set<String> opened = new HashSet<>(sockets.nonLoopback);
            opened.removeAll(before);
            assertEquals(Set.of(), opened, "sockets bound beyond loopback; all sockets: " + sockets.all);
        }
    }

    @Test
    void defaultLedgerMemberShouldBindEveryClusterAndArchiveChannelToLoopback()
    {
        final Set<String> before = ownSockets().nonLoopback;
        final int basePort = freeUdpPortRange(5);
        final LedgerNode.Context ctx = new LedgerNode.Context()
            .basePort(basePort)
            .baseDir(tempDir.resolve("ledger").toFile())
            .aeronDirectoryName(new File(tempDir.toFile(), "aeron-ledger").getAbsolutePath())
            .deleteOnStart(true);
        LedgerNode node = null;
        try
        {
            node = LedgerNode.launch(ctx);
            final LedgerNode launched = node;
            awaitTrue(() -> launched.service().role() == Cluster.Role.LEADER, 60_000, "the member to lead");

            final ConsensusModule.Context consensus = node.consensusModule().context();
            final String members = consensus.clusterMembers();
            final List<String> endpoints = new ArrayList<>();
            for (final String member : members.split("\\|"))
            {
                final String[] fields = member.split(",");
                assertEquals(6, fields.length, "id,ingress,consensus,log,catchup,archive: " + member);
                for (int i = 1; i < fields.length; i++)
                {
                    endpoints.add(fields[i]);
                }
            }
            endpoints.addAll(endpointsOf(consensus.replicationChannel()));
            endpoints.addAll(endpointsOf(consensus.logChannel()));
            for (final String endpoint : endpoints)
            {
                assertTrue(isLoopbackName(endpoint), "not loopback: " + endpoint + " in " + members);
            }
            assertTrue(consensus.ingressChannel().startsWith("aeron:udp"), consensus.ingressChannel());
            assertTrue(consensus.controlChannel().startsWith("aeron:ipc"), consensus.controlChannel());
            assertTrue(consensus.archiveContext().controlRequestChannel().startsWith("aeron:ipc"),
                consensus.archiveContext().controlRequestChannel());

            final Sockets sockets = ownSockets();
            final Set<String> opened = new HashSet<>(sockets.nonLoopback);
            opened.removeAll(before);
            assertEquals(Set.of(), opened, "sockets bound beyond loopback; all sockets: " + sockets.all);
            assertTrue(sockets.all.stream().anyMatch((s) -> s.endsWith(":" + (basePort + 4))),
                "the member's archive control port " + (basePort + 4) + " is open (on loopback): " + sockets.all);
        }
        finally
        {
            CloseHelper.close(node);
        }
    }

    private static List<String> endpointsOf(final String channel)
    {
        final List<String> endpoints = new ArrayList<>();
        final Matcher matcher = ENDPOINT.matcher(channel);
        while (matcher.find())
        {
            endpoints.add(matcher.group(1));
        }
        return endpoints;
    }

    private static boolean isLoopbackName(final String endpoint)
    {
        final String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        try
        {
            for (final InetAddress address : InetAddress.getAllByName(host))
            {
                if (!address.isLoopbackAddress())
                {
                    return false;
                }
            }
            return true;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private record Sockets(List<String> all, Set<String> nonLoopback)
    {
    }

    /**
     * The UDP sockets and listening TCP sockets this process holds, as {@code proto address:port}.
     */
    private static Sockets ownSockets()
    {
        final Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd")))
        {
            for (final Path fd : fds)
            {
                try
                {
                    final String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:["))
                    {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                }
                catch (final IOException ignore)
                {
                    // Closed while listing: not ours any more.
                }
            }
            final List<String> all = new ArrayList<>();
            final Set<String> nonLoopback = new HashSet<>();
            for (final String proto : List.of("udp", "udp6", "tcp", "tcp6"))
            {
                final Path table = Path.of("/proc/net", proto);
                if (!Files.exists(table))
                {
                    continue;
                }
                final List<String> lines = Files.readAllLines(table);
                for (int i = 1; i < lines.size(); i++)
                {
                    final String[] f = lines.get(i).trim().split("\\s+");
                    final boolean listeningOrUdp = proto.startsWith("udp") || "0A".equals(f[3]);
                    if (!listeningOrUdp || !inodes.contains(f[9]))
                    {
                        continue;
                    }
                    final String[] local = f[1].split(":");
                    final InetSocketAddress address = new InetSocketAddress(
                        InetAddress.getByAddress(decode(local[0])), Integer.parseInt(local[1], 16));
                    final String text = proto + " " + address.getAddress().getHostAddress() + ":" +
                        address.getPort();
                    all.add(text);
                    if (!isLoopback(address.getAddress()))
                    {
                        nonLoopback.add(text);
                    }
                }
            }
            return new Sockets(all, nonLoopback);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isLoopback(final InetAddress address)
    {
        if (address.isLoopbackAddress())
        {
            return true;
        }
        final byte[] b = address.getAddress();
        // IPv4-mapped IPv6 (::ffff:127.x.y.z).
        if (16 == b.length)
        {
            for (int i = 0; i < 10; i++)
            {
                if (0 != b[i])
                {
                    return false;
                }
            }
            return (byte)0xff == b[10] && (byte)0xff == b[11] && 127 == b[12];
        }
        return false;
    }

    /**
     * /proc/net addresses: hex, each 32-bit word in host (little-endian) order.
     */
    private static byte[] decode(final String hex)
    {
        final byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++)
        {
            for (int i = 0; i < 4; i++)
            {
                final int from = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte)Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        return bytes;
    }

    private static int freeUdpPortRange(final int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(30_000, 60_000);
            boolean free = true;
            for (int i = 0; i < count && free; i++)
            {
                try (DatagramSocket ignore = new DatagramSocket(base + i, InetAddress.getLoopbackAddress()))
                {
                    assertFalse(ignore.isClosed());
                }
                catch (final IOException ex)
                {
                    free = false;
                }
            }
            if (free)
            {
                return base;
            }
        }
        throw new IllegalStateException("no free range of " + count + " UDP ports");
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final long timeoutMs,
        final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, ex);
            }
        }
    }
}
