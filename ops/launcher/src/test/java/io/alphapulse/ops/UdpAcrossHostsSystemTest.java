/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.RelayCounterTypes;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collector on one host and the relay on another, over Aeron UDP: each side runs its own media driver as its own
 * process; the collector publishes to the relay's UDP endpoint; the relay merges and the Archive records. Every
 * message the collector published must be in the merged recording exactly once, with no gap record.
 * <p>
 * The "hosts" are two Linux network namespaces joined by a veth pair (needs root and iproute2; otherwise that test
 * is skipped, saying why). The same run over two media drivers on the loopback interface always runs.
 */
class UdpAcrossHostsSystemTest
{
    @TempDir
    Path tempDir;

    private final Deque<Process> processes = new ArrayDeque<>();
    private final List<String[]> cleanup = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        while (!processes.isEmpty())
        {
            final Process process = processes.pop();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor();
            }
        }
        for (final String[] command : cleanup)
        {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void collectorAndRelayInSeparateNetworkNamespacesOverUdp() throws Exception
    {
        final int suffix = ThreadLocalRandom.current().nextInt(1000, 9999);
        final String nsCollector = "apc" + suffix;
        final String nsRelay = "apr" + suffix;
        final int subnet = ThreadLocalRandom.current().nextInt(16, 250);
        final String collectorAddress = "10.213." + subnet + ".1";
        final String relayAddress = "10.213." + subnet + ".2";

        final String why = sh("ip", "netns", "add", nsCollector);
        Assumptions.assumeTrue(null == why, "network namespaces unavailable here (root and iproute2 needed): " + why);
        cleanup.add(new String[]{"ip", "netns", "del", nsCollector});
        require(sh("ip", "netns", "add", nsRelay));
        cleanup.add(new String[]{"ip", "netns", "del", nsRelay});
        require(sh("ip", "link", "add", "vc" + suffix, "type", "veth", "peer", "name", "vr" + suffix));
        require(sh("ip", "link", "set", "vc" + suffix, "netns", nsCollector));
        require(sh("ip", "link", "set", "vr" + suffix, "netns", nsRelay));
        require(sh("ip", "-n", nsCollector, "addr", "add", collectorAddress + "/24", "dev", "vc" + suffix));
        require(sh("ip", "-n", nsRelay, "addr", "add", relayAddress + "/24", "dev", "vr" + suffix));
        for (final String ns : List.of(nsCollector, nsRelay))
        {
            require(sh("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        require(sh("ip", "-n", nsCollector, "link", "set", "vc" + suffix, "up"));
        require(sh("ip", "-n", nsRelay, "link", "set", "vr" + suffix, "up"));
        // Nothing else lives in a fresh namespace, so any port is free there; still avoid the samples' 40123/40124.
        final int port = ThreadLocalRandom.current().nextInt(20000, 30000);

        run(List.of("ip", "netns", "exec", nsCollector), List.of("ip", "netns", "exec", nsRelay),
            "aeron:udp?endpoint=" + relayAddress + ":" + port);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void collectorAndRelayOnTwoMediaDriversOverUdpLoopback() throws Exception
    {
        run(List.of(), List.of(), "aeron:udp?endpoint=localhost:" + freeUdpPort());
    }

    private void run(final List<String> collectorHost, final List<String> relayHost, final String channel)
        throws Exception
    {
        final Path collectorAeron = tempDir.resolve("collector-host/aeron");
        final Path relayAeron = tempDir.resolve("relay-host/aeron");
        final Path relayArchive = tempDir.resolve("relay-host/archive");

        start(relayHost, "relay-host", "media-driver", "--aeron-dir", relayAeron.toString(),
            "--archive-dir", relayArchive.toString());
        awaitLine(processes.peek(), "running");
        final Process relay = start(relayHost, "relay-host", "relay", "--aeron-dir", relayAeron.toString(),
            "--exchanges", "kraken", "--input-channel", channel);
        awaitLine(relay, "running");

        start(collectorHost, "collector-host", "media-driver", "--aeron-dir", collectorAeron.toString(),
            "--archive-dir", tempDir.resolve("collector-host/archive").toString());
        awaitLine(processes.peek(), "running");
        final Process collector = start(collectorHost, "collector-host", "collector", "--exchange", "kraken",
            "--symbols", "BTC-USD,ETH-USD", "--source", "synthetic", "--rate", "2000",
            "--aeron-dir", collectorAeron.toString(), "--channel", channel);
        awaitLine(collector, "running");

        // Let data flow across, then freeze the collector (SIGSTOP): what it published is in its driver's log
        // buffer, whose publisher position is then final, and still crosses to the relay's host.
        awaitCounter(relayAeron.toString(), RelayCounterTypes.MESSAGES, 5_000);
        require(sh("kill", "-STOP", Long.toString(collector.pid())));
        final long publishedBytes = publisherPosition(collectorAeron.toString(), StreamIds.COLLECTOR_KRAKEN);
        final long published;
        try (AeronArchive archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(relayAeron.toString())))
        {
            // The relay host's Archive recorded the collector's UDP stream from its first byte to its last.
            final long[] recording = {-1, -1};
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (recording[0] < 0 || archive.getRecordingPosition(recording[0]) < publishedBytes)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "collector stream not recorded up to " + publishedBytes);
                archive.listRecordingsForUri(0, 100, "aeron:udp", StreamIds.COLLECTOR_KRAKEN, (controlSessionId,
                    correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
                    initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId,
                    strippedChannel, originalChannel, sourceIdentity) ->
                {
                    recording[0] = recordingId;
                    recording[1] = startPosition;
                });
                Thread.sleep(50);
            }
            assertEquals(0, recording[1], "recorded from the collector's first message");
            assertEquals(publishedBytes, archive.getRecordingPosition(recording[0]));
            published = count(archive, recording[0], publishedBytes, null);
        }
        assertTrue(published >= 5_000, "collector published " + published);

        awaitCounterEquals(relayAeron.toString(), RelayCounterTypes.MESSAGES, published);
        processes.remove(collector);
        collector.destroyForcibly().waitFor();
        try (CncCounters counters = CncCounters.mapOrNull(relayAeron.toString()))
        {
            assertEquals(0, counters.value(RelayCounterTypes.GAPS, "exchange=KRAKEN"), "no gap");
            assertEquals(0, counters.value(RelayCounterTypes.DUPLICATES, "exchange=KRAKEN"), "no duplicate");
            assertEquals(0, counters.value(RelayCounterTypes.REJECTED, "exchange=KRAKEN"), "nothing rejected");
        }

        processes.remove(relay);
        relay.destroy();
        assertTrue(relay.waitFor(30, TimeUnit.SECONDS));

        try (AeronArchive archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(relayAeron.toString())))
        {
            final long[] merged = {-1, -1};
            archive.listRecordings(0, 100, (controlSessionId, correlationId, recordingId, startTimestamp,
                stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength,
                mtuLength, sessionId, streamId, strippedChannel, originalChannel, sourceIdentity) ->
            {
                if (StreamIds.MERGED == streamId)
                {
                    merged[0] = recordingId;
                    merged[1] = stopPosition;
                }
            });
            assertTrue(merged[0] >= 0 && merged[1] > 0, "merged recording " + merged[0] + " ends at " + merged[1]);

            final long[] relayGaps = {0};
            final long mergedCount = count(archive, merged[0], merged[1], relayGaps);
            assertEquals(published, mergedCount, "every published message in the merged recording exactly once");
            assertEquals(0, relayGaps[0], "no gap record");
        }
    }

    /**
     * Messages in a recording from 0 to a position, each valid market data; gap records counted if asked.
     */
    private static long count(
        final AeronArchive archive, final long recordingId, final long endPosition, final long[] gaps)
    {
        final long[] count = {0};
        final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onFeedEvent(final io.alphapulse.schemas.marketdata.FeedEventDecoder event)
            {
                if (null != gaps && io.alphapulse.schemas.marketdata.FeedEventType.GAP == event.eventType())
                {
                    gaps[0]++;
                }
            }
        });
        try (Subscription replay = archive.replay(recordingId, 0, endPosition, "aeron:ipc", 3998))
        {
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                count[0]++;
                assertEquals(MarketDataReader.Result.DISPATCHED, reader.read(buffer, offset, length));
            });
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (replay.imageCount() == 0 || replay.imageAtIndex(0).position() < endPosition)
            {
                if (0 == replay.poll(assembler, 256))
                {
                    assertTrue(System.nanoTime() - deadlineNs < 0, "replay of recording " + recordingId + " stalled");
                    Thread.yield();
                }
            }
        }
        return count[0];
    }

    private static long publisherPosition(final String aeronDir, final int streamId) throws InterruptedException
    {
        // The driver samples the publisher position; once the publisher is frozen it settles.
        long previous = -1;
        while (true)
        {
            Thread.sleep(500);
            long position = -1;
            try (CncCounters counters = CncCounters.mapOrNull(aeronDir))
            {
                for (final CounterSnapshot.Counter counter : CounterSnapshot.take(counters.reader()).counters())
                {
                    if (io.aeron.AeronCounters.DRIVER_PUBLISHER_POS_TYPE_ID == counter.typeId() &&
                        Integer.toString(streamId).equals(counter.pairs().get("stream_id")))
                    {
                        position = counter.value();
                    }
                }
            }
            assertTrue(position > 0, "no publisher position for stream " + streamId);
            if (position == previous)
            {
                return position;
            }
            previous = position;
        }
    }

    private Process start(final List<String> host, final String workDir, final String... args) throws IOException
    {
        final Path dir = tempDir.resolve(workDir);
        Files.createDirectories(dir);
        final File target = new File("target").getAbsoluteFile();
        final List<String> command = new ArrayList<>(host);
        command.addAll(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", new File(target, "alphapulse-launcher.jar").getPath() + File.pathSeparator +
                new File(target, "lib").getPath() + File.separator + "*",
            Pulse.class.getName()));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        processes.push(process);
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        output.put(process, lines);
        final Thread pump = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // The process ended.
            }
        });
        pump.setDaemon(true);
        pump.start();
        return process;
    }

    private final java.util.Map<Process, ConcurrentLinkedQueue<String>> output =
        new java.util.concurrent.ConcurrentHashMap<>();

    private String awaitLine(final Process process, final String start) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            for (final String line : output.get(process))
            {
                if (line.startsWith(start))
                {
                    return line;
                }
            }
            assertTrue(System.nanoTime() - deadlineNs < 0 && (process.isAlive() || !output.get(process).isEmpty()),
                "no line starting '" + start + "' from " + process.info().commandLine().orElse("?") + ":\n" +
                String.join("\n", output.get(process)));
            Thread.sleep(20);
        }
    }

    private static void awaitCounter(final String aeronDir, final int typeId, final long atLeast)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long value;
        while ((value = value(aeronDir, typeId)) < atLeast)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "counter " + typeId + " at " + value + " < " + atLeast);
            Thread.sleep(50);
        }
    }

    private static void awaitCounterEquals(final String aeronDir, final int typeId, final long expected)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long value;
        while ((value = value(aeronDir, typeId)) != expected)
        {
            assertTrue(value < expected && System.nanoTime() - deadlineNs < 0,
                "relay forwarded " + value + " messages, the collector published " + expected);
            Thread.sleep(50);
        }
    }

    private static long value(final String aeronDir, final int typeId)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDir))
        {
            return null == counters ? Long.MIN_VALUE : counters.value(typeId, "exchange=KRAKEN");
        }
    }

    private static int freeUdpPort() throws IOException
    {
        while (true)
        {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
            {
                final int port = socket.getLocalPort();
                if (port != 40123 && port != 40124)
                {
                    return port;
                }
            }
        }
    }

    /**
     * Run a command; null when it succeeded, else its output.
     */
    private static String sh(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? null : String.join(" ", command) + ": " + (out.isEmpty() ? "failed" : out);
        }
        catch (final IOException | InterruptedException ex)
        {
            return String.join(" ", command) + ": " + ex;
        }
    }

    private static void require(final String failure)
    {
        assertEquals(null, failure);
    }
}
