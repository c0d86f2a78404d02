/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code pulse config}: the configuration file format, and an example with every option of every command.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Configuration for every command in one file: <command>.<option> = value lines (or <option> = value for",
        "every command with that option), named by `ops/pulse --config FILE <command>` or ALPHAPULSE_CONFIG=FILE.",
        "Environment variables ALPHAPULSE_<COMMAND>_<OPTION> override the file; command-line options override both.",
        "",
        "  ops/pulse config --example > alphapulse.conf    every option of every command, at its default",
        "  ops/pulse config --check --config FILE          validate a file: every key must name an option"
    })
final class ConfigCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--example", description = "Print an example file with every option of every command.")
    boolean example;

    @Option(names = "--check", description = "Check the configuration in use (--config or ALPHAPULSE_CONFIG).")
    boolean check;

    public Integer call()
    {
        if (example)
        {
            System.out.print(PulseConfig.example(Pulse.commandLine()));
            return 0;
        }
        if (check)
        {
            // Pulse.main validated the file before running any command; reaching here means it is valid.
            System.out.println("configuration ok");
            return 0;
        }
        spec.commandLine().usage(System.out);
        return 0;
    }
}
