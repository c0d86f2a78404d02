/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.engine.L2Book;
import io.alphapulse.ledger.Ledger;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.InstrumentInfo;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.function.IntFunction;

/**
 * A simulated venue filling the ledger's accepted orders against the live L2 books.
 * <ul>
 *     <li>On acceptance an order takes liquidity: a buy walks the asks from the best while the level price is at or
 *     below its limit (a sell walks the bids), each fill at the level's price and limited by the level's quantity
 *     (taker fee). Market orders walk without a limit.</li>
 *     <li>IOC and market remainders are cancelled ({@code IOC_REMAINDER}); GTC remainders rest.</li>
 *     <li>A resting order fills when the book later crosses its price, at its own price (maker fee), limited by the
 *     quantity at the crossing levels.</li>
 *     <li>Liquidity this venue took from a level is remembered until the level changes, so the same quantity is never
 *     filled twice.</li>
 *     <li>Fees: {@code notional * bps / 10000} at the ledger's cash scale, rounded half up.</li>
 * </ul>
 * Deterministic given the same books and orders. Not thread-safe.
 */
public final class PaperVenue implements Venue
{
    private final VenueReports reports;
    private final IntFunction<L2Book> books;
    private final IntFunction<InstrumentInfo> instruments;
    private final long makerFeeBps;
    private final long takerFeeBps;
    private final Long2ObjectHashMap<VenueOrder> orders = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<ArrayList<VenueOrder>> resting = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Consumption> consumption = new Int2ObjectHashMap<>();
    private long fills;
    private long cancels;
    private long unknownInstruments;

    /**
     * Build a venue.
     *
     * @param reports     where fills and cancels go.
     * @param books       the live book of an instrument (null when none yet).
     * @param instruments an instrument's scales (null when unknown).
     * @param makerFeeBps fee of resting fills, basis points.
     * @param takerFeeBps fee of taking fills, basis points.
     */
    public PaperVenue(
        final VenueReports reports,
        final IntFunction<L2Book> books,
        final IntFunction<InstrumentInfo> instruments,
        final long makerFeeBps,
        final long takerFeeBps)
    {
        this.reports = reports;
        this.books = books;
        this.instruments = instruments;
        this.makerFeeBps = makerFeeBps;
        this.takerFeeBps = takerFeeBps;
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderAccepted(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        onOpenOrder(timeNs, orderId, clientOrderId, portfolioId, strategyId, instrumentId, side, orderType,
            timeInForce, price, quantity, 0, 0);
    }

    /**
     * An order the ledger holds open that this venue has not seen (its acceptance was lost with a ledger leader, or
     * the venue restarted): taken like a new acceptance for what is still open, its fill ids continuing after the
     * last one the ledger applied.
     *
     * @param timeNs         ledger time.
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           side.
     * @param orderType      type.
     * @param timeInForce    time in force.
     * @param price          limit price mantissa.
     * @param quantity       order quantity mantissa.
     * @param filledQuantity already filled.
     * @param lastFillId     last fill id the ledger applied.
     */
    public void onOpenOrder(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long filledQuantity,
        final long lastFillId)
    {
        if (orders.containsKey(orderId))
        {
            return;
        }
        final InstrumentInfo instrument = instruments.apply(instrumentId);
        final VenueOrder order = new VenueOrder();
        order.orderId = orderId;
        order.clientOrderId = clientOrderId;
        order.portfolioId = portfolioId;
        order.strategyId = strategyId;
        order.instrumentId = instrumentId;
        order.side = side;
        order.market = orderType == OrderType.MARKET;
        order.ioc = timeInForce == TimeInForce.IOC || order.market;
        order.price = price;
        order.leaves = quantity - filledQuantity;
        order.fillSequence = lastFillId;
        if (null == instrument)
        {
            unknownInstruments++;
            cancel(timeNs, order, CancelReason.VENUE);
            return;
        }
        order.cashFactor = DecimalCodec.pow10(Ledger.CASH_SCALE - instrument.priceScale() -
            instrument.quantityScale());
        orders.put(orderId, order);

        final L2Book book = books.apply(instrumentId);
        if (null != book)
        {
            match(timeNs, order, book, Liquidity.TAKER);
        }
        if (order.leaves > 0)
        {
            if (order.ioc)
            {
                cancel(timeNs, order, CancelReason.IOC_REMAINDER);
            }
            else
            {
                resting.computeIfAbsent(instrumentId, (id) -> new ArrayList<>()).add(order);
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderClosed(final long orderId)
    {
        final VenueOrder order = orders.remove(orderId);
        if (null != order)
        {
            final ArrayList<VenueOrder> list = resting.get(order.instrumentId);
            if (null != list)
            {
                list.remove(order);
            }
        }
    }

    /**
     * Whether an order is open at this venue.
     *
     * @param orderId ledger order id.
     * @return true when open here.
     */
    public boolean isOpen(final long orderId)
    {
        return orders.containsKey(orderId);
    }

    /**
     * Forget the orders open here, up to an order id, that the ledger no longer holds open (their close was lost with
     * a ledger leader): after a resynchronisation's listing of open orders.
     *
     * @param openInLedger order ids the ledger listed open.
     * @param lastOrderId  the listing covers orders up to this id (later ones were accepted after it).
     * @return orders forgotten.
     */
    public int closeOrdersNotIn(final LongHashSet openInLedger, final long lastOrderId)
    {
        final ArrayList<VenueOrder> closed = new ArrayList<>();
        for (final VenueOrder order : orders.values())
        {
            if (order.orderId <= lastOrderId && !openInLedger.contains(order.orderId))
            {
                closed.add(order);
            }
        }
        for (final VenueOrder order : closed)
        {
            onOrderClosed(order.orderId);
        }
        return closed.size();
    }

    /**
     * A book changed: resting orders it now crosses fill.
     *
     * @param book the book.
     */
    public void onBook(final L2Book book)
    {
        final ArrayList<VenueOrder> list = resting.get(book.instrumentId());
        if (null == list || list.isEmpty())
        {
            return;
        }
        for (int i = 0; i < list.size(); i++)
        {
            final VenueOrder order = list.get(i);
            match(book.timeNs(), order, book, Liquidity.MAKER);
            if (order.leaves == 0)
            {
                list.remove(i--);
                orders.remove(order.orderId);
            }
        }
    }

    /**
     * Orders open at this venue.
     *
     * @return count.
     */
    public int openOrders()
    {
        return orders.size();
    }

    /**
     * Fills sent.
     *
     * @return count.
     */
    public long fills()
    {
        return fills;
    }

    /**
     * Remainders cancelled.
     *
     * @return count.
     */
    public long cancels()
    {
        return cancels;
    }

    /**
     * Orders for instruments whose scales are unknown (cancelled at once).
     *
     * @return count.
     */
    public long unknownInstruments()
    {
        return unknownInstruments;
    }

    private void match(final long timeNs, final VenueOrder order, final L2Book book, final Liquidity liquidity)
    {
        final boolean buy = order.side == Side.BUY;
        final int depth = buy ? book.askDepth() : book.bidDepth();
        final Consumption taken = consumption(order.instrumentId);
        for (int rank = 0; rank < depth && order.leaves > 0; rank++)
        {
            final long levelPrice = buy ? book.askPrice(rank) : book.bidPrice(rank);
            if (!order.market && (buy ? levelPrice > order.price : levelPrice < order.price))
            {
                break;
            }
            final long levelQuantity = buy ? book.askQuantity(rank) : book.bidQuantity(rank);
            final long available = taken.available(!buy, levelPrice, levelQuantity);
            if (available <= 0)
            {
                continue;
            }
            final long quantity = Math.min(order.leaves, available);
            taken.take(!buy, levelPrice, levelQuantity, quantity);
            order.leaves -= quantity;
            final long fillPrice = liquidity == Liquidity.TAKER ? levelPrice : order.price;
            final long notional = Math.multiplyExact(Math.multiplyExact(fillPrice, quantity), order.cashFactor);
            final long bps = liquidity == Liquidity.TAKER ? takerFeeBps : makerFeeBps;
            final long fee = (Math.multiplyExact(notional, bps) + 5_000L) / 10_000L;
            fills++;
            reports.fill(timeNs, order.orderId, order.clientOrderId, ++order.fillSequence, fillPrice, quantity,
                order.leaves, fee, -Ledger.CASH_SCALE, order.portfolioId, order.strategyId, order.instrumentId,
                order.side, liquidity);
        }
        if (order.leaves == 0)
        {
            orders.remove(order.orderId);
        }
    }

    private void cancel(final long timeNs, final VenueOrder order, final CancelReason reason)
    {
        cancels++;
        orders.remove(order.orderId);
        reports.cancel(timeNs, order.orderId, order.clientOrderId, order.leaves, order.portfolioId,
            order.strategyId, order.instrumentId, reason);
    }

    private Consumption consumption(final int instrumentId)
    {
        Consumption taken = consumption.get(instrumentId);
        if (null == taken)
        {
            taken = new Consumption();
            consumption.put(instrumentId, taken);
        }
        return taken;
    }

    /**
     * Quantity taken per level, valid while the level's quantity is what it was when taken.
     */
    private static final class Consumption
    {
        private final Long2LongHashMap bidTaken = new Long2LongHashMap(0);
        private final Long2LongHashMap bidLevelSeen = new Long2LongHashMap(-1);
        private final Long2LongHashMap askTaken = new Long2LongHashMap(0);
        private final Long2LongHashMap askLevelSeen = new Long2LongHashMap(-1);

        long available(final boolean bids, final long price, final long levelQuantity)
        {
            final long seen = (bids ? bidLevelSeen : askLevelSeen).get(price);
            final long taken = seen == levelQuantity ? (bids ? bidTaken : askTaken).get(price) : 0;
            return levelQuantity - taken;
        }

        void take(final boolean bids, final long price, final long levelQuantity, final long quantity)
        {
            final Long2LongHashMap seen = bids ? bidLevelSeen : askLevelSeen;
            final Long2LongHashMap taken = bids ? bidTaken : askTaken;
            final long previous = seen.get(price) == levelQuantity ? taken.get(price) : 0;
            seen.put(price, levelQuantity);
            taken.put(price, previous + quantity);
        }
    }

    private static final class VenueOrder
    {
        long orderId;
        long clientOrderId;
        int portfolioId;
        int strategyId;
        int instrumentId;
        Side side;
        boolean market;
        boolean ioc;
        long price;
        long leaves;
        long cashFactor;
        long fillSequence;
    }
}
