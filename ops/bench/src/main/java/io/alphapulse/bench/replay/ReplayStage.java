/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.replay;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.alphapulse.backtest.ArchiveReplaySource;
import io.alphapulse.backtest.BacktestEngine;
import io.alphapulse.backtest.MarketDataAdapter;
import io.alphapulse.backtest.Pacer;
import io.alphapulse.backtest.SyntheticMergedStream;
import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.export.LakeBenchData;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.strategy.Strategies;
import io.alphapulse.strategy.StrategyParams;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse bench} stage {@code replay}: a backtest's Archive replay of the merged stream into a strategy at
 * maximum speed (replay, SBE validation and decode, strategy, paper fills, accounting), in messages/s; anchored on
 * the same replay delivering the messages to a handler that only counts them. Best of two rounds.
 */
public final class ReplayStage implements BenchStage
{
    /**
     * Stage name.
     */
    public static final String NAME = "replay";

    private static final List<String> PARAMS = List.of("instrument=KRAKEN:BTC-USD", "fast=10", "slow=30",
        "quantity=0.01");

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return "a bare Archive replay of the same recording with no strategy, same run";
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return "Archive replay of the merged stream into a strategy at max speed (goal >= 2M msgs/s), anchored on " +
            "the bare replay";
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final int messages = quick ? 1_000_000 : 5_000_000;
        final Path dir = Files.createTempDirectory("alphapulse-bench-replay");
        try (PulseMediaDriver driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .archiveDirectoryName(dir.resolve("archive").toString()));
            AeronArchive archive = AeronArchive.connect(driver.archiveClientContext()))
        {
            progress.printf(Locale.ROOT, "  recording %,d merged-stream messages%n", messages);
            record(archive, messages);
            double bestStrategy = 0;
            double bestBare = 0;
            for (int round = 0; round < 2; round++)
            {
                final BacktestEngine engine = new BacktestEngine(
                    Strategies.create("momentum", StrategyParams.parse(PARAMS)), PARAMS.toString(),
                    new BigDecimal("100000"), 26, 16,
                    TimeUnit.MINUTES.toNanos(1));
                final MarketDataAdapter adapter = new MarketDataAdapter(engine, Long.MIN_VALUE, Long.MAX_VALUE);
                long startNs = System.nanoTime();
                ArchiveReplaySource.replay(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED,
                    dir.resolve("no-index"), Long.MIN_VALUE, "aeron:ipc", 3_100 + round, adapter, Pacer.parse("max"));
                final double strategyRate = adapter.messages() * 1e9 / (System.nanoTime() - startNs);
                final int fills = engine.finish().fills().size();
                if (adapter.messages() != messages + 2)
                {
                    throw new IllegalStateException("replayed " + adapter.messages() + " of " + (messages + 2));
                }

                final CountingAdapter counter = new CountingAdapter();
                startNs = System.nanoTime();
                final long bare = counter.replay(archive, 3_200 + round);
                final double bareRate = bare * 1e9 / (System.nanoTime() - startNs);
                progress.printf(Locale.ROOT, "  round %d: into the strategy %,.0f msgs/s (%d fills); bare replay " +
                    "%,.0f msgs/s%n", round + 1, strategyRate, fills, bareRate);
                bestStrategy = Math.max(bestStrategy, strategyRate);
                bestBare = Math.max(bestBare, bareRate);
            }
            return List.of(new BenchResult(NAME, "Archive replay into a strategy, max speed (" + messages +
                " msgs)", bestStrategy, "msgs/s", "bare Archive replay, counting only", bestBare));
        }
        finally
        {
            LakeBenchData.deleteRecursively(dir);
        }
    }

    private static void record(final AeronArchive archive, final int messages)
    {
        final Aeron aeron = archive.context().aeron();
        archive.startRecording(StreamIds.MERGED_CHANNEL, StreamIds.MERGED, SourceLocation.LOCAL);
        final IdleStrategy idle = new BackoffIdleStrategy();
        try (ExclusivePublication publication =
            aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED))
        {
            while (!publication.isConnected())
            {
                idle.idle();
            }
            final SyntheticMergedStream stream = new SyntheticMergedStream(1, 1_900_000_000_000_000_000L, 100_000);
            for (int i = -2; i < messages; i++)
            {
                final int length = i < 0 ? stream.definition(i + 2) : stream.next();
                while (publication.offer(stream.buffer(), 0, length) < 0)
                {
                    idle.idle();
                }
            }
            final long end = publication.position();
            final long recordingId = io.alphapulse.driver.RecordingChain.list(archive, StreamIds.MERGED_CHANNEL,
                StreamIds.MERGED).last().recordingId();
            while (archive.getRecordingPosition(recordingId) < end)
            {
                idle.idle();
            }
        }
        archive.stopRecording(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
    }

    /**
     * The bare replay: the same Archive replay, each message only counted.
     */
    private static final class CountingAdapter
    {
        long replay(final AeronArchive archive, final int replayStreamId)
        {
            final io.alphapulse.driver.RecordingChain.Recording recording = io.alphapulse.driver.RecordingChain
                .list(archive, StreamIds.MERGED_CHANNEL, StreamIds.MERGED).last();
            final long[] count = new long[1];
            final IdleStrategy idle = new BackoffIdleStrategy();
            try (io.aeron.Subscription subscription = archive.replay(recording.recordingId(),
                recording.startPosition(), recording.stopPosition() - recording.startPosition(), "aeron:ipc",
                replayStreamId))
            {
                while (subscription.imageCount() == 0)
                {
                    idle.idle();
                }
                final io.aeron.Image image = subscription.imageAtIndex(0);
                final io.aeron.logbuffer.FragmentHandler handler = (buffer, offset, length, header) -> count[0]++;
                while (image.position() < recording.stopPosition() && !image.isClosed())
                {
                    idle.idle(image.poll(handler, 1024));
                }
            }
            return count[0];
        }
    }
}
