/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.ExchangeProtocol;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.SymbolNormalizer;
import io.alphapulse.schemas.marketdata.Exchange;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Binance spot public market data over the combined-stream WebSocket.
 * <p>
 * Subscriptions are part of the URL ({@link #connectUri(URI, List)}), three streams per symbol:
 * <pre>
 *   wss://stream.binance.com:9443/stream?streams=btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker/ethusdt@...
 * </pre>
 * so {@link #subscribeFrames(List)} is empty: nothing has to be sent after connecting, and the limit of 5 incoming
 * messages per second per connection cannot be broken by subscribing. Binance allows at most
 * {@value #MAX_STREAMS_PER_CONNECTION} streams per connection, i.e. {@value #MAX_SYMBOLS_PER_CONNECTION} symbols.
 * <p>
 * Books come from {@code <symbol>@depth@100ms} diff events synchronised with REST snapshots
 * ({@link #snapshotUri(URI, String)}), see {@link BinanceDecoder}; resubscribing cannot produce a snapshot, so
 * {@link #resubscribeBookFrames(String)} is empty and a resync is a new REST snapshot. Binance keeps connections alive
 * with WebSocket ping frames every 20 s that the client must answer with a pong within a minute; there is no
 * application-level ping ({@link #applicationPing()} is null).
 */
public final class BinanceProtocol implements ExchangeProtocol
{
    /**
     * Most streams Binance accepts on one connection.
     */
    public static final int MAX_STREAMS_PER_CONNECTION = 1024;

    /**
     * Streams per symbol: trade, diff depth, book ticker.
     */
    public static final int STREAMS_PER_SYMBOL = 3;

    /**
     * Most symbols one connection can carry.
     */
    public static final int MAX_SYMBOLS_PER_CONNECTION = MAX_STREAMS_PER_CONNECTION / STREAMS_PER_SYMBOL;

    /**
     * Levels asked of a REST depth snapshot: 1000 is the largest limit of weight 25 (5000 costs 250).
     */
    public static final int SNAPSHOT_DEPTH_LIMIT = 1000;

    private static final URI DEFAULT_ENDPOINT = URI.create("wss://stream.binance.com:9443");
    private static final String[] STREAM_SUFFIXES = { "@trade", "@depth@100ms", "@bookTicker" };

    private final SymbolNormalizer normalizer = new BinanceSymbolNormalizer();

    /**
     * {@inheritDoc}
     */
    public Exchange exchange()
    {
        return Exchange.BINANCE;
    }

    /**
     * {@inheritDoc}
     */
    public URI defaultEndpoint()
    {
        return DEFAULT_ENDPOINT;
    }

    /**
     * The combined-stream URL carrying every stream of these symbols: {@code base/stream?streams=s1/s2/...}, symbols
     * in lower case as Binance requires for stream names.
     *
     * @param base         configured endpoint, e.g. {@code wss://stream.binance.com:9443}.
     * @param venueSymbols symbols as Binance spells them, e.g. {@code BTCUSDT}.
     * @return the URI to connect to.
     * @throws IllegalArgumentException when there are no symbols, a symbol is not a plain Binance symbol, or the
     *                                  streams would exceed {@value #MAX_STREAMS_PER_CONNECTION} per connection.
     */
    public URI connectUri(final URI base, final List<String> venueSymbols)
    {
        if (venueSymbols.isEmpty())
        {
            throw new IllegalArgumentException("Binance: no symbols to subscribe to");
        }
        final int streamCount = venueSymbols.size() * STREAMS_PER_SYMBOL;
        if (streamCount > MAX_STREAMS_PER_CONNECTION)
        {
            throw new IllegalArgumentException("Binance: " + venueSymbols.size() + " symbols need " + streamCount +
                " streams but a connection carries at most " + MAX_STREAMS_PER_CONNECTION + " (" +
                MAX_SYMBOLS_PER_CONNECTION + " symbols): split them over " +
                ((streamCount + MAX_STREAMS_PER_CONNECTION - 1) / MAX_STREAMS_PER_CONNECTION) + " connections");
        }

        String root = base.toString();
        while (root.endsWith("/"))
        {
            root = root.substring(0, root.length() - 1);
        }
        final StringBuilder uri = new StringBuilder(root.length() + 16 + streamCount * 24)
            .append(root).append("/stream?streams=");
        boolean first = true;
        for (final String venueSymbol : venueSymbols)
        {
            final String stream = checkedSymbol(venueSymbol).toLowerCase(Locale.ROOT);
            for (final String suffix : STREAM_SUFFIXES)
            {
                if (!first)
                {
                    uri.append('/');
                }
                uri.append(stream).append(suffix);
                first = false;
            }
        }
        return URI.create(uri.toString());
    }

    /**
     * {@code BTC-USDT} to {@code BTCUSDT}.
     *
     * @param canonicalSymbol {@code BASE-QUOTE}.
     * @return venue symbol.
     * @throws IllegalArgumentException naming the symbol when it is not {@code BASE-QUOTE}.
     */
    public String venueSymbol(final String canonicalSymbol)
    {
        final int dash = null == canonicalSymbol ? -1 : canonicalSymbol.indexOf('-');
        if (dash <= 0 || dash == canonicalSymbol.length() - 1 || canonicalSymbol.indexOf('-', dash + 1) >= 0 ||
            !isAlphanumeric(canonicalSymbol.substring(0, dash)) || !isAlphanumeric(canonicalSymbol.substring(dash + 1)))
        {
            throw new IllegalArgumentException("not a BASE-QUOTE symbol: '" + canonicalSymbol + "'");
        }
        return (canonicalSymbol.substring(0, dash) + canonicalSymbol.substring(dash + 1)).toUpperCase(Locale.ROOT);
    }

    /**
     * {@inheritDoc}
     */
    public SymbolNormalizer normalizer()
    {
        return normalizer;
    }

    /**
     * Empty: the streams are named in the URL of {@link #connectUri(URI, List)}.
     *
     * @param venueSymbols symbols as the exchange spells them.
     * @return an empty list.
     */
    public List<String> subscribeFrames(final List<String> venueSymbols)
    {
        return List.of();
    }

    /**
     * Empty: a Binance book is resynchronised with a REST snapshot ({@link #snapshotUri(URI, String)}).
     *
     * @param venueSymbol symbol as the exchange spells it.
     * @return an empty list.
     */
    public List<String> resubscribeBookFrames(final String venueSymbol)
    {
        return List.of();
    }

    /**
     * None: the server pings with WebSocket ping frames and the client answers with pongs.
     *
     * @return null.
     */
    public String applicationPing()
    {
        return null;
    }

    /**
     * {@code restBase/api/v3/depth?symbol=SYM&limit=1000}.
     *
     * @param restBase    configured REST base, e.g. {@code https://api.binance.com}.
     * @param venueSymbol symbol as Binance spells it.
     * @return the snapshot URI.
     */
    public URI snapshotUri(final URI restBase, final String venueSymbol)
    {
        String root = restBase.toString();
        while (root.endsWith("/"))
        {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + "/api/v3/depth?symbol=" + checkedSymbol(venueSymbol).toUpperCase(Locale.ROOT) +
            "&limit=" + SNAPSHOT_DEPTH_LIMIT);
    }

    /**
     * {@inheritDoc}
     */
    public FrameDecoder newDecoder(
        final MarketDataProxy proxy,
        final InstrumentRegistry registry,
        final FrameListener listener,
        final ExchangeSession session)
    {
        return new BinanceDecoder(proxy, registry, listener, session, normalizer);
    }

    private static String checkedSymbol(final String venueSymbol)
    {
        if (null == venueSymbol || !isAlphanumeric(venueSymbol))
        {
            throw new IllegalArgumentException("not a Binance symbol: '" + venueSymbol + "'");
        }
        return venueSymbol;
    }

    private static boolean isAlphanumeric(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Combined-stream frames and REST snapshots from a seeded model of each symbol's book and trades, see
     * {@link BinanceSyntheticFrames}.
     *
     * @param venueSymbols symbols to generate.
     * @param seed         random seed: the same seed gives the same frames.
     * @param mix          what to generate.
     * @return a new generator.
     */
    public io.alphapulse.collector.source.SyntheticFrames syntheticFrames(
        final List<String> venueSymbols, final long seed, final io.alphapulse.collector.source.SyntheticFrames.Mix mix)
    {
        return new BinanceSyntheticFrames(venueSymbols, seed, mix);
    }
}
