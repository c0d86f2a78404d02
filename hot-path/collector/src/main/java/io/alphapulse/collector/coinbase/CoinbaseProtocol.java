/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

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

/**
 * Coinbase, live over the Advanced Trade WebSocket ({@code wss://advanced-trade-ws.coinbase.com}); the decoder also
 * reads the older Coinbase Exchange feed ({@code ws-feed}), so recordings of either decode the same way.
 * <p>
 * Advanced Trade takes one channel per subscribe request. On connect four requests go out, one each for
 * {@code market_trades}, {@code level2}, {@code ticker} and {@code heartbeats}, each listing every product: well
 * inside the limit of 8 unauthenticated messages per second per IP. The {@code heartbeats} channel keeps quiet
 * subscriptions open, so there is no application ping. A book resync is an unsubscribe and subscribe of
 * {@code level2} for that product alone, which brings a fresh snapshot.
 */
public final class CoinbaseProtocol implements ExchangeProtocol
{
    /**
     * The public Advanced Trade market-data endpoint.
     */
    public static final String ADVANCED_TRADE_ENDPOINT = "wss://advanced-trade-ws.coinbase.com";

    /**
     * Channels subscribed on connect, one request each, in this order.
     */
    public static final List<String> CHANNELS = List.of("market_trades", "level2", "ticker", "heartbeats");

    /**
     * The Advanced Trade book channel (its data arrives as {@code l2_data}).
     */
    public static final String BOOK_CHANNEL = "level2";

    /**
     * {@inheritDoc}
     */
    public Exchange exchange()
    {
        return Exchange.COINBASE;
    }

    /**
     * {@inheritDoc}
     */
    public URI defaultEndpoint()
    {
        return URI.create(ADVANCED_TRADE_ENDPOINT);
    }

    /**
     * Coinbase product ids are canonical symbols already.
     *
     * @param canonicalSymbol {@code BASE-QUOTE}.
     * @return the same symbol.
     * @throws IllegalArgumentException naming the symbol when it is not {@code BASE-QUOTE} in upper case.
     */
    public String venueSymbol(final String canonicalSymbol)
    {
        return CoinbaseSymbols.validate(canonicalSymbol);
    }

    /**
     * {@inheritDoc}
     */
    public SymbolNormalizer normalizer()
    {
        return CoinbaseSymbols.INSTANCE;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when there are no symbols or one is not a Coinbase product id.
     */
    public List<String> subscribeFrames(final List<String> venueSymbols)
    {
        if (venueSymbols.isEmpty())
        {
            throw new IllegalArgumentException("no Coinbase products to subscribe to");
        }
        final String productIds = productIds(venueSymbols);
        final String[] frames = new String[CHANNELS.size()];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = request("subscribe", productIds, CHANNELS.get(i));
        }
        return List.of(frames);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the symbol is not a Coinbase product id.
     */
    public List<String> resubscribeBookFrames(final String venueSymbol)
    {
        final String productIds = productIds(List.of(venueSymbol));
        return List.of(request("unsubscribe", productIds, BOOK_CHANNEL), request("subscribe", productIds, BOOK_CHANNEL));
    }

    /**
     * None: the {@code heartbeats} channel keeps the connection and its subscriptions alive.
     *
     * @return null.
     */
    public String applicationPing()
    {
        return null;
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
        return new CoinbaseDecoder(proxy, registry, listener, session);
    }

    private static String productIds(final List<String> venueSymbols)
    {
        // Validated product ids are [A-Z0-9-] only: nothing to escape.
        final StringBuilder json = new StringBuilder(venueSymbols.size() * 12).append('[');
        for (int i = 0; i < venueSymbols.size(); i++)
        {
            if (i > 0)
            {
                json.append(',');
            }
            json.append('"').append(CoinbaseSymbols.validate(venueSymbols.get(i))).append('"');
        }
        return json.append(']').toString();
    }

    private static String request(final String type, final String productIds, final String channel)
    {
        return "{\"type\":\"" + type + "\",\"product_ids\":" + productIds + ",\"channel\":\"" + channel + "\"}";
    }

    /**
     * Advanced Trade frames of one connection: see {@link CoinbaseSyntheticFrames}.
     *
     * @param venueSymbols product ids.
     * @param seed         random seed: the same seed gives the same frames.
     * @param mix          what to generate.
     * @return a new generator.
     * @throws IllegalArgumentException when there are no symbols or one is not a Coinbase product id.
     */
    public io.alphapulse.collector.source.SyntheticFrames syntheticFrames(
        final List<String> venueSymbols, final long seed, final io.alphapulse.collector.source.SyntheticFrames.Mix mix)
    {
        return new CoinbaseSyntheticFrames(venueSymbols, seed, mix);
    }
}
