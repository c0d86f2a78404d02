/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay with a real media driver and Archive: three publishers on the collector streams, with gaps, a
 * duplicate and foreign bytes injected; the merged stream is read as the engine reads it.
 */
class RelayIT
{
    private static final int MESSAGES_PER_EXCHANGE = 20_000;

    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private Relay relay;

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(relay, aeron, driver);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldMergeEveryMessageExactlyOnceWithExactlyTheExpectedGapRecords()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final Subscription merged = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        relay = Relay.launch(new Relay.Context().aeronDirectoryName(driver.aeronDirectoryName()).profile(Profile.SHARED)
            .indexDir(tempDir.resolve("index")).indexIntervalNs(50).checkpointFile(tempDir.resolve("checkpoint.dat")));

        final Map<Exchange, ExclusivePublication> publications = new EnumMap<>(Exchange.class);
        for (final Exchange exchange : List.of(Exchange.KRAKEN, Exchange.COINBASE, Exchange.BINANCE))
        {
            publications.put(exchange, aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL,
                Relay.streamId(exchange)));
        }

        // Kraken loses 100..104, Coinbase loses 5000 and repeats 7000, Binance is clean; Coinbase's stream also
        // carries foreign bytes the relay must reject.
        final Map<Exchange, Set<Long>> skipped = Map.of(
            Exchange.KRAKEN, Set.of(100L, 101L, 102L, 103L, 104L),
            Exchange.COINBASE, Set.of(5000L),
            Exchange.BINANCE, Set.of());
        final Map<Exchange, List<Long>> published = new EnumMap<>(Exchange.class);
        final Map<Exchange, List<Long>> received = new EnumMap<>(Exchange.class);
        final List<String> gaps = new ArrayList<>();
        final List<long[]> mergedOrder = new ArrayList<>();
        final int[] otherMessages = {0};
        final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onTrade(final TradeDecoder trade)
            {
                received.computeIfAbsent(trade.exchange(), (e) -> new ArrayList<>()).add(trade.sequence());
                mergedOrder.add(new long[]{trade.exchange().value(), trade.sequence(), trade.receiveTimeNs()});
            }

            public void onFeedEvent(final FeedEventDecoder event)
            {
                assertEquals(EventOrigin.RELAY, event.origin());
                assertEquals(FeedEventType.GAP, event.eventType());
                gaps.add(event.exchange() + " " + event.expectedSequence() + ">" + event.receivedSequence());
                mergedOrder.add(new long[]{-event.exchange().value(), event.receivedSequence(), event.receiveTimeNs()});
            }
        });
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            if (MarketDataReader.Result.DISPATCHED != reader.read(buffer, offset, length))
            {
                otherMessages[0]++;
            }
        });

        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final TradeEncoder encoder = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        for (long sequence = 0; sequence < MESSAGES_PER_EXCHANGE; sequence++)
        {
            for (final Map.Entry<Exchange, ExclusivePublication> entry : publications.entrySet())
            {
                final Exchange exchange = entry.getKey();
                if (skipped.get(exchange).contains(sequence))
                {
                    continue;
                }
                encoder.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(sequence).receiveTimeNs(sequence)
                    .publishTimeNs(System.currentTimeMillis() * 1_000_000L).tradeId(sequence).price(100 + sequence)
                    .quantity(1).sequence(sequence).instrumentId(1).exchange(exchange)
                    .aggressorSide(AggressorSide.BUY);
                offer(entry.getValue(), buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(), merged,
                    assembler);
                published.computeIfAbsent(exchange, (e) -> new ArrayList<>()).add(sequence);
                if (Exchange.COINBASE == exchange && 7000 == sequence)
                {
                    offer(entry.getValue(), buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(),
                        merged, assembler);
                    final UnsafeBuffer foreign = new UnsafeBuffer(new byte[32]);
                    foreign.putShort(4, (short)101);
                    offer(entry.getValue(), foreign, 32, merged, assembler);
                }
            }
            merged.poll(assembler, 100);
        }

        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.values().stream().mapToInt(List::size).sum() < 3 * MESSAGES_PER_EXCHANGE - 6)
        {
            if (0 == merged.poll(assembler, 100))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "merged stream incomplete: " + sizes(received));
                Thread.yield();
            }
        }

        assertEquals(published, received, "every message exactly once, in order per exchange");
        assertEquals(List.of("KRAKEN 100>105", "COINBASE 5000>5001"), gaps, "exactly the expected gap records");
        assertEquals(0, otherMessages[0]);

        final ExchangeInput coinbase = relay.agent().inputs()[1];
        assertEquals(1, coinbase.duplicates());
        assertEquals(1, coinbase.rejected());
        assertEquals(1, coinbase.missing());
        assertEquals(5, relay.agent().inputs()[0].missing());

        try (AeronArchive archive = AeronArchive.connect(driver.archiveClientContext().aeron(aeron)
            .ownsAeronClient(false)))
        {
            final Set<Integer> recordedStreams = new HashSet<>();
            archive.listRecordings(0, 100, (controlSessionId, correlationId, recordingId, startTimestamp,
                stopTimestamp, startPosition, stopPosition, initialTermId, segmentFileLength, termBufferLength,
                mtuLength, sessionId, streamId, strippedChannel, originalChannel, sourceIdentity) ->
                recordedStreams.add(streamId));
            assertEquals(Set.of(StreamIds.COLLECTOR_KRAKEN, StreamIds.COLLECTOR_COINBASE,
                StreamIds.COLLECTOR_BINANCE, StreamIds.MERGED), recordedStreams);

            shouldReplayFromATime(archive, mergedOrder);
            shouldReplayACollectorRecordingFromATime(archive, published.get(Exchange.KRAKEN));
        }
    }

    /**
     * The collector recordings are indexed too: Kraken's recording replayed from the index's position for T gives
     * the first published Kraken message at or after T (receive time = sequence here; 100..104 were never sent).
     */
    private void shouldReplayACollectorRecordingFromATime(final AeronArchive archive, final List<Long> published)
    {
        final long[] recording = {Long.MIN_VALUE, 0};
        archive.listRecordingsForUri(0, 10, "aeron:ipc", StreamIds.COLLECTOR_KRAKEN,
            (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition,
            stopPosition, initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId,
            strippedChannel, originalChannel, sourceIdentity) ->
            {
                recording[0] = recordingId;
                recording[1] = startPosition;
            });
        final long recordingId = recording[0];
        final Path indexDir = tempDir.resolve("index");
        assertTrue(java.nio.file.Files.exists(TimeIndex.file(indexDir, recordingId)), "collector recording indexed");
        final long endPosition = archive.getRecordingPosition(recordingId);

        int replayStreamId = 3300;
        for (final long timeNs : new long[]{0, 50, 102, 5_000, 19_999})
        {
            final long expected = published.stream().filter((sequence) -> sequence >= timeNs).findFirst().orElseThrow();
            final long startPosition = TimeIndex.startPositionFor(indexDir, recordingId, timeNs, recording[1]);
            final long[] first = {Long.MIN_VALUE};
            final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    if (Long.MIN_VALUE == first[0] && trade.receiveTimeNs() >= timeNs)
                    {
                        first[0] = trade.sequence();
                    }
                }
            });
            try (Subscription replay = archive.replay(recordingId, startPosition, endPosition - startPosition,
                "aeron:ipc", replayStreamId++))
            {
                final FragmentAssembler assembler =
                    new FragmentAssembler((buffer, offset, length, header) -> reader.read(buffer, offset, length));
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (Long.MIN_VALUE == first[0])
                {
                    if (0 == replay.poll(assembler, 100))
                    {
                        assertTrue(System.nanoTime() - deadlineNs < 0, "nothing at or after " + timeNs);
                        Thread.yield();
                    }
                }
            }
            assertEquals(expected, first[0], "collector recording, time " + timeNs);
            if (timeNs >= 5_000)
            {
                assertTrue(startPosition > recording[1], "the index skips ahead for time " + timeNs);
            }
        }
    }

    /**
     * Replay by time: for many times T, replaying the merged recording from the index's position for T and skipping
     * what is earlier gives exactly the first message at or after T in stream order.
     */
    private void shouldReplayFromATime(final AeronArchive archive, final List<long[]> mergedOrder)
    {
        final long recordingId = relay.mergedRecordingId();
        final long endPosition = archive.getRecordingPosition(recordingId);
        final Path indexDir = tempDir.resolve("index");
        assertTrue(java.nio.file.Files.exists(TimeIndex.file(indexDir, recordingId)), "time index written");

        int replayStreamId = 3001;
        for (final long timeNs : new long[]{0, 1, 99, 100, 4_999, 5_000, 5_001, 12_345, 19_999})
        {
            final long[] expected = mergedOrder.stream().filter((m) -> m[2] >= timeNs).findFirst().orElseThrow();
            final long startPosition = TimeIndex.startPositionFor(indexDir, recordingId, timeNs, 0);
            final long[] found = new long[1];
            final long[][] first = new long[1][];
            final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    found[0]++;
                    if (null == first[0] && trade.receiveTimeNs() >= timeNs)
                    {
                        first[0] = new long[]{trade.exchange().value(), trade.sequence(), trade.receiveTimeNs()};
                    }
                }

                public void onFeedEvent(final FeedEventDecoder event)
                {
                    if (null == first[0] && event.receiveTimeNs() >= timeNs)
                    {
                        first[0] = new long[]{-event.exchange().value(), event.receivedSequence(),
                            event.receiveTimeNs()};
                    }
                }
            });
            try (Subscription replay = archive.replay(recordingId, startPosition, endPosition - startPosition,
                "aeron:ipc", replayStreamId++))
            {
                final FragmentAssembler assembler =
                    new FragmentAssembler((buffer, offset, length, header) -> reader.read(buffer, offset, length));
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (null == first[0])
                {
                    if (0 == replay.poll(assembler, 100))
                    {
                        assertTrue(System.nanoTime() - deadlineNs < 0, "nothing at or after " + timeNs);
                        Thread.yield();
                    }
                }
            }
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(first[0]), "time " + timeNs);
            if (timeNs >= 5_000)
            {
                assertTrue(startPosition > 0, "the index should skip ahead for time " + timeNs);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStartLiveWhenTheCheckpointBelongsToAnotherArchive()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));

        final Path checkpointFile = tempDir.resolve("stale-checkpoint.dat");
        try (RelayCheckpoint stale = RelayCheckpoint.open(checkpointFile))
        {
            stale.forwarded(Exchange.KRAKEN, 42, 1_000, 302_509_024);
            stale.merged(43, 1_000_000);
        }

        final Subscription merged = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        relay = Relay.launch(new Relay.Context().aeronDirectoryName(driver.aeronDirectoryName()).profile(Profile.SHARED)
            .indexDir(tempDir.resolve("index")).checkpointFile(checkpointFile));
        final ExclusivePublication kraken =
            aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, StreamIds.COLLECTOR_KRAKEN);

        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final TradeEncoder encoder = new TradeEncoder();
        final List<Long> received = new ArrayList<>();
        final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onTrade(final TradeDecoder trade)
            {
                received.add(trade.sequence());
            }
        });
        final FragmentAssembler assembler =
            new FragmentAssembler((b, offset, length, header) -> reader.read(b, offset, length));
        for (long sequence = 0; sequence < 100; sequence++)
        {
            encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).exchangeTimeNs(sequence)
                .receiveTimeNs(sequence).publishTimeNs(sequence).tradeId(sequence).price(1).quantity(1)
                .sequence(sequence).instrumentId(1).exchange(Exchange.KRAKEN).aggressorSide(AggressorSide.BUY);
            offer(kraken, buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(), merged, assembler);
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.size() < 100)
        {
            if (0 == merged.poll(assembler, 100))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "relay did not serve the live stream: " + received);
                Thread.yield();
            }
        }
        assertEquals(0L, received.get(0), "started from the live stream, not from the stale checkpoint");
    }

    private static Map<Exchange, Integer> sizes(final Map<Exchange, List<Long>> received)
    {
        final Map<Exchange, Integer> sizes = new EnumMap<>(Exchange.class);
        received.forEach((exchange, list) -> sizes.put(exchange, list.size()));
        return sizes;
    }

    private static void offer(
        final ExclusivePublication publication,
        final UnsafeBuffer buffer,
        final int length,
        final Subscription merged,
        final FragmentAssembler assembler)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (publication.offer(buffer, 0, length) < 0)
        {
            merged.poll(assembler, 100);
            assertTrue(System.nanoTime() - deadlineNs < 0, "publication stuck");
            Thread.yield();
        }
    }
}
