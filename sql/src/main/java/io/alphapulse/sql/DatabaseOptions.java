/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The database options every command that touches the database shares (a picocli mixin, so the option names and the
 * configuration keys {@code <command>.db-url} etc. are the same everywhere): the URL, the user, and the password as
 * a FILE, never the password itself, since every user sees a process's options in {@code ps}. The password comes
 * from {@code ALPHAPULSE_DB_PASSWORD} or from this file (or {@code ALPHAPULSE_DB_PASSWORD_FILE}), which only its
 * owner may access; see {@link DatabaseConfiguration#dbPassword(Path, java.util.Map)}.
 */
public final class DatabaseOptions
{
    @Option(names = "--db-url", paramLabel = "URL",
        description = "JDBC URL of an external PostgreSQL/TimescaleDB (default: the embedded one).")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (or ALPHAPULSE_DB_USER).")
    String user;

    @Option(names = DatabaseConfiguration.DB_PASSWORD_FILE_OPTION, paramLabel = "FILE",
        description = "File (mode 600) holding the database password; else ALPHAPULSE_DB_PASSWORD or " +
            "ALPHAPULSE_DB_PASSWORD_FILE. There is no option taking the password itself (`ps` shows options).")
    Path passwordFile;

    /**
     * Give the URL, user and password file, where set, to a database context.
     *
     * @param ctx database context.
     * @return the context.
     */
    public PulseDatabase.Context applyTo(final PulseDatabase.Context ctx)
    {
        return ctx.url(url).user(user).passwordFile(passwordFile);
    }

    /**
     * A database context from these options and a run-time data directory (its embedded PostgreSQL is the default).
     *
     * @param varDir run-time data directory, or null for the default.
     * @return the context.
     */
    public PulseDatabase.Context context(final Path varDir)
    {
        return applyTo(new PulseDatabase.Context().varDir(varDir));
    }
}
