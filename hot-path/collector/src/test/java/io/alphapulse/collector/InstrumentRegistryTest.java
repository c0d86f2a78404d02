/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentRegistryTest
{
    private static final SymbolNormalizer SLASH = (venue) -> venue.replace('/', '-').replace("XBT", "BTC");

    @TempDir
    Path tempDir;

    @Test
    void catalogueInstrumentsShouldHaveFixedIdsAndScales()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument btc = registry.resolve(Exchange.KRAKEN, "XBT/USD", SLASH);
        assertEquals(1, btc.id());
        assertEquals("BTC-USD", btc.symbol());
        assertEquals(1, btc.priceScale());

        final Instrument v2Spelling = registry.resolve(Exchange.KRAKEN, "BTC/USD", SLASH);
        assertEquals(btc.id(), v2Spelling.id());
        assertEquals("BTC/USD", v2Spelling.venueSymbol());
        assertEquals(btc.priceScale(), v2Spelling.priceScale());
    }

    @Test
    void lookupByBytesShouldNotNeedAString()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument instrument = registry.resolve(Exchange.COINBASE, "ETH-USD", (v) -> v);
        final byte[] frame = "xxETH-USDyy".getBytes(StandardCharsets.US_ASCII);
        assertSame(instrument, registry.lookup(Exchange.COINBASE, new UnsafeBuffer(frame), 2, 7));
        assertNull(registry.lookup(Exchange.BINANCE, new UnsafeBuffer(frame), 2, 7));
    }

    @Test
    void newSymbolsShouldKeepTheirIdsAcrossRuns()
    {
        final Path file = tempDir.resolve("instruments-kraken.csv");
        final int pepeId;
        final int wifId;
        {
            final InstrumentRegistry registry = new InstrumentRegistry(file);
            pepeId = registry.resolve(Exchange.KRAKEN, "PEPE/USD", SLASH).id();
            wifId = registry.resolve(Exchange.KRAKEN, "WIF/EUR", SLASH).id();
        }
        assertTrue(pepeId >= 10_000 && pepeId < 20_000, "dynamic range: " + pepeId);
        assertNotEquals(pepeId, wifId);

        final InstrumentRegistry restarted = new InstrumentRegistry(file);
        assertEquals(wifId, restarted.resolve(Exchange.KRAKEN, "WIF/EUR", SLASH).id());
        assertEquals(pepeId, restarted.resolve(Exchange.KRAKEN, "PEPE/USD", SLASH).id());
    }

    @Test
    void exchangesShouldNeverShareIds()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final int kraken = registry.resolve(Exchange.KRAKEN, "NEW/USD", SLASH).id();
        final int coinbase = registry.resolve(Exchange.COINBASE, "NEW-USD", (v) -> v).id();
        final int binance = registry.resolve(Exchange.BINANCE, "NEWUSDT", (v) -> "NEW-USDT").id();
        assertTrue(kraken < 20_000 && coinbase >= 20_000 && coinbase < 40_000 && binance >= 40_000);
    }

    @Test
    void badRegistryLinesShouldBeNamed() throws Exception
    {
        final Path file = tempDir.resolve("bad.csv");
        Files.writeString(file, "25000,KRAKEN,FOO-USD,FOO/USD,2,8\n");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new InstrumentRegistry(file));
        assertTrue(ex.getMessage().contains("25000") && ex.getMessage().contains("outside"), ex.getMessage());
    }
}
