/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.alphapulse.auth.JwtSecret;
import io.alphapulse.auth.Principal;
import io.alphapulse.auth.TokenVerification;
import io.alphapulse.auth.TokenVerifier;
import io.alphapulse.auth.tls.ServerTls;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.ReportOnceErrorHandler;
import io.alphapulse.driver.StreamIds;
import io.javalin.Javalin;
import io.javalin.http.ForbiddenResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsErrorContext;
import io.javalin.websocket.WsMessageContext;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.ShutdownSignalBarrier;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket bridge: live market data from the merged stream to dashboards as JSON (protocol v1, see
 * {@code PROTOCOL.md}). One agent thread reads Aeron and fans out; Javalin (Jetty 12) serves the sockets.
 */
public final class Bridge implements AutoCloseable
{
    private static final String SESSION_ATTRIBUTE = "alphapulse.session";

    private final Context ctx;
    private final ManyToOneConcurrentArrayQueue<BridgeAgent.Command> commands =
        new ManyToOneConcurrentArrayQueue<>(64 * 1024);
    private final BridgeAgent agent;
    private final AgentRunner runner;
    private final BridgeSender sender = new BridgeSender();
    private final AgentRunner senderRunner;
    private final Javalin app;
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, AtomicInteger> connectionsByUser = new ConcurrentHashMap<>();

    private Bridge(final Context ctx)
    {
        this.ctx = ctx;
        this.agent = new BridgeAgent(ctx, commands);
        this.runner = new AgentRunner(ctx.profile().agentIdleStrategy(), ctx.errorHandler(), null, agent);
        this.senderRunner = new AgentRunner(ctx.profile().agentIdleStrategy(), ctx.errorHandler(), null, sender);
        this.app = Javalin.create((config) ->
        {
            config.startup.showJavalinBanner = false;
            if (null != ctx.tls())
            {
                ctx.tls().applyTo(config.jetty);
            }
            config.jetty.modifyWebSocketServletFactory((factory) ->
            {
                factory.setMaxTextMessageSize(ctx.maxFrameBytes());
                factory.setMaxBinaryMessageSize(ctx.maxFrameBytes());
                factory.setIdleTimeout(Duration.ofMillis(ctx.idleTimeoutMs()));
            });
            config.routes.wsBeforeUpgrade(ctx.path(), this::checkOrigin);
            config.routes.ws(ctx.path(), (ws) ->
            {
                ws.onConnect(this::onConnect);
                ws.onMessage(this::onMessage);
                ws.onBinaryMessage((binary) -> badRequest(session(binary), Requests.error("null",
                    "binary_not_supported", "send requests as JSON text frames")));
                ws.onClose(this::onClose);
                ws.onError(this::onError);
            });
        });
    }

    /**
     * Start the agent and the server.
     *
     * @param ctx settings.
     * @return the running bridge.
     */
    public static Bridge launch(final Context ctx)
    {
        ctx.conclude();
        final Bridge bridge = new Bridge(ctx);
        try
        {
            AgentRunner.startOnThread(bridge.senderRunner);
            AgentRunner.startOnThread(bridge.runner);
            bridge.app.start(ctx.host(), ctx.port());
            return bridge;
        }
        catch (final RuntimeException ex)
        {
            bridge.close();
            throw ex;
        }
    }

    /**
     * Run until SIGINT/SIGTERM.
     *
     * @param ctx settings.
     * @param out where to print the configuration and a summary.
     */
    public static void runUntilShutdown(final Context ctx, final PrintStream out)
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Bridge bridge = launch(ctx))
        {
            out.println(bridge.describe());
            out.println("running; Ctrl-C to stop");
            out.flush();
            barrier.await();
            final BridgeStats stats = ctx.stats();
            out.println("stopping: " + stats.messagesReceived.get() + " messages received, " +
                stats.messagesSent.get() + " sent, " + stats.conflated.get() + " conflated, " +
                stats.droppedClients.get() + " slow clients closed, " + stats.badRequests.get() + " bad requests, " +
                stats.skipped.get() + " skipped");
        }
    }

    /**
     * The port the server listens on (useful with port 0).
     *
     * @return port.
     */
    public int port()
    {
        return app.port();
    }

    /**
     * The WebSocket URI.
     *
     * @return e.g. {@code ws://127.0.0.1:8090/ws/v1}, or {@code wss://} with TLS.
     */
    public URI uri()
    {
        return URI.create((null != ctx.tls() ? "wss://" : "ws://") + ctx.host() + ":" + port() + ctx.path());
    }

    /**
     * Totals.
     *
     * @return stats.
     */
    public BridgeStats stats()
    {
        return ctx.stats();
    }

    /**
     * Whether the Aeron side is connected.
     *
     * @return true when live.
     */
    public boolean isLive()
    {
        return agent.isLive();
    }

    /**
     * The agent's current Aeron client (tests close it to simulate a driver timeout).
     *
     * @return the client, or null while reconnecting.
     */
    public io.aeron.Aeron aeron()
    {
        return agent.aeron();
    }

    /**
     * The effective configuration, for the start-up banner (never the secret).
     *
     * @return text.
     */
    public String describe()
    {
        return "bridge: " + uri() + " (protocol v" + BridgeConfiguration.PROTOCOL_VERSION + ")" +
            System.lineSeparator() + "  aeron dir " + ctx.aeronDirectoryName() + ", " + ctx.channel() + " stream " +
            ctx.streamId() + System.lineSeparator() + "  auth " + (ctx.authEnabled() ? "on (" + ctx.secretSource() +
            ")" : "OFF (development only)") + ", tls " + (null != ctx.tls() ? "on (" + ctx.tls() + ")" : "off") +
            System.lineSeparator() + "  origins " + (ctx.allowedOrigins().isEmpty() ? "same host" :
            ctx.allowedOrigins()) + ", connections " + ctx.maxConnections() + " (per user " +
            ctx.maxConnectionsPerUser() + ")" + System.lineSeparator() + "  queue " + ctx.queueCapacity() +
            " messages, slow-client timeout " + ctx.slowClientTimeoutNs() / 1_000_000 + " ms, heartbeat " +
            ctx.heartbeatIntervalNs() / 1_000_000 + " ms, max frame " + ctx.maxFrameBytes() + " B, " +
            ctx.requestsPerSecond() + " requests/s";
    }

    public void close()
    {
        try
        {
            app.stop();
        }
        finally
        {
            CloseHelper.closeAll(runner, senderRunner);
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // WebSocket handlers (Jetty threads)

    private void checkOrigin(final io.javalin.http.Context http)
    {
        final String origin = http.header("Origin");
        if (null == origin)
        {
            return; // Not a browser: cross-site WebSocket hijacking needs one.
        }
        final List<String> allowed = ctx.allowedOrigins();
        final boolean ok;
        if (allowed.contains("*"))
        {
            ok = true;
        }
        else if (allowed.isEmpty())
        {
            ok = sameHost(origin, http.header("Host"));
        }
        else
        {
            ok = allowed.contains(origin);
        }
        if (!ok)
        {
            ctx.stats().rejectedConnections.incrementAndGet();
            throw new ForbiddenResponse("origin not allowed: " + origin);
        }
    }

    private static boolean sameHost(final String origin, final String host)
    {
        try
        {
            final URI uri = URI.create(origin);
            final String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return null != host && host.equalsIgnoreCase(originHost);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
    }

    private void onConnect(final WsConnectContext ws)
    {
        final long nowNs = ctx.nanoClock().nanoTime();
        final String user;
        if (ctx.authEnabled())
        {
            final TokenVerification verification = ctx.tokenVerifier().verify(token(ws));
            if (!verification.isAccepted())
            {
                reject(ws, "unauthorized: " + verification.rejection().message());
                return;
            }
            final Principal principal = verification.principal();
            user = principal.user();
        }
        else
        {
            user = "anonymous";
        }

        if (connections.incrementAndGet() > ctx.maxConnections())
        {
            connections.decrementAndGet();
            reject(ws, "connection limit reached (" + ctx.maxConnections() + ")");
            return;
        }
        final AtomicInteger perUser = connectionsByUser.computeIfAbsent(user, (u) -> new AtomicInteger());
        if (ctx.authEnabled() && perUser.incrementAndGet() > ctx.maxConnectionsPerUser())
        {
            perUser.decrementAndGet();
            connections.decrementAndGet();
            reject(ws, "connection limit per user reached (" + ctx.maxConnectionsPerUser() + ")");
            return;
        }

        final ClientSession session = new ClientSession(sessionIds.incrementAndGet(), user,
            String.valueOf(ws.session.getRemoteSocketAddress()), new JettyTransport(ws.session), ctx.stats(),
            ctx.queueCapacity(), sender::schedule, BridgeConfiguration.MAX_BATCH_BYTES);
        ws.attribute(SESSION_ATTRIBUTE, session);
        final StringBuilder hello = new StringBuilder(192);
        hello.append("{\"type\":\"hello\",\"protocol\":").append(BridgeConfiguration.PROTOCOL_VERSION)
            .append(",\"user\":");
        Json.string(hello, user).append(",\"heartbeatIntervalMs\":").append(ctx.heartbeatIntervalNs() / 1_000_000)
            .append(",\"time\":");
        Json.time(hello, ctx.epochClock().nanoTime()).append('}');
        session.enqueue(hello.toString(), nowNs);
        if (!commands.offer(new BridgeAgent.Connect(session)))
        {
            session.close(ClientSession.CLOSE_SLOW, "bridge busy, try again later", nowNs);
        }
    }

    private void reject(final WsContext ws, final String reason)
    {
        ctx.stats().rejectedConnections.incrementAndGet();
        ws.closeSession(ClientSession.CLOSE_POLICY, reason);
    }

    private String token(final WsContext ws)
    {
        final String query = ws.queryParam("token");
        if (null != query)
        {
            return query;
        }
        final String authorization = ws.header("Authorization");
        if (null != authorization && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            return authorization.substring(7).trim();
        }
        return null;
    }

    private void onMessage(final WsMessageContext ws)
    {
        final ClientSession session = session(ws);
        if (null == session)
        {
            return;
        }
        final long nowNs = ctx.nanoClock().nanoTime();
        final int refused = session.rateLimit(nowNs, ctx.requestsPerSecond());
        if (refused > 0)
        {
            ctx.stats().badRequests.incrementAndGet();
            if (refused >= ctx.floodCloseThreshold())
            {
                session.close(ClientSession.CLOSE_POLICY, "request flood: more than " + ctx.requestsPerSecond() +
                    " requests/s", nowNs);
            }
            else if (1 == refused)
            {
                session.enqueue(Requests.error("null", "rate_limited", "more than " + ctx.requestsPerSecond() +
                    " requests/s; requests are dropped until the next second"), nowNs);
            }
            return;
        }

        final Requests.Parsed request = Requests.parse(ws.message(), BridgeConfiguration.MAX_BOOK_DEPTH);
        if (null != request.error())
        {
            badRequest(session, request.error());
            return;
        }
        final BridgeAgent.Command command;
        switch (request.op())
        {
            case "ping" ->
            {
                final StringBuilder pong = new StringBuilder(96);
                pong.append("{\"type\":\"pong\",\"id\":").append(request.idJson()).append(",\"time\":");
                Json.time(pong, ctx.epochClock().nanoTime()).append('}');
                session.enqueue(pong.toString(), nowNs);
                return;
            }
            case "subscribe" -> command =
                new BridgeAgent.Subscribe(session, request.subscription(), request.idJson());
            default -> command = new BridgeAgent.Unsubscribe(session, request.subscription(), request.idJson());
        }
        if (!commands.offer(command))
        {
            session.enqueue(Requests.error(request.idJson(), "busy", "bridge busy, try again"), nowNs);
        }
    }

    private void badRequest(final ClientSession session, final String error)
    {
        ctx.stats().badRequests.incrementAndGet();
        if (null != session)
        {
            session.enqueue(error, ctx.nanoClock().nanoTime());
        }
    }

    private void onClose(final WsCloseContext ws)
    {
        final ClientSession session = session(ws);
        if (null == session)
        {
            return;
        }
        session.onClosed();
        connections.decrementAndGet();
        final AtomicInteger perUser = connectionsByUser.get(session.user());
        if (null != perUser && ctx.authEnabled())
        {
            perUser.decrementAndGet();
        }
        while (!commands.offer(new BridgeAgent.Disconnect(session)))
        {
            Thread.onSpinWait();
        }
    }

    private void onError(final WsErrorContext ws)
    {
        if (ws.error() instanceof MessageTooLargeException ||
            ws.error() instanceof org.eclipse.jetty.websocket.core.exception.MessageTooLargeException)
        {
            ctx.stats().badRequests.incrementAndGet();
        }
    }

    private static ClientSession session(final WsContext ws)
    {
        return ws.attribute(SESSION_ATTRIBUTE);
    }

    /**
     * Settings of one bridge. {@link #conclude()} validates them and fills in defaults.
     */
    public static final class Context
    {
        private String aeronDirectoryName;
        private String channel = StreamIds.MERGED_UNTETHERED_CHANNEL;
        private int streamId = StreamIds.MERGED;
        private Profile profile = Profile.SHARED;
        private int fragmentLimit = BridgeConfiguration.FRAGMENT_LIMIT_DEFAULT;
        private long driverTimeoutMs = 10_000;
        private String host = BridgeConfiguration.HOST_DEFAULT;
        private int port = BridgeConfiguration.PORT_DEFAULT;
        private String path = BridgeConfiguration.PATH_DEFAULT;
        private boolean authEnabled = true;
        private TokenVerifier tokenVerifier;
        private String secretSource;
        private ServerTls tls;
        private List<String> allowedOrigins = List.of();
        private int maxConnections = BridgeConfiguration.MAX_CONNECTIONS_DEFAULT;
        private int maxConnectionsPerUser = BridgeConfiguration.MAX_CONNECTIONS_PER_USER_DEFAULT;
        private int queueCapacity = BridgeConfiguration.QUEUE_CAPACITY_DEFAULT;
        private long slowClientTimeoutNs = BridgeConfiguration.SLOW_CLIENT_TIMEOUT_MS_DEFAULT * 1_000_000L;
        private long closeGraceNs = BridgeConfiguration.CLOSE_GRACE_MS_DEFAULT * 1_000_000L;
        private long heartbeatIntervalNs = BridgeConfiguration.HEARTBEAT_INTERVAL_MS_DEFAULT * 1_000_000L;
        private long idleTimeoutMs = BridgeConfiguration.IDLE_TIMEOUT_MS_DEFAULT;
        private int maxFrameBytes = BridgeConfiguration.MAX_FRAME_BYTES_DEFAULT;
        private int requestsPerSecond = BridgeConfiguration.REQUESTS_PER_SECOND_DEFAULT;
        private int floodCloseThreshold = BridgeConfiguration.FLOOD_CLOSE_THRESHOLD_DEFAULT;
        private int maxSubscriptionsPerClient = BridgeConfiguration.MAX_SUBSCRIPTIONS_DEFAULT;
        private int recentTrades = BridgeConfiguration.RECENT_TRADES_DEFAULT;
        private BridgeStats stats;
        private NanoClock nanoClock;
        private EpochNanoClock epochClock;
        private ErrorHandler errorHandler;
        private boolean concluded;

        /**
         * Validate and fill in defaults: the token verifier from {@link JwtSecret#fromEnvironment(Map)} when auth
         * is on and none was given.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (null == aeronDirectoryName)
            {
                throw new IllegalArgumentException("aeron directory required");
            }
            positive("port", port + 1);
            positive("queue capacity", queueCapacity);
            positive("slow-client timeout", slowClientTimeoutNs);
            positive("heartbeat interval", heartbeatIntervalNs);
            positive("max frame bytes", maxFrameBytes);
            positive("requests per second", requestsPerSecond);
            positive("flood close threshold", floodCloseThreshold);
            positive("max connections", maxConnections);
            positive("max connections per user", maxConnectionsPerUser);
            positive("recent trades", recentTrades);
            if (!path.startsWith("/"))
            {
                throw new IllegalArgumentException("path must start with /: " + path);
            }
            if (authEnabled && null == tokenVerifier)
            {
                final JwtSecret secret = JwtSecret.fromEnvironment(System.getenv());
                tokenVerifier = new TokenVerifier(secret);
                secretSource = secret.toString();
            }
            if (null == stats)
            {
                stats = new BridgeStats();
            }
            if (null == nanoClock)
            {
                nanoClock = SystemNanoClock.INSTANCE;
            }
            if (null == epochClock)
            {
                epochClock = new SystemEpochNanoClock();
            }
            if (null == errorHandler)
            {
                errorHandler = new ReportOnceErrorHandler("bridge", System.err);
            }
            concluded = true;
            return this;
        }

        private static void positive(final String name, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        /**
         * @return Aeron directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * @param aeronDirectoryName Aeron directory.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * @return channel of the merged stream (untethered by default).
         */
        public String channel()
        {
            return channel;
        }

        /**
         * @param channel channel of the merged stream.
         * @return this.
         */
        public Context channel(final String channel)
        {
            this.channel = channel;
            return this;
        }

        /**
         * @return stream id of the merged stream.
         */
        public int streamId()
        {
            return streamId;
        }

        /**
         * @param streamId stream id.
         * @return this.
         */
        public Context streamId(final int streamId)
        {
            this.streamId = streamId;
            return this;
        }

        /**
         * @return profile (idle strategy of the agent).
         */
        public Profile profile()
        {
            return profile;
        }

        /**
         * @param profile profile.
         * @return this.
         */
        public Context profile(final Profile profile)
        {
            this.profile = profile;
            return this;
        }

        /**
         * @return fragments per poll.
         */
        public int fragmentLimit()
        {
            return fragmentLimit;
        }

        /**
         * @param fragmentLimit fragments per poll.
         * @return this.
         */
        public Context fragmentLimit(final int fragmentLimit)
        {
            this.fragmentLimit = fragmentLimit;
            return this;
        }

        /**
         * @return how long to wait for the driver on (re)connect, ms.
         */
        public long driverTimeoutMs()
        {
            return driverTimeoutMs;
        }

        /**
         * @param driverTimeoutMs how long to wait for the driver on (re)connect, ms.
         * @return this.
         */
        public Context driverTimeoutMs(final long driverTimeoutMs)
        {
            this.driverTimeoutMs = driverTimeoutMs;
            return this;
        }

        /**
         * @return listen address.
         */
        public String host()
        {
            return host;
        }

        /**
         * @param host listen address.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * @return port (0: any free port).
         */
        public int port()
        {
            return port;
        }

        /**
         * @param port port (0: any free port).
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @return WebSocket path.
         */
        public String path()
        {
            return path;
        }

        /**
         * @param path WebSocket path.
         * @return this.
         */
        public Context path(final String path)
        {
            this.path = path;
            return this;
        }

        /**
         * @return whether a token is required.
         */
        public boolean authEnabled()
        {
            return authEnabled;
        }

        /**
         * @param authEnabled whether a token is required (off: development and demo only).
         * @return this.
         */
        public Context authEnabled(final boolean authEnabled)
        {
            this.authEnabled = authEnabled;
            return this;
        }

        /**
         * @return token verifier.
         */
        public TokenVerifier tokenVerifier()
        {
            return tokenVerifier;
        }

        /**
         * @param tokenVerifier token verifier.
         * @return this.
         */
        public Context tokenVerifier(final TokenVerifier tokenVerifier)
        {
            this.tokenVerifier = tokenVerifier;
            this.secretSource = "verifier given";
            return this;
        }

        String secretSource()
        {
            return secretSource;
        }

        /**
         * @return TLS settings, or null for plain {@code ws://}.
         */
        public ServerTls tls()
        {
            return tls;
        }

        /**
         * @param tls TLS settings (the bridge then serves {@code wss://} only), or null for plain {@code ws://}.
         * @return this.
         */
        public Context tls(final ServerTls tls)
        {
            this.tls = tls;
            return this;
        }

        /**
         * @return allowed origins; empty: same host only; {@code *}: any.
         */
        public List<String> allowedOrigins()
        {
            return allowedOrigins;
        }

        /**
         * @param allowedOrigins allowed origins, e.g. {@code https://dash.example.com}; empty: same host only.
         * @return this.
         */
        public Context allowedOrigins(final List<String> allowedOrigins)
        {
            this.allowedOrigins = List.copyOf(allowedOrigins);
            return this;
        }

        /**
         * @return connections in all.
         */
        public int maxConnections()
        {
            return maxConnections;
        }

        /**
         * @param maxConnections connections in all.
         * @return this.
         */
        public Context maxConnections(final int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * @return connections per user (auth on).
         */
        public int maxConnectionsPerUser()
        {
            return maxConnectionsPerUser;
        }

        /**
         * @param maxConnectionsPerUser connections per user (auth on).
         * @return this.
         */
        public Context maxConnectionsPerUser(final int maxConnectionsPerUser)
        {
            this.maxConnectionsPerUser = maxConnectionsPerUser;
            return this;
        }

        /**
         * @return outbound queue capacity per client, messages.
         */
        public int queueCapacity()
        {
            return queueCapacity;
        }

        /**
         * @param queueCapacity outbound queue capacity per client, messages.
         * @return this.
         */
        public Context queueCapacity(final int queueCapacity)
        {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * @return how long a full queue is tolerated, ns.
         */
        public long slowClientTimeoutNs()
        {
            return slowClientTimeoutNs;
        }

        /**
         * @param slowClientTimeoutNs how long a full queue is tolerated, ns.
         * @return this.
         */
        public Context slowClientTimeoutNs(final long slowClientTimeoutNs)
        {
            this.slowClientTimeoutNs = slowClientTimeoutNs;
            return this;
        }

        /**
         * @return how long a close handshake may take, ns.
         */
        public long closeGraceNs()
        {
            return closeGraceNs;
        }

        /**
         * @param closeGraceNs how long a close handshake may take, ns.
         * @return this.
         */
        public Context closeGraceNs(final long closeGraceNs)
        {
            this.closeGraceNs = closeGraceNs;
            return this;
        }

        /**
         * @return heartbeat interval, ns.
         */
        public long heartbeatIntervalNs()
        {
            return heartbeatIntervalNs;
        }

        /**
         * @param heartbeatIntervalNs heartbeat interval, ns.
         * @return this.
         */
        public Context heartbeatIntervalNs(final long heartbeatIntervalNs)
        {
            this.heartbeatIntervalNs = heartbeatIntervalNs;
            return this;
        }

        /**
         * @return WebSocket idle timeout, ms.
         */
        public long idleTimeoutMs()
        {
            return idleTimeoutMs;
        }

        /**
         * @param idleTimeoutMs WebSocket idle timeout, ms.
         * @return this.
         */
        public Context idleTimeoutMs(final long idleTimeoutMs)
        {
            this.idleTimeoutMs = idleTimeoutMs;
            return this;
        }

        /**
         * @return largest client frame, bytes.
         */
        public int maxFrameBytes()
        {
            return maxFrameBytes;
        }

        /**
         * @param maxFrameBytes largest client frame, bytes.
         * @return this.
         */
        public Context maxFrameBytes(final int maxFrameBytes)
        {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * @return requests per second per client.
         */
        public int requestsPerSecond()
        {
            return requestsPerSecond;
        }

        /**
         * @param requestsPerSecond requests per second per client.
         * @return this.
         */
        public Context requestsPerSecond(final int requestsPerSecond)
        {
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        /**
         * @return refused requests in a second that close the client.
         */
        public int floodCloseThreshold()
        {
            return floodCloseThreshold;
        }

        /**
         * @param floodCloseThreshold refused requests in a second that close the client.
         * @return this.
         */
        public Context floodCloseThreshold(final int floodCloseThreshold)
        {
            this.floodCloseThreshold = floodCloseThreshold;
            return this;
        }

        /**
         * @return subscriptions per connection.
         */
        public int maxSubscriptionsPerClient()
        {
            return maxSubscriptionsPerClient;
        }

        /**
         * @param maxSubscriptionsPerClient subscriptions per connection.
         * @return this.
         */
        public Context maxSubscriptionsPerClient(final int maxSubscriptionsPerClient)
        {
            this.maxSubscriptionsPerClient = maxSubscriptionsPerClient;
            return this;
        }

        /**
         * @return recent trades kept per instrument.
         */
        public int recentTrades()
        {
            return recentTrades;
        }

        /**
         * @param recentTrades recent trades kept per instrument.
         * @return this.
         */
        public Context recentTrades(final int recentTrades)
        {
            this.recentTrades = recentTrades;
            return this;
        }

        /**
         * @return totals.
         */
        public BridgeStats stats()
        {
            return stats;
        }

        /**
         * @param stats totals.
         * @return this.
         */
        public Context stats(final BridgeStats stats)
        {
            this.stats = stats;
            return this;
        }

        /**
         * @return monotonic clock.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * @param nanoClock monotonic clock.
         * @return this.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * @return epoch clock for times on the wire.
         */
        public EpochNanoClock epochClock()
        {
            return epochClock;
        }

        /**
         * @param epochClock epoch clock.
         * @return this.
         */
        public Context epochClock(final EpochNanoClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * @return error handler of the agent and its Aeron client.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * @param errorHandler error handler.
         * @return this.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}
