/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.LocalExchangeServer;
import io.alphapulse.collector.Timestamps;
import io.alphapulse.collector.source.SyntheticFrames;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local exchange that speaks Kraken's v2 WebSocket protocol, on a real {@link LocalExchangeServer}: it answers
 * {@code subscribe}/{@code unsubscribe} requests per channel and pair with Kraken's acknowledgements (an error for
 * pairs it does not list), sends a book snapshot on every book subscription, then streams {@link
 * KrakenSyntheticFrames} data (book updates, trades, tickers) for the subscribed channels and a heartbeat about once
 * a second. Tests steer it: drop connections, corrupt one book checksum, hold a pair's snapshots back, or silence a
 * pair.
 * <p>
 * Everything the exchange does runs on one thread of its own, in order; the test's calls wait until applied. Tests
 * only.
 */
final class LocalKrakenExchange implements AutoCloseable
{
    static final String HEARTBEAT = "{\"channel\":\"heartbeat\"}";

    private static final Pattern CHECKSUM = Pattern.compile("\"checksum\":(\\d+)");
    private static final long CALL_TIMEOUT_MS = 5_000;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((runnable) ->
    {
        final Thread exchangeThread = new Thread(runnable, "local-kraken");
        exchangeThread.setDaemon(true);
        return exchangeThread;
    });
    private final EpochNanoClock clock = new SystemEpochNanoClock();
    private final Map<String, Market> markets = new LinkedHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<String> frames = new ArrayList<>();
    private final SyntheticFrames.FrameSink sink =
        (buffer, length) -> frames.add(buffer.getStringWithoutLengthAscii(0, length));
    private final int ticksPerHeartbeat;
    private final LocalExchangeServer server;
    private long ticks;

    /**
     * Start the exchange.
     *
     * @param symbols pairs it lists, e.g. {@code BTC/USD}; others are refused.
     * @param seed    seed of the generators.
     * @param tickMs  every tick, one data frame per subscribed, unsilenced pair.
     * @throws InterruptedException if interrupted while the server starts.
     */
    LocalKrakenExchange(final List<String> symbols, final long seed, final long tickMs) throws InterruptedException
    {
        for (int i = 0; i < symbols.size(); i++)
        {
            final String symbol = symbols.get(i);
            markets.put(symbol,
                new Market(new KrakenSyntheticFrames(List.of(symbol), seed + i, SyntheticFrames.Mix.MIXED)));
        }
        ticksPerHeartbeat = (int)Math.max(1, 1_000 / tickMs);
        server = new LocalExchangeServer((srv, message) -> thread.execute(() -> guarded(() -> onRequest(message))));
        server.startAndWait();
        thread.scheduleAtFixedRate(() -> guarded(this::tick), tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Where clients connect.
     *
     * @return the v2 URI.
     */
    URI uri()
    {
        return server.uri("/v2");
    }

    /**
     * Client messages received, in order.
     *
     * @return client messages.
     */
    List<String> received()
    {
        return server.received();
    }

    /**
     * Connections accepted so far.
     *
     * @return connections.
     */
    int connections()
    {
        return server.connections();
    }

    /**
     * Anything that went wrong on the exchange's thread (a request it could not parse, a bug): must stay empty.
     *
     * @return failures.
     */
    List<Throwable> failures()
    {
        return failures;
    }

    /**
     * Drop every connection abruptly; the subscriptions die with them.
     */
    void dropConnections()
    {
        call(() ->
        {
            for (final Market market : markets.values())
            {
                market.trade = false;
                market.book = false;
                market.ticker = false;
                market.snapshotOwed = false;
            }
            server.dropConnections();
        });
    }

    /**
     * Close every connection with a close frame (code and reason); the subscriptions die with them.
     *
     * @param code   WebSocket close code.
     * @param reason reason.
     */
    void closeConnections(final int code, final String reason)
    {
        call(() ->
        {
            unsubscribeAll();
            server.closeConnections(code, reason);
        });
    }

    /**
     * Hang every open connection: it stays open and gets nothing more, heartbeats and pongs included. The
     * subscriptions die with it: a new connection is served once it subscribes again.
     */
    void stall()
    {
        call(() ->
        {
            unsubscribeAll();
            server.stallOpenConnections();
        });
    }

    /**
     * Close the next connections at once with 1013 (an overloaded exchange).
     *
     * @param count connections to refuse.
     */
    void refuseConnections(final int count)
    {
        call(() -> server.refuseConnections(count));
    }

    /**
     * When each connection was accepted ({@link System#nanoTime()}), refused ones included.
     *
     * @return accept times.
     */
    List<Long> connectTimesNs()
    {
        return server.connectTimesNs();
    }

    /**
     * Send a binary frame, in order with the data.
     *
     * @param frame bytes.
     */
    void pushBinary(final byte[] frame)
    {
        call(() -> server.pushBinary(frame));
    }

    private void unsubscribeAll()
    {
        for (final Market market : markets.values())
        {
            market.trade = false;
            market.book = false;
            market.ticker = false;
            market.snapshotOwed = false;
        }
    }

    /**
     * Send the next book update of a pair with a wrong checksum (its levels stay right).
     *
     * @param symbol pair.
     */
    void corruptNextBookChecksum(final String symbol)
    {
        call(() -> markets.get(symbol).corruptNextChecksum = true);
    }

    /**
     * Hold back (or release) the book snapshots of a pair: a book subscription is acknowledged, but the snapshot and
     * the updates after it wait until released.
     *
     * @param symbol pair.
     * @param hold   true to hold, false to release and send what is owed.
     */
    void holdBookSnapshots(final String symbol, final boolean hold)
    {
        call(() ->
        {
            final Market market = markets.get(symbol);
            market.holdSnapshots = hold;
            if (!hold && market.snapshotOwed)
            {
                market.snapshotOwed = false;
                send(market, bookSnapshot(market));
            }
        });
    }

    /**
     * Silence (or resume) a pair: while silent nothing of it is sent, answers to its requests included; they are
     * sent, in order, on resuming. Other pairs and heartbeats carry on.
     *
     * @param symbol pair.
     * @param silent true to silence.
     */
    void silence(final String symbol, final boolean silent)
    {
        call(() ->
        {
            final Market market = markets.get(symbol);
            market.silent = silent;
            if (!silent)
            {
                for (final String frame : market.deferred)
                {
                    server.push(frame);
                }
                market.deferred.clear();
            }
        });
    }

    /**
     * Send a frame as it is, in order with the data.
     *
     * @param frame text.
     */
    void push(final String frame)
    {
        call(() -> server.push(frame));
    }

    /**
     * Stop the data and the server.
     */
    public void close()
    {
        thread.shutdownNow();
        try
        {
            thread.awaitTermination(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        server.close();
    }

    private void call(final Runnable action)
    {
        try
        {
            thread.submit(() -> guarded(action)).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("local Kraken did not apply the request", ex);
        }
    }

    private void guarded(final Runnable action)
    {
        try
        {
            action.run();
        }
        catch (final Throwable ex)
        {
            failures.add(ex);
        }
    }

    private void tick()
    {
        for (final Market market : markets.values())
        {
            if (market.silent)
            {
                continue; // nothing happens on a silent pair, so its book stays what the client last saw
            }
            final String frame = generate(() -> market.frames.next(sink, clock.nanoTime()));
            if (frame.startsWith("{\"channel\":\"book\""))
            {
                // Not subscribed, or the snapshot is held: the client gets a fresh snapshot later.
                if (market.book && !market.snapshotOwed)
                {
                    server.push(market.corruptNextChecksum ? corruptChecksum(frame, market) : frame);
                }
            }
            else if (frame.startsWith("{\"channel\":\"trade\"") ? market.trade : market.ticker)
            {
                server.push(frame);
            }
        }
        if (0 == ++ticks % ticksPerHeartbeat)
        {
            server.push(HEARTBEAT);
        }
    }

    private void onRequest(final String message)
    {
        final Map<String, Object> request = DecodedLines.parseObject(message);
        final Object method = request.get("method");
        final long nowNs = clock.nanoTime();
        if ("ping".equals(method))
        {
            server.push("{\"method\":\"pong\",\"time_in\":\"" + Timestamps.formatIso8601(nowNs, 6) +
                "\",\"time_out\":\"" + Timestamps.formatIso8601(nowNs + 20_000, 6) + "\"}");
            return;
        }
        final boolean subscribe = "subscribe".equals(method);
        if (!subscribe && !"unsubscribe".equals(method))
        {
            throw new IllegalArgumentException("local Kraken: unknown method in " + message);
        }

        final Map<?, ?> params = (Map<?, ?>)request.get("params");
        final String channelName = (String)params.get("channel");
        final int channel = switch (channelName)
        {
            case "trade" -> KrakenSyntheticFrames.CHANNEL_TRADE;
            case "book" -> KrakenSyntheticFrames.CHANNEL_BOOK;
            case "ticker" -> KrakenSyntheticFrames.CHANNEL_TICKER;
            default -> throw new IllegalArgumentException("local Kraken: unknown channel in " + message);
        };
        for (final Object symbolValue : (List<?>)params.get("symbol"))
        {
            final String symbol = (String)symbolValue;
            final Market market = markets.get(symbol);
            if (null == market)
            {
                server.push("{\"error\":\"" + (subscribe ? "Currency pair not supported " + symbol :
                    "Subscription Not Found") + "\",\"method\":\"" + method + "\",\"success\":false,\"symbol\":\"" +
                    symbol + "\",\"time_in\":\"" + Timestamps.formatIso8601(nowNs, 6) + "\",\"time_out\":\"" +
                    Timestamps.formatIso8601(nowNs + 21_000, 6) + "\"}");
                continue;
            }

            send(market, generate(() -> market.frames.writeAck(sink, subscribe, channel, 0, nowNs)));
            switch (channel)
            {
                case KrakenSyntheticFrames.CHANNEL_TRADE -> market.trade = subscribe;
                case KrakenSyntheticFrames.CHANNEL_TICKER ->
                {
                    market.ticker = subscribe;
                    if (subscribe)
                    {
                        send(market, generate(() -> market.frames.writeTicker(sink, 0, true, nowNs)));
                    }
                }
                default ->
                {
                    market.book = subscribe;
                    market.snapshotOwed = subscribe && market.holdSnapshots;
                    if (subscribe && !market.holdSnapshots)
                    {
                        send(market, bookSnapshot(market));
                    }
                }
            }
        }
    }

    private String bookSnapshot(final Market market)
    {
        return generate(() -> market.frames.writeBookSnapshot(sink, 0, clock.nanoTime()));
    }

    private void send(final Market market, final String frame)
    {
        if (market.silent)
        {
            market.deferred.add(frame);
        }
        else
        {
            server.push(frame);
        }
    }

    private String generate(final Runnable writer)
    {
        frames.clear();
        writer.run();
        if (1 != frames.size())
        {
            throw new IllegalStateException("expected one frame, got " + frames);
        }
        return frames.get(0);
    }

    private static String corruptChecksum(final String frame, final Market market)
    {
        market.corruptNextChecksum = false;
        final Matcher matcher = CHECKSUM.matcher(frame);
        if (!matcher.find())
        {
            throw new IllegalStateException("no checksum in " + frame);
        }
        final long wrong = (Long.parseLong(matcher.group(1)) + 1) & 0xFFFF_FFFFL;
        return frame.substring(0, matcher.start(1)) + wrong + frame.substring(matcher.end(1));
    }

    private static final class Market
    {
        final KrakenSyntheticFrames frames;
        final List<String> deferred = new ArrayList<>();
        boolean trade;
        boolean book;
        boolean ticker;
        boolean silent;
        boolean holdSnapshots;
        boolean snapshotOwed;
        boolean corruptNextChecksum;

        Market(final KrakenSyntheticFrames frames)
        {
            this.frames = frames;
        }
    }
}
