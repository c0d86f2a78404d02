/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.alphapulse.schemas.trading.BalanceUpdateDecoder;
import io.alphapulse.schemas.trading.FillDecoder;
import io.alphapulse.schemas.trading.MessageHeaderDecoder;
import io.alphapulse.schemas.trading.OpenOrderDecoder;
import io.alphapulse.schemas.trading.OrderAcceptedDecoder;
import io.alphapulse.schemas.trading.OrderCancelledDecoder;
import io.alphapulse.schemas.trading.OrderRejectedDecoder;
import io.alphapulse.schemas.trading.PositionUpdateDecoder;
import io.alphapulse.schemas.trading.ResyncDoneDecoder;
import org.agrona.DirectBuffer;

/**
 * Decodes the ledger's SBE egress into {@link LedgerEventHandler} calls. Messages of another schema or template are
 * counted and skipped. Decoders are built once; nothing is allocated per message.
 * <p>
 * Each execution report is first offered to {@link LedgerEventHandler#onReportSequence}, which may drop it (a repeat
 * or a report beyond a gap); a report from a version 0 ledger has sequence 0.
 */
public final class LedgerEgressAdapter implements EgressListener
{
    private static final LedgerEventHandler NO_HANDLER = new LedgerEventHandler()
    {
    };

    private LedgerEventHandler handler;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final PositionUpdateDecoder position = new PositionUpdateDecoder();
    private final BalanceUpdateDecoder balance = new BalanceUpdateDecoder();
    private final OpenOrderDecoder openOrder = new OpenOrderDecoder();
    private final ResyncDoneDecoder resyncDone = new ResyncDoneDecoder();
    private long skipped;

    /**
     * Decode into a handler.
     *
     * @param handler receives events.
     */
    public LedgerEgressAdapter(final LedgerEventHandler handler)
    {
        this.handler = handler;
    }

    /**
     * Decode into nothing until {@link #handler(LedgerEventHandler)} is set: for a handler that exists only after the
     * client has connected (an agent built on the connected client). Events before then are dropped.
     */
    public LedgerEgressAdapter()
    {
        this(NO_HANDLER);
    }

    /**
     * Set the handler; call it on the thread that polls the egress, or before that thread starts.
     *
     * @param handler receives events from now on.
     * @return this.
     */
    public LedgerEgressAdapter handler(final LedgerEventHandler handler)
    {
        this.handler = handler;
        return this;
    }

    /**
     * Messages skipped (other schema, unknown template, too short).
     *
     * @return count.
     */
    public long skipped()
    {
        return skipped;
    }

    /**
     * {@inheritDoc}
     */
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header h)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            skipped++;
            return;
        }
        header.wrap(buffer, offset);
        final int blockLength = header.blockLength();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            MessageHeaderDecoder.ENCODED_LENGTH + blockLength > length)
        {
            skipped++;
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
            {
                final OrderAcceptedDecoder d = accepted.wrap(buffer, body, blockLength, version);
                if (!handler.onReportSequence(d.strategyId(), sequence(d.sequence())))
                {
                    return;
                }
                handler.onOrderAccepted(d.timestampNs(), d.orderId(), d.clientOrderId(), d.portfolioId(),
                    d.strategyId(), d.instrumentId(), d.side(), d.orderType(), d.timeInForce(), d.price(),
                    d.quantity());
            }
            case OrderRejectedDecoder.TEMPLATE_ID ->
            {
                final OrderRejectedDecoder d = rejected.wrap(buffer, body, blockLength, version);
                if (!handler.onReportSequence(d.strategyId(), sequence(d.sequence())))
                {
                    return;
                }
                handler.onOrderRejected(d.timestampNs(), d.clientOrderId(), d.portfolioId(), d.strategyId(),
                    d.instrumentId(), d.reason());
            }
            case FillDecoder.TEMPLATE_ID ->
            {
                final FillDecoder d = fill.wrap(buffer, body, blockLength, version);
                if (!handler.onReportSequence(d.strategyId(), sequence(d.sequence())))
                {
                    return;
                }
                handler.onFill(d.timestampNs(), d.orderId(), d.clientOrderId(), d.fillId(), d.price(), d.quantity(),
                    d.leavesQuantity(), d.fee().mantissa(), d.fee().exponent(), d.portfolioId(), d.strategyId(),
                    d.instrumentId(), d.side(), d.liquidity());
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                final OrderCancelledDecoder d = cancelled.wrap(buffer, body, blockLength, version);
                if (!handler.onReportSequence(d.strategyId(), sequence(d.sequence())))
                {
                    return;
                }
                handler.onOrderCancelled(d.timestampNs(), d.orderId(), d.clientOrderId(), d.cancelledQuantity(),
                    d.portfolioId(), d.strategyId(), d.instrumentId(), d.reason());
            }
            case PositionUpdateDecoder.TEMPLATE_ID ->
            {
                final PositionUpdateDecoder d = position.wrap(buffer, body, blockLength, version);
                handler.onPosition(d.timestampNs(), d.portfolioId(), d.instrumentId(), d.position(),
                    d.averagePrice().mantissa(), d.realizedPnl().mantissa(), d.unrealizedPnl().mantissa(),
                    d.realizedPnl().exponent());
            }
            case BalanceUpdateDecoder.TEMPLATE_ID ->
            {
                final BalanceUpdateDecoder d = balance.wrap(buffer, body, blockLength, version);
                long asset = 0;
                for (int i = 0; i < Assets.LENGTH; i++)
                {
                    asset = Assets.withByte(asset, i, d.asset(i));
                }
                handler.onBalance(d.timestampNs(), d.portfolioId(), asset, d.balance().mantissa(),
                    d.balance().exponent());
            }
            case OpenOrderDecoder.TEMPLATE_ID ->
            {
                final OpenOrderDecoder d = openOrder.wrap(buffer, body, blockLength, version);
                handler.onOpenOrder(d.requestId(), d.timestampNs(), d.orderId(), d.clientOrderId(), d.portfolioId(),
                    d.strategyId(), d.instrumentId(), d.side(), d.orderType(), d.timeInForce(), d.price(),
                    d.quantity(), d.filledQuantity(), d.lastFillId());
            }
            case ResyncDoneDecoder.TEMPLATE_ID ->
            {
                final ResyncDoneDecoder d = resyncDone.wrap(buffer, body, blockLength, version);
                handler.onResyncDone(d.requestId(), d.strategyId(), d.fromSequence(), d.lastSequence(),
                    d.oldestSequence(), d.lastOrderId(), d.openOrderCount());
            }
            default -> skipped++;
        }
    }

    private static long sequence(final long value)
    {
        return value < 0 ? 0 : value;
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeader(
        final long clusterSessionId,
        final long leadershipTermId,
        final int leaderMemberId,
        final String ingressEndpoints)
    {
        handler.onNewLeader(leaderMemberId);
    }
}
