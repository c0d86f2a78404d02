/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code pulse demo} as a real process from the packaged launcher, as {@code ops/pulse demo} does.
 */
class DemoSystemTest
{
    /**
     * The JVM's exit status after a SIGTERM-initiated shutdown whose hooks completed (128 + 15).
     */
    private static final int SIGTERM_EXIT_CODE = 143;

    /**
     * Every process the demo starts.
     */
    private static final List<String> COMPONENTS = List.of("media-driver", "postgres", "relay", "writer", "bridge",
        "collector-kraken", "collector-coinbase", "collector-binance", "ledger", "venue", "projector", "engine", "api");

    @TempDir
    Path tempDir;

    private Process demo;
    private BufferedReader demoOutput;

    @AfterEach
    void tearDown()
    {
        if (null != demo)
        {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldStartReportAndStopCleanly() throws Exception
    {
        final Path aeronDir = tempDir.resolve("aeron");
        final int bridgePort = SystemTests.freePort();
        final int apiPort = SystemTests.freePort();
        demo = startDemo(aeronDir, bridgePort, SystemTests.freeUdpPorts(5), apiPort);
        final List<String> output = awaitLine("demo running");
        assertTrue(output.stream().anyMatch((line) -> line.startsWith("media-driver")), String.join("\n", output));

        for (final String component : COMPONENTS)
        {
            assertTrue(output.stream().anyMatch((line) -> line.startsWith(component + " ")),
                component + " missing from:\n" + String.join("\n", output));
        }
        final List<ProcessHandle> children = demo.children().toList();
        assertEquals(COMPONENTS.size(), children.size(), "one child per component: " + children);
        final List<ProcessHandle> descendants = demo.descendants().toList();

        // Data flows end to end: every collector publishes and the relay forwards every exchange (read from
        // another process with pulse stat, as an operator would).
        final List<String> flowing = List.of(
            "collector messages published: exchange=KRAKEN", "collector messages published: exchange=COINBASE",
            "collector messages published: exchange=BINANCE", "relay messages: exchange=KRAKEN",
            "relay messages: exchange=COINBASE", "relay messages: exchange=BINANCE",
            "writer rows: table=trades", "bridge messages received");
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String statOutput;
        while (true)
        {
            final Process stat = pulse("stat", "--aeron-dir", aeronDir.toString()).start();
            statOutput = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, stat.waitFor());
            final String snapshot = statOutput;
            if (statOutput.contains("Bytes sent") && flowing.stream().allMatch((label) -> positive(snapshot, label)))
            {
                break;
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, "data not flowing through every component:\n" + statOutput);
        }

        assertTrue(bridgeServesTrades(bridgePort), "no trade reached a dashboard WebSocket client");

        // The dashboard: the demo printed its URL and login, and the login works.
        final String dashboardLine = output.stream().filter((line) -> line.startsWith("dashboard: ")).findFirst()
            .orElseThrow(() -> new AssertionError("no dashboard line in:\n" + String.join("\n", output)));
        assertTrue(dashboardLine.contains("http://127.0.0.1:" + apiPort + "/"), dashboardLine);
        final String password = dashboardLine.replaceAll(".*password (\\S+).*", "$1");
        final java.net.http.HttpResponse<String> login = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + apiPort + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"username\":\"admin\",\"password\":\"" + password + "\"}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.body().contains("accessToken"), login.body());
        final java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + apiPort + "/")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(rowsStored(tempDir.resolve("var"), "trades") > 0, "no trade reached the database");
        // The engine's strategy trades: its orders reach the ledger, are filled by the paper venue, and the
        // projector stores both.
        assertTrue(rowsStored(tempDir.resolve("var"), "trading_orders") > 0, "no order reached the database");
        assertTrue(rowsStored(tempDir.resolve("var"), "trading_fills") > 0, "no fill reached the database");
        final Process ledgerStat = pulse("stat", "--once", "--aeron-dir", aeronDir + "-ledger-0").start();
        final String ledgerOutput = new String(ledgerStat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ledgerStat.waitFor());
        assertTrue(positive(ledgerOutput, "ledger orders accepted"), ledgerOutput);

        demo.toHandle().destroy();
        final List<String> rest = awaitLine("demo stopped");
        final int exitCode = demo.waitFor();
        assertTrue(rest.stream().anyMatch((line) -> line.startsWith("stopping media-driver")), rest.toString());
        assertTrue(rest.stream().anyMatch((line) -> line.startsWith("stopping collector-kraken")), rest.toString());
        assertTrue(rest.stream().anyMatch((line) -> line.startsWith("stopping relay")), rest.toString());
        assertTrue(0 == exitCode || SIGTERM_EXIT_CODE == exitCode, "exit code " + exitCode);
        for (final ProcessHandle descendant : descendants)
        {
            descendant.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(descendant.isAlive(), "orphan left behind: " + descendant.pid() + " " +
                descendant.info().command().orElse(""));
        }
        assertFalse(Files.exists(aeronDir), "stale Aeron directory left behind");
        assertTrue(Files.isDirectory(tempDir.resolve("var/archive")), "archive kept for the next run");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void childrenShouldStopWhenTheSupervisorIsKilled() throws Exception
    {
        demo = startDemo(tempDir.resolve("aeron"), SystemTests.freePort(), SystemTests.freeUdpPorts(5),
            SystemTests.freePort());
        awaitLine("demo running");
        final List<ProcessHandle> children = demo.descendants().toList();

        demo.destroyForcibly().waitFor();
        for (final ProcessHandle child : children)
        {
            child.onExit().get(30, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), "orphan left behind: " + child.pid());
        }
    }

    private static boolean positive(final String statOutput, final String label)
    {
        for (final String line : statOutput.split("\n"))
        {
            if (line.contains(label))
            {
                final String[] columns = line.trim().split("\\s+");
                return Long.parseLong(columns[2].replace(",", "")) > 0;
            }
        }
        return false;
    }

    private Process startDemo(
        final Path aeronDir, final int bridgePort, final int ledgerBasePort, final int apiPort) throws IOException
    {
        final Process process = pulse("demo", "--var-dir", tempDir.resolve("var").toString(),
            "--aeron-dir", aeronDir.toString(), "--bridge-port", Integer.toString(bridgePort),
            "--ledger-base-port", Integer.toString(ledgerBasePort), "--api-port", Integer.toString(apiPort)).start();
        demoOutput = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return process;
    }


    private static boolean bridgeServesTrades(final int port) throws Exception
    {
        final java.util.concurrent.CountDownLatch trade = new java.util.concurrent.CountDownLatch(1);
        final java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/ws/v1"), new java.net.http.WebSocket.Listener()
            {
                public java.util.concurrent.CompletionStage<?> onText(
                    final java.net.http.WebSocket ws, final CharSequence data, final boolean last)
                {
                    if (data.toString().contains("\"trade\""))
                    {
                        trade.countDown();
                    }
                    ws.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"*\",\"symbol\":\"*\"}", true);
        final boolean served = trade.await(20, TimeUnit.SECONDS);
        socket.abort();
        return served;
    }

    private static long rowsStored(final Path varDir, final String table) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            try (io.alphapulse.sql.PulseDatabase database = io.alphapulse.sql.PulseDatabase.open(
                new io.alphapulse.sql.PulseDatabase.Context().varDir(varDir).migrate(false));
                java.sql.Connection connection = database.connect();
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rows = statement.executeQuery("select count(*) from " + table))
            {
                rows.next();
                final long count = rows.getLong(1);
                if (count > 0 || System.nanoTime() - deadlineNs >= 0)
                {
                    return count;
                }
            }
            Thread.sleep(500);
        }
    }

    private static ProcessBuilder pulse(final String... args)
    {
        final File target = new File("target");
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", new File(target, "alphapulse-launcher.jar").getAbsolutePath() + File.pathSeparator +
                new File(target, "lib").getAbsolutePath() + File.separator + "*",
            Pulse.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private List<String> awaitLine(final String marker) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        String line;
        while (null != (line = demoOutput.readLine()))
        {
            lines.add(line);
            if (line.contains(marker))
            {
                return lines;
            }
        }
        throw new AssertionError("process ended before '" + marker + "':\n" + String.join("\n", lines));
    }
}
