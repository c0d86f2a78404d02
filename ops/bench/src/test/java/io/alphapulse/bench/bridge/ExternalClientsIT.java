/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.alphapulse.bench.support.BenchFiles;
import io.alphapulse.bridge.Bridge;
import io.alphapulse.bridge.BridgeStats;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge stage's clients in a child JVM against the real bridge (Jetty, loopback): they connect through the
 * RFC 6455 handshake, subscribe, receive every trade, record exactly the trades stamped from the recording start on,
 * see no trade before its stamp (one {@code System.nanoTime()} clock across the two JVMs), and hand back their
 * histogram and counts when stopped. No timing is asserted.
 */
class ExternalClientsIT
{
    private static final int CLIENTS = 3;
    private static final int WARMUP_TRADES = 60;
    private static final int MEASURED_TRADES = 120;

    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldReceiveEveryTradeAndHandBackTheMeasuredOnes() throws Exception
    {
        final Path aeronParent = BenchFiles.aeronParent("alphapulse-bench-clients-it-");
        final BridgeStage stage = new BridgeStage();
        try (PulseMediaDriver driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(aeronParent.resolve("aeron").toString())
            .archiveDirectoryName(workDir.resolve("archive").toString()));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            ExclusivePublication publication =
                aeron.addExclusivePublication(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
            Bridge bridge = Bridge.launch(new Bridge.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .profile(Profile.SHARED)
                .host("127.0.0.1")
                .port(0)
                .authEnabled(false)))
        {
            final BridgeStats stats = bridge.stats();
            await(() -> bridge.isLive() && publication.isConnected());
            stage.define(publication, 0);
            await(() -> stats.messagesReceived.get() >= 1);

            try (ExternalClients clients = ExternalClients.start(bridge.uri(), CLIENTS, workDir,
                "{\"op\":\"subscribe\",\"channel\":\"trades\"}"))
            {
                clients.awaitSubscribed(1);
                for (int i = 0; i < WARMUP_TRADES; i++)
                {
                    stage.publishTrade(publication, 0, System.nanoTime());
                }
                final long recordFromNs = System.nanoTime();
                clients.recordFrom(recordFromNs);
                for (int i = 0; i < MEASURED_TRADES; i++)
                {
                    stage.publishTrade(publication, 0, Math.max(recordFromNs, System.nanoTime()));
                }
                await(() -> clients.trades() >= (long)CLIENTS * (WARMUP_TRADES + MEASURED_TRADES));

                final ClientReport report = clients.finish();

                final long perClient = WARMUP_TRADES + MEASURED_TRADES;
                assertArrayEquals(new long[]{perClient, perClient, perClient}, report.trades());
                assertEquals((long)CLIENTS * MEASURED_TRADES, report.histogram().getTotalCount());
                assertEquals(0, report.negative(), "a trade received before its stamp: clocks differ");
                assertEquals("", report.closes());
                for (final long messages : report.messages())
                {
                    assertTrue(messages >= perClient + 1, "hello, ack, snapshot and trades: " + messages);
                }
            }
        }
        finally
        {
            BenchFiles.deleteRecursively(aeronParent);
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadline < 0, "timed out");
            Thread.sleep(5);
        }
    }
}
