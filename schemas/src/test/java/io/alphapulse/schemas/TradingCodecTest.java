/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.schemas;

import io.alphapulse.schemas.trading.BalanceUpdateDecoder;
import io.alphapulse.schemas.trading.BalanceUpdateEncoder;
import io.alphapulse.schemas.trading.BooleanType;
import io.alphapulse.schemas.trading.CancelOrderDecoder;
import io.alphapulse.schemas.trading.CancelOrderEncoder;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.FillDecoder;
import io.alphapulse.schemas.trading.FillEncoder;
import io.alphapulse.schemas.trading.KillSwitchDecoder;
import io.alphapulse.schemas.trading.KillSwitchEncoder;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.MarkPriceDecoder;
import io.alphapulse.schemas.trading.MarkPriceEncoder;
import io.alphapulse.schemas.trading.MessageHeaderDecoder;
import io.alphapulse.schemas.trading.MessageHeaderEncoder;
import io.alphapulse.schemas.trading.NewOrderDecoder;
import io.alphapulse.schemas.trading.NewOrderEncoder;
import io.alphapulse.schemas.trading.OrderAcceptedDecoder;
import io.alphapulse.schemas.trading.OrderAcceptedEncoder;
import io.alphapulse.schemas.trading.OrderCancelledDecoder;
import io.alphapulse.schemas.trading.OrderCancelledEncoder;
import io.alphapulse.schemas.trading.OrderRejectedDecoder;
import io.alphapulse.schemas.trading.OrderRejectedEncoder;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.PositionUpdateDecoder;
import io.alphapulse.schemas.trading.PositionUpdateEncoder;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.RiskLimitsDecoder;
import io.alphapulse.schemas.trading.RiskLimitsEncoder;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TradingCodecTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void ordersShouldRoundTrip()
    {
        new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).clientOrderId(2).price(3)
            .quantity(4).portfolioId(5).strategyId(6).instrumentId(7).side(Side.SELL).orderType(OrderType.MARKET)
            .timeInForce(TimeInForce.IOC);
        final NewOrderDecoder newOrder = new NewOrderDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("1 2 3 4 5 6 7 SELL MARKET IOC", newOrder.timestampNs() + " " + newOrder.clientOrderId() + " " +
            newOrder.price() + " " + newOrder.quantity() + " " + newOrder.portfolioId() + " " +
            newOrder.strategyId() + " " + newOrder.instrumentId() + " " + newOrder.side() + " " +
            newOrder.orderType() + " " + newOrder.timeInForce());

        new CancelOrderEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).clientOrderId(2)
            .portfolioId(3).strategyId(4);
        final CancelOrderDecoder cancel = new CancelOrderDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("1 2 3 4", cancel.timestampNs() + " " + cancel.clientOrderId() + " " + cancel.portfolioId() +
            " " + cancel.strategyId());

        new OrderAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).orderId(2).clientOrderId(3)
            .price(4).quantity(5).portfolioId(6).strategyId(7).instrumentId(8).side(Side.BUY)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);
        final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("1 2 3 4 5 6 7 8 BUY LIMIT GTC", accepted.timestampNs() + " " + accepted.orderId() + " " +
            accepted.clientOrderId() + " " + accepted.price() + " " + accepted.quantity() + " " +
            accepted.portfolioId() + " " + accepted.strategyId() + " " + accepted.instrumentId() + " " +
            accepted.side() + " " + accepted.orderType() + " " + accepted.timeInForce());

        new OrderRejectedEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).clientOrderId(2)
            .portfolioId(3).strategyId(4).instrumentId(5).reason(RejectReason.PRICE_BAND)
            .detail("price 70000 outside 5% band around 65083.67");
        final OrderRejectedDecoder rejected = new OrderRejectedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(RejectReason.PRICE_BAND, rejected.reason());
        assertEquals(5, rejected.instrumentId());
        assertEquals("price 70000 outside 5% band around 65083.67", rejected.detail());

        new OrderCancelledEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).orderId(2).clientOrderId(3)
            .cancelledQuantity(4).portfolioId(5).strategyId(6).instrumentId(7).reason(CancelReason.IOC_REMAINDER);
        final OrderCancelledDecoder cancelled =
            new OrderCancelledDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("2 3 4 7 IOC_REMAINDER", cancelled.orderId() + " " + cancelled.clientOrderId() + " " +
            cancelled.cancelledQuantity() + " " + cancelled.instrumentId() + " " + cancelled.reason());
    }

    @Test
    void executionAndPortfolioStateShouldRoundTrip()
    {
        final FillEncoder fillEncoder = new FillEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1)
            .orderId(2).clientOrderId(3).fillId(4).price(5).quantity(6).leavesQuantity(7).portfolioId(9)
            .strategyId(10).instrumentId(11).side(Side.BUY).liquidity(Liquidity.TAKER);
        fillEncoder.fee().mantissa(-125).exponent((byte)-4);
        final FillDecoder fill = new FillDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("2 3 4 5 6 7 -125e-4 TAKER", fill.orderId() + " " + fill.clientOrderId() + " " + fill.fillId() +
            " " + fill.price() + " " + fill.quantity() + " " + fill.leavesQuantity() + " " + fill.fee().mantissa() +
            "e" + fill.fee().exponent() + " " + fill.liquidity());

        final PositionUpdateEncoder positionEncoder = new PositionUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).position(-300).portfolioId(2).instrumentId(3);
        positionEncoder.averagePrice().mantissa(6508367).exponent((byte)-2);
        positionEncoder.realizedPnl().mantissa(12).exponent((byte)0);
        positionEncoder.unrealizedPnl().mantissa(-5).exponent((byte)-1);
        final PositionUpdateDecoder position = new PositionUpdateDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(-300, position.position());
        assertEquals(6508367, position.averagePrice().mantissa());
        assertEquals(-2, position.averagePrice().exponent());
        assertEquals(12, position.realizedPnl().mantissa());
        assertEquals(-5, position.unrealizedPnl().mantissa());

        final BalanceUpdateEncoder balanceEncoder = new BalanceUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).portfolioId(2).asset("USD");
        balanceEncoder.balance().mantissa(100_000_00).exponent((byte)-2);
        final BalanceUpdateDecoder balance = new BalanceUpdateDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("USD", balance.asset());
        assertEquals(100_000_00, balance.balance().mantissa());

        new MarkPriceEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).price(2).instrumentId(3);
        final MarkPriceDecoder mark = new MarkPriceDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("1 2 3", mark.timestampNs() + " " + mark.price() + " " + mark.instrumentId());

        final RiskLimitsEncoder limitsEncoder = new RiskLimitsEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).maxOrderQuantity(2).maxPosition(3).priceBandBps(500).maxOrdersPerSecond(50)
            .portfolioId(4).instrumentId(RiskLimitsEncoder.instrumentIdNullValue());
        limitsEncoder.maxOrderNotional().mantissa(1_000_000).exponent((byte)0);
        final RiskLimitsDecoder limits = new RiskLimitsDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals("2 3 1000000 500 50 4", limits.maxOrderQuantity() + " " + limits.maxPosition() + " " +
            limits.maxOrderNotional().mantissa() + " " + limits.priceBandBps() + " " + limits.maxOrdersPerSecond() +
            " " + limits.portfolioId());
        assertEquals(RiskLimitsDecoder.instrumentIdNullValue(), limits.instrumentId());

        new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header).timestampNs(1).portfolioId(0)
            .active(BooleanType.TRUE).reason("operator");
        final KillSwitchDecoder kill = new KillSwitchDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder);
        assertEquals(BooleanType.TRUE, kill.active());
        assertEquals("operator", kill.reason());
    }
}
