/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseCommandLineTest
{
    private static final String[] COMMANDS = {
        "media-driver", "collector", "relay", "engine", "ledger", "bridge", "api", "export", "query", "backtest",
        "decode", "stat", "bench", "demo", "archive", "postgres", "writer", "venue", "projector"
    };

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(final String... args)
    {
        final CommandLine commandLine = Pulse.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpShouldListEveryCommand()
    {
        assertEquals(0, execute("--help"));
        for (final String command : COMMANDS)
        {
            assertTrue(out.toString().contains("  " + command + " "), command + " missing from:\n" + out);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"media-driver", "collector", "relay", "engine", "ledger", "bridge", "api", "export",
        "query", "backtest", "decode", "stat", "bench", "demo", "postgres", "writer", "venue", "projector"})
    void everyCommandShouldExplainItsOptions(final String command)
    {
        assertEquals(0, execute(command, "--help"));
        assertTrue(out.toString().startsWith("Usage: pulse " + command), out.toString());
        assertTrue(out.toString().contains("--help"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"writer", "projector"})
    void databasePasswordShouldComeFromTheEnvironmentNeverFromAnOption(final String command)
    {
        // An option value is visible to every user in `ps`: the password is ALPHAPULSE_DB_PASSWORD only.
        assertEquals(CommandLine.ExitCode.USAGE, execute(command, "--db-password", "secret"));
        assertTrue(err.toString().contains("'--db-password'"), err.toString());
        assertEquals(0, execute(command, "--help"));
        assertTrue(out.toString().contains("ALPHAPULSE_DB_PASSWORD"), out.toString());
        assertTrue(!out.toString().contains("--db-password"), out.toString());
    }

    @Test
    void unknownCommandShouldBeAUsageError()
    {
        assertEquals(CommandLine.ExitCode.USAGE, execute("frobnicate"));
        assertTrue(err.toString().contains("frobnicate"), err.toString());
    }

    @Test
    void badProfileShouldNameTheValue()
    {
        assertEquals(Pulse.EXIT_USAGE, execute("media-driver", "--profile", "turbo", "--aeron-dir", "unused"));
        assertTrue(err.toString().contains("'turbo'"), err.toString());
    }

    @Test
    void benchShouldListItsStagesAndRejectUnknownOnes()
    {
        assertEquals(0, execute("bench", "--list"));
        assertEquals(Pulse.EXIT_USAGE, execute("bench", "--only", "nope"));
        assertTrue(err.toString().contains("unknown stage 'nope'"), err.toString());
        assertTrue(err.toString().contains("codec"), err.toString());
    }

    @Test
    void statShouldSayWhatToDoWithoutADriver()
    {
        assertEquals(Pulse.EXIT_USAGE, execute("stat", "--aeron-dir", "/nonexistent/aeron"));
        assertTrue(err.toString().contains("ops/pulse media-driver"), err.toString());
    }
}
