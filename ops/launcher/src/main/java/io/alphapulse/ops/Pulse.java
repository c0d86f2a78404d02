/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code pulse}: one command line for every process and tool of AlphaPulse. Run through {@code ops/pulse}, which
 * picks a JDK 21+, builds on first use and passes the JVM options Aeron needs.
 */
@Command(
    name = "pulse",
    mixinStandardHelpOptions = true,
    version = "AlphaPulse 0.1.0",
    usageHelpWidth = 120,
    description = {
        "AlphaPulse: low-latency crypto market data and trading on Aeron.",
        "",
        "Every process and tool of the system is a command. `pulse <command> --help` explains its options."
    },
    footer = {
        "",
        "Quick start:  ops/pulse demo        run everything on embedded defaults; Ctrl-C stops it",
        "Tests:        ops/pulse test        the full test suite (what CI runs)",
        "Benchmarks:   ops/pulse bench --quick",
        "",
        "Configuration: `pulse --config FILE <command>` (or ALPHAPULSE_CONFIG=FILE) reads <command>.<option> = value",
        "lines; ALPHAPULSE_<COMMAND>_<OPTION> environment variables override the file and command-line options",
        "override both. `pulse config --example` lists every option. See README.md."
    },
    subcommands = {
        MediaDriverCommand.class,
        io.alphapulse.collector.CollectorCommand.class,
        io.alphapulse.collector.DecodeCommand.class,
        io.alphapulse.relay.RelayCommand.class,
        io.alphapulse.relay.ArchiveCommand.class,
        io.alphapulse.sql.PostgresCommand.class,
        io.alphapulse.writer.WriterCommand.class,
        io.alphapulse.lake.export.ExportCommand.class,
        io.alphapulse.lake.query.QueryCommand.class,
        io.alphapulse.backtest.BacktestCommand.class,
        io.alphapulse.api.ApiCommand.class,
        io.alphapulse.bridge.BridgeCommand.class,
        io.alphapulse.ledger.LedgerCommand.class,
        io.alphapulse.engine.EngineCommand.class,
        io.alphapulse.engine.venue.VenueCommand.class,
        io.alphapulse.engine.projector.ProjectorCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        StatCommand.class,
        ErrorsCommand.class,
        ExporterCommand.class,
        ConfigCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Pulse implements Runnable
{
    /**
     * Exit code for a command that failed at run time.
     */
    public static final int EXIT_FAILURE = 1;

    /**
     * Exit code for bad usage, bad configuration or a command not yet available.
     */
    public static final int EXIT_USAGE = 2;

    /**
     * System property a supervisor (the demo) sets on its children: they stop when it is gone, leaving no orphans.
     */
    public static final String SUPERVISOR_PID_PROP_NAME = "alphapulse.supervisor.pid";

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--config", paramLabel = "FILE", description = {
        "Configuration file (<command>.<option> = value lines; `pulse config --example`); must come first.",
        "Default: ALPHAPULSE_CONFIG."})
    String configFile;

    /**
     * Without a command, print the usage.
     */
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Build the command line with every command.
     *
     * @return the command line.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new Pulse());
        commandLine.setExecutionExceptionHandler(Pulse::handleExecutionException);
        commandLine.setParameterExceptionHandler(Pulse::handleParameterException);
        return commandLine;
    }

    /**
     * Entry point.
     *
     * @param args command and options.
     */
    public static void main(final String[] args)
    {
        watchSupervisor();
        System.exit(execute(args, System.getenv()));
    }

    /**
     * Run a command line with the configuration file and environment applied as default values.
     *
     * @param args command line, optionally starting with {@code --config FILE}.
     * @param env  environment.
     * @return exit code.
     */
    static int execute(final String[] args, final java.util.Map<String, String> env)
    {
        final CommandLine commandLine = commandLine();
        final java.util.List<String> rest = new java.util.ArrayList<>(java.util.List.of(args));
        try
        {
            final PulseConfig config = PulseConfig.load(rest, env);
            config.validate(commandLine);
            commandLine.setDefaultValueProvider(config);
        }
        catch (final IllegalArgumentException ex)
        {
            commandLine.getErr().println("pulse: " + ex.getMessage());
            return EXIT_USAGE;
        }
        return commandLine.execute(rest.toArray(new String[0]));
    }

    private static int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        if (ex instanceof IllegalArgumentException)
        {
            err.println("pulse " + commandLine.getCommandName() + ": " + ex.getMessage());
            err.println("Try 'ops/pulse " + commandLine.getCommandName() + " --help'.");
            return EXIT_USAGE;
        }

        err.println("pulse " + commandLine.getCommandName() + " failed: " + ex);
        ex.printStackTrace(err);
        return EXIT_FAILURE;
    }

    /**
     * A command line picocli cannot match is reported without echoing the arguments it could not match: a mistyped
     * or removed option (say {@code --db-password VALUE}) may be followed by a secret, and the error goes to logs and
     * terminals. Unknown options are named up to any {@code =}; other unmatched words are counted, not shown, except
     * a mistyped command name. Errors about a known option's value (e.g. {@code --port x}) are picocli's own.
     */
    static int handleParameterException(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final PrintWriter err = commandLine.getErr();
        final String name = commandLine.getCommandName();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched)
        {
            err.println("pulse" + ("pulse".equals(name) ? "" : " " + name) + ": " +
                describeUnmatched(unmatched.getUnmatched(), commandLine.getParent() == null));
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        else
        {
            err.println("pulse " + name + ": " + ex.getMessage());
        }
        err.println("Try 'ops/pulse " + ("pulse".equals(name) ? "" : name + " ") + "--help'.");
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String describeUnmatched(final java.util.List<String> unmatched, final boolean topLevel)
    {
        final java.util.List<String> parts = new java.util.ArrayList<>();
        final java.util.List<String> options = new java.util.ArrayList<>();
        int hidden = 0;
        for (int i = 0; i < unmatched.size(); i++)
        {
            final String arg = unmatched.get(i);
            if (arg.startsWith("-"))
            {
                final int equals = arg.indexOf('=');
                options.add("'" + (equals < 0 ? arg : arg.substring(0, equals + 1) + "...") + "'");
            }
            else if (topLevel && i == 0)
            {
                parts.add("unknown command '" + arg + "' (`ops/pulse --help` lists them)");
            }
            else
            {
                hidden++;
            }
        }

        if (!options.isEmpty())
        {
            parts.add((options.size() == 1 ? "unknown option " : "unknown options ") + String.join(", ", options));
        }
        if (hidden > 0)
        {
            parts.add(hidden + (hidden == 1 ? " unexpected argument" : " unexpected arguments") +
                " (not shown: it may be a secret)");
        }
        return String.join("; ", parts);
    }

    private static void watchSupervisor()
    {
        final String supervisorPid = System.getProperty(SUPERVISOR_PID_PROP_NAME);
        if (null != supervisorPid)
        {
            ProcessHandle.of(Long.parseLong(supervisorPid)).ifPresentOrElse(
                (supervisor) -> supervisor.onExit().thenRun(() ->
                {
                    System.err.println("supervisor " + supervisorPid + " is gone; stopping");
                    System.exit(0);
                }),
                () -> System.exit(0));
        }
    }
}
