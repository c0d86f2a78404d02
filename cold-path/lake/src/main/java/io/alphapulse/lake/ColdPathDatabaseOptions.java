/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

import io.alphapulse.sql.DatabaseOptions;
import io.alphapulse.sql.PulseDatabase;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options the cold-path commands share (a picocli mixin): the run-time data directory and the database options
 * of every command ({@link DatabaseOptions}), resolved through {@link PulseDatabase}.
 */
public final class ColdPathDatabaseOptions
{
    @Option(names = "--var-dir", paramLabel = "DIR",
        description = "Run-time data directory; the embedded PostgreSQL is in <DIR>/postgres (default: var).")
    Path varDir;

    @Mixin
    DatabaseOptions database;

    /**
     * The database context these options describe.
     *
     * @return context for {@link PulseDatabase#open(PulseDatabase.Context)}.
     */
    public PulseDatabase.Context context()
    {
        return database.context(varDir);
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
