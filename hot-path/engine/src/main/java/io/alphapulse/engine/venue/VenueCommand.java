/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.StreamIds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code pulse venue}.
 */
@Command(
    name = "venue",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Run the paper venue: fill the ledger's accepted orders against the live L2 books of the merged stream",
        "(a limit order fills when the book crosses it, partial fills limited by the quantity at each level, IOC",
        "remainders cancelled, maker and taker fees) and send the fills into the ledger's log as venue reports.",
        "Its own process, like a real venue gateway. Needs the system's media driver and a running ledger."
    })
public final class VenueCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--ledger-endpoints", paramLabel = "ENDPOINTS",
        description = "Ledger ingress endpoints, 0=host:port,... (default: one member on localhost:20100).")
    String ledgerEndpoints;

    @Option(names = "--maker-fee-bps", description = "Default: ${DEFAULT-VALUE}.")
    long makerFeeBps = 10;

    @Option(names = "--taker-fee-bps", description = "Default: ${DEFAULT-VALUE}.")
    long takerFeeBps = 20;

    @Option(names = "--channel", description = "Merged stream channel (default: ${DEFAULT-VALUE}).")
    String channel = StreamIds.MERGED_CHANNEL;

    @Option(names = "--stream", description = "Merged stream id (default: ${DEFAULT-VALUE}).")
    int stream = StreamIds.MERGED;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared (default) or low-latency.")
    String profile;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call()
    {
        final PaperVenueProcess.Context ctx = new PaperVenueProcess.Context()
            .aeronDirectoryName(null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName())
            .mergedStream(channel, stream)
            .fees(makerFeeBps, takerFeeBps)
            .profile(null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile));
        if (null != ledgerEndpoints)
        {
            ctx.ledgerEndpoints(ledgerEndpoints);
        }
        MediaDriverConfiguration.requireDriver(ctx.aeronDirectoryName);
        PaperVenueProcess.runUntilShutdown(ctx, System.out);
        return 0;
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse venue}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new VenueCommand()).execute(args));
    }
}
