/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth.tls;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading TLS settings: where the password may come from, which files are refused, and that no message or
 * description ever contains the password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerTlsTest
{
    private static final String PASSWORD = "tls-Pa55word-under-test-7c1e";

    @TempDir
    static Path dir;

    private static Path keystore;

    @BeforeAll
    static void generate()
    {
        keystore = DevelopmentKeystore.generate(dir.resolve("server.p12"), PASSWORD.toCharArray());
    }

    @Test
    void shouldLoadWithThePasswordFromAnOwnerOnlyFileIgnoringTheTrailingLineBreak() throws IOException
    {
        final Path passwordFile = secretFile("password-file", PASSWORD + "\n", "rw-------");
        final ServerTls tls = ServerTls.fromOptions(keystore, passwordFile, Map.of());
        assertNotNull(tls);
        assertEquals(keystore, tls.keystorePath());
        final String description = tls.toString();
        assertTrue(description.contains(keystore.toString()), description);
        assertTrue(description.contains("CN=localhost"), description);
        assertTrue(description.contains("file " + passwordFile), description);
        assertFalse(description.contains(PASSWORD), description);
        assertNotNull(tls.newSslContextFactory());
    }

    @Test
    void shouldLoadWithThePasswordFromTheEnvironment()
    {
        final ServerTls tls = ServerTls.fromOptions(keystore, null, Map.of(ServerTls.PASSWORD_ENV_NAME, PASSWORD));
        assertTrue(tls.toString().contains("environment " + ServerTls.PASSWORD_ENV_NAME));
        assertFalse(tls.toString().contains(PASSWORD));
    }

    @Test
    void shouldBePlainWithoutAKeystore()
    {
        assertNull(ServerTls.fromOptions(null, null, Map.of(ServerTls.PASSWORD_ENV_NAME, PASSWORD)));
    }

    @Test
    void shouldRefuseAPasswordFileWithoutAKeystore() throws IOException
    {
        final Path passwordFile = secretFile("lonely", PASSWORD, "rw-------");
        assertThrows(IllegalArgumentException.class, () -> ServerTls.fromOptions(null, passwordFile, Map.of()));
    }

    @Test
    void shouldRefuseAKeystoreWithoutAPasswordNamingWhereToPutIt()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.fromOptions(keystore, null, Map.of()));
        assertTrue(ex.getMessage().contains(ServerTls.PASSWORD_ENV_NAME), ex.getMessage());
    }

    @Test
    void shouldRefuseAWrongPasswordWithoutRepeatingIt()
    {
        final String wrong = "not-the-password-4d2a";
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.fromOptions(keystore, null, Map.of(ServerTls.PASSWORD_ENV_NAME, wrong)));
        assertTrue(ex.getMessage().contains(keystore.toString()), ex.getMessage());
        assertFalse(ex.getMessage().contains(wrong), ex.getMessage());
        assertFalse(ex.getMessage().contains(PASSWORD), ex.getMessage());
    }

    @Test
    void shouldRefuseAPasswordFileOthersCanRead() throws IOException
    {
        final Path passwordFile = secretFile("shared-password", PASSWORD, "rw-r--r--");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.fromOptions(keystore, passwordFile, Map.of()));
        assertTrue(ex.getMessage().contains("chmod 600 " + passwordFile), ex.getMessage());
        assertFalse(ex.getMessage().contains(PASSWORD), ex.getMessage());
    }

    @Test
    void shouldRefuseAKeystoreTheGroupCanRead() throws IOException
    {
        final Path copy = Files.copy(keystore, dir.resolve("group-readable.p12"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.fromOptions(copy, null, Map.of(ServerTls.PASSWORD_ENV_NAME, PASSWORD)));
        assertTrue(ex.getMessage().startsWith("TLS keystore " + copy), ex.getMessage());
        assertTrue(ex.getMessage().contains("chmod 600"), ex.getMessage());
    }

    @Test
    void shouldRefuseAFileThatIsNotAKeystore() throws IOException
    {
        final Path notKeystore = secretFile("not.p12", "hello", "rw-------");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ServerTls.fromOptions(notKeystore, null, Map.of(ServerTls.PASSWORD_ENV_NAME, PASSWORD)));
        assertTrue(ex.getMessage().contains("cannot open TLS keystore " + notKeystore), ex.getMessage());
    }

    private static Path secretFile(final String name, final String content, final String mode) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
