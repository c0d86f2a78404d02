/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.alphapulse.auth.JwtSecret;
import io.alphapulse.auth.Principal;
import io.alphapulse.auth.Role;
import io.alphapulse.auth.TokenConfiguration;
import io.alphapulse.auth.TokenIssuer;
import io.alphapulse.auth.TokenVerification;
import io.alphapulse.auth.TokenVerifier;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.ledger.LedgerConfiguration;
import io.alphapulse.sql.PulseDatabase;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.agrona.CloseHelper;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server: Javalin (Jetty 12) over PostgreSQL through jOOQ and a HikariCP pool, JWT auth shared with the
 * bridge, the OpenAPI document and Swagger UI, and the dashboard's static files. Built from one route table
 * ({@link ApiRoutes}); every route's handler runs after its role check.
 */
public final class ApiServer implements AutoCloseable
{
    static
    {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    /**
     * Media type of errors.
     */
    public static final String PROBLEM_JSON = "application/problem+json";

    /**
     * Paths served that are not API routes (pages and static files), so not in the OpenAPI document.
     */
    public static final List<String> NON_API_ROUTES = List.of("GET /swagger");

    private static final Logger LOGGER = LoggerFactory.getLogger(ApiServer.class);
    private static final String PRINCIPAL_ATTRIBUTE = "alphapulse.principal";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private final Context ctx;
    private final PulseDatabase database;
    private final HikariDataSource dataSource;
    private final LedgerGateway ledger;
    private final ObjectMapper mapper;
    private final TokenVerifier verifier;
    private final ApiMetrics metrics = new ApiMetrics();
    private final List<Route> routes;
    private final AuthService auth;
    private final PortfolioReadModel readModel;
    private final ConcurrentHashMap<String, Principal> verifiedTokens = new ConcurrentHashMap<>();
    private final Javalin app;

    private ApiServer(final Context ctx, final PulseDatabase database)
    {
        this.ctx = ctx;
        this.database = database;
        final HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("api");
        hikari.setJdbcUrl(database.url());
        hikari.setUsername(database.user());
        hikari.setPassword(ctx.database().password());
        hikari.setMaximumPoolSize(ctx.poolSize());
        hikari.setMinimumIdle(Math.min(4, ctx.poolSize()));
        hikari.setConnectionTimeout(3_000);
        hikari.setValidationTimeout(1_000);
        hikari.setInitializationFailTimeout(-1);
        final Properties properties = new Properties();
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("tcpKeepAlive", "true");
        hikari.setDataSourceProperties(properties);
        this.dataSource = new HikariDataSource(hikari);
        final DSLContext dsl = DSL.using(dataSource, SQLDialect.POSTGRES);

        this.mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.verifier = new TokenVerifier(ctx.jwtSecret(), TokenConfiguration.ISSUER_DEFAULT,
            TokenConfiguration.AUDIENCE_DEFAULT, ctx.clock());
        final TokenIssuer issuer = new TokenIssuer(ctx.jwtSecret(), TokenConfiguration.ISSUER_DEFAULT,
            TokenConfiguration.AUDIENCE_DEFAULT, ctx.accessTokenTtl(), ctx.clock());
        this.auth = new AuthService(dsl, new UserRepository(dsl), new RefreshTokenRepository(),
            new LoginAttemptRepository(dsl), issuer, ctx);
        this.ledger = new LedgerGateway(ctx.aeronDirectoryName(), ctx.ledgerEndpoints(), ctx.ledgerTimeoutMs(),
            ApiConfiguration.API_STRATEGY_ID);
        final TradingRepository trading = new TradingRepository(dsl);
        final AccessRepository accessRepository = new AccessRepository(dsl);
        this.readModel = new PortfolioReadModel(
            new PortfolioReadModel.Source(database.url(), database.user(), ctx.database().password()),
            trading::portfolio, accessRepository::visiblePortfolios, mapper, ctx.readModelStalenessMs(),
            ApiConfiguration.READ_MODEL_MAX_ENTRIES_DEFAULT, metrics);
        this.routes = new ApiRoutes(this, dsl, auth, trading, new MarketRepository(dsl), ledger, readModel,
            accessRepository, metrics, ctx).routes();
        this.app = Javalin.create(this::configure);
    }

    /**
     * Open the database (migrating it), create the first admin if needed, and start serving.
     *
     * @param ctx settings; concluded here.
     * @return the running server.
     */
    public static ApiServer launch(final Context ctx)
    {
        ctx.conclude();
        final PulseDatabase database = PulseDatabase.open(ctx.database());
        ApiServer server = null;
        try
        {
            server = new ApiServer(ctx, database);
            server.auth.bootstrapAdmin(ctx.out());
            if (ctx.readModelStalenessMs() > 0)
            {
                server.readModel.start();
            }
            server.app.start(ctx.host(), ctx.port());
            return server;
        }
        catch (final RuntimeException ex)
        {
            if (null != server)
            {
                server.close();
            }
            else
            {
                database.close();
            }
            throw ex;
        }
    }

    private void configure(final io.javalin.config.JavalinConfig config)
    {
        config.startup.showJavalinBanner = false;
        // A bounded pool of platform threads: Jetty's selector and acceptor plus the request handlers. Cached
        // portfolio reads never block; database reads hold a thread for their query (the pool has as many
        // connections as threads are useful).
        final QueuedThreadPool threads = new QueuedThreadPool(ctx.httpThreads(), Math.min(8, ctx.httpThreads()),
            60_000);
        threads.setName("api-http");
        config.jetty.threadPool = threads;
        if (null != ctx.tls())
        {
            ctx.tls().applyTo(config.jetty);
        }
        config.http.maxRequestSize = ctx.maxRequestBytes();
        config.http.defaultContentType = "application/json";
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.staticFiles.add((files) ->
        {
            files.hostedPath = "/";
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        if (!ctx.corsOrigins().isEmpty())
        {
            config.bundledPlugins.enableCors((cors) -> cors.addRule((rule) ->
            {
                for (final String origin : ctx.corsOrigins())
                {
                    rule.allowHost(origin);
                }
                rule.exposeHeader("Retry-After");
            }));
        }
        // The client's own address, never X-Forwarded-For: a header anyone can set must not steer login throttling.
        config.contextResolver.ip = (http) -> http.req().getRemoteAddr();
        config.routes.after(this::after);
        config.routes.exception(ApiException.class, (ex, http) ->
            problem(http, ex.status(), ex.type(), ex.title(), ex.getMessage(), ex.headers()));
        config.routes.exception(HttpResponseException.class, this::httpException);
        config.routes.exception(DataAccessException.class, this::databaseException);
        config.routes.exception(Exception.class, (ex, http) -> internalError(http, ex));
        for (final Route route : routes)
        {
            config.routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), guard(route));
        }
        config.routes.get("/swagger", this::swaggerPage);
    }

    private Handler guard(final Route route)
    {
        final Role role = route.role();
        final Handler handler = route.handler();
        if (null == role)
        {
            return handler;
        }
        return (http) ->
        {
            final Principal principal = authenticate(http);
            // Viewer routes are open to every signed-in user; trader and admin routes need that role.
            if (Role.VIEWER != role && !principal.hasRole(role))
            {
                throw ApiException.forbidden("this needs the " + role.claimValue() + " role; your token has " +
                    principal.roles().stream().map(Role::claimValue).sorted().toList() + ": ask an admin");
            }
            http.attribute(PRINCIPAL_ATTRIBUTE, principal);
            handler.handle(http);
        };
    }

    private Principal authenticate(final io.javalin.http.Context http)
    {
        final String authorization = http.header("Authorization");
        if (null == authorization || authorization.isBlank())
        {
            throw ApiException.unauthorized("no access token: log in with POST /api/v1/auth/login and send " +
                "'Authorization: Bearer <accessToken>'");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <accessToken>'");
        }
        final String token = authorization.substring(7).strip();
        // A token's signature and claims never change: verify it once, then check only its expiry (with the
        // verifier's leeway). An expired entry falls through to the verifier, which gives the rejection.
        final Principal cached = verifiedTokens.get(token);
        if (null != cached)
        {
            final Instant deadline = cached.expiresAt().plusSeconds(TokenConfiguration.LEEWAY_SECONDS_DEFAULT);
            if (!ctx.clock().instant().isAfter(deadline))
            {
                return cached;
            }
            verifiedTokens.remove(token);
        }
        final TokenVerification verification = verifier.verify(token);
        if (!verification.isAccepted())
        {
            throw ApiException.unauthorized(verification.rejection().message() +
                ": refresh it with POST /api/v1/auth/refresh or log in again");
        }
        if (verifiedTokens.size() >= ApiConfiguration.TOKEN_CACHE_SIZE_DEFAULT)
        {
            verifiedTokens.clear();
        }
        verifiedTokens.put(token, verification.principal());
        return verification.principal();
    }

    static Principal principal(final io.javalin.http.Context http)
    {
        return http.attribute(PRINCIPAL_ATTRIBUTE);
    }

    private void after(final io.javalin.http.Context http)
    {
        http.header("X-Content-Type-Options", "nosniff");
        http.header("X-Frame-Options", "DENY");
        http.header("Referrer-Policy", "no-referrer");
        http.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        http.header("Cross-Origin-Opener-Policy", "same-origin");
        http.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        if (http.path().startsWith("/api/"))
        {
            http.header("Cache-Control", "no-store");
        }
        metrics.response(http.statusCode());
    }

    <T> T body(final io.javalin.http.Context http, final Class<T> type)
    {
        final String contentType = http.contentType();
        if (null == contentType || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json"))
        {
            throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
                "send the body as JSON with 'Content-Type: application/json'", Map.of());
        }
        final byte[] bytes = http.bodyAsBytes();
        if (0 == bytes.length)
        {
            throw ApiException.badRequest("a JSON body is required (" + type.getSimpleName() + ")");
        }
        final T value;
        try
        {
            value = mapper.readValue(bytes, type);
        }
        catch (final UnrecognizedPropertyException ex)
        {
            throw ApiException.badRequest("unknown field '" + Params.clip(ex.getPropertyName()) + "' in the body; " +
                "the fields are " + fields(type));
        }
        catch (final JsonProcessingException ex)
        {
            throw ApiException.badRequest("the body is not a valid " + type.getSimpleName() + " (fields " +
                fields(type) + "): " + Params.clip(firstLine(ex.getOriginalMessage())));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (null == value)
        {
            throw ApiException.badRequest("a JSON object is required (" + type.getSimpleName() + ")");
        }
        return value;
    }

    private static List<String> fields(final Class<?> type)
    {
        final List<String> names = new ArrayList<>();
        for (final var component : type.getRecordComponents())
        {
            names.add(component.getName());
        }
        return names;
    }

    private static String firstLine(final String text)
    {
        if (null == text)
        {
            return "";
        }
        final int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private void httpException(final HttpResponseException ex, final io.javalin.http.Context http)
    {
        final int status = ex.getStatus();
        final String detail = switch (status)
        {
            case 404 -> "nothing at " + http.method() + " " + Params.clip(http.path()) +
                "; the API's routes are listed at /openapi.json";
            case 405 -> "method " + http.method() + " not allowed here; see /openapi.json";
            case 413 -> "request body larger than " + ctx.maxRequestBytes() + " bytes";
            default -> Params.clip(ex.getMessage());
        };
        final HttpStatus httpStatus = HttpStatus.forStatus(status);
        problem(http, status, httpStatus.name().toLowerCase(Locale.ROOT).replace('_', '-'), httpStatus.getMessage(),
            detail, Map.of());
    }

    private void databaseException(final DataAccessException ex, final io.javalin.http.Context http)
    {
        if (isConnectionFailure(ex))
        {
            problem(http, 503, "database-unavailable", "Service unavailable", "the database is not reachable (" +
                Params.clip(ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()) +
                "); try again shortly, or check the database behind --db-url", Map.of("Retry-After", "5"));
            return;
        }
        internalError(http, ex);
    }

    static boolean isConnectionFailure(final Throwable ex)
    {
        for (Throwable cause = ex; null != cause; cause = cause.getCause())
        {
            if (cause instanceof SQLTransientConnectionException)
            {
                return true;
            }
            if (cause instanceof SQLException sql && isUnavailableState(sql.getSQLState()))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states that mean the database is not there right now rather than that the query is wrong: class 08
     * (connection exception), 57P01-57P03 (the server shuts down, crashed, or is starting: "terminating connection
     * due to administrator command" is what a pooled connection reports first when PostgreSQL stops) and 53300 (too
     * many connections).
     */
    static boolean isUnavailableState(final String state)
    {
        return null != state && (state.startsWith("08") || "57P01".equals(state) || "57P02".equals(state) ||
            "57P03".equals(state) || "53300".equals(state));
    }

    private void internalError(final io.javalin.http.Context http, final Exception ex)
    {
        final String reference = UUID.randomUUID().toString();
        LOGGER.error("request {} {} failed (reference {})", http.method(), http.path(), reference, ex);
        problem(http, 500, "internal-error", "Internal server error", "the request failed on the server; the " +
            "server log has the details under reference " + reference, Map.of());
    }

    private void problem(
        final io.javalin.http.Context http,
        final int status,
        final String type,
        final String title,
        final String detail,
        final Map<String, String> headers)
    {
        http.status(status);
        headers.forEach(http::header);
        http.contentType(PROBLEM_JSON);
        try
        {
            http.result(mapper.writeValueAsString(new Dto.Problem("urn:alphapulse:problem:" + type, title, status,
                detail, http.path())));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void swaggerPage(final io.javalin.http.Context http)
    {
        final String version = swaggerUiVersion();
        final String base = "/webjars/swagger-ui/" + version;
        http.contentType("text/html; charset=utf-8");
        http.result("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>AlphaPulse API</title>" +
            "<link rel=\"stylesheet\" href=\"" + base + "/swagger-ui.css\"></head><body><div id=\"swagger-ui\">" +
            "</div><script src=\"" + base + "/swagger-ui-bundle.js\"></script>" +
            "<script src=\"/swagger-init.js\"></script></body></html>\n");
    }

    private static String swaggerUiVersion()
    {
        try (InputStream in = ApiServer.class.getResourceAsStream(
            "/META-INF/maven/org.webjars/swagger-ui/pom.properties"))
        {
            final Properties properties = new Properties();
            if (null != in)
            {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Readiness: the database answers.
     *
     * @return null when ready, else why not.
     */
    String databaseProblem()
    {
        try (java.sql.Connection connection = dataSource.getConnection())
        {
            return connection.isValid(2) ? null : "database connection not valid";
        }
        catch (final SQLException ex)
        {
            return Params.clip(ex.getMessage());
        }
    }

    HikariDataSource dataSource()
    {
        return dataSource;
    }

    ObjectMapper mapper()
    {
        return mapper;
    }

    /**
     * The route table the server was built from.
     *
     * @return routes.
     */
    public List<Route> routes()
    {
        return routes;
    }

    /**
     * The Javalin app (tests read its router).
     *
     * @return the app.
     */
    public Javalin app()
    {
        return app;
    }

    /**
     * The port served (useful with port 0).
     *
     * @return port.
     */
    public int port()
    {
        return app.port();
    }

    /**
     * Base URI, e.g. {@code http://127.0.0.1:8080}.
     *
     * @return URI.
     */
    public URI uri()
    {
        final String host = "0.0.0.0".equals(ctx.host()) ? "127.0.0.1" : ctx.host();
        return URI.create("http://" + host + ":" + port());
    }

    /**
     * The database in use.
     *
     * @return database.
     */
    public PulseDatabase database()
    {
        return database;
    }

    /**
     * The settings.
     *
     * @return context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * The effective configuration for the start-up banner (never a secret).
     *
     * @return text.
     */
    public String describe()
    {
        final String nl = System.lineSeparator();
        return "api: " + uri() + "/api/v1 (OpenAPI " + uri() + "/openapi.json, Swagger UI " + uri() + "/swagger)" +
            nl + "  dashboard " + uri() + "/" + nl +
            "  database " + database.describe() + nl +
            "  pool " + ctx.poolSize() + " connections, " + ctx.httpThreads() + " HTTP threads; portfolio read " +
            "model " + (ctx.readModelStalenessMs() > 0 ? "on (LISTEN/NOTIFY, staleness bound " +
            ctx.readModelStalenessMs() + " ms)" : "off") + nl +
            "  JWT secret from " + ctx.jwtSecretSource() +
            "; access tokens " + ctx.accessTokenTtl().toSeconds() + " s, refresh tokens " +
            ctx.refreshTokenTtl().toHours() + " h; bcrypt cost " + ctx.bcryptCost() + nl +
            "  login throttling " + ctx.loginMaxFailuresPerUser() + " failures per user, " +
            ctx.loginMaxFailuresPerSource() + " per address in " + ctx.loginWindow().toMinutes() + " min" + nl +
            "  bridge " + (null == ctx.bridgeUrl() ? "(none: the dashboard shows history only)" : ctx.bridgeUrl()) +
            "; ledger " + ctx.ledgerEndpoints() + " via " + ctx.aeronDirectoryName() + nl +
            "  CORS " + (ctx.corsOrigins().isEmpty() ? "off (same origin only)" : ctx.corsOrigins()) +
            "; request bodies up to " + ctx.maxRequestBytes() + " bytes";
    }

    public void close()
    {
        try
        {
            app.stop();
        }
        finally
        {
            CloseHelper.closeAll(readModel, ledger, dataSource, database);
        }
    }

    /**
     * Settings of an API server. Unset values come from {@link ApiConfiguration} and the environment.
     */
    public static final class Context
    {
        private final PulseDatabase.Context database = new PulseDatabase.Context();
        private String host;
        private Integer port;
        private Path varDir;
        private JwtSecret jwtSecret;
        private String jwtSecretSource;
        private Path jwtSecretFile;
        private Duration accessTokenTtl = ApiConfiguration.ACCESS_TOKEN_TTL_DEFAULT;
        private Duration refreshTokenTtl = ApiConfiguration.REFRESH_TOKEN_TTL_DEFAULT;
        private int bcryptCost = ApiConfiguration.BCRYPT_COST_DEFAULT;
        private String adminUser;
        private String adminPassword;
        private boolean adminPasswordSet;
        private List<String> corsOrigins;
        private long maxRequestBytes = ApiConfiguration.MAX_REQUEST_BYTES_DEFAULT;
        private io.alphapulse.auth.tls.ServerTls tls;
        private String bridgeUrl;
        private String aeronDirectoryName;
        private String ledgerEndpoints;
        private long ledgerTimeoutMs = ApiConfiguration.LEDGER_TIMEOUT_MS_DEFAULT;
        private int loginMaxFailuresPerUser = ApiConfiguration.LOGIN_MAX_FAILURES_PER_USER_DEFAULT;
        private int loginMaxFailuresPerSource = ApiConfiguration.LOGIN_MAX_FAILURES_PER_SOURCE_DEFAULT;
        private Duration loginWindow = ApiConfiguration.LOGIN_WINDOW_DEFAULT;
        private int poolSize = ApiConfiguration.POOL_SIZE_DEFAULT;
        private int httpThreads = ApiConfiguration.HTTP_THREADS_DEFAULT;
        private long readModelStalenessMs = ApiConfiguration.READ_MODEL_STALENESS_MS_DEFAULT;
        private Clock clock = Clock.systemUTC();
        private PrintStream out = System.out;
        private boolean concluded;

        /**
         * Fill in defaults and validate.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == host)
            {
                host = ApiConfiguration.property(ApiConfiguration.HOST_PROP_NAME, null, ApiConfiguration.HOST_DEFAULT);
            }
            if (null == port)
            {
                port = Integer.parseInt(ApiConfiguration.property(ApiConfiguration.PORT_PROP_NAME, null,
                    Integer.toString(ApiConfiguration.PORT_DEFAULT)));
            }
            if (port < 0 || port > 65_535)
            {
                throw new IllegalArgumentException("port must be 0-65535: " + port);
            }
            if (null == varDir)
            {
                varDir = io.alphapulse.sql.DatabaseConfiguration.varDir();
            }
            database.varDir(varDir);
            database.conclude();
            if (null == adminUser)
            {
                adminUser = ApiConfiguration.property(ApiConfiguration.ADMIN_USER_PROP_NAME, null,
                    ApiConfiguration.ADMIN_USER_DEFAULT);
            }
            if (!adminPasswordSet)
            {
                adminPassword = System.getenv(ApiConfiguration.ADMIN_PASSWORD_ENV_NAME);
                if (null != adminPassword && adminPassword.isBlank())
                {
                    adminPassword = null;
                }
            }
            if (null == corsOrigins)
            {
                final String origins = ApiConfiguration.property(ApiConfiguration.CORS_ORIGINS_PROP_NAME, null, "");
                corsOrigins = origins.isBlank() ? List.of() : List.of(origins.split("\\s*,\\s*"));
            }
            for (final String origin : corsOrigins)
            {
                if ("*".equals(origin) || !origin.matches("^https?://[A-Za-z0-9.-]+(:\\d{1,5})?$"))
                {
                    throw new IllegalArgumentException("CORS origin '" + origin + "' must be scheme://host[:port] " +
                        "(no wildcard: the API takes credentials)");
                }
            }
            if (null == bridgeUrl)
            {
                bridgeUrl = ApiConfiguration.property(ApiConfiguration.BRIDGE_URL_PROP_NAME,
                    ApiConfiguration.BRIDGE_URL_ENV_NAME, null);
            }
            if (null != bridgeUrl && !bridgeUrl.matches("^wss?://.+"))
            {
                throw new IllegalArgumentException("bridge URL '" + bridgeUrl + "' must start with ws:// or wss://");
            }
            if (null == aeronDirectoryName)
            {
                aeronDirectoryName = MediaDriverConfiguration.aeronDirectoryName();
            }
            if (null == ledgerEndpoints)
            {
                ledgerEndpoints = LedgerConfiguration.ingressEndpoints("localhost",
                    LedgerConfiguration.BASE_PORT_DEFAULT, 1);
            }
            if (bcryptCost < 4 || bcryptCost > 31)
            {
                throw new IllegalArgumentException("bcrypt cost must be 4-31: " + bcryptCost);
            }
            if (maxRequestBytes < 1024)
            {
                throw new IllegalArgumentException("max request bytes must be at least 1024: " + maxRequestBytes);
            }
            if (poolSize < 1)
            {
                throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
            }
            if (httpThreads < 8)
            {
                throw new IllegalArgumentException("HTTP threads must be at least 8 (Jetty's selectors and " +
                    "acceptor need some): " + httpThreads);
            }
            if (readModelStalenessMs < 0)
            {
                throw new IllegalArgumentException("read model staleness must be 0 (off) or more ms: " +
                    readModelStalenessMs);
            }
            resolveSecret();
            concluded = true;
            return this;
        }

        /**
         * The JWT secret: given, else from the environment like the bridge (ALPHAPULSE_JWT_SECRET or
         * ALPHAPULSE_JWT_SECRET_FILE), else the file {@code <var>/auth/jwt-secret}, created (mode 600) with 384
         * random bits if absent; run the bridge with {@code ALPHAPULSE_JWT_SECRET_FILE} pointing at it.
         */
        private void resolveSecret()
        {
            if (null != jwtSecret)
            {
                jwtSecretSource = null == jwtSecretSource ? jwtSecret.toString() : jwtSecretSource;
                return;
            }
            if (null != jwtSecretFile)
            {
                jwtSecret = JwtSecret.fromFile(jwtSecretFile);
                jwtSecretSource = "file " + jwtSecretFile;
                return;
            }
            final String env = System.getenv(JwtSecret.ENV_NAME);
            final String fileEnv = System.getenv(JwtSecret.FILE_ENV_NAME);
            final String fileProp = System.getProperty(JwtSecret.FILE_PROP_NAME);
            if ((null != env && !env.isBlank()) || (null != fileEnv && !fileEnv.isBlank()) ||
                (null != fileProp && !fileProp.isBlank()))
            {
                jwtSecret = JwtSecret.fromEnvironment(System.getenv());
                jwtSecretSource = jwtSecret.toString();
                return;
            }
            jwtSecretFile = varDir.resolve("auth").resolve("jwt-secret").toAbsolutePath();
            try
            {
                if (!Files.exists(jwtSecretFile))
                {
                    Files.createDirectories(jwtSecretFile.getParent());
                    final byte[] raw = new byte[48];
                    new SecureRandom().nextBytes(raw);
                    final Path tmp = Files.createTempFile(jwtSecretFile.getParent(), "jwt-secret", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                        StandardCharsets.US_ASCII);
                    try
                    {
                        Files.move(tmp, jwtSecretFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    }
                    catch (final IOException ex)
                    {
                        Files.deleteIfExists(tmp);
                        if (!Files.exists(jwtSecretFile))
                        {
                            throw ex;
                        }
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot create the JWT secret file " + jwtSecretFile, ex);
            }
            jwtSecret = JwtSecret.fromFile(jwtSecretFile);
            jwtSecretSource = "file " + jwtSecretFile + " (give the bridge " + JwtSecret.FILE_ENV_NAME + "=" +
                jwtSecretFile + ")";
        }

        /**
         * Database settings (URL, user, password; the var dir is this context's).
         *
         * @return database context.
         */
        public PulseDatabase.Context database()
        {
            return database;
        }

        /**
         * Interface to listen on.
         *
         * @param host host.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * Interface to listen on.
         *
         * @return host.
         */
        public String host()
        {
            return host;
        }

        /**
         * Port, 0 for any.
         *
         * @param port port.
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * Port.
         *
         * @return port.
         */
        public int port()
        {
            return port;
        }

        /**
         * Run-time data directory (embedded PostgreSQL, generated JWT secret).
         *
         * @param varDir directory.
         * @return this.
         */
        public Context varDir(final Path varDir)
        {
            this.varDir = varDir;
            return this;
        }

        /**
         * Run-time data directory.
         *
         * @return directory.
         */
        public Path varDir()
        {
            return varDir;
        }

        /**
         * JWT secret.
         *
         * @param jwtSecret secret.
         * @return this.
         */
        public Context jwtSecret(final JwtSecret jwtSecret)
        {
            this.jwtSecret = jwtSecret;
            return this;
        }

        /**
         * JWT secret.
         *
         * @return secret.
         */
        public JwtSecret jwtSecret()
        {
            return jwtSecret;
        }

        /**
         * File holding the JWT secret (mode 600).
         *
         * @param jwtSecretFile file.
         * @return this.
         */
        public Context jwtSecretFile(final Path jwtSecretFile)
        {
            this.jwtSecretFile = jwtSecretFile;
            return this;
        }

        /**
         * File holding the JWT secret, when one is used.
         *
         * @return file or null.
         */
        public Path jwtSecretFile()
        {
            return jwtSecretFile;
        }

        /**
         * Where the secret came from (never the secret).
         *
         * @return description.
         */
        public String jwtSecretSource()
        {
            return jwtSecretSource;
        }

        /**
         * Access token lifetime.
         *
         * @param accessTokenTtl lifetime.
         * @return this.
         */
        public Context accessTokenTtl(final Duration accessTokenTtl)
        {
            this.accessTokenTtl = accessTokenTtl;
            return this;
        }

        /**
         * Access token lifetime.
         *
         * @return lifetime.
         */
        public Duration accessTokenTtl()
        {
            return accessTokenTtl;
        }

        /**
         * Refresh token lifetime.
         *
         * @param refreshTokenTtl lifetime.
         * @return this.
         */
        public Context refreshTokenTtl(final Duration refreshTokenTtl)
        {
            this.refreshTokenTtl = refreshTokenTtl;
            return this;
        }

        /**
         * Refresh token lifetime.
         *
         * @return lifetime.
         */
        public Duration refreshTokenTtl()
        {
            return refreshTokenTtl;
        }

        /**
         * bcrypt cost.
         *
         * @param bcryptCost cost (4-31).
         * @return this.
         */
        public Context bcryptCost(final int bcryptCost)
        {
            this.bcryptCost = bcryptCost;
            return this;
        }

        /**
         * bcrypt cost.
         *
         * @return cost.
         */
        public int bcryptCost()
        {
            return bcryptCost;
        }

        /**
         * Name of the first admin.
         *
         * @param adminUser name.
         * @return this.
         */
        public Context adminUser(final String adminUser)
        {
            this.adminUser = adminUser;
            return this;
        }

        /**
         * Name of the first admin.
         *
         * @return name.
         */
        public String adminUser()
        {
            return adminUser;
        }

        /**
         * Password of the first admin (null: generate and print once).
         *
         * @param adminPassword password.
         * @return this.
         */
        public Context adminPassword(final String adminPassword)
        {
            this.adminPassword = adminPassword;
            this.adminPasswordSet = true;
            return this;
        }

        /**
         * Password of the first admin, or null.
         *
         * @return password.
         */
        String adminPassword()
        {
            return adminPassword;
        }

        /**
         * Origins allowed by CORS.
         *
         * @param corsOrigins origins, e.g. {@code https://dash.example.com}.
         * @return this.
         */
        public Context corsOrigins(final List<String> corsOrigins)
        {
            this.corsOrigins = List.copyOf(corsOrigins);
            return this;
        }

        /**
         * Origins allowed by CORS.
         *
         * @return origins.
         */
        public List<String> corsOrigins()
        {
            return corsOrigins;
        }

        /**
         * Largest request body.
         *
         * @param maxRequestBytes bytes.
         * @return this.
         */
        public Context maxRequestBytes(final long maxRequestBytes)
        {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /**
         * TLS settings: the API then serves HTTPS only.
         *
         * @param tls TLS settings, or null for plain HTTP.
         * @return this.
         */
        public Context tls(final io.alphapulse.auth.tls.ServerTls tls)
        {
            this.tls = tls;
            return this;
        }

        /**
         * TLS settings.
         *
         * @return TLS settings, or null for plain HTTP.
         */
        public io.alphapulse.auth.tls.ServerTls tls()
        {
            return tls;
        }

        /**
         * Largest request body.
         *
         * @return bytes.
         */
        public long maxRequestBytes()
        {
            return maxRequestBytes;
        }

        /**
         * Bridge WebSocket URL for the dashboard.
         *
         * @param bridgeUrl URL.
         * @return this.
         */
        public Context bridgeUrl(final String bridgeUrl)
        {
            this.bridgeUrl = bridgeUrl;
            return this;
        }

        /**
         * Bridge WebSocket URL, or null.
         *
         * @return URL.
         */
        public String bridgeUrl()
        {
            return bridgeUrl;
        }

        /**
         * Aeron directory of the media driver the ledger client uses.
         *
         * @param aeronDirectoryName directory.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * Aeron directory.
         *
         * @return directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Ledger cluster ingress endpoints.
         *
         * @param ledgerEndpoints {@code 0=host:port,...}.
         * @return this.
         */
        public Context ledgerEndpoints(final String ledgerEndpoints)
        {
            this.ledgerEndpoints = ledgerEndpoints;
            return this;
        }

        /**
         * Ledger cluster ingress endpoints.
         *
         * @return endpoints.
         */
        public String ledgerEndpoints()
        {
            return ledgerEndpoints;
        }

        /**
         * Ledger connect/answer timeout.
         *
         * @param ledgerTimeoutMs milliseconds.
         * @return this.
         */
        public Context ledgerTimeoutMs(final long ledgerTimeoutMs)
        {
            this.ledgerTimeoutMs = ledgerTimeoutMs;
            return this;
        }

        /**
         * Ledger connect/answer timeout.
         *
         * @return milliseconds.
         */
        public long ledgerTimeoutMs()
        {
            return ledgerTimeoutMs;
        }

        /**
         * Failed logins per user name in the window.
         *
         * @param loginMaxFailuresPerUser count.
         * @return this.
         */
        public Context loginMaxFailuresPerUser(final int loginMaxFailuresPerUser)
        {
            this.loginMaxFailuresPerUser = loginMaxFailuresPerUser;
            return this;
        }

        /**
         * Failed logins per user name in the window.
         *
         * @return count.
         */
        public int loginMaxFailuresPerUser()
        {
            return loginMaxFailuresPerUser;
        }

        /**
         * Failed logins per source address in the window.
         *
         * @param loginMaxFailuresPerSource count.
         * @return this.
         */
        public Context loginMaxFailuresPerSource(final int loginMaxFailuresPerSource)
        {
            this.loginMaxFailuresPerSource = loginMaxFailuresPerSource;
            return this;
        }

        /**
         * Failed logins per source address in the window.
         *
         * @return count.
         */
        public int loginMaxFailuresPerSource()
        {
            return loginMaxFailuresPerSource;
        }

        /**
         * Throttling window.
         *
         * @param loginWindow window.
         * @return this.
         */
        public Context loginWindow(final Duration loginWindow)
        {
            this.loginWindow = loginWindow;
            return this;
        }

        /**
         * Throttling window.
         *
         * @return window.
         */
        public Duration loginWindow()
        {
            return loginWindow;
        }

        /**
         * Database pool size.
         *
         * @param poolSize connections.
         * @return this.
         */
        public Context poolSize(final int poolSize)
        {
            this.poolSize = poolSize;
            return this;
        }

        /**
         * Database pool size.
         *
         * @return connections.
         */
        public int poolSize()
        {
            return poolSize;
        }

        /**
         * Most threads serving HTTP (Jetty's pool).
         *
         * @param httpThreads threads, at least 8.
         * @return this.
         */
        public Context httpThreads(final int httpThreads)
        {
            this.httpThreads = httpThreads;
            return this;
        }

        /**
         * Most threads serving HTTP.
         *
         * @return threads.
         */
        public int httpThreads()
        {
            return httpThreads;
        }

        /**
         * Largest age of the in-memory portfolio read model that requests are served from; 0 turns it off (every
         * portfolio read goes to the database).
         *
         * @param readModelStalenessMs milliseconds.
         * @return this.
         */
        public Context readModelStalenessMs(final long readModelStalenessMs)
        {
            this.readModelStalenessMs = readModelStalenessMs;
            return this;
        }

        /**
         * Largest age of the portfolio read model served, 0 when off.
         *
         * @return milliseconds.
         */
        public long readModelStalenessMs()
        {
            return readModelStalenessMs;
        }

        /**
         * Clock of tokens and throttling.
         *
         * @param clock clock.
         * @return this.
         */
        public Context clock(final Clock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * Clock.
         *
         * @return clock.
         */
        public Clock clock()
        {
            return clock;
        }

        /**
         * Console for the one-time admin password.
         *
         * @param out stream.
         * @return this.
         */
        public Context out(final PrintStream out)
        {
            this.out = out;
            return this;
        }

        /**
         * Console.
         *
         * @return stream.
         */
        public PrintStream out()
        {
            return out;
        }
    }
}
