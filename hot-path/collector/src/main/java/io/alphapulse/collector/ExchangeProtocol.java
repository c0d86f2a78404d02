/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.schemas.marketdata.Exchange;

import java.net.URI;
import java.util.List;

/**
 * Everything a collector needs to know about one exchange: where to connect, what to send, how to spell symbols,
 * and how to decode what comes back. One implementation per exchange ({@code kraken}, {@code coinbase},
 * {@code binance} packages).
 */
public interface ExchangeProtocol
{
    /**
     * The exchange.
     *
     * @return the exchange.
     */
    Exchange exchange();

    /**
     * The public production endpoint.
     *
     * @return the public production endpoint.
     */
    URI defaultEndpoint();

    /**
     * The URI to connect to for these symbols (Binance puts its streams in the path; others return the base).
     *
     * @param base         configured endpoint.
     * @param venueSymbols symbols as the exchange spells them.
     * @return the URI to connect to.
     */
    default URI connectUri(final URI base, final List<String> venueSymbols)
    {
        return base;
    }

    /**
     * The exchange's spelling of a canonical symbol, e.g. {@code BTC-USD} to Kraken {@code XBT/USD}.
     *
     * @param canonicalSymbol {@code BASE-QUOTE}.
     * @return venue symbol.
     */
    String venueSymbol(String canonicalSymbol);

    /**
     * The exchange's rule from its symbols to canonical ones.
     *
     * @return the normalizer.
     */
    SymbolNormalizer normalizer();

    /**
     * Text frames to send right after connecting, to subscribe to trades, books and tickers of these symbols,
     * batched within the exchange's limits.
     *
     * @param venueSymbols symbols as the exchange spells them.
     * @return frames to send, in order.
     */
    List<String> subscribeFrames(List<String> venueSymbols);

    /**
     * Text frames that resubscribe one symbol's book to get a fresh snapshot; empty when the exchange resyncs
     * another way (Binance: REST snapshot).
     *
     * @param venueSymbol symbol as the exchange spells it.
     * @return frames to send, in order.
     */
    List<String> resubscribeBookFrames(String venueSymbol);

    /**
     * An application-level ping to send when the connection is quiet, or null when the protocol has none (Binance
     * uses WebSocket ping frames).
     *
     * @return the ping frame, or null.
     */
    String applicationPing();

    /**
     * The REST URI of a depth snapshot for one symbol, or null when books come over the WebSocket.
     *
     * @param restBase    configured REST base, e.g. {@code https://api.binance.com}.
     * @param venueSymbol symbol as the exchange spells it.
     * @return the snapshot URI, or null.
     */
    default URI snapshotUri(final URI restBase, final String venueSymbol)
    {
        return null;
    }

    /**
     * Whether books are synchronised from REST snapshots ({@link #snapshotUri}) rather than over the WebSocket.
     *
     * @return true when the protocol has a snapshot URI.
     */
    default boolean usesRestSnapshots()
    {
        return null != snapshotUri(URI.create("http://localhost"), "PROBE");
    }

    /**
     * A generator of synthetic frames in this exchange's format, for the demo and load tests.
     *
     * @param venueSymbols symbols to generate.
     * @param seed         random seed: the same seed gives the same frames.
     * @param mix          what to generate.
     * @return the generator.
     */
    io.alphapulse.collector.source.SyntheticFrames syntheticFrames(
        List<String> venueSymbols, long seed, io.alphapulse.collector.source.SyntheticFrames.Mix mix);

    /**
     * A decoder for one connection.
     *
     * @param proxy    where market data goes.
     * @param registry instruments.
     * @param listener control and errors.
     * @param session  resync requests.
     * @return a new decoder.
     */
    FrameDecoder newDecoder(
        MarketDataProxy proxy, InstrumentRegistry registry, FrameListener listener, ExchangeSession session);
}
