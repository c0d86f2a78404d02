/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.strategy.BookView;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.OrderUpdate;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.TimeInForce;

/**
 * A strategy that exercises every path of the paper venue on Kraken BTC-USD's L2 book: marketable IOC orders priced
 * at the third level (they walk levels and fill in parts, limited by each level's quantity; the rest is cancelled),
 * passive GTC orders one tick inside the spread (they rest and fill at their own price when a later book crosses
 * them, maker), cancels of resting orders that waited too long, and a halt from a gap until its resync. Orders are
 * placed only on book changes, from the strategy's own state (position, open orders), so the same book sequence
 * gives the same orders.
 */
final class ParityProbeStrategy implements Strategy
{
    private StrategyContext context;
    private int instrumentId;
    private long books;
    private long resting = StrategyContext.NO_ORDER;
    private long restingSince;
    private boolean halted;

    public String name()
    {
        return "parity-probe";
    }

    public void onStart(final StrategyContext context)
    {
        this.context = context;
        this.instrumentId = context.instrument("KRAKEN", "BTC-USD").id();
    }

    public void onFeedEvent(final FeedEvent event)
    {
        if ("KRAKEN".equals(event.exchange()))
        {
            halted = event.type().isImpairing() || (halted && !event.type().isRecovery());
        }
    }

    public void onBook(final BookView book)
    {
        if (book.instrumentId() != instrumentId || halted)
        {
            return;
        }
        books++;
        if (StrategyContext.NO_ORDER != resting && books - restingSince >= 25 && context.cancelOrder(resting))
        {
            resting = StrategyContext.NO_ORDER;
        }
        if (books % 6 == 0 && book.askDepth() >= 3 && book.bidDepth() >= 3)
        {
            final boolean buy = context.position(instrumentId) <= 0;
            context.placeOrder(instrumentId, buy ? Side.BUY : Side.SELL, buy ? book.askPrice(2) : book.bidPrice(2),
                3_000_000 + (books % 5) * 6_000_000, TimeInForce.IOC);
        }
        if (books % 10 == 0 && StrategyContext.NO_ORDER == resting && book.bidDepth() > 0 && book.askDepth() > 0)
        {
            final boolean buy = (books / 10) % 2 == 0;
            resting = context.placeOrder(instrumentId, buy ? Side.BUY : Side.SELL,
                buy ? book.bidPrice(0) + 1 : book.askPrice(0) - 1, 8_000_000, TimeInForce.GTC);
            restingSince = books;
        }
    }

    public void onOrderUpdate(final OrderUpdate update)
    {
        if (update.clientOrderId() == resting && update.status().isTerminal())
        {
            resting = StrategyContext.NO_ORDER;
        }
    }
}
