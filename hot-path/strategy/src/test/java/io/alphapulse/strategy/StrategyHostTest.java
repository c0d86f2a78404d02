/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class StrategyHostTest
{
    private static final InstrumentInfo BTC = new InstrumentInfo(20000, "COINBASE", "BTC-USD", 2, 8);

    private final List<String> seen = new ArrayList<>();
    private final RecordingOrderSink sink = new RecordingOrderSink();
    private StrategyContext context;

    private final Strategy recorder = new Strategy()
    {
        public String name()
        {
            return "recorder";
        }

        public void onStart(final StrategyContext context)
        {
            StrategyHostTest.this.context = context;
        }

        public void onTimer(final long timerId, final long timeNs)
        {
            seen.add("timer " + timerId + " at " + timeNs);
        }

        public void onFeedEvent(final FeedEvent event)
        {
            seen.add("feed " + event.exchange() + " " + event.type() + " " + event.expectedSequence() + "->" +
                event.receivedSequence());
        }

        public void onOrderUpdate(final OrderUpdate update)
        {
            seen.add("order " + update.clientOrderId() + " " + update.status() + " filled " +
                update.filledQuantity() + " leaves " + update.leavesQuantity() +
                (null != update.reason() ? " " + update.reason() : ""));
        }

        public void onFill(final FillEvent fill)
        {
            seen.add("fill " + fill.clientOrderId() + " " + fill.quantity() + "@" + fill.price());
        }
    };

    private StrategyHost host()
    {
        final StrategyHost host = new StrategyHost(recorder, sink, 7, 1, 100);
        host.addInstrument(BTC);
        host.start();
        return host;
    }

    @Test
    void clockAdvancesOnlyWithEventTimeAndNeverBackwards()
    {
        final StrategyHost host = host();
        assertEquals(0, context.nowNs());
        host.onTrade(1_000, BTC.id(), 6_000_000, 1, Side.BUY);
        assertEquals(1_000, context.nowNs());
        host.onTrade(900, BTC.id(), 6_000_000, 1, Side.BUY);
        assertEquals(1_000, context.nowNs(), "an out-of-order event does not move the clock back");
        host.advanceTime(5_000);
        assertEquals(5_000, context.nowNs());
    }

    @Test
    void timersFireWhenEventTimeReachesTheirDeadlineInIdOrder()
    {
        final StrategyHost host = host();
        context.scheduleTimer(2, 2_000);
        context.scheduleTimer(1, 2_000);
        context.scheduleTimer(3, 10_000);
        host.onTrade(1_999, BTC.id(), 1, 1, null);
        assertEquals(List.of(), seen);
        host.onTrade(2_500, BTC.id(), 1, 1, null);
        assertEquals(List.of("timer 1 at 2500", "timer 2 at 2500"), seen);
        seen.clear();
        host.advanceTime(10_000);
        assertEquals(List.of("timer 3 at 10000"), seen);
    }

    @Test
    void feedEventsReachTheStrategy()
    {
        final StrategyHost host = host();
        host.onFeedEvent(3_000, "COINBASE", FeedEvent.ALL_INSTRUMENTS, FeedEventType.GAP, 41, 45);
        assertEquals(List.of("feed COINBASE GAP 41->45"), seen);
        assertEquals(3_000, context.nowNs());
    }

    @Test
    void orderLifecycleAndPositionFromFills()
    {
        final StrategyHost host = host();
        host.advanceTime(1_000);
        final long id = context.placeOrder(BTC.id(), Side.BUY, 6_000_000, 300, TimeInForce.GTC);
        assertEquals(100, id);
        assertEquals(1, context.openOrderCount());
        assertEquals(300, context.openQuantity(BTC.id(), Side.BUY));
        assertEquals(1_000, sink.orders.get(0).timeNs());

        host.onOrderAccepted(1_100, id);
        host.onFill(1_200, id, 5_999_999, 100, 200, 5, -4);
        assertEquals(100, context.position(BTC.id()));
        assertEquals(200, context.openQuantity(BTC.id(), Side.BUY));
        host.onFill(1_300, id, 6_000_000, 200, 0, 5, -4);
        assertEquals(300, context.position(BTC.id()));
        assertEquals(0, context.openOrderCount());

        final long sell = context.placeOrder(BTC.id(), Side.SELL, 6_100_000, 50, TimeInForce.IOC);
        host.onOrderAccepted(1_400, sell);
        host.onOrderCancelled(1_500, sell, "IOC_REMAINDER");
        final long rejected = context.placeOrder(BTC.id(), Side.SELL, 6_100_000, 50, TimeInForce.IOC);
        host.onOrderRejected(1_600, rejected, "MAX_POSITION");
        assertFalse(host.onOrderAccepted(1_700, 999), "another strategy's order is not ours");
        assertEquals(1, host.unknownOrderReports());

        assertEquals(List.of(
            "order 100 ACCEPTED filled 0 leaves 300",
            "fill 100 100@5999999",
            "order 100 PARTIALLY_FILLED filled 100 leaves 200",
            "fill 100 200@6000000",
            "order 100 FILLED filled 300 leaves 0",
            "order 101 ACCEPTED filled 0 leaves 50",
            "order 101 CANCELLED filled 0 leaves 0 IOC_REMAINDER",
            "order 102 REJECTED filled 0 leaves 0 MAX_POSITION"), seen);
        assertEquals(300, context.position(BTC.id()));
        assertEquals(0, context.openOrderCount());
    }

    @Test
    void instrumentsByIdAndBySymbol()
    {
        host();
        assertEquals(BTC, context.instrument(20000));
        assertEquals(BTC, context.instrument("COINBASE", "BTC-USD"));
        assertNull(context.instrument("KRAKEN", "BTC-USD"));
        assertEquals("USD", BTC.quoteAsset());
    }
}
