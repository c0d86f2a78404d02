/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import java.time.Duration;

/**
 * Property names, environment variables and defaults of the API. Precedence: command-line option (or explicit
 * setter), then system property, then environment variable, then default.
 */
public final class ApiConfiguration
{
    /**
     * Port; 0 picks a free one.
     */
    public static final String PORT_PROP_NAME = "alphapulse.api.port";

    /**
     * Default port.
     */
    public static final int PORT_DEFAULT = 8080;

    /**
     * Interface to listen on.
     */
    public static final String HOST_PROP_NAME = "alphapulse.api.host";

    /**
     * Default interface: loopback only; use 0.0.0.0 to serve other hosts (behind TLS).
     */
    public static final String HOST_DEFAULT = "127.0.0.1";

    /**
     * Name of the first admin.
     */
    public static final String ADMIN_USER_PROP_NAME = "alphapulse.api.admin.user";

    /**
     * Default name of the first admin.
     */
    public static final String ADMIN_USER_DEFAULT = "admin";

    /**
     * Environment variable with the first admin's password (read once at start; without it one is generated and
     * printed once).
     */
    public static final String ADMIN_PASSWORD_ENV_NAME = "ALPHAPULSE_ADMIN_PASSWORD";

    /**
     * WebSocket URL of the bridge, told to the dashboard.
     */
    public static final String BRIDGE_URL_PROP_NAME = "alphapulse.api.bridge.url";

    /**
     * Environment variable of the bridge URL.
     */
    public static final String BRIDGE_URL_ENV_NAME = "ALPHAPULSE_BRIDGE_URL";

    /**
     * Origins allowed by CORS, comma separated; none by default (same origin only).
     */
    public static final String CORS_ORIGINS_PROP_NAME = "alphapulse.api.cors.origins";

    /**
     * Largest request body.
     */
    public static final long MAX_REQUEST_BYTES_DEFAULT = 64 * 1024;

    /**
     * Access token lifetime.
     */
    public static final Duration ACCESS_TOKEN_TTL_DEFAULT = Duration.ofMinutes(15);

    /**
     * Refresh token lifetime.
     */
    public static final Duration REFRESH_TOKEN_TTL_DEFAULT = Duration.ofDays(7);

    /**
     * bcrypt cost (log2 rounds).
     */
    public static final int BCRYPT_COST_DEFAULT = 12;

    /**
     * Failed logins per user name in the window before logins of that name are refused.
     */
    public static final int LOGIN_MAX_FAILURES_PER_USER_DEFAULT = 5;

    /**
     * Failed logins per source address in the window before logins from it are refused.
     */
    public static final int LOGIN_MAX_FAILURES_PER_SOURCE_DEFAULT = 20;

    /**
     * Throttling window.
     */
    public static final Duration LOGIN_WINDOW_DEFAULT = Duration.ofMinutes(15);

    /**
     * Database connections in the pool.
     */
    public static final int POOL_SIZE_DEFAULT = 16;

    /**
     * Strategy id of orders entered through the API (the ledger tracks client order ids per strategy).
     */
    public static final int API_STRATEGY_ID = 900;

    /**
     * How long to wait for the ledger cluster to connect or answer.
     */
    public static final long LEDGER_TIMEOUT_MS_DEFAULT = 3_000;

    /**
     * Largest age of the portfolio read model served from memory: beyond it (listener late or reconnecting)
     * portfolio reads go to the database. 0 turns the read model off.
     */
    public static final long READ_MODEL_STALENESS_MS_DEFAULT = 1_000;

    /**
     * Most portfolios (and users' access lists) the read model keeps in memory; beyond it reads go to the database.
     */
    public static final int READ_MODEL_MAX_ENTRIES_DEFAULT = 100_000;

    /**
     * Most threads serving HTTP requests (Jetty's pool, including its selector and acceptor threads). Requests that
     * wait on the database hold a thread; on 2 cores more threads only add switching.
     */
    public static final int HTTP_THREADS_DEFAULT = 32;

    /**
     * Most verified access tokens remembered (a token's signature is checked once; its expiry on every request).
     */
    public static final int TOKEN_CACHE_SIZE_DEFAULT = 10_000;

    private ApiConfiguration()
    {
    }

    static String property(final String propName, final String envName, final String defaultValue)
    {
        final String prop = System.getProperty(propName);
        if (null != prop && !prop.isBlank())
        {
            return prop;
        }
        final String env = null == envName ? null : System.getenv(envName);
        return null != env && !env.isBlank() ? env : defaultValue;
    }
}
