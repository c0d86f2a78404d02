/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.codec;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.MessageHeaderDecoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Encode and decode one {@code Trade} (64 bytes with its header) into a cache-aligned direct buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TradeCodecBenchmark
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(128, 64));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TradeEncoder encoder = new TradeEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final TradeDecoder decoder = new TradeDecoder();
    private long sequence;

    /**
     * Encode one trade so {@link #decode(Blackhole)} has something to read.
     */
    @Setup
    public void setup()
    {
        encode();
    }

    /**
     * Encode a trade with every field set.
     *
     * @return encoded length, so the work is not eliminated.
     */
    @Benchmark
    public int encode()
    {
        final long seq = ++sequence;
        encoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(1_754_773_548_228_568_804L + seq)
            .receiveTimeNs(1_754_773_548_229_568_804L + seq)
            .publishTimeNs(1_754_773_548_229_571_304L + seq)
            .tradeId(1_068_572_090L + seq)
            .price(6_508_367L)
            .quantity(218_600L)
            .sequence(seq)
            .instrumentId(7)
            .exchange(Exchange.COINBASE)
            .aggressorSide(AggressorSide.BUY);
        return encoder.encodedLength();
    }

    /**
     * Decode every field of a trade.
     *
     * @param bh consumes each field.
     */
    @Benchmark
    public void decode(final Blackhole bh)
    {
        decoder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        bh.consume(decoder.exchangeTimeNs());
        bh.consume(decoder.receiveTimeNs());
        bh.consume(decoder.publishTimeNs());
        bh.consume(decoder.tradeId());
        bh.consume(decoder.price());
        bh.consume(decoder.quantity());
        bh.consume(decoder.sequence());
        bh.consume(decoder.instrumentId());
        bh.consume(decoder.exchangeRaw());
        bh.consume(decoder.aggressorSideRaw());
    }
}
