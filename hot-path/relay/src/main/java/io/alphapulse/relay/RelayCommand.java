/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.schemas.marketdata.Exchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse relay}.
 */
@Command(
    name = "relay",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Merge the collector streams (Kraken 1001, Coinbase 1002, Binance 1003) into the merged stream 2001:",
        "validate every message (schema, template, length, exchange), track each stream's sequence numbers, publish",
        "a FeedEvent GAP record (exchange, expected, received) when messages are missing, suppress duplicates, and",
        "make sure Aeron Archive records every collector stream and the merged stream.",
        "",
        "Consumers: the engine subscribes to aeron:ipc stream 2001; the bridge to aeron:ipc?tether=false stream",
        "2001, so it can never slow the engine. Needs a running media driver with its archive."
    })
public final class RelayCommand implements Callable<Integer>
{
    @Option(names = "--exchanges", split = ",", paramLabel = "NAME",
        description = "Exchanges to merge (default: kraken,coinbase,binance).")
    List<String> exchanges = List.of("kraken", "coinbase", "binance");

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--input-channel", paramLabel = "URI", description = {
        "Channel the collector streams arrive on (default: ${DEFAULT-VALUE}). For collectors on other hosts, a UDP",
        "endpoint of this host, e.g. aeron:udp?endpoint=10.0.0.2:20121 (collectors use the same URI as --channel)."})
    String inputChannel = io.alphapulse.driver.StreamIds.COLLECTOR_CHANNEL;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared (default) or low-latency.")
    String profile;

    @Option(names = "--no-record", description = "Do not start Archive recordings (and keep no time index).")
    boolean noRecord;

    @Option(names = "--index-dir", paramLabel = "DIR",
        description = "Time index files, one per merged recording (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path indexDir = java.nio.file.Path.of("var", "index");

    @Option(names = "--checkpoint", paramLabel = "FILE",
        description = "Where the relay keeps its place, to resume after a crash (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path checkpointFile = java.nio.file.Path.of("var", "relay", "checkpoint.dat");

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call() throws Exception
    {
        final Relay.Context ctx = new Relay.Context()
            .aeronDirectoryName(null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName())
            .exchanges(exchanges.stream().map(RelayCommand::exchange).toList())
            .inputChannel(inputChannel)
            .profile(null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile))
            .record(!noRecord)
            .indexDir(indexDir)
            .checkpointFile(checkpointFile);
        return io.alphapulse.driver.DriverLoss.run(
            "relay", ctx.aeronDirectoryName(), System.out, () -> Relay.runUntilShutdown(ctx, System.out));
    }

    /**
     * Entry point for running the relay without the launcher (system tests).
     *
     * @param args options as for {@code pulse relay}.
     */
    public static void main(final String[] args)
    {
        System.exit(new picocli.CommandLine(new RelayCommand()).execute(args));
    }

    private static Exchange exchange(final String name)
    {
        try
        {
            return Exchange.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown exchange '" + name + "': use kraken, coinbase or binance");
        }
    }
}
