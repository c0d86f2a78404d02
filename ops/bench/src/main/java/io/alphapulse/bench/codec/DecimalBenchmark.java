/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.codec;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.decimal.DecimalParser;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Exact decimal parse and format over a rotation of real exchange spellings, each beside the same work done with
 * {@link BigDecimal}, the exact alternative in the JDK. The anchor is given a ready {@code String}; ours reads the
 * bytes of the frame, as the collectors do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecimalBenchmark
{
    private static final int SCALE = 8;
    private static final String[] SAMPLES = {
        "83744.3", "0.00044780", "13600.00000000", "0E-8", "65083.67", "0.002186", "2501.00000000", "1E-8"
    };
    private static final int MASK = SAMPLES.length - 1;

    private final DecimalParser parser = new DecimalParser();
    private final UnsafeBuffer input;
    private final int[] offsets = new int[SAMPLES.length];
    private final int[] lengths = new int[SAMPLES.length];
    private final long[] mantissas = new long[SAMPLES.length];
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[64]);
    private int index;

    /**
     * Lay the samples out in one buffer, as they would sit in a frame.
     */
    public DecimalBenchmark()
    {
        final StringBuilder all = new StringBuilder();
        for (int i = 0; i < SAMPLES.length; i++)
        {
            offsets[i] = all.length();
            lengths[i] = SAMPLES[i].length();
            all.append(SAMPLES[i]).append(',');
            mantissas[i] = DecimalCodec.parse(SAMPLES[i], SCALE);
        }
        input = new UnsafeBuffer(all.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Parse one sample from bytes.
     *
     * @return the mantissa.
     */
    @Benchmark
    public long parse()
    {
        final int i = index++ & MASK;
        return parser.parse(input, offsets[i], lengths[i], SCALE);
    }

    /**
     * Anchor: the same with {@link BigDecimal}.
     *
     * @return the mantissa.
     */
    @Benchmark
    public long parseWithBigDecimal()
    {
        final int i = index++ & MASK;
        return new BigDecimal(SAMPLES[i]).movePointRight(SCALE).longValueExact();
    }

    /**
     * Format one mantissa as ASCII into a buffer.
     *
     * @return bytes written.
     */
    @Benchmark
    public int format()
    {
        final int i = index++ & MASK;
        return DecimalCodec.putAscii(output, 0, mantissas[i], SCALE);
    }

    /**
     * Anchor: the same with {@link BigDecimal}.
     *
     * @return the text.
     */
    @Benchmark
    public String formatWithBigDecimal()
    {
        final int i = index++ & MASK;
        return BigDecimal.valueOf(mantissas[i], SCALE).stripTrailingZeros().toPlainString();
    }
}
