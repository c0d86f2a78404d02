/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The one database password option every command that touches the database shares (a picocli mixin): a FILE, never
 * the password itself, since every user sees a process's options in {@code ps}. The password comes from
 * {@code ALPHAPULSE_DB_PASSWORD} or from this file (or {@code ALPHAPULSE_DB_PASSWORD_FILE}), which only its owner may
 * access; see {@link DatabaseConfiguration#dbPassword(Path, java.util.Map)}.
 */
public final class DatabasePasswordOption
{
    @Option(names = DatabaseConfiguration.DB_PASSWORD_FILE_OPTION, paramLabel = "FILE",
        description = "File (mode 600) holding the database password; else ALPHAPULSE_DB_PASSWORD or " +
            "ALPHAPULSE_DB_PASSWORD_FILE. There is no option taking the password itself (`ps` shows options).")
    Path passwordFile;

    /**
     * Give the file, if any, to a database context.
     *
     * @param ctx database context.
     * @return the context.
     */
    public PulseDatabase.Context applyTo(final PulseDatabase.Context ctx)
    {
        return ctx.passwordFile(passwordFile);
    }
}
