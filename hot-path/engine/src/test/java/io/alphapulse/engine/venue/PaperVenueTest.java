/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.alphapulse.engine.MarketDataAdapter;
import io.alphapulse.engine.MarketDataFrames;
import io.alphapulse.engine.MarketDataHandler;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.InstrumentInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PaperVenueTest
{
    private static final int BTC = 20000;
    private static final InstrumentInfo INSTRUMENT = new InstrumentInfo(BTC, "COINBASE", "BTC-USD", 2, 8);

    private final List<String> reports = new ArrayList<>();
    private final MarketDataFrames frames = new MarketDataFrames();
    private PaperVenue venue;
    private final MarketDataAdapter books = new MarketDataAdapter(new MarketDataHandler()
    {
        public void onBook(final io.alphapulse.engine.L2Book book)
        {
            venue.onBook(book);
        }
    }, null);

    private final VenueReports recorder = new VenueReports()
    {
        public boolean fill(
            final long timeNs, final long orderId, final long clientOrderId, final long fillId, final long price,
            final long quantity, final long leavesQuantity, final long feeMantissa, final int feeExponent,
            final int portfolioId, final int strategyId, final int instrumentId, final Side side,
            final Liquidity liquidity)
        {
            reports.add("fill " + orderId + "#" + fillId + " " + quantity + "@" + price + " leaves " +
                leavesQuantity + " fee " + feeMantissa + "e" + feeExponent + " " + liquidity);
            return true;
        }

        public boolean cancel(
            final long timeNs, final long orderId, final long clientOrderId, final long cancelledQuantity,
            final int portfolioId, final int strategyId, final int instrumentId, final CancelReason reason)
        {
            reports.add("cancel " + orderId + " " + cancelledQuantity + " " + reason);
            return true;
        }
    };

    private void book()
    {
        venue = new PaperVenue(recorder, books::book, (id) -> id == BTC ? INSTRUMENT : null, 10, 20);
        // bids 59,999.00 x 1; asks 60,000.50 x 0.3, 60,001.00 x 0.4, 60,010.00 x 5
        books.onMessage(frames.buffer, 0, frames.snapshot(1, BTC, Exchange.COINBASE,
            new long[]{5_999_900, 100_000_000}, new long[]{6_000_050, 30_000_000, 6_000_100, 40_000_000,
                6_001_000, 500_000_000}));
    }

    private void order(final long orderId, final Side side, final TimeInForce tif, final long price, final long qty)
    {
        venue.onOrderAccepted(2, orderId, orderId, 1, 1, BTC, side, OrderType.LIMIT, tif, price, qty);
    }

    @Test
    void takerWalksTheLevelsUpToItsLimitAndCancelsTheIocRemainder()
    {
        book();
        order(1, Side.BUY, TimeInForce.IOC, 6_000_100, 100_000_000);
        // 0.3 @ 60,000.50: notional 18,000.15 USD, taker 20 bps = 36.0003 USD = 360003000000e-10
        assertEquals(List.of(
            "fill 1#1 30000000@6000050 leaves 70000000 fee 360003000000e-10 TAKER",
            "fill 1#2 40000000@6000100 leaves 30000000 fee 480008000000e-10 TAKER",
            "cancel 1 30000000 IOC_REMAINDER"), reports);
    }

    @Test
    void liquidityTakenIsNotFilledTwiceUntilTheLevelChanges()
    {
        book();
        order(1, Side.BUY, TimeInForce.IOC, 6_000_050, 20_000_000);
        order(2, Side.BUY, TimeInForce.IOC, 6_000_050, 20_000_000);
        assertEquals("fill 2#1 10000000@6000050 leaves 10000000 fee 120001000000e-10 TAKER", reports.get(1));
        assertEquals("cancel 2 10000000 IOC_REMAINDER", reports.get(2));

        books.onMessage(frames.buffer, 0, frames.update(3, BTC, Exchange.COINBASE, BookSide.ASK, 6_000_050,
            25_000_000));
        reports.clear();
        order(3, Side.BUY, TimeInForce.IOC, 6_000_050, 20_000_000);
        assertEquals(List.of("fill 3#1 20000000@6000050 leaves 0 fee 240002000000e-10 TAKER"), reports);
    }

    @Test
    void aRestingOrderFillsAtItsPriceWhenTheBookCrossesIt()
    {
        book();
        order(1, Side.BUY, TimeInForce.GTC, 5_999_000, 50_000_000);
        assertEquals(List.of(), reports);
        assertEquals(1, venue.openOrders());

        // An ask at 59,980.00 x 0.2 crosses the resting bid at 59,990.00: maker fill of 0.2 at 59,990.00.
        books.onMessage(frames.buffer, 0, frames.update(3, BTC, Exchange.COINBASE, BookSide.ASK, 5_998_000,
            20_000_000));
        assertEquals(List.of("fill 1#1 20000000@5999000 leaves 30000000 fee 119980000000e-10 MAKER"), reports);

        venue.onOrderClosed(1);
        assertEquals(0, venue.openOrders());
        books.onMessage(frames.buffer, 0, frames.update(4, BTC, Exchange.COINBASE, BookSide.ASK, 5_997_000,
            20_000_000));
        assertEquals(1, reports.size(), "a closed order never fills");
    }

    @Test
    void sellsWalkTheBidsAndUnknownInstrumentsAreCancelled()
    {
        book();
        order(1, Side.SELL, TimeInForce.IOC, 5_999_900, 150_000_000);
        assertEquals(List.of(
            "fill 1#1 100000000@5999900 leaves 50000000 fee 1199980000000e-10 TAKER",
            "cancel 1 50000000 IOC_REMAINDER"), reports);
        reports.clear();
        venue.onOrderAccepted(2, 9, 9, 1, 1, 4242, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1, 1);
        assertEquals(List.of("cancel 9 1 VENUE"), reports);
    }
}
