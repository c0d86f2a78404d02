/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding the embedded server another process runs on a var dir: a process that is alive but whose server does not
 * answer is waited for and then named in a clear error (starting a second server on its locked data cannot work); a
 * connection file left by a process that has gone is ignored.
 */
class SharedServerTest
{
    @TempDir
    Path varDir;

    @Test
    void shouldNameTheOwnerWhenItsServerDoesNotAnswer() throws IOException
    {
        connectionFile(ProcessHandle.current().pid());

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> EmbeddedPostgresServer.sharedUrl(varDir, 500));

        assertTrue(ex.getMessage().contains("run by process " + ProcessHandle.current().pid()), ex.getMessage());
        assertTrue(ex.getMessage().contains("did not answer"), ex.getMessage());
    }

    @Test
    void shouldIgnoreAConnectionFileOfAProcessThatHasGone() throws IOException
    {
        connectionFile(Long.MAX_VALUE - 1);

        assertNull(EmbeddedPostgresServer.sharedUrl(varDir, 500));
    }

    @Test
    void shouldFindNothingWithoutAConnectionFile()
    {
        assertNull(EmbeddedPostgresServer.sharedUrl(varDir, 500));
    }

    private void connectionFile(final long pid) throws IOException
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Path dir = Files.createDirectories(varDir.resolve("postgres"));
        Files.writeString(dir.resolve("connection"), "url=jdbc:postgresql://localhost:" + port + "/alphapulse\n" +
            "port=" + port + "\nuser=postgres\npid=" + pid + "\n");
    }
}
