/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.alphapulse.schemas.trading.BalanceUpdateEncoder;
import io.alphapulse.schemas.trading.BooleanType;
import io.alphapulse.schemas.trading.CancelOrderDecoder;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.DepositDecoder;
import io.alphapulse.schemas.trading.FillDecoder;
import io.alphapulse.schemas.trading.FillEncoder;
import io.alphapulse.schemas.trading.InstrumentScalesDecoder;
import io.alphapulse.schemas.trading.KillSwitchDecoder;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.MarkPriceDecoder;
import io.alphapulse.schemas.trading.MessageHeaderDecoder;
import io.alphapulse.schemas.trading.MessageHeaderEncoder;
import io.alphapulse.schemas.trading.NewOrderDecoder;
import io.alphapulse.schemas.trading.OrderAcceptedEncoder;
import io.alphapulse.schemas.trading.OrderCancelledDecoder;
import io.alphapulse.schemas.trading.OrderCancelledEncoder;
import io.alphapulse.schemas.trading.OpenOrderEncoder;
import io.alphapulse.schemas.trading.OrderRejectedEncoder;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.PositionUpdateEncoder;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.ResyncDoneEncoder;
import io.alphapulse.schemas.trading.ResyncRequestDecoder;
import io.alphapulse.schemas.trading.RiskLimitsDecoder;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.driver.LedgerCounterTypes;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The ledger as an Aeron Cluster service: decodes the log's SBE trading messages into {@link Ledger} calls with the
 * cluster's time, and broadcasts every state change as SBE to every connected client session (the engine, the paper
 * venue, the projector). Followers compute the same state and send nothing (the cluster mocks their egress).
 * <p>
 * Snapshots are the ledger's canonical encoding ({@link Ledger#encode}), split into fragments behind a length header.
 * <p>
 * Resynchronisation: egress is at most once per session (a leader that dies takes with it what it had broadcast and
 * a client had not received). Every execution report carries its strategy's report sequence; a client that opens a
 * session, hears of a new leader or sees a gap sends a {@code ResyncRequest} through the log, and the member applying
 * it answers the asking session only, from replicated state: the strategy's reports from the asked sequence on (the
 * same messages with the same sequences), every open order when asked ({@code OpenOrder}), then {@code ResyncDone}.
 * Nothing changes state, so followers (whose sessions are mocked) and the projector's replica (no session) skip it.
 */
public final class LedgerService implements ClusteredService, LedgerListener, LedgerReportHandler
{
    /**
     * Quiet time of the log before the state hash counter is computed, when it is on
     * ({@link #stateHashQuietNs(long)}): 0.5 s.
     */
    public static final long STATE_HASH_QUIET_NS = 500_000_000L;

    private static final int SNAPSHOT_HEADER_MAGIC = 0x534E4150;
    private static final int EGRESS_RETRIES = 100;
    private static final String[] REJECT_DETAIL = rejectDetails();
    private static final AtomicCounter NO_COUNTER = new AtomicCounter(new UnsafeBuffer(new byte[128]), 0);

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrderDecoder = new CancelOrderDecoder();
    private final FillDecoder fillDecoder = new FillDecoder();
    private final OrderCancelledDecoder orderCancelledDecoder = new OrderCancelledDecoder();
    private final MarkPriceDecoder markPriceDecoder = new MarkPriceDecoder();
    private final RiskLimitsDecoder riskLimitsDecoder = new RiskLimitsDecoder();
    private final KillSwitchDecoder killSwitchDecoder = new KillSwitchDecoder();
    private final InstrumentScalesDecoder instrumentScalesDecoder = new InstrumentScalesDecoder();
    private final DepositDecoder depositDecoder = new DepositDecoder();
    private final ResyncRequestDecoder resyncRequestDecoder = new ResyncRequestDecoder();

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final OrderAcceptedEncoder orderAcceptedEncoder = new OrderAcceptedEncoder();
    private final OrderRejectedEncoder orderRejectedEncoder = new OrderRejectedEncoder();
    private final FillEncoder fillEncoder = new FillEncoder();
    private final OrderCancelledEncoder orderCancelledEncoder = new OrderCancelledEncoder();
    private final PositionUpdateEncoder positionUpdateEncoder = new PositionUpdateEncoder();
    private final BalanceUpdateEncoder balanceUpdateEncoder = new BalanceUpdateEncoder();
    private final OpenOrderEncoder openOrderEncoder = new OpenOrderEncoder();
    private final ResyncDoneEncoder resyncDoneEncoder = new ResyncDoneEncoder();
    private final UnsafeBuffer egressBuffer = new UnsafeBuffer(new byte[1024]);
    private final RiskLimits scratchLimits = new RiskLimits();
    private int broadcastLength;
    private final Consumer<ClientSession> broadcastToSession = (session) -> offer(session, this.broadcastLength);

    private final Ledger ledger = new Ledger(this);
    private final AtomicReference<CompletableFuture<Long>> hashRequest = new AtomicReference<>();
    private final EgressListener replicaEgress;
    private final ErrorHandler replicaErrorHandler;
    private long messageTimestamp;
    private Cluster cluster;
    private IdleStrategy idleStrategy;

    private volatile long messagesApplied;
    private volatile long logPosition;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private long rejectedMessages;
    private long egressDropped;
    private long failedMessages;
    private long resyncRequests;
    private ClientSession replySession;
    // The message just applied was a resynchronisation request: it reads state only and is not counted as applied.
    private boolean resyncApplied;

    private AtomicCounter appliedCounter = NO_COUNTER;
    private AtomicCounter acceptedCounter = NO_COUNTER;
    private AtomicCounter rejectedCounter = NO_COUNTER;
    private AtomicCounter fillsCounter = NO_COUNTER;
    private AtomicCounter cancelledCounter = NO_COUNTER;
    private AtomicCounter rejectedMessagesCounter = NO_COUNTER;
    private AtomicCounter egressDroppedCounter = NO_COUNTER;
    private AtomicCounter ignoredVenueReportsCounter = NO_COUNTER;
    private AtomicCounter openOrdersCounter = NO_COUNTER;
    private AtomicCounter roleCounter = NO_COUNTER;
    private long stateHashQuietNs;
    private AtomicCounter stateHashCounter = NO_COUNTER;
    private AtomicCounter stateHashPositionCounter = NO_COUNTER;
    private long hashedPosition = -1;
    private long lastSeenPosition = -1;
    private long positionSinceNs;

    /**
     * The service a cluster member runs.
     */
    public LedgerService()
    {
        this.replicaEgress = null;
        this.replicaErrorHandler = null;
    }

    /**
     * Compute the state hash counter once the log has been quiet this long; 0 (the default) leaves it off. The hash
     * encodes the whole state on the service thread: with 100,000 open orders that is hundreds of milliseconds, and a
     * message arriving meanwhile waits (the ledger benchmark's first round stalled 0.4 s on it), so it is for fault
     * tests and audits, not for a member on the order path.
     *
     * @param quietNs quiet time, or 0 for off.
     * @return this.
     */
    public LedgerService stateHashQuietNs(final long quietNs)
    {
        this.stateHashQuietNs = quietNs;
        return this;
    }

    private LedgerService(final EgressListener replicaEgress, final ErrorHandler errorHandler)
    {
        this.replicaEgress = replicaEgress;
        this.replicaErrorHandler = errorHandler;
    }

    /**
     * A replica outside the cluster: fed the cluster log's messages in order with
     * {@link #applyLogMessage(long, DirectBuffer, int, int)}, it computes the same state as every member and hands the
     * very egress messages the leader broadcasts to {@code egress} (so a reader of the recorded log, such as the
     * projector catching up, sees exactly what a connected client saw).
     *
     * @param egress       receives each egress message (cluster session id 0, header null).
     * @param errorHandler receives failures of messages the ledger cannot apply (as a member's error log would).
     * @return the replica.
     */
    public static LedgerService replica(final EgressListener egress, final ErrorHandler errorHandler)
    {
        return new LedgerService(egress, errorHandler);
    }

    /**
     * Apply one message of the cluster log (a session message's payload) with the cluster's timestamp, as
     * {@link #onSessionMessage} does on a member. For a {@link #replica}.
     *
     * @param timestamp cluster time of the message.
     * @param buffer    payload.
     * @param offset    where it starts.
     * @param length    its length.
     */
    public void applyLogMessage(final long timestamp, final DirectBuffer buffer, final int offset, final int length)
    {
        messageTimestamp = timestamp;
        try
        {
            apply(timestamp, buffer, offset, length, null);
        }
        catch (final ArithmeticException | IllegalArgumentException | IllegalStateException ex)
        {
            failedMessages++;
            if (null != replicaErrorHandler)
            {
                replicaErrorHandler.onError(ex);
            }
        }
        if (!resyncApplied)
        {
            messagesApplied++;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idleStrategy = cluster.idleStrategy();
        if (null != cluster.aeron())
        {
            final String node = ": node=" + cluster.memberId();
            final Aeron aeron = cluster.aeron();
            appliedCounter = aeron.addCounter(LedgerCounterTypes.MESSAGES_APPLIED, "ledger messages applied" + node);
            acceptedCounter = aeron.addCounter(LedgerCounterTypes.ORDERS_ACCEPTED, "ledger orders accepted" + node);
            rejectedCounter = aeron.addCounter(LedgerCounterTypes.ORDERS_REJECTED, "ledger orders rejected" + node);
            fillsCounter = aeron.addCounter(LedgerCounterTypes.FILLS, "ledger fills" + node);
            cancelledCounter = aeron.addCounter(LedgerCounterTypes.ORDERS_CANCELLED, "ledger orders cancelled" + node);
            rejectedMessagesCounter = aeron.addCounter(
                LedgerCounterTypes.REJECTED_MESSAGES, "ledger rejected messages" + node);
            egressDroppedCounter = aeron.addCounter(LedgerCounterTypes.EGRESS_DROPPED, "ledger egress dropped" + node);
            ignoredVenueReportsCounter = aeron.addCounter(
                LedgerCounterTypes.IGNORED_VENUE_REPORTS, "ledger ignored venue reports" + node);
            openOrdersCounter = aeron.addCounter(LedgerCounterTypes.OPEN_ORDERS, "ledger open orders" + node);
            roleCounter = aeron.addCounter(LedgerCounterTypes.ROLE, "ledger role (0 follower, 2 leader)" + node);
            stateHashCounter = aeron.addCounter(LedgerCounterTypes.STATE_HASH, "ledger state hash" + node);
            stateHashPositionCounter = aeron.addCounter(
                LedgerCounterTypes.STATE_HASH_POSITION, "ledger state hash log position" + node);
        }
        if (null != snapshotImage)
        {
            loadSnapshot(snapshotImage);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        try
        {
            apply(timestamp, buffer, offset, length, session);
        }
        catch (final ArithmeticException | IllegalArgumentException | IllegalStateException ex)
        {
            // A message the ledger cannot apply (an overflow, a value out of range) fails the same way on every
            // member: count it, report it, and keep the cluster running.
            failedMessages++;
            cluster.context().countedErrorHandler().onError(ex);
        }
        if (!resyncApplied)
        {
            messagesApplied++;
        }
        logPosition = header.position();
        appliedCounter.setRelease(messagesApplied);
        rejectedMessagesCounter.setRelease(rejectedMessages + failedMessages);
        openOrdersCounter.setRelease(ledger.openOrderCount());
        ignoredVenueReportsCounter.setRelease(
            ledger.unknownFills() + ledger.duplicateFills() + ledger.invalidFills());
    }

    /**
     * {@inheritDoc}
     */
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final ExpandableArrayBuffer state = new ExpandableArrayBuffer(64 * 1024);
        final int length = ledger.encode(state);
        final UnsafeBuffer headerBuffer = new UnsafeBuffer(new byte[2 * BitUtil.SIZE_OF_INT]);
        headerBuffer.putInt(0, SNAPSHOT_HEADER_MAGIC);
        headerBuffer.putInt(BitUtil.SIZE_OF_INT, length);
        offerSnapshot(snapshotPublication, headerBuffer, 0, headerBuffer.capacity());
        final int chunk = snapshotPublication.maxPayloadLength();
        for (int offset = 0; offset < length; offset += chunk)
        {
            offerSnapshot(snapshotPublication, state, offset, Math.min(chunk, length - offset));
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
        roleCounter.setRelease(newRole.code());
    }

    /**
     * {@inheritDoc}
     */
    public void onTerminate(final Cluster cluster)
    {
    }

    /**
     * {@inheritDoc}
     */
    public int doBackgroundWork(final long nowNs)
    {
        final CompletableFuture<Long> request = hashRequest.getAndSet(null);
        if (null != request)
        {
            request.complete(ledger.stateHash());
            return 1;
        }
        final long position = logPosition;
        if (position != lastSeenPosition)
        {
            lastSeenPosition = position;
            positionSinceNs = nowNs;
        }
        else if (stateHashQuietNs > 0 && position != hashedPosition &&
            nowNs - positionSinceNs - stateHashQuietNs >= 0 && stateHashCounter != NO_COUNTER)
        {
            hashedPosition = position;
            stateHashCounter.setRelease(ledger.stateHash());
            stateHashPositionCounter.setRelease(position);
            return 1;
        }
        return 0;
    }

    /**
     * Ask for the state hash, computed on the service thread between messages (tests, {@code pulse ledger}).
     *
     * @return the hash when computed.
     */
    public CompletableFuture<Long> requestStateHash()
    {
        final CompletableFuture<Long> future = new CompletableFuture<>();
        final CompletableFuture<Long> previous = hashRequest.getAndSet(future);
        if (null != previous)
        {
            future.whenComplete((hash, ex) -> previous.complete(hash));
        }
        return future;
    }

    /**
     * Log messages applied since start (including those replayed from the log on recovery, excluding the snapshot),
     * not counting resynchronisation requests, which read state only ({@link #resyncRequests()}).
     *
     * @return count.
     */
    public long messagesApplied()
    {
        return messagesApplied;
    }

    /**
     * Log position after the last message applied.
     *
     * @return position.
     */
    public long logPosition()
    {
        return logPosition;
    }

    /**
     * This node's role.
     *
     * @return role.
     */
    public Cluster.Role role()
    {
        return role;
    }

    /**
     * The ledger; read it only on the service thread or after the node stopped.
     *
     * @return the ledger.
     */
    public Ledger ledger()
    {
        return ledger;
    }

    /**
     * Messages from another schema or with an unknown template, counted and skipped.
     *
     * @return count.
     */
    public long rejectedMessages()
    {
        return rejectedMessages;
    }

    /**
     * Messages whose application threw (overflow, out of range), counted and reported to the error handler.
     *
     * @return count.
     */
    public long failedMessages()
    {
        return failedMessages;
    }

    /**
     * Egress messages a session did not take within the retries (that session missed them).
     *
     * @return count.
     */
    public long egressDropped()
    {
        return egressDropped;
    }

    /**
     * Resynchronisation requests answered (on every member and replica alike; only a leader's answer is sent).
     *
     * @return count.
     */
    public long resyncRequests()
    {
        return resyncRequests;
    }

    private void apply(
        final long timeNs, final DirectBuffer buffer, final int offset, final int length, final ClientSession session)
    {
        resyncApplied = false;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            rejectedMessages++;
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            rejectedMessages++;
            return;
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        if (MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length)
        {
            rejectedMessages++;
            return;
        }

        switch (headerDecoder.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                final NewOrderDecoder d = newOrderDecoder.wrap(buffer, bodyOffset, blockLength, version);
                ledger.onNewOrder(timeNs, d.clientOrderId(), d.portfolioId(), d.strategyId(), d.instrumentId(),
                    d.side(), d.orderType(), d.timeInForce(), d.price(), d.quantity());
            }
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                final CancelOrderDecoder d = cancelOrderDecoder.wrap(buffer, bodyOffset, blockLength, version);
                ledger.onCancelOrder(timeNs, d.clientOrderId(), d.portfolioId(), d.strategyId());
            }
            case FillDecoder.TEMPLATE_ID ->
            {
                final FillDecoder d = fillDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final long fee = toCash(d.fee().mantissa(), d.fee().exponent());
                ledger.onFill(timeNs, d.timestampNs(), d.orderId(), d.fillId(), d.price(), d.quantity(), fee,
                    d.liquidity());
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                final OrderCancelledDecoder d = orderCancelledDecoder.wrap(buffer, bodyOffset, blockLength, version);
                ledger.onVenueCancel(timeNs, d.orderId(), d.reason());
            }
            case MarkPriceDecoder.TEMPLATE_ID ->
            {
                final MarkPriceDecoder d = markPriceDecoder.wrap(buffer, bodyOffset, blockLength, version);
                ledger.onMark(timeNs, d.instrumentId(), d.price());
            }
            case RiskLimitsDecoder.TEMPLATE_ID ->
            {
                final RiskLimitsDecoder d = riskLimitsDecoder.wrap(buffer, bodyOffset, blockLength, version);
                scratchLimits.set(d.maxOrderQuantity(), d.maxPosition(),
                    toCash(d.maxOrderNotional().mantissa(), d.maxOrderNotional().exponent()),
                    d.priceBandBps(), d.maxOrdersPerSecond());
                final int instrumentId = d.instrumentId() == RiskLimitsDecoder.instrumentIdNullValue() ?
                    Ledger.ALL_INSTRUMENTS : d.instrumentId();
                ledger.onRiskLimits(timeNs, d.portfolioId(), instrumentId, scratchLimits);
            }
            case KillSwitchDecoder.TEMPLATE_ID ->
            {
                final KillSwitchDecoder d = killSwitchDecoder.wrap(buffer, bodyOffset, blockLength, version);
                ledger.onKillSwitch(timeNs, d.portfolioId(), d.active() == BooleanType.TRUE);
            }
            case InstrumentScalesDecoder.TEMPLATE_ID ->
            {
                final InstrumentScalesDecoder d =
                    instrumentScalesDecoder.wrap(buffer, bodyOffset, blockLength, version);
                long asset = 0;
                for (int i = 0; i < Assets.LENGTH; i++)
                {
                    asset = Assets.withByte(asset, i, d.quoteAsset(i));
                }
                ledger.onInstrument(timeNs, d.instrumentId(), d.priceScale(), d.quantityScale(), asset);
            }
            case DepositDecoder.TEMPLATE_ID ->
            {
                final DepositDecoder d = depositDecoder.wrap(buffer, bodyOffset, blockLength, version);
                long asset = 0;
                for (int i = 0; i < Assets.LENGTH; i++)
                {
                    asset = Assets.withByte(asset, i, d.asset(i));
                }
                ledger.onDeposit(timeNs, d.portfolioId(), asset, toCash(d.amount().mantissa(), d.amount().exponent()));
            }
            case ResyncRequestDecoder.TEMPLATE_ID ->
            {
                final ResyncRequestDecoder d = resyncRequestDecoder.wrap(buffer, bodyOffset, blockLength, version);
                resync(timeNs, session, d.requestId(), d.strategyId(), d.fromSequence(),
                    d.openOrders() == BooleanType.TRUE);
            }
            default -> rejectedMessages++;
        }
    }

    /**
     * Answer a resynchronisation request to the asking session only, reading state and changing nothing: the
     * strategy's reports from {@code fromSequence}, the open orders when asked, then the end with the current
     * sequence. Runs only when a client asks (a new session, a new leader, a gap), so the list it builds is not on
     * the order path.
     */
    private void resync(
        final long timeNs,
        final ClientSession session,
        final long requestId,
        final int strategyId,
        final long fromSequence,
        final boolean openOrders)
    {
        resyncRequests++;
        resyncApplied = true;
        if (null == session || role != Cluster.Role.LEADER || null != replicaEgress)
        {
            return;
        }
        replySession = session;
        try
        {
            if (0 != strategyId && fromSequence > 0)
            {
                ledger.replayReports(strategyId, fromSequence, this);
            }
            int listed = 0;
            if (openOrders)
            {
                final List<Order> open = ledger.openOrdersByOrderId();
                for (int i = 0, size = open.size(); i < size; i++)
                {
                    final Order order = open.get(i);
                    openOrderEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
                        .timestampNs(order.acceptedTimeNs)
                        .requestId(requestId)
                        .orderId(order.orderId)
                        .clientOrderId(order.clientOrderId)
                        .price(order.price)
                        .quantity(order.quantity)
                        .filledQuantity(order.filledQuantity)
                        .lastFillId(order.lastFillId)
                        .portfolioId(order.portfolioId)
                        .strategyId(order.strategyId)
                        .instrumentId(order.instrumentId)
                        .side(order.side)
                        .orderType(order.orderType)
                        .timeInForce(order.timeInForce);
                    reply(MessageHeaderEncoder.ENCODED_LENGTH + openOrderEncoder.encodedLength());
                    listed++;
                }
            }
            resyncDoneEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
                .timestampNs(timeNs)
                .requestId(requestId)
                .fromSequence(fromSequence)
                .lastSequence(ledger.lastReportSequence(strategyId))
                .oldestSequence(ledger.oldestReportSequence(strategyId))
                .lastOrderId(ledger.nextOrderId() - 1)
                .strategyId(strategyId)
                .openOrderCount(listed);
            reply(MessageHeaderEncoder.ENCODED_LENGTH + resyncDoneEncoder.encodedLength());
        }
        finally
        {
            replySession = null;
        }
    }

    /**
     * A Decimal64 at {@link Ledger#CASH_SCALE}: exact when the exponent allows, else truncated toward zero (fees a
     * venue computes to more places than the ledger keeps).
     */
    static long toCash(final long mantissa, final int exponent)
    {
        final int shift = Ledger.CASH_SCALE + exponent;
        if (shift >= 0)
        {
            return Math.multiplyExact(mantissa, DecimalCodec.pow10(shift));
        }
        return -shift > 18 ? 0 : mantissa / DecimalCodec.pow10(-shift);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Egress
    // ----------------------------------------------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     */
    public void onOrderAccepted(final long timeNs, final Order order, final long sequence)
    {
        acceptedCounter.incrementRelease();
        broadcast(encodeAccepted(sequence, timeNs, order.orderId, order.clientOrderId, order.portfolioId,
            order.strategyId, order.instrumentId, order.side, order.orderType, order.timeInForce, order.price,
            order.quantity));
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderAccepted(
        final long sequence,
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
        reply(encodeAccepted(sequence, timeNs, orderId, clientOrderId, portfolioId, strategyId, instrumentId, side,
            orderType, timeInForce, price, quantity));
    }

    private int encodeAccepted(
        final long sequence,
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
        orderAcceptedEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .orderId(orderId)
            .clientOrderId(clientOrderId)
            .price(price)
            .quantity(quantity)
            .portfolioId(portfolioId)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .side(side)
            .orderType(orderType)
            .timeInForce(timeInForce)
            .sequence(sequence);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderAcceptedEncoder.encodedLength();
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
        final RejectReason reason,
        final long sequence)
    {
        rejectedCounter.incrementRelease();
        broadcast(encodeRejected(sequence, timeNs, clientOrderId, portfolioId, strategyId, instrumentId, reason));
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderRejected(
        final long sequence,
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final RejectReason reason)
    {
        reply(encodeRejected(sequence, timeNs, clientOrderId, portfolioId, strategyId, instrumentId, reason));
    }

    private int encodeRejected(
        final long sequence,
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final RejectReason reason)
    {
        orderRejectedEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .clientOrderId(clientOrderId)
            .portfolioId(portfolioId)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .reason(reason)
            .sequence(sequence)
            .detail(REJECT_DETAIL[reason.value()]);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderRejectedEncoder.encodedLength();
    }

    /**
     * {@inheritDoc}
     */
    public void onFill(
        final long timeNs,
        final Order order,
        final long fillId,
        final long price,
        final long quantity,
        final long feeMantissa,
        final Liquidity liquidity,
        final long sequence)
    {
        fillsCounter.incrementRelease();
        broadcast(encodeFill(sequence, timeNs, order.orderId, order.clientOrderId, fillId, price, quantity,
            order.leavesQuantity(), feeMantissa, order.portfolioId, order.strategyId, order.instrumentId, order.side,
            liquidity));
    }

    /**
     * {@inheritDoc}
     */
    public void onFill(
        final long sequence,
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long fillId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final Liquidity liquidity)
    {
        reply(encodeFill(sequence, timeNs, orderId, clientOrderId, fillId, price, quantity, leavesQuantity,
            feeMantissa, portfolioId, strategyId, instrumentId, side, liquidity));
    }

    private int encodeFill(
        final long sequence,
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long fillId,
        final long price,
        final long quantity,
        final long leavesQuantity,
        final long feeMantissa,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final Liquidity liquidity)
    {
        fillEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .orderId(orderId)
            .clientOrderId(clientOrderId)
            .fillId(fillId)
            .price(price)
            .quantity(quantity)
            .leavesQuantity(leavesQuantity)
            .portfolioId(portfolioId)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .side(side)
            .liquidity(null == liquidity || liquidity == Liquidity.NULL_VAL ? Liquidity.TAKER : liquidity)
            .sequence(sequence);
        fillEncoder.fee().mantissa(feeMantissa).exponent((byte)-Ledger.CASH_SCALE);
        return MessageHeaderEncoder.ENCODED_LENGTH + fillEncoder.encodedLength();
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderCancelled(
        final long timeNs, final Order order, final long cancelledQuantity, final CancelReason reason,
        final long sequence)
    {
        cancelledCounter.incrementRelease();
        broadcast(encodeCancelled(sequence, timeNs, order.orderId, order.clientOrderId, cancelledQuantity,
            order.portfolioId, order.strategyId, order.instrumentId, reason));
    }

    /**
     * {@inheritDoc}
     */
    public void onOrderCancelled(
        final long sequence,
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long cancelledQuantity,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final CancelReason reason)
    {
        reply(encodeCancelled(sequence, timeNs, orderId, clientOrderId, cancelledQuantity, portfolioId, strategyId,
            instrumentId, reason));
    }

    private int encodeCancelled(
        final long sequence,
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long cancelledQuantity,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final CancelReason reason)
    {
        orderCancelledEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .orderId(orderId)
            .clientOrderId(clientOrderId)
            .cancelledQuantity(cancelledQuantity)
            .portfolioId(portfolioId)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .reason(reason)
            .sequence(sequence);
        return MessageHeaderEncoder.ENCODED_LENGTH + orderCancelledEncoder.encodedLength();
    }

    /**
     * {@inheritDoc}
     */
    public void onPosition(
        final long timeNs, final Position position, final long unrealizedPnl, final long averagePrice)
    {
        positionUpdateEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .position(position.quantity)
            .portfolioId(position.portfolioId)
            .instrumentId(position.instrumentId);
        positionUpdateEncoder.averagePrice().mantissa(averagePrice).exponent((byte)0);
        positionUpdateEncoder.realizedPnl().mantissa(position.realizedPnl).exponent((byte)-Ledger.CASH_SCALE);
        positionUpdateEncoder.unrealizedPnl().mantissa(unrealizedPnl).exponent((byte)-Ledger.CASH_SCALE);
        broadcast(MessageHeaderEncoder.ENCODED_LENGTH + positionUpdateEncoder.encodedLength());
    }

    /**
     * {@inheritDoc}
     */
    public void onBalance(final long timeNs, final int portfolioId, final long asset, final long balance)
    {
        balanceUpdateEncoder.wrapAndApplyHeader(egressBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .portfolioId(portfolioId);
        balanceUpdateEncoder.balance().mantissa(balance).exponent((byte)-Ledger.CASH_SCALE);
        for (int i = 0; i < Assets.LENGTH; i++)
        {
            balanceUpdateEncoder.asset(i, Assets.byteAt(asset, i));
        }
        broadcast(MessageHeaderEncoder.ENCODED_LENGTH + balanceUpdateEncoder.encodedLength());
    }

    private void broadcast(final int length)
    {
        if (null != replicaEgress)
        {
            replicaEgress.onMessage(0, messageTimestamp, egressBuffer, 0, length, null);
            return;
        }
        if (role != Cluster.Role.LEADER)
        {
            return;
        }
        // forEachClientSession with a bound consumer: iterating clientSessions() allocated two iterators per message.
        broadcastLength = length;
        cluster.forEachClientSession(broadcastToSession);
        idleStrategy.reset();
    }

    /**
     * To the session being answered (a resynchronisation).
     */
    private void reply(final int length)
    {
        if (null != replySession)
        {
            offer(replySession, length);
            idleStrategy.reset();
        }
    }

    private void offer(final ClientSession session, final int length)
    {
        int retries = EGRESS_RETRIES;
        while (true)
        {
            final long result = session.offer(egressBuffer, 0, length);
            if (result > 0 || result == ClientSession.MOCKED_OFFER)
            {
                return;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED || --retries <= 0)
            {
                // The session misses this message: its client sees a gap in the report sequence and asks again.
                egressDroppedCounter.setRelease(++egressDropped);
                return;
            }
            idleStrategy.idle();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Snapshots
    // ----------------------------------------------------------------------------------------------------------------

    private void offerSnapshot(
        final ExclusivePublication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        idleStrategy.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("snapshot publication failed: " + Publication.errorString(result));
            }
            idleStrategy.idle();
        }
    }

    private void loadSnapshot(final Image image)
    {
        final ExpandableArrayBuffer state = new ExpandableArrayBuffer(64 * 1024);
        final int[] expected = {-1};
        final int[] received = {0};
        final FragmentHandler handler = (buffer, offset, length, header) ->
        {
            if (expected[0] < 0)
            {
                if (buffer.getInt(offset) != SNAPSHOT_HEADER_MAGIC)
                {
                    throw new IllegalStateException("ledger snapshot does not start with its header");
                }
                expected[0] = buffer.getInt(offset + BitUtil.SIZE_OF_INT);
            }
            else
            {
                state.putBytes(received[0], buffer, offset, length);
                received[0] += length;
            }
        };

        idleStrategy.reset();
        while (expected[0] < 0 || received[0] < expected[0])
        {
            final int fragments = image.poll(handler, 16);
            if (0 == fragments)
            {
                if (image.isClosed() || image.isEndOfStream())
                {
                    throw new IllegalStateException("ledger snapshot ended after " + received[0] + " of " +
                        expected[0] + " bytes");
                }
                idleStrategy.idle();
            }
        }
        ledger.decode(state, 0, received[0]);
    }

    private static String[] rejectDetails()
    {
        final String[] details = new String[256];
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL)
            {
                details[reason.value()] = reason.name();
            }
        }
        return details;
    }
}
