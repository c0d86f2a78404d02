/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Function;

/**
 * The API's in-memory read model of portfolios: each portfolio's GET response (balances, positions, PnL totals) as
 * ready JSON bytes, and each user's set of visible portfolios, kept fresh by PostgreSQL {@code LISTEN/NOTIFY}.
 * <p>
 * Triggers on {@code trading_positions}, {@code trading_balances} and {@code portfolios} (migration V1_201) notify
 * {@code alphapulse_portfolio} with the portfolio id, and on {@code portfolio_access} notify {@code alphapulse_access}
 * with the user name. PostgreSQL delivers a notification after its transaction commits, so an entry reloaded after
 * its notification was read holds that commit (or a later one). One thread ({@code api-read-model}) owns a dedicated
 * connection: it waits for notifications, drops the named entries and reloads the ones that were cached.
 * <p>
 * Staleness bound: the thread records the time just before each wait for notifications ({@code appliedUpToNs});
 * once that wait returns and its notifications are applied, every change committed and notified before that time is
 * visible. Requests read the cache only while {@code now - appliedUpToNs} is within the bound ({@code
 * --read-model-staleness-ms}, default 1000 ms); otherwise (the thread is late, the connection is lost, the listener
 * reconnects) they read the database directly, as if there were no cache. A response is therefore never staler than
 * the bound plus the notification's delivery (a local socket write at commit); in practice a few milliseconds.
 * <p>
 * Races: entries loaded on a request's miss are stored only if no notification was applied while they were loaded
 * (a generation number, compared and stored under one lock with the invalidation), so a load that started before a
 * change can never overwrite the change. The cache holds at most {@code maxEntries} portfolios and users; beyond that
 * requests read the database.
 */
final class PortfolioReadModel implements AutoCloseable
{
    static final String PORTFOLIO_CHANNEL = "alphapulse_portfolio";
    static final String ACCESS_CHANNEL = "alphapulse_access";
    private static final Logger LOGGER = LoggerFactory.getLogger(PortfolioReadModel.class);
    private static final byte[] ABSENT = new byte[0];
    private static final long RECONNECT_DELAY_MS = 500;
    private static final long CHECK_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    /**
     * Where the model loads from and listens.
     *
     * @param url      JDBC URL of the listening connection.
     * @param user     database user.
     * @param password database password, or null.
     */
    record Source(String url, String user, String password)
    {
    }

    private final Source source;
    private final IntFunction<Dto.Portfolio> portfolioLoader;
    private final Function<String, Set<Integer>> accessLoader;
    private final ObjectMapper mapper;
    private final long stalenessNs;
    private final int pollMs;
    private final int maxEntries;
    private final ConcurrentHashMap<Integer, byte[]> portfolios = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Integer>> access = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final Thread thread;
    private final ApiMetrics metrics;
    private long generation;
    private volatile long appliedUpToNs = Long.MIN_VALUE;
    private volatile boolean listening;
    private volatile boolean running = true;
    private Connection connection;

    PortfolioReadModel(
        final Source source,
        final IntFunction<Dto.Portfolio> portfolioLoader,
        final Function<String, Set<Integer>> accessLoader,
        final ObjectMapper mapper,
        final long stalenessMs,
        final int maxEntries,
        final ApiMetrics metrics)
    {
        this.source = source;
        this.portfolioLoader = portfolioLoader;
        this.accessLoader = accessLoader;
        this.mapper = mapper;
        this.stalenessNs = TimeUnit.MILLISECONDS.toNanos(stalenessMs);
        this.pollMs = (int)Math.max(10, Math.min(100, stalenessMs / 4));
        this.maxEntries = maxEntries;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "api-read-model");
        this.thread.setDaemon(true);
    }

    /**
     * Start listening; requests read the database until the first wait has begun.
     *
     * @return this.
     */
    PortfolioReadModel start()
    {
        thread.start();
        return this;
    }

    /**
     * Whether requests read the cache now: the listener applied every notification up to within the bound.
     *
     * @return true when fresh.
     */
    boolean isFresh()
    {
        return listening && System.nanoTime() - appliedUpToNs <= stalenessNs;
    }

    /**
     * A portfolio's GET response.
     *
     * @param portfolioId portfolio.
     * @return the JSON bytes, or null when there is no such portfolio.
     */
    byte[] portfolioJson(final int portfolioId)
    {
        if (!isFresh())
        {
            metrics.readModelBypassed.increment();
            final byte[] json = loadPortfolio(portfolioId);
            return ABSENT == json ? null : json;
        }
        byte[] json = portfolios.get(portfolioId);
        if (null == json)
        {
            metrics.readModelMisses.increment();
            json = loadAndStore(portfolioId);
        }
        return ABSENT == json ? null : json;
    }

    /**
     * The portfolios a user owns or was granted.
     *
     * @param username user.
     * @return portfolio ids (immutable).
     */
    Set<Integer> visiblePortfolios(final String username)
    {
        if (!isFresh())
        {
            return accessLoader.apply(username);
        }
        Set<Integer> visible = access.get(username);
        if (null == visible)
        {
            final long before;
            synchronized (lock)
            {
                before = generation;
            }
            visible = accessLoader.apply(username);
            synchronized (lock)
            {
                if (before == generation && access.size() < maxEntries)
                {
                    access.putIfAbsent(username, visible);
                }
            }
        }
        return visible;
    }

    private byte[] loadAndStore(final int portfolioId)
    {
        final long before;
        synchronized (lock)
        {
            before = generation;
        }
        final byte[] json = loadPortfolio(portfolioId);
        synchronized (lock)
        {
            if (before == generation && portfolios.size() < maxEntries)
            {
                portfolios.putIfAbsent(portfolioId, json);
            }
        }
        return json;
    }

    private byte[] loadPortfolio(final int portfolioId)
    {
        final Dto.Portfolio portfolio = portfolioLoader.apply(portfolioId);
        if (null == portfolio)
        {
            return ABSENT;
        }
        try
        {
            return mapper.writeValueAsBytes(portfolio);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot encode portfolio " + portfolioId, ex);
        }
    }

    private void run()
    {
        long failingSinceNs = 0;
        boolean failing = false;
        while (running)
        {
            try
            {
                connect();
                if (failing)
                {
                    failing = false;
                    LOGGER.info("read model: listening for portfolio changes again after {} ms",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failingSinceNs));
                }
                listen();
            }
            catch (final SQLException | RuntimeException ex)
            {
                // Said once per outage (every attempt is counted in readModelReconnects), not every retry.
                if (running && !failing)
                {
                    failing = true;
                    failingSinceNs = System.nanoTime();
                    LOGGER.warn("read model: listening for portfolio changes failed ({}); requests read the " +
                        "database until it reconnects (retrying every {} ms, said again once it works)",
                        ex.toString(), RECONNECT_DELAY_MS);
                }
            }
            finally
            {
                disconnect();
            }
            if (running)
            {
                metrics.readModelReconnects.increment();
                sleep(RECONNECT_DELAY_MS);
            }
        }
    }

    private void connect() throws SQLException
    {
        final Properties properties = new Properties();
        properties.setProperty("user", source.user());
        if (null != source.password())
        {
            properties.setProperty("password", source.password());
        }
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "alphapulse-api-read-model");
        connection = DriverManager.getConnection(source.url(), properties);
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement())
        {
            statement.execute("listen " + PORTFOLIO_CHANNEL);
            statement.execute("listen " + ACCESS_CHANNEL);
        }
        // Anything cached before this LISTEN may have missed a notification: start empty.
        invalidateAll();
    }

    private void listen() throws SQLException
    {
        final PGConnection pg = connection.unwrap(PGConnection.class);
        long nextCheckNs = System.nanoTime() + CHECK_INTERVAL_NS;
        listening = true;
        while (running)
        {
            final long waitStartNs = System.nanoTime();
            final PGNotification[] notifications = pg.getNotifications(pollMs);
            if (null != notifications && notifications.length > 0)
            {
                apply(notifications);
            }
            final long nowNs = System.nanoTime();
            if (nowNs - nextCheckNs >= 0)
            {
                // getNotifications only reads what arrives: a query proves the connection is still there.
                try (Statement statement = connection.createStatement())
                {
                    statement.execute("select 1");
                }
                nextCheckNs = nowNs + CHECK_INTERVAL_NS;
                final PGNotification[] more = pg.getNotifications();
                if (null != more && more.length > 0)
                {
                    apply(more);
                }
            }
            appliedUpToNs = waitStartNs;
        }
    }

    private void apply(final PGNotification[] notifications)
    {
        final Set<Integer> changed = new HashSet<>();
        boolean allPortfolios = false;
        boolean allAccess = false;
        final Set<String> users = new HashSet<>();
        for (final PGNotification notification : notifications)
        {
            final String payload = notification.getParameter();
            if (PORTFOLIO_CHANNEL.equals(notification.getName()))
            {
                if ("*".equals(payload))
                {
                    allPortfolios = true;
                }
                else
                {
                    try
                    {
                        changed.add(Integer.parseInt(payload));
                    }
                    catch (final NumberFormatException ex)
                    {
                        allPortfolios = true;
                    }
                }
            }
            else if (ACCESS_CHANNEL.equals(notification.getName()))
            {
                if ("*".equals(payload))
                {
                    allAccess = true;
                }
                else
                {
                    users.add(payload);
                }
            }
        }
        metrics.readModelNotifications.add(notifications.length);
        final Set<Integer> reload = new HashSet<>();
        synchronized (lock)
        {
            generation++;
            if (allPortfolios)
            {
                reload.addAll(portfolios.keySet());
                portfolios.clear();
            }
            else
            {
                for (final Integer id : changed)
                {
                    if (null != portfolios.remove(id))
                    {
                        reload.add(id);
                    }
                }
            }
            if (allAccess)
            {
                access.clear();
            }
            else
            {
                users.forEach(access::remove);
            }
        }
        // Keep what was being read warm: reload it now rather than on the next request's miss.
        for (final Integer id : reload)
        {
            loadAndStore(id);
        }
    }

    private void invalidateAll()
    {
        synchronized (lock)
        {
            generation++;
            portfolios.clear();
            access.clear();
        }
    }

    private void disconnect()
    {
        listening = false;
        invalidateAll();
        if (null != connection)
        {
            try
            {
                connection.close();
            }
            catch (final SQLException ex)
            {
                LOGGER.debug("read model: closing the listening connection: {}", ex.toString());
            }
            connection = null;
        }
    }

    private void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Portfolios and users held now (for tests and metrics).
     *
     * @return count of cached portfolios.
     */
    int cachedPortfolios()
    {
        return portfolios.size();
    }

    public void close()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
