/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client for the bench: counts the messages it receives and, while latency is on, records for each
 * trade {@code System.nanoTime() - intended send time} (the publisher puts the intended time in the trade id) in its
 * own histogram. The JDK calls a listener for one socket at a time, so the histogram needs no lock while running.
 */
final class CountingClient implements WebSocket.Listener
{
    private static final String TRADE_ID = "\"tradeId\":";
    private static final String TYPE = "{\"type\":\"";
    private static final String TRADE = "trade\"";

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong trades = new AtomicLong();
    private final Histogram histogram;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean recordLatency;
    private WebSocket socket;

    CountingClient(final long highestTrackableNs)
    {
        histogram = new Histogram(highestTrackableNs, 3);
    }

    void connect(final HttpClient http, final URI uri, final String... subscriptions)
    {
        socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this)
            .orTimeout(20, TimeUnit.SECONDS).join();
        for (final String subscription : subscriptions)
        {
            socket.sendText(subscription, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    public void onOpen(final WebSocket webSocket)
    {
        webSocket.request(Long.MAX_VALUE);
    }

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
        // A frame is one message or a JSON array of them (a batch); count every message and parse trade ids.
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
                trades.incrementAndGet();
                if (recordLatency)
                {
                    final int id = s.indexOf(TRADE_ID, from);
                    if (id > 0)
                    {
                        int end = id + TRADE_ID.length();
                        long value = 0;
                        while (end < s.length() && Character.isDigit(s.charAt(end)))
                        {
                            value = value * 10 + (s.charAt(end++) - '0');
                        }
                        histogram.recordValue(Math.max(0, nowNs - value));
                    }
                }
            }
        }
        return null;
    }

    long messages()
    {
        return messages.get();
    }

    long trades()
    {
        return trades.get();
    }

    void recordLatency(final boolean on)
    {
        recordLatency = on;
    }

    synchronized Histogram histogram()
    {
        return histogram;
    }

    void close()
    {
        if (null != socket)
        {
            socket.abort();
        }
    }
}
