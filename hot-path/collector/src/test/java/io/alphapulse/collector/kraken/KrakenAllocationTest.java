/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.MessageSink;
import io.alphapulse.collector.RecordedFrames;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Once every instrument has been seen and every scratch buffer has grown, decoding allocates nothing: the recorded
 * market data (v1 book with checksums, trades, tickers; v2 book, trades, tickers; heartbeats and status) is decoded
 * repeatedly and the bytes allocated by the decoding thread during the last pass are measured.
 */
@Timeout(120)
class KrakenAllocationTest
{
    private static final String[] FILES = {
        "kraken-v1-book.jsonl", "kraken-v1-trade.jsonl", "kraken-v1-ticker.jsonl", "kraken-v1-system.jsonl",
        "kraken-v2-book.jsonl", "kraken-v2-trade.jsonl", "kraken-v2-ticker.jsonl",
    };

    private static final class CountingListener implements FrameListener, MessageSink
    {
        long controls;
        long errors;
        long messages;

        public void onControl(final String what)
        {
            controls++;
        }

        public void onError(final String message)
        {
            errors++;
        }

        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
            return 1;
        }
    }

    @Test
    void steadyStateDecodingDoesNotAllocate() throws IOException
    {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        final List<byte[]> lines = new ArrayList<>();
        for (final String file : FILES)
        {
            for (final String line : Files.readAllLines(RecordedFrames.file(file)))
            {
                // Subscription rejections build their detail text: an error path, allowed to allocate.
                if (!line.contains("\"error\""))
                {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        int total = 0;
        for (final byte[] line : lines)
        {
            total += line.length;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[total]);
        final int[] offsets = new int[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++)
        {
            buffer.putBytes(offsets[i], lines.get(i));
            offsets[i + 1] = offsets[i] + lines.get(i).length;
        }

        final CountingListener listener = new CountingListener();
        // A fixed clock: Agrona's SystemEpochNanoClock may build an Instant per call, which is not the decoder's.
        final EpochNanoClock clock = () -> 1_000_000_000L;
        final MarketDataProxy proxy = new MarketDataProxy(listener, clock, Exchange.KRAKEN);
        final FrameDecoder decoder =
            new KrakenProtocol().newDecoder(proxy, new InstrumentRegistry(), listener, ExchangeSession.NONE);

        for (int pass = 0; pass < 5; pass++)
        {
            decodeAll(decoder, buffer, offsets);
        }
        final long messagesBefore = listener.messages;
        final long before = threads.getCurrentThreadAllocatedBytes();
        decodeAll(decoder, buffer, offsets);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, listener.errors);
        assertTrue(listener.messages - messagesBefore > 4_000, "published " + (listener.messages - messagesBefore));
        assertTrue(allocated < 1024, allocated + " bytes allocated for " + (offsets.length - 1) + " frames");
    }

    private static void decodeAll(final FrameDecoder decoder, final UnsafeBuffer buffer, final int[] offsets)
    {
        for (int i = 0; i < offsets.length - 1; i++)
        {
            decoder.onFrame(buffer, offsets[i], offsets[i + 1] - offsets[i], 1_000_000_000L);
        }
    }
}
