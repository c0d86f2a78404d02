/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphapulse.auth.JwtSecret;
import io.alphapulse.sql.DatabaseConfiguration;
import io.alphapulse.sql.EmbeddedPostgresServer;
import org.agrona.CloseHelper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real embedded PostgreSQL in a temporary directory and an API server on port 0 over it, with a known admin
 * password, a random JWT secret and a cheap bcrypt cost; plus a small HTTP client.
 */
final class ApiHarness implements AutoCloseable
{
    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedPostgresServer postgres;
    final JwtSecret secret;
    final byte[] secretKey;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    /**
     * An HTTP response.
     *
     * @param status  status.
     * @param headers headers.
     * @param body    body text.
     */
    record Response(int status, java.net.http.HttpHeaders headers, String body)
    {
        JsonNode json()
        {
            try
            {
                return JSON.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("not JSON: " + body, ex);
            }
        }

        String header(final String name)
        {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString()
        {
            return status + " " + body;
        }
    }

    /**
     * A random JWT secret, made before the harness so that another component (the bridge) can share it.
     */
    static final class Holder
    {
        final byte[] key = new byte[48];
        final JwtSecret secret;

        Holder()
        {
            new SecureRandom().nextBytes(key);
            secret = JwtSecret.of(key, "test");
        }
    }

    ApiHarness(final Path dir, final UnaryOperator<ApiServer.Context> settings)
    {
        this(dir, new Holder(), settings);
    }

    ApiHarness(final Path dir, final Holder holder, final UnaryOperator<ApiServer.Context> settings)
    {
        this.postgres = EmbeddedPostgresServer.start(dir.resolve("db"), 0, false);
        this.secretKey = holder.key;
        this.secret = holder.secret;
        ApiServer launched = null;
        try
        {
            final ApiServer.Context ctx = new ApiServer.Context()
                .host("127.0.0.1")
                .port(0)
                .varDir(dir.resolve("var"))
                .jwtSecret(secret)
                .bcryptCost(4)
                .adminPassword(ADMIN_PASSWORD)
                .aeronDirectoryName(dir.resolve("no-aeron").toString())
                .ledgerTimeoutMs(500)
                .poolSize(8)
                .out(new PrintStream(console, true, StandardCharsets.UTF_8));
            ctx.database().url(postgres.jdbcUrl()).user(DatabaseConfiguration.EMBEDDED_USER);
            launched = ApiServer.launch(settings.apply(ctx));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(postgres);
            throw ex;
        }
        this.server = launched;
    }

    URI uri(final String path)
    {
        return URI.create(server.uri() + path);
    }

    Response get(final String path, final String token)
    {
        return send("GET", path, token, null, null);
    }

    Response post(final String path, final String token, final Object body)
    {
        return send("POST", path, token, body, null);
    }

    Response send(
        final String method, final String path, final String token, final Object body, final Map<String, String> headers)
    {
        try
        {
            final HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
            if (null != token)
            {
                builder.header("Authorization", "Bearer " + token);
            }
            if (null != headers)
            {
                headers.forEach(builder::header);
            }
            if (null != body)
            {
                builder.header("Content-Type", "application/json");
                final String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                builder.method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            else
            {
                builder.method(method, HttpRequest.BodyPublishers.noBody());
            }
            final HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Log in and return the access token.
     */
    String login(final String username, final String password)
    {
        final Response response = post("/api/v1/auth/login", null, Map.of("username", username, "password", password));
        if (200 != response.status())
        {
            throw new IllegalStateException("login of " + username + " failed: " + response);
        }
        return response.json().get("accessToken").asText();
    }

    String adminToken()
    {
        return login("admin", ADMIN_PASSWORD);
    }

    /**
     * Create a user with roles (as admin) and return its access token.
     */
    String userToken(final String adminToken, final String username, final String... roles)
    {
        final String password = "password-of-" + username;
        final Response created = post("/api/v1/admin/users", adminToken,
            Map.of("username", username, "password", password, "roles", java.util.List.of(roles)));
        if (201 != created.status() && 409 != created.status())
        {
            throw new IllegalStateException("creating " + username + " failed: " + created);
        }
        return login(username, password);
    }

    public void close()
    {
        CloseHelper.closeAll(server, postgres);
        http.close();
    }
}
