/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.cluster.client.EgressListener;
import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.driver.MediaDriverConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse ledger admin}.
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Send administrative messages to a running ledger (through its log, like every other change):",
        "deposits, risk limits of a portfolio (or of one instrument in it) and the kill switch.",
        "Needs the system's media driver (--aeron-dir) for the client."
    })
public final class LedgerAdminCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "Aeron directory of this host's media driver.")
    String aeronDir;

    @Option(names = "--ledger-endpoints", paramLabel = "ENDPOINTS",
        description = "Members' ingress endpoints, 0=host:port,... (default: one member on localhost:" +
        LedgerConfiguration.BASE_PORT_DEFAULT + ").")
    String endpoints = LedgerConfiguration.ingressEndpoints("localhost", LedgerConfiguration.BASE_PORT_DEFAULT, 1);

    @Option(names = "--portfolio", description = "Portfolio (default: ${DEFAULT-VALUE}).")
    int portfolio = 1;

    @Option(names = "--deposit", paramLabel = "ASSET=AMOUNT", description = "Pay cash in, e.g. USD=1000000.")
    String deposit;

    @Option(names = "--kill-switch", paramLabel = "on|off", description = "Stop (cancelling open orders) or resume.")
    String killSwitch;

    @Option(names = "--limits", description = "Send risk limits (the options below; 0 = no limit).")
    boolean limits;

    @Option(names = "--instrument", paramLabel = "ID", description = "Limits for this instrument only.")
    int instrument = Ledger.ALL_INSTRUMENTS;

    @Option(names = "--quantity-scale", description = "Scale of the quantity limits (default: ${DEFAULT-VALUE}).")
    int quantityScale = 8;

    @Option(names = "--max-order-quantity", paramLabel = "DECIMAL", description = "Default: ${DEFAULT-VALUE}.")
    String maxOrderQuantity = "1";

    @Option(names = "--max-position", paramLabel = "DECIMAL", description = "Default: ${DEFAULT-VALUE}.")
    String maxPosition = "5";

    @Option(names = "--max-notional", paramLabel = "DECIMAL", description = "Quote asset; default: ${DEFAULT-VALUE}.")
    String maxNotional = "100000";

    @Option(names = "--price-band-bps", description = "Default: ${DEFAULT-VALUE}.")
    long priceBandBps = 500;

    @Option(names = "--max-orders-per-second", description = "Per strategy; default: ${DEFAULT-VALUE}.")
    long maxOrdersPerSecond = 50;

    /**
     * Send and exit.
     *
     * @return exit code.
     */
    public Integer call()
    {
        final String dir = null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName();
        MediaDriverConfiguration.requireDriver(dir);
        final EgressListener ignore = (sessionId, timestamp, buffer, offset, length, header) ->
        {
        };
        try (LedgerClient client = LedgerClient.connect(
            new LedgerClient.Context().aeronDirectoryName(dir).ingressEndpoints(endpoints), ignore))
        {
            final LedgerProxy proxy = new LedgerProxy(client);
            int sent = 0;
            if (null != deposit)
            {
                final int eq = deposit.indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("--deposit " + deposit + " is not ASSET=AMOUNT");
                }
                sent += send(proxy.deposit(0, portfolio, deposit.substring(0, eq).toUpperCase(Locale.ROOT),
                    DecimalCodec.parse(deposit.substring(eq + 1), Ledger.CASH_SCALE)));
            }
            if (limits)
            {
                sent += send(proxy.riskLimits(0, portfolio, instrument,
                    DecimalCodec.parse(maxOrderQuantity, quantityScale), DecimalCodec.parse(maxPosition, quantityScale),
                    DecimalCodec.parse(maxNotional, Ledger.CASH_SCALE), priceBandBps, maxOrdersPerSecond));
            }
            if (null != killSwitch)
            {
                final boolean on = switch (killSwitch.toLowerCase(Locale.ROOT))
                {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("--kill-switch " + killSwitch + ": use on or off");
                };
                sent += send(proxy.killSwitch(0, portfolio, on, "pulse ledger admin"));
            }
            System.out.println("sent " + sent + " message(s) to the ledger at " + endpoints);
        }
        return 0;
    }

    private static int send(final boolean sent)
    {
        if (!sent)
        {
            throw new IllegalStateException("the ledger did not take the message");
        }
        return 1;
    }
}
