/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.bench.support.Latencies;
import io.alphapulse.collector.source.SyntheticFrames;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse bench} stage {@code e2e}: the whole hot path, exchange frame to strategy callback, and the warm path
 * to a browser's WebSocket, in one JVM on real parts.
 * <ul>
 *     <li>Collector to strategy: the exchange's JSON frames from its synthetic generator (the same bytes the
 *     exchange sends: acks, snapshots, then trades, book updates and tickers in the {@code MIXED} proportions),
 *     offered at a fixed rate, decoded by the real collector ({@code CollectorAgent}, the exchange's decoder,
 *     exact decimals, books and checksums) and published by {@code MarketDataProxy} on Aeron IPC; a real relay
 *     (recording, as deployed) merges it; the engine's market-data path ({@code MarketDataAdapter} into a
 *     {@code StrategyHost}) dispatches each trade to a strategy's {@code onTrade}, which reads the clock.</li>
 *     <li>Collector to WebSocket client: the same feed through the real bridge (untethered subscription, JSON,
 *     Jetty) to one JDK WebSocket client, timed at its {@code onText}.</li>
 * </ul>
 * Latency is measured from each frame's intended receive time (its place on the fixed schedule, stamped by the
 * collector as the receive time of every message decoded from it) to the callback: a stall anywhere, the feed's
 * hand-over included, is charged to every frame behind it (coordinated omission corrected at the source);
 * HdrHistogram, p50/p99/p99.9/max. Every run checks that every trade published reached the consumer, with no
 * decode error, resync, rejection or unpublished message, and fails otherwise.
 * <p>
 * Anchor: none here. No other collector-to-strategy or collector-to-browser path can run on this machine to compare
 * with (the exchanges cannot be reached, and there is no second implementation); the one hop that has an
 * alternative transport, the relay, is anchored on a Unix domain socket hop in the {@code relay} stage.
 */
public final class E2eStage implements BenchStage
{
    /**
     * Stage name, for {@code --only}.
     */
    public static final String NAME = "e2e";

    /**
     * One line for {@code --list}.
     */
    public static final String DESCRIPTION = "end to end latency p50/p99/p99.9/max (HdrHistogram, coordinated " +
        "omission corrected): exchange JSON frames at 10k and 100k frames/s through collector, Aeron IPC, relay " +
        "and engine to a strategy's onTrade; and through the bridge to a WebSocket client's onText";

    /**
     * The anchor, as written in every record.
     */
    public static final String ANCHOR = "none here (no other collector-to-consumer path runs on this machine; the " +
        "relay stage anchors its hop on a Unix domain socket)";

    private static final String UNIT = "us";

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
    public String description()
    {
        return DESCRIPTION;
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return ANCHOR;
    }

    /**
     * The runs of a quick or full stage.
     *
     * @param quick the quick run.
     * @return runs in order.
     */
    static List<E2eRun.Config> runs(final boolean quick)
    {
        final long warmupNs = TimeUnit.SECONDS.toNanos(quick ? 1 : 3);
        final long measureNs = TimeUnit.SECONDS.toNanos(quick ? 4 : 15);
        final SyntheticFrames.Mix mix = SyntheticFrames.Mix.MIXED;
        final List<E2eRun.Config> runs = new ArrayList<>();
        final List<String> exchanges = quick ? List.of("kraken") : List.of("kraken", "coinbase", "binance");
        for (final String exchange : exchanges)
        {
            for (final int rate : new int[]{10_000, 100_000})
            {
                runs.add(new E2eRun.Config(exchange, mix, rate, E2eRun.Consumer.STRATEGY, warmupNs, measureNs));
            }
        }
        for (final int rate : new int[]{10_000, 100_000})
        {
            runs.add(new E2eRun.Config("kraken", mix, rate, E2eRun.Consumer.WEBSOCKET, warmupNs, measureNs));
        }
        return runs;
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final Profile profile = MediaDriverConfiguration.profile();
        progress.println("  [e2e] profile " + profile + ", " + Runtime.getRuntime().availableProcessors() +
            " cores; each run: its own embedded media driver + Archive, relay (record on), collector, consumer, " +
            "all in this JVM");
        final List<BenchResult> results = new ArrayList<>();
        for (final E2eRun.Config config : runs(quick))
        {
            final boolean strategy = E2eRun.Consumer.STRATEGY == config.consumer();
            progress.println(String.format(Locale.ROOT, "  [e2e] %s %s frames at %,d frames/s to %s: %d s warm-up " +
                "+ %d s measured", config.exchange(), config.mix(), config.framesPerSecond(),
                strategy ? "a strategy's onTrade" : "a WebSocket client's onText",
                TimeUnit.NANOSECONDS.toSeconds(config.warmupNs()), TimeUnit.NANOSECONDS.toSeconds(config.measureNs())));
            final long startNs = System.nanoTime();
            final E2eRun.Outcome outcome = E2eRun.run(config, profile, progress);
            progress.println(String.format(Locale.ROOT, "    %s; %,d frames -> %,d SBE messages, %,d trades, %,d " +
                "delivered; feed at most %.1f us behind schedule, %,d frames found the collector ring full; run %.1f s",
                Latencies.summary(outcome.latency(), UNIT), outcome.frames(), outcome.messagesPublished(),
                outcome.tradesPublished(), outcome.tradesPublished() - outcome.undelivered(),
                Latencies.in(outcome.maxLateNs(), UNIT), outcome.fullRing(), (System.nanoTime() - startNs) / 1e9));
            final String conditions = conditions(config, profile);
            results.addAll(Latencies.results(NAME,
                strategy ? "collector -> strategy onTrade latency" : "collector -> WebSocket client onText latency",
                conditions, outcome.latency(), UNIT, ANCHOR, null));
            if (outcome.dropped() > 0)
            {
                progress.println(String.format(Locale.ROOT, "    NOTE: the collector lost %d of its messages: Aeron " +
                    "refused the offer with ADMIN_ACTION (term rotation) and MarketDataProxy does not retry it; the " +
                    "relay reported the gap", outcome.dropped()));
            }
            results.add(new BenchResult(NAME, "messages the collector lost to ADMIN_ACTION (not retried)" + conditions,
                outcome.dropped(), "messages", null, null));
            if (!strategy)
            {
                results.add(new BenchResult(NAME, "trades published that had not reached the client 10 s after the " +
                    "feed ended" + conditions, outcome.undelivered(), "trades", null, null));
            }
            if (strategy)
            {
                if (outcome.rejected() > 0)
                {
                    progress.println(String.format(Locale.ROOT, "    NOTE: the engine path rejected %d merged " +
                        "messages (%d fragments of messages longer than the MTU were reassembled)", outcome.rejected(),
                        outcome.fragments()));
                }
                results.add(new BenchResult(NAME, "merged messages the engine path rejected" + conditions,
                    outcome.rejected(), "messages", null, null));
            }
        }
        return results;
    }

    /**
     * The conditions written into each figure's metric.
     *
     * @param config  the run.
     * @param profile the profile.
     * @return text starting with a comma.
     */
    static String conditions(final E2eRun.Config config, final Profile profile)
    {
        final boolean strategy = E2eRun.Consumer.STRATEGY == config.consumer();
        return String.format(Locale.ROOT, ", %s %s frames at %,d frames/s, 1 collector, relay record on, %s, " +
            "in-process (1 JVM) [%s]", config.exchange(), config.mix(), config.framesPerSecond(),
            strategy ? "engine market-data path" : "bridge + 1 client on loopback", profile);
    }
}
