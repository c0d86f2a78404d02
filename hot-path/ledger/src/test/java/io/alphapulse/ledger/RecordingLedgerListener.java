/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.RejectReason;

import java.util.ArrayList;
import java.util.List;

/**
 * Records ledger events as text lines.
 */
final class RecordingLedgerListener implements LedgerListener
{
    final List<String> events = new ArrayList<>();
    final List<RejectReason> rejects = new ArrayList<>();

    public void onOrderAccepted(final long timeNs, final Order order, final long sequence)
    {
        events.add("accepted " + order.clientOrderId() + " id " + order.orderId());
    }

    public void onOrderRejected(
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final RejectReason reason,
        final long sequence)
    {
        rejects.add(reason);
        events.add("rejected " + clientOrderId + " " + reason);
    }

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
        events.add("fill " + order.clientOrderId() + " " + quantity + "@" + price + " leaves " +
            order.leavesQuantity());
    }

    public void onOrderCancelled(
        final long timeNs, final Order order, final long cancelledQuantity, final CancelReason reason,
        final long sequence)
    {
        events.add("cancelled " + order.clientOrderId() + " " + cancelledQuantity + " " + reason);
    }

    public void onPosition(
        final long timeNs, final Position position, final long unrealizedPnl, final long averagePrice)
    {
        events.add("position " + position.instrumentId() + " " + position.quantity() + " realized " +
            position.realizedPnl() + " unrealized " + unrealizedPnl + " avg " + averagePrice);
    }

    public void onBalance(final long timeNs, final int portfolioId, final long asset, final long balance)
    {
        events.add("balance " + Assets.toString(asset) + " " + balance);
    }
}
