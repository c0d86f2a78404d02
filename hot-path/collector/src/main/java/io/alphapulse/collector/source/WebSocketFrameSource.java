/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.source;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The live exchange WebSocket (JDK {@code java.net.http}, no extra dependency), with reconnection.
 * <p>
 * The JDK client calls back on its own threads; frames are copied, with their receive time, into a ring buffer
 * that the collector thread drains in {@link #poll}, so decoding and publishing stay single-threaded. A full ring
 * holds the socket back (the next frame is requested only once the current one is in the ring), which turns a slow
 * collector into TCP back-pressure instead of lost frames. REST snapshots arrive the same way.
 * <p>
 * Reconnection: exponential backoff with full jitter from {@code reconnectMinNs} to {@code reconnectMaxNs}, reset
 * once a connection has stayed up for a minute; a connection older than {@code maxConnectionAgeNs} is replaced
 * (Binance closes connections at 24 hours); a connection with no frame for {@code idleTimeoutNs} is considered dead.
 */
public final class WebSocketFrameSource implements FrameSource
{
    private static final int MSG_FRAME = 1;
    private static final int MSG_CONNECTED = 2;
    private static final int MSG_DISCONNECTED = 3;
    private static final int MSG_SNAPSHOT = 4;
    private static final int MSG_SNAPSHOT_FAILED = 5;
    private static final int MSG_FRAME_REJECTED = 6;
    private static final long STABLE_CONNECTION_NS = 60_000_000_000L;

    private final URI uri;
    private final URI restBase;
    private final java.util.function.Function<String, URI> snapshotUri;
    private final List<String> subscribeFrames;
    private final String applicationPing;
    private final EpochNanoClock clock;
    private final long reconnectMinNs;
    private final long reconnectMaxNs;
    private final long maxConnectionAgeNs;
    private final long idleTimeoutNs;
    private final long pingIntervalNs;
    private final int maxFrameLength;
    private final ManyToOneRingBuffer ring;
    private final HttpClient httpClient;

    private volatile WebSocket webSocket;
    private CompletableFuture<WebSocket> sendChain = CompletableFuture.completedFuture(null);
    private int connectionGeneration;
    private boolean connecting;
    private boolean connected;
    private boolean closed;
    private long reconnectDelayNs;
    private long nextConnectAtNs;
    private long connectedAtNs;
    private long lastFrameNs;
    private long lastPingNs;
    private FrameHandler currentHandler;
    private long framesDropped;

    /**
     * A live source.
     *
     * @param uri                where to connect.
     * @param restBase           REST base for snapshots, or null.
     * @param snapshotUri        REST snapshot URI of a symbol, or null.
     * @param subscribeFrames    frames to send on every connect.
     * @param applicationPing    ping frame to send when quiet, or null.
     * @param clock              epoch clock.
     * @param ringCapacity       bytes of the frame ring (power of two); frames up to an eighth of it fit.
     * @param reconnectMinNs     first reconnect delay.
     * @param reconnectMaxNs     largest reconnect delay.
     * @param maxConnectionAgeNs replace a connection this old.
     * @param idleTimeoutNs      a connection silent this long is dead.
     */
    public WebSocketFrameSource(
        final URI uri,
        final URI restBase,
        final java.util.function.Function<String, URI> snapshotUri,
        final List<String> subscribeFrames,
        final String applicationPing,
        final EpochNanoClock clock,
        final int ringCapacity,
        final long reconnectMinNs,
        final long reconnectMaxNs,
        final long maxConnectionAgeNs,
        final long idleTimeoutNs)
    {
        this.uri = uri;
        this.restBase = restBase;
        this.snapshotUri = snapshotUri;
        this.subscribeFrames = List.copyOf(subscribeFrames);
        this.applicationPing = applicationPing;
        this.clock = clock;
        this.reconnectMinNs = reconnectMinNs;
        this.reconnectMaxNs = reconnectMaxNs;
        this.maxConnectionAgeNs = maxConnectionAgeNs;
        this.idleTimeoutNs = idleTimeoutNs;
        this.pingIntervalNs = Math.max(1, idleTimeoutNs / 3);
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            ringCapacity + RingBufferDescriptor.TRAILER_LENGTH, 64)));
        this.maxFrameLength = ring.maxMsgLength() - Long.BYTES - 4;
        this.httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.reconnectDelayNs = reconnectMinNs;
    }

    /**
     * {@inheritDoc}
     */
    public void start(final long nowNs)
    {
        nextConnectAtNs = nowNs;
    }

    /**
     * {@inheritDoc}
     */
    public int poll(final FrameHandler handler, final int limit, final long nowNs)
    {
        currentHandler = handler;
        int work = ring.read(drain, limit);

        if (!closed && !connecting && !connected && nowNs - nextConnectAtNs >= 0)
        {
            connect();
            work++;
        }

        if (connected)
        {
            if (nowNs - connectedAtNs >= maxConnectionAgeNs)
            {
                reconnect("connection older than " + maxConnectionAgeNs / 1_000_000_000L + " s; replacing it");
                work++;
            }
            else if (nowNs - lastFrameNs >= idleTimeoutNs)
            {
                reconnect("no frame for " + idleTimeoutNs / 1_000_000L + " ms");
                work++;
            }
            else if (nowNs - lastFrameNs >= pingIntervalNs && nowNs - lastPingNs >= pingIntervalNs)
            {
                // A quiet connection is probed: the protocol's own ping, else a WebSocket ping frame. Writing to a
                // half-closed socket fails at once instead of waiting for the idle timeout.
                lastPingNs = nowNs;
                if (null != applicationPing)
                {
                    send(applicationPing);
                }
                else
                {
                    ping();
                }
                work++;
            }
        }
        return work;
    }

    private final MessageHandler drain = this::onRingMessage;

    private void onRingMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index,
        final int length)
    {
        final long timeNs = buffer.getLong(index);
        final int generation = buffer.getInt(index + Long.BYTES);
        final int bodyOffset = index + Long.BYTES + 4;
        final int bodyLength = length - Long.BYTES - 4;
        switch (msgTypeId)
        {
            case MSG_FRAME:
                if (generation == connectionGeneration)
                {
                    lastFrameNs = timeNs;
                    currentHandler.onFrame(buffer, bodyOffset, bodyLength, timeNs);
                }
                break;

            case MSG_CONNECTED:
                if (generation == connectionGeneration)
                {
                    connecting = false;
                    connected = true;
                    connectedAtNs = timeNs;
                    lastFrameNs = timeNs;
                    currentHandler.onConnected(timeNs);
                    for (final String frame : subscribeFrames)
                    {
                        send(frame);
                    }
                }
                break;

            case MSG_DISCONNECTED:
                if (generation == connectionGeneration && (connected || connecting))
                {
                    disconnected(timeNs, buffer.getStringWithoutLengthUtf8(bodyOffset, bodyLength));
                }
                break;

            case MSG_SNAPSHOT:
            {
                final int symbolLength = buffer.getInt(bodyOffset);
                final String symbol = buffer.getStringWithoutLengthAscii(bodyOffset + 4, symbolLength);
                currentHandler.onSnapshot(symbol, buffer, bodyOffset + 4 + symbolLength,
                    bodyLength - 4 - symbolLength, timeNs);
                break;
            }

            case MSG_FRAME_REJECTED:
                if (generation == connectionGeneration)
                {
                    lastFrameNs = timeNs;
                    currentHandler.onFrameRejected(buffer.getStringWithoutLengthUtf8(bodyOffset, bodyLength), timeNs);
                }
                break;

            case MSG_SNAPSHOT_FAILED:
            {
                final String text = buffer.getStringWithoutLengthUtf8(bodyOffset, bodyLength);
                final int split = text.indexOf(' ');
                currentHandler.onSnapshotFailed(text.substring(0, split), text.substring(split + 1));
                break;
            }

            default:
                break;
        }
    }

    private void disconnected(final long timeNs, final String reason)
    {
        final boolean wasStable = connected && timeNs - connectedAtNs >= STABLE_CONNECTION_NS;
        connected = false;
        connecting = false;
        connectionGeneration++;
        final WebSocket socket = webSocket;
        webSocket = null;
        if (null != socket)
        {
            socket.abort();
        }
        if (wasStable)
        {
            reconnectDelayNs = reconnectMinNs;
        }
        final long jitteredDelayNs = ThreadLocalRandom.current().nextLong(reconnectMinNs, reconnectDelayNs + 1);
        nextConnectAtNs = timeNs + jitteredDelayNs;
        reconnectDelayNs = Math.min(reconnectMaxNs, reconnectDelayNs * 2);
        currentHandler.onDisconnected(timeNs, reason + "; reconnecting in " + jitteredDelayNs / 1_000_000L + " ms");
    }

    /**
     * {@inheritDoc}
     */
    public void send(final String text)
    {
        final WebSocket socket = webSocket;
        if (null == socket || !connected)
        {
            return;
        }
        sendChain = sendChain.handle((ignore, error) -> socket).thenCompose((ws) -> ws.sendText(text, true));
    }

    private void ping()
    {
        final WebSocket socket = webSocket;
        if (null != socket && connected)
        {
            sendChain = sendChain.handle((ignore, error) -> socket)
                .thenCompose((ws) -> ws.sendPing(ByteBuffer.allocate(0)));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void requestSnapshot(final String venueSymbol)
    {
        if (null == snapshotUri || null == restBase)
        {
            return;
        }
        final URI snapshot = snapshotUri.apply(venueSymbol);
        httpClient.sendAsync(HttpRequest.newBuilder(snapshot).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray())
            .whenComplete((response, error) ->
            {
                if (null == error && 200 == response.statusCode())
                {
                    final byte[] symbolBytes = venueSymbol.getBytes(StandardCharsets.US_ASCII);
                    final byte[] body = response.body();
                    final ExpandableArrayBuffer message = new ExpandableArrayBuffer(4 + symbolBytes.length + body.length);
                    message.putInt(0, symbolBytes.length);
                    message.putBytes(4, symbolBytes);
                    message.putBytes(4 + symbolBytes.length, body);
                    write(MSG_SNAPSHOT, connectionGeneration, message, 0, 4 + symbolBytes.length + body.length);
                }
                else
                {
                    final String reason = null != error ? error.toString() : "HTTP " + response.statusCode();
                    writeText(MSG_SNAPSHOT_FAILED, connectionGeneration, venueSymbol + " " + reason);
                }
            });
    }

    /**
     * {@inheritDoc}
     */
    public void reconnect(final String reason)
    {
        if (connected || connecting)
        {
            disconnected(clock.nanoTime(), reason);
        }
    }

    /**
     * {@inheritDoc}
     */
    public boolean isDone()
    {
        return false;
    }

    /**
     * Frames that did not fit the ring (longer than an eighth of its capacity), dropped and reported.
     *
     * @return frames dropped for size.
     */
    public long framesDropped()
    {
        return framesDropped;
    }

    /**
     * {@inheritDoc}
     */
    public void close()
    {
        closed = true;
        final WebSocket socket = webSocket;
        webSocket = null;
        if (null != socket)
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "collector stopping");
            socket.abort();
        }
        httpClient.shutdownNow();
    }

    private void connect()
    {
        connecting = true;
        final int generation = ++connectionGeneration;
        final Listener listener = new Listener(generation);
        httpClient.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(uri, listener)
            .whenComplete((socket, error) ->
            {
                if (null != error)
                {
                    writeText(MSG_DISCONNECTED, generation, "connect to " + uri + " failed: " + rootMessage(error));
                }
            });
    }

    private static String rootMessage(final Throwable error)
    {
        Throwable cause = error;
        while (null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (null == cause.getMessage() ? "" : ": " + cause.getMessage());
    }

    private void writeText(final int msgTypeId, final int generation, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(msgTypeId, generation, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private void write(
        final int msgTypeId, final int generation, final DirectBuffer body, final int offset, final int length)
    {
        if (length > maxFrameLength)
        {
            framesDropped++;
            writeText(MSG_DISCONNECTED, generation, "frame of " + length + " bytes is larger than the frame ring " +
                "allows (" + maxFrameLength + "); raise --frame-buffer-mb");
            return;
        }

        final int total = Long.BYTES + 4 + length;
        int index;
        while ((index = ring.tryClaim(msgTypeId, total)) <= 0)
        {
            if (closed)
            {
                return;
            }
            LockSupport.parkNanos(50_000);
        }
        final org.agrona.concurrent.AtomicBuffer ringBuffer = ring.buffer();
        ringBuffer.putLong(index, clock.nanoTime());
        ringBuffer.putInt(index + Long.BYTES, generation);
        ringBuffer.putBytes(index + Long.BYTES + 4, body, offset, length);
        ring.commit(index);
    }

    /**
     * Receives one connection's callbacks on the JDK client's threads; assembles text frames split in parts.
     */
    private final class Listener implements WebSocket.Listener
    {
        private final int generation;
        private final ExpandableArrayBuffer assembly = new ExpandableArrayBuffer(64 * 1024);
        private int assembled;
        private boolean oversized;

        Listener(final int generation)
        {
            this.generation = generation;
        }

        public void onOpen(final WebSocket webSocket)
        {
            // Connected before the first frame is requested, so no frame can overtake the CONNECTED event.
            WebSocketFrameSource.this.webSocket = webSocket;
            writeText(MSG_CONNECTED, generation, "");
            webSocket.request(1);
        }

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            if (!oversized)
            {
                assembled += putUtf8(data, assembly, assembled);
                if (assembled > maxFrameLength)
                {
                    // A message that never ends must not grow the assembly buffer without bound: give it up at once.
                    oversized = true;
                    assembled = 0;
                    framesDropped++;
                    writeText(MSG_DISCONNECTED, generation, "a frame larger than the frame ring allows (" +
                        maxFrameLength + " bytes); raise --frame-buffer-mb");
                }
            }
            if (last)
            {
                if (!oversized)
                {
                    write(MSG_FRAME, generation, assembly, 0, assembled);
                }
                oversized = false;
                assembled = 0;
            }
            webSocket.request(1);
            return null;
        }

        public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
        {
            // Every exchange speaks text: a binary message is dropped and counted; the reason is the same for each,
            // so the error reporter prints it once and counts the repeats.
            if (last)
            {
                framesDropped++;
                writeText(MSG_FRAME_REJECTED, generation, "binary frame dropped: the exchange's protocol is text");
            }
            webSocket.request(1);
            return null;
        }

        public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
        {
            writeText(MSG_DISCONNECTED, generation, "closed by the exchange: " + statusCode +
                (null == reason || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        public void onError(final WebSocket webSocket, final Throwable error)
        {
            writeText(MSG_DISCONNECTED, generation, "connection error: " + rootMessage(error));
        }
    }

    private static int putUtf8(final CharSequence data, final ExpandableArrayBuffer buffer, final int index)
    {
        int position = index;
        for (int i = 0, length = data.length(); i < length; i++)
        {
            final char c = data.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(position++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(position++, (byte)(0xC0 | (c >> 6)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < length)
            {
                final int codePoint = Character.toCodePoint(c, data.charAt(++i));
                buffer.putByte(position++, (byte)(0xF0 | (codePoint >> 18)));
                buffer.putByte(position++, (byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (codePoint & 0x3F)));
            }
            else
            {
                buffer.putByte(position++, (byte)(0xE0 | (c >> 12)));
                buffer.putByte(position++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                buffer.putByte(position++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return position - index;
    }
}
