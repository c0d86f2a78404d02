/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (the binaries come from Maven Central, io.zonky.test) whose data lives in
 * {@code <var>/postgres/data} and persists across runs. While it runs, {@code <var>/postgres/connection} names its
 * JDBC URL, so other processes of the system share this one server instead of starting their own
 * ({@link #liveUrl(Path)}); the file is removed on a clean stop, and a stale one is recognised by trying to connect.
 * <p>
 * The port is the one of the previous run when it is free (so a restart keeps its URL), else any free port.
 */
public final class EmbeddedPostgresServer implements AutoCloseable
{
    private static final String CONNECTION_FILE = "connection";

    private final EmbeddedPostgres postgres;
    private final Path postgresDir;
    private final String jdbcUrl;
    private final boolean ownsConnectionFile;

    private EmbeddedPostgresServer(
        final EmbeddedPostgres postgres, final Path postgresDir, final String jdbcUrl, final boolean ownsConnectionFile)
    {
        this.postgres = postgres;
        this.postgresDir = postgresDir;
        this.jdbcUrl = jdbcUrl;
        this.ownsConnectionFile = ownsConnectionFile;
    }

    /**
     * Start the server on the data of {@code <varDir>/postgres/data} (created on first use) and write the
     * connection file.
     *
     * @param varDir run-time data directory.
     * @param port   port to listen on, or 0 for the previous run's port when free, else any free port.
     * @return the running server.
     */
    public static EmbeddedPostgresServer start(final Path varDir, final int port)
    {
        return start(varDir, port, true);
    }

    /**
     * Start the server.
     *
     * @param varDir             run-time data directory.
     * @param port               port, or 0 as in {@link #start(Path, int)}.
     * @param writeConnectionFile whether to publish the server to other processes through the connection file.
     * @return the running server.
     */
    public static EmbeddedPostgresServer start(final Path varDir, final int port, final boolean writeConnectionFile)
    {
        final Path postgresDir = varDir.resolve("postgres").toAbsolutePath();
        final Path dataDir = postgresDir.resolve("data");
        final Path runtimeDir = postgresDir.resolve("runtime");
        try
        {
            Files.createDirectories(runtimeDir);
            final int chosenPort = 0 != port ? port : choosePort(postgresDir);
            final EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(runtimeDir.toFile())
                .setPort(chosenPort)
                .setServerConfig("max_connections", "100")
                .setServerConfig("synchronous_commit", "on")
                .start();
            final String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" +
                DatabaseConfiguration.EMBEDDED_DATABASE_NAME;
            createDatabase(postgres);
            final EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, postgresDir, url,
                writeConnectionFile);
            if (writeConnectionFile)
            {
                server.writeConnectionFile();
            }
            return server;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir + ": " +
                ex.getMessage(), ex);
        }
    }

    /**
     * JDBC URL of the running embedded server named by {@code <varDir>/postgres/connection}, or null when there
     * is no such file or the server it names does not answer.
     *
     * @param varDir run-time data directory.
     * @return JDBC URL or null.
     */
    public static String liveUrl(final Path varDir)
    {
        final Properties properties = readConnectionFile(varDir.resolve("postgres").toAbsolutePath());
        final String url = null == properties ? null : properties.getProperty("url");
        if (null == url)
        {
            return null;
        }
        return answers(url, 2) ? url : null;
    }

    private static boolean answers(final String url, final int timeoutSeconds)
    {
        final Properties connect = new Properties();
        connect.setProperty("user", DatabaseConfiguration.EMBEDDED_USER);
        connect.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        connect.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        try (Connection connection = DriverManager.getConnection(url, connect))
        {
            return connection.isValid(timeoutSeconds);
        }
        catch (final SQLException ex)
        {
            return false;
        }
    }

    private static boolean isAlive(final String pid)
    {
        try
        {
            return ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /**
     * JDBC URL of the embedded server another process runs on this var dir, waiting for it while that process is
     * alive: a server that is busy (a loaded machine, a checkpoint) answers late, and starting a second server on the
     * same data cannot work (its data directory is locked).
     *
     * @param varDir    run-time data directory.
     * @param timeoutMs how long to wait for a server whose process is alive to answer.
     * @return JDBC URL, or null when no process serves this var dir (no connection file, or the process named in it
     * has gone and nothing answers).
     * @throws IllegalStateException when the process named in the connection file is alive but its server does not
     *                               answer within the timeout.
     */
    public static String sharedUrl(final Path varDir, final long timeoutMs)
    {
        final Path postgresDir = varDir.resolve("postgres").toAbsolutePath();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true)
        {
            final Properties properties = readConnectionFile(postgresDir);
            final String url = null == properties ? null : properties.getProperty("url");
            if (null == url)
            {
                return null;
            }
            if (answers(url, 5))
            {
                return url;
            }
            final String pid = properties.getProperty("pid");
            if (null == pid || !isAlive(pid))
            {
                return null;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("the embedded PostgreSQL of " + varDir + " (run by process " + pid +
                    " at " + url + ") did not answer within " + TimeUnit.MILLISECONDS.toSeconds(timeoutMs) +
                    " s: see that process's log, or stop it and start it again ('pulse postgres --var-dir " +
                    varDir + "')");
            }
            try
            {
                Thread.sleep(250);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL at " + url, ex);
            }
        }
    }

    /**
     * JDBC URL of the {@code alphapulse} database.
     *
     * @return JDBC URL.
     */
    public String jdbcUrl()
    {
        return jdbcUrl;
    }

    /**
     * Port the server listens on.
     *
     * @return port.
     */
    public int port()
    {
        return postgres.getPort();
    }

    /**
     * Directory of the server's data.
     *
     * @return data directory.
     */
    public Path dataDir()
    {
        return postgresDir.resolve("data");
    }

    /**
     * Stop the server (its data stays) and remove the connection file.
     */
    public void close()
    {
        try
        {
            if (ownsConnectionFile)
            {
                Files.deleteIfExists(postgresDir.resolve(CONNECTION_FILE));
            }
            postgres.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    private void writeConnectionFile() throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("url", jdbcUrl);
        properties.setProperty("port", Integer.toString(postgres.getPort()));
        properties.setProperty("user", DatabaseConfiguration.EMBEDDED_USER);
        properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        final Path tmp = postgresDir.resolve(CONNECTION_FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp))
        {
            properties.store(out, "embedded PostgreSQL of AlphaPulse; removed when it stops");
        }
        Files.move(tmp, postgresDir.resolve(CONNECTION_FILE), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties readConnectionFile(final Path postgresDir)
    {
        final Path file = postgresDir.resolve(CONNECTION_FILE);
        if (!Files.isRegularFile(file))
        {
            return null;
        }
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
            return properties;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static int choosePort(final Path postgresDir) throws IOException
    {
        final Properties previous = readConnectionFile(postgresDir);
        final Path portFile = postgresDir.resolve("port");
        String port = null == previous ? null : previous.getProperty("port");
        if (null == port && Files.isRegularFile(portFile))
        {
            port = Files.readString(portFile).trim();
        }
        if (null != port)
        {
            final int previousPort = Integer.parseInt(port);
            if (isFree(previousPort))
            {
                return previousPort;
            }
        }
        try (ServerSocket socket = new ServerSocket(0))
        {
            final int freePort = socket.getLocalPort();
            Files.writeString(portFile, Integer.toString(freePort));
            return freePort;
        }
    }

    private static boolean isFree(final int port)
    {
        try (ServerSocket socket = new ServerSocket(port))
        {
            return socket.isBound();
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void createDatabase(final EmbeddedPostgres postgres) throws IOException
    {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
            Statement statement = connection.createStatement())
        {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" +
                DatabaseConfiguration.EMBEDDED_DATABASE_NAME + "'"))
            {
                if (rs.next())
                {
                    return;
                }
            }
            statement.execute("create database " + DatabaseConfiguration.EMBEDDED_DATABASE_NAME);
        }
        catch (final SQLException ex)
        {
            throw new IOException("could not create database " + DatabaseConfiguration.EMBEDDED_DATABASE_NAME +
                ": " + ex.getMessage(), ex);
        }
    }
}
