/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import java.nio.file.Path;

/**
 * Property names, environment variables and defaults of the database every warm and cold component uses.
 * Precedence: explicit setting (command-line option), then system property, then environment, then default.
 */
public final class DatabaseConfiguration
{
    /**
     * JDBC URL of an external PostgreSQL or TimescaleDB; unset means the embedded PostgreSQL.
     */
    public static final String DB_URL_PROP_NAME = "alphapulse.db.url";

    /**
     * Environment variable for the JDBC URL.
     */
    public static final String DB_URL_ENV_NAME = "ALPHAPULSE_DB_URL";

    /**
     * Database user.
     */
    public static final String DB_USER_PROP_NAME = "alphapulse.db.user";

    /**
     * Environment variable for the database user.
     */
    public static final String DB_USER_ENV_NAME = "ALPHAPULSE_DB_USER";

    /**
     * Database password (never logged).
     */
    public static final String DB_PASSWORD_PROP_NAME = "alphapulse.db.password";

    /**
     * Environment variable for the database password (never logged).
     */
    public static final String DB_PASSWORD_ENV_NAME = "ALPHAPULSE_DB_PASSWORD";

    /**
     * Directory of run-time data (the embedded PostgreSQL lives in {@code <var>/postgres}).
     */
    public static final String VAR_DIR_PROP_NAME = "alphapulse.var.dir";

    /**
     * Default run-time data directory.
     */
    public static final String VAR_DIR_DEFAULT = "var";

    /**
     * Days raw market data (trades, top of book, book snapshots, feed events) is kept.
     */
    public static final String RAW_RETENTION_DAYS_PROP_NAME = "alphapulse.db.raw.retention.days";

    /**
     * Default days raw market data is kept.
     */
    public static final int RAW_RETENTION_DAYS_DEFAULT = 7;

    /**
     * Database the embedded server creates and components use.
     */
    public static final String EMBEDDED_DATABASE_NAME = "alphapulse";

    /**
     * User of the embedded server (trust authentication on localhost).
     */
    public static final String EMBEDDED_USER = "postgres";

    private DatabaseConfiguration()
    {
    }

    /**
     * JDBC URL from the system property or environment, or null for the embedded server.
     *
     * @return JDBC URL or null.
     */
    public static String dbUrl()
    {
        return value(DB_URL_PROP_NAME, DB_URL_ENV_NAME, null);
    }

    /**
     * Database user from the system property or environment, or null.
     *
     * @return user or null.
     */
    public static String dbUser()
    {
        return value(DB_USER_PROP_NAME, DB_USER_ENV_NAME, null);
    }

    /**
     * Database password from the system property or environment, or null.
     *
     * @return password or null.
     */
    public static String dbPassword()
    {
        return value(DB_PASSWORD_PROP_NAME, DB_PASSWORD_ENV_NAME, null);
    }

    /**
     * Run-time data directory.
     *
     * @return run-time data directory.
     */
    public static Path varDir()
    {
        return Path.of(value(VAR_DIR_PROP_NAME, "ALPHAPULSE_VAR_DIR", VAR_DIR_DEFAULT));
    }

    /**
     * Days raw market data is kept.
     *
     * @return days.
     */
    public static int rawRetentionDays()
    {
        return Integer.parseInt(value(RAW_RETENTION_DAYS_PROP_NAME, "ALPHAPULSE_DB_RAW_RETENTION_DAYS",
            Integer.toString(RAW_RETENTION_DAYS_DEFAULT)));
    }

    private static String value(final String propName, final String envName, final String defaultValue)
    {
        final String prop = System.getProperty(propName);
        if (null != prop && !prop.isBlank())
        {
            return prop;
        }
        final String env = System.getenv(envName);
        return null != env && !env.isBlank() ? env : defaultValue;
    }
}
