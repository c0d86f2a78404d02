/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.alphapulse.api.ApiServer;
import io.alphapulse.auth.JwtSecret;
import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchStage;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.MarketDataMaintenance;
import io.alphapulse.writer.PgBinaryCopy;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code pulse bench} stage {@code api}: the API under load over an embedded PostgreSQL. The server runs in this JVM;
 * the load comes from outside it.
 * <ul>
 * <li>Portfolio GET ({@code /api/v1/portfolios/1}, 5 positions and 3 balances, read by a viewer who owns it: JWT,
 * ownership check, the in-memory read model) from 50 keep-alive connections of {@link HttpLoad} in a child JVM
 * (one NIO thread). A saturation run (closed loop) anchored on the liveness route (no database, no auth) in the same
 * run; the same GET on a second server with the read model off (a PostgreSQL query per request); fixed-rate runs at
 * 70% of saturation and at the goal's 10,000 req/s whose latency runs from each request's due time (coordinated
 * omission corrected; requests unanswered at the end count at their floor). When {@code wrk} is on the PATH, a
 * saturation cross-check with it (closed loop, so no CO-corrected latency).</li>
 * <li>Candles for one instrument-day over N stored trades (10M; 1M with --quick), generated with binary COPY into
 * one daily partition and rolled up by the schema's refresh_candles(); the setup time is reported. Timed: the
 * request for the day's 1440 one-minute candles, and for 5-minute candles aggregated from them.</li>
 * </ul>
 * The load generator, the server and PostgreSQL still share the machine's cores.
 */
public final class ApiStage implements BenchStage
{
    /**
     * Stage name, for {@code --only}.
     */
    public static final String NAME = "api";

    private static final int CONNECTIONS = 50;
    private static final int GOAL_RATE = 10_000;
    private static final int INSTRUMENT_ID = 1;
    private static final String PASSWORD = "bench-admin-password";
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Stage name.
     *
     * @return name.
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
        return "liveness GET (no database, no auth) at the same concurrency, same run";
    }

    /**
     * One line for {@code --list}.
     *
     * @return description.
     */
    public String description()
    {
        return "API: portfolio GET req/s and p99 at 50 connections from a load generator in its own JVM " +
            "(saturation + fixed rate, CO-corrected; read model on vs off), and candles for one instrument-day " +
            "over 10M stored trades";
    }

    /**
     * Run the stage.
     *
     * @param quick    shorter runs and 1M trades.
     * @param progress where to report.
     * @return figures.
     * @throws Exception on failure.
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final Path dir = Files.createTempDirectory("alphapulse-bench-api");
        final Duration measure = Duration.ofSeconds(quick ? 5 : 15);
        final int trades = quick ? 1_000_000 : 10_000_000;
        final byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        final List<BenchResult> results = new ArrayList<>();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir.resolve("db"), 0, false))
        {
            final ApiServer.Context ctx = new ApiServer.Context()
                .host("127.0.0.1")
                .port(0)
                .varDir(dir.resolve("var"))
                .jwtSecret(JwtSecret.of(key, "bench"))
                .adminPassword(PASSWORD)
                .bcryptCost(4)
                .poolSize(16)
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            ctx.database().url(postgres.jdbcUrl()).user(DatabaseConfiguration.EMBEDDED_USER);
            try (ApiServer server = ApiServer.launch(ctx);
                Connection connection = DriverManager.getConnection(postgres.jdbcUrl(),
                    DatabaseConfiguration.EMBEDDED_USER, null))
            {
                seedPortfolio(connection);
                final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
                final String adminToken = login(client, server.uri(), "admin", PASSWORD);
                // The portfolio is read as a viewer who owns it: the ownership check is on the measured path.
                send(client, server.uri(), "POST", "/api/v1/admin/users", adminToken,
                    "{\"username\":\"bench-viewer\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"viewer\"]}", 201);
                send(client, server.uri(), "PUT", "/api/v1/admin/portfolios/1/access/bench-viewer", adminToken,
                    "{\"relation\":\"owner\"}", 200);
                final String token = login(client, server.uri(), "bench-viewer", PASSWORD);
                final URI portfolio = URI.create(server.uri() + "/api/v1/portfolios/1");
                final URI live = URI.create(server.uri() + "/api/v1/health/live");

                final ExternalLoad load = new ExternalLoad(CONNECTIONS);
                final Duration warmup = Duration.ofSeconds(quick ? 2 : 5);
                // JIT warm-up of the whole HTTP stack (shared by both routes) before the anchor is measured.
                progress.println("  warm-up");
                load.javaLoad(portfolio, token, 0, Duration.ZERO, warmup);
                load.javaLoad(live, null, 0, Duration.ZERO, warmup);
                final ExternalLoad.Load anchor = load.javaLoad(live, null, 0, warmup, measure);
                progress.printf("  liveness GET, saturation: %,.0f req/s, p99 %.2f ms%n", anchor.rate(),
                    anchor.p99Ms());
                final ExternalLoad.Load saturation = load.javaLoad(portfolio, token, 0, warmup, measure);
                progress.printf("  portfolio GET, saturation: %,.0f req/s, p50 %.2f ms, p99 %.2f ms%n",
                    saturation.rate(), saturation.p50Ms(), saturation.p99Ms());
                final ExternalLoad.Load fromDatabase;
                try (ApiServer direct = ApiServer.launch(directContext(ctx, dir, key)))
                {
                    fromDatabase = load.javaLoad(URI.create(direct.uri() + "/api/v1/portfolios/1"), token, 0,
                        warmup, measure);
                }
                progress.printf("  portfolio GET with the read model off (a query per request), saturation: " +
                    "%,.0f req/s, p50 %.2f ms, p99 %.2f ms%n", fromDatabase.rate(), fromDatabase.p50Ms(),
                    fromDatabase.p99Ms());
                final double fixedRate = Math.max(100, Math.floor(saturation.rate() * 0.7 / 100) * 100);
                final ExternalLoad.Load paced = load.javaLoad(portfolio, token, fixedRate, warmup, measure);
                progress.printf("  portfolio GET at a fixed %,.0f req/s: achieved %,.0f req/s, p50 %.2f ms, p99 %.2f " +
                    "ms, max %.2f ms (from intended send times; %d sent over 1 ms late, %d unanswered)%n", fixedRate,
                    paced.rate(), paced.p50Ms(), paced.p99Ms(), paced.maxMs(), paced.lateSends(), paced.unanswered());
                final ExternalLoad.Load goal = load.javaLoad(portfolio, token, GOAL_RATE, warmup, measure);
                progress.printf("  portfolio GET at the goal's fixed %,d req/s: achieved %,.0f req/s, p50 %.2f ms, " +
                    "p99 %.2f ms, max %.2f ms (%d sent over 1 ms late, %d unanswered)%n", GOAL_RATE, goal.rate(),
                    goal.p50Ms(), goal.p99Ms(), goal.maxMs(), goal.lateSends(), goal.unanswered());

                final String generator = "load generator in its own JVM (NIO, one thread), " + CONNECTIONS +
                    " keep-alive connections";
                results.add(new BenchResult(NAME, "portfolio GET req/s, saturation; " + generator, saturation.rate(),
                    "req/s", "liveness GET (no database, no auth), same client and server, same run", anchor.rate()));
                results.add(new BenchResult(NAME, "portfolio GET req/s, saturation, read model on; " + generator,
                    saturation.rate(), "req/s", "the same GET with the read model off (a PostgreSQL query per " +
                    "request), same run", fromDatabase.rate()));
                results.add(new BenchResult(NAME, "portfolio GET p99 at saturation; " + generator, saturation.p99Ms(),
                    "ms", "goal", 20.0));
                results.add(new BenchResult(NAME, "portfolio GET p99 at a fixed " + (long)fixedRate +
                    " req/s (70% of saturation), CO-corrected; " + generator, paced.p99Ms(), "ms", "goal", 20.0));
                results.add(new BenchResult(NAME, "portfolio GET achieved req/s at a fixed " + GOAL_RATE +
                    " req/s offered; " + generator, goal.rate(), "req/s", "goal", (double)GOAL_RATE));
                results.add(new BenchResult(NAME, "portfolio GET p99 at a fixed " + GOAL_RATE + " req/s offered, " +
                    "CO-corrected; " + generator, goal.p99Ms(), "ms", "goal", 20.0));

                final java.nio.file.Path wrk = ExternalLoad.wrk();
                if (null != wrk)
                {
                    final ExternalLoad.Load wrkLive = load.wrkLoad(wrk, live, null, measure);
                    final ExternalLoad.Load wrkPortfolio = load.wrkLoad(wrk, portfolio, token, measure);
                    progress.printf("  wrk (closed loop): liveness %,.0f req/s; portfolio %,.0f req/s, p50 %.2f ms, " +
                        "p99 %.2f ms%n", wrkLive.rate(), wrkPortfolio.rate(), wrkPortfolio.p50Ms(),
                        wrkPortfolio.p99Ms());
                    results.add(new BenchResult(NAME, "portfolio GET req/s, saturation; wrk -t1 -c" + CONNECTIONS,
                        wrkPortfolio.rate(), "req/s", "liveness GET with wrk, same run", wrkLive.rate()));
                    results.add(new BenchResult(NAME, "portfolio GET p99 at saturation; wrk -t1 -c" + CONNECTIONS +
                        " (closed loop, not CO-corrected)", wrkPortfolio.p99Ms(), "ms", "goal", 20.0));
                }
                else
                {
                    progress.println("  wrk is not on the PATH: no wrk cross-check (apt-get install wrk)");
                }

                progress.printf("  generating %,d trades for one instrument-day with binary COPY%n", trades);
                final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
                final long copyStartNs = System.nanoTime();
                copyTrades(connection, day, trades);
                final double copySeconds = (System.nanoTime() - copyStartNs) / 1e9;
                final long refreshStartNs = System.nanoTime();
                try (Statement statement = connection.createStatement())
                {
                    statement.execute("select refresh_candles()");
                    statement.execute("analyze trades");
                    statement.execute("analyze candles");
                }
                final double refreshSeconds = (System.nanoTime() - refreshStartNs) / 1e9;
                progress.printf("  setup: COPY %.1f s (%,.0f rows/s), candle rollup %.1f s%n", copySeconds,
                    trades / copySeconds, refreshSeconds);

                final Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                final String range = "/api/v1/candles?exchange=kraken&instrumentId=" + INSTRUMENT_ID + "&from=" + from +
                    "&to=" + from.plus(Duration.ofDays(1));
                final Histogram oneMinute = timeRequests(client, URI.create(server.uri() + range + "&interval=1m"),
                    token, 1440, 30);
                final Histogram fiveMinutes = timeRequests(client, URI.create(server.uri() + range + "&interval=5m"),
                    token, 288, 30);
                progress.printf("  candles, one day: 1m (1440) p50 %.1f ms max %.1f ms; 5m (288) p50 %.1f ms max " +
                    "%.1f ms%n", ms(oneMinute.getValueAtPercentile(50)), ms(oneMinute.getMaxValue()),
                    ms(fiveMinutes.getValueAtPercentile(50)), ms(fiveMinutes.getMaxValue()));
                final String over = " over " + trades / 1_000_000 + "M stored trades (setup: COPY " +
                    Math.round(copySeconds) + " s, rollup " + Math.round(refreshSeconds) + " s)";
                results.add(new BenchResult(NAME, "candles 1m for one instrument-day, p50" + over,
                    ms(oneMinute.getValueAtPercentile(50)), "ms", "goal", 100.0));
                results.add(new BenchResult(NAME, "candles 1m for one instrument-day, max of 30",
                    ms(oneMinute.getMaxValue()), "ms", "goal", 100.0));
                results.add(new BenchResult(NAME, "candles 5m (aggregated from 1m) for one instrument-day, p50",
                    ms(fiveMinutes.getValueAtPercentile(50)), "ms", "goal", 100.0));
                client.close();
            }
        }
        finally
        {
            deleteRecursively(dir);
        }
        return results;
    }

    private static Histogram timeRequests(
        final HttpClient client, final URI uri, final String token, final int expectedCandles, final int count)
        throws IOException, InterruptedException
    {
        final HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET()
            .timeout(Duration.ofSeconds(60)).build();
        final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
        for (int i = 0; i < count + 3; i++)
        {
            final long startNs = System.nanoTime();
            final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            final long elapsedNs = System.nanoTime() - startNs;
            if (200 != response.statusCode())
            {
                throw new IllegalStateException(uri + " -> " + response.statusCode() + " " + response.body());
            }
            final int candles = countCandles(response.body());
            if (candles != expectedCandles)
            {
                throw new IllegalStateException(uri + " returned " + candles + " candles, expected " +
                    expectedCandles);
            }
            if (i >= 3)
            {
                histogram.recordValue(elapsedNs);
            }
        }
        return histogram;
    }

    private static int countCandles(final String body) throws IOException
    {
        int candles = 0;
        try (JsonParser parser = new JsonFactory().createParser(body))
        {
            int depth = 0;
            boolean inCandles = false;
            for (JsonToken token = parser.nextToken(); null != token; token = parser.nextToken())
            {
                if (JsonToken.FIELD_NAME == token && 1 == depth && "candles".equals(parser.currentName()))
                {
                    inCandles = true;
                }
                else if (JsonToken.START_OBJECT == token || JsonToken.START_ARRAY == token)
                {
                    depth++;
                    if (inCandles && 3 == depth && JsonToken.START_OBJECT == token)
                    {
                        candles++;
                    }
                }
                else if (JsonToken.END_OBJECT == token || JsonToken.END_ARRAY == token)
                {
                    depth--;
                    if (1 == depth)
                    {
                        inCandles = false;
                    }
                }
            }
        }
        return candles;
    }

    /**
     * A second server over the same database with the read model off: every portfolio GET queries PostgreSQL.
     */
    private static ApiServer.Context directContext(final ApiServer.Context ctx, final Path dir, final byte[] key)
    {
        final ApiServer.Context direct = new ApiServer.Context()
            .host("127.0.0.1")
            .port(0)
            .varDir(dir.resolve("var-direct"))
            .jwtSecret(JwtSecret.of(key, "bench"))
            .adminPassword(PASSWORD)
            .bcryptCost(4)
            .poolSize(ctx.poolSize())
            .readModelStalenessMs(0)
            .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        direct.database().url(ctx.database().url()).user(DatabaseConfiguration.EMBEDDED_USER);
        return direct;
    }

    private static String login(
        final HttpClient client, final URI base, final String username, final String password)
        throws IOException, InterruptedException
    {
        final String body = send(client, base, "POST", "/api/v1/auth/login", null, "{\"username\":\"" + username +
            "\",\"password\":\"" + password + "\"}", 200);
        final int start = body.indexOf("\"accessToken\":\"") + 15;
        if (start < 15)
        {
            throw new IllegalStateException("bench login failed: " + body);
        }
        return body.substring(start, body.indexOf('"', start));
    }

    private static String send(
        final HttpClient client,
        final URI base,
        final String method,
        final String path,
        final String token,
        final String json,
        final int expectedStatus) throws IOException, InterruptedException
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (null != token)
        {
            builder.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        if (expectedStatus != response.statusCode())
        {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " +
                response.body());
        }
        return response.body();
    }

    private static void seedPortfolio(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute("insert into portfolios (portfolio_id, name) values (1, 'bench')");
            statement.execute("insert into trading_balances (portfolio_id, asset, balance, updated_at, updated_ns) " +
                "values (1, 'USD', 1000000.25, now(), 1), (1, 'BTC', 1.5, now(), 1), (1, 'ETH', 20, now(), 1)");
            statement.execute("insert into trading_positions (portfolio_id, instrument_id, position, average_price, " +
                "realized_pnl, unrealized_pnl, updated_at, updated_ns) select 1, n, n * 0.5, 100 + n, n, -n, now(), 1 " +
                "from generate_series(1, 5) n");
        }
    }

    /**
     * N trades spread evenly over one day for one instrument, written with binary COPY in 100k-row batches, then
     * registered for the candle rollup.
     */
    private static void copyTrades(final Connection connection, final LocalDate day, final int trades)
        throws SQLException
    {
        MarketDataMaintenance.forDatabase(connection).ensureDay(connection, day.toEpochDay());
        try (Statement statement = connection.createStatement())
        {
            statement.execute("insert into instruments (exchange, instrument_id, symbol, venue_symbol, price_scale, " +
                "quantity_scale) values ('KRAKEN', " + INSTRUMENT_ID + ", 'BTC-USD', 'XBT/USD', 1, 8)");
        }
        final long dayStartNs = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        final long stepNs = 86_400_000_000_000L / trades;
        final byte[] kraken = "KRAKEN".getBytes(StandardCharsets.US_ASCII);
        final byte[] buy = "BUY".getBytes(StandardCharsets.US_ASCII);
        final byte[] sell = "SELL".getBytes(StandardCharsets.US_ASCII);
        final PgBinaryCopy copy = new PgBinaryCopy(16 << 20);
        final boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try
        {
            final org.postgresql.copy.CopyManager manager = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int i = 0; i < trades; i++)
            {
                final long timeNs = dayStartNs + i * stepNs;
                final long price = 600_000L + (i % 1000) * 7L - (i % 333) * 5L;
                copy.row(9).timestamptz(timeNs).text(kraken).int4(INSTRUMENT_ID).int8(i).numeric(price, 1)
                    .numeric(100_000L + i % 977, 8).text(0 == (i & 1) ? buy : sell).int8(i).timestamptz(timeNs);
                if (copy.rowCount() == 100_000 || i == trades - 1)
                {
                    final int length = copy.finish();
                    final CopyIn in = manager.copyIn("copy trades (time, exchange, instrument_id, trade_id, price, " +
                        "quantity, side, sequence, receive_time) from stdin (format binary)");
                    in.writeToCopy(copy.array(), 0, length);
                    in.endCopy();
                    copy.reset();
                }
            }
            try (Statement statement = connection.createStatement())
            {
                statement.execute("select trades_written(timestamptz '" + day + " 00:00:00+00', timestamptz '" +
                    day.plusDays(1) + " 00:00:00+00')");
            }
            connection.commit();
        }
        catch (final SQLException | RuntimeException ex)
        {
            connection.rollback();
            throw ex;
        }
        finally
        {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static double ms(final long nanos)
    {
        return nanos / 1e6;
    }

    private static void deleteRecursively(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
    }
}
