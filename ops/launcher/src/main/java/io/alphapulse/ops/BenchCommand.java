/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.alphapulse.bench.BenchResult;
import io.alphapulse.bench.BenchSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pulse bench}: the benchmark suite.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Measure the system, stage by stage, with JMH and HdrHistogram harnesses, each figure beside its anchor",
        "where one exists (measured in the same run; ratio = value / anchor value). Prints a table; --json writes",
        "the figures as a JSON array of {stage, metric, value, unit, anchor, anchorValue, ratio}; each stage's wall",
        "time is a record too (metric 'duration of the stage'), and the whole run's (stage 'suite').",
        "Stop other work on the machine first: figures on a busy 2-core machine are noisy."
    })
final class BenchCommand implements Callable<Integer>
{
    @Option(names = "--quick", description = "Short warm-up and measurement; the whole suite in under 5 minutes.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "STAGE", description = "Run only these stages (see --list).")
    List<String> only = List.of();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Option(names = "--list", description = "List the stages, what each measures and its anchor, and exit.")
    boolean list;

    public Integer call() throws Exception
    {
        final BenchSuite suite = new BenchSuite();
        if (list)
        {
            System.out.print(suite.listing());
            return 0;
        }

        final Instant start = Instant.now();
        System.out.println("pulse bench" + (quick ? " --quick" : "") + " on " +
            Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", " +
            System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        final List<BenchResult> results = suite.run(only, quick, System.out);

        System.out.println();
        System.out.print(BenchSuite.table(results));
        System.out.println("total " + Duration.between(start, Instant.now()).toSeconds() + " s");
        if (null != json)
        {
            BenchSuite.writeJson(results, json);
            System.out.println("wrote " + json.toAbsolutePath());
        }
        return 0;
    }
}
