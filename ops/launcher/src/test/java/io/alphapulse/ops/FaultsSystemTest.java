/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.Aeron;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of each process type in turn during a synthetic run (a collector, the relay, the writer, the
 * bridge), each restarted with the same command, as an operator or systemd would. Afterwards, from the Archive and
 * the database: every message any collector published is in the merged stream exactly once, with no gap record, and
 * every merged trade is in PostgreSQL exactly once; the restarted bridge serves a client again.
 */
class FaultsSystemTest
{

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
    void killNineOfEachProcessLosesAndDuplicatesNothing() throws Exception
    {
        pulses = new SystemTests.Pulses(tempDir);
        aeronDir = tempDir.resolve("aeron");
        varDir = tempDir.resolve("var");
        final int bridgePort = SystemTests.freePort();

        pulses.startBackbone(aeronDir, varDir);
        start("writer", "writer", "--aeron-dir", aeronDir.toString(), "--var-dir", varDir.toString());
        await("writer", () -> counterExists(io.alphapulse.driver.WriterCounterTypes.BATCHES, "writer"));
        start("bridge", "bridge", "--aeron-dir", aeronDir.toString(), "--port", Integer.toString(bridgePort),
            "--auth", "off");
        for (final String exchange : List.of("kraken", "coinbase", "binance"))
        {
            start("collector-" + exchange, "collector", "--exchange", exchange,
                "--symbols", "binance".equals(exchange) ? "BTC-USDT,ETH-USDT" : "BTC-USD,ETH-USD",
                "--source", "synthetic", "--rate", "400", "--aeron-dir", aeronDir.toString(),
                "--instruments-file", varDir.resolve("instruments-" + exchange + ".csv").toString());
        }
        SystemTests.awaitBridgeServesTrades(bridgePort);
        SystemTests.awaitPublished(aeronDir, tempDir, 1_000);

        for (final String victim : List.of("collector-kraken", "relay", "writer", "bridge"))
        {
            pulses.killNine(victim);
            SystemTests.awaitPublished(aeronDir, tempDir, 500);
            final Process restarted = pulses.restart(victim);
            SystemTests.awaitPublished(aeronDir, tempDir, 1_000);
            if (!restarted.isAlive())
            {
                SystemTests.printLogs(tempDir, 60);
            }
            assertTrue(restarted.isAlive(), victim + " exited after its restart (its log is above)");
        }
        SystemTests.awaitBridgeServesTrades(bridgePort);

        for (final String exchange : List.of("kraken", "coinbase", "binance"))
        {
            pulses.stop("collector-" + exchange);
        }

        try
        {
            verifyNothingLostOrDuplicated();
        }
        catch (final AssertionError | Exception ex)
        {
            SystemTests.printLogs(tempDir, 60);
            throw ex;
        }
    }

    private void verifyNothingLostOrDuplicated() throws Exception
    {
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString()));
            AeronArchive archive = AeronArchive.connect(PulseMediaDriver.archiveClientContext(aeronDir.toString())
                .aeron(aeron).ownsAeronClient(false)))
        {
            // What the collectors published: every recording of the three collector streams.
            final Map<String, Integer> published = new HashMap<>();
            for (final int streamId : List.of(StreamIds.COLLECTOR_KRAKEN, StreamIds.COLLECTOR_COINBASE,
                StreamIds.COLLECTOR_BINANCE))
            {
                SystemTests.readAll(archive, streamId, new MarketDataReader.Listener()
                {
                    public void onTrade(final TradeDecoder trade)
                    {
                        published.merge(SystemTests.tradeKey(trade), 1, Integer::sum);
                    }
                });
            }

            // The merged stream: one recording per relay run; the relay was killed once.
            final Map<String, Integer> merged = new HashMap<>();
            final List<String> gaps = new ArrayList<>();
            final int mergedRecordings = SystemTests.readAll(archive, StreamIds.MERGED, new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    merged.merge(SystemTests.tradeKey(trade), 1, Integer::sum);
                }

                public void onFeedEvent(final FeedEventDecoder event)
                {
                    if (EventOrigin.RELAY == event.origin() && FeedEventType.GAP == event.eventType())
                    {
                        gaps.add(event.exchange() + " " + event.expectedSequence() + ">" + event.receivedSequence());
                    }
                }
            });
            assertTrue(mergedRecordings >= 2, "the relay's two runs made two merged recordings: " + mergedRecordings);
            assertTrue(published.size() > 1_000, "collectors published: " + published.size());
            assertEquals(List.of(), SystemTests.duplicates(merged), "merged stream duplicates");
            assertEquals(published.keySet(), merged.keySet(), "every published trade in the merged stream");
            assertEquals(List.of(), gaps, "no gap records: nothing was lost");

            // PostgreSQL: every merged trade exactly once, once the writer has caught up.
            final Map<String, Integer> stored = SystemTests.awaitStoredTrades(varDir, merged.size());
            assertEquals(List.of(), SystemTests.duplicates(stored), "duplicate rows in trades");
            assertEquals(merged.keySet(), stored.keySet(), "every merged trade stored");
        }
    }

    private void start(final String name, final String... args) throws IOException
    {
        pulses.start(name, args);
    }

    private void await(final String what, final BooleanSupplier ready) throws InterruptedException
    {
        SystemTests.await(what, ready, tempDir);
    }

    private boolean counterExists(final int typeId, final String labelPart)
    {
        return SystemTests.counterExists(aeronDir, typeId, labelPart);
    }
}
