/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stage measured by JMH in forked JVMs. Each {@link Figure} names a benchmark method and, where there is one, the
 * benchmark method of its anchor, so both are measured in the same run.
 */
public final class JmhStage implements BenchStage
{
    /**
     * JVM arguments every fork needs: Aeron and Agrona use {@code jdk.internal.misc.Unsafe}.
     */
    static final String[] FORK_JVM_ARGS = Runtime.version().feature() >= 23 ?
        new String[]{
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Dagrona.disable.bounds.checks=true",
            "-Xms1g", "-Xmx1g"} :
        new String[]{
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dagrona.disable.bounds.checks=true",
            "-Xms1g", "-Xmx1g"};

    /**
     * One figure: a benchmark and, optionally, its anchor.
     *
     * @param metric          name of the figure, with its conditions.
     * @param benchmark       benchmark label {@code Class.method}.
     * @param anchor          name of the anchor, or null.
     * @param anchorBenchmark anchor benchmark label {@code Class.method}, or null.
     */
    public record Figure(String metric, String benchmark, String anchor, String anchorBenchmark)
    {
    }

    /**
     * Turns a stage's JMH results into figures.
     */
    @FunctionalInterface
    public interface ResultMapper
    {
        /**
         * Figures from results.
         *
         * @param stage   stage name.
         * @param results JMH results.
         * @return figures.
         */
        List<BenchResult> map(String stage, Collection<RunResult> results);
    }

    private final String name;
    private final String description;
    private final String includeRegex;
    private final boolean gcProfiler;
    private final ResultMapper mapper;
    private String anchor;

    /**
     * A JMH stage reporting named figures.
     *
     * @param name         stage name.
     * @param description  one line.
     * @param includeRegex JMH include pattern selecting the stage's benchmark classes.
     * @param figures      figures reported, in order.
     */
    public JmhStage(final String name, final String description, final String includeRegex, final List<Figure> figures)
    {
        this(name, description, includeRegex, false, figures(figures));
    }

    /**
     * A JMH stage with its own mapping of results to figures.
     *
     * @param name         stage name.
     * @param description  one line.
     * @param includeRegex JMH include pattern selecting the stage's benchmark classes.
     * @param gcProfiler   run JMH's GC profiler (allocation per operation).
     * @param mapper       results to figures.
     */
    public JmhStage(
        final String name,
        final String description,
        final String includeRegex,
        final boolean gcProfiler,
        final ResultMapper mapper)
    {
        this.name = name;
        this.description = description;
        this.includeRegex = includeRegex;
        this.gcProfiler = gcProfiler;
        this.mapper = mapper;
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return name;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        return description;
    }

    /**
     * {@inheritDoc}
     */
    public String anchor()
    {
        return anchor;
    }

    /**
     * Declare the stage's anchor for {@code --list}.
     *
     * @param anchor what the figures are compared with, or {@code "none here"} and why.
     * @return this for a fluent API.
     */
    public JmhStage anchor(final String anchor)
    {
        this.anchor = anchor;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    public List<BenchResult> run(final boolean quick, final PrintStream progress) throws Exception
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include(includeRegex)
            .forks(1)
            .threads(1)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .jvmArgsAppend(FORK_JVM_ARGS)
            .warmupIterations(quick ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2));
        if (gcProfiler)
        {
            options.addProfiler(org.openjdk.jmh.profile.GCProfiler.class);
        }

        progress.println("  [" + name + "] JMH " + (quick ? "quick" : "full") + " run of " + includeRegex);
        final Collection<RunResult> runResults = new Runner(options.build()).run();

        return mapper.map(name, runResults);
    }

    /**
     * A mapper reporting one figure per benchmark method, each with its optional anchor.
     *
     * @param figures figures in order.
     * @return the mapper.
     */
    public static ResultMapper figures(final List<Figure> figures)
    {
        final List<Figure> copy = List.copyOf(figures);
        return (stage, runResults) ->
        {
            final Map<String, Result<?>> scores = new HashMap<>();
            for (final RunResult runResult : runResults)
            {
                final String label = runResult.getParams().getBenchmark();
                final String shortLabel = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
                scores.put(shortLabel, runResult.getPrimaryResult());
            }

            final List<BenchResult> results = new ArrayList<>();
            for (final Figure figure : copy)
            {
                final Result<?> score = require(scores, figure.benchmark());
                final Result<?> anchorScore = null == figure.anchorBenchmark() ? null :
                    require(scores, figure.anchorBenchmark());
                results.add(new BenchResult(
                    stage,
                    figure.metric(),
                    score.getScore(),
                    score.getScoreUnit(),
                    figure.anchor(),
                    null == anchorScore ? null : anchorScore.getScore()));
            }
            return results;
        };
    }

    private static Result<?> require(final Map<String, Result<?>> scores, final String label)
    {
        final Result<?> result = scores.get(label);
        if (null == result)
        {
            throw new IllegalStateException("benchmark " + label + " produced no result; ran: " + scores.keySet());
        }
        return result;
    }
}
