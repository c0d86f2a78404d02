/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of a relay process mid-stream and a restart: the merged output, read as the engine reads it,
 * holds everything the collectors published exactly once, in order per exchange, with no gap records.
 */
class RelayCrashSystemTest
{
    private static final int MESSAGES_PER_EXCHANGE = 60_000;
    private static final long PUBLISH_INTERVAL_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final Exchange[] EXCHANGES = {Exchange.KRAKEN, Exchange.COINBASE, Exchange.BINANCE};

    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private final List<Process> relays = new ArrayList<>();

    @AfterEach
    void tearDown()
    {
        relays.forEach(Process::destroyForcibly);
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLoseAndDuplicateNothingAcrossKillMinus9() throws Exception
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));

        // Preallocated and written by the consumer thread only: the consumer must keep up with the relay, or the
        // dead relay's publication could be freed before it is drained.
        final int capacity = 4 * MESSAGES_PER_EXCHANGE;
        final long[] receivedExchange = new long[capacity];
        final long[] receivedSequence = new long[capacity];
        final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        final AtomicLong gapRecords = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Subscription live = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final Thread consumer = new Thread(() ->
        {
            final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    final int index = count.get();
                    if (index < capacity)
                    {
                        receivedExchange[index] = trade.exchange().value();
                        receivedSequence[index] = trade.sequence();
                    }
                    count.lazySet(index + 1);
                }

                public void onFeedEvent(final FeedEventDecoder event)
                {
                    gapRecords.incrementAndGet();
                }
            });
            final FragmentAssembler assembler =
                new FragmentAssembler((buffer, offset, length, header) -> reader.read(buffer, offset, length));
            while (running.get())
            {
                if (0 == live.poll(assembler, 256))
                {
                    Thread.yield();
                }
            }
        }, "merged-consumer");
        consumer.start();

        final Process relayA = startRelay("relay-a");
        // Collectors start after the relay, as in the demo: the relay's subscriptions and recordings exist first.
        awaitCondition("relay A up", () -> relayRunning(), 60);
        final Thread publisher = new Thread(this::publish, "collectors");
        publisher.start();

        awaitCondition("a third of the stream through relay A",
            () -> count.get() >= MESSAGES_PER_EXCHANGE, 60);
        relayA.destroyForcibly().waitFor();
        final int beforeRestart = count.get();

        final Process relayB = startRelay("relay-b");
        publisher.join(TimeUnit.SECONDS.toMillis(90));
        running.set(false);
        consumer.join();
        assertTrue(beforeRestart < 3 * MESSAGES_PER_EXCHANGE, "the kill happened mid-stream");

        // The merged recordings are the system of record: every session of the merged stream, in order. (A live
        // IPC consumer that lags a killed relay can lose that relay's unread tail when the driver reaps it; lossless
        // consumers read the Archive, as the DB writer does.)
        final List<long[]> merged = new ArrayList<>();
        final long[] gapRecordsInArchive = {0};
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            merged.clear();
            gapRecordsInArchive[0] = 0;
            readMergedRecordings(merged, gapRecordsInArchive);
            if (merged.size() >= 3 * MESSAGES_PER_EXCHANGE || System.nanoTime() - deadlineNs >= 0)
            {
                break;
            }
            Thread.yield();
        }

        final List<List<Long>> perExchange = new ArrayList<>();
        for (int i = 0; i <= 3; i++)
        {
            perExchange.add(new ArrayList<>());
        }
        for (final long[] message : merged)
        {
            perExchange.get((int)message[0]).add(message[1]);
        }
        final String context = "merged recordings hold " + merged.size() + " trades:\n" + diagnostics +
            "relay-b.log:\n" +
            java.nio.file.Files.readString(tempDir.resolve("relay-b.log"));
        relayB.destroy();
        for (final Exchange exchange : EXCHANGES)
        {
            final List<Long> sequences = perExchange.get(exchange.value());
            assertEquals(MESSAGES_PER_EXCHANGE, sequences.size(), exchange + ": no loss, no duplicates; " + context);
            for (int i = 0; i < MESSAGES_PER_EXCHANGE; i++)
            {
                assertEquals(i, sequences.get(i), exchange + ": in order at " + i);
            }
        }
        assertEquals(0, gapRecordsInArchive[0], "no gap records: nothing was missing");
    }

    private final StringBuilder diagnostics = new StringBuilder();

    private void readMergedRecordings(final List<long[]> merged, final long[] gapRecords)
    {
        diagnostics.setLength(0);
        try (io.aeron.archive.client.AeronArchive archive = io.aeron.archive.client.AeronArchive.connect(
            driver.archiveClientContext().aeron(aeron).ownsAeronClient(false)))
        {
            final java.util.TreeMap<Long, long[]> recordings = new java.util.TreeMap<>();
            archive.listRecordingsForUri(0, 100, "aeron:ipc", StreamIds.MERGED,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
                stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId,
                strippedChannel, originalChannel, sourceIdentity) ->
                recordings.put(recordingId, new long[]{startPosition, stopPosition}));

            final long[][] range = new long[4][];
            final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    merged.add(new long[]{trade.exchange().value(), trade.sequence()});
                    final int e = trade.exchange().value();
                    if (null == range[e])
                    {
                        range[e] = new long[]{trade.sequence(), trade.sequence(), 0};
                    }
                    range[e][1] = trade.sequence();
                    range[e][2]++;
                }

                public void onFeedEvent(final FeedEventDecoder event)
                {
                    gapRecords[0]++;
                }
            });
            int replayStreamId = 3500;
            for (final java.util.Map.Entry<Long, long[]> recording : recordings.entrySet())
            {
                final long recordingId = recording.getKey();
                final long start = recording.getValue()[0];
                final long active = archive.getRecordingPosition(recordingId);
                final long end = io.aeron.archive.client.AeronArchive.NULL_POSITION == active ?
                    recording.getValue()[1] : active;
                if (end <= start)
                {
                    continue;
                }
                java.util.Arrays.fill(range, null);
                try (Subscription replay = archive.replay(recordingId, start, end - start, "aeron:ipc",
                    replayStreamId++))
                {
                    final FragmentAssembler assembler = new FragmentAssembler(
                        (buffer, offset, length, header) -> reader.read(buffer, offset, length));
                    while (replay.imageCount() == 0 || replay.imageAtIndex(0).position() < end)
                    {
                        if (0 == replay.poll(assembler, 256))
                        {
                            Thread.yield();
                        }
                    }
                }
                final StringBuilder line = new StringBuilder("recording " + recordingId + " [" + start + ", " + end +
                    "]:");
                for (int e = 1; e <= 3; e++)
                {
                    line.append(' ').append(null == range[e] ? "-" : range[e][0] + ".." + range[e][1] + " (" +
                        range[e][2] + ")");
                }
                diagnostics.append(line).append('\n');
            }
        }
    }

    private boolean relayRunning()
    {
        final boolean[] found = {false};
        aeron.countersReader().forEach((counterId, typeId, keyBuffer, label) ->
            found[0] |= io.alphapulse.driver.RelayCounterTypes.MAX_CYCLE_TIME_NS == typeId);
        return found[0];
    }

    private void publish()
    {
        final List<ExclusivePublication> publications = new ArrayList<>();
        for (final Exchange exchange : EXCHANGES)
        {
            publications.add(aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, Relay.streamId(exchange)));
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final TradeEncoder encoder = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        long nextNs = System.nanoTime();
        for (long sequence = 0; sequence < MESSAGES_PER_EXCHANGE; sequence++)
        {
            for (int i = 0; i < EXCHANGES.length; i++)
            {
                encoder.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(sequence).receiveTimeNs(sequence)
                    .publishTimeNs(sequence).tradeId(sequence).price(1).quantity(1).sequence(sequence)
                    .instrumentId(1).exchange(EXCHANGES[i]).aggressorSide(AggressorSide.SELL);
                while (publications.get(i).offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH +
                    encoder.encodedLength()) < 0)
                {
                    Thread.yield();
                }
            }
            // 10,000 messages a second per exchange, paced by parking in batches: a spinning publisher would take a
            // whole core of this 2-core machine from the relay, the archive and the consumer.
            nextNs += PUBLISH_INTERVAL_NS;
            if (0 == (sequence & 31))
            {
                final long waitNs = nextNs - System.nanoTime();
                if (waitNs > 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(waitNs);
                }
            }
        }
    }

    private Process startRelay(final String name) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            RelayCommand.class.getName(),
            "--aeron-dir", driver.aeronDirectoryName(),
            "--profile", "shared",
            "--index-dir", tempDir.resolve("index").toString(),
            "--checkpoint", tempDir.resolve("checkpoint.dat").toString()));
        final File log = tempDir.resolve(name + ".log").toFile();
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        relays.add(process);
        return process;
    }

    private static void awaitCondition(final String what, final java.util.function.BooleanSupplier condition,
        final int seconds)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                if (0 == seconds)
                {
                    return;
                }
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }
}
