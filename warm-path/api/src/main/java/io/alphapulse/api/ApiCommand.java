/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import org.agrona.concurrent.ShutdownSignalBarrier;
import io.alphapulse.sql.DatabaseOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pulse api}.
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Serve the REST API (/api/v1, OpenAPI at /openapi.json, Swagger UI at /swagger) and the dashboard (/).",
        "Every query goes through jOOQ over a HikariCP pool; errors are application/problem+json.",
        "",
        "Database: --db-url (user from --db-user or ALPHAPULSE_DB_USER; the password from ALPHAPULSE_DB_PASSWORD",
        "or a mode-600 file, --db-password-file or ALPHAPULSE_DB_PASSWORD_FILE: no option takes the password",
        "itself, since `ps` shows every process's options); without --db-url, the embedded PostgreSQL of",
        "--var-dir (the one `pulse postgres` runs when it is up, else one started in this process). The schema is",
        "migrated at start.",
        "",
        "Auth: POST /api/v1/auth/login returns a 15-minute JWT (HS256; the bridge accepts the same token) and a",
        "single-use refresh token. Roles: viewer (read), trader (orders), admin (users). With no admin in the",
        "database, the first admin is created: user --admin-user, password from ALPHAPULSE_ADMIN_PASSWORD, or",
        "generated and printed ONCE on this console. JWT secret: ALPHAPULSE_JWT_SECRET or",
        "ALPHAPULSE_JWT_SECRET_FILE (as for the bridge), else <var>/auth/jwt-secret, created if absent: start the",
        "bridge with ALPHAPULSE_JWT_SECRET_FILE=<var>/auth/jwt-secret.",
        "",
        "Orders (POST/DELETE /api/v1/orders) go to the ledger cluster via the media driver of --aeron-dir; without",
        "a reachable ledger they are refused with 503. The dashboard's live data comes from --bridge-url."
    })
public final class ApiCommand implements Callable<Integer>
{
    @Option(names = "--port", paramLabel = "PORT",
        description = "HTTP port; 0 picks a free one (default: 8080 or -Dalphapulse.api.port).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST",
        description = "Interface to listen on (default: 127.0.0.1; 0.0.0.0 for every interface, behind TLS).")
    String host;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory of the media driver used to reach the ledger (default: aeron.dir, " +
            "ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--var-dir", paramLabel = "DIR",
        description = "Run-time data directory: embedded PostgreSQL in <DIR>/postgres, JWT secret in " +
            "<DIR>/auth (default: var).")
    Path varDir;

    @Mixin
    DatabaseOptions databaseOptions;

    @Option(names = "--bridge-url", paramLabel = "URL",
        description = "WebSocket URL of the bridge the dashboard reads live data from, e.g. " +
            "ws://127.0.0.1:8090/ws/v1 (or ALPHAPULSE_BRIDGE_URL).")
    String bridgeUrl;

    @Option(names = "--ledger-endpoints", paramLabel = "ENDPOINTS",
        description = "Ledger cluster ingress endpoints, 0=host:port[,1=host:port...] (default: the ledger's " +
            "single-node default).")
    String ledgerEndpoints;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
        description = "Origins allowed to call the API from a browser, e.g. https://dash.example.com " +
            "(default: none, same origin only).")
    List<String> corsOrigins;

    @Option(names = "--admin-user", paramLabel = "NAME",
        description = "Name of the first admin, created when no admin exists (default: admin).")
    String adminUser;

    @Option(names = "--jwt-secret-file", paramLabel = "FILE",
        description = "File with the JWT secret, mode 600 (default: see above).")
    Path jwtSecretFile;

    @Option(names = "--access-token-minutes", paramLabel = "MIN",
        description = "Access token lifetime (default: ${DEFAULT-VALUE}).")
    long accessTokenMinutes = ApiConfiguration.ACCESS_TOKEN_TTL_DEFAULT.toMinutes();

    @Option(names = "--refresh-token-hours", paramLabel = "H",
        description = "Refresh token lifetime (default: ${DEFAULT-VALUE}).")
    long refreshTokenHours = ApiConfiguration.REFRESH_TOKEN_TTL_DEFAULT.toHours();

    @Option(names = "--bcrypt-cost", paramLabel = "N", description = "bcrypt cost, 4-31 (default: ${DEFAULT-VALUE}).")
    int bcryptCost = ApiConfiguration.BCRYPT_COST_DEFAULT;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES",
        description = "Largest request body (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes = ApiConfiguration.MAX_REQUEST_BYTES_DEFAULT;

    @Option(names = "--pool-size", paramLabel = "N", description = "Database connections (default: ${DEFAULT-VALUE}).")
    int poolSize = ApiConfiguration.POOL_SIZE_DEFAULT;

    @Option(names = "--http-threads", paramLabel = "N",
        description = "Most threads serving HTTP, Jetty's selector and acceptor included (default: ${DEFAULT-VALUE}).")
    int httpThreads = ApiConfiguration.HTTP_THREADS_DEFAULT;

    @Option(names = "--read-model-staleness-ms", paramLabel = "MS",
        description = "Portfolio GETs are served from memory, kept fresh by PostgreSQL LISTEN/NOTIFY; a response " +
        "is never older than this bound (when the listener falls behind, reads go to the database). 0: off, " +
        "every read queries the database (default: ${DEFAULT-VALUE}).")
    long readModelStalenessMs = ApiConfiguration.READ_MODEL_STALENESS_MS_DEFAULT;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "PKCS12 keystore (mode 600): serve HTTPS only. Its password comes from " +
        "--tls-keystore-password-file or ALPHAPULSE_TLS_KEYSTORE_PASSWORD, never the command line.")
    java.nio.file.Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
        description = "File (mode 600) holding the keystore password.")
    java.nio.file.Path tlsKeystorePasswordFile;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call()
    {
        final ApiServer.Context ctx = new ApiServer.Context()
            .host(host)
            .varDir(varDir)
            .bridgeUrl(bridgeUrl)
            .aeronDirectoryName(aeronDir)
            .ledgerEndpoints(ledgerEndpoints)
            .adminUser(adminUser)
            .jwtSecretFile(jwtSecretFile)
            .accessTokenTtl(Duration.ofMinutes(accessTokenMinutes))
            .refreshTokenTtl(Duration.ofHours(refreshTokenHours))
            .bcryptCost(bcryptCost)
            .maxRequestBytes(maxRequestBytes)
            .poolSize(poolSize)
            .httpThreads(httpThreads)
            .readModelStalenessMs(readModelStalenessMs)
            .tls(io.alphapulse.auth.tls.ServerTls.fromOptions(tlsKeystore, tlsKeystorePasswordFile, System.getenv()));
        if (null != port)
        {
            ctx.port(port);
        }
        if (null != corsOrigins)
        {
            ctx.corsOrigins(corsOrigins);
        }
        databaseOptions.applyTo(ctx.database());
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            ApiServer server = ApiServer.launch(ctx))
        {
            System.out.println(server.describe());
            System.out.println("running; Ctrl-C to stop");
            System.out.flush();
            barrier.await();
            System.out.println("api stopping");
        }
        return 0;
    }

    /**
     * Entry point without the launcher (system tests).
     *
     * @param args options as for {@code pulse api}.
     */
    public static void main(final String[] args)
    {
        System.exit(new picocli.CommandLine(new ApiCommand()).execute(args));
    }
}
