/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.ExchangeProtocol;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.SymbolNormalizer;
import io.alphapulse.schemas.marketdata.Exchange;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Kraken spot, public market data over the v2 WebSocket API ({@code wss://ws.kraken.com/v2}): trades, the L2 book
 * at a fixed depth with CRC32 checksums, and the ticker triggered on every best bid/offer change. Symbols are sent in
 * the v2 spelling ({@code BTC/USD}); the decoder also reads the legacy v1 feed, whose {@code XBT}/{@code XDG} pairs
 * normalise to the same instruments.
 * <p>
 * Cold path: everything here runs on connect or on a resync request, and may allocate.
 */
public final class KrakenProtocol implements ExchangeProtocol
{
    /**
     * Book depth subscribed unless told otherwise: Kraken's default, and all the checksum covers.
     */
    public static final int DEFAULT_BOOK_DEPTH = 10;

    /**
     * Symbols per subscribe request. Kraken documents no per-request limit, only a load-dependent message rate;
     * batching keeps the request count low, and this bound keeps a frame a reasonable size.
     */
    public static final int MAX_SYMBOLS_PER_REQUEST = 50;

    private static final URI ENDPOINT = URI.create("wss://ws.kraken.com/v2");
    private static final String PING = "{\"method\":\"ping\"}";

    private final int bookDepth;

    /**
     * Kraken with the default book depth of {@value #DEFAULT_BOOK_DEPTH}.
     */
    public KrakenProtocol()
    {
        this(DEFAULT_BOOK_DEPTH);
    }

    /**
     * Kraken with a chosen book depth.
     *
     * @param bookDepth one of 10, 25, 100, 500, 1000.
     * @throws IllegalArgumentException naming the depth when Kraken does not offer it.
     */
    public KrakenProtocol(final int bookDepth)
    {
        boolean valid = false;
        for (final int depth : KrakenDecoder.VALID_DEPTHS)
        {
            valid |= depth == bookDepth;
        }
        if (!valid)
        {
            throw new IllegalArgumentException("Kraken book depth " + bookDepth + " is not one of 10, 25, 100, 500, " +
                "1000");
        }
        this.bookDepth = bookDepth;
    }

    /**
     * The book depth subscribed.
     *
     * @return book depth.
     */
    public int bookDepth()
    {
        return bookDepth;
    }

    /**
     * {@inheritDoc}
     */
    public Exchange exchange()
    {
        return Exchange.KRAKEN;
    }

    /**
     * {@inheritDoc}
     */
    public URI defaultEndpoint()
    {
        return ENDPOINT;
    }

    /**
     * {@inheritDoc}
     * <p>
     * The v2 spelling: {@code BTC-USD} to {@code BTC/USD} (v2 rejects the v1 {@code XBT/USD}).
     */
    public String venueSymbol(final String canonicalSymbol)
    {
        return KrakenSymbolNormalizer.v2Symbol(canonicalSymbol);
    }

    /**
     * {@inheritDoc}
     */
    public SymbolNormalizer normalizer()
    {
        return KrakenSymbolNormalizer.INSTANCE;
    }

    /**
     * {@inheritDoc}
     * <p>
     * One request per channel and batch of up to {@value #MAX_SYMBOLS_PER_REQUEST} symbols: trades (no snapshot of
     * past trades), the book at {@link #bookDepth()}, and the ticker triggered by best bid/offer changes.
     */
    public List<String> subscribeFrames(final List<String> venueSymbols)
    {
        final List<String> frames = new ArrayList<>();
        for (int from = 0; from < venueSymbols.size(); from += MAX_SYMBOLS_PER_REQUEST)
        {
            final List<String> batch =
                venueSymbols.subList(from, Math.min(venueSymbols.size(), from + MAX_SYMBOLS_PER_REQUEST));
            frames.add(request("subscribe", "trade", batch, ""));
            frames.add(request("subscribe", "book", batch, ",\"depth\":" + bookDepth));
            frames.add(request("subscribe", "ticker", batch, ",\"event_trigger\":\"bbo\""));
        }
        return frames;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Unsubscribe then subscribe the book of this symbol only: Kraken answers with a fresh snapshot.
     */
    public List<String> resubscribeBookFrames(final String venueSymbol)
    {
        final List<String> symbols = List.of(venueSymbol);
        final String depth = ",\"depth\":" + bookDepth;
        return List.of(request("unsubscribe", "book", symbols, depth), request("subscribe", "book", symbols, depth));
    }

    /**
     * {@inheritDoc}
     */
    public String applicationPing()
    {
        return PING;
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
        return new KrakenDecoder(proxy, registry, listener, session, KrakenSymbolNormalizer.INSTANCE, bookDepth);
    }

    private static String request(
        final String method, final String channel, final List<String> symbols, final String extraParams)
    {
        final StringBuilder builder = new StringBuilder(64 + 16 * symbols.size());
        builder.append("{\"method\":\"").append(method).append("\",\"params\":{\"channel\":\"").append(channel)
            .append("\",\"symbol\":[");
        for (int i = 0; i < symbols.size(); i++)
        {
            final String symbol = symbols.get(i);
            for (int c = 0; c < symbol.length(); c++)
            {
                final char ch = symbol.charAt(c);
                if ('"' == ch || '\\' == ch || ch < 0x20)
                {
                    throw new IllegalArgumentException("not a Kraken symbol: '" + symbol + "'");
                }
            }
            builder.append(0 == i ? "\"" : ",\"").append(symbol).append('"');
        }
        return builder.append(']').append(extraParams).append("}}").toString();
    }

    /**
     * {@inheritDoc}
     * <p>
     * Kraken v2 frames at {@link #bookDepth()}: see {@link KrakenSyntheticFrames}.
     */
    public io.alphapulse.collector.source.SyntheticFrames syntheticFrames(
        final List<String> venueSymbols, final long seed, final io.alphapulse.collector.source.SyntheticFrames.Mix mix)
    {
        return new KrakenSyntheticFrames(venueSymbols, seed, mix, bookDepth);
    }
}
