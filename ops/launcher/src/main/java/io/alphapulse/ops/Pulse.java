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
        "Every process and tool of the system is a command. `pulse <command> --help` explains its options.",
        "Commands marked (planned) say which issue delivers them."
    },
    footer = {
        "",
        "Quick start:  ops/pulse demo        run everything on embedded defaults; Ctrl-C stops it",
        "Tests:        ops/pulse test        the full test suite (what CI runs)",
        "Benchmarks:   ops/pulse bench --quick",
        "",
        "Configuration: command-line options override system properties (-Dname=value in PULSE_JAVA_OPTS),",
        "which override environment variables (ALPHAPULSE_*), which override defaults. See README.md."
    },
    subcommands = {
        MediaDriverCommand.class,
        io.alphapulse.collector.CollectorCommand.class,
        io.alphapulse.collector.DecodeCommand.class,
        io.alphapulse.relay.RelayCommand.class,
        io.alphapulse.relay.ArchiveCommand.class,
        io.alphapulse.sql.PostgresCommand.class,
        io.alphapulse.writer.WriterCommand.class,
        io.alphapulse.api.ApiCommand.class,
        io.alphapulse.bridge.BridgeCommand.class,
        io.alphapulse.ledger.LedgerCommand.class,
        io.alphapulse.engine.EngineCommand.class,
        io.alphapulse.engine.venue.VenueCommand.class,
        io.alphapulse.engine.projector.ProjectorCommand.class,
        DemoCommand.class,
        BenchCommand.class,
        StatCommand.class,
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

    /**
     * Without a command, print the usage.
     */
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Build the command line with every command, the planned ones included.
     *
     * @return the command line.
     */
    public static CommandLine commandLine()
    {
        final CommandLine commandLine = new CommandLine(new Pulse());
        PlannedCommands.addTo(commandLine);
        commandLine.setExecutionExceptionHandler(Pulse::handleExecutionException);
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
        System.exit(commandLine().execute(args));
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
