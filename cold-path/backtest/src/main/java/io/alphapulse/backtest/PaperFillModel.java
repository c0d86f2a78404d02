/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.TimeInForce;
import io.alphapulse.strategy.TopOfBookEvent;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper execution model: orders fill against the recorded market, deterministically, from market data alone.
 * <ul>
 *   <li>A new order that crosses the best opposite quote fills at once at that quote's price (taker), for at most
 *   the quote's displayed quantity (all of it when the feed gives none); what one order takes is gone for the next
 *   until the quote changes.</li>
 *   <li>The rest of an IOC order is cancelled ({@code IOC_REMAINDER}); the rest of a GTC order rests.</li>
 *   <li>A resting order fills at its own limit price (maker) when a later quote crosses it (up to the displayed
 *   quantity) or a trade prints at or through it (up to the trade's quantity), oldest order first.</li>
 * </ul>
 * No latency and no queue position: the model errs optimistic for resting orders, and says so in the report.
 * It holds no Aeron types and no clock of its own, so the engine's live paper venue and the backtest can share it
 * (issue 6 can adopt this class as is).
 */
public final class PaperFillModel
{
    /**
     * Which side of the spread a fill took.
     */
    public enum Liquidity
    {
        /**
         * Crossed the spread on arrival.
         */
        TAKER,
        /**
         * Rested and was crossed by later market data.
         */
        MAKER
    }

    /**
     * Execution reports, in the order they happen.
     */
    public interface Listener
    {
        /**
         * The order is live.
         *
         * @param timeNs        event time.
         * @param clientOrderId order.
         */
        void onAccepted(long timeNs, long clientOrderId);

        /**
         * The order (partly) filled.
         *
         * @param timeNs         event time.
         * @param clientOrderId  order.
         * @param price          execution price mantissa.
         * @param quantity       executed quantity mantissa.
         * @param leavesQuantity quantity still open.
         * @param liquidity      taker or maker.
         */
        void onFill(long timeNs, long clientOrderId, long price, long quantity, long leavesQuantity,
            Liquidity liquidity);

        /**
         * The order's remainder will not fill.
         *
         * @param timeNs        event time.
         * @param clientOrderId order.
         * @param reason        {@code IOC_REMAINDER} or {@code REQUESTED}.
         */
        void onCancelled(long timeNs, long clientOrderId, String reason);
    }

    private static final class Quote
    {
        long bid;
        long bidQuantity = TopOfBookEvent.NO_QUANTITY;
        long ask;
        long askQuantity = TopOfBookEvent.NO_QUANTITY;
        final List<Resting> resting = new ArrayList<>();
    }

    private static final class Resting
    {
        long clientOrderId;
        Side side;
        long price;
        long leaves;
    }

    private final Listener listener;
    private final Int2ObjectHashMap<Quote> quotes = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<Resting> restingById = new Long2ObjectHashMap<>();

    /**
     * A model reporting to a listener.
     *
     * @param listener execution reports.
     */
    public PaperFillModel(final Listener listener)
    {
        this.listener = listener;
    }

    /**
     * A new order.
     *
     * @param timeNs        event time.
     * @param clientOrderId order id.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param price         limit price mantissa.
     * @param quantity      quantity mantissa.
     * @param timeInForce   GTC or IOC.
     */
    public void submit(
        final long timeNs,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final TimeInForce timeInForce)
    {
        final Quote quote = quote(instrumentId);
        listener.onAccepted(timeNs, clientOrderId);
        long leaves = quantity;
        if (side == Side.BUY && quote.ask > 0 && price >= quote.ask && quote.askQuantity != 0)
        {
            final long filled = quote.askQuantity == TopOfBookEvent.NO_QUANTITY ? leaves :
                Math.min(leaves, quote.askQuantity);
            if (quote.askQuantity != TopOfBookEvent.NO_QUANTITY)
            {
                quote.askQuantity -= filled;
            }
            leaves -= filled;
            listener.onFill(timeNs, clientOrderId, quote.ask, filled, leaves, Liquidity.TAKER);
        }
        else if (side == Side.SELL && quote.bid > 0 && price <= quote.bid && quote.bidQuantity != 0)
        {
            final long filled = quote.bidQuantity == TopOfBookEvent.NO_QUANTITY ? leaves :
                Math.min(leaves, quote.bidQuantity);
            if (quote.bidQuantity != TopOfBookEvent.NO_QUANTITY)
            {
                quote.bidQuantity -= filled;
            }
            leaves -= filled;
            listener.onFill(timeNs, clientOrderId, quote.bid, filled, leaves, Liquidity.TAKER);
        }
        if (leaves > 0)
        {
            if (timeInForce == TimeInForce.IOC)
            {
                listener.onCancelled(timeNs, clientOrderId, "IOC_REMAINDER");
            }
            else
            {
                final Resting resting = new Resting();
                resting.clientOrderId = clientOrderId;
                resting.side = side;
                resting.price = price;
                resting.leaves = leaves;
                quote.resting.add(resting);
                restingById.put(clientOrderId, resting);
            }
        }
    }

    /**
     * Cancel a resting order.
     *
     * @param timeNs        event time.
     * @param clientOrderId order.
     * @return false when the order is not resting (filled, cancelled or unknown).
     */
    public boolean cancel(final long timeNs, final long clientOrderId)
    {
        final Resting resting = restingById.remove(clientOrderId);
        if (null == resting)
        {
            return false;
        }
        for (final Quote quote : quotes.values())
        {
            if (quote.resting.remove(resting))
            {
                break;
            }
        }
        listener.onCancelled(timeNs, clientOrderId, "REQUESTED");
        return true;
    }

    /**
     * A new best bid and ask: resting orders it crosses fill.
     *
     * @param timeNs       event time.
     * @param instrumentId instrument.
     * @param bid          best bid price.
     * @param bidQuantity  its quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     * @param ask          best ask price.
     * @param askQuantity  its quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     */
    public void onTopOfBook(
        final long timeNs,
        final int instrumentId,
        final long bid,
        final long bidQuantity,
        final long ask,
        final long askQuantity)
    {
        final Quote quote = quote(instrumentId);
        quote.bid = bid;
        quote.bidQuantity = bidQuantity;
        quote.ask = ask;
        quote.askQuantity = askQuantity;
        for (int i = 0; i < quote.resting.size(); )
        {
            final Resting resting = quote.resting.get(i);
            long available = 0;
            if (resting.side == Side.BUY && ask > 0 && ask <= resting.price)
            {
                available = quote.askQuantity;
            }
            else if (resting.side == Side.SELL && bid > 0 && bid >= resting.price)
            {
                available = quote.bidQuantity;
            }
            if (0 == available)
            {
                i++;
                continue;
            }
            final long filled = available == TopOfBookEvent.NO_QUANTITY ? resting.leaves :
                Math.min(resting.leaves, available);
            if (available != TopOfBookEvent.NO_QUANTITY)
            {
                if (resting.side == Side.BUY)
                {
                    quote.askQuantity -= filled;
                }
                else
                {
                    quote.bidQuantity -= filled;
                }
            }
            if (fillResting(timeNs, quote, resting, filled))
            {
                continue;
            }
            i++;
        }
    }

    /**
     * A trade print: resting orders at or through its price fill, up to its quantity.
     *
     * @param timeNs        event time.
     * @param instrumentId  instrument.
     * @param price         trade price.
     * @param quantity      trade quantity.
     * @param aggressorSide taker side or null.
     */
    public void onTrade(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        final Quote quote = quotes.get(instrumentId);
        if (null == quote || quote.resting.isEmpty())
        {
            return;
        }
        long left = quantity;
        for (int i = 0; i < quote.resting.size() && left > 0; )
        {
            final Resting resting = quote.resting.get(i);
            final boolean crosses = resting.side == Side.BUY ?
                price <= resting.price && aggressorSide != Side.BUY :
                price >= resting.price && aggressorSide != Side.SELL;
            if (!crosses)
            {
                i++;
                continue;
            }
            final long filled = Math.min(resting.leaves, left);
            left -= filled;
            if (fillResting(timeNs, quote, resting, filled))
            {
                continue;
            }
            i++;
        }
    }

    /**
     * Orders resting now.
     *
     * @return count.
     */
    public int restingCount()
    {
        return restingById.size();
    }

    private boolean fillResting(final long timeNs, final Quote quote, final Resting resting, final long filled)
    {
        resting.leaves -= filled;
        listener.onFill(timeNs, resting.clientOrderId, resting.price, filled, resting.leaves, Liquidity.MAKER);
        if (resting.leaves <= 0)
        {
            quote.resting.remove(resting);
            restingById.remove(resting.clientOrderId);
            return true;
        }
        return false;
    }

    private Quote quote(final int instrumentId)
    {
        Quote quote = quotes.get(instrumentId);
        if (null == quote)
        {
            quote = new Quote();
            quotes.put(instrumentId, quote);
        }
        return quote;
    }
}
