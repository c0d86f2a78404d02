/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) that keeps every JSON message it receives, in order, and how it was closed.
 * A {@link #paused} client reads only what it was granted, so the bridge sees a consumer that stopped reading.
 */
final class TestClient implements WebSocket.Listener, AutoCloseable
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final boolean paused;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile Throwable error;
    private WebSocket socket;

    private TestClient(final boolean paused)
    {
        this.paused = paused;
    }

    static TestClient connect(final HttpClient http, final URI uri, final Map<String, String> headers)
    {
        return connect(http, uri, headers, false);
    }

    static TestClient connect(final HttpClient http, final URI uri, final Map<String, String> headers,
        final boolean paused)
    {
        final TestClient client = new TestClient(paused);
        final WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(uri, client).orTimeout(20, TimeUnit.SECONDS).join();
        return client;
    }

    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(paused ? 4 : Long.MAX_VALUE);
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            try
            {
                final JsonNode frame = MAPPER.readTree(partial.toString());
                if (frame.isArray())
                {
                    // A batch: several messages in one frame, in order.
                    frame.forEach(messages::add);
                }
                else
                {
                    messages.add(frame);
                }
            }
            catch (final Exception ex)
            {
                error = ex;
            }
            partial.setLength(0);
        }
        return null;
    }

    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closeCode = statusCode;
        closeReason = reason;
        closed.complete(new int[]{statusCode});
        return null;
    }

    public void onError(final WebSocket webSocket, final Throwable error)
    {
        this.error = error;
        closed.complete(new int[]{-1});
    }

    void resume()
    {
        socket.request(Long.MAX_VALUE);
    }

    void send(final String text)
    {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBinary(final byte[] bytes)
    {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    List<JsonNode> messages()
    {
        return messages;
    }

    List<JsonNode> ofType(final String type)
    {
        final List<JsonNode> result = new ArrayList<>();
        for (final JsonNode message : messages)
        {
            if (type.equals(message.path("type").asText()))
            {
                result.add(message);
            }
        }
        return result;
    }

    JsonNode await(final Predicate<JsonNode> predicate, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        int from = 0;
        while (System.nanoTime() - deadline < 0)
        {
            final List<JsonNode> snapshot = messages;
            for (int i = from; i < snapshot.size(); i++)
            {
                if (predicate.test(snapshot.get(i)))
                {
                    return snapshot.get(i);
                }
            }
            from = snapshot.size();
            if (closed.isDone())
            {
                break;
            }
            pause();
        }
        throw new AssertionError("no matching message within " + timeoutMs + " ms; got " + tail() +
            (closed.isDone() ? "; closed " + closeCode + " " + closeReason : ""));
    }

    int awaitClose(final long timeoutMs)
    {
        try
        {
            closed.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("not closed within " + timeoutMs + " ms; last messages " + tail(), ex);
        }
        return closeCode;
    }

    boolean isClosed()
    {
        return closed.isDone();
    }

    int closeCode()
    {
        return closeCode;
    }

    String closeReason()
    {
        return closeReason;
    }

    Throwable error()
    {
        return error;
    }

    private String tail()
    {
        final List<JsonNode> snapshot = messages;
        return snapshot.subList(Math.max(0, snapshot.size() - 3), snapshot.size()).toString();
    }

    static void awaitTrue(final BooleanSupplier condition, final long timeoutMs, final String what)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            pause();
        }
    }

    private static void pause()
    {
        try
        {
            Thread.sleep(5);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public void close()
    {
        if (!closed.isDone())
        {
            socket.abort();
        }
    }
}
