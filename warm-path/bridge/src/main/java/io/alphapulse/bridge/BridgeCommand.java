/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.alphapulse.auth.JwtSecret;
import io.alphapulse.auth.TokenVerifier;
import io.alphapulse.auth.tls.ServerTls;
import io.alphapulse.driver.DriverLoss;
import io.alphapulse.driver.MediaDriverConfiguration;
import io.alphapulse.driver.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pulse bridge}.
 */
@Command(
    name = "bridge",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 120,
    description = {
        "Serve live market data to dashboards over WebSocket (JSON, protocol v1: warm-path/bridge/PROTOCOL.md).",
        "Clients subscribe to trades, book (top N levels), ticker, candles (1 minute) and status (feed health),",
        "filtered by exchange and symbol; they get a snapshot, then updates. Decimals are exact strings, times",
        "ISO-8601 UTC with nanoseconds. Book and ticker conflate for a slow client; a client that stays behind is",
        "closed (1013) without affecting anyone else.",
        "",
        "Reads the merged stream 2001 on aeron:ipc?tether=false, so it can never slow the engine; if the driver",
        "times it out it reconnects and reports what it skipped. Needs a running media driver and relay.",
        "",
        "Auth is on by default: a token (JWT HS256 from the API) in the query (?token=...) or an Authorization",
        "header; the key comes from ALPHAPULSE_JWT_SECRET or a file only its owner can read",
        "(ALPHAPULSE_JWT_SECRET_FILE or --jwt-secret-file). --auth off is for development and the demo.",
        "",
        "TLS: --tls-keystore FILE (PKCS12, mode 600) serves wss:// only; its password comes from",
        "--tls-keystore-password-file FILE (mode 600) or ALPHAPULSE_TLS_KEYSTORE_PASSWORD, never the command line."
    })
public final class BridgeCommand implements Callable<Integer>
{
    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "Aeron directory (default: aeron.dir, ALPHAPULSE_AERON_DIR, or /dev/shm/alphapulse-<user>).")
    String aeronDir;

    @Option(names = "--profile", paramLabel = "NAME", description = "shared (default) or low-latency.")
    String profile;

    @Option(names = "--host", paramLabel = "ADDR", description = "Listen address (default: ${DEFAULT-VALUE}).")
    String host = BridgeConfiguration.HOST_DEFAULT;

    @Option(names = "--port", paramLabel = "N", description = "TCP port, 0 for any (default: ${DEFAULT-VALUE}).")
    int port = BridgeConfiguration.PORT_DEFAULT;

    @Option(names = "--path", paramLabel = "PATH", description = "WebSocket path (default: ${DEFAULT-VALUE}).")
    String path = BridgeConfiguration.PATH_DEFAULT;

    @Option(names = "--auth", paramLabel = "on|off", description = "Require a token (default: ${DEFAULT-VALUE}).")
    String auth = "on";

    @Option(names = "--jwt-secret-file", paramLabel = "FILE",
        description = "File holding the JWT key (mode 600); default: ALPHAPULSE_JWT_SECRET, then " +
        "ALPHAPULSE_JWT_SECRET_FILE.")
    Path jwtSecretFile;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "PKCS12 keystore with the server key and certificate (mode 600); serve wss:// only " +
        "(default: none, plain ws://).")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
        description = "File holding the keystore password (mode 600); default: ALPHAPULSE_TLS_KEYSTORE_PASSWORD.")
    Path tlsKeystorePasswordFile;

    @Option(names = "--allowed-origin", split = ",", paramLabel = "ORIGIN",
        description = "Browser origins allowed, e.g. https://dash.example.com; * for any (default: the bridge's " +
        "own host only). Clients that send no Origin (not browsers) are allowed.")
    List<String> allowedOrigins = List.of();

    @Option(names = "--max-connections", paramLabel = "N", description = "Connections in all (default: " +
        "${DEFAULT-VALUE}).")
    int maxConnections = BridgeConfiguration.MAX_CONNECTIONS_DEFAULT;

    @Option(names = "--max-connections-per-user", paramLabel = "N",
        description = "Connections per user, auth on (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerUser = BridgeConfiguration.MAX_CONNECTIONS_PER_USER_DEFAULT;

    @Option(names = "--queue-capacity", paramLabel = "N",
        description = "Outbound messages queued per client before it counts as behind (default: ${DEFAULT-VALUE}).")
    int queueCapacity = BridgeConfiguration.QUEUE_CAPACITY_DEFAULT;

    @Option(names = "--slow-client-timeout-ms", paramLabel = "MS",
        description = "How long a client may stay behind (queue full) before it is closed (default: " +
        "${DEFAULT-VALUE}).")
    long slowClientTimeoutMs = BridgeConfiguration.SLOW_CLIENT_TIMEOUT_MS_DEFAULT;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", description = "Server heartbeat interval (default: " +
        "${DEFAULT-VALUE}).")
    long heartbeatMs = BridgeConfiguration.HEARTBEAT_INTERVAL_MS_DEFAULT;

    @Option(names = "--max-frame-bytes", paramLabel = "N",
        description = "Largest client frame; larger closes with 1009 (default: ${DEFAULT-VALUE}).")
    int maxFrameBytes = BridgeConfiguration.MAX_FRAME_BYTES_DEFAULT;

    @Option(names = "--requests-per-second", paramLabel = "N",
        description = "Client requests per second before rate_limited errors (default: ${DEFAULT-VALUE}).")
    int requestsPerSecond = BridgeConfiguration.REQUESTS_PER_SECOND_DEFAULT;

    /**
     * Run until Ctrl-C.
     *
     * @return exit code.
     */
    public Integer call() throws Exception
    {
        final boolean authOn = switch (auth.toLowerCase(Locale.ROOT))
        {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("--auth must be on or off: " + auth);
        };
        final Bridge.Context ctx = new Bridge.Context()
            .aeronDirectoryName(null != aeronDir ? aeronDir : MediaDriverConfiguration.aeronDirectoryName())
            .profile(null == profile ? MediaDriverConfiguration.profile() : Profile.fromName(profile))
            .host(host)
            .port(port)
            .path(path)
            .authEnabled(authOn)
            .allowedOrigins(allowedOrigins)
            .maxConnections(maxConnections)
            .maxConnectionsPerUser(maxConnectionsPerUser)
            .queueCapacity(queueCapacity)
            .slowClientTimeoutNs(slowClientTimeoutMs * 1_000_000L)
            .heartbeatIntervalNs(heartbeatMs * 1_000_000L)
            .maxFrameBytes(maxFrameBytes)
            .requestsPerSecond(requestsPerSecond)
            .tls(ServerTls.fromOptions(tlsKeystore, tlsKeystorePasswordFile, System.getenv()));
        if (authOn && null != jwtSecretFile)
        {
            final JwtSecret secret = JwtSecret.fromFile(jwtSecretFile);
            ctx.tokenVerifier(new TokenVerifier(secret));
        }
        // The bridge outlives its media driver: it reconnects by itself (and tells its clients), so it only waits
        // for the driver at start rather than exiting when it goes (see io.alphapulse.driver.DriverLoss).
        final long waitMs = Long.parseLong(MediaDriverConfiguration.property(DriverLoss.WAIT_MS_PROP_NAME,
            DriverLoss.WAIT_MS_ENV_NAME, Long.toString(DriverLoss.WAIT_MS_DEFAULT)));
        if (!DriverLoss.awaitDriver("bridge", ctx.aeronDirectoryName(), waitMs, System.out))
        {
            System.out.println("bridge: no media driver at " + ctx.aeronDirectoryName() + " after " + waitMs +
                " ms; exiting with status " + DriverLoss.EXIT_STATUS + " so the supervisor restarts me");
            return DriverLoss.EXIT_STATUS;
        }
        Bridge.runUntilShutdown(ctx, System.out);
        return 0;
    }

    /**
     * Entry point without the launcher (system tests).
     *
     * @param args options as for {@code pulse bridge}.
     */
    public static void main(final String[] args)
    {
        System.exit(new picocli.CommandLine(new BridgeCommand()).execute(args));
    }
}
