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
import static org.junit.jupiter.api.Assertions.assertTrue;

class MovingAverageMomentumStrategyTest
{
    private static final InstrumentInfo BTC = new InstrumentInfo(20000, "COINBASE", "BTC-USD", 2, 8);

    private final RecordingOrderSink sink = new RecordingOrderSink();
    private MovingAverageMomentumStrategy strategy;
    private StrategyHost host;
    private long timeNs;

    @BeforeEach
    void setUp()
    {
        strategy = new MovingAverageMomentumStrategy(StrategyParams.parse(List.of(
            "instrument=COINBASE:BTC-USD", "fast=3", "slow=6", "quantity=0.25")));
        host = new StrategyHost(strategy, sink, 2, 1, 1);
        host.addInstrument(BTC);
        host.start();
    }

    private void trade(final long price)
    {
        host.onTrade(timeNs += 1_000, BTC.id(), price, 1, Side.BUY);
    }

    @Test
    void buysWhenTheFastAverageCrossesAboveAndSellsWhenItCrossesBelow()
    {
        host.onTopOfBook(1, BTC.id(), 6_000_000, TopOfBookEvent.NO_QUANTITY, 6_000_100, TopOfBookEvent.NO_QUANTITY);
        for (final long price : new long[]{100, 100, 100, 100, 100})
        {
            trade(price);
        }
        assertEquals(0, sink.orders.size(), "fewer than slow trades: no signal");
        trade(100);
        assertEquals(0, strategy.signal());
        trade(130);
        assertEquals(1, strategy.signal());
        assertEquals(List.of(new RecordingOrderSink.SentOrder(
            timeNs, 1, BTC.id(), Side.BUY, 6_000_100, 25_000_000, TimeInForce.IOC)), sink.orders);

        host.onFill(timeNs + 1, 1, 6_000_100, 25_000_000, 0, 0, 0);
        trade(140);
        assertEquals(1, sink.orders.size(), "already at the target position");

        // Last six 100,100,130,140,50,40 at the trade of 40: fast 230/3 below slow 560/6.
        for (final long price : new long[]{50, 40, 30})
        {
            trade(price);
        }
        assertEquals(-1, strategy.signal());
        assertEquals(new RecordingOrderSink.SentOrder(
            timeNs - 1_000, 2, BTC.id(), Side.SELL, 6_000_000, 25_000_000, TimeInForce.IOC), sink.orders.get(1));
    }

    @Test
    void averagesAreExactOverLargeMantissas()
    {
        // Prices near the top of what a mantissa at scale 2 holds for BTC: sums of 6 still compare exactly.
        final long base = 1_000_000_000_000L;
        for (int i = 0; i < 6; i++)
        {
            trade(base);
        }
        trade(base + 1);
        assertEquals(1, strategy.signal(), "one cent above flat is a cross");
    }

    @Test
    void haltsOnAStaleFeedUntilItRecovers()
    {
        host.onFeedEvent(1, "COINBASE", FeedEvent.ALL_INSTRUMENTS, FeedEventType.STALE_CHANNEL, 0, 0);
        assertTrue(strategy.isHalted());
        for (final long price : new long[]{100, 100, 100, 100, 100, 100, 200})
        {
            trade(price);
        }
        assertEquals(0, sink.orders.size());
        host.onFeedEvent(timeNs, "COINBASE", FeedEvent.ALL_INSTRUMENTS, FeedEventType.SUBSCRIBED, 0, 0);
        trade(210);
        assertEquals(1, sink.orders.size());
        assertEquals(210, sink.orders.get(0).price(), "no quote known: limit at the last trade");
    }
}
