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
