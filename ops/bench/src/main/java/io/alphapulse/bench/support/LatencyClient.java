/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.support;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client of the bridge for the e2e stage (the JDK's {@link java.net.http.WebSocket}; the bridge stage's
 * 50 clients run out of process, see {@code io.alphapulse.bench.bridge.WebSocketClients}): counts the JSON
 * messages it receives and, while latency is on, records for each trade {@code System.nanoTime() - stamp} in its own
 * histogram, the stamp read from the trade by a {@link Stamp}. The JDK calls a listener for one socket at a time,
 * so the histogram needs no lock while running.
 */
public final class LatencyClient implements WebSocket.Listener
{
    private static final String TYPE = "{\"type\":\"";
    private static final String TRADE = "trade\"";
    private static final String ACK = "ack\"";

    /**
     * Reads a trade's stamp on the {@link System#nanoTime()} clock.
     */
    @FunctionalInterface
    public interface Stamp
    {
        /**
         * The stamp of the trade starting at {@code from}.
         *
         * @param text the frame's text: one message or a JSON array of them.
         * @param from where the trade's {@code "type"} value starts.
         * @return the stamp on the {@link System#nanoTime()} clock, or {@link Long#MIN_VALUE} when it has none.
         */
        long stampNs(String text, int from);
    }

    /**
     * A stamp from the trade's {@code receiveTime} (ISO-8601 with ns, the collector's receive time), mapped to the
     * {@link System#nanoTime()} clock with the offset the feed used.
     *
     * @param epochOffsetNs epoch ns minus {@link System#nanoTime()}, as the feed computed it.
     * @return the stamp reader.
     */
    public static Stamp receiveTime(final long epochOffsetNs)
    {
        return (text, from) ->
        {
            final String key = "\"receiveTime\":\"";
            final int at = text.indexOf(key, from);
            if (at < 0)
            {
                return Long.MIN_VALUE;
            }
            final int start = at + key.length();
            final Instant instant = Instant.parse(text.substring(start, text.indexOf('"', start)));
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano() - epochOffsetNs;
        };
    }

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong trades = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final Histogram histogram;
    private final Stamp stamp;
    private volatile long recordFromNs;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean recordLatency;
    private WebSocket socket;

    /**
     * A client.
     *
     * @param highestTrackableNs histogram bound.
     * @param stamp              reads a trade's stamp.
     * @param recordFromNs       trades stamped before this ({@link System#nanoTime()}) are counted, not recorded:
     *                           the warm-up.
     */
    public LatencyClient(final long highestTrackableNs, final Stamp stamp, final long recordFromNs)
    {
        histogram = new Histogram(highestTrackableNs, 3);
        this.stamp = stamp;
        this.recordFromNs = recordFromNs;
    }

    /**
     * Connect and subscribe, waiting (bounded) for both.
     *
     * @param http          client.
     * @param uri           the bridge.
     * @param subscriptions requests to send once connected.
     */
    public void connect(final HttpClient http, final URI uri, final String... subscriptions)
    {
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this)
            .orTimeout(20, TimeUnit.SECONDS).join();
        for (final String subscription : subscriptions)
        {
            socket.sendText(subscription, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(Long.MAX_VALUE);
    }

    /**
     * {@inheritDoc}
     */
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        final long nowNs = System.nanoTime();
        final CharSequence text;
        if (!last || partial.length() > 0)
        {
            partial.append(data);
            if (!last)
            {
                return null;
            }
            text = partial.toString();
            partial.setLength(0);
        }
        else
        {
            text = data;
        }
        // A frame is one message or a JSON array of them (a batch); count every message and time trades.
        int from = 0;
        final String s = text.toString();
        while (true)
        {
            final int at = s.indexOf(TYPE, from);
            if (at < 0)
            {
                break;
            }
            messages.incrementAndGet();
            from = at + TYPE.length();
            if (s.startsWith(TRADE, from))
            {
                if (recordLatency)
                {
                    final long stampNs = stamp.stampNs(s, from);
                    if (Long.MIN_VALUE != stampNs && (Long.MIN_VALUE == recordFromNs || stampNs - recordFromNs >= 0))
                    {
                        histogram.recordValue(Math.min(histogram.getHighestTrackableValue(),
                            Math.max(0, nowNs - stampNs)));
                    }
                }
                trades.incrementAndGet();
            }
            else if (s.startsWith(ACK, from))
            {
                acks.incrementAndGet();
            }
        }
        return null;
    }

    /**
     * Acknowledgements of requests received (a subscription is in force once acknowledged).
     *
     * @return count.
     */
    public long acks()
    {
        return acks.get();
    }

    /**
     * Messages received.
     *
     * @return count.
     */
    public long messages()
    {
        return messages.get();
    }

    /**
     * Trades received.
     *
     * @return count.
     */
    public long trades()
    {
        return trades.get();
    }

    /**
     * Trades stamped before this time are counted, not recorded (the warm-up).
     *
     * @param stampNs first stamp recorded, on the {@link System#nanoTime()} clock.
     */
    public void recordFrom(final long stampNs)
    {
        recordFromNs = stampNs;
    }

    /**
     * Turn latency recording on or off.
     *
     * @param on whether to record.
     */
    public void recordLatency(final boolean on)
    {
        recordLatency = on;
    }

    /**
     * The histogram; read once the trades counted have stopped arriving.
     *
     * @return ns.
     */
    public synchronized Histogram histogram()
    {
        return histogram;
    }

    /**
     * Drop the connection.
     */
    public void close()
    {
        if (null != socket)
        {
            socket.abort();
        }
    }
}
