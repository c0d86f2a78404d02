/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.alphapulse.auth.JwtSecret;
import io.alphapulse.auth.Role;
import io.alphapulse.auth.TokenConfiguration;
import io.alphapulse.auth.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the route table x every kind of credential: no token, expired, forged payload, alg none, another
 * algorithm (HS512 with the right key), wrong key, wrong audience, wrong issuer, and each single role. Refused
 * credentials give 401 with a Bearer challenge, a missing role 403, and an allowed caller neither (nor a 500).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AuthorizationMatrixIT
{
    @TempDir
    static Path dir;

    private static ApiHarness api;
    private static final Map<String, String> INVALID = new LinkedHashMap<>();
    private static final Map<Role, String> ROLE_TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start()
    {
        api = new ApiHarness(dir, (ctx) -> ctx);
        final String admin = api.adminToken();
        ROLE_TOKENS.put(Role.VIEWER, api.userToken(admin, "only-viewer", "viewer"));
        ROLE_TOKENS.put(Role.TRADER, api.userToken(admin, "only-trader", "trader"));
        ROLE_TOKENS.put(Role.ADMIN, api.userToken(admin, "only-admin", "admin"));

        final Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        INVALID.put("no token", null);
        INVALID.put("expired", new TokenIssuer(api.secret, TokenConfiguration.ISSUER_DEFAULT,
            TokenConfiguration.AUDIENCE_DEFAULT, Duration.ofMinutes(5), Clock.fixed(hourAgo, ZoneOffset.UTC))
            .issue("only-admin", EnumSet.allOf(Role.class)));
        INVALID.put("forged payload", forge(ROLE_TOKENS.get(Role.VIEWER)));
        INVALID.put("alg none", algNone(ROLE_TOKENS.get(Role.VIEWER)));
        INVALID.put("HS512 with the right key", JWT.create().withIssuer(TokenConfiguration.ISSUER_DEFAULT)
            .withAudience(TokenConfiguration.AUDIENCE_DEFAULT).withSubject("only-admin")
            .withClaim("roles", List.of("admin", "trader", "viewer")).withExpiresAt(Instant.now().plusSeconds(600))
            .sign(Algorithm.HMAC512(api.secretKey)));
        final byte[] otherKey = new byte[48];
        new SecureRandom().nextBytes(otherKey);
        INVALID.put("wrong key", new TokenIssuer(JwtSecret.of(otherKey, "other")).issue("only-admin",
            EnumSet.allOf(Role.class)));
        INVALID.put("wrong audience", new TokenIssuer(api.secret, TokenConfiguration.ISSUER_DEFAULT, "elsewhere",
            Duration.ofMinutes(5), Clock.systemUTC()).issue("only-admin", EnumSet.allOf(Role.class)));
        INVALID.put("wrong issuer", new TokenIssuer(api.secret, "mallory", TokenConfiguration.AUDIENCE_DEFAULT,
            Duration.ofMinutes(5), Clock.systemUTC()).issue("only-admin", EnumSet.allOf(Role.class)));
        INVALID.put("garbage", "not.a.jwt");
    }

    @AfterAll
    static void stop()
    {
        if (null != api)
        {
            api.close();
        }
    }

    @Test
    void everyRouteShouldAnswerEveryCredentialAsItsRoleRequires()
    {
        final List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (final Route route : api.server.routes())
        {
            final String path = route.path().replace("{portfolioId}", "1").replace("{orderId}", "1")
                .replace("{username}", "only-viewer");
            final String body = "POST".equals(route.method()) || "PATCH".equals(route.method()) ? "{}" : null;
            for (final Map.Entry<String, String> credential : INVALID.entrySet())
            {
                final ApiHarness.Response response = api.send(route.method(), path, credential.getValue(), body,
                    null);
                checked++;
                if (null == route.role())
                {
                    expectAllowed(wrong, route, credential.getKey(), response);
                }
                else if (401 != response.status() || null == response.header("WWW-Authenticate") ||
                    !response.header("Content-Type").startsWith(ApiServer.PROBLEM_JSON))
                {
                    wrong.add(route.method() + " " + route.path() + " with " + credential.getKey() + ": expected " +
                        "401 problem with a Bearer challenge, got " + response);
                }
            }
            for (final Map.Entry<Role, String> credential : ROLE_TOKENS.entrySet())
            {
                final ApiHarness.Response response = api.send(route.method(), path, credential.getValue(), body,
                    null);
                checked++;
                final boolean allowed = null == route.role() || Role.VIEWER == route.role() ||
                    route.role() == credential.getKey();
                if (allowed)
                {
                    expectAllowed(wrong, route, credential.getKey().claimValue(), response);
                }
                else if (403 != response.status())
                {
                    wrong.add(route.method() + " " + route.path() + " as " + credential.getKey().claimValue() +
                        ": expected 403, got " + response);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(checked >= 29 * 12, "checked " + checked);
    }

    @Test
    void portfolioRoutesShouldAnswerOnlyOwnersGranteesAndAdmins() throws Exception
    {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(api.postgres.jdbcUrl(),
            "postgres", null); java.sql.Statement statement = connection.createStatement())
        {
            statement.execute("insert into portfolios (portfolio_id, name) values (11, 'mine'), (12, 'theirs') " +
                "on conflict do nothing");
        }
        final String admin = api.adminToken();
        final String owner = api.userToken(admin, "portfolio-owner", "viewer", "trader");
        final String grantee = api.userToken(admin, "portfolio-grantee", "viewer");
        for (final String[] grant : new String[][] {{"portfolio-owner", "owner"}, {"portfolio-grantee", "granted"}})
        {
            final ApiHarness.Response granted = api.send("PUT", "/api/v1/admin/portfolios/11/access/" + grant[0],
                admin, Map.of("relation", grant[1]), null);
            assertTrue(200 == granted.status(), granted.toString());
        }
        final List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (final Route route : api.server.routes())
        {
            if (!route.path().contains("{portfolioId}") || Role.ADMIN == route.role())
            {
                continue;
            }
            for (final Map.Entry<String, String> caller : Map.of("owner", owner, "grantee", grantee, "admin", admin)
                .entrySet())
            {
                final ApiHarness.Response mine = api.send(route.method(), route.path().replace("{portfolioId}",
                    "11"), caller.getValue(), null, null);
                if (200 != mine.status())
                {
                    wrong.add(route.path() + " of an own/granted portfolio as " + caller.getKey() + ": " + mine);
                }
                final ApiHarness.Response theirs = api.send(route.method(), route.path().replace("{portfolioId}",
                    "12"), caller.getValue(), null, null);
                final int expected = "admin".equals(caller.getKey()) ? 200 : 404;
                if (expected != theirs.status())
                {
                    wrong.add(route.path() + " of another's portfolio as " + caller.getKey() + ": expected " +
                        expected + ", got " + theirs);
                }
                checked += 2;
            }
        }
        final Map<String, Object> order = Map.of("portfolioId", 12, "exchange", "kraken", "instrumentId", 1,
            "side", "buy", "type", "limit", "price", "1", "quantity", "1");
        final ApiHarness.Response foreignOrder = api.post("/api/v1/orders", owner, order);
        if (403 != foreignOrder.status())
        {
            wrong.add("POST /api/v1/orders on another's portfolio: expected 403, got " + foreignOrder);
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(checked >= 4 * 3 * 2, "checked " + checked);
    }

    private static void expectAllowed(
        final List<String> wrong, final Route route, final String credential, final ApiHarness.Response response)
    {
        if (401 == response.status() || 403 == response.status() || response.status() >= 500 &&
            503 != response.status())
        {
            wrong.add(route.method() + " " + route.path() + " with " + credential + ": expected to pass auth, got " +
                response);
        }
    }

    private static String forge(final String token)
    {
        final String[] parts = token.split("\\.");
        final String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("[\"viewer\"]", "[\"admin\",\"trader\",\"viewer\"]");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
            payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String algNone(final String token)
    {
        final String[] parts = token.split("\\.");
        final String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
            "{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + forge(token).split("\\.")[1] + ".";
    }
}
