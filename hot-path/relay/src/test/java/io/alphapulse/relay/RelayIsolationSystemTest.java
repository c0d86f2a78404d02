/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dashboard-like consumer process on the untethered channel is stopped with SIGSTOP for 10 s while the collectors
 * publish: the engine (tethered, in this JVM) keeps its rate and its lag, and the stopped consumer, once resumed,
 * catches up or reports exactly what it skipped.
 */
class RelayIsolationSystemTest
{
    private static final int RATE_PER_SECOND = 100_000;
    private static final int SECONDS = 18;
    private static final int MESSAGES = RATE_PER_SECOND * SECONDS;
    private static final long BUCKET_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int STOP_AT_SECOND = 3;
    private static final int RESUME_AT_SECOND = 13;

    @TempDir
    Path tempDir;

    private PulseMediaDriver driver;
    private Aeron aeron;
    private Relay relay;
    private Process bridge;

    @AfterEach
    void tearDown() throws IOException
    {
        if (null != bridge)
        {
            signal("CONT");
            bridge.destroyForcibly();
        }
        CloseHelper.closeAll(relay, aeron, driver);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stoppedBridgeShouldNotSlowTheEngine() throws Exception
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        relay = Relay.launch(new Relay.Context().aeronDirectoryName(driver.aeronDirectoryName())
            .profile(Profile.SHARED).record(false).exchanges(List.of(Exchange.KRAKEN)));

        final int buckets = (SECONDS + 30) * 10;
        final long[] engineCount = new long[buckets];
        final long[] engineMaxLagNs = new long[buckets];
        final AtomicLong engineReceived = new AtomicLong();
        final AtomicLong engineOutOfOrder = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        final long startNs = System.nanoTime();
        final Subscription engine = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final Thread engineThread = new Thread(() ->
        {
            final long[] expected = {0};
            final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
            {
                public void onTrade(final TradeDecoder trade)
                {
                    final long nowNs = System.nanoTime();
                    final int bucket = (int)Math.min(buckets - 1, (nowNs - startNs) / BUCKET_NS);
                    engineCount[bucket]++;
                    engineMaxLagNs[bucket] = Math.max(engineMaxLagNs[bucket], nowNs - trade.publishTimeNs());
                    if (trade.sequence() != expected[0]++)
                    {
                        engineOutOfOrder.incrementAndGet();
                    }
                    engineReceived.lazySet(expected[0]);
                }
            });
            final FragmentAssembler assembler =
                new FragmentAssembler((buffer, offset, length, header) -> reader.read(buffer, offset, length));
            while (running.get())
            {
                if (0 == engine.poll(assembler, 256))
                {
                    Thread.yield();
                }
            }
        }, "engine");
        engineThread.start();

        bridge = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            UntetheredConsumer.class.getName(), driver.aeronDirectoryName())
            .redirectErrorStream(true).redirectOutput(tempDir.resolve("bridge.log").toFile()).start();
        await("bridge-like consumer up", () -> counter(UntetheredConsumer.RECEIVED_TYPE_ID) >= 0, 30);

        final ExclusivePublication kraken =
            aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, StreamIds.COLLECTOR_KRAKEN);
        await("relay subscribed", kraken::isConnected, 30);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(128));
        final TradeEncoder encoder = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final long publishStartNs = System.nanoTime();
        final long intervalNs = 1_000_000_000L / RATE_PER_SECOND;
        boolean stopped = false;
        boolean resumed = false;
        for (long sequence = 0; sequence < MESSAGES; sequence++)
        {
            final long elapsedNs = System.nanoTime() - publishStartNs;
            if (!stopped && elapsedNs >= TimeUnit.SECONDS.toNanos(STOP_AT_SECOND))
            {
                signal("STOP");
                stopped = true;
            }
            if (!resumed && elapsedNs >= TimeUnit.SECONDS.toNanos(RESUME_AT_SECOND))
            {
                signal("CONT");
                resumed = true;
            }
            encoder.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(sequence).receiveTimeNs(sequence)
                .publishTimeNs(System.nanoTime()).tradeId(sequence).price(1).quantity(1).sequence(sequence)
                .instrumentId(1).exchange(Exchange.KRAKEN).aggressorSide(AggressorSide.BUY);
            while (kraken.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength()) < 0)
            {
                Thread.yield();
            }
            if (0 == (sequence & 63))
            {
                final long waitNs = publishStartNs + (sequence + 1) * intervalNs - System.nanoTime();
                if (waitNs > 0)
                {
                    LockSupport.parkNanos(waitNs);
                }
            }
        }

        await("engine received everything", () -> engineReceived.get() >= MESSAGES, 30);
        await("the bridge caught up or reported what it skipped (received " +
            counter(UntetheredConsumer.RECEIVED_TYPE_ID) + ", skipped " + counter(UntetheredConsumer.SKIPPED_TYPE_ID) +
            " when the engine had all " + engineReceived.get() + ")", () ->
            counter(UntetheredConsumer.RECEIVED_TYPE_ID) + counter(UntetheredConsumer.SKIPPED_TYPE_ID) >= MESSAGES,
            30);
        running.set(false);
        engineThread.join();

        final long bridgeReceived = counter(UntetheredConsumer.RECEIVED_TYPE_ID);
        final long bridgeSkipped = counter(UntetheredConsumer.SKIPPED_TYPE_ID);
        assertEquals(MESSAGES, engineReceived.get(), "the engine gets everything");
        assertEquals(0, engineOutOfOrder.get(), "in order");
        assertEquals(MESSAGES, bridgeReceived + bridgeSkipped, "bridge: received + skipped, exactly");
        assertTrue(bridgeSkipped > 0, "the stopped bridge was let go, and knows what it missed");

        // The engine's rate and lag while the bridge was stopped (whole seconds inside the stop) against before it.
        final int publishStartBucket = (int)((publishStartNs - startNs) / BUCKET_NS);
        long before = 0;
        long during = 0;
        long maxLagBeforeNs = 0;
        long maxLagDuringNs = 0;
        for (int b = publishStartBucket + 10; b < publishStartBucket + STOP_AT_SECOND * 10; b++)
        {
            before += engineCount[b];
            maxLagBeforeNs = Math.max(maxLagBeforeNs, engineMaxLagNs[b]);
        }
        for (int b = publishStartBucket + (STOP_AT_SECOND + 1) * 10; b < publishStartBucket + RESUME_AT_SECOND * 10;
            b++)
        {
            during += engineCount[b];
            maxLagDuringNs = Math.max(maxLagDuringNs, engineMaxLagNs[b]);
        }
        final long typicalLagBeforeNs = median(engineMaxLagNs, publishStartBucket + 10,
            publishStartBucket + STOP_AT_SECOND * 10);
        final long typicalLagDuringNs = median(engineMaxLagNs, publishStartBucket + (STOP_AT_SECOND + 1) * 10,
            publishStartBucket + RESUME_AT_SECOND * 10);
        final double rateBefore = before / (STOP_AT_SECOND - 1.0);
        final double rateDuring = during / (RESUME_AT_SECOND - STOP_AT_SECOND - 1.0);
        final String figures = String.format("engine rate before %.0f/s, during stop %.0f/s; worst lag per 100 ms " +
            "median before %d us, during %d us; max before %d us, during %d us; bridge received %d, skipped %d",
            rateBefore, rateDuring, typicalLagBeforeNs / 1000, typicalLagDuringNs / 1000, maxLagBeforeNs / 1000,
            maxLagDuringNs / 1000, bridgeReceived, bridgeSkipped);
        System.out.println(figures);
        assertTrue(rateDuring >= 0.9 * RATE_PER_SECOND, "engine kept the offered rate: " + figures);
        // Typical lag unchanged; the worst case bounded by the driver's untethered window limit (200 ms), after which
        // a stopped untethered subscriber no longer holds the publication back.
        assertTrue(typicalLagDuringNs <= 2 * typicalLagBeforeNs + TimeUnit.MILLISECONDS.toNanos(1),
            "engine's typical lag unchanged: " + figures);
        assertTrue(maxLagDuringNs < TimeUnit.MILLISECONDS.toNanos(250),
            "engine never held back longer than the untethered window limit: " + figures);
    }

    private static long median(final long[] values, final int from, final int to)
    {
        final long[] copy = java.util.Arrays.copyOfRange(values, from, to);
        java.util.Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private long counter(final int typeId)
    {
        final long[] value = {-1};
        aeron.countersReader().forEach((counterId, counterTypeId, keyBuffer, label) ->
        {
            if (counterTypeId == typeId)
            {
                value[0] = aeron.countersReader().getCounterValue(counterId);
            }
        });
        return value[0];
    }

    private void signal(final String signal) throws IOException
    {
        try
        {
            new ProcessBuilder("kill", "-" + signal, Long.toString(bridge.pid())).start().waitFor();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(final String what, final java.util.function.BooleanSupplier condition,
        final int seconds)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for " + what);
            Thread.yield();
        }
    }
}
