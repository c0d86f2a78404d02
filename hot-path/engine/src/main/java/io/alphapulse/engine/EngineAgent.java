/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.driver.EngineCounterTypes;
import io.alphapulse.ledger.LedgerClient;
import io.alphapulse.ledger.LedgerEventHandler;
import io.alphapulse.ledger.LedgerProxy;
import io.alphapulse.ledger.LedgerResync;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderSink;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyHost;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The engine's duty cycle: merged market data into the books and the strategy, the strategy's orders to the ledger,
 * the ledger's execution reports back to the strategy, marks (last trades) to the ledger once per interval.
 * <p>
 * Resynchronisation ({@link LedgerResync}): the ledger's egress is at most once per session, so the agent follows its
 * strategy's report sequence, delivers each report once and in order, and on start, on a new session, on a new leader
 * or at a gap asks the ledger for the reports it missed (replayed from replicated state). Once the answer is in, the
 * orders and cancels it sent before asking and still has no answer for never reached the log: they are resent, in
 * client order id order. So the strategy ends with exactly the ledger's view: every acceptance, fill and close once,
 * no order open that the ledger closed, no "rejected" for an order that filled.
 * <p>
 * Orders of an earlier engine process: the first request also asks for the ledger's open orders, and those of this
 * strategy with a client order id below this process's first one were left open by an earlier process (client order
 * ids increase across restarts). Unless told to keep them, the agent cancels them (resent like its own cancels after
 * a leader change); their reports are counted, not passed to the strategy, which never placed them.
 */
public final class EngineAgent implements Agent, MarketDataHandler, LedgerEventHandler, OrderSink
{
    /**
     * Cancel reason the strategy sees for an order whose cancel was resent after a leader change and refused because
     * the ledger had closed the order while its report was lost with the old leader.
     */
    public static final String CLOSED_DURING_LEADER_CHANGE = "CLOSED_DURING_LEADER_CHANGE";

    private final Subscription subscription;
    private final MarketDataAdapter adapter;
    // A book snapshot can be larger than one Aeron fragment: reassemble before decoding.
    private final io.aeron.FragmentAssembler assembler;
    private final LedgerClient client;
    private final LedgerProxy proxy;
    private final StrategyHost host;
    private final NanoClock clock;
    private final int fragmentLimit;
    private final long markIntervalNs;
    private final String roleName;

    private final Long2ObjectHashMap<PendingOrder> unacknowledged = new Long2ObjectHashMap<>();
    // Cancels sent and not yet answered (the order cancelled or closed, or the cancel refused): resent with the
    // unacknowledged orders when the leader changes, since their answer may have died with the old leader.
    private final Long2ObjectHashMap<PendingCancel> pendingCancels = new Long2ObjectHashMap<>();
    private final ArrayDeque<PendingCancel> cancelPool = new ArrayDeque<>();
    // Orders the ledger acknowledged and has not reported closed: tells a refused resent cancel whose order's close
    // was lost with the old leader (report it closed) from one refused because the order closed as reported.
    private final LongHashSet openOrders = new LongHashSet();
    private long reconnectsSeen;
    private final LedgerResync resync;
    private final boolean cancelEarlierOrders;
    private final long firstClientOrderId;
    // Open orders of an earlier engine process being cancelled (client order ids), until their close is reported.
    private final LongHashSet earlierOrders = new LongHashSet();
    private boolean earlierOrdersListed;
    private long listingRequestId;
    private int listedOpenOrders;
    private boolean listingIncomplete;
    private long earlierOrdersFound;
    // Orders and cancels are numbered as sent; those sent before a resynchronisation request and unanswered when its
    // answer is in are the ones to resend (later ones are answered after the answer, in log order).
    private long sendCount;
    private long requestSendCount;
    private long ignoredRejections;
    private long ignoredReports;
    private long cancelsLostCloses;
    private final ArrayDeque<PendingOrder> pendingPool = new ArrayDeque<>();
    private final Long2LongHashMap lastTradePrice = new Long2LongHashMap(0);
    private final Long2LongHashMap lastTradeTimeNs = new Long2LongHashMap(0);
    private final IntHashSet markDirty = new IntHashSet();
    private final IntHashSet registeredInstruments = new IntHashSet();
    private long nextMarkNs;
    private boolean resendPending;
    private long lastCycleNs;

    private final AtomicCounter marketDataCounter;
    private final AtomicCounter rejectedCounter;
    private final AtomicCounter feedEventsCounter;
    private final AtomicCounter ordersSentCounter;
    private final AtomicCounter acceptedCounter;
    private final AtomicCounter orderRejectedCounter;
    private final AtomicCounter fillsCounter;
    private final AtomicCounter notSentCounter;
    private final AtomicCounter resentCounter;
    private final AtomicCounter maxCycleCounter;
    private final AtomicCounter openOrdersCounter;
    private final AtomicCounter resyncRequestsCounter;
    private final AtomicCounter earlierOrdersCounter;

    /**
     * Build the agent.
     *
     * @param aeron          client for the subscription and counters.
     * @param subscription   merged stream.
     * @param client         ledger connection (its egress must reach this agent's {@link LedgerEventHandler}).
     * @param proxy          ledger requests.
     * @param strategy       the strategy.
     * @param strategyId     its id in orders.
     * @param portfolioId    the portfolio it trades.
     * @param firstClientOrderId first client order id (ids must increase across restarts).
     * @param instruments    instruments known at start.
     * @param clock          clock for pacing marks and the cycle time (never seen by the strategy).
     * @param fragmentLimit  fragments per poll.
     * @param markIntervalNs how often last trades go to the ledger as marks.
     * @param cancelEarlierOrders cancel the open orders an earlier engine process of this strategy left in the ledger.
     */
    public EngineAgent(
        final Aeron aeron,
        final Subscription subscription,
        final LedgerClient client,
        final LedgerProxy proxy,
        final Strategy strategy,
        final int strategyId,
        final int portfolioId,
        final long firstClientOrderId,
        final List<InstrumentInfo> instruments,
        final NanoClock clock,
        final int fragmentLimit,
        final long markIntervalNs,
        final boolean cancelEarlierOrders)
    {
        this.subscription = subscription;
        this.client = client;
        this.proxy = proxy;
        this.host = new StrategyHost(strategy, this, strategyId, portfolioId, firstClientOrderId);
        for (final InstrumentInfo instrument : instruments)
        {
            host.addInstrument(instrument);
        }
        this.clock = clock;
        this.fragmentLimit = fragmentLimit;
        this.markIntervalNs = markIntervalNs;
        this.cancelEarlierOrders = cancelEarlierOrders;
        this.firstClientOrderId = firstClientOrderId;
        this.roleName = "engine-" + strategy.name();
        this.adapter = new MarketDataAdapter(this, (book) -> host.putBook(book.instrumentId(), book));
        this.resync = new LedgerResync(strategyId, LedgerResync.REQUEST_TIMEOUT_NS_DEFAULT);
        this.assembler = new io.aeron.FragmentAssembler(adapter);

        final String label = ": strategy=" + strategy.name();
        marketDataCounter = aeron.addCounter(EngineCounterTypes.MARKET_DATA_MESSAGES, "engine market data" + label);
        rejectedCounter = aeron.addCounter(EngineCounterTypes.MARKET_DATA_REJECTED, "engine rejected" + label);
        feedEventsCounter = aeron.addCounter(EngineCounterTypes.FEED_EVENTS, "engine feed events" + label);
        ordersSentCounter = aeron.addCounter(EngineCounterTypes.ORDERS_SENT, "engine orders sent" + label);
        acceptedCounter = aeron.addCounter(EngineCounterTypes.ORDERS_ACCEPTED, "engine orders accepted" + label);
        orderRejectedCounter = aeron.addCounter(EngineCounterTypes.ORDERS_REJECTED, "engine orders rejected" + label);
        fillsCounter = aeron.addCounter(EngineCounterTypes.FILLS, "engine fills" + label);
        notSentCounter = aeron.addCounter(EngineCounterTypes.ORDERS_NOT_SENT, "engine orders not sent" + label);
        resentCounter = aeron.addCounter(EngineCounterTypes.ORDERS_RESENT, "engine orders resent" + label);
        maxCycleCounter = aeron.addCounter(EngineCounterTypes.MAX_CYCLE_TIME_NS, "engine max cycle ns" + label);
        openOrdersCounter = aeron.addCounter(EngineCounterTypes.OPEN_ORDERS, "engine open orders" + label);
        resyncRequestsCounter = aeron.addCounter(EngineCounterTypes.RESYNC_REQUESTS, "engine resync requests" + label);
        earlierOrdersCounter = aeron.addCounter(
            EngineCounterTypes.EARLIER_ORDERS_CANCELLED, "engine earlier orders cancelled" + label);
    }

    /**
     * Register instruments with the ledger (idempotent) so it can price orders in them.
     */
    public void registerInstruments()
    {
        for (final InstrumentInfo instrument : host.instruments())
        {
            register(instrument);
        }
    }

    private void register(final InstrumentInfo instrument)
    {
        if (registeredInstruments.add(instrument.id()))
        {
            proxy.instrument(0, instrument.id(), instrument.priceScale(), instrument.quantityScale(),
                instrument.quoteAsset());
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        host.start();
        nextMarkNs = clock.nanoTime() + markIntervalNs;
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        final long startNs = clock.nanoTime();
        // Asked before market data reaches the strategy, so that on start the request precedes every order.
        int work = resync.requestDue(startNs) ? requestResync(startNs) : 0;
        work += subscription.poll(assembler, fragmentLimit);
        work += client.poll();
        if (client.reconnects() != reconnectsSeen)
        {
            // A new session (the cluster closed the old one): reports may have been lost, and what was in flight may
            // never have reached the log.
            reconnectsSeen = client.reconnects();
            resync.onNewSession();
        }
        if (resync.requestDue(startNs))
        {
            work += requestResync(startNs);
        }
        if (resendPending)
        {
            resendPending = false;
            work += resend();
        }
        if (startNs - nextMarkNs >= 0)
        {
            nextMarkNs = startNs + markIntervalNs;
            work += sendMarks();
        }
        if (work > 0)
        {
            marketDataCounter.setRelease(adapter.messages());
            rejectedCounter.setRelease(adapter.rejected());
            feedEventsCounter.setRelease(adapter.feedEvents());
            openOrdersCounter.setRelease(host.openOrderCount());
            resyncRequestsCounter.setRelease(resync.requests());
            final long cycleNs = clock.nanoTime() - startNs;
            if (cycleNs > lastCycleNs)
            {
                lastCycleNs = cycleNs;
                maxCycleCounter.setRelease(cycleNs);
            }
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public void onClose()
    {
        CloseHelper.closeAll(marketDataCounter, rejectedCounter, feedEventsCounter, ordersSentCounter,
            acceptedCounter, orderRejectedCounter, fillsCounter, notSentCounter, resentCounter, maxCycleCounter,
            openOrdersCounter, resyncRequestsCounter, earlierOrdersCounter);
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return roleName;
    }

    /**
     * The market-data side (books, counts).
     *
     * @return the adapter.
     */
    public MarketDataAdapter marketData()
    {
        return adapter;
    }

    /**
     * The strategy host (positions, open orders, event time).
     *
     * @return the host.
     */
    public StrategyHost host()
    {
        return host;
    }

    /**
     * Orders sent and not yet acknowledged.
     *
     * @return count.
     */
    public int unacknowledgedCount()
    {
        return unacknowledged.size();
    }

    /**
     * Orders and cancels resent after leader changes or reconnections.
     *
     * @return count.
     */
    public long resentCount()
    {
        return resentCounter.get();
    }

    /**
     * Cancels sent and not yet answered.
     *
     * @return count.
     */
    public int pendingCancelCount()
    {
        return pendingCancels.size();
    }

    /**
     * Resent cancels refused because the order was no longer open, whose close the engine never received (lost with
     * the old leader): reported to the strategy as cancelled.
     *
     * @return count.
     */
    public long cancelsOfLostCloses()
    {
        return cancelsLostCloses;
    }

    private int requestResync(final long nowNs)
    {
        final long requestId = resync.newRequest(nowNs);
        requestSendCount = sendCount;
        final boolean listOpenOrders = cancelEarlierOrders && !earlierOrdersListed;
        if (!proxy.resyncRequest(0, requestId, host.strategyId(), resync.fromSequence(), listOpenOrders))
        {
            resync.requestNotSent();
            return 0;
        }
        if (listOpenOrders)
        {
            listingRequestId = requestId;
            listedOpenOrders = 0;
            listingIncomplete = false;
        }
        return 1;
    }

    /**
     * The resynchronisation protocol's state (sequence expected, requests, gaps, repeats dropped).
     *
     * @return the protocol.
     */
    public LedgerResync resync()
    {
        return resync;
    }

    /**
     * Rejections for orders the engine was not waiting on (e.g. a resent order the ledger had already accepted and
     * closed), not passed to the strategy.
     *
     * @return count.
     */
    public long ignoredRejections()
    {
        return ignoredRejections;
    }

    /**
     * Reports dropped by the resynchronisation protocol: repeats, and reports beyond a gap (replayed later).
     *
     * @return count.
     */
    public long ignoredReports()
    {
        return ignoredReports;
    }

    private int sendMarks()
    {
        int sent = 0;
        final IntHashSet.IntIterator iterator = markDirty.iterator();
        while (iterator.hasNext())
        {
            final int instrumentId = iterator.nextValue();
            if (proxy.mark(lastTradeTimeNs.get(instrumentId), instrumentId, lastTradePrice.get(instrumentId)))
            {
                sent++;
            }
        }
        markDirty.clear();
        return sent;
    }

    /**
     * Resend, in client order id order, every order not acknowledged, then every cancel not answered, that was sent
     * before the last resynchronisation request: the answer to it is in, so they never reached the log (a repeat
     * would still be harmless: the ledger acknowledges an order it holds open again and refuses a cancel of an order
     * no longer open). Orders go before cancels so a cancel never overtakes its order. Runs only after a
     * resynchronisation, so the arrays built here are not on the steady path.
     */
    private int resend()
    {
        int resent = 0;
        final long[] ids = new long[unacknowledged.size()];
        int i = 0;
        for (final long id : unacknowledged.keySet())
        {
            if (unacknowledged.get(id).sendIndex <= requestSendCount)
            {
                ids[i++] = id;
            }
        }
        java.util.Arrays.sort(ids, 0, i);
        for (int k = 0; k < i; k++)
        {
            final PendingOrder order = unacknowledged.get(ids[k]);
            if (send(order))
            {
                resent++;
            }
        }
        final long[] cancelIds = new long[pendingCancels.size()];
        i = 0;
        for (final long id : pendingCancels.keySet())
        {
            if (pendingCancels.get(id).sendIndex <= requestSendCount)
            {
                cancelIds[i++] = id;
            }
        }
        java.util.Arrays.sort(cancelIds, 0, i);
        for (int k = 0; k < i; k++)
        {
            final long id = cancelIds[k];
            final PendingCancel cancel = pendingCancels.get(id);
            if (proxy.cancelOrder(cancel.timeNs, id, cancel.portfolioId, cancel.strategyId))
            {
                resent++;
            }
        }
        resentCounter.getAndAddRelease(resent);
        return resent;
    }

    private boolean send(final PendingOrder order)
    {
        return proxy.newOrder(order.timeNs, order.clientOrderId, order.portfolioId, order.strategyId,
            order.instrumentId, order.side == Side.BUY ? io.alphapulse.schemas.trading.Side.BUY :
            io.alphapulse.schemas.trading.Side.SELL, OrderType.LIMIT,
            order.timeInForce == io.alphapulse.strategy.TimeInForce.IOC ? TimeInForce.IOC : TimeInForce.GTC,
            order.price, order.quantity);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Market data -> strategy
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     */
    public void onTrade(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        if (0 == lastTradePrice.get(instrumentId))
        {
            // The first trade of an instrument is marked at once: the ledger's price band needs a reference before
            // the strategy's first order in it.
            proxy.mark(timeNs, instrumentId, price);
        }
        else
        {
            markDirty.add(instrumentId);
        }
        lastTradePrice.put(instrumentId, price);
        lastTradeTimeNs.put(instrumentId, timeNs);
        host.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(
        final long timeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        host.onTopOfBook(timeNs, instrumentId, bidPrice, bidQuantity, askPrice, askQuantity);
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final L2Book book)
    {
        host.onBook(book);
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(
        final long timeNs,
        final String exchange,
        final int instrumentId,
        final FeedEventType type,
        final long expectedSequence,
        final long receivedSequence)
    {
        host.onFeedEvent(timeNs, exchange, instrumentId, type, expectedSequence, receivedSequence);
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrument(final InstrumentInfo instrument)
    {
        if (null == host.instrument(instrument.id()))
        {
            host.addInstrument(instrument);
        }
        register(instrument);
    }

    /**
     * {@inheritDoc}
     */
    public void onHeartbeat(final long timeNs)
    {
        host.advanceTime(timeNs);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strategy -> ledger
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     */
    public boolean newOrder(
        final long timeNs,
        final long clientOrderId,
        final int strategyId,
        final int portfolioId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final io.alphapulse.strategy.TimeInForce timeInForce)
    {
        final PendingOrder order = pendingPool.isEmpty() ? new PendingOrder() : pendingPool.poll();
        order.timeNs = timeNs;
        order.clientOrderId = clientOrderId;
        order.strategyId = strategyId;
        order.portfolioId = portfolioId;
        order.instrumentId = instrumentId;
        order.side = side;
        order.price = price;
        order.quantity = quantity;
        order.timeInForce = timeInForce;
        if (!send(order))
        {
            notSentCounter.incrementRelease();
            pendingPool.offer(order);
            return false;
        }
        ordersSentCounter.incrementRelease();
        order.sendIndex = ++sendCount;
        unacknowledged.put(clientOrderId, order);
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public boolean cancelOrder(final long timeNs, final long clientOrderId, final int strategyId, final int portfolioId)
    {
        if (!proxy.cancelOrder(timeNs, clientOrderId, portfolioId, strategyId))
        {
            return false;
        }
        if (!pendingCancels.containsKey(clientOrderId))
        {
            final PendingCancel cancel = cancelPool.isEmpty() ? new PendingCancel() : cancelPool.poll();
            cancel.timeNs = timeNs;
            cancel.strategyId = strategyId;
            cancel.portfolioId = portfolioId;
            cancel.sendIndex = ++sendCount;
            pendingCancels.put(clientOrderId, cancel);
        }
        return true;
    }

    private void cancelAnswered(final long clientOrderId)
    {
        final PendingCancel cancel = pendingCancels.remove(clientOrderId);
        if (null != cancel)
        {
            cancelPool.offer(cancel);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Ledger -> strategy
    // ---------------------------------------------------------------------------------------------------------------

    private void acknowledged(final long clientOrderId)
    {
        final PendingOrder order = unacknowledged.remove(clientOrderId);
        if (null != order)
        {
            pendingPool.offer(order);
        }
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
        final io.alphapulse.schemas.trading.Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        if (strategyId == host.strategyId() && unacknowledged.containsKey(clientOrderId))
        {
            acknowledged(clientOrderId);
            openOrders.add(clientOrderId);
            acceptedCounter.incrementRelease();
            host.onOrderAccepted(timeNs, clientOrderId);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderRejected(
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final RejectReason reason)
    {
        if (strategyId == host.strategyId())
        {
            if (earlierOrderClosed(clientOrderId))
            {
                return; // UNKNOWN_ORDER: it closed before the cancel arrived.
            }
            if (!unacknowledged.containsKey(clientOrderId) && pendingCancels.containsKey(clientOrderId))
            {
                // The answer to a cancel: the order is not open in the ledger. When the engine never heard it close
                // (its report died with the old leader), the strategy hears it now.
                cancelAnswered(clientOrderId);
                if (openOrders.remove(clientOrderId))
                {
                    cancelsLostCloses++;
                    host.onOrderCancelled(timeNs, clientOrderId, CLOSED_DURING_LEADER_CHANGE);
                }
                return;
            }
            if (!unacknowledged.containsKey(clientOrderId))
            {
                // Not an order the engine waits on (a resent order the ledger had already closed): the strategy
                // heard what became of it from the reports.
                ignoredRejections++;
                return;
            }
            acknowledged(clientOrderId);
            orderRejectedCounter.incrementRelease();
            host.onOrderRejected(timeNs, clientOrderId, reason.name());
        }
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
        final io.alphapulse.schemas.trading.Side side,
        final Liquidity liquidity)
    {
        if (strategyId == host.strategyId())
        {
            if (earlierOrders.contains(clientOrderId))
            {
                // A fill of an earlier process's order before its cancel landed: the ledger's positions have it; the
                // strategy never placed the order.
                if (0 == leavesQuantity)
                {
                    earlierOrderClosed(clientOrderId);
                }
                return;
            }
            if (0 == leavesQuantity)
            {
                openOrders.remove(clientOrderId);
                cancelAnswered(clientOrderId);
            }
            fillsCounter.incrementRelease();
            host.onFill(timeNs, clientOrderId, price, quantity, leavesQuantity, feeMantissa, feeExponent);
        }
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
        if (strategyId == host.strategyId())
        {
            if (earlierOrderClosed(clientOrderId))
            {
                earlierOrdersCounter.incrementRelease();
                return;
            }
            openOrders.remove(clientOrderId);
            cancelAnswered(clientOrderId);
            host.onOrderCancelled(timeNs, clientOrderId, reason.name());
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeader(final int leaderMemberId)
    {
        resync.onNewSession();
    }

    /**
     * {@inheritDoc}
     */
    public boolean onReportSequence(final int strategyId, final long sequence)
    {
        if (resync.onReportSequence(strategyId, sequence))
        {
            return true;
        }
        ignoredReports++;
        return false;
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
        if (strategyId != host.strategyId())
        {
            return;
        }
        if (requestId == listingRequestId && 0 != requestId)
        {
            listingRequestId = 0;
            // A listing that arrived incomplete, or a cancel that could not be sent, is asked for again.
            earlierOrdersListed = !listingIncomplete && listedOpenOrders == openOrderCount;
            if (earlierOrdersListed && earlierOrdersFound > 0)
            {
                System.out.println("engine: cancelling " + earlierOrdersFound + " open order(s) of strategy " +
                    strategyId + " left by an earlier engine process (pulse engine --earlier-orders keep leaves " +
                    "them open)");
            }
        }
        final LedgerResync.Outcome outcome = resync.onResyncDone(requestId, lastSequence, oldestSequence);
        if (outcome == LedgerResync.Outcome.SYNCHRONISED || outcome == LedgerResync.Outcome.REPORTS_LOST)
        {
            resendPending = !unacknowledged.isEmpty() || !pendingCancels.isEmpty();
        }
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
        final io.alphapulse.schemas.trading.Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long filledQuantity,
        final long lastFillId)
    {
        if (requestId != listingRequestId || 0 == requestId)
        {
            return;
        }
        listedOpenOrders++;
        if (strategyId == host.strategyId() && clientOrderId < firstClientOrderId &&
            !earlierOrders.contains(clientOrderId))
        {
            if (cancelOrder(timeNs, clientOrderId, strategyId, portfolioId))
            {
                earlierOrders.add(clientOrderId);
                earlierOrdersFound++;
            }
            else
            {
                listingIncomplete = true;
            }
        }
    }

    /**
     * Open orders of an earlier engine process found in the ledger (cancelled unless told to keep them).
     *
     * @return count.
     */
    public long earlierOrdersFound()
    {
        return earlierOrdersFound;
    }

    private boolean earlierOrderClosed(final long clientOrderId)
    {
        if (!earlierOrders.remove(clientOrderId))
        {
            return false;
        }
        cancelAnswered(clientOrderId);
        return true;
    }

    private static final class PendingCancel
    {
        long sendIndex;
        long timeNs;
        int strategyId;
        int portfolioId;
    }

    private static final class PendingOrder
    {
        long sendIndex;
        long timeNs;
        long clientOrderId;
        int strategyId;
        int portfolioId;
        int instrumentId;
        Side side;
        long price;
        long quantity;
        io.alphapulse.strategy.TimeInForce timeInForce;
    }
}
