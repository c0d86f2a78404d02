/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.alphapulse.engine.LedgerClientOptions;
import io.alphapulse.engine.LedgerTransportOption;
import io.alphapulse.engine.MergedStreamOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    LedgerClientOptions ledgerClient;

    @Mixin
    LedgerTransportOption ledgerTransport;

    @Option(names = "--maker-fee-bps", description = "Default: ${DEFAULT-VALUE}.")
    long makerFeeBps = 10;

    @Option(names = "--taker-fee-bps", description = "Default: ${DEFAULT-VALUE}.")
    long takerFeeBps = 20;

    @Mixin
    MergedStreamOptions mergedStream;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call() throws Exception
    {
        final PaperVenueProcess.Context ctx = new PaperVenueProcess.Context()
            .aeronDirectoryName(ledgerClient.aeronDirectoryName())
            .mergedStream(mergedStream.channel(), mergedStream.stream())
            .fees(makerFeeBps, takerFeeBps)
            .profile(mergedStream.profile());
        ctx.ledgerTransport(ledgerTransport.ledgerTransport());
        if (null != ledgerClient.ledgerEndpoints())
        {
            ctx.ledgerEndpoints(ledgerClient.ledgerEndpoints());
        }
        return io.alphapulse.driver.DriverLoss.run(
            "venue", ctx.aeronDirectoryName, System.out, () -> PaperVenueProcess.runUntilShutdown(ctx, System.out));
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
