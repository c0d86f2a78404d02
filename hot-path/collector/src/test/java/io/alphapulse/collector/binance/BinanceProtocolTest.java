/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.schemas.marketdata.Exchange;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class BinanceProtocolTest
{
    private final BinanceProtocol protocol = new BinanceProtocol();

    @Test
    void endpointsAndConstantAnswers()
    {
        assertEquals(Exchange.BINANCE, protocol.exchange());
        assertEquals(URI.create("wss://stream.binance.com:9443"), protocol.defaultEndpoint());
        assertEquals(List.of(), protocol.subscribeFrames(List.of("BTCUSDT", "ETHUSDT")));
        assertEquals(List.of(), protocol.resubscribeBookFrames("BTCUSDT"));
        assertNull(protocol.applicationPing());
        assertEquals(URI.create("https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000"),
            protocol.snapshotUri(URI.create("https://api.binance.com"), "BTCUSDT"));
        assertEquals(URI.create("https://api.binance.com/api/v3/depth?symbol=ETHBTC&limit=1000"),
            protocol.snapshotUri(URI.create("https://api.binance.com/"), "ethbtc"));
    }

    @Test
    void venueSymbolJoinsBaseAndQuote()
    {
        assertEquals("BTCUSDT", protocol.venueSymbol("BTC-USDT"));
        assertEquals("AAVEUPUSDT", protocol.venueSymbol("AAVEUP-USDT"));
        assertEquals("ETHBTC", protocol.venueSymbol("eth-btc"));
        for (final String bad : new String[]{ "BTCUSDT", "-USDT", "BTC-", "BTC-US-DT", "BTC/USDT-X" })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> protocol.venueSymbol(bad));
            assertTrue(ex.getMessage().contains(bad), ex.getMessage());
        }
    }

    @Test
    void normalizerSplitsAtTheLongestKnownQuote()
    {
        final String[][] cases =
        {
            { "BTCUSDT", "BTC-USDT" }, { "BUSDTRY", "BUSD-TRY" }, { "AAVEUPUSDT", "AAVEUP-USDT" },
            { "ETHBUSD", "ETH-BUSD" }, { "BTCTUSD", "BTC-TUSD" }, { "BTCFDUSD", "BTC-FDUSD" },
            { "BTCUSDC", "BTC-USDC" }, { "ETHBTC", "ETH-BTC" }, { "VETETH", "VET-ETH" }, { "PERLBNB", "PERL-BNB" },
            { "RUNEEUR", "RUNE-EUR" }, { "ADARUB", "ADA-RUB" }, { "BTCIDRT", "BTC-IDRT" }, { "BTCBIDR", "BTC-BIDR" },
            { "SHIBDOGE", "SHIB-DOGE" }, { "BTCUSDP", "BTC-USDP" }, { "BTCDAI", "BTC-DAI" }, { "BTCUSD", "BTC-USD" },
            { "USDTTRY", "USDT-TRY" }, { "BTCZAR", "BTC-ZAR" }, { "BTCJPY", "BTC-JPY" }
        };
        for (final String[] c : cases)
        {
            assertEquals(c[1], protocol.normalizer().canonical(c[0]), c[0]);
        }
        for (final String bad : new String[]{ "FOOBAR", "USDT", "BTC", "" })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> protocol.normalizer().canonical(bad));
            assertTrue(ex.getMessage().contains("'" + bad + "'") || bad.isEmpty(), ex.getMessage());
        }
    }

    @Test
    void connectUriNamesEveryStreamOfEverySymbolInLowerCase()
    {
        assertEquals(URI.create("wss://stream.binance.com:9443/stream?streams=" +
            "btcusdt@trade/btcusdt@depth@100ms/btcusdt@bookTicker/ethbtc@trade/ethbtc@depth@100ms/ethbtc@bookTicker"),
            protocol.connectUri(protocol.defaultEndpoint(), List.of("BTCUSDT", "ETHBTC")));
        assertEquals(URI.create("wss://data-stream.binance.vision/stream?streams=" +
            "bnbbtc@trade/bnbbtc@depth@100ms/bnbbtc@bookTicker"),
            protocol.connectUri(URI.create("wss://data-stream.binance.vision/"), List.of("BNBBTC")));
    }

    @Test
    void connectUriRefusesMoreThan1024Streams()
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < BinanceProtocol.MAX_SYMBOLS_PER_CONNECTION; i++)
        {
            symbols.add("S" + i + "USDT");
        }
        final String uri = protocol.connectUri(protocol.defaultEndpoint(), symbols).toString();
        assertEquals(341 * 3, uri.split("/").length - 3, "341 symbols x 3 streams fit");

        symbols.add("ONEMOREUSDT");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> protocol.connectUri(protocol.defaultEndpoint(), symbols));
        assertTrue(ex.getMessage().contains("342 symbols need 1026 streams"), ex.getMessage());
        assertTrue(ex.getMessage().contains("at most 1024"), ex.getMessage());
        assertTrue(ex.getMessage().contains("split them over 2 connections"), ex.getMessage());

        assertThrows(IllegalArgumentException.class, () -> protocol.connectUri(protocol.defaultEndpoint(), List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> protocol.connectUri(protocol.defaultEndpoint(), List.of("BTC/USDT")));
    }

    @Test
    void newDecoderIsABinanceDecoder()
    {
        assertInstanceOf(BinanceDecoder.class, protocol.newDecoder(null, null, null, null));
    }
}
