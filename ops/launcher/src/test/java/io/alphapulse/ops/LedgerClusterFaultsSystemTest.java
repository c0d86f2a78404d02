/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.driver.LedgerCounterTypes;
import io.alphapulse.sql.PulseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.alphapulse.ops.SystemTests.cncIdentity;
import static io.alphapulse.ops.SystemTests.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-member ledger as three real {@code pulse ledger} processes, with the media driver, relay, a synthetic
 * Coinbase collector, the paper venue, the projector (following a member that is not killed) and the engine running
 * the momentum strategy, trading. The leader is {@code kill -9}'d as a process mid-flow; a new leader is elected;
 * the killed member is restarted with the same command and rejoins. Then, with market data stopped and everything
 * settled:
 * <ul>
 *     <li>every fill the venue made is in the ledger exactly once, on every member;</li>
 *     <li>every member has the same state hash at the same log position (the rejoined one included);</li>
 *     <li>PostgreSQL, through the projector, equals the ledger: fills, open orders, order ids dense, no
 *     {@code DUPLICATE_ORDER_ID} rejection (a resent order the dead leader had closed is not rejected);</li>
 *     <li>the engine traded again after the failover and holds open exactly the orders the ledger holds open (no
 *     order left open that the ledger closed), having resynchronised with the new leader.</li>
 * </ul>
 */
class LedgerClusterFaultsSystemTest
{
    private static final int MEMBERS = 3;

    @TempDir
    Path tempDir;

    private SystemTests.Pulses pulses;
    private Path aeronDir;
    private Path varDir;
    private final Path[] memberDirs = new Path[MEMBERS];

    @AfterEach
    void tearDown()
    {
        if (null != pulses)
        {
            pulses.close();
        }
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void killNineOfTheLeaderProcessMidFlowLosesAndDuplicatesNothing() throws Exception
    {
        pulses = new SystemTests.Pulses(tempDir);
        aeronDir = tempDir.resolve("aeron");
        varDir = tempDir.resolve("var");
        final int basePort = SystemTests.freeUdpPorts(10 * MEMBERS);
        final StringBuilder endpointsText = new StringBuilder();
        for (int i = 0; i < MEMBERS; i++)
        {
            memberDirs[i] = tempDir.resolve("aeron-ledger-" + i);
            endpointsText.append(i > 0 ? "," : "").append(i).append("=localhost:").append(basePort + 10 * i);
        }
        final String endpoints = endpointsText.toString();

        pulses.startBackbone(aeronDir, varDir);
        for (int i = 0; i < MEMBERS; i++)
        {
            pulses.start("ledger-" + i, "ledger", "--nodes", Integer.toString(MEMBERS), "--node", Integer.toString(i),
                "--aeron-dir", memberDirs[i].toString(), "--dir", varDir.resolve("ledger").toString(),
                "--base-port", Integer.toString(basePort), "--state-hash-quiet-ms", "500");
        }
        await("a ledger leader", () -> leader() >= 0);
        final int firstLeader = leader();
        final int followed = (firstLeader + 1) % MEMBERS;
        assertEquals(0, pulses.run("ledger-admin", "ledger", "admin", "--aeron-dir", aeronDir.toString(),
            "--ledger-endpoints", endpoints, "--deposit", "USD=1000000"), "deposit; log in " + tempDir);
        pulses.start("venue", "venue", "--aeron-dir", aeronDir.toString(), "--ledger-endpoints", endpoints);
        await("venue", () -> SystemTests.counterExists(aeronDir, EngineCounterTypes.VENUE_FILLS, "venue"));
        // The projector follows the recorded log of a member that stays up (see hot-path/ledger/README.md).
        pulses.start("projector", "projector", "--aeron-dir", aeronDir.toString(), "--var-dir", varDir.toString(),
            "--ledger-endpoints", endpoints, "--ledger-aeron-dir", memberDirs[followed].toString());
        await("projector", () -> pulses.logContains("projector", "ledger endpoints"));
        pulses.start("engine", "engine", "--aeron-dir", aeronDir.toString(), "--ledger-endpoints", endpoints,
            "--strategy", "momentum", "--param", "fast=2", "--param", "slow=4");
        await("engine", () -> SystemTests.counterExists(aeronDir, EngineCounterTypes.MARKET_DATA_MESSAGES, "engine"));
        pulses.start("collector", "collector", "--exchange", "coinbase", "--symbols", "BTC-USD",
            "--source", "synthetic", "--rate", "200", "--aeron-dir", aeronDir.toString(),
            "--instruments-file", varDir.resolve("instruments-coinbase.csv").toString());
        awaitOrdersAccepted(followed, 30);

        // kill -9 of the leader process while orders, fills and IOC remainders are in flight.
        final String leaderName = "ledger-" + firstLeader;
        final Object killedCnc = cncIdentity(memberDirs[firstLeader]);
        final long engineResyncsBefore = systemCounter(EngineCounterTypes.RESYNC_REQUESTS, "engine");
        pulses.killNine(leaderName);
        await("a new leader", () ->
        {
            final int leader = leader();
            return leader >= 0 && leader != firstLeader;
        });
        final int secondLeader = leader();
        awaitOrdersAccepted(followed, 10);

        pulses.restart(leaderName);
        await("the killed member rejoined", () ->
            !Objects.equals(killedCnc, cncIdentity(memberDirs[firstLeader])) &&
            0 == counter(memberDirs[firstLeader], LedgerCounterTypes.ROLE));
        final long engineAcceptedBefore = systemCounter(EngineCounterTypes.ORDERS_ACCEPTED, "engine");
        awaitOrdersAccepted(followed, 20);
        await("the engine trades again", () ->
            systemCounter(EngineCounterTypes.ORDERS_ACCEPTED, "engine") - engineAcceptedBefore >= 10);
        assertTrue(systemCounter(EngineCounterTypes.RESYNC_REQUESTS, "engine") > engineResyncsBefore,
            "the engine resynchronised with the new leader");

        // Settle: no market data, nothing in flight.
        pulses.stop("collector");
        final List<Counts> members = stable("every member's counts", () ->
        {
            final List<Counts> all = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++)
            {
                all.add(counts(memberDirs[i]));
            }
            return all;
        });
        final long venueFills = stable("venue fills", () -> systemCounter(EngineCounterTypes.VENUE_FILLS, "venue"));
        final Counts reference = members.get(followed);
        assertTrue(reference.fills > 0, "fills: " + reference);
        for (int i = 0; i < MEMBERS; i++)
        {
            final Counts member = members.get(i);
            assertEquals(venueFills, member.fills, "member " + i + ": every venue fill applied once " + members);
            assertEquals(reference.openOrders, member.openOrders, "member " + i + " open orders " + members);
            assertEquals(reference.hashPosition, member.hashPosition, "member " + i + " at the same log position");
            assertEquals(reference.stateHash, member.stateHash, "member " + i + " state hash " + members);
        }
        assertEquals(reference.openOrders, systemCounter(EngineCounterTypes.OPEN_ORDERS, "engine"),
            "the engine holds open exactly what the ledger holds open");

        await("projector caught up", () -> stored().fills == reference.fills);
        final Stored stored = stable("stored trading state", this::stored);
        assertEquals(reference.fills, stored.fills, "every fill stored once");
        assertEquals(reference.openOrders, stored.openOrders, "open orders stored");
        assertEquals(stored.orders, stored.maxOrderId, "order ids dense: every accepted order stored once");
        assertEquals(0, stored.duplicateRejections, "no DUPLICATE_ORDER_ID rejection");
        assertEquals(0, stored.ordersWhoseFillsDoNotAddUp, "per order, the fills add up to its filled quantity");
        System.out.println("ledger cluster faults: leader " + firstLeader + " killed, then " + secondLeader +
            " led; members " + members + "; venue fills " + venueFills + "; stored " + stored +
            "; engine resync requests " + systemCounter(EngineCounterTypes.RESYNC_REQUESTS, "engine") +
            ", resent " + systemCounter(EngineCounterTypes.ORDERS_RESENT, "engine"));
    }

    /**
     * A member's counters; the state hash is computed by the member once its log has been quiet for 0.5 s.
     */
    record Counts(long applied, long fills, long openOrders, long stateHash, long hashPosition)
    {
    }

    /**
     * What the projector stored.
     */
    record Stored(long orders, long maxOrderId, long fills, long openOrders, long duplicateRejections,
        long ordersWhoseFillsDoNotAddUp)
    {
    }

    private static Counts counts(final Path dir)
    {
        return new Counts(counter(dir, LedgerCounterTypes.MESSAGES_APPLIED), counter(dir, LedgerCounterTypes.FILLS),
            counter(dir, LedgerCounterTypes.OPEN_ORDERS), counter(dir, LedgerCounterTypes.STATE_HASH),
            counter(dir, LedgerCounterTypes.STATE_HASH_POSITION));
    }

    private int leader()
    {
        for (int i = 0; i < MEMBERS; i++)
        {
            if (null != pulses.process("ledger-" + i) && 2 == counter(memberDirs[i], LedgerCounterTypes.ROLE))
            {
                return i;
            }
        }
        return -1;
    }

    private void awaitOrdersAccepted(final int member, final long more) throws InterruptedException
    {
        final long from = Math.max(0, counter(memberDirs[member], LedgerCounterTypes.ORDERS_ACCEPTED));
        await(more + " more orders accepted by the ledger",
            () -> counter(memberDirs[member], LedgerCounterTypes.ORDERS_ACCEPTED) - from >= more);
    }

    private Stored stored()
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect();
            Statement statement = connection.createStatement())
        {
            return new Stored(single(statement, "select count(*) from trading_orders"),
                single(statement, "select coalesce(max(order_id), 0) from trading_orders"),
                single(statement, "select count(*) from trading_fills"),
                single(statement,
                    "select count(*) from trading_orders where status in ('ACCEPTED', 'PARTIALLY_FILLED')"),
                single(statement,
                    "select count(*) from trading_order_rejections where reason = 'DUPLICATE_ORDER_ID'"),
                single(statement, "select count(*) from trading_orders o where filled_quantity <> " +
                    "coalesce((select sum(f.quantity) from trading_fills f where f.order_id = o.order_id), 0) " +
                    "or filled_quantity > quantity"));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
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
        return SystemTests.stable(what, value, 3_000, tempDir);
    }

    private void await(final String what, final BooleanSupplier ready) throws InterruptedException
    {
        SystemTests.await(what, ready, tempDir);
    }
}
