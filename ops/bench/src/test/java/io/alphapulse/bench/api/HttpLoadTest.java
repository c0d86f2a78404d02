/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.api;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator frames responses correctly (Content-Length, chunked, empty bodies, other statuses), sends the
 * headers it is given, and counts every request the server saw; it measures nothing here.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLoadTest
{
    private static final byte[] BODY = "{\"portfolioId\":1,\"balances\":[]}".repeat(100)
        .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private final AtomicLong served = new AtomicLong();
    private volatile String authorization;

    @BeforeEach
    void start() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fixed", (exchange) ->
        {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(BODY);
            }
        });
        server.createContext("/chunked", (exchange) ->
        {
            served.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(BODY, 0, 100);
                out.flush();
                out.write(BODY, 100, BODY.length - 100);
            }
        });
        server.createContext("/missing", (exchange) ->
        {
            served.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
        ((java.util.concurrent.ExecutorService)server.getExecutor()).shutdownNow();
    }

    @Test
    void shouldFrameFixedLengthResponsesAndSendHeaders() throws IOException
    {
        final HttpLoad.Outcome outcome = HttpLoad.run(uri("/fixed"), List.of("Authorization: Bearer abc"), 4, 0, 0,
            3_000);
        assertTrue(outcome.ok() > 0, outcome.toString());
        assertEquals(0, outcome.otherStatus() + outcome.ioErrors(), outcome.toString());
        assertEquals("Bearer abc", authorization);
        assertTrue(served.get() >= outcome.ok(), "every answer counted was served");
        assertEquals(outcome.ok() + outcome.unanswered(), outcome.histogram().getTotalCount(),
            "a latency per answer, and per request still in flight at the end (at its floor)");
    }

    @Test
    void shouldFrameChunkedResponses() throws IOException
    {
        final HttpLoad.Outcome outcome = HttpLoad.run(uri("/chunked"), List.of(), 4, 0, 0, 3_000);
        assertTrue(outcome.ok() > 0, outcome.toString());
        assertEquals(0, outcome.otherStatus() + outcome.ioErrors(), outcome.toString());
    }

    @Test
    void shouldCountOtherStatusesAndKeepTheConnectionsGoing() throws IOException
    {
        final HttpLoad.Outcome outcome = HttpLoad.run(uri("/missing"), List.of(), 2, 0, 0, 3_000);
        assertEquals(0, outcome.ok());
        assertTrue(outcome.otherStatus() > 1, outcome.toString());
        assertEquals(0, outcome.ioErrors(), outcome.toString());
    }

    @Test
    void fixedRateShouldSendOnScheduleAndAccountForEveryDueRequest() throws IOException
    {
        final HttpLoad.Outcome outcome = HttpLoad.run(uri("/fixed"), List.of(), 4, 200, 0, 1_000);
        // 200 due in the second: each is either answered (with a latency) or unanswered (at its floor).
        assertEquals(200, outcome.histogram().getTotalCount(), outcome.toString());
        assertEquals(0, outcome.otherStatus() + outcome.ioErrors(), outcome.toString());
    }

    private URI uri(final String path)
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
