/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.DecodedJsonWriter;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.SymbolNormalizer;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the collector sends to Kraken and how it spells symbols.
 */
class KrakenProtocolTest
{
    @Test
    void endpointSymbolsAndPing()
    {
        final KrakenProtocol protocol = new KrakenProtocol();
        assertEquals(Exchange.KRAKEN, protocol.exchange());
        assertEquals(URI.create("wss://ws.kraken.com/v2"), protocol.defaultEndpoint());
        assertEquals("BTC/USD", protocol.venueSymbol("BTC-USD"));
        assertEquals("DOGE/USD", protocol.venueSymbol("DOGE-USD"));
        assertThrows(IllegalArgumentException.class, () -> protocol.venueSymbol("BTCUSD"));
        assertEquals("{\"method\":\"ping\"}", protocol.applicationPing());
        assertEquals(10, protocol.bookDepth());
    }

    @Test
    void normalizerMapsLegacyAssetCodesOnEitherSide()
    {
        final SymbolNormalizer normalizer = new KrakenProtocol().normalizer();
        assertEquals("BTC-USD", normalizer.canonical("XBT/USD"));
        assertEquals("BTC-USD", normalizer.canonical("BTC/USD"));
        assertEquals("DOGE-USD", normalizer.canonical("XDG/USD"));
        assertEquals("DOGE-BTC", normalizer.canonical("XDG/XBT"));
        assertEquals("ADA-BTC", normalizer.canonical("ADA/XBT"));
        assertEquals("1INCH-EUR", normalizer.canonical("1INCH/EUR"));
        for (final String bad : new String[]{ "XBTUSD", "/USD", "XBT/", "A/B/C", "XBT USD/EUR", "" })
        {
            assertThrows(IllegalArgumentException.class, () -> normalizer.canonical(bad), bad);
        }
    }

    @Test
    void subscribesInBatchesToTradeBookAndTicker()
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 120; i++)
        {
            symbols.add("S" + i + "/USD");
        }
        final List<String> frames = new KrakenProtocol(25).subscribeFrames(symbols);
        assertEquals(9, frames.size(), "3 batches of at most 50, 3 channels each");

        final Map<String, Object> trade = DecodedLines.parseObject(frames.get(0));
        assertEquals("subscribe", trade.get("method"));
        final Map<?, ?> tradeParams = (Map<?, ?>)trade.get("params");
        assertEquals("trade", tradeParams.get("channel"));
        assertEquals(symbols.subList(0, 50), tradeParams.get("symbol"));

        final Map<?, ?> book = (Map<?, ?>)DecodedLines.parseObject(frames.get(1)).get("params");
        assertEquals("book", book.get("channel"));
        assertEquals(25L, book.get("depth"));

        final Map<?, ?> ticker = (Map<?, ?>)DecodedLines.parseObject(frames.get(2)).get("params");
        assertEquals("ticker", ticker.get("channel"));
        assertEquals("bbo", ticker.get("event_trigger"));

        final Map<?, ?> last = (Map<?, ?>)DecodedLines.parseObject(frames.get(8)).get("params");
        assertEquals(symbols.subList(100, 120), last.get("symbol"));

        assertEquals(List.of(), new KrakenProtocol().subscribeFrames(List.of()));
    }

    @Test
    void resubscribesOneBook()
    {
        final List<String> frames = new KrakenProtocol().resubscribeBookFrames("ETH/USD");
        assertEquals(List.of(
            "{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"book\",\"symbol\":[\"ETH/USD\"],\"depth\":10}}",
            "{\"method\":\"subscribe\",\"params\":{\"channel\":\"book\",\"symbol\":[\"ETH/USD\"],\"depth\":10}}"),
            frames);
    }

    @Test
    void rejectsDepthsKrakenDoesNotOffer()
    {
        for (final int depth : new int[]{ 0, 5, 11, 2000 })
        {
            assertThrows(IllegalArgumentException.class, () -> new KrakenProtocol(depth), Integer.toString(depth));
        }
        assertEquals(1000, new KrakenProtocol(1000).bookDepth());
    }

    @Test
    void newDecoderIsAKrakenDecoder()
    {
        final DecodedJsonWriter writer = new DecodedJsonWriter(new ByteArrayOutputStream(), true);
        final MarketDataProxy proxy = new MarketDataProxy(writer, new SystemEpochNanoClock(), Exchange.KRAKEN);
        assertInstanceOf(KrakenDecoder.class,
            new KrakenProtocol().newDecoder(proxy, new InstrumentRegistry(), writer, ExchangeSession.NONE));
    }
}
