/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine.venue;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.engine.L2Book;
import io.alphapulse.engine.MarketDataAdapter;
import io.alphapulse.engine.MarketDataHandler;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerEventHandler;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.ledger.LedgerResync;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.InstrumentInfo;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;

/**
 * The paper venue's duty cycle: the merged stream into its own books, the ledger's accepted orders into the
 * {@link PaperVenue}, its fills and cancels into the ledger's log as venue reports.
 * <p>
 * Resynchronisation: the ledger's egress is at most once per session, so an acceptance (or a close) broadcast by a
 * leader that died may never arrive. On start, on a new session and on a new leader the agent asks the ledger for
 * every open order ({@code ResyncRequest} with open orders); an order listed that this venue has not seen is taken
 * (what is still open, fill ids after the last the ledger applied), one it holds that the ledger no longer lists is
 * forgotten. An order it already closed, whose closing report the ledger has not applied yet, is never taken again,
 * so the venue never fills twice.
 */
public final class PaperVenueAgent implements Agent, MarketDataHandler, LedgerEventHandler, VenueReports
{
    private final Subscription subscription;
    private final MarketDataAdapter adapter;
    // A book snapshot can be larger than one Aeron fragment: reassemble before decoding.
    private final io.aeron.FragmentAssembler assembler;
    private final LedgerClient client;
    private final LedgerProxy proxy;
    private final PaperVenue venue;
    private final int fragmentLimit;
    private final Int2ObjectHashMap<InstrumentInfo> instruments = new Int2ObjectHashMap<>();
    private final AtomicCounter fillsCounter;
    private final AtomicCounter openOrdersCounter;
    private final AtomicCounter cancelsCounter;
    private final AtomicCounter marketDataCounter;
    // Reports sent and not yet seen in the ledger's egress, oldest first. A member that dies takes with it whatever the
    // old session had sent that its log had not taken yet (the order would stay open in the ledger for ever), so they
    // are resent, in order, on a new session or a new leader; the ledger ignores a fill id it already applied and a
    // cancel of a closed order. The log keeps a session's order, so a report seen confirms every older one too.
    private final ArrayDeque<Report> unconfirmed = new ArrayDeque<>();
    private final ArrayDeque<Report> reportPool = new ArrayDeque<>();
    private long reconnects;
    private boolean resendPending;
    private final LongHashSet listedOpen = new LongHashSet();
    private boolean resyncWanted = true;
    private long resyncRequestId;
    private long lastResyncRequestId;
    private long resyncSentNs;
    private long resyncs;
    private long ordersTakenFromListing;
    private long ordersForgotten;

    /**
     * Build the agent.
     *
     * @param aeron         client for counters.
     * @param subscription  merged stream.
     * @param client        ledger connection whose egress reaches this agent.
     * @param proxy         ledger requests.
     * @param instruments   instrument scales known at start.
     * @param makerFeeBps   maker fee.
     * @param takerFeeBps   taker fee.
     * @param fragmentLimit fragments per poll.
     */
    public PaperVenueAgent(
        final Aeron aeron,
        final Subscription subscription,
        final LedgerClient client,
        final LedgerProxy proxy,
        final List<InstrumentInfo> instruments,
        final long makerFeeBps,
        final long takerFeeBps,
        final int fragmentLimit)
    {
        this.subscription = subscription;
        this.client = client;
        this.proxy = proxy;
        this.fragmentLimit = fragmentLimit;
        for (final InstrumentInfo instrument : instruments)
        {
            this.instruments.put(instrument.id(), instrument);
        }
        this.adapter = new MarketDataAdapter(this, null);
        this.assembler = new io.aeron.FragmentAssembler(adapter);
        this.venue = new PaperVenue(this, adapter::book, this.instruments::get, makerFeeBps, takerFeeBps);
        fillsCounter = aeron.addCounter(EngineCounterTypes.VENUE_FILLS, "venue fills: venue=paper");
        openOrdersCounter = aeron.addCounter(EngineCounterTypes.VENUE_OPEN_ORDERS, "venue open orders: venue=paper");
        cancelsCounter = aeron.addCounter(EngineCounterTypes.VENUE_CANCELS, "venue cancels: venue=paper");
        marketDataCounter = aeron.addCounter(
            EngineCounterTypes.VENUE_MARKET_DATA_MESSAGES, "venue market data: venue=paper");
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        int work = subscription.poll(assembler, fragmentLimit);
        work += client.poll();
        if (client.reconnects() != reconnects)
        {
            reconnects = client.reconnects();
            resendPending = true;
            resyncWanted = true;
            resyncRequestId = 0;
        }
        if (resyncWanted)
        {
            final long nowNs = System.nanoTime();
            if (0 == resyncRequestId || nowNs - resyncSentNs - LedgerResync.REQUEST_TIMEOUT_NS_DEFAULT >= 0)
            {
                resyncRequestId = ++lastResyncRequestId;
                resyncSentNs = nowNs;
                listedOpen.clear();
                if (proxy.resyncRequest(0, resyncRequestId, 0, 0, true))
                {
                    work++;
                }
                else
                {
                    resyncRequestId = 0;
                }
            }
        }
        if (resendPending)
        {
            resendPending = false;
            work += resend();
        }
        if (work > 0)
        {
            fillsCounter.setRelease(venue.fills());
            cancelsCounter.setRelease(venue.cancels());
            openOrdersCounter.setRelease(venue.openOrders());
            marketDataCounter.setRelease(adapter.messages());
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "venue-paper";
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        CloseHelper.closeAll(fillsCounter, openOrdersCounter, cancelsCounter, marketDataCounter);
    }

    /**
     * The venue.
     *
     * @return the venue.
     */
    public PaperVenue venue()
    {
        return venue;
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final L2Book book)
    {
        venue.onBook(book);
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrument(final InstrumentInfo instrument)
    {
        instruments.put(instrument.id(), instrument);
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
        if (closedHere(orderId))
        {
            // Acknowledged again (a resent order) while this venue's closing report is on its way: already done.
            return;
        }
        venue.onOrderAccepted(timeNs, orderId, clientOrderId, portfolioId, strategyId, instrumentId, side, orderType,
            timeInForce, price, quantity);
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderCancelled(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long cancelledQuantity,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final CancelReason reason)
    {
        confirmed(Report.CANCEL, orderId, 0);
        venue.onOrderClosed(orderId);
    }

    /**
     * {@inheritDoc}
     */
    public void onFill(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long fillId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int feeExponent,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final Liquidity liquidity)
    {
        confirmed(Report.FILL, orderId, fillId);
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeader(final int leaderMemberId)
    {
        resendPending = true;
        resyncWanted = true;
        resyncRequestId = 0;
    }

    /**
     * {@inheritDoc}
     */
    public void onOpenOrder(
        final long requestId,
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
        if (requestId != resyncRequestId || 0 == requestId)
        {
            return;
        }
        listedOpen.add(orderId);
        if (!venue.isOpen(orderId) && !closedHere(orderId))
        {
            ordersTakenFromListing++;
            venue.onOpenOrder(timeNs, orderId, clientOrderId, portfolioId, strategyId, instrumentId, side, orderType,
                timeInForce, price, quantity, filledQuantity, lastFillId);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onResyncDone(
        final long requestId,
        final int strategyId,
        final long fromSequence,
        final long lastSequence,
        final long oldestSequence,
        final long lastOrderId,
        final int openOrderCount)
    {
        if (requestId != resyncRequestId || 0 == requestId)
        {
            return;
        }
        resyncRequestId = 0;
        if (listedOpen.size() != openOrderCount)
        {
            // Part of the listing was dropped on its way: ask again rather than forget orders still open.
            return;
        }
        resyncWanted = false;
        resyncs++;
        ordersForgotten += venue.closeOrdersNotIn(listedOpen, lastOrderId);
        listedOpen.clear();
    }

    /**
     * Resynchronisations completed (open orders listed by the ledger and reconciled).
     *
     * @return count.
     */
    public long resyncs()
    {
        return resyncs;
    }

    /**
     * Orders taken from a listing of open orders (their acceptance never arrived).
     *
     * @return count.
     */
    public long ordersTakenFromListing()
    {
        return ordersTakenFromListing;
    }

    /**
     * Orders forgotten because the ledger no longer held them open (their close never arrived).
     *
     * @return count.
     */
    public long ordersForgotten()
    {
        return ordersForgotten;
    }

    /**
     * Whether this venue closed an order (filled it or cancelled its remainder) and its report has not been seen in
     * the ledger's egress yet.
     */
    private boolean closedHere(final long orderId)
    {
        if (unconfirmed.isEmpty())
        {
            return false;
        }
        for (final Report report : unconfirmed)
        {
            if (report.orderId == orderId &&
                (Report.CANCEL == report.type || (Report.FILL == report.type && 0 == report.leavesQuantity)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports sent and not yet seen in the ledger's egress.
     *
     * @return count.
     */
    public int unconfirmedCount()
    {
        return unconfirmed.size();
    }

    /**
     * {@inheritDoc}
     */
    public boolean fill(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long fillId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int feeExponent,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final Liquidity liquidity)
    {
        final Report report = report(Report.FILL, timeNs, orderId, clientOrderId, portfolioId, strategyId,
            instrumentId);
        report.fillId = fillId;
        report.price = price;
        report.quantity = quantity;
        report.leavesQuantity = leavesQuantity;
        report.feeMantissa = feeMantissa;
        report.feeExponent = feeExponent;
        report.side = side;
        report.liquidity = liquidity;
        return send(report);
    }

    /**
     * {@inheritDoc}
     */
    public boolean cancel(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long cancelledQuantity,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final CancelReason reason)
    {
        final Report report = report(Report.CANCEL, timeNs, orderId, clientOrderId, portfolioId, strategyId,
            instrumentId);
        report.quantity = cancelledQuantity;
        report.reason = reason;
        return send(report);
    }

    private Report report(
        final int type,
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId)
    {
        final Report report = reportPool.isEmpty() ? new Report() : reportPool.poll();
        report.type = type;
        report.timeNs = timeNs;
        report.orderId = orderId;
        report.clientOrderId = clientOrderId;
        report.portfolioId = portfolioId;
        report.strategyId = strategyId;
        report.instrumentId = instrumentId;
        report.fillId = 0;
        unconfirmed.add(report);
        return report;
    }

    private boolean send(final Report report)
    {
        return Report.FILL == report.type ?
            proxy.fill(report.timeNs, report.orderId, report.clientOrderId, report.fillId, report.price,
                report.quantity, report.leavesQuantity, report.feeMantissa, report.feeExponent, report.portfolioId,
                report.strategyId, report.instrumentId, report.side, report.liquidity) :
            proxy.venueCancel(report.timeNs, report.orderId, report.clientOrderId, report.quantity,
                report.portfolioId, report.strategyId, report.instrumentId, report.reason);
    }

    private int resend()
    {
        int resent = 0;
        for (final Report report : unconfirmed)
        {
            if (!send(report))
            {
                break;
            }
            resent++;
        }
        return resent;
    }

    private void confirmed(final int type, final long orderId, final long fillId)
    {
        boolean found = false;
        for (final Report report : unconfirmed)
        {
            if (report.type == type && report.orderId == orderId && report.fillId == fillId)
            {
                found = true;
                break;
            }
        }
        if (found)
        {
            final Iterator<Report> iterator = unconfirmed.iterator();
            while (iterator.hasNext())
            {
                final Report report = iterator.next();
                iterator.remove();
                reportPool.add(report);
                if (report.type == type && report.orderId == orderId && report.fillId == fillId)
                {
                    break;
                }
            }
        }
    }

    /**
     * A venue report kept until the ledger's egress shows it applied.
     */
    private static final class Report
    {
        static final int FILL = 1;
        static final int CANCEL = 2;

        int type;
        long timeNs;
        long orderId;
        long clientOrderId;
        long fillId;
        long price;
        long quantity;
        long leavesQuantity;
        long feeMantissa;
        int feeExponent;
        int portfolioId;
        int strategyId;
        int instrumentId;
        Side side;
        Liquidity liquidity;
        CancelReason reason;
    }
}
