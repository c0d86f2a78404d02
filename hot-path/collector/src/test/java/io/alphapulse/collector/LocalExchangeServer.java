/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A real WebSocket server on an ephemeral loopback port that speaks an exchange's protocol through a script: it
 * answers subscriptions, pushes frames, drops connections or goes silent, as the test says. Tests only.
 */
public final class LocalExchangeServer extends WebSocketServer implements AutoCloseable
{
    private final BiConsumer<LocalExchangeServer, String> onMessage;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean silent;

    /**
     * A server.
     *
     * @param onMessage what to do with each client message (answer subscriptions, push data).
     */
    public LocalExchangeServer(final BiConsumer<LocalExchangeServer, String> onMessage)
    {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.onMessage = onMessage;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    /**
     * Start and wait until listening.
     *
     * @return this.
     * @throws InterruptedException if interrupted.
     */
    public LocalExchangeServer startAndWait() throws InterruptedException
    {
        start();
        if (!started.await(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("local exchange server did not start");
        }
        return this;
    }

    /**
     * Where clients connect.
     *
     * @param path path, e.g. {@code /v2}.
     * @return the URI.
     */
    public URI uri(final String path)
    {
        return URI.create("ws://127.0.0.1:" + getPort() + path);
    }

    /**
     * Send a frame to every open connection (unless silent).
     *
     * @param frame the text.
     */
    public void push(final String frame)
    {
        if (!silent)
        {
            for (final WebSocket socket : open)
            {
                if (socket.isOpen())
                {
                    socket.send(frame);
                }
            }
        }
    }

    /**
     * Drop every connection abruptly, as a network failure would.
     */
    public void dropConnections()
    {
        for (final WebSocket socket : open)
        {
            socket.closeConnection(1006, "dropped by test");
        }
    }

    /**
     * Stop (or resume) sending anything, while keeping connections open.
     *
     * @param silent true to go quiet.
     */
    public void silent(final boolean silent)
    {
        this.silent = silent;
    }

    /**
     * Client messages received, in order.
     *
     * @return client messages.
     */
    public List<String> received()
    {
        return received;
    }

    /**
     * Connections accepted so far.
     *
     * @return connections.
     */
    public int connections()
    {
        return connections.get();
    }

    /**
     * Connections open now.
     *
     * @return open connections.
     */
    public int openConnections()
    {
        return (int)open.stream().filter(WebSocket::isOpen).count();
    }

    public void onOpen(final WebSocket conn, final ClientHandshake handshake)
    {
        connections.incrementAndGet();
        open.add(conn);
    }

    public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
    {
        open.remove(conn);
    }

    public void onMessage(final WebSocket conn, final String message)
    {
        received.add(message);
        onMessage.accept(this, message);
    }

    public void onError(final WebSocket conn, final Exception ex)
    {
        if (null == conn)
        {
            ex.printStackTrace();
        }
    }

    public void onStart()
    {
        started.countDown();
    }

    /**
     * Stop the server.
     */
    public void close()
    {
        try
        {
            stop(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
