/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import io.alphapulse.sql.DatabasePasswordOption;
import io.alphapulse.sql.PulseDatabase;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The database options the cold-path commands share (a picocli mixin), resolved through {@link PulseDatabase}.
 */
public final class DatabaseOptions
{
    @Option(names = "--var-dir", paramLabel = "DIR",
        description = "Run-time data directory; the embedded PostgreSQL is in <DIR>/postgres (default: var).")
    Path varDir;

    @Option(names = "--db-url", paramLabel = "URL",
        description = "JDBC URL of an external PostgreSQL/TimescaleDB (default: the embedded one).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user (or ALPHAPULSE_DB_USER).")
    String dbUser;

    @Mixin
    DatabasePasswordOption dbPassword;

    /**
     * The database context these options describe.
     *
     * @return context for {@link PulseDatabase#open(PulseDatabase.Context)}.
     */
    public PulseDatabase.Context context()
    {
        return dbPassword.applyTo(new PulseDatabase.Context().url(dbUrl).user(dbUser).varDir(varDir));
    }

    /**
     * The run-time data directory given, or null.
     *
     * @return directory or null.
     */
    public Path varDir()
    {
        return varDir;
    }
}
