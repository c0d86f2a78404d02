/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerTest
{
    // Coinbase BTC-USD: price scale 2, quantity scale 8, so cash factor 1 (2 + 8 = CASH_SCALE).
    private static final int BTC = 20000;
    private static final int PORTFOLIO = 1;
    private static final int STRATEGY = 7;
    private static final long USD = Assets.pack("USD");
    private static final long ONE_BTC = 100_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long PRICE = 6_000_000L; // 60000.00

    private final RecordingLedgerListener listener = new RecordingLedgerListener();
    private final Ledger ledger = new Ledger(listener);
    private long clientOrderId;

    @BeforeEach
    void setUp()
    {
        ledger.onInstrument(0, BTC, 2, 8, USD);
        // max quantity 2 BTC, max position 3 BTC, max notional 150,000 USD, band 100 bps, 5 orders/s
        ledger.onRiskLimits(0, PORTFOLIO, Ledger.ALL_INSTRUMENTS,
            new RiskLimits().set(2 * ONE_BTC, 3 * ONE_BTC, 150_000L * 10_000_000_000L, 100, 5));
        ledger.onDeposit(0, PORTFOLIO, USD, 1_000_000L * 10_000_000_000L);
        ledger.onMark(0, BTC, PRICE);
        listener.events.clear();
    }

    private long buy(final long timeNs, final long price, final long quantity)
    {
        return ledger.onNewOrder(timeNs, ++clientOrderId, PORTFOLIO, STRATEGY, BTC, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, price, quantity);
    }

    private long sell(final long timeNs, final long price, final long quantity)
    {
        return ledger.onNewOrder(timeNs, ++clientOrderId, PORTFOLIO, STRATEGY, BTC, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, price, quantity);
    }

    private RejectReason lastReject()
    {
        return listener.rejects.get(listener.rejects.size() - 1);
    }

    @Test
    void eachRiskCheckRejectsWithItsOwnReasonCode()
    {
        assertEquals(0, ledger.onNewOrder(SECOND, 1, 99, STRATEGY, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            PRICE, ONE_BTC));
        assertEquals(RejectReason.UNKNOWN_PORTFOLIO, lastReject());
        clientOrderId = 1;

        assertEquals(0, ledger.onNewOrder(SECOND, ++clientOrderId, PORTFOLIO, STRATEGY, 4242, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, PRICE, ONE_BTC));
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, lastReject());

        assertEquals(0, buy(SECOND, PRICE, 0));
        assertEquals(RejectReason.INVALID_QUANTITY, lastReject());

        assertEquals(0, buy(SECOND, 0, ONE_BTC));
        assertEquals(RejectReason.INVALID_PRICE, lastReject());

        assertEquals(0, ledger.onNewOrder(SECOND, clientOrderId, PORTFOLIO, STRATEGY, BTC, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, PRICE, ONE_BTC));
        assertEquals(RejectReason.DUPLICATE_ORDER_ID, lastReject());

        assertEquals(0, buy(SECOND, PRICE, 2 * ONE_BTC + 1));
        assertEquals(RejectReason.MAX_ORDER_QUANTITY, lastReject());

        assertEquals(0, buy(SECOND, PRICE + PRICE / 100 + 1, ONE_BTC));
        assertEquals(RejectReason.PRICE_BAND, lastReject());
        assertEquals(0, sell(SECOND, PRICE - PRICE / 100 - 1, ONE_BTC));
        assertEquals(RejectReason.PRICE_BAND, lastReject());

        // 2 BTC at 60,000 = 120,000 is within the notional limit; lower the limit for this instrument to 100,000.
        ledger.onRiskLimits(SECOND, PORTFOLIO, BTC,
            new RiskLimits().set(2 * ONE_BTC, 3 * ONE_BTC, 100_000L * 10_000_000_000L, 100, 5));
        assertEquals(0, buy(SECOND, PRICE, 2 * ONE_BTC));
        assertEquals(RejectReason.MAX_ORDER_NOTIONAL, lastReject());

        assertTrue(buy(SECOND, PRICE, ONE_BTC) > 0);
        assertTrue(buy(SECOND, PRICE, ONE_BTC) > 0);
        assertTrue(buy(SECOND, PRICE, ONE_BTC) > 0);
        assertEquals(0, buy(SECOND, PRICE, 1), "3 BTC open to buy: one more satoshi exceeds max position");
        assertEquals(RejectReason.MAX_POSITION, lastReject());

        assertTrue(sell(SECOND, PRICE, ONE_BTC) > 0);
        assertTrue(sell(SECOND, PRICE, ONE_BTC) > 0);
        assertEquals(0, sell(SECOND, PRICE, ONE_BTC), "5 accepted in this second of cluster time");
        assertEquals(RejectReason.ORDER_RATE, lastReject());
        assertTrue(sell(2 * SECOND, PRICE, ONE_BTC) > 0, "the next second opens a new window");

        ledger.onKillSwitch(2 * SECOND, PORTFOLIO, true);
        assertEquals(0, ledger.openOrderCount(), "the kill switch cancels every open order");
        assertEquals(0, sell(3 * SECOND, PRICE, ONE_BTC));
        assertEquals(RejectReason.KILL_SWITCH, lastReject());
        ledger.onKillSwitch(3 * SECOND, PORTFOLIO, false);
        assertTrue(sell(3 * SECOND, PRICE, ONE_BTC) > 0);

        assertEquals(false, ledger.onCancelOrder(3 * SECOND, 424242, PORTFOLIO, STRATEGY));
        assertEquals(RejectReason.UNKNOWN_ORDER, lastReject());

        final Ledger noMark = new Ledger(listener);
        noMark.onInstrument(0, BTC, 2, 8, USD);
        noMark.onRiskLimits(0, PORTFOLIO, Ledger.ALL_INSTRUMENTS, new RiskLimits().set(0, 0, 0, 100, 0));
        assertEquals(0, noMark.onNewOrder(SECOND, 1, PORTFOLIO, STRATEGY, BTC, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, PRICE, ONE_BTC));
        assertEquals(RejectReason.NO_MARKET_DATA, lastReject());

        assertEquals(List.of(
            RejectReason.UNKNOWN_PORTFOLIO, RejectReason.UNKNOWN_INSTRUMENT, RejectReason.INVALID_QUANTITY,
            RejectReason.INVALID_PRICE, RejectReason.DUPLICATE_ORDER_ID, RejectReason.MAX_ORDER_QUANTITY,
            RejectReason.PRICE_BAND, RejectReason.PRICE_BAND, RejectReason.MAX_ORDER_NOTIONAL,
            RejectReason.MAX_POSITION, RejectReason.ORDER_RATE, RejectReason.KILL_SWITCH,
            RejectReason.UNKNOWN_ORDER, RejectReason.NO_MARKET_DATA), listener.rejects);
    }

    @Test
    void lifecyclePartialFillsPositionsCashAndPnl()
    {
        final long orderId = buy(SECOND, PRICE, ONE_BTC);
        listener.events.clear();

        // 0.4 BTC at 60,000.00, fee 1.00 USD; then 0.6 BTC at 59,990.00, fee 2.00 USD.
        assertTrue(ledger.onFill(SECOND, SECOND, orderId, 1, PRICE, 40_000_000, 10_000_000_000L, Liquidity.TAKER));
        assertTrue(ledger.onFill(SECOND, SECOND, orderId, 2, 5_999_000, 60_000_000, 20_000_000_000L, Liquidity.MAKER));
        assertNull(ledger.order(orderId), "filled orders leave the state");
        assertEquals(false, ledger.onFill(SECOND, SECOND, orderId, 3, PRICE, 1, 0, Liquidity.TAKER));
        assertEquals(1, ledger.unknownFills());

        final Position position = ledger.position(PORTFOLIO, BTC);
        assertEquals(ONE_BTC, position.quantity());
        // cost = 24,000 + 35,994 = 59,994 USD; cash = 1,000,000 - 59,994 - 3 = 940,003
        assertEquals(59_994L * 10_000_000_000L, position.cost());
        assertEquals(940_003L * 10_000_000_000L, ledger.balance(PORTFOLIO, USD));
        assertEquals(-3L * 10_000_000_000L, position.realizedPnl(), "fees are realized");

        ledger.onMark(2 * SECOND, BTC, 6_100_000);
        assertEquals(1_006L * 10_000_000_000L, ledger.unrealizedPnl(PORTFOLIO, BTC));
        assertTrue(listener.events.contains(
            "position 20000 100000000 realized -30000000000 unrealized 10060000000000 avg 5999400"));

        // Sell 0.25 BTC at 61,000: realized = 15,250 - 59,994/4 = 251.50 (minus no fee).
        final long sellId = sell(3 * SECOND, 6_100_000, 25_000_000);
        assertTrue(ledger.onFill(3 * SECOND, 3 * SECOND, sellId, 1, 6_100_000, 25_000_000, 0, Liquidity.TAKER));
        assertEquals((-3L + 251L) * 10_000_000_000L + 5_000_000_000L, position.realizedPnl());
        assertEquals(75_000_000, position.quantity());
    }

    @Test
    void fillsAreValidatedNotTrusted()
    {
        final long orderId = buy(SECOND, PRICE, ONE_BTC);
        assertEquals(false, ledger.onFill(SECOND, SECOND, orderId, 1, PRICE, ONE_BTC + 1, 0, Liquidity.TAKER));
        assertEquals(1, ledger.invalidFills());
        assertTrue(ledger.onFill(SECOND, SECOND, orderId, 5, PRICE, 10, 0, Liquidity.TAKER));
        assertEquals(false, ledger.onFill(SECOND, SECOND, orderId, 5, PRICE, 10, 0, Liquidity.TAKER));
        assertEquals(1, ledger.duplicateFills());
        assertTrue(ledger.onVenueCancel(SECOND, orderId, CancelReason.IOC_REMAINDER));
        assertEquals("cancelled 1 99999990 IOC_REMAINDER", listener.events.get(listener.events.size() - 1));
        assertEquals(0, ledger.position(PORTFOLIO, BTC).openBuyQuantity());
    }

    @Test
    void shortPositionsRealizeWhenCovered()
    {
        final long sellId = sell(SECOND, PRICE, ONE_BTC);
        ledger.onFill(SECOND, SECOND, sellId, 1, PRICE, ONE_BTC, 0, Liquidity.TAKER);
        final long buyId = buy(SECOND, 5_950_000, 2 * ONE_BTC);
        ledger.onFill(SECOND, SECOND, buyId, 1, 5_950_000, 2 * ONE_BTC, 0, Liquidity.TAKER);
        final Position position = ledger.position(PORTFOLIO, BTC);
        assertEquals(500L * 10_000_000_000L, position.realizedPnl(), "short 1 at 60,000 covered at 59,500");
        assertEquals(ONE_BTC, position.quantity(), "flipped to long 1");
        assertEquals(59_500L * 10_000_000_000L, position.cost());
    }

    @Test
    void positionsAndBalancesMayReturnToZero()
    {
        final long buyId = buy(SECOND, PRICE, ONE_BTC);
        ledger.onFill(SECOND, SECOND, buyId, 1, PRICE, ONE_BTC, 0, Liquidity.TAKER);
        final long sellId = sell(SECOND, PRICE, ONE_BTC);
        ledger.onFill(SECOND, SECOND, sellId, 1, PRICE, ONE_BTC, 0, Liquidity.TAKER);
        assertEquals(0, ledger.position(PORTFOLIO, BTC).quantity());
        ledger.onDeposit(SECOND, PORTFOLIO, USD, -ledger.balance(PORTFOLIO, USD));
        assertEquals(0, ledger.balance(PORTFOLIO, USD));
    }

    @Test
    void instrumentsWhoseCashDoesNotFitAreRefused()
    {
        assertEquals(false, ledger.onInstrument(0, 4, 7, 8, USD));
        assertEquals(1, ledger.refusedInstruments());
    }

    @Test
    void closedOrdersAreReusedSoSteadyTradingCreatesNoOrderObjects()
    {
        final long first = buy(SECOND, PRICE, ONE_BTC);
        final long firstClientId = clientOrderId;
        assertTrue(ledger.onCancelOrder(SECOND, firstClientId, PORTFOLIO, STRATEGY));
        assertEquals("cancelled " + firstClientId + " " + ONE_BTC + " REQUESTED",
            listener.events.get(listener.events.size() - 1), "reported before the order object is reused");

        for (int i = 2; i <= 200; i++)
        {
            final long timeNs = i * SECOND;
            // Filled orders alternate buy and sell so the position stays within its limit.
            final long orderId = 3 == (i & 3) ? sell(timeNs, PRICE + i, ONE_BTC / 2) : buy(timeNs, PRICE + i,
                ONE_BTC / 2);
            final Order order = ledger.order(orderId);
            assertEquals(clientOrderId, order.clientOrderId());
            assertEquals(PRICE + i, order.price());
            assertEquals(0, order.filledQuantity(), "a reused order starts unfilled");
            if (0 == (i & 1))
            {
                assertTrue(ledger.onCancelOrder(timeNs, clientOrderId, PORTFOLIO, STRATEGY));
            }
            else
            {
                ledger.onFill(timeNs, timeNs, orderId, 1, PRICE + i, ONE_BTC / 4, 0, Liquidity.MAKER);
                ledger.onFill(timeNs, timeNs, orderId, 2, PRICE + i, ONE_BTC / 4, 0, Liquidity.MAKER);
            }
            assertNull(ledger.order(orderId), "closed");
        }
        assertNull(ledger.order(first));
        assertEquals(0, ledger.openOrderCount());
        assertEquals(1, ledger.ordersCreated(), "every later order reused the closed one");
    }

    @Test
    void snapshotRoundTripGivesTheSameStateHash()
    {
        buy(SECOND, PRICE, ONE_BTC);
        final long sellId = sell(SECOND, PRICE, ONE_BTC / 2);
        ledger.onFill(SECOND, SECOND, sellId, 1, PRICE, ONE_BTC / 4, 100, Liquidity.MAKER);
        ledger.onMark(SECOND, BTC, PRICE + 1);

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = ledger.encode(buffer);
        final Ledger restored = new Ledger(new RecordingLedgerListener());
        restored.decode(buffer, 0, length);
        assertEquals(ledger.stateHash(), restored.stateHash());

        // The restored ledger behaves the same: same next order id, same duplicate detection.
        final long a = buy(2 * SECOND, PRICE, 1);
        final long b = restored.onNewOrder(2 * SECOND, clientOrderId, PORTFOLIO, STRATEGY, BTC, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, PRICE, 1);
        assertEquals(a, b);
        assertEquals(ledger.stateHash(), restored.stateHash());
        restored.onMark(3 * SECOND, BTC, PRICE + 2);
        assertNotEquals(ledger.stateHash(), restored.stateHash());
    }

    @Test
    void reportsAreNumberedPerStrategyAndReplayedAsAnnouncedAlsoAfterASnapshot()
    {
        final long first = buy(SECOND, PRICE, ONE_BTC);
        ledger.onFill(SECOND, SECOND + 5, first, 1, PRICE, ONE_BTC / 4, 100, Liquidity.TAKER);
        ledger.onFill(SECOND, SECOND + 6, first, 2, PRICE, 3 * ONE_BTC / 4, 300, Liquidity.MAKER); // closes it
        // The resend of an order the ledger already accepted and closed: DUPLICATE_ORDER_ID, numbered too.
        ledger.onNewOrder(2 * SECOND, clientOrderId, PORTFOLIO, STRATEGY, BTC, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, PRICE, ONE_BTC);
        final long second = sell(2 * SECOND, PRICE, ONE_BTC);
        ledger.onCancelOrder(3 * SECOND, clientOrderId, PORTFOLIO, STRATEGY);
        ledger.onNewOrder(3 * SECOND, 1, PORTFOLIO, 8, BTC, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, PRICE, 1);

        assertEquals(6, ledger.lastReportSequence(STRATEGY));
        assertEquals(1, ledger.lastReportSequence(8));
        assertEquals(1, ledger.oldestReportSequence(STRATEGY));

        final List<String> replayed = replay(ledger, 2);
        assertEquals(List.of(
            "2 fill " + first + " 25000000@6000000 leaves 75000000 fee 100 TAKER t " + (SECOND + 5),
            "3 fill " + first + " 75000000@6000000 leaves 0 fee 300 MAKER t " + (SECOND + 6),
            "4 rejected " + (clientOrderId - 1) + " DUPLICATE_ORDER_ID",
            "5 accepted " + second + " cid " + clientOrderId + " SELL GTC 100000000@6000000",
            "6 cancelled " + second + " 100000000 REQUESTED"), replayed);

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = ledger.encode(buffer);
        final Ledger restored = new Ledger(new RecordingLedgerListener());
        restored.decode(buffer, 0, length);
        assertEquals(ledger.stateHash(), restored.stateHash());
        assertEquals(replay(ledger, 1), replay(restored, 1));

        // Numbering goes on after the restore, the same on both.
        ledger.onCancelOrder(4 * SECOND, 999, PORTFOLIO, STRATEGY);
        restored.onCancelOrder(4 * SECOND, 999, PORTFOLIO, STRATEGY);
        assertEquals(7, restored.lastReportSequence(STRATEGY));
        assertEquals(ledger.stateHash(), restored.stateHash());
    }

    @Test
    void reportHistoryKeepsTheLastReportsOnly()
    {
        final int total = ReportHistory.CAPACITY + 100;
        for (int i = 0; i < total; i++)
        {
            ledger.onCancelOrder(SECOND, 1_000_000 + i, PORTFOLIO, STRATEGY);
        }
        assertEquals(total, ledger.lastReportSequence(STRATEGY));
        assertEquals(101, ledger.oldestReportSequence(STRATEGY));
        final List<String> replayed = replay(ledger, 1);
        assertEquals(ReportHistory.CAPACITY, replayed.size());
        assertEquals("101 rejected 1000100 UNKNOWN_ORDER", replayed.get(0));
        assertEquals(total + " rejected " + (1_000_000 + total - 1) + " UNKNOWN_ORDER",
            replayed.get(replayed.size() - 1));

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final Ledger restored = new Ledger(new RecordingLedgerListener());
        restored.decode(buffer, 0, ledger.encode(buffer));
        assertEquals(ledger.stateHash(), restored.stateHash());
        assertEquals(replayed, replay(restored, 1));
    }

    private static List<String> replay(final Ledger ledger, final long fromSequence)
    {
        final List<String> out = new java.util.ArrayList<>();
        ledger.replayReports(STRATEGY, fromSequence, new LedgerReportHandler()
        {
            public void onOrderAccepted(
                final long sequence, final long timeNs, final long orderId, final long clientOrderId,
                final int portfolioId, final int strategyId, final int instrumentId, final Side side,
                final OrderType orderType, final TimeInForce timeInForce, final long price, final long quantity)
            {
                out.add(sequence + " accepted " + orderId + " cid " + clientOrderId + " " + side + " " + timeInForce +
                    " " + quantity + "@" + price);
            }

            public void onOrderRejected(
                final long sequence, final long timeNs, final long clientOrderId, final int portfolioId,
                final int strategyId, final int instrumentId, final RejectReason reason)
            {
                out.add(sequence + " rejected " + clientOrderId + " " + reason);
            }

            public void onFill(
                final long sequence, final long timeNs, final long orderId, final long clientOrderId,
                final long fillId, final long price, final long quantity, final long leavesQuantity,
                final long feeMantissa, final int portfolioId, final int strategyId, final int instrumentId,
                final Side side, final Liquidity liquidity)
            {
                out.add(sequence + " fill " + orderId + " " + quantity + "@" + price + " leaves " + leavesQuantity +
                    " fee " + feeMantissa + " " + liquidity + " t " + timeNs);
            }

            public void onOrderCancelled(
                final long sequence, final long timeNs, final long orderId, final long clientOrderId,
                final long cancelledQuantity, final int portfolioId, final int strategyId, final int instrumentId,
                final CancelReason reason)
            {
                out.add(sequence + " cancelled " + orderId + " " + cancelledQuantity + " " + reason);
            }
        });
        return out;
    }
}
