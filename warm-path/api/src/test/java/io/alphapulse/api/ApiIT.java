/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.router.ParsedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route against a real PostgreSQL (embedded, migrated with the project's scripts) holding known rows.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ApiIT
{
    @TempDir
    static Path dir;

    private static ApiHarness api;
    private static String admin;
    private static String viewer;

    @BeforeAll
    static void start() throws Exception
    {
        api = new ApiHarness(dir, (ctx) -> ctx);
        try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(), "postgres", null))
        {
            Seed.seed(connection);
        }
        admin = api.adminToken();
        viewer = api.userToken(admin, "vera", "viewer");
        grant(1, "vera", "owner");
        grant(2, "vera", "granted");
    }

    private static void grant(final int portfolioId, final String username, final String relation)
    {
        final ApiHarness.Response granted = api.send("PUT", "/api/v1/admin/portfolios/" + portfolioId + "/access/" +
            username, admin, Map.of("relation", relation), null);
        assertEquals(200, granted.status(), granted.body());
        assertEquals(relation, granted.json().get("relation").asText());
    }

    @AfterAll
    static void stop()
    {
        if (null != api)
        {
            api.close();
        }
    }

    @Test
    void documentShouldNameExactlyTheRoutesServed()
    {
        final JsonNode document = api.get("/openapi.json", null).json();
        assertEquals("3.0.3", document.get("openapi").asText());
        final Set<String> documented = new TreeSet<>();
        for (final Map.Entry<String, JsonNode> path : document.get("paths").properties())
        {
            path.getValue().fieldNames().forEachRemaining((method) ->
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }
        final Set<String> served = new TreeSet<>();
        for (final ParsedEndpoint endpoint : api.server.app().unsafe.internalRouter.allHttpHandlers())
        {
            if (endpoint.endpoint.method.isHttpMethod())
            {
                served.add(endpoint.endpoint.method.name() + " " + endpoint.endpoint.path);
            }
        }
        served.removeAll(ApiServer.NON_API_ROUTES);
        assertEquals(served, documented, "routes served vs routes documented");
        assertTrue(documented.size() >= 29, documented.toString());

        // And each documented operation answers on its path (no 404 for the route or 405 for the method).
        for (final String operation : documented)
        {
            final String method = operation.substring(0, operation.indexOf(' '));
            final String path = operation.substring(operation.indexOf(' ') + 1)
                .replace("{portfolioId}", "1").replace("{orderId}", "1")
                .replace("{username}", operation.contains("/access/") ? "nobody-here" : "vera");
            final ApiHarness.Response response = api.send(method, path, admin,
                "POST".equals(method) || "PATCH".equals(method) ? "{}" : null, null);
            assertFalse(405 == response.status() || (404 == response.status() &&
                response.body().contains("nothing at")), operation + " -> " + response);
        }
    }

    @Test
    void healthConfigAndMetrics()
    {
        assertEquals("up", api.get("/api/v1/health/live", null).json().get("status").asText());
        final JsonNode ready = api.get("/api/v1/health/ready", null).json();
        assertEquals("up", ready.get("status").asText());
        assertEquals("up", ready.get("checks").get("database").asText());
        assertTrue(api.get("/api/v1/config", null).json().has("bridgeUrl"));
        final ApiHarness.Response metrics = api.get("/api/v1/metrics", null);
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("alphapulse_api_logins_total{outcome=\"success\"}"), metrics.body());
        assertTrue(metrics.body().contains("alphapulse_api_db_connections{state=\"active\"}"), metrics.body());
    }

    @Test
    void portfolioShouldCarryBalancesPositionsAndPnlExactly()
    {
        final JsonNode list = api.get("/api/v1/portfolios", viewer).json();
        assertEquals(2, list.size());
        assertEquals("12.60", list.get(0).get("realizedPnl").asText());
        assertEquals("0", list.get(1).get("realizedPnl").asText());

        final JsonNode portfolio = api.get("/api/v1/portfolios/1", viewer).json();
        assertEquals("main", portfolio.get("name").asText());
        assertEquals("12.60", portfolio.get("realizedPnl").asText());
        assertEquals("-3.05", portfolio.get("unrealizedPnl").asText());
        assertEquals("99000.12345678", portfolio.get("balances").get(1).get("balance").asText());
        assertEquals("BTC", portfolio.get("balances").get(0).get("asset").asText());
        assertEquals(2, portfolio.get("positions").size());
        assertEquals("100.25", portfolio.get("positions").get(0).get("averagePrice").asText());

        assertEquals(2, api.get("/api/v1/portfolios/1/positions", viewer).json().size());
        assertEquals(2, api.get("/api/v1/portfolios/1/balances", viewer).json().size());
        final JsonNode pnl = api.get("/api/v1/portfolios/1/pnl", viewer).json();
        assertEquals(5, pnl.size());
        assertEquals("1", pnl.get(0).get("realizedPnl").asText());
        assertEquals("0", pnl.get(0).get("totalPnl").asText());
        // Sum of each instrument's latest: 4 (instrument 1) + 5 (instrument 7).
        assertEquals("9", pnl.get(4).get("realizedPnl").asText());
        assertEquals("-9", pnl.get(4).get("unrealizedPnl").asText());

        final ApiHarness.Response missing = api.get("/api/v1/portfolios/99", viewer);
        assertEquals(404, missing.status());
        assertTrue(missing.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON), missing.header("Content-Type"));
        assertTrue(missing.json().get("detail").asText().contains("no portfolio 99"));
        assertEquals(400, api.get("/api/v1/portfolios/abc", viewer).status());
    }

    @Test
    void ordersShouldPageThroughEveryOrderOnceNewestFirst()
    {
        final List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do
        {
            final JsonNode page = api.get("/api/v1/orders?limit=10" + (null == cursor ? "" : "&cursor=" + cursor),
                viewer).json();
            page.get("items").forEach((order) -> ids.add(order.get("orderId").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        }
        while (null != cursor);
        assertEquals(3, pages);
        assertEquals(Seed.ORDERS, ids.size());
        assertEquals(Seed.ORDERS, new HashSet<>(ids).size());
        assertEquals(25L, ids.get(0));
        assertEquals(1L, ids.get(ids.size() - 1));

        assertEquals(5, api.get("/api/v1/orders?status=filled", viewer).json().get("items").size());
        assertEquals(12, api.get("/api/v1/orders?side=buy&portfolioId=1", viewer).json().get("items").size());
        assertEquals(0, api.get("/api/v1/orders?portfolioId=2", viewer).json().get("items").size());
        assertEquals(0, api.get("/api/v1/orders?from=" + Seed.DAY.plus(13, ChronoUnit.HOURS), viewer)
            .json().get("items").size());
        final ApiHarness.Response bad = api.get("/api/v1/orders?status=lost", viewer);
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("detail").asText().contains("'status' must be one of"), bad.body());
        assertEquals(400, api.get("/api/v1/orders?cursor=garbage", viewer).status());

        final JsonNode order = api.get("/api/v1/orders/5", viewer).json();
        assertEquals("filled", order.get("status").asText());
        assertEquals("100.50", order.get("price").asText());
        assertEquals("buy", api.get("/api/v1/orders/4", viewer).json().get("side").asText());
        assertEquals(404, api.get("/api/v1/orders/999", viewer).status());
    }

    @Test
    void fillsShouldPage()
    {
        final JsonNode first = api.get("/api/v1/fills?limit=2", viewer).json();
        assertEquals(2, first.get("items").size());
        assertEquals(25L, first.get("items").get(0).get("orderId").asLong());
        final JsonNode rest = api.get("/api/v1/fills?limit=10&cursor=" + first.get("nextCursor").asText(), viewer)
            .json();
        assertEquals(3, rest.get("items").size());
        assertTrue(rest.get("nextCursor").isNull());
        assertEquals(1, api.get("/api/v1/fills?orderId=10", viewer).json().get("items").size());
    }

    @Test
    void instrumentsTradesAndTopOfBook()
    {
        assertEquals(2, api.get("/api/v1/instruments", viewer).json().size());
        final JsonNode kraken = api.get("/api/v1/instruments?exchange=KRAKEN", viewer).json();
        assertEquals(1, kraken.size());
        assertEquals("BTC-USD", kraken.get(0).get("symbol").asText());
        assertEquals(400, api.get("/api/v1/instruments?exchange=nyse", viewer).status());

        final String range = "&from=" + Seed.TRADES_FROM + "&to=" + Seed.TRADES_FROM.plus(10, ChronoUnit.MINUTES);
        final List<Long> sequences = new ArrayList<>();
        String cursor = null;
        do
        {
            final JsonNode page = api.get("/api/v1/trades?exchange=kraken&instrumentId=1&limit=25" + range +
                (null == cursor ? "" : "&cursor=" + cursor), viewer).json();
            page.get("items").forEach((trade) -> sequences.add(trade.get("sequence").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        }
        while (null != cursor);
        assertEquals(10 * Seed.TRADES_PER_MINUTE, sequences.size());
        for (int i = 0; i < sequences.size(); i++)
        {
            assertEquals(i + 1L, sequences.get(i));
        }
        final JsonNode trade = api.get("/api/v1/trades?exchange=kraken&instrumentId=1&limit=1" + range, viewer)
            .json().get("items").get(0);
        assertEquals("100.25", trade.get("price").asText());
        assertEquals("0.00100000", trade.get("quantity").asText());
        assertEquals("buy", trade.get("side").asText());
        assertEquals(400, api.get("/api/v1/trades?exchange=kraken", viewer).status());

        final JsonNode top = api.get("/api/v1/top-of-book?exchange=kraken&instrumentId=1", viewer).json();
        assertEquals(1, top.size());
        assertEquals("101.10", top.get(0).get("bidPrice").asText());
        assertEquals("101.20", top.get(0).get("askPrice").asText());
    }

    @Test
    void candlesAtAnyIntervalShouldMatchTheTrades()
    {
        final String base = "/api/v1/candles?exchange=kraken&instrumentId=1&from=" + Seed.TRADES_FROM + "&to=" +
            Seed.TRADES_FROM.plus(Seed.TRADE_MINUTES, ChronoUnit.MINUTES);
        final JsonNode oneMinute = api.get(base + "&interval=1m", viewer).json();
        assertEquals("1m", oneMinute.get("source").asText());
        assertEquals(Seed.TRADE_MINUTES, oneMinute.get("candles").size());
        assertCandle(oneMinute.get("candles").get(3), "103.25", "108.25", "103.25", "108.25", "0.00600000", 6);

        final JsonNode five = api.get(base + "&interval=5m", viewer).json();
        assertEquals("1m", five.get("source").asText());
        assertEquals(Seed.TRADE_MINUTES / 5, five.get("candles").size());
        assertEquals(Seed.TRADES_FROM.toString().replace("Z", ""),
            five.get("candles").get(0).get("start").asText().replace("Z", ""));
        assertCandle(five.get("candles").get(1), "105.25", "114.25", "105.25", "114.25", "0.03000000", 30);

        final JsonNode hour = api.get(base + "&interval=1h", viewer).json();
        assertEquals("1h", hour.get("source").asText());
        assertEquals(2, hour.get("candles").size());
        assertCandle(hour.get("candles").get(0), "100.25", "164.25", "100.25", "164.25", "0.36000000", 360);

        final JsonNode day = api.get("/api/v1/candles?exchange=kraken&instrumentId=1&interval=1d&from=" + Seed.DAY +
            "&to=" + Seed.DAY.plus(1, ChronoUnit.DAYS), viewer).json();
        assertEquals("1h", day.get("source").asText());
        assertEquals(1, day.get("candles").size());
        assertCandle(day.get("candles").get(0), "100.25", "224.25", "100.25", "224.25", "0.72000000", 720);

        // A range that starts mid-bucket still gets whole buckets.
        final JsonNode shifted = api.get("/api/v1/candles?exchange=kraken&instrumentId=1&interval=15m&from=" +
            Seed.TRADES_FROM.plus(7, ChronoUnit.MINUTES) + "&to=" + Seed.TRADES_FROM.plus(30, ChronoUnit.MINUTES),
            viewer).json();
        assertEquals(2, shifted.get("candles").size());
        assertEquals(90, shifted.get("candles").get(0).get("trades").asLong());

        assertEquals(400, api.get(base + "&interval=7s", viewer).status());
        assertEquals(400, api.get(base + "&interval=0m", viewer).status());
        final ApiHarness.Response tooMany = api.get("/api/v1/candles?exchange=kraken&instrumentId=1&interval=1m" +
            "&from=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z", viewer);
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.json().get("detail").asText().contains("at most 5000"), tooMany.body());
    }

    private static void assertCandle(
        final JsonNode candle, final String open, final String high, final String low, final String close,
        final String volume, final long trades)
    {
        assertEquals(open, candle.get("open").asText(), candle.toString());
        assertEquals(high, candle.get("high").asText(), candle.toString());
        assertEquals(low, candle.get("low").asText(), candle.toString());
        assertEquals(close, candle.get("close").asText(), candle.toString());
        assertEquals(volume, candle.get("volume").asText(), candle.toString());
        assertEquals(trades, candle.get("trades").asLong(), candle.toString());
    }

    @Test
    void feedStatusAndGapHistory()
    {
        final JsonNode feeds = api.get("/api/v1/feeds", viewer).json();
        assertEquals(1, feeds.size());
        assertEquals("kraken", feeds.get(0).get("exchange").asText());
        assertEquals("SUBSCRIBED", feeds.get(0).get("lastEventType").asText());
        assertEquals(1, feeds.get(0).get("gapsLastHour").asLong());
        final JsonNode gaps = api.get("/api/v1/feeds/gaps?exchange=kraken", viewer).json();
        assertEquals(2, gaps.size());
        assertEquals("RESYNC_DONE", gaps.get(0).get("eventType").asText());
        assertEquals(15, gaps.get(1).get("receivedSequence").asLong());
        assertEquals("collector", gaps.get(1).get("origin").asText());
    }

    @Test
    void ordersShouldBeValidatedThenRefusedWith503WhenTheLedgerIsUnreachable()
    {
        final String trader = api.userToken(admin, "tina", "trader");
        grant(1, "tina", "granted");
        final Map<String, Object> order = Map.of("portfolioId", 1, "exchange", "kraken", "instrumentId", 1,
            "side", "buy", "type", "limit", "price", "100.25", "quantity", "0.01");
        final ApiHarness.Response refused = api.post("/api/v1/orders", trader, order);
        assertEquals(503, refused.status(), refused.body());
        assertTrue(refused.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON), refused.header("Content-Type"));
        assertTrue(refused.json().get("detail").asText().contains("ledger is not reachable"), refused.body());
        assertNotNull(refused.header("Retry-After"));

        final Map<String, Object> tooPrecise = new java.util.HashMap<>(order);
        tooPrecise.put("price", "100.255");
        final ApiHarness.Response precise = api.post("/api/v1/orders", trader, tooPrecise);
        assertEquals(400, precise.status());
        assertTrue(precise.json().get("detail").asText().contains("more than 2 decimal places"), precise.body());
        final Map<String, Object> noSide = new java.util.HashMap<>(order);
        noSide.put("side", "hold");
        assertEquals(400, api.post("/api/v1/orders", trader, noSide).status());
        final Map<String, Object> unknownField = new java.util.HashMap<>(order);
        unknownField.put("leverage", 100);
        final ApiHarness.Response unknown = api.post("/api/v1/orders", trader, unknownField);
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("detail").asText().contains("unknown field 'leverage'"), unknown.body());
        assertEquals(403, api.post("/api/v1/orders", viewer, order).status());

        assertEquals(409, api.send("DELETE", "/api/v1/orders/5", trader, null, null).status());
        assertEquals(503, api.send("DELETE", "/api/v1/orders/1", trader, null, null).status());
        assertEquals(404, api.send("DELETE", "/api/v1/orders/999", trader, null, null).status());
    }

    @Test
    void errorsShouldBeProblemsAndResponsesShouldCarrySecurityHeaders()
    {
        final ApiHarness.Response missing = api.get("/api/v1/nothing-here", viewer);
        assertEquals(404, missing.status());
        assertTrue(missing.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON), missing.header("Content-Type"));
        assertTrue(missing.json().get("detail").asText().contains("/openapi.json"));
        assertEquals("nosniff", missing.header("X-Content-Type-Options"));
        assertEquals("DENY", missing.header("X-Frame-Options"));
        assertNotNull(missing.header("Content-Security-Policy"));
        assertEquals("no-store", missing.header("Cache-Control"));

        final ApiHarness.Response huge = api.post("/api/v1/auth/login", null,
            "{\"username\":\"" + "x".repeat(200_000) + "\",\"password\":\"y\"}");
        assertEquals(413, huge.status(), huge.body());

        final ApiHarness.Response wrongType = api.send("POST", "/api/v1/auth/login", null, null,
            Map.of("Content-Type", "text/plain"));
        assertEquals(415, wrongType.status());
        final ApiHarness.Response notJson = api.post("/api/v1/auth/login", null, "{nope");
        assertEquals(400, notJson.status());
        assertTrue(notJson.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON), notJson.header("Content-Type"));
        assertNull(api.get("/api/v1/config", null).header("Access-Control-Allow-Origin"));
    }

    @Test
    void injectionStringsInEveryFilterShouldBeHarmless() throws Exception
    {
        final List<String> payloads = List.of("' OR '1'='1", "1; DROP TABLE api_users; --", "kraken' --",
            "1 OR 1=1", "1) UNION SELECT password_hash FROM api_users --", "\\'; DELETE FROM orders; --",
            "%' OR 'x' LIKE '%");
        final long ordersBefore = count("trading_orders");
        final long usersBefore = count("api_users");
        final List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (final Route route : api.server.routes())
        {
            if (!"GET".equals(route.method()))
            {
                continue;
            }
            for (final Route.Param param : route.params())
            {
                for (final String payload : payloads)
                {
                    final String encoded = java.net.URLEncoder.encode(payload, java.nio.charset.StandardCharsets.UTF_8);
                    String path = route.path().replace("{portfolioId}", "1").replace("{orderId}", "1");
                    if ("path".equals(param.in()))
                    {
                        path = route.path().replace("{" + param.name() + "}", encoded.replace("+", "%20"))
                            .replace("{portfolioId}", "1").replace("{orderId}", "1");
                    }
                    else
                    {
                        // Valid values for the other required parameters, so the payload is what gets checked.
                        path += "?exchange=kraken&instrumentId=1&" + param.name() + "=" + encoded;
                    }
                    final ApiHarness.Response response = api.get(path, admin);
                    requests++;
                    if (response.status() >= 500 || (200 != response.status() && 400 != response.status() &&
                        404 != response.status()))
                    {
                        wrong.add(route.path() + " " + param.name() + "=" + payload + " -> " + response);
                    }
                    if (200 == response.status() && response.body().contains("$2"))
                    {
                        wrong.add(route.path() + " " + param.name() + "=" + payload + " leaked a hash");
                    }
                }
            }
        }
        for (final String payload : payloads)
        {
            final int status = api.post("/api/v1/auth/login", null, Map.of("username", payload, "password", payload))
                .status();
            if (401 != status)
            {
                wrong.add("login as " + payload + " -> " + status);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(requests > 100, "requests " + requests);
        assertEquals(ordersBefore, count("trading_orders"));
        assertEquals(usersBefore, count("api_users"));
    }

    private static long count(final String table) throws Exception
    {
        try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(), "postgres", null);
            java.sql.Statement statement = connection.createStatement();
            java.sql.ResultSet rs = statement.executeQuery("select count(*) from " + table))
        {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void swaggerUiAndDashboardShouldBeServed()
    {
        final ApiHarness.Response swagger = api.get("/swagger", null);
        assertEquals(200, swagger.status());
        final String bundle = swagger.body().replaceAll("(?s).*src=\"(/webjars/[^\"]+bundle.js)\".*", "$1");
        assertEquals(200, api.get(bundle, null).status(), bundle);
        final ApiHarness.Response index = api.get("/", null);
        assertEquals(200, index.status());
        assertTrue(index.body().contains("AlphaPulse"), index.body());
    }

    @Test
    void viewersAndTradersShouldSeeAndTradeOnlyTheirPortfolios()
    {
        final String owner = api.userToken(admin, "olga", "viewer");
        final String grantee = api.userToken(admin, "greg", "trader");
        final String stranger = api.userToken(admin, "nina", "viewer", "trader");
        grant(1, "olga", "owner");
        grant(2, "greg", "granted");

        // Reads: one's own portfolio answers; another's is 404, as if it did not exist.
        assertEquals(List.of(1), ids(api.get("/api/v1/portfolios", owner).json()));
        assertEquals(200, api.get("/api/v1/portfolios/1", owner).status());
        for (final String path : List.of("/api/v1/portfolios/2", "/api/v1/portfolios/2/positions",
            "/api/v1/portfolios/2/balances", "/api/v1/portfolios/2/pnl", "/api/v1/orders?portfolioId=2",
            "/api/v1/fills?portfolioId=2"))
        {
            final ApiHarness.Response response = api.get(path, owner);
            assertEquals(404, response.status(), path + " -> " + response);
            assertTrue(response.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON), path);
        }
        assertEquals(Seed.ORDERS, api.get("/api/v1/orders?limit=100", owner).json().get("items").size());
        assertEquals(200, api.get("/api/v1/orders/5", owner).status());

        assertEquals(List.of(), ids(api.get("/api/v1/portfolios", stranger).json()));
        assertEquals(404, api.get("/api/v1/portfolios/1", stranger).status());
        assertEquals(0, api.get("/api/v1/orders", stranger).json().get("items").size());
        assertEquals(0, api.get("/api/v1/fills", stranger).json().get("items").size());
        assertEquals(404, api.get("/api/v1/orders/5", stranger).status());

        // Trading: only on one's own or granted portfolio (403 otherwise); cancels of others' orders are 404.
        final Map<String, Object> order = Map.of("portfolioId", 1, "exchange", "kraken", "instrumentId", 1,
            "side", "buy", "type", "limit", "price", "100.25", "quantity", "0.01");
        final ApiHarness.Response foreign = api.post("/api/v1/orders", grantee, order);
        assertEquals(403, foreign.status(), foreign.body());
        assertTrue(foreign.json().get("detail").asText().contains("may not trade portfolio 1"), foreign.body());
        assertEquals(403, api.post("/api/v1/orders", stranger, order).status());
        final Map<String, Object> own = new java.util.HashMap<>(order);
        own.put("portfolioId", 2);
        assertEquals(503, api.post("/api/v1/orders", grantee, own).status(), "passes the ownership check");
        assertEquals(404, api.send("DELETE", "/api/v1/orders/1", grantee, null, null).status());

        // Admins see everything.
        assertEquals(List.of(1, 2), ids(api.get("/api/v1/portfolios", admin).json()));
        final JsonNode grants = api.get("/api/v1/admin/portfolios/1/access", admin).json();
        assertTrue(grants.toString().contains("\"olga\""), grants.toString());

        // Revoking takes effect at once for the next request (the access list is reloaded on its notification).
        assertEquals(204, api.send("DELETE", "/api/v1/admin/portfolios/1/access/olga", admin, null, null).status());
        awaitStatus("/api/v1/portfolios/1", owner, 404);
        assertEquals(404, api.send("DELETE", "/api/v1/admin/portfolios/1/access/olga", admin, null, null).status());
        assertEquals(400, api.send("PUT", "/api/v1/admin/portfolios/1/access/olga", admin,
            Map.of("relation", "boss"), null).status());
        assertEquals(404, api.send("PUT", "/api/v1/admin/portfolios/1/access/nobody", admin,
            Map.of("relation", "owner"), null).status());
    }

    @Test
    void portfolioChangesShouldBeServedWithinTheStalenessBound() throws Exception
    {
        final long boundMs = api.server.context().readModelStalenessMs();
        assertTrue(boundMs > 0, "the read model is on by default");
        assertEquals("10", balance(api.get("/api/v1/portfolios/2", viewer).json(), "USD"));
        try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(), "postgres", null))
        {
            for (final String value : List.of("10.50000001", "10"))
            {
                // As the projector writes: a committed update of the ledger's balance table.
                try (java.sql.Statement statement = connection.createStatement())
                {
                    statement.executeUpdate("update trading_balances set balance = " + value +
                        ", updated_ns = updated_ns + 1 where portfolio_id = 2 and asset = 'USD'");
                }
                final long committedNs = System.nanoTime();
                final long deadlineNs = committedNs + TimeUnit.SECONDS.toNanos(30);
                while (true)
                {
                    final long requestNs = System.nanoTime();
                    final String seen = balance(api.get("/api/v1/portfolios/2", viewer).json(), "USD");
                    if (value.equals(seen))
                    {
                        break;
                    }
                    // The documented bound: a response may be older than the change only while the change is
                    // younger than the bound (plus the notification's delivery: 500 ms of slack on a loaded box).
                    assertTrue(requestNs - committedNs < TimeUnit.MILLISECONDS.toNanos(boundMs + 500),
                        "balance " + seen + " still served " + (requestNs - committedNs) / 1_000_000 +
                        " ms after the change to " + value + " was committed (bound " + boundMs + " ms)");
                    assertTrue(System.nanoTime() - deadlineNs < 0, "never saw " + value);
                }
            }
        }
        final String metrics = api.get("/api/v1/metrics", null).body();
        assertTrue(metricValue(metrics, "alphapulse_api_read_model_notifications_total") > 0, metrics);
    }

    @Test
    void portfolioReadsShouldStayCorrectWhenTheListenerLosesItsConnection() throws Exception
    {
        assertEquals(200, api.get("/api/v1/portfolios/2", viewer).status());
        final String metrics = api.get("/api/v1/metrics", null).body();
        final long reconnects = metricValue(metrics, "alphapulse_api_read_model_reconnects_total");
        try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(), "postgres", null);
            java.sql.Statement statement = connection.createStatement())
        {
            try (java.sql.ResultSet killed = statement.executeQuery("select count(pg_terminate_backend(pid)) " +
                "from pg_stat_activity where application_name = 'alphapulse-api-read-model'"))
            {
                assertTrue(killed.next());
                assertEquals(1, killed.getInt(1), "one listening connection");
            }
            statement.executeUpdate("update trading_balances set balance = 11 where portfolio_id = 2 and " +
                "asset = 'USD'");
            // Whether the listener is down, reconnecting or back, the change is served.
            awaitBalance("11");
            awaitCondition(() -> metricValue(api.get("/api/v1/metrics", null).body(),
                "alphapulse_api_read_model_reconnects_total") > reconnects, "the listener reconnects");
            statement.executeUpdate("update trading_balances set balance = 10 where portfolio_id = 2 and " +
                "asset = 'USD'");
            awaitBalance("10");
        }
    }

    private static void awaitBalance(final String expected)
    {
        awaitCondition(() -> expected.equals(balance(api.get("/api/v1/portfolios/2", viewer).json(), "USD")),
            "USD balance " + expected);
    }

    private static void awaitStatus(final String path, final String token, final int status)
    {
        awaitCondition(() -> status == api.get(path, token).status(), path + " -> " + status);
    }

    private static void awaitCondition(final java.util.function.BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static String balance(final JsonNode portfolio, final String asset)
    {
        for (final JsonNode balance : portfolio.get("balances"))
        {
            if (asset.equals(balance.get("asset").asText()))
            {
                return balance.get("balance").asText();
            }
        }
        return null;
    }

    private static long metricValue(final String metrics, final String series)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Long.parseLong(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + series + " in\n" + metrics);
    }

    private static List<Integer> ids(final JsonNode portfolios)
    {
        final List<Integer> ids = new ArrayList<>();
        portfolios.forEach((p) -> ids.add(p.get("portfolioId").asInt()));
        return ids;
    }
}
