/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.alphapulse.auth.JwtSecret;
import io.alphapulse.auth.Role;
import io.alphapulse.auth.TokenIssuer;
import io.alphapulse.auth.TokenVerifier;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol against a real bridge with auth on: snapshots, bad input (each case answered and counted), auth
 * (each refusal with its own reason), origin and connection limits; a bystander client keeps being served.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BridgeProtocolIT
{
    private static final String SECRET_TEXT = "bridge-protocol-it-secret-0123456789abcdef";
    private static final JwtSecret SECRET = JwtSecret.of(SECRET_TEXT.getBytes(StandardCharsets.UTF_8), "test");
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").getEpochSecond() * 1_000_000_000L;

    @TempDir
    Path tempDir;

    private BridgeHarness harness;
    private final TokenIssuer issuer = new TokenIssuer(SECRET);
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void setUp()
    {
        harness = new BridgeHarness(tempDir, (ctx) -> ctx
            .authEnabled(true)
            .tokenVerifier(new TokenVerifier(SECRET))
            .allowedOrigins(List.of("https://dash.example"))
            .maxConnectionsPerUser(2)
            .maxFrameBytes(1024)
            .requestsPerSecond(5)
            .floodCloseThreshold(20));
        harness.publisher.definition(Exchange.KRAKEN, 1, "BTC-USD", 1, 8, T0);
        harness.awaitReceived(1);
    }

    @AfterEach
    void tearDown()
    {
        clients.forEach(TestClient::close);
        harness.close();
    }

    @Test
    void shouldSendSnapshotThenUpdatesWithExactDecimalsAndThreeTimestamps()
    {
        final MergedStreamPublisher publisher = harness.publisher;
        publisher.bookSnapshot(Exchange.KRAKEN, 1, new long[][]{{837443, 150_000_000}, {837440, 1}},
            new long[][]{{837444, 2_000_000}}, T0 + 1);
        publisher.trade(Exchange.KRAKEN, 1, 7, 837443, 100_000_000, AggressorSide.BUY, T0 + 123_456_789, T0 + 200_000_000);
        publisher.topOfBook(Exchange.KRAKEN, 1, 837443, 150_000_000, 837444, 2_000_000, T0 + 3);
        harness.awaitReceived(4);

        final TestClient client = connect("alice");
        client.send("{\"op\":\"subscribe\",\"id\":\"b\",\"channel\":\"book\",\"exchange\":\"kraken\"," +
            "\"symbol\":\"BTC-USD\",\"depth\":1}");
        client.send("{\"op\":\"subscribe\",\"id\":\"t\",\"channel\":\"trades\",\"exchange\":\"*\",\"symbol\":\"*\"}");
        client.send("{\"op\":\"subscribe\",\"id\":\"c\",\"channel\":\"candles\",\"exchange\":\"kraken\"}");
        client.send("{\"op\":\"subscribe\",\"id\":\"k\",\"channel\":\"ticker\"}");
        client.send("{\"op\":\"subscribe\",\"id\":\"s\",\"channel\":\"status\",\"exchange\":\"kraken\"}");

        final Instant rateWindowOver = Instant.now().plusSeconds(1);
        final JsonNode ack = client.await((m) -> "ack".equals(m.path("type").asText()), 10_000);
        assertEquals("b", ack.path("id").asText());
        assertEquals(1, ack.path("depth").asInt());
        final JsonNode book = snapshot(client, "b").get(0);
        assertEquals("book", book.path("type").asText());
        assertEquals("[[\"83744.3\",\"1.5\"]]", book.get("bids").toString());
        assertEquals("[[\"83744.4\",\"0.02\"]]", book.get("asks").toString());
        final JsonNode trade = snapshot(client, "t").get(0);
        assertEquals("83744.3", trade.path("price").asText());
        assertEquals("1", trade.path("qty").asText());
        assertEquals("buy", trade.path("side").asText());
        assertEquals("2026-11-22T10:00:00.123456789Z", trade.path("exchangeTime").asText());
        assertEquals("2026-11-22T10:00:00.200000000Z", trade.path("receiveTime").asText());
        assertTrue(trade.path("publishTime").isTextual());
        final JsonNode candle = snapshot(client, "c").get(0);
        assertEquals("2026-11-22T10:00:00.000000000Z", candle.path("start").asText());
        assertEquals("83744.3", candle.path("open").asText());
        assertEquals(1, candle.path("trades").asInt());
        assertEquals("0.02", snapshot(client, "k").get(0).path("askQty").asText());
        final JsonNode feed = snapshot(client, "s").get(0);
        assertEquals("feed", feed.path("type").asText());
        assertEquals("kraken", feed.path("exchange").asText());

        publisher.trade(Exchange.KRAKEN, 1, 8, 837450, 5, AggressorSide.SELL, Long.MIN_VALUE, T0 + 5);
        final JsonNode update = client.await((m) -> "trade".equals(m.path("type").asText()), 10_000);
        assertEquals("83745", update.path("price").asText());
        assertEquals("0.00000005", update.path("qty").asText());
        assertTrue(update.get("exchangeTime").isNull());
        // A heartbeat comes every 5 s by default; by then the rate window (5 requests/s here) has passed.
        client.await((m) -> "heartbeat".equals(m.path("type").asText()) &&
            Instant.parse(m.path("time").asText()).isAfter(rateWindowOver), 15_000);
        client.send("{\"op\":\"ping\",\"id\":42}");
        assertEquals(42, client.await((m) -> "pong".equals(m.path("type").asText()), 10_000).path("id").asInt());
        assertEquals(0, harness.bridge.stats().badRequests.get());
    }

    @Test
    void shouldAnswerEveryBadRequestAndKeepServingEveryoneElse()
    {
        final TestClient bystander = connect("bob");
        bystander.send("{\"op\":\"subscribe\",\"id\":1,\"channel\":\"trades\"}");
        bystander.await((m) -> "ack".equals(m.path("type").asText()), 10_000);
        final BridgeStats stats = harness.bridge.stats();

        final TestClient client = connect("alice");
        client.send("{not json");
        assertEquals("invalid_json", error(client, 1).path("code").asText());
        client.send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"orders\"}");
        assertEquals("unknown_channel", error(client, 2).path("code").asText());
        client.send("{\"op\":\"delete\",\"id\":3,\"channel\":\"trades\"}");
        assertEquals("unknown_op", error(client, 3).path("code").asText());
        client.send("{\"op\":\"subscribe\",\"id\":4,\"channel\":\"book\",\"depth\":100000}");
        assertEquals("invalid_depth", error(client, 4).path("code").asText());
        // A binary frame, even one holding a valid request: every request is a JSON text frame.
        client.sendBinary("{\"op\":\"subscribe\",\"id\":6,\"channel\":\"trades\"}".getBytes(
            StandardCharsets.UTF_8));
        final JsonNode binary = client.await((m) -> "error".equals(m.path("type").asText()) &&
            "binary_not_supported".equals(m.path("code").asText()), 10_000);
        assertTrue(binary.path("id").isNull(), binary.toString());
        assertEquals(5, stats.badRequests.get());
        assertTrue(client.ofType("ack").isEmpty(), "the binary frame's request was not served");

        // Still open: a good request after bad ones is served.
        client.send("{\"op\":\"subscribe\",\"id\":5,\"channel\":\"trades\",\"exchange\":\"kraken\"}");
        client.await((m) -> "ack".equals(m.path("type").asText()) && 5 == m.path("id").asInt(), 10_000);

        // Oversized frame: closed with 1009 by the frame limit.
        final TestClient big = connect("alice");
        big.send("{\"op\":\"subscribe\",\"id\":\"" + "x".repeat(2000) + "\"}");
        assertEquals(1009, big.awaitClose(10_000));
        TestClient.awaitTrue(() -> stats.badRequests.get() == 6, 10_000, "the oversized frame to be counted");

        // Flood: beyond 5 requests/s an error frame, beyond 20 refused in a second a close with 1008.
        final TestClient flooder = connect("carol");
        for (int i = 0; i < 7; i++)
        {
            flooder.send("{\"op\":\"ping\",\"id\":" + i + "}");
        }
        assertEquals("rate_limited", flooder.await((m) -> "error".equals(m.path("type").asText()), 10_000)
            .path("code").asText());
        for (int i = 7; i < 60 && !flooder.isClosed(); i++)
        {
            try
            {
                flooder.send("{\"op\":\"ping\",\"id\":" + i + "}");
            }
            catch (final CompletionException ex)
            {
                break; // closed by the server while sending
            }
        }
        // The flooder's own frames race the bridge's close: the bridge's side then resets the connection, which
        // discards the close frame the client had not read yet (TCP), and the client sees the reset instead (as in
        // BridgeSecurityIT). The client never closes by itself, so either way the bridge closed it.
        final int floodCloseCode = flooder.awaitClose(10_000);
        if (-1 == floodCloseCode)
        {
            assertInstanceOf(java.io.IOException.class, flooder.error(), "a reset, not a close of its own");
        }
        else
        {
            assertEquals(ClientSession.CLOSE_POLICY, floodCloseCode);
            assertTrue(flooder.closeReason().startsWith("request flood"), flooder.closeReason());
        }
        assertTrue(stats.badRequests.get() >= 6 + 20);

        // Everyone else was served throughout.
        harness.publisher.trade(Exchange.KRAKEN, 1, 99, 837443, 1, AggressorSide.BUY, T0, T0);
        assertEquals(99, bystander.await((m) -> "trade".equals(m.path("type").asText()), 10_000)
            .path("tradeId").asLong());
        assertEquals(99, client.await((m) -> "trade".equals(m.path("type").asText()), 10_000)
            .path("tradeId").asLong());
        assertFalse(bystander.isClosed());
    }

    @Test
    void shouldRefuseEachBadTokenWithItsReason()
    {
        final Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        final String expired = new TokenIssuer(SECRET, "alphapulse", "alphapulse", Duration.ofMinutes(5), past)
            .issue("alice", EnumSet.of(Role.VIEWER));
        final String forged = new TokenIssuer(JwtSecret.of("another-secret-0123456789abcdef-0123".getBytes(
            StandardCharsets.UTF_8), "evil"), "alphapulse", "alphapulse", Duration.ofMinutes(5), Clock.systemUTC())
            .issue("alice", EnumSet.of(Role.ADMIN));
        final String algNone = JWT.create().withIssuer("alphapulse").withAudience("alphapulse").withSubject("alice")
            .withArrayClaim("roles", new String[]{"admin"}).withExpiresAt(Instant.now().plusSeconds(60))
            .sign(Algorithm.none());
        final String wrongAudience = new TokenIssuer(SECRET, "alphapulse", "grafana", Duration.ofMinutes(5),
            Clock.systemUTC()).issue("alice", EnumSet.of(Role.VIEWER));

        assertRefused(null, "unauthorized: token missing");
        assertRefused(expired, "unauthorized: token expired");
        assertRefused(forged, "unauthorized: token signature invalid");
        assertRefused(algNone, "unauthorized: unsigned token (alg none)");
        assertRefused(wrongAudience, "unauthorized: token audience not accepted");
        assertEquals(5, harness.bridge.stats().rejectedConnections.get());

        // The Authorization header works as well as the query parameter.
        final TestClient viaHeader = TestClient.connect(harness.http, harness.bridge.uri(),
            Map.of("Authorization", "Bearer " + issuer.issue("dave", EnumSet.of(Role.VIEWER))));
        clients.add(viaHeader);
        assertEquals("dave", viaHeader.await((m) -> "hello".equals(m.path("type").asText()), 10_000)
            .path("user").asText());
    }

    @Test
    void shouldCheckOriginAndLimitConnectionsPerUser()
    {
        final URI uri = withToken(issuer.issue("alice", EnumSet.of(Role.VIEWER)));
        final CompletionException refused = assertThrows(CompletionException.class,
            () -> TestClient.connect(harness.http, uri, Map.of("Origin", "https://evil.example")));
        final WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class,
            refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
        clients.add(TestClient.connect(harness.http, uri, Map.of("Origin", "https://dash.example")));

        clients.add(connect("alice"));
        final TestClient third = TestClient.connect(harness.http, uri, Map.of());
        clients.add(third);
        assertEquals(ClientSession.CLOSE_POLICY, third.awaitClose(10_000));
        assertEquals("connection limit per user reached (2)", third.closeReason());

        final TestClient otherUser = connect("erin");
        otherUser.await((m) -> "hello".equals(m.path("type").asText()), 10_000);
        assertFalse(otherUser.isClosed());
        assertEquals(2, harness.bridge.stats().rejectedConnections.get());
    }

    @Test
    void shouldLimitConnectionsInAllWhateverTheUsers()
    {
        harness.close();
        harness = new BridgeHarness(tempDir.resolve("limited"), (ctx) -> ctx
            .authEnabled(true)
            .tokenVerifier(new TokenVerifier(SECRET))
            .maxConnections(3)
            .maxConnectionsPerUser(2));

        final TestClient first = connect("alice");
        connect("bob");
        connect("carol");
        final TestClient fourth = TestClient.connect(harness.http,
            withToken(issuer.issue("dave", EnumSet.of(Role.VIEWER))), Map.of());
        clients.add(fourth);
        assertEquals(ClientSession.CLOSE_POLICY, fourth.awaitClose(10_000));
        assertEquals("connection limit reached (3)", fourth.closeReason());
        assertTrue(fourth.messages().isEmpty(), "nothing sent before the close: " + fourth.messages());
        assertEquals(1, harness.bridge.stats().rejectedConnections.get());

        // A closed connection frees its place: the next one is served.
        first.close();
        TestClient.awaitTrue(() ->
        {
            final TestClient next = TestClient.connect(harness.http,
                withToken(issuer.issue("erin", EnumSet.of(Role.VIEWER))), Map.of());
            clients.add(next);
            try
            {
                next.await((m) -> "hello".equals(m.path("type").asText()), 2_000);
                return !next.isClosed();
            }
            catch (final AssertionError ex)
            {
                return false;
            }
        }, 20_000, "a place freed by a closed connection");
    }

    private void assertRefused(final String token, final String reason)
    {
        final TestClient client = TestClient.connect(harness.http, null == token ? harness.bridge.uri() :
            withToken(token), Map.of());
        clients.add(client);
        assertEquals(ClientSession.CLOSE_POLICY, client.awaitClose(10_000));
        assertEquals(reason, client.closeReason());
        assertTrue(client.messages().isEmpty(), "nothing sent before the close: " + client.messages());
    }

    private TestClient connect(final String user)
    {
        final TestClient client = TestClient.connect(harness.http,
            withToken(issuer.issue(user, EnumSet.of(Role.VIEWER))), Map.of());
        clients.add(client);
        client.await((m) -> "hello".equals(m.path("type").asText()), 10_000);
        return client;
    }

    private URI withToken(final String token)
    {
        return URI.create(harness.bridge.uri() + "?token=" + token);
    }

    private static JsonNode error(final TestClient client, final int id)
    {
        return client.await((m) -> "error".equals(m.path("type").asText()) &&
            (id == m.path("id").asInt() || m.path("id").isNull() && 1 == id), 10_000);
    }

    private static List<JsonNode> snapshot(final TestClient client, final String id)
    {
        final JsonNode snapshot = client.await((m) -> "snapshot".equals(m.path("type").asText()) &&
            id.equals(m.path("id").asText()), 10_000);
        final List<JsonNode> items = new ArrayList<>();
        snapshot.get("items").forEach(items::add);
        assertFalse(items.isEmpty(), "empty snapshot " + id);
        return items;
    }
}
