/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import io.alphapulse.auth.SecretFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Property names, environment variables and defaults of the database every warm and cold component uses.
 * Precedence: explicit setting (command-line option), then system property, then environment, then default.
 * The password is the exception: it never comes from a command-line option or a system property (both show in
 * {@code ps}), only from {@code ALPHAPULSE_DB_PASSWORD} or from a file only its owner can read
 * ({@code --db-password-file} or {@code ALPHAPULSE_DB_PASSWORD_FILE}); see {@link #dbPassword(Path, Map)}.
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
     * Environment variable for the database password (never logged). There is deliberately no system property.
     */
    public static final String DB_PASSWORD_ENV_NAME = "ALPHAPULSE_DB_PASSWORD";

    /**
     * Environment variable naming a file (mode 600) that holds the database password.
     */
    public static final String DB_PASSWORD_FILE_ENV_NAME = "ALPHAPULSE_DB_PASSWORD_FILE";

    /**
     * The command-line option naming a file (mode 600) that holds the database password.
     */
    public static final String DB_PASSWORD_FILE_OPTION = "--db-password-file";

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
     * The database password, from one of two sources and never from a system property or an option value:
     * {@code ALPHAPULSE_DB_PASSWORD}, or a file that only its owner can access ({@code passwordFile}, else
     * {@code ALPHAPULSE_DB_PASSWORD_FILE}); its content without the trailing line break is the password. Setting
     * both sources is refused rather than guessing which one is meant.
     *
     * @param passwordFile file from {@code --db-password-file}, or null.
     * @param env          environment, normally {@link System#getenv()}.
     * @return password or null when neither source is set.
     * @throws IllegalArgumentException when both are set, or the file is accessible to group or others, or empty.
     * @throws java.io.UncheckedIOException when the file cannot be read.
     */
    public static String dbPassword(final Path passwordFile, final Map<String, String> env)
    {
        final String fromEnv = nonBlank(env.get(DB_PASSWORD_ENV_NAME));
        final String fileName = nonBlank(env.get(DB_PASSWORD_FILE_ENV_NAME));
        final Path file = null != passwordFile ? passwordFile : null != fileName ? Path.of(fileName) : null;
        if (null == file)
        {
            return fromEnv;
        }
        if (null != fromEnv)
        {
            throw new IllegalArgumentException("the database password is set twice, by " + DB_PASSWORD_ENV_NAME +
                " and by the file " + file + " (" + DB_PASSWORD_FILE_OPTION + " or " + DB_PASSWORD_FILE_ENV_NAME +
                "): unset one");
        }
        return readPasswordFile(file);
    }

    /**
     * Read a database password file after checking that only its owner can access it.
     *
     * @param file the file.
     * @return its content without trailing line breaks.
     * @throws IllegalArgumentException when the file is accessible to group or others ({@code chmod 600 FILE}), or
     *                                  holds no password.
     */
    public static String readPasswordFile(final Path file)
    {
        final String what = "database password file";
        final byte[] bytes = SecretFiles.readOwnerOnly(file, what);
        try
        {
            int length = bytes.length;
            while (length > 0 && ('\n' == bytes[length - 1] || '\r' == bytes[length - 1]))
            {
                length--;
            }
            if (0 == length)
            {
                throw new IllegalArgumentException(what + " " + file + " is empty");
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        finally
        {
            Arrays.fill(bytes, (byte)0);
        }
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
        final String env = nonBlank(System.getenv(envName));
        return null != env ? env : defaultValue;
    }

    private static String nonBlank(final String value)
    {
        return null != value && !value.isBlank() ? value : null;
    }
}
