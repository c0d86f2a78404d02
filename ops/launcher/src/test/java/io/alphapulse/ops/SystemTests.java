/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ops;

import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.alphapulse.driver.RecordingChain;
import io.alphapulse.driver.RelayCounterTypes;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.sql.EmbeddedPostgresServer;
import io.alphapulse.sql.PulseDatabase;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the system tests that start real {@code pulse} processes share.
 */
final class SystemTests
{
    /**
     * How long a process may take to become ready (a first PostgreSQL start runs initdb).
     */
    static final long READY_TIMEOUT_MS = 90_000;

    private SystemTests()
    {
    }

    /**
     * Wait, bounded, until a condition holds.
     *
     * @param what  what is awaited, for the failure message.
     * @param ready the condition.
     * @param logs  where the processes' logs are: printed when the wait times out (the directory is a JUnit
     *              temporary directory, gone once the test ends).
     * @throws InterruptedException if interrupted.
     */
    static void await(final String what, final BooleanSupplier ready, final Path logs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        while (!ready.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                printLogs(logs, 60);
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, what + " not ready; the processes' logs are above");
            Thread.sleep(200);
        }
    }

    /**
     * Whether a process registered a counter of a type with a label, in a driver's CnC file.
     *
     * @param aeronDir  the driver's directory.
     * @param typeId    counter type.
     * @param labelPart part of its label.
     * @return true when there is such a counter.
     */
    static boolean counterExists(final Path aeronDir, final int typeId, final String labelPart)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDir.toString()))
        {
            return null != counters && Long.MIN_VALUE != counters.value(typeId, labelPart);
        }
    }

    /**
     * A counter's value in a driver's CnC file.
     *
     * @param aeronDir  the driver's directory.
     * @param typeId    counter type.
     * @param labelPart part of its label.
     * @return its value, or {@link Long#MIN_VALUE} when there is no such counter or no driver (also while a starting
     * driver recreates its file).
     */
    static long counter(final Path aeronDir, final int typeId, final String labelPart)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDir.toString()))
        {
            return null == counters ? Long.MIN_VALUE : counters.value(typeId, labelPart);
        }
        catch (final RuntimeException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /**
     * The identity of a driver's CnC file: a restarted driver deletes its directory and makes a new one, so counters
     * read while the identity is still the old one are the killed process's.
     *
     * @param aeronDir the driver's directory.
     * @return the file's key, or null when there is none.
     */
    static Object cncIdentity(final Path aeronDir)
    {
        try
        {
            return Files.readAttributes(aeronDir.resolve("cnc.dat"), BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * Wait until a value read every 500 ms stays the same for a quiet period.
     *
     * @param what    what is awaited, for the failure message.
     * @param value   reads the value.
     * @param quietMs how long it must not change.
     * @param logs    the processes' logs, printed on failure.
     * @param <T>     the value's type, compared with equals.
     * @return the settled value.
     * @throws InterruptedException if interrupted while waiting.
     */
    static <T> T stable(final String what, final Supplier<T> value, final long quietMs, final Path logs)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        T last = value.get();
        long sinceNs = System.nanoTime();
        while (System.nanoTime() - sinceNs < TimeUnit.MILLISECONDS.toNanos(quietMs))
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                printLogs(logs, 60);
            }
            assertTrue(System.nanoTime() - deadlineNs < 0, what + " never settled: " + last + "; logs in " + logs);
            Thread.sleep(500);
            final T next = value.get();
            if (!next.equals(last))
            {
                last = next;
                sinceNs = System.nanoTime();
            }
        }
        return last;
    }

    /**
     * The one number a query returns.
     *
     * @param statement where to run it.
     * @param sql       a query of one row and one column.
     * @return the number.
     * @throws SQLException if it fails.
     */
    static long single(final Statement statement, final String sql) throws SQLException
    {
        try (ResultSet rows = statement.executeQuery(sql))
        {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A TCP port free now.
     *
     * @return the port.
     * @throws IOException if none can be bound.
     */
    static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * Print the last lines of every process log in a directory, for a failure report (the directory is a JUnit
     * temporary directory, deleted when the test ends).
     *
     * @param dir   where the {@code *.log} files are.
     * @param lines how many lines of each, from the end.
     */
    static void printLogs(final Path dir, final int lines)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path log : files.filter((f) -> f.toString().endsWith(".log")).sorted().toList())
            {
                final List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                System.out.println("---- last " + lines + " lines of " + log.getFileName() + " (" + all.size() +
                    " lines)");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The first of {@code count} consecutive free UDP ports, probed in the ephemeral-free range above 30000 (a ledger
     * member takes five from its base port).
     *
     * @param count ports needed.
     * @return the first.
     */
    static int freeUdpPorts(final int count)
    {
        final Random random = new Random();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int base = 30_000 + random.nextInt(2_000) * 10;
            final List<DatagramSocket> sockets = new ArrayList<>();
            try
            {
                for (int i = 0; i < count; i++)
                {
                    sockets.add(new DatagramSocket(base + i));
                }
                return base;
            }
            catch (final SocketException ex)
            {
                // Taken: try another block.
            }
            finally
            {
                sockets.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no block of " + count + " free UDP ports");
    }

    /**
     * Named {@code pulse} processes of one test, started from the packaged launcher as {@code ops/pulse} starts
     * them, each with its output appended to {@code <dir>/<name>.log}, and restartable with the same command and
     * environment, as an operator or systemd would. Closing force-kills whatever still runs, newest first.
     */
    static final class Pulses implements AutoCloseable
    {
        private final Path dir;
        private final Map<String, List<String>> commands = new HashMap<>();
        private final Map<String, Map<String, String>> environments = new HashMap<>();
        private final Map<String, Process> processes = new LinkedHashMap<>();

        /**
         * @param dir where logs go; also the processes' {@code java.io.tmpdir}.
         */
        Pulses(final Path dir)
        {
            this.dir = dir;
        }

        /**
         * Start {@code pulse ARGS...} under a name.
         *
         * @param name name, for the log and later calls.
         * @param args the command's arguments.
         * @return the process.
         * @throws IOException if it cannot be started.
         */
        Process start(final String name, final String... args) throws IOException
        {
            return start(name, Map.of(), args);
        }

        /**
         * Start the backbone every system test stands on, waiting for each part in turn: the media driver with its
         * Archive ({@code media-driver}), the embedded PostgreSQL ({@code postgres}) and the relay ({@code relay}).
         *
         * @param aeronDir the shared media driver's directory.
         * @param varDir   the state directory: archive, database, relay index and checkpoint.
         * @throws IOException          if a process cannot be started.
         * @throws InterruptedException if interrupted while waiting.
         */
        void startBackbone(final Path aeronDir, final Path varDir) throws IOException, InterruptedException
        {
            start("media-driver", "media-driver", "--aeron-dir", aeronDir.toString(),
                "--archive-dir", varDir.resolve("archive").toString());
            await("media driver", () -> CommonContext.isDriverActive(aeronDir.toFile(), 1_000, (ignore) -> {}), dir);
            start("postgres", "postgres", "--var-dir", varDir.toString());
            await("embedded PostgreSQL", () -> null != EmbeddedPostgresServer.liveUrl(varDir), dir);
            start("relay", "relay", "--aeron-dir", aeronDir.toString(),
                "--index-dir", varDir.resolve("index").toString(),
                "--checkpoint", varDir.resolve("relay").resolve("checkpoint.dat").toString());
            await("relay", () -> counterExists(aeronDir, RelayCounterTypes.MAX_CYCLE_TIME_NS, "relay"), dir);
        }

        /**
         * Start {@code pulse ARGS...} under a name with extra environment variables.
         *
         * @param name        name, for the log and later calls.
         * @param environment added to this JVM's environment.
         * @param args        the command's arguments.
         * @return the process.
         * @throws IOException if it cannot be started.
         */
        Process start(final String name, final Map<String, String> environment, final String... args)
            throws IOException
        {
            commands.put(name, List.of(args));
            environments.put(name, Map.copyOf(environment));
            final ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
            builder.environment().putAll(environment);
            final Process process = builder.start();
            processes.put(name, process);
            return process;
        }

        /**
         * Start a process again with the command and environment it was last started with.
         *
         * @param name its name.
         * @return the new process.
         * @throws IOException if it cannot be started.
         */
        Process restart(final String name) throws IOException
        {
            final List<String> args = commands.get(name);
            if (null == args)
            {
                throw new IllegalArgumentException("never started: " + name);
            }
            return start(name, environments.get(name), args.toArray(new String[0]));
        }

        /**
         * Run {@code pulse ARGS...} to completion (a one-shot command such as {@code ledger admin}).
         *
         * @param name name of its log.
         * @param args the command's arguments.
         * @return its exit code.
         * @throws Exception if it cannot be run or does not end within the ready timeout.
         */
        int run(final String name, final String... args) throws Exception
        {
            final Process process = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start();
            if (!process.waitFor(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                throw new AssertionError("pulse " + String.join(" ", args) + " did not end; log " + log(name));
            }
            return process.exitValue();
        }

        /**
         * {@code kill -9} a process and wait until it is gone.
         *
         * @param name its name.
         * @throws InterruptedException if interrupted.
         */
        void killNine(final String name) throws InterruptedException
        {
            final Process process = processes.remove(name);
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " survived kill -9");
        }

        /**
         * Stop a process with SIGTERM (a clean shutdown) and wait until it is gone.
         *
         * @param name its name.
         * @throws InterruptedException if interrupted.
         */
        void stop(final String name) throws InterruptedException
        {
            final Process process = processes.remove(name);
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), name + " did not stop on SIGTERM");
        }

        /**
         * A running process.
         *
         * @param name its name.
         * @return the process, or null when not running under that name.
         */
        Process process(final String name)
        {
            return processes.get(name);
        }

        /**
         * A process's log.
         *
         * @param name its name.
         * @return the log file.
         */
        Path log(final String name)
        {
            return dir.resolve(name + ".log");
        }

        /**
         * Whether a process's log holds a text.
         *
         * @param name its name.
         * @param text what to look for.
         * @return true when its log exists and holds the text.
         */
        boolean logContains(final String name, final String text)
        {
            try
            {
                return Files.exists(log(name)) && Files.readString(log(name)).contains(text);
            }
            catch (final IOException ex)
            {
                return false;
            }
        }

        /**
         * Force-kill every process still running, newest first.
         */
        public void close()
        {
            final List<Process> started = new ArrayList<>(processes.values());
            for (int i = started.size() - 1; i >= 0; i--)
            {
                started.get(i).destroyForcibly();
            }
            for (final Process process : started)
            {
                try
                {
                    process.waitFor(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            processes.clear();
        }

        private List<String> command(final String... args)
        {
            final File target = new File("target");
            final List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + dir,
                "-cp", new File(target, "alphapulse-launcher.jar").getAbsolutePath() + File.pathSeparator +
                    new File(target, "lib").getAbsolutePath() + File.separator + "*",
                Pulse.class.getName()));
            command.addAll(List.of(args));
            return command;
        }
    }

    /**
     * The trades stored in PostgreSQL by their identity, once the writer has caught up: read again every 500 ms until
     * at least {@code expected} distinct trades are stored, or 90 s have passed (the caller's assertions then say
     * what is missing).
     *
     * @param varDir   the state directory of the embedded PostgreSQL.
     * @param expected distinct trades expected.
     * @return count per trade key.
     * @throws Exception if the database cannot be read.
     */
    static Map<String, Integer> awaitStoredTrades(final Path varDir, final int expected) throws Exception
    {
        final Map<String, Integer> stored = new HashMap<>();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true)
        {
            stored.clear();
            storedTrades(varDir, stored);
            if (stored.size() >= expected || System.nanoTime() - deadlineNs >= 0)
            {
                return stored;
            }
            Thread.sleep(500);
        }
    }

    /**
     * Count the trades stored in PostgreSQL by their identity ({@link #tradeKey}).
     */
    static void storedTrades(final Path varDir, final Map<String, Integer> stored) throws Exception
    {
        try (PulseDatabase database = PulseDatabase.open(new PulseDatabase.Context().varDir(varDir).migrate(false));
            Connection connection = database.connect();
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("select upper(exchange), sequence, " +
                "(extract(epoch from receive_time) * 1000000)::bigint from trades"))
        {
            while (rows.next())
            {
                stored.merge(rows.getString(1) + "/" + rows.getLong(2) + "/" + rows.getLong(3), 1, Integer::sum);
            }
        }
    }

    /**
     * A trade's identity across collector restarts (sequences start again; receive times do not repeat), at the
     * database's microsecond precision.
     */
    static String tradeKey(final TradeDecoder trade)
    {
        return trade.exchange() + "/" + trade.sequence() + "/" + Math.floorDiv(trade.receiveTimeNs(), 1_000L);
    }

    static List<String> duplicates(final Map<String, Integer> counts)
    {
        return counts.entrySet().stream().filter((e) -> e.getValue() > 1).map(Map.Entry::getKey).limit(10).toList();
    }

    /**
     * Replay every recording of a stream, to its end, through a reader.
     *
     * @return recordings read.
     */
    static int readAll(final AeronArchive archive, final int streamId, final MarketDataReader.Listener listener)
    {
        final MarketDataReader reader = new MarketDataReader(listener);
        final FragmentAssembler assembler =
            new FragmentAssembler((buffer, offset, length, header) -> reader.read(buffer, offset, length));
        final RecordingChain chain = RecordingChain.list(archive, "aeron:ipc", streamId);
        for (final RecordingChain.Recording recording : chain.recordings())
        {
            final long end = recording.isActive() ?
                archive.getRecordingPosition(recording.recordingId()) : recording.stopPosition();
            if (end <= recording.startPosition())
            {
                continue;
            }
            try (Subscription replay = archive.replay(recording.recordingId(), recording.startPosition(),
                end - recording.startPosition(), "aeron:ipc", 9_901))
            {
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (replay.imageCount() == 0 || replay.imageAtIndex(0).position() < end)
                {
                    if (0 == replay.poll(assembler, 1_000))
                    {
                        assertTrue(System.nanoTime() - deadlineNs < 0, "replay of recording " +
                            recording.recordingId() + " stuck");
                        Thread.yield();
                    }
                }
            }
        }
        return chain.recordings().size();
    }

    /**
     * Wait until a WebSocket client of the bridge on a port gets a trade.
     */
    static void awaitBridgeServesTrades(final int port) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        final HttpClient http = HttpClient.newHttpClient();
        while (true)
        {
            final CountDownLatch trade = new CountDownLatch(1);
            try
            {
                final WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/v1"), new WebSocket.Listener()
                    {
                        public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last)
                        {
                            if (data.toString().contains("\"trade\""))
                            {
                                trade.countDown();
                            }
                            ws.request(1);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
                socket.sendText("{\"op\":\"subscribe\",\"channel\":\"trades\",\"exchange\":\"*\",\"symbol\":\"*\"," +
                    "\"id\":\"t\"}", true);
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
            assertTrue(System.nanoTime() - deadlineNs < 0, "the bridge serves no trades on port " + port);
            Thread.sleep(500);
        }
    }

    /**
     * Wait until the Coinbase collector (never killed by the fault tests) has published this many more messages:
     * lets a run go on, also while a process is down.
     */
    static void awaitPublished(final Path aeronDir, final Path logs, final long messages) throws InterruptedException
    {
        final long from = published(aeronDir);
        await(messages + " more messages published", () -> published(aeronDir) - from >= messages, logs);
    }

    private static long published(final Path aeronDir)
    {
        try (CncCounters counters = CncCounters.mapOrNull(aeronDir.toString()))
        {
            return null == counters ? 0 : Math.max(0, counters.value(
                io.alphapulse.driver.PulseCounters.COLLECTOR_MESSAGES_PUBLISHED_TYPE_ID, "exchange=COINBASE"));
        }
    }
}
