/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that decides whether a file may hold a secret (the JWT key, the TLS keystore and its password): on a
 * POSIX file system it must not be readable, writable or executable by group or others. Such a file is refused with a
 * message that names it and says how to fix it; its content is never read, so it cannot end up in a message.
 */
public final class SecretFiles
{
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles()
    {
    }

    /**
     * Refuse a secret file that group or others can access.
     *
     * @param file the file.
     * @param what what it holds, for the message, e.g. {@code "JWT secret file"}.
     * @throws IllegalArgumentException when group or others have any permission on it.
     * @throws UncheckedIOException     when its attributes cannot be read (e.g. it does not exist).
     */
    public static void requireOwnerOnly(final Path file, final String what)
    {
        final PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (null == view)
        {
            return; // Not POSIX (Windows): ACLs are the administrator's business.
        }
        final Set<PosixFilePermission> permissions;
        try
        {
            permissions = view.readAttributes().permissions();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + what + " " + file, ex);
        }
        for (final PosixFilePermission permission : permissions)
        {
            if (GROUP_OR_OTHERS.contains(permission))
            {
                throw new IllegalArgumentException(what + " " + file + " is accessible to group or others (" +
                    permissions + "); run: chmod 600 " + file);
            }
        }
    }

    /**
     * Read a secret file after {@link #requireOwnerOnly(Path, String)}.
     *
     * @param file the file.
     * @param what what it holds, for messages.
     * @return its bytes; the caller clears them when done.
     */
    public static byte[] readOwnerOnly(final Path file, final String what)
    {
        requireOwnerOnly(file, what);
        try
        {
            return Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + what + " " + file, ex);
        }
    }
}
