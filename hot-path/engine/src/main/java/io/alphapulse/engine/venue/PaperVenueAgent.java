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
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.InstrumentInfo;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;

/**
 * The paper venue's duty cycle: the merged stream into its own books, the ledger's accepted orders into the
 * {@link PaperVenue}, its fills and cancels into the ledger's log as venue reports.
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
        venue.onOrderClosed(orderId);
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
        return proxy.fill(timeNs, orderId, clientOrderId, fillId, price, quantity, leavesQuantity, feeMantissa,
            feeExponent, portfolioId, strategyId, instrumentId, side, liquidity);
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
        return proxy.venueCancel(timeNs, orderId, clientOrderId, cancelledQuantity, portfolioId, strategyId,
            instrumentId, reason);
    }
}
