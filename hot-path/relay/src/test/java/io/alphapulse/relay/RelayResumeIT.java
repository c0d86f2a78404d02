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

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A relay restarted after a collector restarted while it was down: it resumes the collector recording it was
 * reading, reads the whole recording the restarted collector made meanwhile, follows that collector live, and moves
 * on to the next collector process when that one restarts too. Every message exactly once, in order, no gap record.
 */
class RelayResumeIT
{
    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private Relay relay;

    private final List<String> received = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
    private final TradeEncoder encoder = new TradeEncoder();
    private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
    {
        public void onTrade(final TradeDecoder trade)
        {
            received.add(trade.tradeId() + ":" + trade.sequence());
        }

        public void onFeedEvent(final FeedEventDecoder event)
        {
            gaps.add(event.eventType() + " " + event.expectedSequence() + ">" + event.receivedSequence());
        }
    });
    private final FragmentAssembler assembler =
        new FragmentAssembler((b, offset, length, header) -> reader.read(b, offset, length));
    private Subscription merged;

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(relay, aeron, driver);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldResumeAcrossCollectorRestartsWhileTheRelayWasDown()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        merged = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final Relay.Context relayCtx = new Relay.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .profile(Profile.SHARED)
            .indexDir(tempDir.resolve("index"))
            .checkpointFile(tempDir.resolve("checkpoint.dat"));
        relay = Relay.launch(relayCtx);

        // Collector process A runs with the relay, then on while the relay is down, then stops.
        final ExclusivePublication a = collector();
        publish(a, 1, 0, 1_000);
        await(() -> received.size() == 1_000, "relay's first run");
        relay.close();
        relay = null;
        publish(a, 1, 1_000, 1_500);
        a.close();

        // Collector process B starts while the relay is down: a new session with sequences from 0.
        try (AeronArchive archive = AeronArchive.connect(driver.archiveClientContext().aeron(aeron)
            .ownsAeronClient(false)))
        {
            await(() -> stoppedRecordings(archive) == 1, "collector A's recording to stop");
            final ExclusivePublication b = collector();
            publish(b, 2, 0, 800);
            await(() -> recordedPosition(archive, b.sessionId()) >= b.position(), "collector B's recording");

            relay = Relay.launch(new Relay.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .profile(Profile.SHARED)
                .indexDir(tempDir.resolve("index"))
                .checkpointFile(tempDir.resolve("checkpoint.dat")));
            assertTrue(relay.describe().contains("resumed KRAKEN from recording"), relay.describe());
            await(() -> received.size() == 1_500 + 800, "the resumed relay to read both recordings");

            // B goes on live, then restarts as C, with the relay running throughout.
            publish(b, 2, 800, 1_000);
            await(() -> received.size() == 1_500 + 1_000, "collector B live after the resume");
            b.close();
            await(() -> stoppedRecordings(archive) == 2, "collector B's recording to stop");
            final ExclusivePublication c = collector();
            publish(c, 3, 0, 300);
            await(() -> received.size() == 1_500 + 1_000 + 300, "collector C after B stopped");
            c.close();
        }

        final List<String> expected = new ArrayList<>();
        range(expected, 1, 0, 1_500);
        range(expected, 2, 0, 1_000);
        range(expected, 3, 0, 300);
        assertEquals(expected, received, "every message once, in order");
        assertEquals(List.of(), gaps, "no gap records");
    }

    private ExclusivePublication collector()
    {
        return aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, StreamIds.COLLECTOR_KRAKEN);
    }

    private static void range(final List<String> list, final long process, final long from, final long to)
    {
        for (long sequence = from; sequence < to; sequence++)
        {
            list.add(process * 1_000_000 + sequence + ":" + sequence);
        }
    }

    private void publish(final ExclusivePublication publication, final long process, final long from, final long to)
    {
        for (long sequence = from; sequence < to; sequence++)
        {
            encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).exchangeTimeNs(sequence)
                .receiveTimeNs(sequence).publishTimeNs(sequence).tradeId(process * 1_000_000 + sequence)
                .price(1).quantity(1).sequence(sequence).instrumentId(1).exchange(Exchange.KRAKEN)
                .aggressorSide(AggressorSide.BUY);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (publication.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) < 0)
            {
                merged.poll(assembler, 100);
                assertTrue(System.nanoTime() - deadlineNs < 0, "publication stuck");
                Thread.yield();
            }
        }
    }

    private void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (0 == merged.poll(assembler, 100))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what + "; received " +
                    received.size() + ", last " + (received.isEmpty() ? "none" : received.getLast()));
                Thread.yield();
            }
        }
    }

    private static int stoppedRecordings(final AeronArchive archive)
    {
        final int[] stopped = {0};
        archive.listRecordingsForUri(0, 100, "aeron:ipc", StreamIds.COLLECTOR_KRAKEN,
            (controlSessionId, correlationId, id, startTimestamp, stopTimestamp, startPosition, stopPosition,
            initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, streamId, strippedChannel,
            originalChannel, sourceIdentity) ->
            {
                if (AeronArchive.NULL_POSITION != stopPosition)
                {
                    stopped[0]++;
                }
            });
        return stopped[0];
    }

    private long recordedPosition(final AeronArchive archive, final int sessionId)
    {
        final var counters = aeron.countersReader();
        final int counterId = io.aeron.archive.status.RecordingPos.findCounterIdBySession(
            counters, sessionId, archive.archiveId());
        return org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID == counterId ? -1 :
            counters.getCounterValue(counterId);
    }
}
