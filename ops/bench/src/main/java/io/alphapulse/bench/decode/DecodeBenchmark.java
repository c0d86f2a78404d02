/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.decode;

import io.alphapulse.collector.ExchangeProtocol;
import io.alphapulse.collector.ExchangeProtocols;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.source.SyntheticFrames;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The collector's decode-to-encode path, per exchange and message kind: exchange JSON frame in, exact decimals,
 * normalization, book maintenance (and Kraken's CRC32), SBE encoding out, to a sink that accepts everything (Aeron
 * is measured by the relay stage). Frames come from the exchange's deterministic synthetic generator, in the
 * exchange's own format, and keep its sequence and checksum rules; when the pre-generated frames run out the
 * decoder starts over from its snapshots (rare, and counted in the figures).
 */
@State(Scope.Thread)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodeBenchmark
{
    private static final int FRAME_COUNT = 200_000;
    private static final List<String> SYMBOLS = List.of("BTC-USD", "ETH-USD", "SOL-USD");
    private static final long RECEIVE_TIME_NS = 1_786_309_548_000_000_000L;

    /**
     * Exchange.
     */
    @Param({"kraken", "coinbase", "binance"})
    public String exchange;

    /**
     * Message kind: TRADES or BOOK.
     */
    @Param({"TRADES", "BOOK"})
    public String mix;

    private ExchangeProtocol protocol;
    private final List<byte[]> setupFrames = new ArrayList<>();
    private final List<String> snapshotSymbols = new ArrayList<>();
    private final List<byte[]> snapshots = new ArrayList<>();
    private UnsafeBuffer frames;
    private int[] offsets;
    private int[] lengths;
    private int index;
    private FrameDecoder decoder;
    private long messages;
    private long errors;
    private String firstError;

    /**
     * Messages published, reported by JMH beside frames.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Messages
    {
        /**
         * SBE messages published.
         */
        public long messages;
    }

    private final FrameListener listener = new FrameListener()
    {
        public void onControl(final String what)
        {
        }

        public void onError(final String message)
        {
            if (0 == errors++)
            {
                firstError = message;
            }
        }
    };

    private MarketDataProxy exchangeProxy;

    /**
     * Generate the frames once per trial.
     */
    @Setup(Level.Trial)
    public void generate()
    {
        protocol = ExchangeProtocols.forName(exchange);
        exchangeProxy = new MarketDataProxy(
            (buffer, offset, length) ->
            {
                messages++;
                return 1;
            },
            () -> RECEIVE_TIME_NS,
            protocol.exchange());
        final List<String> venueSymbols = SYMBOLS.stream()
            .map((s) -> protocol.venueSymbol("binance".equals(exchange) ? s + "T" : s)).toList();
        final SyntheticFrames generator =
            protocol.syntheticFrames(venueSymbols, 7, SyntheticFrames.Mix.valueOf(mix));

        generator.onSubscribed((buffer, length) -> setupFrames.add(copy(buffer, length)), RECEIVE_TIME_NS);
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
        for (final String symbol : venueSymbols)
        {
            final int length = generator.restSnapshot(symbol, snapshot);
            if (length > 0)
            {
                snapshotSymbols.add(symbol);
                snapshots.add(copy(snapshot, length));
            }
        }

        final List<byte[]> measured = new ArrayList<>(FRAME_COUNT);
        while (measured.size() < FRAME_COUNT)
        {
            generator.next((buffer, length) -> measured.add(copy(buffer, length)), RECEIVE_TIME_NS);
        }
        final int total = measured.stream().mapToInt((f) -> f.length).sum();
        frames = new UnsafeBuffer(new byte[total]);
        offsets = new int[measured.size()];
        lengths = new int[measured.size()];
        int position = 0;
        for (int i = 0; i < measured.size(); i++)
        {
            final byte[] frame = measured.get(i);
            frames.putBytes(position, frame);
            offsets[i] = position;
            lengths[i] = frame.length;
            position += frame.length;
        }
        restart();
    }

    private static byte[] copy(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private void restart()
    {
        decoder = protocol.newDecoder(exchangeProxy, new InstrumentRegistry(), listener, ExchangeSession.NONE);
        decoder.onConnected(RECEIVE_TIME_NS);
        for (final byte[] frame : setupFrames)
        {
            decoder.onFrame(new UnsafeBuffer(frame), 0, frame.length, RECEIVE_TIME_NS);
        }
        for (int i = 0; i < snapshots.size(); i++)
        {
            final byte[] body = snapshots.get(i);
            decoder.onRestSnapshot(snapshotSymbols.get(i), new UnsafeBuffer(body), 0, body.length, RECEIVE_TIME_NS);
        }
        index = 0;
    }

    /**
     * Decode one frame and publish its messages; frames per second.
     *
     * @param counters messages per second beside frames.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    public void decodeThroughput(final Messages counters)
    {
        final long before = messages;
        decodeOne();
        counters.messages += messages - before;
    }

    /**
     * Decode one frame and publish its messages; time per frame, sampled for percentiles.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void decodeLatency()
    {
        decodeOne();
    }

    private void decodeOne()
    {
        if (index == offsets.length)
        {
            restart();
        }
        decoder.onFrame(frames, offsets[index], lengths[index], RECEIVE_TIME_NS);
        index++;
    }

    /**
     * A benchmark whose frames do not decode cleanly measures nothing: fail it.
     */
    @TearDown(Level.Trial)
    public void check()
    {
        if (errors > 0)
        {
            throw new IllegalStateException(exchange + " " + mix + ": " + errors + " decode errors, first: " +
                firstError);
        }
    }
}
