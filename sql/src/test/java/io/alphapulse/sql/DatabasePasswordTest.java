/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where the database password may come from: {@code ALPHAPULSE_DB_PASSWORD}, or a file only its owner can access
 * ({@code --db-password-file} / {@code ALPHAPULSE_DB_PASSWORD_FILE}); never a system property; the password never
 * appears in a message.
 */
class DatabasePasswordTest
{
    private static final String PASSWORD = "db-pass-DatabasePasswordTest-5e1f";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAGroupReadableFileSayingHowToFixIt() throws IOException
    {
        final Path file = passwordFile("rw-r-----", PASSWORD + "\n");

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DatabaseConfiguration.dbPassword(file, Map.of()));

        assertTrue(ex.getMessage().contains("database password file " + file), ex.getMessage());
        assertTrue(ex.getMessage().contains("chmod 600 " + file), ex.getMessage());
        assertFalse(ex.getMessage().contains(PASSWORD), ex.getMessage());
    }

    @Test
    void shouldRefuseAnOtherReadableFileNamedByTheEnvironment() throws IOException
    {
        final Path file = passwordFile("rw----r--", PASSWORD);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> DatabaseConfiguration.dbPassword(null,
            Map.of(DatabaseConfiguration.DB_PASSWORD_FILE_ENV_NAME, file.toString())));

        assertTrue(ex.getMessage().contains("chmod 600 " + file), ex.getMessage());
    }

    @Test
    void shouldUseAnOwnerOnlyFileWithoutItsTrailingLineBreak() throws IOException
    {
        final Path file = passwordFile("rw-------", PASSWORD + "\r\n");

        assertEquals(PASSWORD, DatabaseConfiguration.dbPassword(file, Map.of()));
        assertEquals(PASSWORD, DatabaseConfiguration.dbPassword(null,
            Map.of(DatabaseConfiguration.DB_PASSWORD_FILE_ENV_NAME, file.toString())));
    }

    @Test
    void contextShouldResolveThePasswordFromTheFile() throws IOException
    {
        assumeTrue(null == System.getenv(DatabaseConfiguration.DB_PASSWORD_ENV_NAME));
        final Path file = passwordFile("r--------", PASSWORD + "\n");

        final PulseDatabase.Context ctx = new PulseDatabase.Context().passwordFile(file).varDir(dir).conclude();

        assertEquals(PASSWORD, ctx.password());
        assertThrows(IllegalArgumentException.class, () -> new PulseDatabase.Context()
            .passwordFile(passwordFile("rw-rw-rw-", PASSWORD)).varDir(dir).conclude());
    }

    @Test
    void shouldRefuseTwoSourcesAndAnEmptyFile() throws IOException
    {
        final Path file = passwordFile("rw-------", PASSWORD);

        final IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
            () -> DatabaseConfiguration.dbPassword(file, Map.of(DatabaseConfiguration.DB_PASSWORD_ENV_NAME, "other")));
        assertTrue(twice.getMessage().contains("set twice"), twice.getMessage());
        assertFalse(twice.getMessage().contains("other"), twice.getMessage());

        final Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        final IllegalArgumentException emptyEx = assertThrows(IllegalArgumentException.class,
            () -> DatabaseConfiguration.dbPassword(empty, Map.of()));
        assertTrue(emptyEx.getMessage().contains("is empty"), emptyEx.getMessage());
    }

    @Test
    void shouldTakeTheEnvironmentButNeverASystemProperty()
    {
        assertEquals(PASSWORD, DatabaseConfiguration.dbPassword(null,
            Map.of(DatabaseConfiguration.DB_PASSWORD_ENV_NAME, PASSWORD)));
        System.setProperty("alphapulse.db.password", PASSWORD);
        try
        {
            assertNull(DatabaseConfiguration.dbPassword(null, Map.of()));
        }
        finally
        {
            System.clearProperty("alphapulse.db.password");
        }
    }

    private Path passwordFile(final String permissions, final String content) throws IOException
    {
        final Path file = Files.createTempFile(dir, "db-password", ".txt");
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
