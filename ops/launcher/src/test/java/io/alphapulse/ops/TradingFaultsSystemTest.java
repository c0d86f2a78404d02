/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CommonContext;
import io.aeron.cluster.ClusterTool;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.driver.LedgerCounterTypes;
import io.alphapulse.driver.RelayCounterTypes;
import io.alphapulse.engine.Instruments;
import io.alphapulse.ledger.Assets;
import io.alphapulse.ledger.Ledger;
import io.alphapulse.ledger.LedgerCommand;
import io.alphapulse.ledger.LedgerNode;
import io.alphapulse.ledger.Position;
import io.alphapulse.sql.PulseDatabase;
import io.alphapulse.strategy.InstrumentInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.alphapulse.ops.SystemTests.cncIdentity;
import static io.alphapulse.ops.SystemTests.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the trading processes, each restarted with the same command, in one run of real processes as
 * the demo starts them (media driver, PostgreSQL, relay, a synthetic Coinbase collector, a one-member ledger, the
 * paper venue, the projector, the engine running the momentum strategy, the API):
 * <ol>
 *     <li>the engine, mid-run: the restarted engine trades again (the ledger accepts its orders);</li>
 *     <li>the ledger member, after a snapshot and more trading: the restarted member rebuilds from snapshot + log
 *     exactly the counts the killed one had, the engine, venue and projector reconnect by themselves, and the
 *     engine trades again;</li>
 *     <li>the API, while a client polls it: it serves again after the restart with the same data, the login, access
 *     token and refresh token from before the kill still work, and no request ever got a 5xx.</li>
 * </ol>
 * Afterwards the ledger is killed once more and recovered in this JVM from its directory: its counts equal the live
 * member's, and its state equals what reached PostgreSQL through the projector: every accepted order once (ids dense,
 * client order ids unique, no duplicate-id rejection), every fill once (per order they add up to its filled quantity),
 * positions equal to the sum of the fills, realized PnL, balances and open orders equal.
 * <p>
 * There the ledger is killed while market data is paused (the collector stopped, nothing in flight), so that its state
 * before the kill is known and PostgreSQL is complete: egress a dying member had not sent never reaches the projector.
 * A second run kills the ledger mid-flow, twice: the engine and the venue resend what the dead member had not logged,
 * so every fill the venue made is in the ledger exactly once. (An acceptance the dying member sent to the engine but
 * not to the venue still leaves that order open: the ledger does not re-announce open orders to a new session.)
 */
class TradingFaultsSystemTest
{
    private static final String PORTFOLIO = "1";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFRESH_TOKEN = Pattern.compile("\"refreshToken\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path tempDir;

    private SystemTests.Pulses pulses;
    private Path aeronDir;
    private Path ledgerAeronDir;
    private Path varDir;
    private int ledgerBasePort;
    private int apiPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void tearDown()
    {
        if (null != pulses)
        {
            pulses.close();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killNineOfTheEngineTheLedgerAndTheApiLosesAndDuplicatesNothing() throws Exception
    {
        pulses = new SystemTests.Pulses(tempDir);
        aeronDir = tempDir.resolve("aeron");
        ledgerAeronDir = tempDir.resolve("aeron-ledger");
        varDir = tempDir.resolve("var");
        ledgerBasePort = SystemTests.freeUdpPorts(5);
        apiPort = SystemTests.freePort();
        final String endpoints = "0=localhost:" + ledgerBasePort;
        final String adminPassword = "fault-test-password-1";

        pulses.startBackbone(aeronDir, varDir);
        pulses.start("ledger", "ledger", "--aeron-dir", ledgerAeronDir.toString(),
            "--dir", varDir.resolve("ledger").toString(), "--base-port", Integer.toString(ledgerBasePort));
        await("ledger leader", () -> 2 == ledgerCounter(LedgerCounterTypes.ROLE));
        assertEquals(0, pulses.run("ledger-admin", "ledger", "admin", "--aeron-dir", aeronDir.toString(),
            "--ledger-endpoints", endpoints, "--deposit", "USD=1000000"), "deposit; log in " + tempDir);
        pulses.start("venue", "venue", "--aeron-dir", aeronDir.toString(), "--ledger-endpoints", endpoints);
        await("venue", () -> SystemTests.counterExists(aeronDir, EngineCounterTypes.VENUE_FILLS, "venue"));
        // The projector follows the ledger's recorded log through the member's own driver.
        pulses.start("projector", "projector", "--aeron-dir", aeronDir.toString(), "--var-dir", varDir.toString(),
            "--ledger-endpoints", endpoints, "--ledger-aeron-dir", ledgerAeronDir.toString());
        await("projector", () -> pulses.logContains("projector", "ledger endpoints"));
        pulses.start("engine", "engine", "--aeron-dir", aeronDir.toString(), "--ledger-endpoints", endpoints,
            "--strategy", "momentum", "--param", "fast=2", "--param", "slow=4");
        await("engine", () -> SystemTests.counterExists(aeronDir, EngineCounterTypes.MARKET_DATA_MESSAGES, "engine"));
        pulses.start("api", Map.of("ALPHAPULSE_ADMIN_PASSWORD", adminPassword), "api",
            "--port", Integer.toString(apiPort), "--aeron-dir", aeronDir.toString(), "--var-dir", varDir.toString(),
            "--ledger-endpoints", endpoints);
        await("api", () -> 200 == status(get("/api/v1/health/ready", null)));
        pulses.start("collector", "collector", "--exchange", "coinbase", "--symbols", "BTC-USD",
            "--source", "synthetic", "--rate", "200", "--aeron-dir", aeronDir.toString(),
            "--instruments-file", varDir.resolve("instruments-coinbase.csv").toString());
        awaitOrdersAccepted(20);

        // 1. The engine, mid-run. The run goes on while it is down (the venue, never killed, keeps reading).
        pulses.killNine("engine");
        final long venueMessages = venueMarketData();
        await("market data while the engine is down", () -> venueMarketData() - venueMessages >= 500);
        pulses.restart("engine");
        awaitOrdersAccepted(20);

        // 2. The ledger member: a snapshot while nothing is in flight, more trading, then kill -9 while nothing is in
        // flight, so that its state before the kill is known.
        final Counts atSnapshot = quiesce();
        assertTrue(ClusterTool.snapshot(varDir.resolve("ledger").resolve("node-0").resolve("cluster").toFile(),
            System.out), "snapshot taken");
        pulses.restart("collector");
        awaitOrdersAccepted(20);
        final Counts beforeKill = quiesce();
        await("projector caught up", () ->
        {
            final Stored stored = stored();
            return stored.orders == beforeKill.accepted && stored.fills == beforeKill.fills;
        });
        final Stored storedBeforeKill = stored();
        final Object ledgerCnc = cncIdentity(ledgerAeronDir);
        pulses.killNine("ledger");
        pulses.restart("ledger");
        await("restarted ledger leader", () -> !Objects.equals(ledgerCnc, cncIdentity(ledgerAeronDir)) &&
            2 == ledgerCounter(LedgerCounterTypes.ROLE));
        final Counts afterRestart = stable("restarted ledger", this::ledgerCounts);
        assertEquals(beforeKill.minus(atSnapshot).withOpenOrders(beforeKill.openOrders), afterRestart,
            "a restart from snapshot + log rebuilds what was applied after the snapshot, and the open orders");
        assertEquals(storedBeforeKill, stored(), "nothing changed in PostgreSQL");
        pulses.restart("collector");
        awaitOrdersAccepted(20);
        await("the projector stores orders again", () -> stored().orders >= storedBeforeKill.orders + 10);

        // 3. The API, while a client polls it.
        final String login = login(adminPassword);
        final String accessToken = match(ACCESS_TOKEN, login);
        final String refreshToken = match(REFRESH_TOKEN, login);
        try (Poller poller = new Poller(accessToken))
        {
            await("the poller is served", () -> poller.ok.get() > 10);
            final Counts quiet = quiesce();
            await("projector caught up", () -> stored().orders == storedBeforeKill.orders +
                quiet.accepted - afterRestart.accepted);
            final List<String> before = apiViews(accessToken);
            pulses.killNine("api");
            await("the poller notices", () -> poller.failed.get() > 0);
            pulses.restart("api");
            await("api after restart", () -> 200 == status(get("/api/v1/health/ready", null)));
            final long okBefore = poller.ok.get();
            await("the poller is served again", () -> poller.ok.get() > okBefore + 10);
            assertEquals(before, apiViews(accessToken), "the same data after the restart");
            assertEquals(200, status(get("/api/v1/auth/me", accessToken)), "an access token from before the kill");
            final HttpResponse<String> refreshed = post("/api/v1/auth/refresh",
                "{\"refreshToken\":\"" + refreshToken + "\"}");
            assertEquals(200, refreshed.statusCode(), "a refresh token from before the kill: " + refreshed.body());
            match(ACCESS_TOKEN, login(adminPassword));
            assertEquals(Map.of(), poller.serverErrors(), "no request got a 5xx");
        }

        // 4. Kill the quiet ledger once more and recover it here: the same counts, and its state equals what
        // reached PostgreSQL.
        final Counts live = stable("live ledger", this::ledgerCounts);
        await("projector caught up", () -> stored().orders == storedBeforeKill.orders +
            live.accepted - afterRestart.accepted);
        pulses.killNine("ledger");
        final LedgerNode.Context recovery = new LedgerNode.Context()
            .memberId(0)
            .basePort(ledgerBasePort)
            .baseDir(varDir.resolve("ledger").toFile())
            .aeronDirectoryName(tempDir.resolve("aeron-recovery").toString());
        final LedgerNode node = LedgerCommand.launchAfterCrash(recovery, LedgerCommand.MARK_FILE_WAIT_MS);
        try
        {
            final Path recoveryDir = tempDir.resolve("aeron-recovery");
            await("recovered ledger leader", () -> 2 == counter(recoveryDir, LedgerCounterTypes.ROLE));
            final Counts recovered = stable("recovered ledger", () -> counts(recoveryDir));
            assertEquals(live, recovered, "recovery from the same snapshot + log gives the live member's counts");
        }
        finally
        {
            node.close();
        }
        // Read after the member stopped: the service thread no longer touches it.
        verifyLedgerEqualsDatabase(node.service().ledger(), atSnapshot.plus(live));
        assertFalse(pulses.logContains("projector", "\tat "),
            "the projector says in a line that the member's driver went away, with no stack trace; logs in " + tempDir);
        System.out.println("trading faults: before the snapshot " + atSnapshot + ", before the ledger kill " +
            beforeKill + ", rebuilt " + afterRestart + ", at the end (since the snapshot) " + live);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void killNineOfTheLedgerMidFlowLosesNoVenueFill() throws Exception
    {
        pulses = new SystemTests.Pulses(tempDir);
        aeronDir = tempDir.resolve("aeron");
        ledgerAeronDir = tempDir.resolve("aeron-ledger");
        varDir = tempDir.resolve("var");
        ledgerBasePort = SystemTests.freeUdpPorts(5);
        final String endpoints = "0=localhost:" + ledgerBasePort;

        pulses.start("media-driver", "media-driver", "--aeron-dir", aeronDir.toString(),
            "--archive-dir", varDir.resolve("archive").toString());
        await("media driver", () -> CommonContext.isDriverActive(aeronDir.toFile(), 1_000, (ignore) -> {}));
        pulses.start("relay", "relay", "--aeron-dir", aeronDir.toString(),
            "--index-dir", varDir.resolve("index").toString(),
            "--checkpoint", varDir.resolve("relay").resolve("checkpoint.dat").toString());
        await("relay", () -> SystemTests.counterExists(aeronDir, RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay"));
        pulses.start("ledger", "ledger", "--aeron-dir", ledgerAeronDir.toString(),
            "--dir", varDir.resolve("ledger").toString(), "--base-port", Integer.toString(ledgerBasePort));
        await("ledger leader", () -> 2 == ledgerCounter(LedgerCounterTypes.ROLE));
        assertEquals(0, pulses.run("ledger-admin", "ledger", "admin", "--aeron-dir", aeronDir.toString(),
            "--ledger-endpoints", endpoints, "--deposit", "USD=1000000"), "deposit; log in " + tempDir);
        pulses.start("venue", "venue", "--aeron-dir", aeronDir.toString(), "--ledger-endpoints", endpoints);
        await("venue", () -> SystemTests.counterExists(aeronDir, EngineCounterTypes.VENUE_FILLS, "venue"));
        pulses.start("engine", "engine", "--aeron-dir", aeronDir.toString(), "--ledger-endpoints", endpoints,
            "--strategy", "momentum", "--param", "fast=2", "--param", "slow=4");
        await("engine", () -> SystemTests.counterExists(aeronDir, EngineCounterTypes.MARKET_DATA_MESSAGES, "engine"));
        pulses.start("collector", "collector", "--exchange", "coinbase", "--symbols", "BTC-USD",
            "--source", "synthetic", "--rate", "200", "--aeron-dir", aeronDir.toString(),
            "--instruments-file", varDir.resolve("instruments-coinbase.csv").toString());

        // Each kill lands while orders, fills and IOC remainders are on their way: what the dead member had not
        // logged is resent by the engine and the venue on their new sessions.
        awaitOrdersAccepted(30);
        for (int round = 0; round < 2; round++)
        {
            final Object ledgerCnc = cncIdentity(ledgerAeronDir);
            pulses.killNine("ledger");
            pulses.restart("ledger");
            await("restarted ledger leader", () -> !Objects.equals(ledgerCnc, cncIdentity(ledgerAeronDir)) &&
                2 == ledgerCounter(LedgerCounterTypes.ROLE));
            final long venueMessages = venueMarketData();
            await("market data after the restart", () -> venueMarketData() - venueMessages >= 1_000);
        }

        pulses.stop("collector");
        final Counts ledger = stable("ledger counts", this::ledgerCounts);
        System.out.println("ledger killed mid-flow twice: " + ledger + ", venue fills " +
            systemCounter(EngineCounterTypes.VENUE_FILLS, "venue"));
        assertTrue(ledger.fills > 0, "fills: " + ledger);
        assertEquals(systemCounter(EngineCounterTypes.VENUE_FILLS, "venue"), ledger.fills,
            "every fill the venue made is in the ledger once (no snapshot: the member replayed its whole log)");
    }

    private void verifyLedgerEqualsDatabase(final Ledger ledger, final Counts total) throws Exception
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect();
            Statement statement = connection.createStatement())
        {
            final long orders = single(statement, "select count(*) from trading_orders");
            assertTrue(orders > 60, "orders: " + orders);
            assertEquals(total.accepted, orders, "every accepted order stored");
            assertEquals(ledger.nextOrderId() - 1, orders, "every order the ledger ever accepted stored");
            assertEquals(orders, single(statement, "select max(order_id) from trading_orders"), "order ids dense");
            assertEquals(orders, single(statement,
                "select count(distinct (strategy_id, client_order_id)) from trading_orders"), "client order ids");
            assertEquals(0, single(statement,
                "select count(*) from trading_order_rejections where reason = 'DUPLICATE_ORDER_ID'"), "duplicates");
            assertEquals(total.fills, single(statement, "select count(*) from trading_fills"), "every fill stored");
            assertEquals(0, single(statement, "select count(*) from trading_orders o where filled_quantity <> " +
                "coalesce((select sum(f.quantity) from trading_fills f where f.order_id = o.order_id), 0) " +
                "or filled_quantity > quantity"), "per order, the fills add up to its filled quantity");
            assertEquals(ledger.openOrderCount(), single(statement,
                "select count(*) from trading_orders where status in ('ACCEPTED', 'PARTIALLY_FILLED')"), "open");
            assertEquals(0, ledger.duplicateFills(), "the ledger saw no repeated fill");

            int positions = 0;
            try (ResultSet rows = statement.executeQuery("select p.portfolio_id, p.instrument_id, p.position, " +
                "p.realized_pnl, (select coalesce(sum(case when f.side = 'BUY' then f.quantity else -f.quantity end)" +
                ", 0) from trading_fills f where f.portfolio_id = p.portfolio_id and " +
                "f.instrument_id = p.instrument_id) from trading_positions p"))
            {
                while (rows.next())
                {
                    positions++;
                    final int instrumentId = rows.getInt(2);
                    final Position position = ledger.position(rows.getInt(1), instrumentId);
                    assertNotNull(position, "ledger position of instrument " + instrumentId);
                    final BigDecimal quantity = BigDecimal.valueOf(position.quantity(), quantityScale(instrumentId));
                    assertEquals(0, quantity.compareTo(rows.getBigDecimal(3)), "position " + instrumentId + ": " +
                        quantity + " in the ledger, " + rows.getBigDecimal(3) + " stored");
                    assertEquals(0, quantity.compareTo(rows.getBigDecimal(5)), "position " + instrumentId +
                        " is the sum of its stored fills: " + rows.getBigDecimal(5));
                    final BigDecimal realized = BigDecimal.valueOf(position.realizedPnl(), Ledger.CASH_SCALE);
                    assertEquals(0, realized.compareTo(rows.getBigDecimal(4)), "realized PnL " + instrumentId);
                }
            }
            assertTrue(positions > 0, "no position stored");
            try (ResultSet rows = statement.executeQuery("select portfolio_id, asset, balance from trading_balances"))
            {
                int balances = 0;
                while (rows.next())
                {
                    balances++;
                    final BigDecimal balance = BigDecimal.valueOf(
                        ledger.balance(rows.getInt(1), Assets.pack(rows.getString(2))), Ledger.CASH_SCALE);
                    assertEquals(0, balance.compareTo(rows.getBigDecimal(3)), rows.getString(2) + " balance: " +
                        balance + " in the ledger, " + rows.getBigDecimal(3) + " stored");
                }
                assertTrue(balances > 0, "no balance stored");
            }
        }
    }

    private static int quantityScale(final int instrumentId)
    {
        for (final InstrumentInfo instrument : Instruments.catalogue())
        {
            if (instrument.id() == instrumentId)
            {
                return instrument.quantityScale();
            }
        }
        throw new AssertionError("instrument " + instrumentId + " not in the catalogue");
    }

    /**
     * The ledger's counters: in one member process they count from its start (snapshot loaded, log replayed).
     */
    record Counts(long applied, long accepted, long rejected, long fills, long cancelled, long openOrders)
    {
        Counts minus(final Counts other)
        {
            return new Counts(applied - other.applied, accepted - other.accepted, rejected - other.rejected,
                fills - other.fills, cancelled - other.cancelled, openOrders - other.openOrders);
        }

        Counts plus(final Counts other)
        {
            return new Counts(applied + other.applied, accepted + other.accepted, rejected + other.rejected,
                fills + other.fills, cancelled + other.cancelled, openOrders + other.openOrders);
        }

        Counts withOpenOrders(final long openOrders)
        {
            return new Counts(applied, accepted, rejected, fills, cancelled, openOrders);
        }
    }

    /**
     * What the projector stored.
     */
    record Stored(long orders, long fills, long rejections, String positions, String balances)
    {
    }

    private Counts ledgerCounts()
    {
        return counts(ledgerAeronDir);
    }

    private static Counts counts(final Path dir)
    {
        return new Counts(counter(dir, LedgerCounterTypes.MESSAGES_APPLIED),
            counter(dir, LedgerCounterTypes.ORDERS_ACCEPTED), counter(dir, LedgerCounterTypes.ORDERS_REJECTED),
            counter(dir, LedgerCounterTypes.FILLS), counter(dir, LedgerCounterTypes.ORDERS_CANCELLED),
            counter(dir, LedgerCounterTypes.OPEN_ORDERS));
    }

    private long ledgerCounter(final int typeId)
    {
        return counter(ledgerAeronDir, typeId);
    }

    private long venueMarketData()
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDir.toString()))
        {
            return null == counters ? 0 : Math.max(0,
                counters.value(EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES, "venue"));
        }
    }

    /**
     * Wait until the ledger accepted this many more orders: the engine is connected and trading.
     */
    private void awaitOrdersAccepted(final long more) throws InterruptedException
    {
        final long from = Math.max(0, ledgerCounter(LedgerCounterTypes.ORDERS_ACCEPTED));
        await(more + " more orders accepted by the ledger",
            () -> ledgerCounter(LedgerCounterTypes.ORDERS_ACCEPTED) - from >= more);
    }

    /**
     * Stop market data (the collector, restarted later with the same command) and wait until the ledger and the
     * database stop changing: no order, fill or report in flight.
     */
    private Counts quiesce() throws Exception
    {
        pulses.stop("collector");
        stable("stored trading state", this::stored);
        return stable("ledger counts", this::ledgerCounts);
    }

    private Stored stored()
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect();
            Statement statement = connection.createStatement())
        {
            return new Stored(single(statement, "select count(*) from trading_orders"),
                single(statement, "select count(*) from trading_fills"),
                single(statement, "select count(*) from trading_order_rejections"),
                rows(statement, "select instrument_id, position, realized_pnl from trading_positions order by 1"),
                rows(statement, "select asset, balance from trading_balances order by 1"));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String rows(final Statement statement, final String sql) throws Exception
    {
        final StringBuilder text = new StringBuilder();
        try (ResultSet rows = statement.executeQuery(sql))
        {
            final int columns = rows.getMetaData().getColumnCount();
            while (rows.next())
            {
                for (int i = 1; i <= columns; i++)
                {
                    text.append(rows.getString(i)).append(i < columns ? "," : ";");
                }
            }
        }
        return text.toString();
    }

    private List<String> apiViews(final String token) throws Exception
    {
        final List<String> views = new ArrayList<>();
        for (final String path : List.of("/api/v1/orders?limit=50", "/api/v1/fills?limit=50",
            "/api/v1/portfolios/" + PORTFOLIO + "/positions", "/api/v1/portfolios/" + PORTFOLIO + "/balances"))
        {
            final HttpResponse<String> response = get(path, token);
            assertNotNull(response, path);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            views.add(response.body());
        }
        return views;
    }

    private String login(final String password) throws Exception
    {
        final HttpResponse<String> response = post("/api/v1/auth/login",
            "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
        assertEquals(200, response.statusCode(), "login: " + response.body());
        return response.body();
    }

    private static String match(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " not in " + text);
        return matcher.group(1);
    }

    private HttpResponse<String> post(final String path, final String json) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A GET, or null when the API does not answer.
     */
    private HttpResponse<String> get(final String path, final String token)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
            .timeout(Duration.ofSeconds(10));
        if (null != token)
        {
            request.header("Authorization", "Bearer " + token);
        }
        try
        {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int status(final HttpResponse<String> response)
    {
        return null == response ? -1 : response.statusCode();
    }

    private static long counter(final Path dir, final int typeId)
    {
        return SystemTests.counter(dir, typeId, "ledger");
    }

    private long systemCounter(final int typeId, final String labelPart)
    {
        return SystemTests.counter(aeronDir, typeId, labelPart);
    }

    private <T> T stable(final String what, final Supplier<T> value) throws InterruptedException
    {
        return SystemTests.stable(what, value, 2_000, tempDir);
    }

    private void await(final String what, final BooleanSupplier ready) throws InterruptedException
    {
        SystemTests.await(what, ready, tempDir);
    }

    /**
     * A client polling the API's orders and positions, as a dashboard does, counting what it gets.
     */
    private final class Poller implements AutoCloseable
    {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Poller(final String token)
        {
            thread = new Thread(() ->
            {
                while (running.get())
                {
                    for (final String path : List.of("/api/v1/orders?limit=20",
                        "/api/v1/portfolios/" + PORTFOLIO + "/positions"))
                    {
                        final int status = status(get(path, token));
                        statuses.merge(status, 1L, Long::sum);
                        (200 == status ? ok : failed).incrementAndGet();
                    }
                    try
                    {
                        Thread.sleep(50);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
            }, "api-poller");
            thread.start();
        }

        Map<Integer, Long> serverErrors()
        {
            final Map<Integer, Long> errors = new ConcurrentHashMap<>(statuses);
            errors.keySet().removeIf((status) -> status < 500);
            return errors;
        }

        public void close()
        {
            running.set(false);
            try
            {
                thread.join(30_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
