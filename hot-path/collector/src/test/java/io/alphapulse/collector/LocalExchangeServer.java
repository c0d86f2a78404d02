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
    private final AtomicInteger refuse = new AtomicInteger();
    private final List<Long> connectTimesNs = new CopyOnWriteArrayList<>();
    private final java.util.Set<WebSocket> stalled = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
                if (socket.isOpen() && !stalled.contains(socket))
                {
                    socket.send(frame);
                }
            }
        }
    }

    /**
     * Send a binary frame to every open, unstalled connection (unless silent).
     *
     * @param frame the bytes.
     */
    public void pushBinary(final byte[] frame)
    {
        if (!silent)
        {
            for (final WebSocket socket : open)
            {
                if (socket.isOpen() && !stalled.contains(socket))
                {
                    socket.send(frame);
                }
            }
        }
    }

    /**
     * Close every connection with a close frame carrying a code and reason, as an exchange going down for
     * maintenance does.
     *
     * @param code   WebSocket close code.
     * @param reason reason.
     */
    public void closeConnections(final int code, final String reason)
    {
        for (final WebSocket socket : open)
        {
            socket.close(code, reason);
        }
    }

    /**
     * Stall every connection open now: it stays open but gets nothing more, not even answers (pushes and pongs skip
     * it), as a hung exchange behaves. Connections made later are served.
     */
    public void stallOpenConnections()
    {
        stalled.addAll(open);
    }

    /**
     * Accept the next connections and close each at once with 1013 (try again later), as an overloaded exchange
     * does; their messages are ignored.
     *
     * @param count connections to refuse.
     */
    public void refuseConnections(final int count)
    {
        refuse.set(count);
    }

    /**
     * When each connection was accepted ({@link System#nanoTime()}), refused ones included.
     *
     * @return accept times.
     */
    public List<Long> connectTimesNs()
    {
        return connectTimesNs;
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
        connectTimesNs.add(System.nanoTime());
        connections.incrementAndGet();
        if (refuse.getAndUpdate((n) -> Math.max(0, n - 1)) > 0)
        {
            conn.close(1013, "try again later");
            return;
        }
        open.add(conn);
    }

    public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
    {
        open.remove(conn);
        stalled.remove(conn);
    }

    public void onMessage(final WebSocket conn, final String message)
    {
        if (!open.contains(conn))
        {
            return; // a refused connection
        }
        received.add(message);
        if (stalled.contains(conn))
        {
            return; // recorded, never answered: a hung exchange
        }
        onMessage.accept(this, message);
    }

    public void onWebsocketPing(final WebSocket conn, final org.java_websocket.framing.Framedata frame)
    {
        if (!stalled.contains(conn))
        {
            super.onWebsocketPing(conn, frame);
        }
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
