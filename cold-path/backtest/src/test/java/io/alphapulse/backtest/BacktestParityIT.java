/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.relay.TimeIndex;
import io.alphapulse.strategy.Strategies;
import io.alphapulse.strategy.StrategyParams;
import io.aeron.archive.status.RecordingPos;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtest parity on a real media driver and Archive: a strategy paper-trades live on the merged stream while the
 * Archive records it; the backtest of that recording gives the same orders, fills and result hash; two backtests
 * give the same hash; a backtest from a time starts there through the relay's time index.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BacktestParityIT
{
    private static final long START_NS = 1_900_000_000_000_000_000L;
    private static final long STEP_NS = 1_000_000;
    private static final int MESSAGES = 40_000;
    private static final List<String> PARAMS = List.of("instrument=KRAKEN:BTC-USD", "fast=5", "slow=20",
        "quantity=0.01");

    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private AeronArchive archive;

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(archive, aeron, driver);
    }

    @Test
    void backtestFromTheArchiveReproducesTheLivePaperRun()
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        archive = AeronArchive.connect(driver.archiveClientContext().aeron(aeron).ownsAeronClient(false));
        final Path indexDir = tempDir.resolve("index");

        // Live: the strategy on the merged stream while the Archive records it, as the relay sets it up.
        archive.startRecording(StreamIds.MERGED_CHANNEL, StreamIds.MERGED, SourceLocation.LOCAL);
        final Subscription live = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final ExclusivePublication publication =
            aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final IdleStrategy idle = new BackoffIdleStrategy();
        while (!publication.isConnected() || live.imageCount() == 0 || recordingId(publication) < 0)
        {
            idle.idle();
        }
        final long recordingId = recordingId(publication);

        final BacktestEngine liveEngine = engine();
        final MarketDataAdapter liveAdapter = new MarketDataAdapter(liveEngine, Long.MIN_VALUE, Long.MAX_VALUE);
        final LiveStreamSource liveSource = new LiveStreamSource(live, liveAdapter);
        final SyntheticMergedStream stream = new SyntheticMergedStream(42, START_NS, STEP_NS);
        long middleNs = 0;
        try (TimeIndex index = TimeIndex.open(indexDir, recordingId, 100 * STEP_NS, 1 << 16))
        {
            for (int i = -2; i < MESSAGES; i++)
            {
                final int length = i < 0 ? stream.definition(i + 2) : stream.next();
                index.onMessage(publication.position(), stream.timeNs());
                while (publication.offer(stream.buffer(), 0, length) < 0)
                {
                    idle.idle(liveSource.poll(256));
                }
                liveSource.poll(256);
                if (i == MESSAGES / 2)
                {
                    middleNs = stream.timeNs();
                }
            }
        }
        while (liveAdapter.messages() < MESSAGES + 2)
        {
            idle.idle(liveSource.poll(256));
        }
        while (archive.getRecordingPosition(recordingId) < publication.position())
        {
            idle.idle();
        }
        archive.stopRecording(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final BacktestResult liveResult = liveEngine.finish();
        assertTrue(liveResult.fills().size() > 20, "the strategy trades: " + liveResult.fills().size() + " fills, events " + liveResult.events() + ", orders " + liveResult.orders().stream().limit(5).toList());
        assertTrue(liveResult.orders().stream().anyMatch((o) -> "CANCELLED".equals(o.status())) ||
            liveResult.orders().stream().allMatch((o) -> "FILLED".equals(o.status())));

        // Backtest of the recording: identical orders, fills and hash.
        final BacktestResult replayed = replay(indexDir, Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(liveResult.fills(), replayed.fills());
        assertEquals(liveResult.orders(), replayed.orders());
        assertEquals(liveResult.events(), replayed.events());
        assertEquals(liveResult.hash(), replayed.hash());

        // Deterministic: again, the same hash.
        assertEquals(replayed.hash(), replay(indexDir, Long.MIN_VALUE, Long.MAX_VALUE).hash());

        // From a time: the index gives a start position near it; nothing earlier reaches the strategy.
        final BacktestResult fromMiddle = replay(indexDir, middleNs, Long.MAX_VALUE);
        assertTrue(fromMiddle.firstEventNs() >= middleNs, "first event " + fromMiddle.firstEventNs());
        assertTrue(fromMiddle.events() < replayed.events());
        assertNotEquals(replayed.hash(), fromMiddle.hash());
        assertTrue(TimeIndex.startPositionFor(indexDir, recordingId, middleNs, 0) > 0, "the index was used");
    }

    private BacktestResult replay(final Path indexDir, final long fromNs, final long toNs)
    {
        final BacktestEngine engine = engine();
        final MarketDataAdapter adapter = new MarketDataAdapter(engine, fromNs, toNs);
        final ArchiveReplaySource.Stats stats = ArchiveReplaySource.replay(archive, StreamIds.MERGED_CHANNEL,
            StreamIds.MERGED, indexDir, fromNs, "aeron:ipc", 3_001, adapter, Pacer.parse("max"));
        assertEquals(1, stats.recordings());
        assertEquals(0, adapter.rejected());
        return engine.finish();
    }

    private static BacktestEngine engine()
    {
        return new BacktestEngine(Strategies.create("momentum", StrategyParams.parse(PARAMS)), PARAMS.toString(),
            new BigDecimal("100000"), new BigDecimal("26"), new BigDecimal("16"), TimeUnit.SECONDS.toNanos(1));
    }

    private long recordingId(final ExclusivePublication publication)
    {
        final CountersReader counters = aeron.countersReader();
        final int counterId = RecordingPos.findCounterIdBySession(counters, publication.sessionId(),
            archive.archiveId());
        return CountersReader.NULL_COUNTER_ID == counterId ? -1 : RecordingPos.getRecordingId(counters, counterId);
    }
}
