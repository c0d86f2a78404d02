/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphapulse.sql.EmbeddedPostgresServer;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stops under a running API and comes back on the same data: while it is down every route that needs it
 * answers 503 {@code database-unavailable} with {@code Retry-After} (never a 500, and a login is not told its
 * password is wrong), the routes that do not need it keep answering, readiness says why; once it is back every route
 * answers as before, with the same data, without restarting the API.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ApiDatabaseOutageIT
{
    private static final List<String> DATABASE_ROUTES = List.of(
        "/api/v1/portfolios",
        "/api/v1/portfolios/1",
        "/api/v1/portfolios/1/positions",
        "/api/v1/portfolios/1/balances",
        "/api/v1/portfolios/1/pnl",
        "/api/v1/orders?portfolioId=1",
        "/api/v1/fills?portfolioId=1",
        "/api/v1/instruments",
        "/api/v1/feeds",
        "/api/v1/admin/users");

    @TempDir
    Path dir;

    @Test
    void databaseDownGives503WithRetryAfterThenEveryRouteAnswersAgainWithTheSameData() throws Exception
    {
        final ApiHarness api = new ApiHarness(dir, (ctx) -> ctx.readModelStalenessMs(200));
        EmbeddedPostgresServer restarted = null;
        try
        {
            try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(), "postgres", null))
            {
                Seed.seed(connection);
            }
            final String admin = api.adminToken();
            final Map<String, String> before = new LinkedHashMap<>();
            for (final String route : DATABASE_ROUTES)
            {
                final ApiHarness.Response response = api.get(route, admin);
                assertEquals(200, response.status(), route + " -> " + response);
                before.put(route, response.body());
            }

            final int port = api.postgres.port();
            api.postgres.close();
            final long downNs = System.nanoTime();

            for (final String route : DATABASE_ROUTES)
            {
                // The portfolio read model may answer from memory within its staleness bound (200 ms here).
                final ApiHarness.Response response = awaitStatus(api, route, admin, 503);
                assertProblem(response, route);
            }
            final ApiHarness.Response login = api.post("/api/v1/auth/login", null,
                Map.of("username", "admin", "password", ApiHarness.ADMIN_PASSWORD));
            assertProblem(login, "login");
            final ApiHarness.Response ready = api.get("/api/v1/health/ready", null);
            assertEquals(503, ready.status(), ready.toString());
            assertTrue(ready.json().get("checks").get("database").asText().startsWith("down: "), ready.toString());
            assertEquals(200, api.get("/api/v1/health/live", null).status(), "alive: the process is fine");
            assertEquals(200, api.get("/openapi.json", null).status(), "routes without the database still answer");

            // Down for 30 s in all, as the reliability table says.
            final long leftMs = 30_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downNs);
            if (leftMs > 0)
            {
                Thread.sleep(leftMs);
            }
            restarted = EmbeddedPostgresServer.start(dir.resolve("db"), port, false);
            for (final String route : DATABASE_ROUTES)
            {
                final ApiHarness.Response response = awaitStatus(api, route, admin, 200);
                // Same data; only a feed's lag (seconds since its last event) moves on with the clock.
                assertEquals(withoutLag(before.get(route)), withoutLag(response.body()), route);
            }
            assertEquals(200, api.post("/api/v1/auth/login", null,
                Map.of("username", "admin", "password", ApiHarness.ADMIN_PASSWORD)).status());
            assertEquals(200, api.get("/api/v1/health/ready", null).status());
        }
        finally
        {
            CloseHelper.closeAll(api, restarted);
        }
    }

    private static ApiHarness.Response awaitStatus(
        final ApiHarness api, final String route, final String token, final int status) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        ApiHarness.Response response;
        do
        {
            response = api.get(route, token);
            assertTrue(500 != response.status(), route + " -> " + response);
            if (status == response.status())
            {
                return response;
            }
            Thread.sleep(50);
        }
        while (System.nanoTime() - deadlineNs < 0);
        throw new AssertionError(route + ": no " + status + " within 60 s; last " + response);
    }

    private static JsonNode withoutLag(final String body) throws Exception
    {
        return ApiHarness.JSON.readTree(body.replaceAll("\"lagSeconds\":-?[0-9]+", "\"lagSeconds\":0"));
    }

    private static void assertProblem(final ApiHarness.Response response, final String what)
    {
        assertEquals(503, response.status(), what + " -> " + response);
        final JsonNode problem = response.json();
        assertTrue(problem.get("type").asText().endsWith("database-unavailable"), what + " -> " + response);
        assertTrue(problem.get("detail").asText().contains("try again shortly"), what + " -> " + response);
        assertNotNull(response.header("Retry-After"), what + " -> " + response);
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), what + " -> " + response);
    }
}
