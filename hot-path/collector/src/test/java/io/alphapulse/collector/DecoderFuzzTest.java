/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alphapulse.schemas.MarketDataReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fuzzes each exchange's decoder with real recorded frames, mutated: a few frames go in unchanged (acks, snapshots,
 * so the decoder has books and subscriptions), then mutated ones (bytes replaced, inserted, cut). Whatever arrives,
 * the decoder reports problems through its listener and never throws, and every message it publishes is valid SBE
 * that the relay would accept.
 * <p>
 * Under {@code mvn test} each target replays its kept inputs; {@code ops/pulse fuzz} fuzzes each for a bounded time.
 */
class DecoderFuzzTest
{
    private static final long RECEIVE_TIME_NS = 1_786_309_548_000_000_000L;
    private static final int MAX_SEED_FRAME = 64 * 1024;
    private static final Map<String, List<byte[]>> SEEDS = new HashMap<>();

    @FuzzTest(maxDuration = "60s")
    void kraken(final FuzzedDataProvider data)
    {
        decode("kraken", data);
    }

    @FuzzTest(maxDuration = "60s")
    void coinbase(final FuzzedDataProvider data)
    {
        decode("coinbase", data);
    }

    @FuzzTest(maxDuration = "60s")
    void binance(final FuzzedDataProvider data)
    {
        decode("binance", data);
    }

    private static void decode(final String exchange, final FuzzedDataProvider data)
    {
        final List<byte[]> seeds = seeds(exchange);
        final ExchangeProtocol protocol = ExchangeProtocols.forName(exchange);
        final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
        });
        final long[] published = {0};
        final MarketDataProxy proxy = new MarketDataProxy(
            (buffer, offset, length) ->
            {
                assertEquals(MarketDataReader.Result.DISPATCHED, reader.read(buffer, offset, length),
                    "the collector published a message the relay would reject");
                published[0]++;
                return 1;
            },
            () -> RECEIVE_TIME_NS,
            protocol.exchange());
        final FrameListener listener = new FrameListener()
        {
            public void onControl(final String what)
            {
            }

            public void onError(final String message)
            {
            }
        };
        final FrameDecoder decoder = protocol.newDecoder(proxy, new InstrumentRegistry(), listener,
            ExchangeSession.NONE);
        decoder.onConnected(RECEIVE_TIME_NS);

        final int unchanged = data.consumeInt(0, 4);
        for (int i = 0; i < unchanged && !seeds.isEmpty(); i++)
        {
            onFrame(decoder, seeds.get(data.consumeInt(0, seeds.size() - 1)));
        }
        final int mutated = data.consumeInt(1, 3);
        for (int i = 0; i < mutated; i++)
        {
            final byte[] frame = data.consumeBoolean() || seeds.isEmpty() ?
                data.consumeBytes(data.consumeInt(0, 4096)) :
                mutate(seeds.get(data.consumeInt(0, seeds.size() - 1)), data);
            onFrame(decoder, frame);
        }
    }

    private static void onFrame(final FrameDecoder decoder, final byte[] frame)
    {
        decoder.onFrame(new UnsafeBuffer(frame), 0, frame.length, RECEIVE_TIME_NS);
    }

    private static byte[] mutate(final byte[] seed, final FuzzedDataProvider data)
    {
        byte[] frame = seed.clone();
        final int mutations = data.consumeInt(1, 4);
        for (int m = 0; m < mutations && frame.length > 0; m++)
        {
            final int at = data.consumeInt(0, frame.length - 1);
            switch (data.consumeInt(0, 3))
            {
                case 0 -> frame[at] = data.consumeByte();
                case 1 -> frame = java.util.Arrays.copyOf(frame, at);
                case 2 ->
                {
                    final byte[] insert = data.consumeBytes(data.consumeInt(1, 16));
                    final byte[] grown = new byte[frame.length + insert.length];
                    System.arraycopy(frame, 0, grown, 0, at);
                    System.arraycopy(insert, 0, grown, at, insert.length);
                    System.arraycopy(frame, at, grown, at + insert.length, frame.length - at);
                    frame = grown;
                }
                default ->
                {
                    final int end = data.consumeInt(at, frame.length);
                    final byte[] cut = new byte[frame.length - (end - at)];
                    System.arraycopy(frame, 0, cut, 0, at);
                    System.arraycopy(frame, end, cut, at, frame.length - end);
                    frame = cut;
                }
            }
        }
        return frame;
    }

    /**
     * The recorded frames of an exchange (bare frames, or our captures' {@code frame} field), small ones only, so the
     * fuzzer spends its time on mutations rather than on multi-megabyte snapshots.
     */
    private static synchronized List<byte[]> seeds(final String exchange)
    {
        return SEEDS.computeIfAbsent(exchange, (name) ->
        {
            final List<byte[]> frames = new ArrayList<>();
            try
            {
                for (final Path file : RecordedFrames.files(name))
                {
                    for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
                    {
                        final byte[] frame = line.getBytes(StandardCharsets.UTF_8);
                        if (frame.length > 0 && frame.length <= MAX_SEED_FRAME)
                        {
                            frames.add(frame);
                        }
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return frames;
        });
    }
}
