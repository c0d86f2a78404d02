/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.aeron.Publication;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketDataProxyTest
{
    private final List<String> seen = new ArrayList<>();
    private final List<Long> sequences = new ArrayList<>();
    private long nextResult = 1;
    private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
    {
        public void onTrade(final TradeDecoder trade)
        {
            sequences.add(trade.sequence());
            seen.add("trade " + trade.price() + "x" + trade.quantity() + " " + trade.aggressorSide());
            assertTrue(trade.publishTimeNs() >= trade.receiveTimeNs());
        }

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
        {
            sequences.add(definition.sequence());
            seen.add("definition " + definition.instrumentId());
        }

        public void onBookSnapshot(final BookSnapshotDecoder snapshot)
        {
            sequences.add(snapshot.sequence());
            seen.add("snapshot " + snapshot.levels().count() + (snapshot.flags().lastInBatch() ? " last" : "") +
                (snapshot.flags().checksumOk() ? " ok" : ""));
        }
    });
    private int adminActions;
    private final MarketDataProxy proxy = new MarketDataProxy((buffer, offset, length) ->
    {
        if (adminActions > 0)
        {
            adminActions--;
            return Publication.ADMIN_ACTION;
        }
        if (nextResult > 0)
        {
            reader.read(buffer, offset, length);
        }
        return nextResult;
    }, () -> 2_000L, Exchange.KRAKEN);
    private final Instrument instrument = new Instrument(7, Exchange.KRAKEN, "BTC-USD", "XBT/USD", 1, 8);

    @Test
    void shouldRepublishTheDefinitionsOfInstrumentsSeenSoFarForLateJoiners()
    {
        assertEquals(0, proxy.republishDefinitions(1_000));
        proxy.trade(instrument, 1_000, 1_500, 9, 837443, 100_000_000, AggressorSide.BUY);
        final Instrument sameIdOtherSpelling = new Instrument(7, Exchange.KRAKEN, "BTC-USD", "BTC/USD", 1, 8);
        proxy.instrumentDefinition(sameIdOtherSpelling, 1_600);

        assertEquals(1, proxy.republishDefinitions(2_000));
        assertEquals(List.of("definition 7", "trade 837443x100000000 BUY", "definition 7", "definition 7"), seen);
        assertEquals(List.of(0L, 1L, 2L, 3L), sequences);
    }

    @Test
    void shouldDefineAnInstrumentOnceBeforeItsData()
    {
        proxy.trade(instrument, 1_000, 1_500, 9, 837443, 100_000_000, AggressorSide.BUY);
        proxy.trade(instrument, 1_000, 1_500, 10, 837444, 1, AggressorSide.SELL);
        assertEquals(List.of("definition 7", "trade 837443x100000000 BUY", "trade 837444x1 SELL"), seen);
        assertEquals(List.of(0L, 1L, 2L), sequences);
        assertEquals(1_500, proxy.lastDataTimeNs(7));
    }

    /**
     * Found by the e2e bench: a message offered while the log rotated to its next term was lost.
     */
    @Test
    void shouldOfferAgainWhenTheLogIsRotating()
    {
        adminActions = 2;
        proxy.trade(instrument, 1, 1, 1, 1, 1, AggressorSide.BUY);
        assertEquals(List.of(0L, 1L), sequences, "the definition and the trade, both published");
        assertEquals(0, proxy.droppedCount());
    }

    @Test
    void sequenceShouldAdvanceOverMessagesThatCouldNotBePublished()
    {
        proxy.trade(instrument, 1, 1, 1, 1, 1, AggressorSide.BUY);
        nextResult = Publication.BACK_PRESSURED;
        assertFalse(proxy.trade(instrument, 1, 1, 2, 1, 1, AggressorSide.BUY));
        nextResult = Publication.NOT_CONNECTED;
        assertFalse(proxy.trade(instrument, 1, 1, 3, 1, 1, AggressorSide.BUY));
        nextResult = 1;
        proxy.trade(instrument, 1, 1, 4, 1, 1, AggressorSide.BUY);

        assertEquals(List.of(0L, 1L, 4L), sequences, "the gap 2..3 tells consumers what they missed");
        assertEquals(2, proxy.droppedCount());
        assertEquals(1, proxy.backPressuredCount());
        assertEquals(1, proxy.notConnectedCount());
    }

    @Test
    void largeSnapshotsShouldBeSplitWithTheLastPartFlagged()
    {
        final LevelBuffer levels = new LevelBuffer();
        for (int i = 0; i < MarketDataProxy.MAX_LEVELS_PER_MESSAGE * 2 + 10; i++)
        {
            levels.add(1_000 + i, 1, i % 2 == 0 ? BookSide.BID : BookSide.ASK);
        }
        assertTrue(proxy.bookSnapshot(instrument, 1, 1, 99, levels, MarketDataProxy.CHECKSUM_OK));
        assertEquals(List.of("definition 7", "snapshot 256", "snapshot 256", "snapshot 10 last ok"), seen);
    }
}
