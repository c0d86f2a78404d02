/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    @ValueSource(strings = {"writer", "projector", "api", "export", "backtest"})
    void databasePasswordShouldComeFromTheEnvironmentNeverFromAnOption(final String command)
    {
        // An option value is visible to every user in `ps`: the password is ALPHAPULSE_DB_PASSWORD or a mode-600
        // file, never an option value.
        // A rejected option's value is not echoed either: the error goes to terminals and logs.
        final String secret = "hunter2-PulseCommandLineTest-51c7";
        final List<String> prefix = "backtest".equals(command) ? List.of(command, "--strategy", "any") :
            List.of(command);
        for (final List<String> wrong : List.of(List.of("--db-password", secret), List.of("--db-password=" + secret)))
        {
            final List<String> args = new ArrayList<>(prefix);
            args.addAll(wrong);
            assertEquals(CommandLine.ExitCode.USAGE, execute(args.toArray(new String[0])));
            assertTrue(err.toString().contains("unknown option '--db-password"), err.toString());
            assertFalse(err.toString().contains(secret), err.toString());
            assertFalse(out.toString().contains(secret), out.toString());
        }
        assertEquals(0, execute(command, "--help"));
        assertTrue(out.toString().contains("ALPHAPULSE_DB_PASSWORD"), out.toString());
        assertTrue(out.toString().contains("--db-password-file=FILE"), out.toString());
        assertFalse(Pattern.compile("--db-password(?!-file)").matcher(out.toString()).find(), out.toString());
    }

    @Test
    void aDatabasePasswordFileOthersCanReadShouldBeRefusedSayingHowToFixIt(@TempDir final Path dir) throws IOException
    {
        final String password = "db-pass-PulseCommandLineTest-9d41";
        final Path file = dir.resolve("db-password");
        Files.writeString(file, password + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(Pulse.EXIT_USAGE, execute("export", "--var-dir", dir.resolve("var").toString(),
            "--lake", dir.resolve("lake").toString(), "--db-password-file", file.toString()));

        assertTrue(err.toString().contains("chmod 600 " + file), err.toString());
        assertFalse(err.toString().contains(password), err.toString());
        assertFalse(out.toString().contains(password), out.toString());
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
