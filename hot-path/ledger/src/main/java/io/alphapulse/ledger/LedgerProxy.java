/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.BooleanType;
import io.alphapulse.schemas.trading.CancelOrderEncoder;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.DepositEncoder;
import io.alphapulse.schemas.trading.FillEncoder;
import io.alphapulse.schemas.trading.InstrumentScalesEncoder;
import io.alphapulse.schemas.trading.KillSwitchEncoder;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.MarkPriceEncoder;
import io.alphapulse.schemas.trading.MessageHeaderEncoder;
import io.alphapulse.schemas.trading.NewOrderEncoder;
import io.alphapulse.schemas.trading.OrderCancelledEncoder;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.ResyncRequestEncoder;
import io.alphapulse.schemas.trading.RiskLimitsEncoder;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes ledger requests as SBE and sends them through a {@link LedgerClient}. Encoders and the buffer are built
 * once; nothing is allocated per message. Not thread-safe.
 */
public final class LedgerProxy
{
    private final LedgerClient client;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final MarkPriceEncoder markPrice = new MarkPriceEncoder();
    private final RiskLimitsEncoder riskLimits = new RiskLimitsEncoder();
    private final KillSwitchEncoder killSwitch = new KillSwitchEncoder();
    private final InstrumentScalesEncoder instrumentScales = new InstrumentScalesEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final ResyncRequestEncoder resyncRequest = new ResyncRequestEncoder();

    /**
     * Send through a client.
     *
     * @param client connected client.
     */
    public LedgerProxy(final LedgerClient client)
    {
        this.client = client;
    }

    /**
     * The client.
     *
     * @return the client.
     */
    public LedgerClient client()
    {
        return client;
    }

    /**
     * A new order.
     *
     * @param timeNs        sender time.
     * @param clientOrderId increasing per strategy.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param orderType     type.
     * @param timeInForce   time in force.
     * @param price         limit price mantissa.
     * @param quantity      quantity mantissa.
     * @return true when sent.
     */
    public boolean newOrder(
        final long timeNs,
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
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .clientOrderId(clientOrderId)
            .price(price)
            .quantity(quantity)
            .portfolioId(portfolioId)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .side(side)
            .orderType(orderType)
            .timeInForce(timeInForce);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    /**
     * Ask the ledger what this client may have missed (on a new session, a new leader, or a gap in the report
     * sequence): the strategy's reports from a sequence on and, when asked, every open order; answered to this
     * session only, ending with {@code ResyncDone}.
     *
     * @param timeNs       sender time.
     * @param requestId    echoed in the answer.
     * @param strategyId   strategy whose reports are wanted, 0 for none.
     * @param fromSequence first report sequence wanted, 0 for none.
     * @param openOrders   true to list every open order.
     * @return true when sent.
     */
    public boolean resyncRequest(
        final long timeNs, final long requestId, final int strategyId, final long fromSequence, final boolean openOrders)
    {
        resyncRequest.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .requestId(requestId)
            .fromSequence(fromSequence)
            .strategyId(strategyId)
            .openOrders(openOrders ? BooleanType.TRUE : BooleanType.FALSE);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + resyncRequest.encodedLength());
    }

    /**
     * Cancel an order.
     *
     * @param timeNs        sender time.
     * @param clientOrderId the order.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @return true when sent.
     */
    public boolean cancelOrder(final long timeNs, final long clientOrderId, final int portfolioId, final int strategyId)
    {
        cancelOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .clientOrderId(clientOrderId)
            .portfolioId(portfolioId)
            .strategyId(strategyId);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelOrder.encodedLength());
    }

    /**
     * A venue report: a fill.
     *
     * @param timeNs         venue time of the execution.
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param fillId         increasing per order.
     * @param price          execution price.
     * @param quantity       executed quantity.
     * @param leavesQuantity open after the fill, as the venue sees it.
     * @param feeMantissa    fee mantissa.
     * @param feeExponent    fee exponent.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           side of the order.
     * @param liquidity      maker or taker.
     * @return true when sent.
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
        fill.wrapAndApplyHeader(buffer, 0, header)
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
            .liquidity(liquidity)
            .sequence(0);
        fill.fee().mantissa(feeMantissa).exponent((byte)feeExponent);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength());
    }

    /**
     * A venue report: an order's remainder will not fill.
     *
     * @param timeNs            venue time.
     * @param orderId           ledger order id.
     * @param clientOrderId     sender's id.
     * @param cancelledQuantity quantity not filled.
     * @param portfolioId       portfolio.
     * @param strategyId        strategy.
     * @param instrumentId      instrument.
     * @param reason            why.
     * @return true when sent.
     */
    public boolean venueCancel(
        final long timeNs,
        final long orderId,
        final long clientOrderId,
        final long cancelledQuantity,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final CancelReason reason)
    {
        orderCancelled.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .orderId(orderId)
            .clientOrderId(clientOrderId)
            .cancelledQuantity(cancelledQuantity)
            .portfolioId(portfolioId)
            .strategyId(strategyId)
            .instrumentId(instrumentId)
            .reason(reason)
            .sequence(0);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + orderCancelled.encodedLength());
    }

    /**
     * A mark (last trade).
     *
     * @param timeNs       time of the trade.
     * @param instrumentId instrument.
     * @param price        price mantissa.
     * @return true when sent.
     */
    public boolean mark(final long timeNs, final int instrumentId, final long price)
    {
        markPrice.wrapAndApplyHeader(buffer, 0, header).timestampNs(timeNs).price(price).instrumentId(instrumentId);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + markPrice.encodedLength());
    }

    /**
     * Risk limits of a portfolio (or one instrument in it). Zero means no limit.
     *
     * @param timeNs             time set.
     * @param portfolioId        portfolio.
     * @param instrumentId       instrument, or {@link Ledger#ALL_INSTRUMENTS}.
     * @param maxOrderQuantity   mantissa at the quantity scale.
     * @param maxPosition        mantissa at the quantity scale.
     * @param maxOrderNotional   at {@link Ledger#CASH_SCALE}.
     * @param priceBandBps       basis points.
     * @param maxOrdersPerSecond per strategy.
     * @return true when sent.
     */
    public boolean riskLimits(
        final long timeNs,
        final int portfolioId,
        final int instrumentId,
        final long maxOrderQuantity,
        final long maxPosition,
        final long maxOrderNotional,
        final long priceBandBps,
        final long maxOrdersPerSecond)
    {
        riskLimits.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .maxOrderQuantity(maxOrderQuantity)
            .maxPosition(maxPosition)
            .priceBandBps(priceBandBps)
            .maxOrdersPerSecond(maxOrdersPerSecond)
            .portfolioId(portfolioId)
            .instrumentId(instrumentId == Ledger.ALL_INSTRUMENTS ?
                RiskLimitsEncoder.instrumentIdNullValue() : instrumentId);
        riskLimits.maxOrderNotional().mantissa(maxOrderNotional).exponent((byte)-Ledger.CASH_SCALE);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + riskLimits.encodedLength());
    }

    /**
     * Kill switch.
     *
     * @param timeNs      time set.
     * @param portfolioId portfolio, or {@link Ledger#ALL_PORTFOLIOS}.
     * @param active      true stops trading.
     * @param reason      why.
     * @return true when sent.
     */
    public boolean killSwitch(final long timeNs, final int portfolioId, final boolean active, final String reason)
    {
        killSwitch.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .portfolioId(portfolioId)
            .active(active ? BooleanType.TRUE : BooleanType.FALSE)
            .reason(reason);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + killSwitch.encodedLength());
    }

    /**
     * Register an instrument.
     *
     * @param timeNs        time.
     * @param instrumentId  instrument.
     * @param priceScale    price scale.
     * @param quantityScale quantity scale.
     * @param quoteAsset    quote asset code, e.g. USD.
     * @return true when sent.
     */
    public boolean instrument(
        final long timeNs, final int instrumentId, final int priceScale, final int quantityScale,
        final String quoteAsset)
    {
        instrumentScales.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timeNs)
            .instrumentId(instrumentId)
            .priceScale((short)priceScale)
            .quantityScale((short)quantityScale)
            .quoteAsset(quoteAsset);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + instrumentScales.encodedLength());
    }

    /**
     * Pay cash into a portfolio.
     *
     * @param timeNs      time.
     * @param portfolioId portfolio.
     * @param asset       asset code.
     * @param amount      amount at {@link Ledger#CASH_SCALE}.
     * @return true when sent.
     */
    public boolean deposit(final long timeNs, final int portfolioId, final String asset, final long amount)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header).timestampNs(timeNs).portfolioId(portfolioId).asset(asset);
        deposit.amount().mantissa(amount).exponent((byte)-Ledger.CASH_SCALE);
        return client.offer(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength());
    }
}
