/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import io.alphapulse.bench.support.JvmActivity;
import org.HdrHistogram.Histogram;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bridge stage's WebSocket clients, meant to run in their own JVM (the stage starts it as a child process, as
 * the API stage starts {@code HttpLoad}), so that the bridge's JVM does not pay for them: N connections to the
 * bridge on ONE thread through one NIO selector, with the minimal client side of RFC 6455 ({@link WebSocketFrames}):
 * the upgrade handshake, the server's unmasked text frames (fragmented or not), ping/pong and close. No
 * per-message allocation: each complete JSON text is scanned as bytes for its messages ({@code {"type":"...}), and
 * each trade's stamp is read from its {@code tradeId}.
 * <p>
 * The stamp is the trade's intended send time on {@link System#nanoTime()} of the stage's JVM. On Linux
 * {@code System.nanoTime()} is {@code clock_gettime(CLOCK_MONOTONIC)}, one clock for every process on the host, so
 * {@code nanoTime() here - stamp} is the ingest-to-client latency across the two processes (a mismatch would show
 * as negative samples, counted in the report).
 * <p>
 * Live counts go to a memory-mapped {@link ClientCounters} file the stage reads while it runs; the stage also
 * writes there from when to record latency and when to stop. On stop: a close to every connection, then one line of
 * JSON on stdout ({@link ClientReport}).
 */
public final class WebSocketClients
{
    private static final byte[] TYPE = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE = "trade\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACK = "ack\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE_ID = "\"tradeId\":".getBytes(StandardCharsets.US_ASCII);
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int READ_BUFFER_LENGTH = 64 * 1024;

    /**
     * What {@link #scan} finds in a text message.
     */
    interface Sink
    {
        /**
         * A message of another type.
         */
        void onMessage();

        /**
         * A trade.
         *
         * @param stampNs its {@code tradeId}, or {@link Long#MIN_VALUE} when it has none.
         */
        void onTrade(long stampNs);

        /**
         * An acknowledgement of a request.
         */
        void onAck();
    }

    private final Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NS, 3);
    private final ClientCounters counters;
    private final List<Connection> connections = new ArrayList<>();
    private final StringBuilder closes = new StringBuilder();
    private final Selector selector;
    private final JvmActivity jvm = new JvmActivity();
    // One instance: a method reference evaluated in the loop would be a new object per select.
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private boolean recording;
    private long recordFromNs;
    private long negative;
    private long receiveNs;

    private WebSocketClients(final ClientCounters counters) throws IOException
    {
        this.counters = counters;
        selector = Selector.open();
    }

    /**
     * Run from the command line: {@code --uri ws://host:port/path --clients N --counters FILE
     * [--subscribe JSON]...}; runs until the stage sets stop in the counters file.
     *
     * @param args arguments.
     * @throws Exception on failure (exit code 1 with the reason on stderr).
     */
    public static void main(final String[] args) throws Exception
    {
        URI uri = null;
        int clients = 50;
        File countersFile = null;
        final List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--uri" -> uri = URI.create(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--counters" -> countersFile = new File(value);
                case "--subscribe" -> subscriptions.add(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        if (null == uri || !"ws".equals(uri.getScheme()) || clients < 1 || null == countersFile)
        {
            throw new IllegalArgumentException("usage: --uri ws://host:port/path --clients N --counters FILE " +
                "[--subscribe JSON]...");
        }
        final PrintStream out = System.out;
        try (ClientCounters counters = ClientCounters.open(countersFile, clients))
        {
            final WebSocketClients run = new WebSocketClients(counters);
            out.println(run.run(uri, subscriptions).toJson());
        }
        out.flush();
    }

    private ClientReport run(final URI uri, final List<String> subscriptions) throws IOException
    {
        try
        {
            for (int i = 0; i < counters.clients(); i++)
            {
                final Connection connection = new Connection(i);
                connection.open(uri, subscriptions);
                connections.add(connection);
                counters.connected(i + 1);
            }
            while (!counters.stopRequested())
            {
                selector.select(onSelected, 10);
            }
            final String jvmSummary = recording ? jvm.summary() : "not recorded";
            final long[] messages = new long[connections.size()];
            final long[] trades = new long[connections.size()];
            for (int i = 0; i < messages.length; i++)
            {
                messages[i] = connections.get(i).messages;
                trades[i] = connections.get(i).trades;
            }
            return new ClientReport(messages, trades, histogram, negative, closes.toString(), jvmSummary,
                ManagementFactory.getThreadMXBean().getThreadCount());
        }
        finally
        {
            for (final Connection connection : connections)
            {
                connection.closeQuietly();
            }
            selector.close();
        }
    }

    /**
     * Whether latency is recorded: read from the counters file for every trade until the stage has set it (so the
     * first measured trade is never missed), then kept.
     *
     * @return true once the stage has said from when to record.
     */
    private boolean recording()
    {
        if (!recording && counters.recording())
        {
            recordFromNs = counters.recordFromNs();
            recording = true;
            jvm.reset();
        }
        return recording;
    }

    private void onSelected(final SelectionKey key)
    {
        final Connection connection = (Connection)key.attachment();
        try
        {
            connection.read();
        }
        catch (final IOException ex)
        {
            connection.failed(ex.toString());
        }
    }

    /**
     * Find the messages in one text frame's JSON (one message object or an array of them; a snapshot's items count
     * as messages too, as the bridge sends them shaped as the channel's updates): each {@code {"type":"} is one
     * message; for a trade, its {@code tradeId} (digits) is the stamp.
     *
     * @param b      the bytes.
     * @param offset where the text starts.
     * @param length its length.
     * @param sink   receives each message.
     */
    static void scan(final byte[] b, final int offset, final int length, final Sink sink)
    {
        final int end = offset + length;
        int from = offset;
        while (true)
        {
            final int at = indexOf(b, from, end, TYPE);
            if (at < 0)
            {
                return;
            }
            from = at + TYPE.length;
            if (startsWith(b, from, end, TRADE))
            {
                final int id = indexOf(b, from, end, TRADE_ID);
                long stamp = Long.MIN_VALUE;
                if (id >= 0)
                {
                    int digit = id + TRADE_ID.length;
                    if (digit < end && b[digit] >= '0' && b[digit] <= '9')
                    {
                        stamp = 0;
                        while (digit < end && b[digit] >= '0' && b[digit] <= '9')
                        {
                            stamp = stamp * 10 + (b[digit++] - '0');
                        }
                    }
                }
                sink.onTrade(stamp);
            }
            else if (startsWith(b, from, end, ACK))
            {
                sink.onAck();
            }
            else
            {
                sink.onMessage();
            }
        }
    }

    private static int indexOf(final byte[] b, final int from, final int end, final byte[] pattern)
    {
        final byte first = pattern[0];
        for (int i = from, last = end - pattern.length; i <= last; i++)
        {
            if (b[i] == first && startsWith(b, i, end, pattern))
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(final byte[] b, final int at, final int end, final byte[] pattern)
    {
        if (end - at < pattern.length)
        {
            return false;
        }
        for (int i = 0; i < pattern.length; i++)
        {
            if (b[at + i] != pattern[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The handshake's {@code Sec-WebSocket-Accept} for a key (RFC 6455 4.2.2).
     *
     * @param key the client's base64 key.
     * @return the value the server must answer.
     */
    static String acceptFor(final String key)
    {
        try
        {
            final byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] mask()
    {
        final byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        return mask;
    }

    private final class Connection implements WebSocketFrames.Handler, Sink
    {
        private final int index;
        private final WebSocketFrames frames = new WebSocketFrames();
        private ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_LENGTH);
        private SocketChannel channel;
        private SelectionKey key;
        private long messages;
        private long trades;
        private long acks;
        private boolean open;

        Connection(final int index)
        {
            this.index = index;
        }

        void open(final URI uri, final List<String> subscriptions) throws IOException
        {
            final InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            final String key = Base64.getEncoder().encodeToString(nonce);
            final String path = (null == uri.getRawPath() || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) +
                (null == uri.getRawQuery() ? "" : "?" + uri.getRawQuery());
            final String request = "GET " + path + " HTTP/1.1\r\n" +
                "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n" +
                "Upgrade: websocket\r\n" +
                "Connection: Upgrade\r\n" +
                "Sec-WebSocket-Key: " + key + "\r\n" +
                "Sec-WebSocket-Version: 13\r\n\r\n";
            writeFully(request.getBytes(StandardCharsets.US_ASCII));
            // Blocking reads up to the end of the response head; anything after it (the server's first frames)
            // stays in the read buffer. A server that never answers is bounded by the stage's wait for the clients.
            int headEnd;
            while ((headEnd = headEnd()) < 0)
            {
                if (!readBuffer.hasRemaining() || channel.read(readBuffer) < 0)
                {
                    throw new IOException("no upgrade response from " + uri);
                }
            }
            final String head = new String(readBuffer.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
            if (!head.startsWith("HTTP/1.1 101"))
            {
                throw new IOException("upgrade to " + uri + " refused: " + head.lines().findFirst().orElse(""));
            }
            final String accept = acceptFor(key);
            if (head.lines().noneMatch((line) -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-accept:") &&
                line.substring(line.indexOf(':') + 1).strip().equals(accept)))
            {
                throw new IOException("upgrade response without the right Sec-WebSocket-Accept: " + head);
            }
            consume(headEnd + 4);
            open = true;
            for (final String subscription : subscriptions)
            {
                writeFully(WebSocketFrames.clientFrame(WebSocketFrames.OP_TEXT,
                    subscription.getBytes(StandardCharsets.UTF_8), mask()));
            }
            channel.configureBlocking(false);
            this.key = channel.register(selector, SelectionKey.OP_READ, this);
            receiveNs = System.nanoTime();
            parse();
        }

        void read() throws IOException
        {
            if (!open)
            {
                return;
            }
            final int read = channel.read(readBuffer);
            if (read < 0)
            {
                failed("connection closed by the server without a close frame");
                return;
            }
            receiveNs = System.nanoTime();
            parse();
        }

        private void parse() throws IOException
        {
            final int consumed = frames.parse(readBuffer.array(), 0, readBuffer.position(), this);
            consume(consumed);
            if (!readBuffer.hasRemaining())
            {
                // A frame larger than the buffer: grow it.
                readBuffer = ByteBuffer.allocate(readBuffer.capacity() * 2).put(readBuffer.flip());
            }
            counters.messages(index, messages);
            counters.trades(index, trades);
            counters.acks(index, acks);
        }

        private void consume(final int count)
        {
            final int remaining = readBuffer.position() - count;
            System.arraycopy(readBuffer.array(), count, readBuffer.array(), 0, remaining);
            readBuffer.position(remaining);
        }

        private int headEnd()
        {
            final byte[] b = readBuffer.array();
            for (int i = 0, last = readBuffer.position() - 4; i <= last; i++)
            {
                if ('\r' == b[i] && '\n' == b[i + 1] && '\r' == b[i + 2] && '\n' == b[i + 3])
                {
                    return i;
                }
            }
            return -1;
        }

        public void onText(final byte[] buffer, final int offset, final int length)
        {
            scan(buffer, offset, length, this);
        }

        public void onPing(final byte[] buffer, final int offset, final int length)
        {
            write(WebSocketFrames.OP_PONG, Arrays.copyOfRange(buffer, offset, offset + length));
        }

        public void onClose(final int code, final String reason)
        {
            write(WebSocketFrames.OP_CLOSE, new byte[]{(byte)(code >>> 8), (byte)code});
            failed("closed by the server: " + code + " " + reason);
        }

        public void onMessage()
        {
            messages++;
        }

        public void onTrade(final long stampNs)
        {
            messages++;
            trades++;
            if (recording() && Long.MIN_VALUE != stampNs && stampNs - recordFromNs >= 0)
            {
                final long latencyNs = receiveNs - stampNs;
                if (latencyNs < 0)
                {
                    negative++;
                }
                histogram.recordValue(Math.max(0, Math.min(HIGHEST_TRACKABLE_NS, latencyNs)));
            }
        }

        public void onAck()
        {
            messages++;
            acks++;
        }

        void failed(final String why)
        {
            if (open)
            {
                open = false;
                counters.closed(index);
                if (closes.length() < 2_000)
                {
                    closes.append(closes.length() > 0 ? "; " : "").append("client ").append(index).append(": ")
                        .append(why);
                }
                closeQuietly();
            }
        }

        void closeQuietly()
        {
            if (open)
            {
                open = false;
                write(WebSocketFrames.OP_CLOSE, new byte[]{(byte)(1000 >>> 8), (byte)1000});
            }
            if (null != key)
            {
                key.cancel();
            }
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // closing anyway
            }
        }

        private void write(final int opcode, final byte[] payload)
        {
            try
            {
                writeFully(WebSocketFrames.clientFrame(opcode, payload, mask()));
            }
            catch (final IOException ex)
            {
                // The connection is going; its close is reported by the read that finds it so.
            }
        }

        private void writeFully(final byte[] bytes) throws IOException
        {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (buffer.hasRemaining())
            {
                if (0 == channel.write(buffer))
                {
                    if (System.nanoTime() - deadlineNs >= 0)
                    {
                        throw new IOException("could not write " + bytes.length + " bytes to client " + index +
                            "'s socket in 10 s");
                    }
                    Thread.onSpinWait();
                }
            }
        }
    }
}
