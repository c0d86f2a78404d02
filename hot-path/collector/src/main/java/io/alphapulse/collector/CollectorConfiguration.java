/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.marketdata.Exchange;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Defaults of a collector's settings; {@code pulse collector --help} shows every option.
 */
public final class CollectorConfiguration
{
    /**
     * Synthetic frames per second by default.
     */
    public static final long SYNTHETIC_RATE_DEFAULT = 1_000;

    /**
     * Frames handled per duty cycle.
     */
    public static final int FRAME_LIMIT_DEFAULT = 256;

    /**
     * Frame ring between the WebSocket thread and the collector thread: 64 MiB holds frames up to 8 MiB (a Coinbase
     * level2 snapshot of BTC-USD is about 5 MB).
     */
    public static final int FRAME_BUFFER_BYTES_DEFAULT = 64 * 1024 * 1024;

    /**
     * How often the collector publishes its own heartbeat.
     */
    public static final long HEARTBEAT_INTERVAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    /**
     * Silence on a subscription, while connected, that counts as a stale channel.
     */
    public static final long STALE_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);

    /**
     * Silence on the whole connection that counts as a dead connection (Kraken and Coinbase heartbeat every second).
     */
    public static final long IDLE_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(15);

    /**
     * First reconnect delay; doubles with full jitter up to {@link #RECONNECT_MAX_NS_DEFAULT}.
     */
    public static final long RECONNECT_MIN_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(500);

    /**
     * Largest reconnect delay (Binance allows 300 connection attempts per 5 minutes per IP).
     */
    public static final long RECONNECT_MAX_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);

    /**
     * Replace a connection before the exchange does (Binance closes connections at 24 hours).
     */
    public static final long MAX_CONNECTION_AGE_NS_DEFAULT = TimeUnit.HOURS.toNanos(23) + TimeUnit.MINUTES.toNanos(50);

    /**
     * Exchange time this far ahead of the collector's receive time counts as clock skew: an exchange's clock cannot
     * run ahead of ours by more than the two clocks' error, so a jump forward is a fault of its clock or its data.
     */
    public static final long CLOCK_SKEW_AHEAD_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);

    /**
     * Exchange time this far behind the collector's receive time counts as clock skew: an exchange clock that jumped
     * backwards, or data that arrives this late. Generous, because an exchange may replay recent trades on subscribing.
     */
    public static final long CLOCK_SKEW_BEHIND_NS_DEFAULT = TimeUnit.SECONDS.toNanos(60);

    private CollectorConfiguration()
    {
    }

    /**
     * Default Aeron stream of an exchange's collector.
     *
     * @param exchange exchange.
     * @return stream id.
     */
    public static int defaultStreamId(final Exchange exchange)
    {
        return switch (exchange)
        {
            case KRAKEN -> StreamIds.COLLECTOR_KRAKEN;
            case COINBASE -> StreamIds.COLLECTOR_COINBASE;
            case BINANCE -> StreamIds.COLLECTOR_BINANCE;
            default -> throw new IllegalArgumentException("no stream for " + exchange);
        };
    }

    /**
     * Default REST endpoint of an exchange (used for Binance depth snapshots).
     *
     * @param exchange exchange.
     * @return REST base URI.
     */
    public static URI defaultRestEndpoint(final Exchange exchange)
    {
        return switch (exchange)
        {
            case BINANCE -> URI.create("https://api.binance.com");
            case COINBASE -> URI.create("https://api.coinbase.com");
            case KRAKEN -> URI.create("https://api.kraken.com");
            default -> throw new IllegalArgumentException("no REST endpoint for " + exchange);
        };
    }
}
