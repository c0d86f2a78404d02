/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.ledger.Ledger;
import io.alphapulse.strategy.Strategies;
import io.alphapulse.strategy.StrategyParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse engine}.
 */
@Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Run a strategy: consume the merged stream (aeron:ipc stream 2001, tethered), keep L2 books per instrument",
        "and exchange, dispatch trades, books, tickers and feed events (gaps, resyncs, stale feeds) to the strategy,",
        "send its orders to the ledger cluster and route the ledger's execution reports back to it.",
        "",
        "Strategies: cross-exchange-spread (spread), ma-momentum (momentum); parameters with --param key=value",
        "(see README, 'Sample strategies'). At start the engine registers the instrument catalogue with the ledger",
        "and sends its portfolio's default risk limits (--no-limits to leave them as they are).",
        "Needs the system's media driver and a running ledger (`pulse ledger`)."
    })
public final class EngineCommand implements Callable<Integer>
{
    @Option(names = "--strategy", required = true, paramLabel = "NAME",
        description = "cross-exchange-spread | ma-momentum (or spread | momentum).")
    String strategy;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Strategy parameter; repeat for more.")
    List<String> params;

    @Mixin
    LedgerClientOptions ledgerClient;

    @Mixin
    LedgerTransportOption ledgerTransport;

    @Option(names = "--strategy-id", description = "Strategy id in orders (default: ${DEFAULT-VALUE}).")
    int strategyId = 1;

    @Option(names = "--portfolio", description = "Portfolio traded (default: ${DEFAULT-VALUE}).")
    int portfolio = 1;

    @Mixin
    MergedStreamOptions mergedStream;

    @Option(names = "--no-limits", description = "Do not send the portfolio's default risk limits at start.")
    boolean noLimits;

    @Option(names = "--max-order-quantity", paramLabel = "DECIMAL", description = "Default: ${DEFAULT-VALUE}.")
    String maxOrderQuantity = "1";

    @Option(names = "--max-position", paramLabel = "DECIMAL", description = "Default: ${DEFAULT-VALUE}.")
    String maxPosition = "5";

    @Option(names = "--max-notional", paramLabel = "DECIMAL", description = "Default: ${DEFAULT-VALUE}.")
    String maxNotional = "100000";

    @Option(names = "--price-band-bps", description = "Default: ${DEFAULT-VALUE}.")
    long priceBandBps = 500;

    @Option(names = "--max-orders-per-second", description = "Default: ${DEFAULT-VALUE}.")
    long maxOrdersPerSecond = 50;

    @Option(names = "--deposit", paramLabel = "ASSET=AMOUNT", description = "Pay cash in at start, e.g. USD=1000000.")
    String deposit;

    /**
     * What to do at start with the open orders an earlier engine process of the strategy left in the ledger.
     */
    enum EarlierOrders
    {
        cancel, keep
    }

    @Option(names = "--earlier-orders", paramLabel = "cancel|keep",
        description = "Open orders an earlier engine process of this strategy left in the ledger (client order ids " +
        "below this process's first): cancel them at start, or keep them open. Either way their reports are not " +
        "passed to the strategy, which never placed them (default: ${DEFAULT-VALUE}).")
    EarlierOrders earlierOrders = EarlierOrders.cancel;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call() throws Exception
    {
        final Engine.Context ctx = new Engine.Context()
            .strategy(Strategies.create(strategy, StrategyParams.parse(params)))
            .ids(strategyId, portfolio)
            .mergedStream(mergedStream.channel(), mergedStream.stream())
            .aeronDirectoryName(ledgerClient.aeronDirectoryName())
            .profile(mergedStream.profile())
            .riskLimits(!noLimits, DecimalCodec.parse(maxOrderQuantity, 8), DecimalCodec.parse(maxPosition, 8),
                DecimalCodec.parse(maxNotional, Ledger.CASH_SCALE), priceBandBps, maxOrdersPerSecond);
        ctx.ledgerTransport(ledgerTransport.ledgerTransport());
        ctx.cancelEarlierOrders(EarlierOrders.cancel == earlierOrders);
        if (null != ledgerClient.ledgerEndpoints())
        {
            ctx.ledgerEndpoints(ledgerClient.ledgerEndpoints());
        }
        if (null != deposit)
        {
            final int eq = deposit.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("--deposit " + deposit + " is not ASSET=AMOUNT");
            }
            ctx.deposit(deposit.substring(0, eq).toUpperCase(Locale.ROOT),
                DecimalCodec.parse(deposit.substring(eq + 1), Ledger.CASH_SCALE));
        }
        return io.alphapulse.driver.DriverLoss.run(
            "engine", ctx.aeronDirectoryName, System.out, () -> Engine.runUntilShutdown(ctx, System.out));
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse engine}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new EngineCommand()).execute(args));
    }
}
