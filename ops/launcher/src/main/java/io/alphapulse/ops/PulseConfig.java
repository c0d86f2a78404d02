/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * One configuration for every command: a file of {@code <command>.<option> = value} lines (or {@code <option> =
 * value} for every command that has that option) and environment variables {@code ALPHAPULSE_<COMMAND>_<OPTION>},
 * applied as picocli default values, so the precedence is: command-line option, then environment, then the file,
 * then the built-in default.
 * <p>
 * Keys use the option's long name without dashes, and the command's path with dots:
 * {@code relay.exchanges = kraken,binance}, {@code archive.list.aeron-dir = /dev/shm/x}, {@code aeron-dir = /dev/shm/x};
 * the environment variable of {@code relay --index-dir} is {@code ALPHAPULSE_RELAY_INDEX_DIR}. The file is named by
 * {@code pulse --config FILE} or {@code ALPHAPULSE_CONFIG}; a key no command knows is an error naming it.
 * {@code pulse config --example} prints a file with every option of every command.
 */
final class PulseConfig implements CommandLine.IDefaultValueProvider
{
    /**
     * Environment variable naming the configuration file.
     */
    static final String CONFIG_ENV_NAME = "ALPHAPULSE_CONFIG";

    /**
     * Prefix of per-option environment variables.
     */
    static final String ENV_PREFIX = "ALPHAPULSE_";

    private final Properties file;
    private final Map<String, String> env;

    PulseConfig(final Properties file, final Map<String, String> env)
    {
        this.file = file;
        this.env = env;
    }

    /**
     * Load the file named by {@code --config FILE} at the start of the arguments, else by {@code ALPHAPULSE_CONFIG}.
     *
     * @param args command line; a leading {@code --config FILE} is removed from it.
     * @param env  environment.
     * @return the configuration.
     * @throws IllegalArgumentException if the file cannot be read.
     */
    static PulseConfig load(final List<String> args, final Map<String, String> env)
    {
        String path = env.get(CONFIG_ENV_NAME);
        if (!args.isEmpty() && args.get(0).startsWith("--config="))
        {
            path = args.remove(0).substring("--config=".length());
        }
        else if (args.size() >= 2 && "--config".equals(args.get(0)))
        {
            args.remove(0);
            path = args.remove(0);
        }

        final Properties properties = new Properties();
        if (null != path && !path.isBlank())
        {
            try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read configuration file '" + path + "': " + ex.getMessage());
            }
        }
        return new PulseConfig(properties, env);
    }

    /**
     * Fail on a key of the file that names no option of any command.
     *
     * @param root the root command.
     * @throws IllegalArgumentException naming the first unknown key.
     */
    void validate(final CommandLine root)
    {
        final Set<String> known = new TreeSet<>();
        final Set<String> bareOptions = new TreeSet<>();
        for (final CommandSpec command : commands(root.getCommandSpec()))
        {
            for (final OptionSpec option : configurable(command))
            {
                known.add(key(command, option));
                bareOptions.add(optionName(option));
            }
        }
        for (final String key : file.stringPropertyNames())
        {
            if (!known.contains(key) && !bareOptions.contains(key))
            {
                throw new IllegalArgumentException("configuration key '" + key + "' is not an option of any " +
                    "command: keys are <command>.<option> (e.g. relay.index-dir) or <option> (e.g. aeron-dir); " +
                    "`ops/pulse config --example` lists them all");
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public String defaultValue(final ArgSpec argSpec)
    {
        if (!(argSpec instanceof OptionSpec option) || !isConfigurable(option))
        {
            return null;
        }
        final CommandSpec command = option.command();
        final String fromEnv = env.get(envName(command, option));
        if (null != fromEnv)
        {
            return fromEnv;
        }
        final String fromFile = file.getProperty(key(command, option));
        if (null != fromFile)
        {
            return fromFile.trim();
        }
        final String global = file.getProperty(optionName(option));
        return null == global ? null : global.trim();
    }

    /**
     * Every command below the root (the root itself has nothing to configure).
     *
     * @param root root command.
     * @return commands, depth first in declaration order.
     */
    static List<CommandSpec> commands(final CommandSpec root)
    {
        final List<CommandSpec> commands = new ArrayList<>();
        collect(root.subcommands().values(), commands);
        return commands;
    }

    private static void collect(final Collection<CommandLine> subcommands, final List<CommandSpec> out)
    {
        final Set<CommandSpec> seen = new java.util.LinkedHashSet<>();
        for (final CommandLine sub : subcommands)
        {
            seen.add(sub.getCommandSpec());
        }
        for (final CommandSpec spec : seen)
        {
            if (!"help".equals(spec.name()))
            {
                out.add(spec);
                collect(spec.subcommands().values(), out);
            }
        }
    }

    /**
     * Options that can come from the configuration: not help, version or positional.
     *
     * @param command a command.
     * @return its configurable options.
     */
    static List<OptionSpec> configurable(final CommandSpec command)
    {
        final List<OptionSpec> options = new ArrayList<>();
        for (final OptionSpec option : command.options())
        {
            if (isConfigurable(option))
            {
                options.add(option);
            }
        }
        return options;
    }

    private static boolean isConfigurable(final OptionSpec option)
    {
        return !option.usageHelp() && !option.versionHelp() && option.longestName().startsWith("--");
    }

    /**
     * The file key of an option: command path with dots, then the option's long name without dashes.
     *
     * @param command command.
     * @param option  option.
     * @return e.g. {@code relay.index-dir}.
     */
    static String key(final CommandSpec command, final OptionSpec option)
    {
        return commandPath(command).replace(' ', '.') + "." + optionName(option);
    }

    /**
     * The environment variable of an option.
     *
     * @param command command.
     * @param option  option.
     * @return e.g. {@code ALPHAPULSE_RELAY_INDEX_DIR}.
     */
    static String envName(final CommandSpec command, final OptionSpec option)
    {
        return (ENV_PREFIX + commandPath(command) + "_" + optionName(option))
            .toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    private static String optionName(final OptionSpec option)
    {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static String commandPath(final CommandSpec command)
    {
        final String qualified = command.qualifiedName(" ");
        final int space = qualified.indexOf(' ');
        return space < 0 ? qualified : qualified.substring(space + 1);
    }

    /**
     * An example file with every option of every command, commented out at its built-in default.
     *
     * @param root the root command, without a default value provider.
     * @return the file's text.
     */
    static String example(final CommandLine root)
    {
        final StringBuilder sb = new StringBuilder();
        final String nl = "\n";
        sb.append("# AlphaPulse configuration: every option of every command, at its built-in default.").append(nl)
            .append("# Generated by `ops/pulse config --example` (a test keeps this file equal to it).").append(nl)
            .append("#").append(nl)
            .append("# Use: ops/pulse --config FILE <command> ..., or ALPHAPULSE_CONFIG=FILE.").append(nl)
            .append("# Keys: <command>.<option> = value (the option's long name without dashes), or <option> = value")
            .append(nl)
            .append("# for every command with that option (e.g. aeron-dir = /dev/shm/alphapulse). Lists are")
            .append(nl)
            .append("# comma-separated; flags take true or false. A key no command knows is an error.").append(nl)
            .append("# Precedence: command-line option > environment ALPHAPULSE_<COMMAND>_<OPTION> > this file >")
            .append(nl)
            .append("# built-in default. Options without a default fall back, where their help says so, to")
            .append(nl)
            .append("# system properties and ALPHAPULSE_AERON_DIR, ALPHAPULSE_PROFILE, ALPHAPULSE_ARCHIVE_DIR.")
            .append(nl);
        for (final CommandSpec command : commands(root.getCommandSpec()))
        {
            final List<OptionSpec> options = configurable(command);
            sb.append(nl).append("## ").append(commandPath(command));
            final String[] summary = command.usageMessage().description();
            if (summary.length > 0)
            {
                sb.append(": ").append(summary[0].trim());
            }
            sb.append(nl);
            if (options.isEmpty())
            {
                sb.append("# (no options)").append(nl);
            }
            for (final OptionSpec option : options)
            {
                sb.append(nl);
                final String[] description = option.description();
                for (int i = 0; i < description.length; i++)
                {
                    final String text = description[i].replace("${DEFAULT-VALUE}", defaultText(option));
                    if (0 == i)
                    {
                        sb.append("# ").append(String.join(", ", option.names()))
                            .append(option.arity().max() > 0 ? " " + option.paramLabel() : "")
                            .append(": ").append(text).append(nl);
                    }
                    else
                    {
                        sb.append("#     ").append(text).append(nl);
                    }
                }
                if (0 == option.description().length)
                {
                    sb.append("# ").append(String.join(", ", option.names())).append(nl);
                }
                sb.append("# ").append(envName(command, option)).append(nl);
                sb.append("#").append(key(command, option)).append(" = ").append(defaultText(option)).append(nl);
            }
        }
        return sb.toString();
    }

    private static String defaultText(final OptionSpec option)
    {
        final Object initial = null != option.defaultValue() ? option.defaultValue() : option.initialValue();
        if (null == initial)
        {
            return option.arity().max() == 0 ? "false" : "";
        }
        if (initial instanceof Collection<?> collection)
        {
            final List<String> parts = new ArrayList<>();
            for (final Object part : collection)
            {
                parts.add(String.valueOf(part));
            }
            return String.join(",", parts);
        }
        return String.valueOf(initial);
    }
}
