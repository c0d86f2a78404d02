/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.lake.ColdPathDatabaseOptions;
import io.alphapulse.lake.LakeLayout;
import io.alphapulse.lake.query.LakeQuery;
import io.alphapulse.sql.PulseDatabase;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Strategies;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code pulse backtest}.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Backtest a strategy on recorded market data, through the live engine's strategy host and the paper venue's",
        "fill model (PaperVenue: L2 books, partial fills by level, maker/taker fees), on event time (the clock is",
        "the events' receive time, never the wall clock).",
        "",
        "--source archive (default): replays the merged stream (2001) from Aeron Archive, every recording in order,",
        "  each from the position the relay's time index (--index-dir) gives for --from; gap and resync events",
        "  replay as they happened. Needs the media driver + archive running (ops/pulse media-driver).",
        "--source lake: replays trades, quotes and feed events from the Parquet lake (microsecond times); the venue",
        "  fills against one-level books made from the quotes (the lake has no L2 data).",
        "",
        "Results: orders, fills, equity curve, PnL, Sharpe, max drawdown, turnover and fees are stored in the",
        "database (backtest_runs, backtest_orders, backtest_fills, backtest_equity; --no-store to skip) and written",
        "as an HTML report with the equity chart. The same inputs always give the same result hash.",
        "",
        "Times: an ISO instant (2030-03-01T12:00:00Z) or a date (2030-03-01 = its start, UTC)."
    })
public final class BacktestCommand implements Callable<Integer>
{
    @Mixin
    ColdPathDatabaseOptions database;

    @Option(names = "--strategy", required = true, paramLabel = "NAME",
        description = "Strategy: ma-momentum (momentum), cross-exchange-spread (spread).")
    String strategyName;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Strategy parameter (repeatable).")
    List<String> params;

    @Option(names = "--from", paramLabel = "TIME", description = "Start (inclusive); default: the beginning.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End (exclusive); default: the end of the data.")
    String to;

    @Option(names = "--source", paramLabel = "SOURCE", description = "archive or lake (default: ${DEFAULT-VALUE}).")
    String source = "archive";

    @Option(names = "--speed", paramLabel = "SPEED",
        description = "max, 1x (event time as wall time), Nx (default: ${DEFAULT-VALUE}). Results never depend on it.")
    String speed = "max";

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "Aeron directory (archive source).")
    String aeronDir;

    @Option(names = "--index-dir", paramLabel = "DIR",
        description = "The relay's time index directory (default: ${DEFAULT-VALUE}).")
    Path indexDir = Path.of("var/index");

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake directory (default: ${DEFAULT-VALUE}).")
    Path lakeDir = Path.of(LakeLayout.LAKE_DIR_DEFAULT);

    @Option(names = "--report", paramLabel = "FILE",
        description = "HTML report (default: var/backtests/<strategy>-<hash prefix>.html).")
    Path report;

    @Option(names = "--initial-cash", paramLabel = "AMOUNT", description = "Starting cash (default: ${DEFAULT-VALUE}).")
    BigDecimal initialCash = new BigDecimal("100000");

    @Option(names = "--taker-fee-bps", paramLabel = "BPS",
        description = "Taker fee, whole basis points, as the paper venue's (default: ${DEFAULT-VALUE}).")
    long takerFeeBps = 20;

    @Option(names = "--maker-fee-bps", paramLabel = "BPS",
        description = "Maker fee, whole basis points, as the paper venue's (default: ${DEFAULT-VALUE}).")
    long makerFeeBps = 10;

    @Option(names = "--equity-interval-s", paramLabel = "S",
        description = "Equity curve sample interval, event time (default: ${DEFAULT-VALUE}).")
    long equityIntervalS = 60;

    @Option(names = "--no-store", description = "Do not store the result in the database.")
    boolean noStore;

    /**
     * Run the backtest.
     *
     * @return exit code.
     * @throws Exception on a run-time failure.
     */
    public Integer call() throws Exception
    {
        final long fromNs = null == from ? Long.MIN_VALUE : parseTime(from, "--from");
        final long toNs = null == to ? Long.MAX_VALUE : parseTime(to, "--to");
        if (fromNs >= toNs)
        {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
        final String sourceName = source.toLowerCase(Locale.ROOT);
        if (!"archive".equals(sourceName) && !"lake".equals(sourceName))
        {
            throw new IllegalArgumentException("--source " + source + ": use archive or lake");
        }
        final Pacer pacer = Pacer.parse(speed);
        final StrategyParams strategyParams = StrategyParams.parse(params);
        final Strategy strategy = Strategies.create(strategyName, strategyParams);
        final BacktestEngine engine = new BacktestEngine(strategy, strategyParams.toString(), initialCash,
            takerFeeBps, makerFeeBps, TimeUnit.SECONDS.toNanos(equityIntervalS));

        final boolean needsDatabase = !noStore || "lake".equals(sourceName);
        final PulseDatabase db = needsDatabase ? PulseDatabase.open(database.context()) : null;
        try
        {
            final Map<Integer, InstrumentInfo> instruments = null == db ? Map.of() : instruments(db);
            final long startNs = System.nanoTime();
            final long messages;
            if ("archive".equals(sourceName))
            {
                final MarketDataAdapter adapter = new MarketDataAdapter(engine, fromNs, toNs);
                instruments.values().forEach(adapter::preload);
                final String aeronDirectoryName = null != aeronDir ? aeronDir :
                    MediaDriverConfiguration.aeronDirectoryName();
                MediaDriverConfiguration.requireDriver(aeronDirectoryName);
                try (AeronArchive archive = AeronArchive.connect(
                    PulseMediaDriver.archiveClientContext(aeronDirectoryName)))
                {
                    final ArchiveReplaySource.Stats stats = ArchiveReplaySource.replay(archive,
                        StreamIds.MERGED_CHANNEL, StreamIds.MERGED, indexDir, fromNs, "aeron:ipc", 2_901, adapter,
                        pacer);
                    System.out.printf(Locale.ROOT, "archive: %d recording(s), %,d bytes, %,d messages (%d rejected)%n",
                        stats.recordings(), stats.bytes(), adapter.messages(), adapter.rejected());
                    messages = adapter.messages();
                }
            }
            else
            {
                instruments.values().forEach(engine::onInstrument);
                try (LakeQuery lake = LakeQuery.open(lakeDir, lakeDir.toAbsolutePath().normalize()
                    .resolveSibling("duckdb")))
                {
                    messages = LakeReplaySource.replay(lake, instruments, engine, fromNs, toNs, pacer);
                }
                System.out.printf(Locale.ROOT, "lake: %,d rows%n", messages);
            }
            final BacktestResult result = engine.finish();
            final long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            final Path reportFile = null != report ? report :
                Path.of("var", "backtests", result.strategy() + "-" + result.hash().substring(0, 12) + ".html");
            long runId = 0;
            if (!noStore)
            {
                try (Connection connection = db.connect())
                {
                    runId = BacktestStore.store(connection, result, sourceName, fromNs, toNs,
                        reportFile.toAbsolutePath().toString(), durationMs);
                }
            }
            HtmlReport.write(reportFile, result, sourceName, runId);
            print(result, messages, durationMs, runId, reportFile);
        }
        finally
        {
            if (null != db)
            {
                db.close();
            }
        }
        return 0;
    }

    private static void print(final BacktestResult result, final long messages, final long durationMs,
        final long runId, final Path reportFile)
    {
        System.out.printf(Locale.ROOT, "strategy      %s %s%n", result.strategy(), result.params());
        System.out.printf(Locale.ROOT, "events        %,d (%,d messages in %,d ms)%n", result.events(), messages,
            durationMs);
        System.out.printf(Locale.ROOT, "orders/fills  %d / %d%n", result.orders().size(), result.fills().size());
        System.out.printf(Locale.ROOT, "PnL           %s (fees %s, turnover %s)%n",
            BacktestEngine.plain(result.pnl()), BacktestEngine.plain(result.fees()),
            BacktestEngine.plain(result.turnover()));
        System.out.printf(Locale.ROOT, "max drawdown  %s%n", BacktestEngine.plain(result.maxDrawdown()));
        System.out.printf(Locale.ROOT, "Sharpe        %s%n", Double.isNaN(result.sharpe()) ? "n/a" :
            String.format(Locale.ROOT, "%.3f", result.sharpe()));
        System.out.printf(Locale.ROOT, "result hash   %s%n", result.hash());
        System.out.printf(Locale.ROOT, "stored        %s%n", 0 == runId ? "no" : "backtest_runs.run_id = " + runId);
        System.out.printf(Locale.ROOT, "report        %s%n", reportFile.toAbsolutePath().normalize());
    }

    private static Map<Integer, InstrumentInfo> instruments(final PulseDatabase db) throws SQLException
    {
        final Map<Integer, InstrumentInfo> instruments = new TreeMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("select instrument_id, exchange, symbol, price_scale, " +
                "quantity_scale from instruments order by instrument_id, exchange"))
        {
            while (rs.next())
            {
                instruments.putIfAbsent(rs.getInt(1), new InstrumentInfo(rs.getInt(1), rs.getString(2),
                    rs.getString(3), rs.getInt(4), rs.getInt(5)));
            }
        }
        return instruments;
    }

    static long parseTime(final String text, final String option)
    {
        try
        {
            final Instant instant = text.length() <= 10 ?
                LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(text);
            return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(option + " " + text +
                ": use an ISO instant (2030-03-01T12:00:00Z) or a date (2030-03-01)");
        }
    }

    /**
     * Entry point without the launcher.
     *
     * @param args options as for {@code pulse backtest}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BacktestCommand()).execute(args));
    }
}
