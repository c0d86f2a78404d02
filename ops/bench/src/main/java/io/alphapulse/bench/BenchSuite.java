/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.alphapulse.bench.e2e.E2eStage;
import io.alphapulse.bench.relay.RelayStage;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark suite behind {@code pulse bench}: every stage of the system, selectable by name, printed as a table
 * and optionally written as JSON records ({@link BenchResult}). Each stage's wall time is a record too
 * ({@value #DURATION_METRIC}), and so is the whole run's (stage {@value #SUITE}), so a run documents its duration.
 */
public final class BenchSuite
{
    /**
     * Metric of the wall-time record of each stage.
     */
    public static final String DURATION_METRIC = "duration of the stage (wall time)";

    /**
     * Stage name of the whole run's wall-time record.
     */
    public static final String SUITE = "suite";

    private final Map<String, BenchStage> stages = new LinkedHashMap<>();

    /**
     * The suite with every stage the system has so far.
     */
    public BenchSuite()
    {
        add(new JmhStage(
            "codec",
            "SBE encode/decode of a 64-byte trade; exact decimal parse and format, anchored on BigDecimal",
            "io\\.alphapulse\\.bench\\.codec\\..*",
            List.of(
                new JmhStage.Figure("SBE Trade encode (64 B with header)", "TradeCodecBenchmark.encode", null, null),
                new JmhStage.Figure("SBE Trade decode (all fields)", "TradeCodecBenchmark.decode", null, null),
                new JmhStage.Figure("decimal parse, exchange text to mantissa at scale 8",
                    "DecimalBenchmark.parse", "BigDecimal parse + movePointRight + longValueExact",
                    "DecimalBenchmark.parseWithBigDecimal"),
                new JmhStage.Figure("decimal format, mantissa to plain ASCII",
                    "DecimalBenchmark.format", "BigDecimal.valueOf + stripTrailingZeros + toPlainString",
                    "DecimalBenchmark.formatWithBigDecimal")))
            .anchor("BigDecimal parse and format, same JMH run (none for SBE encode/decode: no second codec here)"));
        add(new JmhStage(
            "decode",
            "collector decode + normalize + SBE encode per exchange, trades and book updates: rate, B/msg, p50/p99",
            "io\\.alphapulse\\.bench\\.decode\\..*",
            true,
            new io.alphapulse.bench.decode.DecodeResults())
            .anchor("none here (no second JSON-to-SBE decoder to run; each exchange and kind side by side)"));
        add(new RelayStage());
        add(new E2eStage());
        add(new io.alphapulse.bench.writer.WriterStage());
        add(new io.alphapulse.bench.bridge.BridgeStage());
        add(new io.alphapulse.bench.export.ExportStage());
        add(new io.alphapulse.bench.query.QueryStage());
        add(new io.alphapulse.bench.replay.ReplayStage());
        add(new io.alphapulse.bench.ledger.LedgerStage());
        add(new io.alphapulse.bench.api.ApiStage());
    }

    /**
     * A suite of the given stages only (tests of the suite's bookkeeping).
     *
     * @param stages stages in the order they run.
     */
    BenchSuite(final Collection<? extends BenchStage> stages)
    {
        stages.forEach(this::add);
    }

    private void add(final BenchStage stage)
    {
        stages.put(stage.name(), stage);
    }

    /**
     * Stages in the order they run.
     *
     * @return stages in the order they run.
     */
    public Collection<BenchStage> stages()
    {
        return stages.values();
    }

    /**
     * What {@code pulse bench --list} prints: each stage's name, what it measures and its anchor.
     *
     * @return lines, one block per stage.
     */
    public String listing()
    {
        final StringBuilder sb = new StringBuilder();
        for (final BenchStage stage : stages.values())
        {
            sb.append(String.format(Locale.ROOT, "%-8s %s%n", stage.name(), stage.description()));
            sb.append(String.format(Locale.ROOT, "%-8s   anchor: %s%n", "",
                null == stage.anchor() ? "(not declared)" : stage.anchor()));
        }
        return sb.toString();
    }

    /**
     * Run the selected stages.
     *
     * @param only     stage names to run; empty for all.
     * @param quick    the quick run.
     * @param progress where to report progress.
     * @return every figure measured; a stage that failed is reported on {@code progress} and contributes none.
     * @throws IllegalArgumentException naming an unknown stage and the known ones.
     */
    public List<BenchResult> run(final List<String> only, final boolean quick, final PrintStream progress)
    {
        final List<BenchStage> selected = new ArrayList<>();
        if (only.isEmpty())
        {
            selected.addAll(stages.values());
        }
        else
        {
            for (final String name : only)
            {
                final BenchStage stage = stages.get(name.trim().toLowerCase(Locale.ROOT));
                if (null == stage)
                {
                    throw new IllegalArgumentException(
                        "unknown stage '" + name + "'; stages: " + String.join(", ", stages.keySet()));
                }
                selected.add(stage);
            }
        }

        final List<BenchResult> results = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final long runStartNs = System.nanoTime();
        final String mode = quick ? " [--quick]" : " [full]";
        for (final BenchStage stage : selected)
        {
            progress.println("stage " + stage.name() + ": " + stage.description());
            progress.println("  " + collectGarbage());
            final long startNs = System.nanoTime();
            try
            {
                results.addAll(stage.run(quick, progress));
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                progress.println(String.format(Locale.ROOT, "  done in %.1f s", seconds));
                results.add(new BenchResult(stage.name(), DURATION_METRIC + mode, seconds, "s", null, null));
            }
            catch (final Exception ex)
            {
                failed.add(stage.name());
                progress.println(String.format(Locale.ROOT, "  FAILED after %.1f s: %s",
                    (System.nanoTime() - startNs) / 1e9, ex));
            }
        }
        results.add(new BenchResult(SUITE, "duration of the run (wall time), stages " +
            String.join(",", selected.stream().map(BenchStage::name).toList()) + mode,
            (System.nanoTime() - runStartNs) / 1e9, "s", null, null));

        if (!failed.isEmpty())
        {
            throw new IllegalStateException("stages failed: " + String.join(", ", failed) + " (see above)");
        }

        return results;
    }

    /**
     * A full collection before each stage, outside its wall time: what earlier stages left behind (garbage in the old
     * generation, the heap grown to their peak) is cleared, so a stage does not pay a full collection for another's
     * data inside its measurement. Stages hold no data once they return (a stage's members, databases and arrays are
     * locals): the live heap printed here shows it, run after run.
     *
     * @return one line: the collection's time and the heap live after it.
     */
    static String collectGarbage()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        final long usedBefore = memory.getHeapMemoryUsage().getUsed();
        final long startNs = System.nanoTime();
        System.gc();
        final long gcNs = System.nanoTime() - startNs;
        final MemoryUsage after = memory.getHeapMemoryUsage();
        return String.format(Locale.ROOT, "heap before the stage: %,d MB used, %,d MB live after a full " +
            "collection (%.0f ms, not in the stage's time), %,d MB committed", usedBefore >> 20, after.getUsed() >> 20,
            gcNs / 1e6, after.getCommitted() >> 20);
    }

    /**
     * Results as a table for a terminal.
     *
     * @param results figures.
     * @return the table.
     */
    public static String table(final List<BenchResult> results)
    {
        final StringBuilder sb = new StringBuilder();
        final String format = "%-8s %-55s %14s %-8s %-45s %14s %8s%n";
        sb.append(String.format(Locale.ROOT, format, "stage", "metric", "value", "unit", "anchor", "anchor value",
            "ratio"));
        for (final BenchResult r : results)
        {
            sb.append(String.format(Locale.ROOT, format,
                r.stage(),
                r.metric(),
                formatNumber(r.value()),
                r.unit(),
                null == r.anchor() ? "-" : r.anchor(),
                null == r.anchorValue() ? "-" : formatNumber(r.anchorValue()),
                null == r.ratio() ? "-" : String.format(Locale.ROOT, "%.3f", r.ratio())));
        }
        return sb.toString();
    }

    /**
     * Write results as a JSON array of {@code {stage, metric, value, unit, anchor, anchorValue, ratio}}.
     *
     * @param results figures.
     * @param file    destination; parent directories are created.
     * @throws IOException when the file cannot be written.
     */
    public static void writeJson(final List<BenchResult> results, final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }

        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8))
        {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (final BenchResult r : results)
            {
                json.writeStartObject();
                json.writeStringField("stage", r.stage());
                json.writeStringField("metric", r.metric());
                json.writeNumberField("value", r.value());
                json.writeStringField("unit", r.unit());
                json.writeStringField("anchor", r.anchor());
                writeNullableNumber(json, "anchorValue", r.anchorValue());
                writeNullableNumber(json, "ratio", r.ratio());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private static void writeNullableNumber(final JsonGenerator json, final String name, final Double value)
        throws IOException
    {
        if (null == value)
        {
            json.writeNullField(name);
        }
        else
        {
            json.writeNumberField(name, value);
        }
    }

    private static String formatNumber(final double value)
    {
        return value >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
