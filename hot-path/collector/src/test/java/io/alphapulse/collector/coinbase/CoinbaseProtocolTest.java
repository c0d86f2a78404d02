/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the collector sends to Coinbase Advanced Trade, and how it spells symbols.
 */
class CoinbaseProtocolTest
{
    private final CoinbaseProtocol protocol = new CoinbaseProtocol();

    @Test
    void connectsToAdvancedTradeWithoutApplicationPing()
    {
        assertEquals(Exchange.COINBASE, protocol.exchange());
        assertEquals(URI.create("wss://advanced-trade-ws.coinbase.com"), protocol.defaultEndpoint());
        assertNull(protocol.applicationPing());
    }

    @Test
    void subscribesOneChannelPerRequestWithEveryProduct()
    {
        final List<String> frames = protocol.subscribeFrames(List.of("BTC-USD", "ETH-USD"));

        assertEquals(List.of(
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"market_trades\"}",
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"level2\"}",
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}",
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"heartbeats\"}"), frames);
        // Advanced Trade allows 8 unauthenticated messages per second per IP.
        assertTrue(frames.size() <= 8);
        for (final String frame : frames)
        {
            final Map<String, Object> json = TestJson.object(frame);
            assertEquals(List.of("BTC-USD", "ETH-USD"), json.get("product_ids"));
        }
    }

    @Test
    void resubscribesTheBookOfOneProduct()
    {
        assertEquals(List.of(
            "{\"type\":\"unsubscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"level2\"}",
            "{\"type\":\"subscribe\",\"product_ids\":[\"SOL-USD\"],\"channel\":\"level2\"}"),
            protocol.resubscribeBookFrames("SOL-USD"));
    }

    @Test
    void symbolsAreCanonicalAlready()
    {
        assertEquals("BTC-USD", protocol.venueSymbol("BTC-USD"));
        assertEquals("1INCH-USD", protocol.normalizer().canonical("1INCH-USD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"btc-usd", "BTCUSD", "BTC/USD", "BTC-USD-PERP", "-USD", "BTC-", "", "BTC-US\"D"})
    void rejectsWhatIsNotAProductIdNamingIt(final String symbol)
    {
        final IllegalArgumentException normalizer =
            assertThrows(IllegalArgumentException.class, () -> protocol.normalizer().canonical(symbol));
        assertTrue(normalizer.getMessage().contains("'" + symbol + "'"), normalizer.getMessage());
        assertThrows(IllegalArgumentException.class, () -> protocol.venueSymbol(symbol));
        assertThrows(IllegalArgumentException.class, () -> protocol.subscribeFrames(List.of("BTC-USD", symbol)));
    }

    @Test
    void refusesToSubscribeToNothing()
    {
        assertThrows(IllegalArgumentException.class, () -> protocol.subscribeFrames(List.of()));
    }

    @Test
    void newDecoderIsACoinbaseDecoder()
    {
        final MarketDataProxy proxy = new MarketDataProxy((buffer, offset, length) -> 1L, () -> 0L, Exchange.COINBASE);
        assertInstanceOf(CoinbaseDecoder.class, protocol.newDecoder(proxy, new InstrumentRegistry(), null,
            ExchangeSession.NONE));
    }
}
