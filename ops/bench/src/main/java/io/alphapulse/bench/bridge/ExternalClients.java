/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bridge stage's side of {@link WebSocketClients} in a child JVM (started the way the API stage starts its
 * {@code HttpLoad}: this JVM's {@code java}, the same class path, plus the Aeron/Agrona export for the shared
 * counters file): starts it, reads its live counts from the {@link ClientCounters} file, tells it from when to
 * record latency and when to stop, and reads its {@link ClientReport}.
 */
final class ExternalClients implements AutoCloseable
{
    private final Process process;
    private final Path output;
    private final Path countersFile;
    private final ClientCounters counters;
    private final int clients;

    private ExternalClients(
        final Process process, final Path output, final Path countersFile, final ClientCounters counters,
        final int clients)
    {
        this.process = process;
        this.output = output;
        this.countersFile = countersFile;
        this.counters = counters;
        this.clients = clients;
    }

    /**
     * Start the child JVM; its clients connect and subscribe at once.
     *
     * @param uri           the bridge's WebSocket URI.
     * @param clients       how many connections.
     * @param dir           where the counters file and the child's output go.
     * @param subscriptions requests each client sends once connected.
     * @return the running clients.
     * @throws IOException when the child cannot be started.
     */
    static ExternalClients start(final URI uri, final int clients, final Path dir, final String... subscriptions)
        throws IOException
    {
        final Path countersFile = dir.resolve("client-counters.dat");
        final Path output = dir.resolve("clients.out");
        final ClientCounters counters = ClientCounters.create(countersFile.toFile(), clients);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // One client thread allocating next to nothing: a small fixed heap (young generation about 85 MB, more than a
        // run allocates) and the serial collector (no GC threads).
        command.add("-Xms256m");
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WebSocketClients.class.getName());
        command.add("--uri");
        command.add(uri.toString());
        command.add("--clients");
        command.add(Integer.toString(clients));
        command.add("--counters");
        command.add(countersFile.toString());
        for (final String subscription : subscriptions)
        {
            command.add("--subscribe");
            command.add(subscription);
        }
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            return new ExternalClients(process, output, countersFile, counters, clients);
        }
        catch (final IOException | RuntimeException ex)
        {
            counters.close();
            throw ex;
        }
    }

    /**
     * Wait (bounded) until every client is connected and has this many acknowledgements (its subscriptions are in
     * force from then on).
     *
     * @param acksPerClient acknowledgements each client waits for.
     * @throws IOException          when the child failed.
     * @throws InterruptedException when interrupted.
     */
    void awaitSubscribed(final int acksPerClient) throws IOException, InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counters.connected() < clients || counters.totalAcks() < (long)clients * acksPerClient)
        {
            check();
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IOException("the WebSocket clients did not connect and subscribe in 60 s (" +
                    counters.connected() + " of " + clients + " connected, " + counters.totalAcks() + " acks):\n" +
                    outputText());
            }
            Thread.sleep(5);
        }
    }

    /**
     * Fail when the child has exited or the server closed a client.
     *
     * @throws IOException with the child's output.
     */
    void check() throws IOException
    {
        if (!process.isAlive())
        {
            throw new IOException("the WebSocket clients' JVM exited (" + process.exitValue() + "):\n" + outputText());
        }
        if (counters.totalClosed() > 0)
        {
            throw new IOException(counters.totalClosed() + " WebSocket clients were closed (the bridge dropped them " +
                "as slow, or the connection failed); see the report at the end");
        }
    }

    /**
     * Messages all clients received so far.
     *
     * @return sum.
     */
    long messages()
    {
        return counters.totalMessages();
    }

    /**
     * Trades all clients received so far.
     *
     * @return sum.
     */
    long trades()
    {
        return counters.totalTrades();
    }

    /**
     * Record the latency of trades stamped at or after this time (the first measured trade's intended send time).
     *
     * @param stampNs {@link System#nanoTime()} here, the same clock in the child on Linux.
     */
    void recordFrom(final long stampNs)
    {
        counters.recordFrom(stampNs);
    }

    /**
     * Stop the clients and read their report.
     *
     * @return the report.
     * @throws IOException          when the child fails or reports nothing.
     * @throws InterruptedException when interrupted.
     */
    ClientReport finish() throws IOException, InterruptedException
    {
        counters.stop();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IOException("the WebSocket clients did not stop in 60 s:\n" + outputText());
        }
        final String text = outputText();
        if (0 != process.exitValue())
        {
            throw new IOException("the WebSocket clients failed (exit " + process.exitValue() + "):\n" + text);
        }
        final String last = text.strip().lines().reduce((a, b) -> b).orElse("");
        return ClientReport.fromJson(last);
    }

    private String outputText()
    {
        try
        {
            return Files.readString(output, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "(no output: " + ex + ")";
        }
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        if (process.isAlive())
        {
            counters.stop();
            try
            {
                if (!process.waitFor(10, TimeUnit.SECONDS))
                {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        counters.close();
        try
        {
            Files.deleteIfExists(countersFile);
            Files.deleteIfExists(output);
        }
        catch (final IOException ignore)
        {
            // a temp dir the stage deletes anyway
        }
    }
}
