/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.projector;

import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.ledger.LedgerTestCluster;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.Migrations;
import io.alphapulse.sql.PulseDatabase;
import io.alphapulse.strategy.InstrumentInfo;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real ledger member, a real PostgreSQL migrated with the project's Flyway scripts, and the projector between them:
 * every order, rejection, fill, position and balance change must reach the tables with exact numbers; events applied
 * twice must change nothing.
 */
class ProjectorIT
{
    private static final int BTC = 20000;

    @TempDir
    File tempDir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void ordersFillsAndPositionsReachPostgresIdempotently() throws SQLException
    {
        EmbeddedPostgresServer postgres = null;
        Projector projector = null;
        try (LedgerTestCluster cluster = new LedgerTestCluster(new File(tempDir, "ledger"), 1))
        {
            postgres = EmbeddedPostgresServer.start(tempDir.toPath().resolve("var"), 0, false);
            Migrations.migrate(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 7);
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            cluster.connectClient();
            projector = launchProjector(cluster, postgres);

            cluster.setUpPortfolio(0);
            cluster.proxy.riskLimits(0, 1, BTC, 100_000_000L, 0, 0, 0, 0);
            for (long id = 1; id <= 20; id++)
            {
                cluster.proxy.newOrder(id, id, 1, 1, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000,
                    10_000_000);
            }
            cluster.proxy.newOrder(21, 21, 1, 1, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000,
                200_000_000);
            final LedgerTestCluster.Egress egress = cluster.egress;
            cluster.await(() -> egress.acceptedClientIds.size() == 20 && egress.rejects.size() == 1,
                TimeUnit.SECONDS.toNanos(30), "20 accepted, 1 rejected");
            // Fill order 1 in two parts (0.04 + 0.06 BTC, fee 0.5 USD each), cancel order 2.
            final long order1 = egress.orderIdByClientId.get(1);
            cluster.proxy.fill(1, order1, 1, 1, 5_999_000, 4_000_000, 6_000_000, 5, -1, 1, 1, BTC, Side.BUY,
                Liquidity.TAKER);
            cluster.proxy.fill(2, order1, 1, 2, 6_000_000, 6_000_000, 0, 5, -1, 1, 1, BTC, Side.BUY, Liquidity.MAKER);
            cluster.proxy.cancelOrder(3, 2, 1, 1);
            cluster.proxy.mark(4, BTC, 6_100_000);

            final String url = postgres.jdbcUrl();
            cluster.await(() -> count(url, "select count(*) from trading_orders where status = 'CANCELLED'") == 1 &&
                count(url, "select count(*) from trading_position_changes") >= 3, TimeUnit.SECONDS.toNanos(30),
                "the projector to write");

            try (Connection connection = PulseDatabase.connect(url, DatabaseConfiguration.EMBEDDED_USER, null);
                Statement statement = connection.createStatement())
            {
                assertEquals(20, count(url, "select count(*) from trading_orders"));
                assertEquals(1, count(url,
                    "select count(*) from trading_order_rejections where reason = 'MAX_ORDER_QUANTITY'"));
                assertEquals(2, count(url, "select count(*) from trading_fills"));
                try (ResultSet rs = statement.executeQuery(
                    "select status, filled_quantity, price from trading_orders where client_order_id = 1"))
                {
                    rs.next();
                    assertEquals("FILLED", rs.getString(1));
                    assertEquals(new BigDecimal("0.10000000"), rs.getBigDecimal(2));
                    assertEquals(new BigDecimal("60000.00"), rs.getBigDecimal(3));
                }
                try (ResultSet rs = statement.executeQuery(
                    "select position, realized_pnl, unrealized_pnl from trading_positions where instrument_id = " +
                    BTC))
                {
                    rs.next();
                    assertEquals(new BigDecimal("0.10000000"), rs.getBigDecimal(1));
                    assertEquals(0, new BigDecimal("-1").compareTo(rs.getBigDecimal(2)), "fees 2 x 0.5 USD");
                    // cost 2,399.60 + 3,600.00 = 5,999.60; marked at 61,000 x 0.1 = 6,100.00
                    assertEquals(0, new BigDecimal("100.40").compareTo(rs.getBigDecimal(3)));
                }
                try (ResultSet rs = statement.executeQuery("select balance from trading_balances where asset = 'USD'"))
                {
                    rs.next();
                    assertEquals(0, new BigDecimal("9993999.40").compareTo(rs.getBigDecimal(1)));
                }
            }

            // Idempotent: the same events through a second projection change nothing.
            final long rowsBefore = totalRows(url);
            try (JdbcTradingProjection again = new JdbcTradingProjection(
                PulseDatabase.connect(url, DatabaseConfiguration.EMBEDDED_USER, null),
                (id) -> id == BTC ? new InstrumentInfo(BTC, "COINBASE", "BTC-USD", 2, 8) : null))
            {
                again.onOrderAccepted(1, order1, 1, 1, 1, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000,
                    10_000_000);
                again.onFill(1, order1, 1, 1, 5_999_000, 4_000_000, 6_000_000, 5, -1, 1, 1, BTC, Side.BUY,
                    Liquidity.TAKER);
                again.flush();
            }
            assertEquals(rowsBefore, totalRows(url));
            assertEquals(1, count(url,
                "select count(*) from trading_orders where client_order_id = 1 and status = 'FILLED'"),
                "an old fill replayed does not move the order back");
        }
        finally
        {
            CloseHelper.closeAll(projector, postgres);
        }
    }

    /**
     * The projector is stopped while orders are placed, filled and cancelled; restarted, it catches up from the
     * ledger's recorded log: every order and fill is in PostgreSQL exactly once, and what it wrote before the stop is
     * not written again (it rebuilt the ledger's state from those messages without re-emitting their events).
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void restartedProjectorCatchesUpOnEverythingItMissedExactlyOnce() throws SQLException
    {
        EmbeddedPostgresServer postgres = null;
        Projector projector = null;
        try (LedgerTestCluster cluster = new LedgerTestCluster(new File(tempDir, "ledger"), 1))
        {
            postgres = EmbeddedPostgresServer.start(tempDir.toPath().resolve("var"), 0, false);
            Migrations.migrate(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 7);
            final String url = postgres.jdbcUrl();
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            cluster.connectClient();
            final LedgerTestCluster.Egress egress = cluster.egress;
            projector = launchProjector(cluster, postgres);
            cluster.setUpPortfolio(0);

            // Phase 1, projector up: orders 1..40, every 4th filled in two parts.
            placeAndFill(cluster, 1, 40);
            cluster.await(() -> count(url, "select count(*) from trading_fills") == 20 &&
                count(url, "select count(*) from trading_orders") == 40, TimeUnit.SECONDS.toNanos(60),
                () -> "phase 1 in PostgreSQL: " + count(url, "select count(*) from trading_orders") + " orders, " +
                count(url, "select count(*) from trading_fills") + " fills");
            final long writtenBefore = projector.written();
            projector.close();
            projector = null;

            // Phase 2, projector down: orders 41..100, every 4th filled in two parts, orders 41..50 cancelled, a
            // second fill on order 1's neighbour 3 (was unfilled), a new mark.
            placeAndFill(cluster, 41, 100);
            for (long id = 41; id <= 50; id++)
            {
                if (0 != id % 4)
                {
                    cluster.proxy.cancelOrder(id, id, 1, 1);
                }
            }
            cluster.proxy.fill(200, egress.orderIdByClientId.get(3), 3, 1, 6_000_000, 500, 500, 0, 0, 1, 1, 20000,
                Side.BUY, Liquidity.MAKER);
            cluster.proxy.mark(201, 20000, 6_010_000);
            cluster.await(() -> egress.acceptedClientIds.size() == 100 && egress.fills == 51,
                TimeUnit.SECONDS.toNanos(60), () -> "phase 2 acknowledged: " + egress.acceptedClientIds.size() +
                " orders, " + egress.fills + " fills");
            assertEquals(40, count(url, "select count(*) from trading_orders"), "nothing written while down");

            // The member restarts too (its log recording is extended, not replaced) before the projector returns.
            final long logEnd = cluster.nodes[0].service().logPosition();
            cluster.client.close();
            cluster.client = null;
            cluster.kill(0);
            cluster.restart(0);
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(30));
            cluster.await(() -> cluster.nodes[0].service().logPosition() >= logEnd, TimeUnit.SECONDS.toNanos(30),
                "the restarted member to replay its log");

            // Restart: it catches up on everything it missed.
            projector = launchProjector(cluster, postgres);
            cluster.await(() -> count(url, "select count(*) from trading_fills") == 51 &&
                count(url, "select count(*) from trading_orders") == 100 &&
                count(url, "select count(*) from trading_orders where status = 'CANCELLED'") == 8,
                TimeUnit.SECONDS.toNanos(60), () -> "the catch-up: " +
                count(url, "select count(*) from trading_orders") + " orders, " +
                count(url, "select count(*) from trading_fills") + " fills");

            for (long id = 1; id <= 100; id++)
            {
                assertEquals(1, count(url, "select count(*) from trading_orders where client_order_id = " + id +
                    " and order_id = " + egress.orderIdByClientId.get(id)), "order " + id + " once");
                final long expectedFills = (0 == id % 4 ? 2 : 0) + (3 == id ? 1 : 0);
                assertEquals(expectedFills, count(url, "select count(*) from trading_fills where client_order_id = " +
                    id), "fills of order " + id);
            }
            assertEquals(51, count(url, "select count(distinct (order_id, fill_id)) from trading_fills"));
            assertEquals(1, count(url, "select count(*) from trading_orders where client_order_id = 3 and " +
                "status = 'PARTIALLY_FILLED'"));
            // Position after every fill: 25 orders x 0.00001 + 0.000005 BTC.
            assertEquals(0, new BigDecimal("0.00025500").compareTo(
                decimal(url, "select position from trading_positions where instrument_id = 20000")));
            assertTrue(projector.written() > 0, "wrote the missed events");

            // The member restarts while the projector runs: it follows the extended recording on.
            cluster.kill(0);
            cluster.restart(0);
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(30));
            final LedgerTestCluster.Egress egress3 = new LedgerTestCluster.Egress();
            try (LedgerClient ipc = LedgerClient.connect(new LedgerClient.Context()
                .ipc(true)
                .aeronDirectoryName(cluster.nodes[0].context().aeronDirectoryName()), egress3))
            {
                final LedgerProxy proxy = new LedgerProxy(ipc);
                for (long id = 101; id <= 110; id++)
                {
                    proxy.newOrder(id, id, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 1_000);
                }
                cluster.await(() -> ipc.poll() >= 0 && egress3.acceptedClientIds.size() == 10,
                    TimeUnit.SECONDS.toNanos(30), "orders 101..110 accepted");
            }
            cluster.await(() -> count(url, "select count(*) from trading_orders") == 110, TimeUnit.SECONDS.toNanos(60),
                () -> "orders after the live restart: " + count(url, "select count(*) from trading_orders"));
            assertEquals(110, count(url, "select count(distinct client_order_id) from trading_orders"));
            assertTrue(projector.eventsSuppressed() >= writtenBefore,
                "events before the watermark are not written again: " + projector.eventsSuppressed());
            projector.close();
            projector = null;
            final long watermark = count(url,
                "select log_position from trading_projector_position where projector = 'ledger'");
            assertTrue(watermark >= cluster.nodes[0].service().logPosition(),
                "the watermark " + watermark + " covers the log's last message");
        }
        finally
        {
            CloseHelper.closeAll(projector, postgres);
        }
    }

    /**
     * PostgreSQL stops for 30 s while orders are placed and filled. The projector's batch fails; it says so once,
     * drops what it held (a failed JDBC batch is not kept), retries, and once the database is back follows the log
     * again from the position stored with its last committed batch: every order and fill exactly once.
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void databaseDownForThirtySecondsLosesAndDuplicatesNothing() throws SQLException
    {
        EmbeddedPostgresServer postgres = null;
        Projector projector = null;
        final java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        try (LedgerTestCluster cluster = new LedgerTestCluster(new File(tempDir, "ledger"), 1))
        {
            final java.nio.file.Path var = tempDir.toPath().resolve("var");
            postgres = EmbeddedPostgresServer.start(var, 0, false);
            Migrations.migrate(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null, 7);
            final String url = postgres.jdbcUrl();
            final int port = postgres.port();
            cluster.awaitLeader(TimeUnit.SECONDS.toNanos(20));
            cluster.connectClient();
            projector = Projector.launch(new Projector.Context()
                .aeronDirectoryName(cluster.clientAeronDirectoryName())
                .ledgerAeronDirectoryName(cluster.nodes[0].context().aeronDirectoryName())
                .database(url, DatabaseConfiguration.EMBEDDED_USER, null)
                .batch(100, TimeUnit.MILLISECONDS.toNanos(20))
                .reconnectIntervalNs(TimeUnit.MILLISECONDS.toNanos(200))
                .out(new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8)));
            cluster.setUpPortfolio(0);

            placeAndFill(cluster, 1, 40);
            cluster.await(() -> count(url, "select count(*) from trading_fills") == 20 &&
                count(url, "select count(*) from trading_orders") == 40, TimeUnit.SECONDS.toNanos(60),
                "orders 1..40 in PostgreSQL");

            postgres.close();
            postgres = null;
            final long downNs = System.nanoTime();
            placeAndFill(cluster, 41, 100);
            final Projector running = projector;
            cluster.await(() -> running.outages() == 1 && running.isWaitingForDatabase(),
                TimeUnit.SECONDS.toNanos(30), "the projector to notice the outage");
            cluster.await(() -> System.nanoTime() - downNs >= TimeUnit.SECONDS.toNanos(30),
                TimeUnit.SECONDS.toNanos(40), "30 s of outage");
            assertTrue(projector.isWaitingForDatabase(), "still waiting: the database is down");
            assertTrue(projector.dbErrors() > 1, "the failed batch and the failed reconnects are counted");

            postgres = EmbeddedPostgresServer.start(var, port, false);
            cluster.await(() -> count(url, "select count(*) from trading_fills") == 50 &&
                count(url, "select count(*) from trading_orders") == 100, TimeUnit.SECONDS.toNanos(60),
                () -> "the catch-up: " + count(url, "select count(*) from trading_orders") + " orders, " +
                count(url, "select count(*) from trading_fills") + " fills");

            for (long id = 1; id <= 100; id++)
            {
                assertEquals(1, count(url, "select count(*) from trading_orders where client_order_id = " + id),
                    "order " + id + " once");
                assertEquals(0 == id % 4 ? 2 : 0, count(url,
                    "select count(*) from trading_fills where client_order_id = " + id), "fills of order " + id);
            }
            assertEquals(0, new BigDecimal("0.00025000").compareTo(
                decimal(url, "select position from trading_positions where instrument_id = 20000")));
            assertEquals(1, projector.outages());
            final String said = output.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(1, said.split("projector: database unavailable", -1).length - 1, said);
            assertEquals(1, said.split("projector: database back after", -1).length - 1, said);
        }
        finally
        {
            CloseHelper.closeAll(projector, postgres);
        }
    }

    private static void placeAndFill(final LedgerTestCluster cluster, final long from, final long to)
    {
        final LedgerTestCluster.Egress egress = cluster.egress;
        for (long id = from; id <= to; id++)
        {
            cluster.proxy.newOrder(id, id, 1, 1, 20000, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6_000_000, 1_000);
        }
        cluster.await(() -> egress.acceptedClientIds.size() == to, TimeUnit.SECONDS.toNanos(60),
            () -> "orders up to " + to + " accepted: " + egress.acceptedClientIds.size());
        for (long id = from; id <= to; id++)
        {
            if (0 == id % 4)
            {
                final long orderId = egress.orderIdByClientId.get(id);
                cluster.proxy.fill(id, orderId, id, 1, 6_000_000, 400, 600, 0, 0, 1, 1, 20000, Side.BUY,
                    Liquidity.MAKER);
                cluster.proxy.fill(id, orderId, id, 2, 5_999_000, 600, 0, 0, 0, 1, 1, 20000, Side.BUY,
                    Liquidity.TAKER);
            }
        }
    }

    private static Projector launchProjector(final LedgerTestCluster cluster, final EmbeddedPostgresServer postgres)
        throws SQLException
    {
        return Projector.launch(new Projector.Context()
            .aeronDirectoryName(cluster.clientAeronDirectoryName())
            .ledgerAeronDirectoryName(cluster.nodes[0].context().aeronDirectoryName())
            .database(postgres.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null)
            .batch(100, TimeUnit.MILLISECONDS.toNanos(20)));
    }

    private static BigDecimal decimal(final String url, final String sql)
    {
        try (Connection connection = PulseDatabase.connect(url, DatabaseConfiguration.EMBEDDED_USER, null);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getBigDecimal(1);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long totalRows(final String url)
    {
        return count(url, "select (select count(*) from trading_orders) + (select count(*) from trading_fills) + " +
            "(select count(*) from trading_order_rejections) + (select count(*) from trading_position_changes) + " +
            "(select count(*) from trading_balances) + (select count(*) from trading_positions)");
    }

    private static long count(final String url, final String sql)
    {
        try (Connection connection = PulseDatabase.connect(url, DatabaseConfiguration.EMBEDDED_USER, null);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(sql))
        {
            rs.next();
            return rs.getLong(1);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
