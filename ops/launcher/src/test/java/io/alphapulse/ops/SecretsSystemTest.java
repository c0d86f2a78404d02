/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CommonContext;
import io.alphapulse.auth.JwtSecret;
import io.alphapulse.auth.Role;
import io.alphapulse.auth.TokenIssuer;
import io.alphapulse.auth.tls.DevelopmentKeystore;
import io.alphapulse.auth.tls.ServerTls;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.PulseDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets reach processes only through the environment or owner-only files, and never leave them: a run with known
 * secret values, then every byte the processes wrote (stdout, stderr, Aeron's error logs and counters, PostgreSQL's
 * files) is searched for them.
 * <ul>
 * <li>A bridge with auth on (JWT key from {@code ALPHAPULSE_JWT_SECRET}) and TLS (keystore password from
 * {@code ALPHAPULSE_TLS_KEYSTORE_PASSWORD}) serves trades over {@code wss://} to a client with a token; a second bridge
 * takes both from owner-only files ({@code --jwt-secret-file}, {@code --tls-keystore-password-file}).</li>
 * <li>A writer logs in to PostgreSQL with a password-protected role (SCRAM; password from
 * {@code ALPHAPULSE_DB_PASSWORD}) and stores trades; another writer with a wrong password is refused by the server
 * and says so.</li>
 * <li>A bridge given a JWT key file or a keystore password file that group or others can read refuses to start, says
 * {@code chmod 600}, and prints no secret.</li>
 * </ul>
 * Searched for: the JWT key, the keystore password, the right and the wrong database passwords, and the client's
 * token.
 */
class SecretsSystemTest
{
    private static final String JWT_SECRET = "jwt-key-SecretsSystemTest-0123456789-abcdefghij";
    private static final String JWT_FILE_SECRET = "jwt-key-from-file-SecretsSystemTest-9876543210-zyx";
    private static final String TLS_PASSWORD = "tls-pass-SecretsSystemTest-5f3a9c";
    private static final String DB_PASSWORD = "db-pass-SecretsSystemTest-71be04";
    private static final String WRONG_DB_PASSWORD = "db-wrong-SecretsSystemTest-c0ffee";
    private static final String DB_USER = "pulse_secret_writer";

    @TempDir
    Path tempDir;

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private Path aeronDir;
    private Path varDir;
    private Path secretsDir;

    @AfterEach
    void tearDown()
    {
        final List<Process> started = new ArrayList<>(processes.values());
        for (int i = started.size() - 1; i >= 0; i--)
        {
            started.get(i).destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void noSecretAppearsInAnyOutputAndOpenSecretFilesAreRefused() throws Exception
    {
        aeronDir = tempDir.resolve("aeron");
        varDir = tempDir.resolve("var");
        secretsDir = Files.createDirectories(tempDir.resolve("secrets"));
        final Path keystore = DevelopmentKeystore.generate(secretsDir.resolve("bridge.p12"), TLS_PASSWORD.toCharArray());
        final Path jwtFile = secretFile("jwt.secret", JWT_FILE_SECRET + "\n", "rw-------");
        final Path tlsPasswordFile = secretFile("tls.password", TLS_PASSWORD + "\n", "rw-------");
        final Path openJwtFile = secretFile("open-jwt.secret", JWT_FILE_SECRET, "rw-r--r--");
        final Path openTlsPasswordFile = secretFile("open-tls.password", TLS_PASSWORD, "rw-r-----");

        // Refusals first: quick, and they need no driver (the check comes before anything else).
        final String refusedJwt = runToExit("bridge-open-jwt-file", Map.of(), "bridge", "--aeron-dir",
            aeronDir.toString(), "--port", "0", "--jwt-secret-file", openJwtFile.toString());
        assertTrue(refusedJwt.contains("JWT secret file " + openJwtFile + " is accessible to group or others"),
            refusedJwt);
        assertTrue(refusedJwt.contains("chmod 600 " + openJwtFile), refusedJwt);
        final String refusedTls = runToExit("bridge-open-tls-password-file", Map.of(), "bridge", "--aeron-dir",
            aeronDir.toString(), "--port", "0", "--auth", "off", "--tls-keystore", keystore.toString(),
            "--tls-keystore-password-file", openTlsPasswordFile.toString());
        assertTrue(refusedTls.contains("TLS keystore password file " + openTlsPasswordFile +
            " is accessible to group or others"), refusedTls);

        start("media-driver", Map.of(), "media-driver", "--aeron-dir", aeronDir.toString(),
            "--archive-dir", varDir.resolve("archive").toString());
        await("media driver", () -> CommonContext.isDriverActive(aeronDir.toFile(), 1_000, (ignore) -> {}));
        start("postgres", Map.of(), "postgres", "--var-dir", varDir.toString());
        await("embedded PostgreSQL", () -> null != EmbeddedPostgresServer.liveUrl(varDir));
        final String dbUrl = EmbeddedPostgresServer.liveUrl(varDir);
        requirePasswordFor(DB_USER);

        start("relay", Map.of(), "relay", "--aeron-dir", aeronDir.toString(),
            "--index-dir", varDir.resolve("index").toString(),
            "--checkpoint", varDir.resolve("relay").resolve("checkpoint.dat").toString());
        await("relay", () -> counterExists(io.alphapulse.driver.RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay"));
        start("writer", Map.of("ALPHAPULSE_DB_PASSWORD", DB_PASSWORD), "writer", "--aeron-dir", aeronDir.toString(),
            "--var-dir", varDir.toString(), "--db-url", dbUrl, "--db-user", DB_USER);
        start("writer-wrong-password", Map.of("ALPHAPULSE_DB_PASSWORD", WRONG_DB_PASSWORD), "writer",
            "--aeron-dir", aeronDir.toString(), "--var-dir", varDir.toString(), "--db-url", dbUrl,
            "--db-user", DB_USER, "--name", "writer-wrong-password");
        final int bridgePort = SystemTests.freePort();
        start("bridge-env", Map.of("ALPHAPULSE_JWT_SECRET", JWT_SECRET, ServerTls.PASSWORD_ENV_NAME, TLS_PASSWORD),
            "bridge", "--aeron-dir", aeronDir.toString(), "--port", Integer.toString(bridgePort),
            "--tls-keystore", keystore.toString());
        final int fileBridgePort = SystemTests.freePort();
        start("bridge-files", Map.of(), "bridge", "--aeron-dir", aeronDir.toString(),
            "--port", Integer.toString(fileBridgePort), "--jwt-secret-file", jwtFile.toString(),
            "--tls-keystore", keystore.toString(), "--tls-keystore-password-file", tlsPasswordFile.toString());
        start("collector-kraken", Map.of(), "collector", "--exchange", "kraken", "--symbols", "BTC-USD,ETH-USD",
            "--source", "synthetic", "--rate", "200", "--aeron-dir", aeronDir.toString(),
            "--instruments-file", varDir.resolve("instruments-kraken.csv").toString());

        final SSLContext trusting = DevelopmentKeystore.trusting(keystore, TLS_PASSWORD.toCharArray());
        final String token = new TokenIssuer(JwtSecret.of(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "test"))
            .issue("alice", EnumSet.of(Role.VIEWER));
        final String fileToken = new TokenIssuer(JwtSecret.of(JWT_FILE_SECRET.getBytes(StandardCharsets.UTF_8),
            "test")).issue("bob", EnumSet.of(Role.VIEWER));
        awaitTradeOverWss(trusting, bridgePort, token);
        awaitTradeOverWss(trusting, fileBridgePort, fileToken);
        await("trades stored by the writer logging in with its password", () -> storedTrades() > 0);
        await("the wrong-password writer to report the refusal",
            () -> log("writer-wrong-password").contains("password authentication failed for user \"" + DB_USER +
            "\""));

        final List<String> secrets = List.of(JWT_SECRET, JWT_FILE_SECRET, TLS_PASSWORD, DB_PASSWORD,
            WRONG_DB_PASSWORD, token, fileToken);
        final Set<Path> secretFiles = Set.of(jwtFile, tlsPasswordFile, openJwtFile, openTlsPasswordFile);
        assertEquals(List.of(), findSecrets(secrets, secretFiles), "secrets found while running");

        // A clean stop prints each process's summary: search that too.
        final List<String> names = new ArrayList<>(processes.keySet());
        for (int i = names.size() - 1; i >= 0; i--)
        {
            final Process process = processes.remove(names.get(i));
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(log("bridge-env").contains("tls on (TLS keystore " + keystore), log("bridge-env"));
        assertTrue(log("bridge-env").contains("password from environment " + ServerTls.PASSWORD_ENV_NAME),
            log("bridge-env"));
        assertTrue(log("bridge-files").contains("password from file " + tlsPasswordFile), log("bridge-files"));
        assertTrue(log("writer").contains("password=(set)"), log("writer"));
        assertEquals(List.of(), findSecrets(secrets, secretFiles), "secrets found after the run");
    }

    /**
     * Every file under the test directory (logs, Aeron directories, archive, PostgreSQL's data and logs) except the
     * secret files the test wrote on purpose, searched for each secret as bytes.
     */
    private List<String> findSecrets(final List<String> secrets, final Set<Path> secretFiles) throws IOException
    {
        final List<String> found = new ArrayList<>();
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(tempDir))
        {
            files = walk.filter(Files::isRegularFile).filter((f) -> !secretFiles.contains(f))
                .filter((f) -> !f.getFileName().toString().endsWith(".p12")).toList();
        }
        assertTrue(files.size() > 10, "files to search: " + files);
        for (final Path file : files)
        {
            final String content;
            try
            {
                content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            }
            catch (final IOException ex)
            {
                continue; // Removed while walking (a process's temporary file).
            }
            for (final String secret : secrets)
            {
                if (content.contains(secret))
                {
                    found.add(tempDir.relativize(file) + " contains secret #" + secrets.indexOf(secret));
                }
            }
        }
        return found;
    }

    private void requirePasswordFor(final String user) throws Exception
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect();
            Statement statement = connection.createStatement())
        {
            statement.execute("create role " + user + " login superuser");
            // Hashed here (SCRAM verifier), so the password itself never reaches the server or its logs.
            connection.unwrap(PGConnection.class).alterUserPassword(user, DB_PASSWORD.toCharArray(),
                "scram-sha-256");
            final String hbaFile;
            try (ResultSet rows = statement.executeQuery("show hba_file"))
            {
                rows.next();
                hbaFile = rows.getString(1);
            }
            final Path hba = Path.of(hbaFile);
            final String rules = "host all " + user + " 127.0.0.1/32 scram-sha-256\n" +
                "host all " + user + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba));
            statement.execute("select pg_reload_conf()");
        }
    }

    private long storedTrades()
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect();
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("select count(*) from trades"))
        {
            rows.next();
            return rows.getLong(1);
        }
        catch (final Exception ex)
        {
            return 0; // Not migrated yet.
        }
    }

    private void awaitTradeOverWss(final SSLContext sslContext, final int port, final String token) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SystemTests.READY_TIMEOUT_MS);
        try (HttpClient http = HttpClient.newBuilder().sslContext(sslContext).build())
        {
            while (true)
            {
                final CountDownLatch trade = new CountDownLatch(1);
                try
                {
                    final WebSocket socket = http.newWebSocketBuilder()
                        .buildAsync(URI.create("wss://127.0.0.1:" + port + "/ws/v1?token=" + token),
                            new WebSocket.Listener()
                            {
                                public CompletionStage<?> onText(final WebSocket ws, final CharSequence data,
                                    final boolean last)
                                {
                                    if (data.toString().contains("\"trade\""))
                                    {
                                        trade.countDown();
                                    }
                                    ws.request(1);
                                    return null;
                                }
                            }).get(10, TimeUnit.SECONDS);
                    socket.sendText("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"*\"," +
                        "\"symbol\":\"*\",\"id\":\"t\"}", true);
                    final boolean served = trade.await(10, TimeUnit.SECONDS);
                    socket.abort();
                    if (served)
                    {
                        return;
                    }
                }
                catch (final Exception ex)
                {
                    // Not up yet.
                }
                assertTrue(System.nanoTime() - deadlineNs < 0, "no trades over wss:// on port " + port +
                    "; logs in " + tempDir);
                Thread.sleep(500);
            }
        }
    }

    private Path secretFile(final String name, final String content, final String mode) throws IOException
    {
        final Path file = secretsDir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private String runToExit(final String name, final Map<String, String> env, final String... args)
        throws Exception
    {
        final Process process = start(name, env, args);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), name + " did not exit");
        processes.remove(name);
        assertNotEquals(0, process.exitValue(), name + " started: " + log(name));
        final String output = log(name);
        assertFalse(output.contains(JWT_FILE_SECRET) || output.contains(TLS_PASSWORD), output);
        return output;
    }

    private Process start(final String name, final Map<String, String> env, final String... args) throws IOException
    {
        final File target = new File("target");
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + tempDir,
            "-cp", new File(target, "alphapulse-launcher.jar").getAbsolutePath() + File.pathSeparator +
                new File(target, "lib").getAbsolutePath() + File.separator + "*",
            Pulse.class.getName()));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(tempDir.resolve(name + ".log").toFile()));
        builder.environment().keySet().removeIf((key) -> key.startsWith("ALPHAPULSE_"));
        builder.environment().putAll(env);
        final Process process = builder.start();
        processes.put(name, process);
        return process;
    }

    private String log(final String name)
    {
        try
        {
            return Files.readString(tempDir.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            return "";
        }
    }

    private void await(final String what, final BooleanSupplier ready) throws InterruptedException
    {
        SystemTests.await(what, ready, tempDir);
    }

    private boolean counterExists(final int typeId, final String labelPart)
    {
        return SystemTests.counterExists(aeronDir, typeId, labelPart);
    }
}
