/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The one database bootstrap of every warm and cold component (writer, API, ledger projector, export): an external
 * PostgreSQL or TimescaleDB named by a JDBC URL, or else the system's embedded PostgreSQL: the one a running
 * {@code pulse postgres} publishes in {@code <var>/postgres/connection} when it answers, otherwise one started in
 * this process on the same data directory (stopped by {@link #close()}). The schema is migrated on open unless
 * told not to.
 * <p>
 * The password is never logged: {@link #describe()} leaves it out.
 */
public final class PulseDatabase implements AutoCloseable
{
    /**
     * How long to wait for the embedded server another process runs on the same var dir to answer.
     */
    public static final long SHARED_SERVER_TIMEOUT_MS = 30_000;

    private final String url;
    private final String user;
    private final String password;
    private final String source;
    private final EmbeddedPostgresServer ownedServer;
    private Migrations.Result migration;

    private PulseDatabase(
        final String url,
        final String user,
        final String password,
        final String source,
        final EmbeddedPostgresServer ownedServer)
    {
        this.url = url;
        this.user = user;
        this.password = password;
        this.source = source;
        this.ownedServer = ownedServer;
    }

    /**
     * Resolve the database, start the embedded server if needed, and migrate.
     *
     * @param ctx settings; concluded here.
     * @return the database, to be closed by the caller.
     */
    public static PulseDatabase open(final Context ctx)
    {
        ctx.conclude();
        final PulseDatabase database;
        if (null != ctx.url())
        {
            database = new PulseDatabase(ctx.url(), ctx.user(), ctx.password(), "external", null);
        }
        else
        {
            final String liveUrl = EmbeddedPostgresServer.sharedUrl(ctx.varDir(), SHARED_SERVER_TIMEOUT_MS);
            if (null != liveUrl)
            {
                database = new PulseDatabase(liveUrl, DatabaseConfiguration.EMBEDDED_USER, null,
                    "embedded, shared (" + ctx.varDir().resolve("postgres").resolve("connection") + ")", null);
            }
            else
            {
                final EmbeddedPostgresServer server = EmbeddedPostgresServer.start(ctx.varDir(), 0);
                database = new PulseDatabase(server.jdbcUrl(), DatabaseConfiguration.EMBEDDED_USER, null,
                    "embedded, started in this process (data " + server.dataDir() + ")", server);
            }
        }
        if (ctx.migrate())
        {
            try
            {
                database.migration = Migrations.migrate(database.url, database.user, database.password,
                    ctx.rawRetentionDays());
            }
            catch (final RuntimeException ex)
            {
                database.close();
                throw ex;
            }
        }
        return database;
    }

    /**
     * JDBC URL.
     *
     * @return JDBC URL.
     */
    public String url()
    {
        return url;
    }

    /**
     * User, or null.
     *
     * @return user.
     */
    public String user()
    {
        return user;
    }

    /**
     * The migration done on open, or null when not migrated.
     *
     * @return migration result.
     */
    public Migrations.Result migration()
    {
        return migration;
    }

    /**
     * The embedded server this process started, or null.
     *
     * @return owned server.
     */
    public EmbeddedPostgresServer ownedServer()
    {
        return ownedServer;
    }

    /**
     * A new connection (autocommit on), failing within a few seconds when the server is down.
     *
     * @return connection, to be closed by the caller.
     * @throws SQLException when the server cannot be reached.
     */
    public Connection connect() throws SQLException
    {
        return connect(url, user, password);
    }

    /**
     * A new connection to a URL.
     *
     * @param url      JDBC URL.
     * @param user     user or null.
     * @param password password or null.
     * @return connection.
     * @throws SQLException when the server cannot be reached.
     */
    public static Connection connect(final String url, final String user, final String password)
        throws SQLException
    {
        final Properties properties = Migrations.properties(user, password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("loginTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, properties);
    }

    /**
     * Connection settings without the password, for start-up output.
     *
     * @return description.
     */
    public String describe()
    {
        return url + " user=" + user + (null != password ? " password=(set)" : "") + " [" + source + "]" +
            (null != migration ? " storage=" + migration.storage() + " schema=" + migration.schemaVersion() +
            " (" + migration.migrationsApplied() + " migrations applied now)" : "");
    }

    /**
     * Stop the embedded server if this process started it.
     */
    public void close()
    {
        if (null != ownedServer)
        {
            ownedServer.close();
        }
    }

    /**
     * Settings of {@link #open(Context)}. Unset values come from {@link DatabaseConfiguration}.
     */
    public static final class Context
    {
        private String url;
        private String user;
        private String password;
        private Path passwordFile;
        private Path varDir;
        private Integer rawRetentionDays;
        private boolean migrate = true;
        private boolean concluded;

        /**
         * Fill in defaults and validate.
         *
         * @return this for a fluent API.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == url)
            {
                url = DatabaseConfiguration.dbUrl();
            }
            if (null != url && !url.startsWith("jdbc:postgresql:"))
            {
                throw new IllegalArgumentException("database URL '" + url +
                    "' is not a PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/alphapulse");
            }
            if (null == user)
            {
                user = DatabaseConfiguration.dbUser();
            }
            if (null == password)
            {
                password = DatabaseConfiguration.dbPassword(passwordFile, System.getenv());
            }
            if (null == varDir)
            {
                varDir = DatabaseConfiguration.varDir();
            }
            if (null == rawRetentionDays)
            {
                rawRetentionDays = DatabaseConfiguration.rawRetentionDays();
            }
            if (rawRetentionDays < 1)
            {
                throw new IllegalArgumentException("raw retention days must be at least 1: " + rawRetentionDays);
            }
            concluded = true;
            return this;
        }

        /**
         * JDBC URL of an external database, or null for the embedded one.
         *
         * @return JDBC URL.
         */
        public String url()
        {
            return url;
        }

        /**
         * JDBC URL of an external database, or null for the embedded one.
         *
         * @param url JDBC URL.
         * @return this for a fluent API.
         */
        public Context url(final String url)
        {
            this.url = url;
            return this;
        }

        /**
         * User.
         *
         * @return user.
         */
        public String user()
        {
            return user;
        }

        /**
         * User.
         *
         * @param user user.
         * @return this for a fluent API.
         */
        public Context user(final String user)
        {
            this.user = user;
            return this;
        }

        /**
         * Password (never logged).
         *
         * @return password.
         */
        public String password()
        {
            return password;
        }

        /**
         * Password (never logged).
         *
         * @param password password.
         * @return this for a fluent API.
         */
        public Context password(final String password)
        {
            this.password = password;
            return this;
        }

        /**
         * File holding the password, only its owner may access it (mode 600); used when no password is set.
         *
         * @return file or null.
         */
        public Path passwordFile()
        {
            return passwordFile;
        }

        /**
         * File holding the password ({@code --db-password-file}); when null, {@code ALPHAPULSE_DB_PASSWORD_FILE}.
         * Refused at {@link #conclude()} when group or others can access it, or when {@code ALPHAPULSE_DB_PASSWORD}
         * is set as well. See {@link DatabaseConfiguration#dbPassword(Path, java.util.Map)}.
         *
         * @param passwordFile file or null.
         * @return this for a fluent API.
         */
        public Context passwordFile(final Path passwordFile)
        {
            this.passwordFile = passwordFile;
            return this;
        }

        /**
         * Run-time data directory; the embedded server's data is in its {@code postgres} directory.
         *
         * @return run-time data directory.
         */
        public Path varDir()
        {
            return varDir;
        }

        /**
         * Run-time data directory.
         *
         * @param varDir run-time data directory.
         * @return this for a fluent API.
         */
        public Context varDir(final Path varDir)
        {
            this.varDir = varDir;
            return this;
        }

        /**
         * Days raw market data is kept (applied when the schema is first created).
         *
         * @return days.
         */
        public int rawRetentionDays()
        {
            return rawRetentionDays;
        }

        /**
         * Days raw market data is kept.
         *
         * @param rawRetentionDays days.
         * @return this for a fluent API.
         */
        public Context rawRetentionDays(final int rawRetentionDays)
        {
            this.rawRetentionDays = rawRetentionDays;
            return this;
        }

        /**
         * Whether to migrate on open (default true).
         *
         * @return whether to migrate.
         */
        public boolean migrate()
        {
            return migrate;
        }

        /**
         * Whether to migrate on open.
         *
         * @param migrate whether to migrate.
         * @return this for a fluent API.
         */
        public Context migrate(final boolean migrate)
        {
            this.migrate = migrate;
            return this;
        }
    }
}
