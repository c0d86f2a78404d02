/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alphapulse.collector.source.SyntheticFrames;
import org.agrona.ExpandableArrayBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Binance spot exchange for integration tests: a real WebSocket server serving the combined streams named in
 * the request ({@code /stream?streams=btcusdt@trade/btcusdt@depth@100ms/...}) and a real HTTP server answering
 * {@code GET /api/v3/depth?symbol=..&limit=1000}, both on ephemeral loopback ports, fed by one
 * {@link BinanceSyntheticFrames} generator (MIXED) so that REST snapshots and depth events are consistent. A pump
 * thread generates frames at a steady rate and sends each connection the frames of the streams it asked for.
 * <p>
 * The test can: drop connections, inject frames (errors, {@code serverShutdown}, malformed), drop depth events of one
 * symbol (a gap), mute one symbol, ping, fail or hold REST snapshots; and read what the servers saw. Tests only.
 */
final class LocalBinanceExchange implements AutoCloseable
{
    /**
     * REST path of depth snapshots.
     */
    static final String DEPTH_PATH = "/api/v3/depth";

    private static final long PUMP_INTERVAL_US = 4_000;
    private static final int FRAMES_PER_PUMP = 2;
    private static final Pattern FIRST_UPDATE_ID = Pattern.compile("\"U\":(\\d+)");

    private final Object lock = new Object();
    private final BinanceSyntheticFrames frames;
    private final StreamServer streams = new StreamServer();
    private final HttpServer rest;
    private final ExecutorService restExecutor = Executors.newCachedThreadPool(LocalBinanceExchange::daemon);
    private final ScheduledExecutorService pump =
        Executors.newSingleThreadScheduledExecutor(LocalBinanceExchange::daemon);
    private final ExpandableArrayBuffer snapshotBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final List<String> restRequests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> snapshotFailures = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> snapshotHolds = new ConcurrentHashMap<>();
    private final Set<String> muted = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> depthEventsToDrop = new HashMap<>();
    private final Map<String, long[]> gaps = new ConcurrentHashMap<>();
    private final SyntheticFrames.FrameSink router = this::route;
    private final List<String> pumpErrors = new CopyOnWriteArrayList<>();
    private final AtomicLong framesGenerated = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();

    /**
     * Start both servers; frames flow once {@link #start()} is called.
     *
     * @param symbols venue symbols, e.g. {@code BTCUSDT}.
     * @param seed    generator seed.
     * @throws Exception if a server cannot start.
     */
    LocalBinanceExchange(final List<String> symbols, final long seed) throws Exception
    {
        frames = new BinanceSyntheticFrames(symbols, seed, SyntheticFrames.Mix.MIXED);
        streams.startAndWait();
        rest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rest.createContext(DEPTH_PATH, this::depth);
        rest.setExecutor(restExecutor);
        rest.start();
    }

    /**
     * Start pumping market data.
     *
     * @return this.
     */
    LocalBinanceExchange start()
    {
        pump.scheduleAtFixedRate(this::pump, 0, PUMP_INTERVAL_US, TimeUnit.MICROSECONDS);
        return this;
    }

    /**
     * The WebSocket base the collector is configured with; it appends {@code /stream?streams=...}.
     *
     * @return the base URI.
     */
    URI streamUri()
    {
        return URI.create("ws://127.0.0.1:" + streams.getPort());
    }

    /**
     * The REST base the collector is configured with.
     *
     * @return the base URI.
     */
    URI restUri()
    {
        return URI.create("http://127.0.0.1:" + rest.getAddress().getPort());
    }

    /**
     * WebSocket connections accepted so far.
     *
     * @return connections.
     */
    int connections()
    {
        return streams.connections.get();
    }

    /**
     * Request targets (path and query) of every WebSocket handshake, in order.
     *
     * @return request targets.
     */
    List<String> requestTargets()
    {
        return streams.requestTargets;
    }

    /**
     * Text frames the clients sent.
     *
     * @return client messages.
     */
    List<String> clientMessages()
    {
        return streams.clientMessages;
    }

    /**
     * Pongs received in answer to {@link #pingAll()}.
     *
     * @return pongs.
     */
    int pongs()
    {
        return streams.pongs.get();
    }

    /**
     * Send a ping frame on every open connection, as Binance does every 20 s.
     */
    void pingAll()
    {
        for (final WebSocket socket : streams.open)
        {
            if (socket.isOpen())
            {
                socket.sendPing();
            }
        }
    }

    /**
     * Drop every connection abruptly, as a network failure would.
     */
    void dropConnections()
    {
        for (final WebSocket socket : streams.open)
        {
            socket.closeConnection(1006, "dropped by test");
        }
    }

    /**
     * Send a frame on every open connection, whatever its streams, in order with the market data.
     *
     * @param frame the text.
     */
    void inject(final String frame)
    {
        synchronized (lock)
        {
            for (final WebSocket socket : streams.open)
            {
                if (socket.isOpen())
                {
                    socket.send(frame);
                }
            }
        }
    }

    /**
     * Stop (or resume) sending anything of one symbol; its book keeps changing meanwhile.
     *
     * @param venueSymbol e.g. {@code ETHUSDT}.
     * @param mute        true to go quiet.
     */
    void mute(final String venueSymbol, final boolean mute)
    {
        if (mute)
        {
            muted.add(venueSymbol);
        }
        else
        {
            muted.remove(venueSymbol);
        }
    }

    /**
     * Lose the next depth events of one symbol: the next one delivered shows a gap. See {@link #gap(String)}.
     *
     * @param venueSymbol e.g. {@code ETHUSDT}.
     * @param count       events to lose.
     */
    void dropDepthEvents(final String venueSymbol, final int count)
    {
        synchronized (lock)
        {
            gaps.remove(venueSymbol);
            depthEventsToDrop.put(venueSymbol, count);
        }
    }

    /**
     * The gap made by {@link #dropDepthEvents}: {@code U} of the first event lost (what a client expects next) and
     * {@code U} of the first event delivered after it; a received of 0 while none was delivered yet.
     *
     * @param venueSymbol e.g. {@code ETHUSDT}.
     * @return {expected, received}, or null before any event was lost.
     */
    long[] gap(final String venueSymbol)
    {
        final long[] gap = gaps.get(venueSymbol);
        return null == gap ? null : gap.clone();
    }

    /**
     * Answer the next snapshot requests of a symbol with HTTP 500.
     *
     * @param venueSymbol e.g. {@code BTCUSDT}.
     * @param count       requests to fail.
     */
    void failNextSnapshots(final String venueSymbol, final int count)
    {
        snapshotFailures.put(venueSymbol, new AtomicInteger(count));
    }

    /**
     * Hold snapshot requests of a symbol until {@link #releaseSnapshots(String)} (bounded at 10 s).
     *
     * @param venueSymbol e.g. {@code ETHUSDT}.
     */
    void holdSnapshots(final String venueSymbol)
    {
        snapshotHolds.put(venueSymbol, new CountDownLatch(1));
    }

    /**
     * Answer held snapshot requests.
     *
     * @param venueSymbol e.g. {@code ETHUSDT}.
     */
    void releaseSnapshots(final String venueSymbol)
    {
        final CountDownLatch hold = snapshotHolds.remove(venueSymbol);
        if (null != hold)
        {
            hold.countDown();
        }
    }

    /**
     * Every REST request: {@code <query> -> <status>}, once answered; {@code <query> -> held} while held.
     *
     * @return requests in order of arrival.
     */
    List<String> restRequests()
    {
        return restRequests;
    }

    /**
     * REST snapshot requests for one symbol so far, answered or not.
     *
     * @param venueSymbol e.g. {@code BTCUSDT}.
     * @return requests.
     */
    long snapshotRequests(final String venueSymbol)
    {
        final String query = "symbol=" + venueSymbol + "&";
        return restRequests.stream().filter((request) -> request.startsWith(query)).count();
    }

    /**
     * Stop the pump and both servers.
     */
    public void close()
    {
        pump.shutdownNow();
        snapshotHolds.values().forEach(CountDownLatch::countDown);
        rest.stop(0);
        restExecutor.shutdownNow();
        try
        {
            streams.stop(1000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Errors of the pump thread, which carries on after them (a scheduled task that throws is never run again).
     *
     * @return error descriptions.
     */
    List<String> pumpErrors()
    {
        return pumpErrors;
    }

    /**
     * Counts and state, for failure messages.
     *
     * @return one line.
     */
    String describe()
    {
        return "connections " + connections() + ", open " + streams.open.size() + ", frames generated " +
            framesGenerated.get() + ", sent " + framesSent.get() + ", pump errors " + pumpErrors + ", REST " +
            restRequests;
    }

    private void pump()
    {
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        synchronized (lock)
        {
            for (int i = 0; i < FRAMES_PER_PUMP; i++)
            {
                try
                {
                    framesGenerated.incrementAndGet();
                    frames.next(router, nowNs);
                }
                catch (final RuntimeException ex)
                {
                    pumpErrors.add(ex.toString());
                }
            }
        }
    }

    private void route(final ExpandableArrayBuffer buffer, final int length)
    {
        final String frame = buffer.getStringWithoutLengthAscii(0, length);
        final int streamStart = frame.indexOf(':') + 2;
        final String stream = frame.substring(streamStart, frame.indexOf('"', streamStart));
        final String symbol = stream.substring(0, stream.indexOf('@')).toUpperCase(Locale.ROOT);
        if (muted.contains(symbol))
        {
            return;
        }
        if (stream.endsWith("@depth@100ms"))
        {
            final int toDrop = depthEventsToDrop.getOrDefault(symbol, 0);
            if (toDrop > 0)
            {
                depthEventsToDrop.put(symbol, toDrop - 1);
                gaps.putIfAbsent(symbol, new long[]{ firstUpdateId(frame), 0 });
                return;
            }
            final long[] gap = gaps.get(symbol);
            if (null != gap && 0 == gap[1])
            {
                gaps.put(symbol, new long[]{ gap[0], firstUpdateId(frame) });
            }
        }
        for (final WebSocket socket : streams.open)
        {
            final Set<String> subscribed = socket.getAttachment();
            if (socket.isOpen() && null != subscribed && subscribed.contains(stream))
            {
                try
                {
                    socket.send(frame);
                    framesSent.incrementAndGet();
                }
                catch (final WebsocketNotConnectedException ex)
                {
                    // Closed between isOpen and send: the frame is lost with the connection, as on a real network.
                }
            }
        }
    }

    private static long firstUpdateId(final String frame)
    {
        final Matcher matcher = FIRST_UPDATE_ID.matcher(frame);
        if (!matcher.find())
        {
            throw new IllegalStateException("no U in " + frame);
        }
        return Long.parseLong(matcher.group(1));
    }

    private void depth(final HttpExchange exchange) throws IOException
    {
        final String query = exchange.getRequestURI().getRawQuery();
        final Map<String, String> parameters = parameters(query);
        final String symbol = parameters.getOrDefault("symbol", "");
        final int index;
        synchronized (restRequests)
        {
            index = restRequests.size();
            restRequests.add(query + " -> held");
        }
        int status = 200;
        byte[] body;
        try
        {
            final CountDownLatch hold = snapshotHolds.get(symbol);
            if (null != hold && !hold.await(10, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("snapshot of " + symbol + " held for more than 10 s");
            }
            final AtomicInteger failures = snapshotFailures.get(symbol);
            if (!"GET".equals(exchange.getRequestMethod()) || !"1000".equals(parameters.get("limit")))
            {
                status = 400;
                body = ascii("{\"code\":-1102,\"msg\":\"Mandatory parameter was not sent, was empty/null, or " +
                    "malformed.\"}");
            }
            else if (null != failures && failures.getAndDecrement() > 0)
            {
                status = 500;
                body = ascii("{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}");
            }
            else
            {
                synchronized (lock)
                {
                    final int length = frames.restSnapshot(symbol, snapshotBuffer);
                    body = new byte[length];
                    snapshotBuffer.getBytes(0, body);
                }
                if (0 == body.length)
                {
                    status = 400;
                    body = ascii("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            status = 503;
            body = ascii("{\"code\":-1001,\"msg\":\"Internal error; unable to process your request.\"}");
        }
        restRequests.set(index, query + " -> " + status);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }

    private static Map<String, String> parameters(final String query)
    {
        final Map<String, String> parameters = new HashMap<>();
        if (null != query)
        {
            for (final String pair : query.split("&"))
            {
                final int equals = pair.indexOf('=');
                if (equals > 0)
                {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return parameters;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Thread daemon(final Runnable task)
    {
        final Thread thread = new Thread(task, "local-binance");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * The combined-stream WebSocket endpoint: each connection gets the streams named in its request target.
     */
    private static final class StreamServer extends WebSocketServer
    {
        private static final String STREAM_PATH = "/stream?streams=";

        private final CountDownLatch started = new CountDownLatch(1);
        private final List<WebSocket> open = new CopyOnWriteArrayList<>();
        private final List<String> requestTargets = new CopyOnWriteArrayList<>();
        private final List<String> clientMessages = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger pongs = new AtomicInteger();

        StreamServer()
        {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
            setConnectionLostTimeout(0);
        }

        void startAndWait() throws InterruptedException
        {
            start();
            if (!started.await(10, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("local Binance stream server did not start");
            }
        }

        public void onOpen(final WebSocket conn, final ClientHandshake handshake)
        {
            final String target = handshake.getResourceDescriptor();
            requestTargets.add(target);
            connections.incrementAndGet();
            if (!target.startsWith(STREAM_PATH))
            {
                conn.close(1008, "not a combined stream request: " + target);
                return;
            }
            conn.setAttachment(new HashSet<>(Arrays.asList(target.substring(STREAM_PATH.length()).split("/"))));
            open.add(conn);
        }

        public void onClose(final WebSocket conn, final int code, final String reason, final boolean remote)
        {
            open.remove(conn);
        }

        public void onMessage(final WebSocket conn, final String message)
        {
            clientMessages.add(message);
        }

        public void onWebsocketPong(final WebSocket conn, final Framedata frame)
        {
            pongs.incrementAndGet();
            super.onWebsocketPong(conn, frame);
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
    }
}
