/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse collector}: one exchange's collector process.
 */
@Command(
    name = "collector",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Run one exchange's collector: exchange JSON in, SBE market data with exact fixed-point decimals, three",
        "timestamps and sequence numbers out, on Aeron IPC. One process per exchange: a crash or reconnect of one",
        "never affects another. Needs a running media driver (`ops/pulse media-driver`).",
        "",
        "Sources:",
        "  live       the exchange WebSocket (default endpoint: the public production URL)",
        "  replay     a JSONL file of raw frames (as recorded, or this command's own --capture)",
        "  synthetic  generated frames in the exchange's own format, at --rate frames/s (the demo's source)",
        "",
        "Examples:",
        "  ops/pulse collector --exchange kraken --symbols BTC-USD,ETH-USD",
        "  ops/pulse collector --exchange binance --symbols BTC-USDT --source synthetic --rate 5000",
        "  ops/pulse collector --exchange coinbase --symbols BTC-USD --source replay --replay capture.jsonl --paced"
    })
public final class CollectorCommand implements Callable<Integer>
{
    @Option(names = "--exchange", required = true, paramLabel = "NAME", description = "kraken, coinbase or binance.")
    String exchange;

    @Option(names = "--symbols", required = true, split = ",", paramLabel = "SYMBOL",
        description = "Canonical symbols BASE-QUOTE, comma-separated, e.g. BTC-USD,ETH-USD (Binance: BTC-USDT).")
    List<String> symbols;

    @Option(names = "--source", paramLabel = "KIND", description = "live, replay or synthetic (default: live).")
    String source = "live";

    @Option(names = "--endpoint", paramLabel = "URI", description = "WebSocket endpoint (default: the exchange's).")
    URI endpoint;

    @Option(names = "--rest-endpoint", paramLabel = "URI",
        description = "REST endpoint for depth snapshots (Binance; default https://api.binance.com).")
    URI restEndpoint;

    @Option(names = "--replay", paramLabel = "FILE", description = "Frames to replay (with --source replay).")
    Path replayFile;

    @Option(names = "--paced", description = "Replay with the recorded spacing (captures carry receive times).")
    boolean paced;

    @Option(names = "--rate", paramLabel = "N", description = "Synthetic frames per second (default: ${DEFAULT-VALUE}).")
    long rate = CollectorConfiguration.SYNTHETIC_RATE_DEFAULT;

    @Option(names = "--seed", paramLabel = "N", description = "Synthetic random seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--capture", paramLabel = "FILE",
        description = "Also append every raw frame with its receive time to FILE (JSONL), to re-decode later.")
    Path capture;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--channel", paramLabel = "URI", description = {
        "Publication channel (default: ${DEFAULT-VALUE}). For a relay on another host, its UDP endpoint, e.g.",
        "aeron:udp?endpoint=10.0.0.2:20121 (the relay's --input-channel)."})
    String channel = io.alphapulse.driver.StreamIds.COLLECTOR_CHANNEL;

    @Option(names = "--stream-id", paramLabel = "ID",
        description = "Aeron stream (default: 1001 Kraken, 1002 Coinbase, 1003 Binance).")
    int streamId;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared (default) or low-latency.")
    String profile;

    @Option(names = "--instruments-file", paramLabel = "FILE",
        description = "Where ids of symbols outside the catalogue are kept (default: var/instruments-<exchange>.csv).")
    Path registryFile;

    @Option(names = "--stale-ms", paramLabel = "MS",
        description = "Silence on a subscription that counts as stale (default: ${DEFAULT-VALUE}).")
    long staleMs = CollectorConfiguration.STALE_TIMEOUT_NS_DEFAULT / 1_000_000L;

    @Option(names = "--idle-ms", paramLabel = "MS",
        description = "Silence on the connection that counts as dead (default: ${DEFAULT-VALUE}).")
    long idleMs = CollectorConfiguration.IDLE_TIMEOUT_NS_DEFAULT / 1_000_000L;

    @Option(names = "--frame-buffer-mb", paramLabel = "MB",
        description = "Frame ring size, a power of two; the largest frame is an eighth (default: ${DEFAULT-VALUE}).")
    int frameBufferMb = CollectorConfiguration.FRAME_BUFFER_BYTES_DEFAULT / (1024 * 1024);

    /**
     * Run the collector until Ctrl-C, or to the end of a replay.
     *
     * @return exit code.
     */
    public Integer call() throws Exception
    {
        final Collector.Context ctx = new Collector.Context()
            .protocol(ExchangeProtocols.forName(exchange))
            .symbols(symbols.stream().map((s) -> s.trim().toUpperCase(Locale.ROOT)).toList())
            .source(parseSource(source))
            .endpoint(endpoint)
            .restEndpoint(restEndpoint)
            .replayFile(replayFile)
            .paced(paced)
            .syntheticRate(rate)
            .seed(seed)
            .captureFile(capture)
            .aeronDirectoryName(null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName())
            .channel(channel)
            .streamId(streamId)
            .profile(null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile))
            .registryFile(registryFile)
            .staleTimeoutNs(staleMs * 1_000_000L)
            .idleTimeoutNs(idleMs * 1_000_000L)
            .frameBufferBytes(frameBufferMb * 1024 * 1024);

        return io.alphapulse.driver.DriverLoss.run("collector-" + exchange.toLowerCase(Locale.ROOT),
            ctx.aeronDirectoryName(), System.out, () -> Collector.runUntilShutdown(ctx, System.out));
    }

    private static Collector.Source parseSource(final String name)
    {
        try
        {
            return Collector.Source.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown source '" + name + "': use live, replay or synthetic");
        }
    }
}
