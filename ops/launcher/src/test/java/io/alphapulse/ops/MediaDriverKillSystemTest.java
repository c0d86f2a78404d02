/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.DriverLoss;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.sql.PulseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of the shared media driver (with its Aeron Archive) in the middle of a synthetic run of real
 * {@code pulse} processes. Every client process either keeps running (the bridge reconnects by itself) or says once
 * that its driver stopped responding and exits with {@link DriverLoss#EXIT_STATUS}, with no stack trace and no crash;
 * one started again while the driver is still down waits for it without burning CPU. The driver is then started with
 * the same command, at once (the dead driver's directory is replaced, not refused as "active"), and so is every
 * process that exited, as systemd or {@code pulse demo} would. Afterwards data flows end to end again (new trades on
 * the bridge and in PostgreSQL); every trade recorded in the merged stream, before the kill and after, is in
 * PostgreSQL exactly once; and the outage is in the data as feed events (each collector's new connection), not
 * silently spliced.
 */
class MediaDriverKillSystemTest
{
    private static final List<String> EXITING = List.of("collector-kraken", "collector-coinbase", "relay", "writer");

    @TempDir
    Path tempDir;

    private SystemTests.Pulses pulses;
    private Path aeronDir;
    private Path varDir;

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
    void killNineOfTheMediaDriverStopsItsClientsCleanlyAndEverythingResumesAfterItsRestart() throws Exception
    {
        pulses = new SystemTests.Pulses(tempDir);
        aeronDir = tempDir.resolve("aeron");
        varDir = tempDir.resolve("var");
        final int bridgePort = SystemTests.freePort();

        pulses.startBackbone(aeronDir, varDir);
        pulses.start("writer", "writer", "--aeron-dir", aeronDir.toString(), "--var-dir", varDir.toString());
        await("writer", () -> SystemTests.counterExists(
            aeronDir, io.alphapulse.driver.WriterCounterTypes.BATCHES, "writer"));
        pulses.start("bridge", "bridge", "--aeron-dir", aeronDir.toString(), "--port", Integer.toString(bridgePort),
            "--auth", "off");
        for (final String exchange : List.of("kraken", "coinbase"))
        {
            pulses.start("collector-" + exchange, "collector", "--exchange", exchange, "--symbols", "BTC-USD,ETH-USD",
                "--source", "synthetic", "--rate", "400", "--aeron-dir", aeronDir.toString(),
                "--instruments-file", varDir.resolve("instruments-" + exchange + ".csv").toString());
        }
        SystemTests.awaitBridgeServesTrades(bridgePort);
        SystemTests.awaitPublished(aeronDir, tempDir, 1_000);
        awaitTradesStoredSince(Instant.EPOCH);

        final Map<String, Long> logLinesBefore = new HashMap<>();
        for (final String name : List.of("collector-kraken", "collector-coinbase", "relay", "writer", "bridge"))
        {
            logLinesBefore.put(name, (long)logLines(name).size());
        }
        final Map<String, Process> exiting = new HashMap<>();
        EXITING.forEach((name) -> exiting.put(name, pulses.process(name)));
        final Process bridge = pulses.process("bridge");
        final Instant killedAt = Instant.now();
        pulses.killNine("media-driver");

        // Every client of the driver but the bridge: one clear message, exit status 75, no stack trace, no crash.
        for (final String name : EXITING)
        {
            final Process process = exiting.get(name);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " still runs a minute after its driver died");
            final List<String> after = linesAfter(name, logLinesBefore.get(name));
            assertEquals(DriverLoss.EXIT_STATUS, process.exitValue(), name + " exit status; its log: " + after);
            assertEquals(1, after.stream().filter((l) -> l.contains("stopped responding")).count(),
                name + " says once that its driver stopped responding: " + after);
            assertCleanLog(name, after);
        }
        assertTrue(bridge.isAlive(), "the bridge outlives its driver (it reconnects by itself)");

        // A process started while the driver is down waits for it, saying so, and sleeps while it waits.
        final long relayLogFrom = logLines("relay").size();
        final Process waitingRelay = pulses.restart("relay");
        await("the restarted relay waits for the driver",
            () -> linesAfter("relay", relayLogFrom).stream().anyMatch((l) -> l.contains("waiting for the media driver")));
        final Duration cpuBefore = cpu(waitingRelay);
        Thread.sleep(3_000);
        final Duration waitingCpu = cpu(waitingRelay).minus(cpuBefore);
        assertTrue(waitingRelay.isAlive(), "the relay waits rather than exiting");
        assertTrue(waitingCpu.toMillis() < 600, "a waiting process sleeps: " + waitingCpu.toMillis() +
            " ms CPU in 3 s");

        // The driver with the same command, at once; then what exited, as a supervisor would.
        pulses.restart("media-driver");
        await("the restarted media driver", () -> CommonContext.isDriverActive(aeronDir.toFile(), 1_000, (i) -> {}));
        final Instant restartedAt = Instant.now();
        pulses.restart("writer");
        pulses.restart("collector-kraken");
        pulses.restart("collector-coinbase");
        SystemTests.awaitPublished(aeronDir, tempDir, 1_000);
        SystemTests.awaitBridgeServesTrades(bridgePort);
        assertTrue(bridge.isAlive(), "the bridge ran throughout");
        final List<String> bridgeLog = linesAfter("bridge", logLinesBefore.get("bridge"));
        assertCleanLog("bridge", bridgeLog);
        for (final String name : EXITING)
        {
            assertTrue(pulses.process(name).isAlive(), name + " runs again after the driver's restart");
        }

        try
        {
            // Enough new trades stored before the feeds stop: a message count alone is too few trades on a fast run.
            awaitTradesStoredSince(restartedAt);
            for (final String exchange : List.of("kraken", "coinbase"))
            {
                pulses.stop("collector-" + exchange);
            }
            verify(killedAt, restartedAt);
        }
        catch (final AssertionError | Exception ex)
        {
            SystemTests.printLogs(tempDir, 60);
            throw ex;
        }
    }

    private void verify(final Instant killedAt, final Instant restartedAt) throws Exception
    {
        final Map<String, Integer> merged = new HashMap<>();
        final int mergedRecordings;
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
            AeronArchive archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(aeronDir.toString())
                .aeron(aeron).ownsAeronClient(false)))
        {
            mergedRecordings = SystemTests.readAll(archive, StreamIds.MERGED, new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    merged.merge(SystemTests.tradeKey(trade), 1, Integer::sum);
                }
            });
        }
        assertTrue(mergedRecordings >= 2, "a merged recording before the kill and one after: " + mergedRecordings);
        assertEquals(List.of(), SystemTests.duplicates(merged), "merged stream duplicates");

        final Map<String, Integer> stored = SystemTests.awaitStoredTrades(varDir, merged.size());
        assertEquals(List.of(), SystemTests.duplicates(stored), "duplicate rows in trades");
        assertEquals(merged.keySet(), stored.keySet(), "every recorded trade stored, before the kill and after");

        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect())
        {
            assertTrue(count(connection, "select count(*) from trades where receive_time < ?", killedAt) > 500,
                "trades from before the kill stored");
            assertTrue(tradesSince(connection, restartedAt) > 500,
                "new trades after the driver's restart stored");
            for (final String exchange : List.of("KRAKEN", "COINBASE"))
            {
                assertTrue(0 < count(connection, "select count(*) from feed_events where upper(exchange) = '" +
                    exchange + "' and upper(event_type) = 'CONNECTED' and receive_time > ?", killedAt),
                    exchange + ": the outage is in the data as the collector's new connection");
            }
        }
    }

    private void awaitTradesStoredSince(final Instant from) throws Exception
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect())
        {
            await("over 500 trades stored since " + from, () -> tradesSince(connection, from) > 500);
        }
    }

    private static long tradesSince(final Connection connection, final Instant from)
    {
        try
        {
            return count(connection, "select count(*) from trades where receive_time > ?", from);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long count(final Connection connection, final String sql, final Instant from) throws Exception
    {
        try (PreparedStatement statement = connection.prepareStatement(sql))
        {
            statement.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rows = statement.executeQuery())
            {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void assertCleanLog(final String name, final List<String> lines)
    {
        for (final String line : lines)
        {
            // The bridge reports each distinct error of its Aeron client once, in one line, as it reconnects.
            final boolean reportedOnce = "bridge".equals(name) && line.startsWith("bridge error (reported once");
            final boolean clean = !line.startsWith("\tat ") && !line.contains("SIGSEGV") &&
                !line.contains("fatal error") && !line.contains("Exception");
            assertTrue(reportedOnce || clean,
                name + " logged a stack trace or a crash after the driver's kill: " + String.join("\n", lines));
        }
    }

    private static Duration cpu(final Process process)
    {
        return process.info().totalCpuDuration().orElseThrow();
    }

    private List<String> logLines(final String name) throws Exception
    {
        final Path log = pulses.log(name);
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
    }

    private List<String> linesAfter(final String name, final long from)
    {
        try
        {
            final List<String> all = logLines(name);
            return new ArrayList<>(all.subList((int)Math.min(from, all.size()), all.size()));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void await(final String what, final java.util.function.BooleanSupplier ready) throws InterruptedException
    {
        SystemTests.await(what, ready, tempDir);
    }
}
