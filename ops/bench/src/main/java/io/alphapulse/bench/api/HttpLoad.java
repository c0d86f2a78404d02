/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.api;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 load generator meant to run in its own JVM (the {@code api} bench stage starts it as a child
 * process), so that the server's JVM does not pay for the client. One thread drives every keep-alive connection
 * through one NIO selector: one request in flight per connection, no pipelining, a fixed request (GET with headers)
 * whose response is framed by {@code Content-Length} or chunked encoding and otherwise skipped.
 * <p>
 * Two modes, as wrk and wrk2 have:
 * <ul>
 * <li>{@code --rate 0}: saturation (closed loop). Each connection sends its next request as soon as the previous
 * answer is in; latency runs from the actual send.</li>
 * <li>{@code --rate R}: a fixed offered rate. Request {@code k} is due at {@code start + k / R} whatever happened
 * before; it goes out on the first free connection once due, and its latency runs from the time it was due. A
 * stall of the server therefore shows in every request that should have been sent during it (coordinated
 * omission corrected).</li>
 * </ul>
 * Output: one line of JSON on stdout with the counts and the latency histogram (HdrHistogram, ns, compressed and
 * base64-encoded) of the measured period; the warm-up is run and discarded first.
 */
public final class HttpLoad
{
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int READ_BUFFER_LENGTH = 64 * 1024;

    private final InetSocketAddress address;
    private final ByteBuffer request;
    private final int connectionCount;
    private final double rate;

    private HttpLoad(final InetSocketAddress address, final ByteBuffer request, final int connectionCount,
        final double rate)
    {
        this.address = address;
        this.request = request;
        this.connectionCount = connectionCount;
        this.rate = rate;
    }

    /**
     * Outcome of one period.
     *
     * @param ok        responses with status 200 completed in the period.
     * @param otherStatus responses with another status completed in the period.
     * @param ioErrors  connections that failed (reconnected).
     * @param seconds   length of the period.
     * @param histogram latencies (ns) of the 200 responses.
     * @param lateSends requests sent more than 1 ms after they were due (fixed rate only).
     * @param unanswered requests due in the period without an answer by its end (recorded at their floor).
     */
    record Outcome(
        long ok, long otherStatus, long ioErrors, double seconds, Histogram histogram, long lateSends,
        long unanswered)
    {
        String toJson()
        {
            final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
            final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
            final byte[] bytes = new byte[length];
            buffer.flip();
            buffer.get(bytes);
            return "{\"ok\":" + ok + ",\"otherStatus\":" + otherStatus + ",\"ioErrors\":" + ioErrors +
                ",\"seconds\":" + seconds + ",\"lateSends\":" + lateSends + ",\"unanswered\":" + unanswered +
                ",\"histogram\":\"" +
                Base64.getEncoder().encodeToString(bytes) + "\"}";
        }
    }

    /**
     * Run from the command line: {@code --url URL --connections N --rate R --warmup-ms W --duration-ms D
     * [--header 'Name: value']...}.
     *
     * @param args arguments.
     * @throws Exception on failure (exit code 1 with the reason on stderr).
     */
    public static void main(final String[] args) throws Exception
    {
        URI uri = null;
        int connections = 50;
        double rate = 0;
        long warmupMs = 1_000;
        long durationMs = 5_000;
        final List<String> headers = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--url" -> uri = URI.create(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--warmup-ms" -> warmupMs = Long.parseLong(value);
                case "--duration-ms" -> durationMs = Long.parseLong(value);
                case "--header" -> headers.add(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (null == uri || !"http".equals(uri.getScheme()) || connections < 1 || rate < 0 || durationMs < 1)
        {
            throw new IllegalArgumentException("usage: --url http://host:port/path --connections N --rate R " +
                "(0 = saturation) --warmup-ms W --duration-ms D [--header 'Name: value']...");
        }
        final PrintStream out = System.out;
        out.println(run(uri, headers, connections, rate, warmupMs, durationMs).toJson());
        out.flush();
    }

    /**
     * One run in this JVM (the bench runs it in a child JVM through {@link #main}).
     *
     * @param uri         URL to GET.
     * @param headers     extra request headers, {@code Name: value}.
     * @param connections keep-alive connections.
     * @param rate        requests per second, or 0 for saturation.
     * @param warmupMs    discarded first part.
     * @param durationMs  measured part.
     * @return the outcome of the measured part.
     * @throws IOException when the server cannot be reached.
     */
    static Outcome run(
        final URI uri, final List<String> headers, final int connections, final double rate, final long warmupMs,
        final long durationMs) throws IOException
    {
        return new HttpLoad(new InetSocketAddress(uri.getHost(), uri.getPort()), request(uri, headers), connections,
            rate).run(warmupMs, durationMs);
    }

    static ByteBuffer request(final URI uri, final List<String> headers)
    {
        final StringBuilder text = new StringBuilder(256);
        text.append("GET ").append(null == uri.getRawPath() || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (null != uri.getRawQuery())
        {
            text.append('?').append(uri.getRawQuery());
        }
        text.append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
        for (final String header : headers)
        {
            text.append(header).append("\r\n");
        }
        text.append("\r\n");
        final byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    private Outcome run(final long warmupMs, final long durationMs) throws IOException
    {
        try (Selector selector = Selector.open())
        {
            final Connection[] connections = new Connection[connectionCount];
            for (int i = 0; i < connectionCount; i++)
            {
                connections[i] = new Connection(selector);
            }
            final long startNs = System.nanoTime();
            final long measureStartNs = startNs + TimeUnit.MILLISECONDS.toNanos(warmupMs);
            final long endNs = measureStartNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
            final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
            final Period period = new Period(measureStartNs, endNs, histogram);
            final double intervalNs = rate > 0 ? 1e9 / rate : 0;
            long sent = 0;
            while (true)
            {
                final long nowNs = System.nanoTime();
                if (nowNs - endNs >= 0)
                {
                    break;
                }
                // Send: every free connection in closed loop; in fixed rate, every request due by now.
                for (final Connection connection : connections)
                {
                    if (connection.inFlight)
                    {
                        continue;
                    }
                    final long dueNs;
                    if (rate > 0)
                    {
                        dueNs = startNs + (long)(sent * intervalNs);
                        if (dueNs - nowNs > 0)
                        {
                            break;
                        }
                        if (nowNs - dueNs > 1_000_000 && dueNs - measureStartNs >= 0)
                        {
                            period.lateSends++;
                        }
                    }
                    else
                    {
                        dueNs = nowNs;
                    }
                    sent++;
                    connection.send(dueNs, period);
                }
                boolean free = false;
                for (final Connection connection : connections)
                {
                    free |= !connection.inFlight;
                }
                final int ready;
                if (rate <= 0 || !free)
                {
                    // Every connection waits for an answer: block until one comes (never spin, which would take
                    // a core from the server on a small machine).
                    ready = selector.select(100);
                }
                else
                {
                    // Wait for the next due time or an answer, whichever comes first. The selector's millisecond
                    // timeout can send up to about 1 ms late; that lateness is charged to the request's latency
                    // (measured from its due time), so it errs against the server, never for it.
                    final long waitNs = startNs + (long)(sent * intervalNs) - System.nanoTime();
                    ready = waitNs > 0 ?
                        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNs))) : selector.selectNow();
                }
                if (ready > 0)
                {
                    for (final SelectionKey key : selector.selectedKeys())
                    {
                        ((Connection)key.attachment()).onReadable(period);
                    }
                    selector.selectedKeys().clear();
                }
            }
            for (final Connection connection : connections)
            {
                if (connection.inFlight)
                {
                    period.unanswered(connection.dueNs);
                }
                connection.close();
            }
            if (rate > 0)
            {
                for (long dueNs = startNs + (long)(sent * intervalNs); dueNs - endNs < 0;
                    dueNs = startNs + (long)(++sent * intervalNs))
                {
                    period.unanswered(dueNs);
                }
            }
            return new Outcome(period.ok, period.otherStatus, period.ioErrors, durationMs / 1e3, histogram,
                period.lateSends, period.unanswered);
        }
    }

    /**
     * Counts of the measured period; responses to requests due before it are not counted.
     */
    private static final class Period
    {
        final long startNs;
        final long endNs;
        final Histogram histogram;
        long ok;
        long otherStatus;
        long ioErrors;
        long lateSends;
        long unanswered;

        Period(final long startNs, final long endNs, final Histogram histogram)
        {
            this.startNs = startNs;
            this.endNs = endNs;
            this.histogram = histogram;
        }

        /**
         * Throughput counts answers completed in the period; latency is recorded for requests due in it.
         */
        void record(final long dueNs, final long nowNs, final int status)
        {
            if (nowNs - startNs >= 0 && nowNs - endNs < 0)
            {
                if (200 == status)
                {
                    ok++;
                }
                else
                {
                    otherStatus++;
                }
            }
            if (nowNs - endNs >= 0)
            {
                // Answered after the period: within it, it was unanswered.
                unanswered(dueNs);
            }
            else if (dueNs - startNs >= 0 && 200 == status)
            {
                histogram.recordValue(Math.min(nowNs - dueNs, HIGHEST_TRACKABLE_NS));
            }
        }

        /**
         * A request due in the period that had no answer by its end: its latency is at least the time from its due
         * time to the end, and is recorded as that (a floor), so an overloaded server cannot hide its backlog.
         */
        void unanswered(final long dueNs)
        {
            if (dueNs - startNs >= 0 && dueNs - endNs < 0)
            {
                unanswered++;
                histogram.recordValue(Math.min(endNs - dueNs, HIGHEST_TRACKABLE_NS));
            }
        }
    }

    /**
     * One keep-alive connection and the parse state of the response it waits for.
     */
    private final class Connection
    {
        private final Selector selector;
        private final ByteBuffer in = ByteBuffer.allocateDirect(READ_BUFFER_LENGTH);
        private final ByteBuffer out = request.duplicate();
        private SocketChannel channel;
        private SelectionKey key;
        boolean inFlight;
        long dueNs;
        private int status;
        private boolean headersDone;
        private long bodyRemaining;
        private boolean chunked;
        private final StringBuilder line = new StringBuilder(128);

        Connection(final Selector selector) throws IOException
        {
            this.selector = selector;
            open();
        }

        private void open() throws IOException
        {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
        }

        void send(final long dueNs, final Period period)
        {
            this.dueNs = dueNs;
            inFlight = true;
            status = 0;
            headersDone = false;
            bodyRemaining = -1;
            chunked = false;
            line.setLength(0);
            out.clear();
            try
            {
                while (out.hasRemaining())
                {
                    // A request is a few hundred bytes: the socket buffer takes it at once in practice.
                    if (0 == channel.write(out) && out.hasRemaining())
                    {
                        Thread.onSpinWait();
                    }
                }
            }
            catch (final IOException ex)
            {
                fail(period);
            }
        }

        void onReadable(final Period period)
        {
            try
            {
                final int read = channel.read(in);
                if (read < 0)
                {
                    throw new IOException("closed by the server");
                }
                in.flip();
                parse(period);
                in.compact();
            }
            catch (final IOException | RuntimeException ex)
            {
                fail(period);
            }
        }

        /**
         * Consume what is buffered: the status line and headers line by line, then the body by length or chunks.
         */
        private void parse(final Period period) throws IOException
        {
            while (in.hasRemaining() && inFlight)
            {
                if (!headersDone)
                {
                    if (!readLine())
                    {
                        return;
                    }
                    if (0 == status)
                    {
                        // "HTTP/1.1 200 OK"
                        if (line.length() < 12)
                        {
                            throw new IOException("bad status line " + line);
                        }
                        status = Integer.parseInt(line, 9, 12, 10);
                    }
                    else if (0 == line.length())
                    {
                        headersDone = true;
                        if (!chunked && bodyRemaining < 0)
                        {
                            bodyRemaining = 0;
                        }
                        if (!chunked && 0 == bodyRemaining)
                        {
                            complete(period);
                        }
                    }
                    else
                    {
                        header();
                    }
                    line.setLength(0);
                }
                else if (!chunked)
                {
                    final int skip = (int)Math.min(bodyRemaining, in.remaining());
                    in.position(in.position() + skip);
                    bodyRemaining -= skip;
                    if (0 == bodyRemaining)
                    {
                        complete(period);
                    }
                }
                else if (bodyRemaining > 0)
                {
                    final int skip = (int)Math.min(bodyRemaining, in.remaining());
                    in.position(in.position() + skip);
                    bodyRemaining -= skip;
                }
                else
                {
                    // Chunk framing: "<hex size>\r\n" ... data ... "\r\n"; size 0 then an empty line ends it.
                    if (!readLine())
                    {
                        return;
                    }
                    if (0 == line.length())
                    {
                        if (-2 == bodyRemaining)
                        {
                            complete(period);
                        }
                    }
                    else if (-2 != bodyRemaining)
                    {
                        final int semicolon = line.indexOf(";");
                        final long size = Long.parseLong(semicolon < 0 ? line.toString() :
                            line.substring(0, semicolon), 16);
                        bodyRemaining = 0 == size ? -2 : size;
                    }
                    line.setLength(0);
                }
            }
        }

        private boolean readLine()
        {
            while (in.hasRemaining())
            {
                final byte b = in.get();
                if ('\n' == b)
                {
                    final int length = line.length();
                    if (length > 0 && '\r' == line.charAt(length - 1))
                    {
                        line.setLength(length - 1);
                    }
                    return true;
                }
                line.append((char)b);
            }
            return false;
        }

        private void header()
        {
            final int colon = line.indexOf(":");
            if (colon < 0)
            {
                return;
            }
            final String name = line.substring(0, colon).trim();
            final String value = line.substring(colon + 1).trim();
            if ("content-length".equalsIgnoreCase(name))
            {
                bodyRemaining = Long.parseLong(value);
            }
            else if ("transfer-encoding".equalsIgnoreCase(name) && value.toLowerCase().contains("chunked"))
            {
                chunked = true;
                bodyRemaining = 0;
            }
        }

        private void complete(final Period period)
        {
            period.record(dueNs, System.nanoTime(), status);
            inFlight = false;
        }

        private void fail(final Period period)
        {
            period.ioErrors++;
            inFlight = false;
            close();
            in.clear();
            try
            {
                open();
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException("cannot reconnect to " + address, ex);
            }
        }

        void close()
        {
            key.cancel();
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                // Closing at the end of a run or after a failure: nothing more to do with it.
            }
        }
    }
}
