/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy.sample;

import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.RecordingOrderSink;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.StrategyHost;
import io.alphapulse.strategy.StrategyParams;
import io.alphapulse.strategy.TimeInForce;
import io.alphapulse.strategy.TopOfBookEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossExchangeSpreadStrategyTest
{
    // Kraken quotes BTC-USD to 0.1, Coinbase to 0.01: the strategy must compare them exactly across scales.
    private static final InstrumentInfo KRAKEN = new InstrumentInfo(1, "KRAKEN", "BTC-USD", 1, 8);
    private static final InstrumentInfo COINBASE = new InstrumentInfo(20000, "COINBASE", "BTC-USD", 2, 8);
    private static final long NO_QTY = TopOfBookEvent.NO_QUANTITY;
    private static final long MS = 1_000_000L;

    private final RecordingOrderSink sink = new RecordingOrderSink();
    private CrossExchangeSpreadStrategy strategy;
    private StrategyHost host;

    @BeforeEach
    void setUp()
    {
        strategy = new CrossExchangeSpreadStrategy(StrategyParams.parse(List.of(
            "min-edge-bps=10", "quantity=0.5", "max-position=1", "cooldown-ms=100")));
        host = new StrategyHost(strategy, sink, 1, 1, 1);
        host.addInstrument(KRAKEN);
        host.addInstrument(COINBASE);
        host.start();
    }

    @Test
    void buysTheCheapAskAndSellsTheRichBidAcrossScales()
    {
        // Kraken 60000.0 / 60000.1; Coinbase 60100.00 / 60100.50: Coinbase bid is 16.6 bps over Kraken's ask.
        host.onTopOfBook(1 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        assertEquals(0, sink.orders.size());
        host.onTopOfBook(2 * MS, COINBASE.id(), 6_010_000, NO_QTY, 6_010_050, NO_QTY);

        assertEquals(List.of(
            new RecordingOrderSink.SentOrder(2 * MS, 1, KRAKEN.id(), Side.BUY, 600_001, 50_000_000, TimeInForce.IOC),
            new RecordingOrderSink.SentOrder(
                2 * MS, 2, COINBASE.id(), Side.SELL, 6_010_000, 50_000_000, TimeInForce.IOC)),
            sink.orders);
        assertEquals(1, strategy.opportunities());
    }

    @Test
    void ignoresAnEdgeBelowTheThreshold()
    {
        // 60000.1 vs 60050.00: 8.3 bps, below 10.
        host.onTopOfBook(1 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        host.onTopOfBook(2 * MS, COINBASE.id(), 6_005_000, NO_QTY, 6_005_100, NO_QTY);
        assertEquals(0, sink.orders.size());
    }

    @Test
    void waitsForOpenOrdersAndTheCooldownInEventTime()
    {
        host.onTopOfBook(1 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        host.onTopOfBook(2 * MS, COINBASE.id(), 6_010_000, NO_QTY, 6_010_050, NO_QTY);
        assertEquals(2, sink.orders.size());
        host.onOrderCancelled(3 * MS, 1, "IOC_REMAINDER");
        host.onOrderCancelled(3 * MS, 2, "IOC_REMAINDER");
        host.onTopOfBook(50 * MS, COINBASE.id(), 6_010_000, NO_QTY, 6_010_050, NO_QTY);
        assertEquals(2, sink.orders.size(), "cool-down of 100 ms in event time");
        host.onTopOfBook(102 * MS, COINBASE.id(), 6_010_000, NO_QTY, 6_010_050, NO_QTY);
        assertEquals(4, sink.orders.size());
    }

    @Test
    void haltsAnExchangeOnAGapUntilItResyncs()
    {
        host.onTopOfBook(1 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        host.onFeedEvent(2 * MS, "KRAKEN", FeedEvent.ALL_INSTRUMENTS, FeedEventType.GAP, 10, 12);
        assertTrue(strategy.isHalted("KRAKEN"));
        host.onTopOfBook(3 * MS, COINBASE.id(), 6_010_000, NO_QTY, 6_010_050, NO_QTY);
        host.onTopOfBook(4 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        assertEquals(0, sink.orders.size(), "no trading on a book that missed updates");

        host.onFeedEvent(5 * MS, "KRAKEN", KRAKEN.id(), FeedEventType.RESYNC_DONE, 0, 0);
        assertFalse(strategy.isHalted("KRAKEN"));
        host.onTopOfBook(6 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        assertEquals(2, sink.orders.size());
    }

    @Test
    void keepsPositionsWithinTheLimit()
    {
        host.onTopOfBook(1 * MS, KRAKEN.id(), 600_000, NO_QTY, 600_001, NO_QTY);
        for (int round = 0; round < 4; round++)
        {
            final long t = (10 + round * 200) * MS;
            host.onTopOfBook(t, COINBASE.id(), 6_010_000, NO_QTY, 6_010_050, NO_QTY);
            for (final RecordingOrderSink.SentOrder order : List.copyOf(sink.orders))
            {
                host.onFill(t + 1, order.clientOrderId(), order.price(), order.quantity(), 0, 0, 0);
            }
        }
        assertEquals(4, sink.orders.size(), "max-position 1 allows two rounds of 0.5");
        assertEquals(100_000_000, host.position(KRAKEN.id()));
        assertEquals(-100_000_000, host.position(COINBASE.id()));
    }
}
