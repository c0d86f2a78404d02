/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphapulse.engine.projector.Projector;
import io.alphapulse.ledger.LedgerTestCluster;
import io.alphapulse.sql.DatabaseConfiguration;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Orders through the API into a real ledger: a 1-node Aeron Cluster (hot-path/ledger's own test harness, real media
 * drivers, Archive and UDP ingress), the real projector writing the ledger's events into the API's PostgreSQL, and the
 * API talking to the cluster through its {@code LedgerGateway}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ApiLedgerIT
{
    private static final int BTC = 20000;
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path dir;

    private LedgerTestCluster cluster;
    private ApiHarness api;
    private Projector projector;
    private String trader;

    @BeforeEach
    void start() throws Exception
    {
        cluster = new LedgerTestCluster(dir.resolve("ledger").toFile(), 1);
        cluster.awaitLeader(WAIT_NS);
        cluster.connectClient();
        cluster.setUpPortfolio(0);
        // At most 1 BTC per order, so a bigger one is rejected with a reason.
        cluster.proxy.riskLimits(0, 1, BTC, 100_000_000L, 0, 0, 0, 0);
        api = new ApiHarness(dir, (ctx) -> ctx
            .aeronDirectoryName(cluster.clientAeronDirectoryName())
            .ledgerEndpoints(cluster.nodes[0].context().ingressEndpoints())
            .ledgerTimeoutMs(5_000));
        try (Connection connection = DriverManager.getConnection(api.postgres.jdbcUrl(),
            DatabaseConfiguration.EMBEDDED_USER, null); Statement statement = connection.createStatement())
        {
            statement.execute("insert into instruments (exchange, instrument_id, symbol, venue_symbol, price_scale, " +
                "quantity_scale) values ('COINBASE', " + BTC + ", 'BTC-USD', 'BTC-USD', 2, 8)");
            statement.execute("insert into portfolios (portfolio_id, name) values (1, 'ledger')");
        }
        projector = launchProjector();
        final String admin = api.adminToken();
        trader = api.userToken(admin, "trudy", "trader");
        final ApiHarness.Response granted = api.send("PUT", "/api/v1/admin/portfolios/1/access/trudy", admin,
            Map.of("relation", "owner"), null);
        assertEquals(200, granted.status(), granted.body());
        // The deposit, projected, shows the ledger and the projector are up before any order.
        await(() -> api.get("/api/v1/portfolios/1", trader).body().contains("\"USD\""), "the deposit projected");
    }

    private Projector launchProjector() throws java.sql.SQLException
    {
        return Projector.launch(new Projector.Context()
            .aeronDirectoryName(cluster.clientAeronDirectoryName())
            .ledgerEndpoints(cluster.nodes[0].context().ingressEndpoints())
            .ledgerAeronDirectoryName(cluster.nodes[0].context().aeronDirectoryName())
            .database(api.postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null)
            .batch(10, TimeUnit.MILLISECONDS.toNanos(10)));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(projector, api, cluster);
    }

    @Test
    void orderThroughTheApiShouldBeAcceptedByTheLedgerAndCancelled()
    {
        final ApiHarness.Response sent = api.post("/api/v1/orders", trader, order("59000.50", "0.01000000"));
        assertEquals(202, sent.status(), sent.body());
        final JsonNode submitted = sent.json();
        assertEquals("accepted", submitted.get("status").asText(), sent.body());
        final long orderId = submitted.get("orderId").asLong();
        assertTrue(orderId > 0, sent.body());

        // The ledger's acceptance, written by the projector, is what the orders route shows: exact decimals.
        final JsonNode order = awaitOrder(orderId, "accepted");
        assertEquals(submitted.get("clientOrderId").asLong(), order.get("clientOrderId").asLong());
        assertEquals("59000.50", order.get("price").asText());
        assertEquals("0.01000000", order.get("quantity").asText());
        assertEquals(ApiConfiguration.API_STRATEGY_ID, order.get("strategyId").asInt());

        final ApiHarness.Response cancel = api.send("DELETE", "/api/v1/orders/" + orderId, trader, null, null);
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals("cancelled", cancel.json().get("status").asText());
        awaitOrder(orderId, "cancelled");
        assertEquals(409, api.send("DELETE", "/api/v1/orders/" + orderId, trader, null, null).status(),
            "a cancelled order is not open");

        // A rejection is the ledger's answer with its reason, not a silent 202.
        final ApiHarness.Response tooBig = api.post("/api/v1/orders", trader, order("59000.50", "100000"));
        assertEquals(422, tooBig.status(), tooBig.body());
        assertTrue(tooBig.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON));
        assertEquals("urn:alphapulse:problem:order-rejected", tooBig.json().get("type").asText(), tooBig.body());
    }

    @Test
    void ledgerDownShouldGiveAClear503AndLoseNothing() throws Exception
    {
        final ApiHarness.Response before = api.post("/api/v1/orders", trader, order("58000.00", "0.02000000"));
        assertEquals(202, before.status(), before.body());
        final long orderId = before.json().get("orderId").asLong();
        awaitOrder(orderId, "accepted");

        cluster.kill(0);
        final ApiHarness.Response down = api.post("/api/v1/orders", trader, order("58100.00", "0.03000000"));
        assertEquals(503, down.status(), down.body());
        assertTrue(down.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON), down.header("Content-Type"));
        assertEquals("urn:alphapulse:problem:ledger-unavailable", down.json().get("type").asText(), down.body());
        assertNotNull(down.header("Retry-After"));
        final String detail = down.json().get("detail").asText();
        assertTrue(detail.contains("ledger"), detail);
        // A message offered just as the node died may be refused by Aeron, or taken and never answered: either
        // way the caller hears 503 and, in the second case, that the order's fate is unknown (it is not booked:
        // the node is gone).
        // Still down: the next order is refused the same way, never answered 202.
        assertEquals(503, api.post("/api/v1/orders", trader, order("58100.00", "0.03000000")).status());

        // The ledger comes back from its log: the order booked before the outage is still there and cancellable,
        // and the refused order, sent again, is booked once.
        cluster.restart(0);
        cluster.awaitLeader(WAIT_NS);
        // The projector only sees events while connected: a new one, connected before any new order.
        CloseHelper.close(projector);
        projector = launchProjector();
        final ApiHarness.Response again = awaitAccepted(order("58100.00", "0.03000000"));
        final long secondId = again.json().get("orderId").asLong();
        assertTrue(secondId != orderId);
        final ApiHarness.Response cancel = api.send("DELETE", "/api/v1/orders/" + orderId, trader, null, null);
        assertEquals(202, cancel.status(), cancel.body());
        awaitOrder(orderId, "cancelled");
        awaitOrder(secondId, "accepted");
        // Every 202 is booked; a 503 books nothing, except one that said the order's fate is unknown.
        final JsonNode all = api.get("/api/v1/orders?portfolioId=1&limit=100", trader).json().get("items");
        assertTrue(all.size() >= 2 && all.size() <= 2 + unknownFates, "the orders the ledger answered 202 (and " +
            unknownFates + " of unknown fate): " + all);
    }

    private int unknownFates;

    private ApiHarness.Response awaitAccepted(final Map<String, Object> order)
    {
        final ApiHarness.Response[] last = new ApiHarness.Response[1];
        // The API's session reconnects on the next order; until the new leader serves, orders get 503.
        await(() ->
        {
            last[0] = api.post("/api/v1/orders", trader, order);
            assertTrue(202 == last[0].status() || 503 == last[0].status(), last[0].toString());
            if (503 == last[0].status() && last[0].body().contains("did not confirm"))
            {
                unknownFates++;
            }
            return 202 == last[0].status();
        }, "an order accepted after the restart");
        return last[0];
    }

    private JsonNode awaitOrder(final long orderId, final String status)
    {
        final JsonNode[] order = new JsonNode[1];
        await(() ->
        {
            final ApiHarness.Response response = api.get("/api/v1/orders/" + orderId, trader);
            order[0] = 200 == response.status() ? response.json() : null;
            return null != order[0] && status.equals(order[0].get("status").asText());
        }, "order " + orderId + " " + status);
        return order[0];
    }

    private static Map<String, Object> order(final String price, final String quantity)
    {
        final Map<String, Object> order = new HashMap<>();
        order.put("portfolioId", 1);
        order.put("exchange", "coinbase");
        order.put("instrumentId", BTC);
        order.put("side", "buy");
        order.put("type", "limit");
        order.put("price", price);
        order.put("quantity", quantity);
        return order;
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
