/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Commands that later issues deliver. Each exists now, says in its help which issue brings it, and exits with
 * {@link Pulse#EXIT_USAGE} when run, so scripts and users see at once what is there and what is not.
 */
final class PlannedCommands
{
    private static final String[][] PLANNED = {
        {"export", "8", "Export PostgreSQL to a Parquet lake (Parquet-MR, hive partitions)."},
        {"query", "8", "Query the Parquet lake with DuckDB."},
        {"backtest", "8", "Replay the Archive or the lake through a strategy on a simulated clock."},
        {"errors", "9", "Print the distinct error logs of every process on this host."},
    };

    private PlannedCommands()
    {
    }

    static void addTo(final CommandLine commandLine)
    {
        for (final String[] planned : PLANNED)
        {
            commandLine.addSubcommand(planned[0], new CommandLine(spec(planned[0], planned[1], planned[2])));
        }
    }

    private static CommandSpec spec(final String name, final String issue, final String description)
    {
        final CommandSpec[] self = new CommandSpec[1];
        final CommandSpec spec = CommandSpec.wrapWithoutInspection((java.util.concurrent.Callable<Integer>)() ->
        {
            self[0].commandLine().getErr().println(
                "pulse " + name + " is planned and not yet available: it arrives with issue #" + issue + ".");
            return Pulse.EXIT_USAGE;
        });
        self[0] = spec;
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(
            "(planned, issue #" + issue + ") " + description,
            "",
            "Not yet available: this command arrives with issue #" + issue + ".");
        spec.parser().unmatchedArgumentsAllowed(true);
        return spec;
    }
}
