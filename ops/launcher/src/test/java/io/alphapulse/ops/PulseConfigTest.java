/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseConfigTest
{
    @TempDir
    Path tempDir;

    @Test
    void committedExampleShouldListEveryOptionOfEveryCommand() throws Exception
    {
        final String generated = PulseConfig.example(Pulse.commandLine());
        final Path committed = Path.of("..", "config", "alphapulse.conf.example");
        assertEquals(generated, Files.readString(committed),
            "ops/config/alphapulse.conf.example is out of date: regenerate it with " +
            "`ops/pulse config --example > ops/config/alphapulse.conf.example`");
        assertTrue(generated.contains("#relay.exchanges = kraken,coinbase,binance"), generated);
        assertTrue(generated.contains("# ALPHAPULSE_RELAY_INDEX_DIR"), generated);
        assertTrue(generated.contains("#exporter.port = 9464"), generated);
    }

    @Test
    void commandLineShouldBeatEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception
    {
        final Path file = write("stat.interval = 2\nerrors.brief = true\naeron-dir = /from/file\n");
        final Map<String, String> env = new HashMap<>();

        assertEquals(1.0, stat(env, "stat").intervalSeconds, "built-in default");
        assertEquals(2.0, stat(env, "--config", file.toString(), "stat").intervalSeconds, "file");
        env.put("ALPHAPULSE_STAT_INTERVAL", "3");
        assertEquals(3.0, stat(env, "--config", file.toString(), "stat").intervalSeconds, "environment over file");
        assertEquals(4.0, stat(env, "--config", file.toString(), "stat", "--interval", "4").intervalSeconds,
            "command line over environment");

        assertEquals("/from/file", stat(env, "--config", file.toString(), "stat").aeronDir, "a key for every command");
        env.put("ALPHAPULSE_STAT_AERON_DIR", "/from/env");
        assertEquals("/from/env", stat(env, "--config", file.toString(), "stat").aeronDir);
        assertNull(stat(new HashMap<>(), "stat").aeronDir, "no file, no env: the option's own fallback applies");

        env.clear();
        env.put(PulseConfig.CONFIG_ENV_NAME, file.toString());
        assertEquals(2.0, stat(env, "stat").intervalSeconds, "ALPHAPULSE_CONFIG names the file");
    }

    @Test
    void unknownKeyShouldBeAnErrorNamingIt() throws Exception
    {
        final Path file = write("relay.no-such-option = 1\n");
        final PulseConfig config = PulseConfig.load(new ArrayList<>(List.of("--config", file.toString())), Map.of());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> config.validate(Pulse.commandLine()));
        assertTrue(ex.getMessage().contains("'relay.no-such-option'"), ex.getMessage());
        assertEquals(Pulse.EXIT_USAGE, Pulse.execute(new String[]{"--config", file.toString(), "stat"}, Map.of()));
    }

    @Test
    void missingFileShouldBeAnErrorNamingIt()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () ->
            PulseConfig.load(new ArrayList<>(List.of("--config", "/no/such/alphapulse.conf", "stat")), Map.of()));
        assertTrue(ex.getMessage().contains("/no/such/alphapulse.conf"), ex.getMessage());
    }

    private Path write(final String text) throws Exception
    {
        final Path file = tempDir.resolve("alphapulse.conf");
        Files.writeString(file, text);
        return file;
    }

    private static StatCommand stat(final Map<String, String> env, final String... args)
    {
        final List<String> rest = new ArrayList<>(List.of(args));
        final CommandLine commandLine = Pulse.commandLine();
        final PulseConfig config = PulseConfig.load(rest, env);
        config.validate(commandLine);
        commandLine.setDefaultValueProvider(config);
        commandLine.parseArgs(rest.toArray(new String[0]));
        return commandLine.getSubcommands().get("stat").getCommand();
    }
}
