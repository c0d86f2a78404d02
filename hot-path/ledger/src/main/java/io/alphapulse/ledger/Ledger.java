/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.ledger;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.RejectReason;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The order and portfolio ledger: order lifecycle, pre-trade risk, positions, cash and PnL. No Aeron types: the
 * cluster service feeds it the log's messages with the cluster's time, so every node computes the same state from
 * the same log, and {@link #stateHash()} proves it.
 * <p>
 * Lifecycle: {@code new -> accepted | rejected(reason) -> partially filled -> filled | cancelled}. Closed orders
 * leave the state (their history is the egress stream); client order ids must increase per strategy, which makes
 * duplicate detection exact with one number per strategy instead of a set that grows forever. A resent order that is
 * still open is acknowledged again (clients resend what was in flight when the leader changed: its acknowledgement
 * may have been lost with the old leader, while the order itself was committed).
 * <p>
 * Money: prices and quantities are mantissas at the instrument's scales; cash (balances, notional, fees, PnL) is a
 * mantissa at {@link #CASH_SCALE} decimal places, so {@code price * quantity} converts exactly when the instrument's
 * two scales add up to at most {@link #CASH_SCALE}; other instruments are refused at registration. Realized PnL uses
 * the average-cost method; releasing cost on a partial close is the one division, truncated toward zero, the same
 * on every node.
 * <p>
 * Not thread-safe: the cluster service thread only.
 */
public final class Ledger
{
    /**
     * Decimal places of cash amounts.
     */
    public static final int CASH_SCALE = 10;

    /**
     * Portfolio id meaning "every portfolio" in a kill switch.
     */
    public static final int ALL_PORTFOLIOS = 0;

    /**
     * Instrument id meaning "the portfolio's default" in risk limits.
     */
    public static final int ALL_INSTRUMENTS = -1;

    private static final int SNAPSHOT_MAGIC = 0x4C454447;
    private static final int SNAPSHOT_VERSION = 2;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long BPS = 10_000L;

    private final LedgerListener listener;
    private final Int2ObjectHashMap<Instrument> instruments = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Portfolio> portfolios = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<StrategyState> strategies = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<Order> orders = new Long2ObjectHashMap<>();
    // Closed orders are reused for new ones: the order path allocates nothing once the pool has grown.
    private final OrderPool orderPool = new OrderPool();
    private final ArrayList<Order> scratchOrders = new ArrayList<>();
    private long nextOrderId = 1;
    private boolean globalKillSwitch;

    private long unknownFills;
    private long invalidFills;
    private long duplicateFills;
    private long refusedInstruments;

    /**
     * Create an empty ledger.
     *
     * @param listener receives every state change.
     */
    public Ledger(final LedgerListener listener)
    {
        this.listener = listener;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Configuration messages
    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Register (or re-register) an instrument.
     *
     * @param timeNs        ledger time.
     * @param instrumentId  instrument.
     * @param priceScale    decimal places of prices.
     * @param quantityScale decimal places of quantities.
     * @param quoteAsset    packed quote asset.
     * @return false when refused: scales adding up to more than {@link #CASH_SCALE} (counted).
     */
    public boolean onInstrument(
        final long timeNs, final int instrumentId, final int priceScale, final int quantityScale, final long quoteAsset)
    {
        if (priceScale < 0 || quantityScale < 0 || priceScale + quantityScale > CASH_SCALE)
        {
            refusedInstruments++;
            return false;
        }
        Instrument instrument = instruments.get(instrumentId);
        if (null == instrument)
        {
            instrument = new Instrument(instrumentId);
            instruments.put(instrumentId, instrument);
        }
        instrument.priceScale = priceScale;
        instrument.quantityScale = quantityScale;
        instrument.quoteAsset = quoteAsset;
        instrument.cashFactor = DecimalCodec.pow10(CASH_SCALE - priceScale - quantityScale);
        return true;
    }

    /**
     * Set a portfolio's limits (creating the portfolio), for all its instruments or one.
     *
     * @param timeNs       ledger time.
     * @param portfolioId  portfolio.
     * @param instrumentId instrument, or {@link #ALL_INSTRUMENTS} for the portfolio's default.
     * @param limits       the limits (copied).
     */
    public void onRiskLimits(final long timeNs, final int portfolioId, final int instrumentId, final RiskLimits limits)
    {
        final Portfolio portfolio = portfolioOrCreate(portfolioId);
        RiskLimits target = instrumentId == ALL_INSTRUMENTS ? portfolio.limits : portfolio.instrumentLimits.get(
            instrumentId);
        if (null == target)
        {
            target = new RiskLimits();
            portfolio.instrumentLimits.put(instrumentId, target);
        }
        target.set(limits.maxOrderQuantity, limits.maxPosition, limits.maxOrderNotional, limits.priceBandBps,
            limits.maxOrdersPerSecond);
    }

    /**
     * Pay cash into a portfolio (negative to withdraw), creating the portfolio.
     *
     * @param timeNs      ledger time.
     * @param portfolioId portfolio.
     * @param asset       packed asset code.
     * @param amount      amount at {@link #CASH_SCALE}.
     */
    public void onDeposit(final long timeNs, final int portfolioId, final long asset, final long amount)
    {
        final Portfolio portfolio = portfolioOrCreate(portfolioId);
        final long balance = Math.addExact(portfolio.balances.get(asset), amount);
        putBalance(portfolio, asset, balance);
        listener.onBalance(timeNs, portfolioId, asset, balance);
    }

    /**
     * Switch trading off (cancelling every open order) or back on.
     *
     * @param timeNs      ledger time.
     * @param portfolioId portfolio, or {@link #ALL_PORTFOLIOS}.
     * @param active      true stops trading.
     */
    public void onKillSwitch(final long timeNs, final int portfolioId, final boolean active)
    {
        if (portfolioId == ALL_PORTFOLIOS)
        {
            globalKillSwitch = active;
        }
        else
        {
            portfolioOrCreate(portfolioId).killSwitch = active;
        }

        if (active)
        {
            for (final Order order : sortedOrders())
            {
                if (portfolioId == ALL_PORTFOLIOS || order.portfolioId == portfolioId)
                {
                    close(timeNs, order, CancelReason.KILL_SWITCH);
                }
            }
        }
    }

    /**
     * A mark (the last trade of the instrument): the reference of the price band and of unrealized PnL.
     *
     * @param timeNs       ledger time.
     * @param instrumentId instrument.
     * @param price        price mantissa.
     */
    public void onMark(final long timeNs, final int instrumentId, final long price)
    {
        final Instrument instrument = instruments.get(instrumentId);
        if (null == instrument || price <= 0)
        {
            return;
        }
        instrument.markPrice = price;
        final ArrayList<Position> holders = instrument.positions;
        for (int i = 0, size = holders.size(); i < size; i++)
        {
            final Position position = holders.get(i);
            if (0 != position.quantity)
            {
                publishPosition(timeNs, position, instrument);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Orders
    // ----------------------------------------------------------------------------------------------------------------

    /**
     * A new order: checked against the limits, then accepted or rejected with a reason code.
     *
     * @param timeNs        ledger time.
     * @param clientOrderId sender's id, increasing per strategy.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param orderType     limit or market.
     * @param timeInForce   GTC or IOC.
     * @param price         limit price mantissa (ignored for market orders).
     * @param quantity      quantity mantissa.
     * @return the ledger order id, or 0 when rejected.
     */
    public long onNewOrder(
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
        final Order resent = orderByClientId(strategyId, clientOrderId);
        if (null != resent && resent.portfolioId == portfolioId)
        {
            // A client resending after a leader change, whose acknowledgement was lost: acknowledge again.
            listener.onOrderAccepted(timeNs, resent, recordAccepted(timeNs, resent));
            return resent.orderId;
        }

        final RejectReason reason = check(
            timeNs, clientOrderId, portfolioId, strategyId, instrumentId, side, orderType, price, quantity);
        if (null != reason)
        {
            listener.onOrderRejected(timeNs, clientOrderId, portfolioId, strategyId, instrumentId, reason,
                recordRejected(timeNs, clientOrderId, portfolioId, strategyId, instrumentId, reason));
            return 0;
        }

        final Portfolio portfolio = portfolios.get(portfolioId);
        final Instrument instrument = instruments.get(instrumentId);
        final Order order = orderPool.acquire();
        order.orderId = nextOrderId++;
        order.clientOrderId = clientOrderId;
        order.portfolioId = portfolioId;
        order.strategyId = strategyId;
        order.instrumentId = instrumentId;
        order.side = side;
        order.orderType = orderType;
        order.timeInForce = null == timeInForce || timeInForce == TimeInForce.NULL_VAL ? TimeInForce.GTC : timeInForce;
        order.price = orderType == OrderType.MARKET ? 0 : price;
        order.quantity = quantity;
        order.acceptedTimeNs = timeNs;
        orders.put(order.orderId, order);
        strategy(strategyId).openOrders.put(clientOrderId, order.orderId);

        final Position position = positionOrCreate(portfolio, instrument);
        if (side == Side.BUY)
        {
            position.openBuyQuantity += quantity;
        }
        else
        {
            position.openSellQuantity += quantity;
        }
        listener.onOrderAccepted(timeNs, order, recordAccepted(timeNs, order));
        return order.orderId;
    }

    /**
     * A request to cancel an open order of a strategy.
     *
     * @param timeNs        ledger time.
     * @param clientOrderId the order.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy.
     * @return true when cancelled; false when rejected with {@link RejectReason#UNKNOWN_ORDER}.
     */
    public boolean onCancelOrder(
        final long timeNs, final long clientOrderId, final int portfolioId, final int strategyId)
    {
        final StrategyState strategy = strategies.get(strategyId);
        final long orderId = null == strategy ? 0 : strategy.openOrders.get(clientOrderId);
        final Order order = 0 == orderId ? null : orders.get(orderId);
        if (null == order || order.portfolioId != portfolioId)
        {
            listener.onOrderRejected(timeNs, clientOrderId, portfolioId, strategyId, 0, RejectReason.UNKNOWN_ORDER,
                recordRejected(timeNs, clientOrderId, portfolioId, strategyId, 0, RejectReason.UNKNOWN_ORDER));
            return false;
        }
        close(timeNs, order, CancelReason.REQUESTED);
        return true;
    }

    /**
     * A venue report: an execution. Fills for an order the ledger no longer holds, repeated fill ids (a venue
     * gateway resending after a restart) and fills beyond the open quantity are counted and ignored.
     *
     * @param timeNs          ledger time (positions and balances change at this time).
     * @param executionTimeNs venue time of the execution (the fill's own time).
     * @param orderId     ledger order id.
     * @param fillId      venue fill id, increasing per order.
     * @param price       execution price mantissa.
     * @param quantity    executed quantity mantissa.
     * @param feeMantissa fee at {@link #CASH_SCALE}.
     * @param liquidity   maker or taker.
     * @return true when applied.
     */
    public boolean onFill(
        final long timeNs,
        final long executionTimeNs,
        final long orderId,
        final long fillId,
        final long price,
        final long quantity,
        final long feeMantissa,
        final Liquidity liquidity)
    {
        final Order order = orders.get(orderId);
        if (null == order)
        {
            unknownFills++;
            return false;
        }
        if (fillId <= order.lastFillId)
        {
            duplicateFills++;
            return false;
        }
        if (quantity <= 0 || quantity > order.leavesQuantity() || price <= 0)
        {
            invalidFills++;
            return false;
        }

        final Instrument instrument = instruments.get(order.instrumentId);
        final Portfolio portfolio = portfolios.get(order.portfolioId);
        final Position position = positionOrCreate(portfolio, instrument);
        order.lastFillId = fillId;
        order.filledQuantity += quantity;
        if (order.side == Side.BUY)
        {
            position.openBuyQuantity -= quantity;
        }
        else
        {
            position.openSellQuantity -= quantity;
        }

        final long notional = Math.multiplyExact(Math.multiplyExact(price, quantity), instrument.cashFactor);
        applyToPosition(position, order.side == Side.BUY ? quantity : -quantity, price, instrument);
        position.realizedPnl -= feeMantissa;
        final long cashDelta = (order.side == Side.BUY ? -notional : notional) - feeMantissa;
        final long balance = Math.addExact(portfolio.balances.get(instrument.quoteAsset), cashDelta);
        putBalance(portfolio, instrument.quoteAsset, balance);

        final long sequence = strategy(order.strategyId).reports.append(ReportHistory.FILL, executionTimeNs,
            order.orderId, order.clientOrderId, fillId, price, quantity, order.leavesQuantity(), feeMantissa,
            order.portfolioId, order.instrumentId, order.side.value(), 0, 0,
            null == liquidity || liquidity == Liquidity.NULL_VAL ? Liquidity.TAKER.value() : liquidity.value(), 0);
        listener.onFill(executionTimeNs, order, fillId, price, quantity, feeMantissa, liquidity, sequence);
        publishPosition(timeNs, position, instrument);
        listener.onBalance(timeNs, portfolio.id, instrument.quoteAsset, balance);

        if (order.leavesQuantity() == 0)
        {
            remove(order);
            orderPool.release(order);
        }
        return true;
    }

    /**
     * A venue report: an order's remainder will not fill (IOC remainder, venue cancel).
     *
     * @param timeNs  ledger time.
     * @param orderId ledger order id.
     * @param reason  why.
     * @return false when the order is not open (counted as an unknown report).
     */
    public boolean onVenueCancel(final long timeNs, final long orderId, final CancelReason reason)
    {
        final Order order = orders.get(orderId);
        if (null == order)
        {
            unknownFills++;
            return false;
        }
        close(timeNs, order, reason);
        return true;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Queries
    // ----------------------------------------------------------------------------------------------------------------

    /**
     * An open order.
     *
     * @param orderId ledger order id.
     * @return the order, or null when closed or unknown.
     */
    public Order order(final long orderId)
    {
        return orders.get(orderId);
    }

    /**
     * The open order of a strategy with a client order id.
     *
     * @param strategyId    strategy.
     * @param clientOrderId sender's id.
     * @return the order, or null.
     */
    public Order orderByClientId(final int strategyId, final long clientOrderId)
    {
        final StrategyState strategy = strategies.get(strategyId);
        final long orderId = null == strategy ? 0 : strategy.openOrders.get(clientOrderId);
        return 0 == orderId ? null : orders.get(orderId);
    }

    /**
     * Replay a strategy's execution reports from a sequence on, oldest first, as they were first announced (for a
     * client that missed some: see {@link ReportHistory}). Reads state only.
     *
     * @param strategyId   strategy.
     * @param fromSequence first sequence wanted.
     * @param handler      receives each report.
     * @return reports replayed.
     */
    public int replayReports(final int strategyId, final long fromSequence, final LedgerReportHandler handler)
    {
        final StrategyState strategy = strategies.get(strategyId);
        return null == strategy ? 0 : strategy.reports.replay(fromSequence, strategyId, handler);
    }

    /**
     * The sequence of a strategy's last execution report.
     *
     * @param strategyId strategy.
     * @return sequence, 0 when none.
     */
    public long lastReportSequence(final int strategyId)
    {
        final StrategyState strategy = strategies.get(strategyId);
        return null == strategy ? 0 : strategy.reports.lastSequence();
    }

    /**
     * The oldest execution report of a strategy the ledger still holds for replay.
     *
     * @param strategyId strategy.
     * @return sequence (last + 1 when none is held).
     */
    public long oldestReportSequence(final int strategyId)
    {
        final StrategyState strategy = strategies.get(strategyId);
        return null == strategy ? 1 : strategy.reports.oldestSequence();
    }

    /**
     * Every open order, by order id. Allocates: for a resynchronising client, not the order path.
     *
     * @return open orders (read them on the service thread only).
     */
    public List<Order> openOrdersByOrderId()
    {
        return sortedOrders();
    }

    /**
     * Order objects the ledger created since it started (the others were closed orders reused): flat once the number
     * of open orders is steady, i.e. the order path allocates none.
     *
     * @return count.
     */
    public long ordersCreated()
    {
        return orderPool.created();
    }

    /**
     * Number of open orders.
     *
     * @return count.
     */
    public int openOrderCount()
    {
        return orders.size();
    }

    /**
     * A position.
     *
     * @param portfolioId  portfolio.
     * @param instrumentId instrument.
     * @return the position, or null.
     */
    public Position position(final int portfolioId, final int instrumentId)
    {
        final Portfolio portfolio = portfolios.get(portfolioId);
        return null == portfolio ? null : portfolio.positions.get(instrumentId);
    }

    /**
     * A cash balance.
     *
     * @param portfolioId portfolio.
     * @param asset       packed asset.
     * @return balance at {@link #CASH_SCALE}.
     */
    public long balance(final int portfolioId, final long asset)
    {
        final Portfolio portfolio = portfolios.get(portfolioId);
        return null == portfolio ? 0 : portfolio.balances.get(asset);
    }

    /**
     * Unrealized PnL of a position at its instrument's last mark.
     *
     * @param portfolioId  portfolio.
     * @param instrumentId instrument.
     * @return unrealized PnL at {@link #CASH_SCALE}; 0 without a mark.
     */
    public long unrealizedPnl(final int portfolioId, final int instrumentId)
    {
        final Position position = position(portfolioId, instrumentId);
        final Instrument instrument = instruments.get(instrumentId);
        return null == position || null == instrument ? 0 : unrealized(position, instrument);
    }

    /**
     * Next ledger order id.
     *
     * @return next order id.
     */
    public long nextOrderId()
    {
        return nextOrderId;
    }

    /**
     * Fills for orders not open (or venue cancels of them).
     *
     * @return count.
     */
    public long unknownFills()
    {
        return unknownFills;
    }

    /**
     * Fills repeating a fill id already applied.
     *
     * @return count.
     */
    public long duplicateFills()
    {
        return duplicateFills;
    }

    /**
     * Fills with a bad price or a quantity beyond the open quantity.
     *
     * @return count.
     */
    public long invalidFills()
    {
        return invalidFills;
    }

    /**
     * Instruments refused at registration.
     *
     * @return count.
     */
    public long refusedInstruments()
    {
        return refusedInstruments;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Risk
    // ----------------------------------------------------------------------------------------------------------------

    private RejectReason check(
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final Side side,
        final OrderType orderType,
        final long price,
        final long quantity)
    {
        // Every id is used once, whatever becomes of its order: checked first.
        final StrategyState strategy = strategy(strategyId);
        if (clientOrderId <= strategy.lastClientOrderId)
        {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        strategy.lastClientOrderId = clientOrderId;

        final Portfolio portfolio = portfolios.get(portfolioId);
        if (null == portfolio)
        {
            return RejectReason.UNKNOWN_PORTFOLIO;
        }
        if (globalKillSwitch || portfolio.killSwitch)
        {
            return RejectReason.KILL_SWITCH;
        }
        final Instrument instrument = instruments.get(instrumentId);
        if (null == instrument)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        final boolean isMarket = orderType == OrderType.MARKET;
        if ((!isMarket && price <= 0) || null == side || side == Side.NULL_VAL ||
            null == orderType || orderType == OrderType.NULL_VAL)
        {
            return RejectReason.INVALID_PRICE;
        }
        final RiskLimits instrumentLimits = portfolio.instrumentLimits.get(instrumentId);
        final RiskLimits limits = null != instrumentLimits ? instrumentLimits : portfolio.limits;
        if (limits.maxOrderQuantity > 0 && quantity > limits.maxOrderQuantity)
        {
            return RejectReason.MAX_ORDER_QUANTITY;
        }

        final long mark = instrument.markPrice;
        if ((limits.priceBandBps > 0 || isMarket) && mark <= 0)
        {
            return RejectReason.NO_MARKET_DATA;
        }
        if (!isMarket && limits.priceBandBps > 0 &&
            multiplyOrMax(Math.abs(price - mark), BPS) > multiplyOrMax(limits.priceBandBps, mark))
        {
            return RejectReason.PRICE_BAND;
        }

        final long referencePrice = isMarket ? mark : price;
        final long notional = multiplyOrMax(multiplyOrMax(referencePrice, quantity), instrument.cashFactor);
        if (notional == Long.MAX_VALUE)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (limits.maxOrderNotional > 0 && notional > limits.maxOrderNotional)
        {
            return RejectReason.MAX_ORDER_NOTIONAL;
        }

        if (limits.maxPosition > 0)
        {
            final Position position = portfolio.positions.get(instrumentId);
            final long current = null == position ? 0 : position.quantity;
            final long worst = side == Side.BUY ?
                current + (null == position ? 0 : position.openBuyQuantity) + quantity :
                -(current - (null == position ? 0 : position.openSellQuantity) - quantity);
            if (worst > limits.maxPosition)
            {
                return RejectReason.MAX_POSITION;
            }
        }

        if (limits.maxOrdersPerSecond > 0)
        {
            final long window = timeNs / NANOS_PER_SECOND;
            if (window != strategy.rateWindow)
            {
                strategy.rateWindow = window;
                strategy.rateCount = 0;
            }
            if (strategy.rateCount >= limits.maxOrdersPerSecond)
            {
                return RejectReason.ORDER_RATE;
            }
            strategy.rateCount++;
        }
        return null;
    }

    private static long multiplyOrMax(final long a, final long b)
    {
        final long high = Math.multiplyHigh(a, b);
        final long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Positions and PnL
    // ----------------------------------------------------------------------------------------------------------------

    private static void applyToPosition(
        final Position position, final long signedQuantity, final long price, final Instrument instrument)
    {
        final long current = position.quantity;
        if (current == 0 || Long.signum(current) == Long.signum(signedQuantity))
        {
            position.cost = Math.addExact(position.cost, cash(price, signedQuantity, instrument));
            position.quantity = Math.addExact(current, signedQuantity);
            return;
        }

        final long closing = Math.min(Math.abs(signedQuantity), Math.abs(current));
        final long released = releasedCost(position.cost, closing, Math.abs(current));
        final long closingValue = cash(price, current > 0 ? closing : -closing, instrument);
        position.realizedPnl = Math.addExact(position.realizedPnl, closingValue - released);
        position.cost -= released;
        position.quantity = current > 0 ? current - closing : current + closing;

        final long opening = Math.abs(signedQuantity) - closing;
        if (opening > 0)
        {
            final long signedOpening = signedQuantity > 0 ? opening : -opening;
            position.cost = cash(price, signedOpening, instrument);
            position.quantity = signedOpening;
        }
        else if (position.quantity == 0)
        {
            position.cost = 0;
        }
    }

    private static long releasedCost(final long cost, final long closing, final long open)
    {
        if (closing == open)
        {
            return cost;
        }
        final long high = Math.multiplyHigh(cost, closing);
        final long low = cost * closing;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0))
        {
            return low / open;
        }
        return BigInteger.valueOf(cost).multiply(BigInteger.valueOf(closing))
            .divide(BigInteger.valueOf(open)).longValueExact();
    }

    private static long cash(final long price, final long signedQuantity, final Instrument instrument)
    {
        return Math.multiplyExact(Math.multiplyExact(price, signedQuantity), instrument.cashFactor);
    }

    private static long unrealized(final Position position, final Instrument instrument)
    {
        if (position.quantity == 0 || instrument.markPrice <= 0)
        {
            return 0;
        }
        return cash(instrument.markPrice, position.quantity, instrument) - position.cost;
    }

    private void publishPosition(final long timeNs, final Position position, final Instrument instrument)
    {
        final long averagePrice = position.quantity == 0 ? 0 :
            position.cost / position.quantity / instrument.cashFactor;
        listener.onPosition(timeNs, position, unrealized(position, instrument), averagePrice);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Internals
    // ----------------------------------------------------------------------------------------------------------------

    private void close(final long timeNs, final Order order, final CancelReason reason)
    {
        final Position position = portfolios.get(order.portfolioId).positions.get(order.instrumentId);
        final long leaves = order.leavesQuantity();
        if (order.side == Side.BUY)
        {
            position.openBuyQuantity -= leaves;
        }
        else
        {
            position.openSellQuantity -= leaves;
        }
        remove(order);
        final long sequence = strategy(order.strategyId).reports.append(ReportHistory.CANCELLED, timeNs,
            order.orderId, order.clientOrderId, 0, 0, 0, leaves, 0, order.portfolioId, order.instrumentId, 0, 0, 0, 0,
            reason.value());
        listener.onOrderCancelled(timeNs, order, leaves, reason, sequence);
        orderPool.release(order);
    }

    private long recordAccepted(final long timeNs, final Order order)
    {
        return strategy(order.strategyId).reports.append(ReportHistory.ACCEPTED, timeNs, order.orderId,
            order.clientOrderId, 0, order.price, order.quantity, order.leavesQuantity(), 0, order.portfolioId,
            order.instrumentId, order.side.value(), order.orderType.value(), order.timeInForce.value(), 0, 0);
    }

    private long recordRejected(
        final long timeNs,
        final long clientOrderId,
        final int portfolioId,
        final int strategyId,
        final int instrumentId,
        final RejectReason reason)
    {
        return strategy(strategyId).reports.append(ReportHistory.REJECTED, timeNs, 0, clientOrderId, 0, 0, 0, 0, 0,
            portfolioId, instrumentId, 0, 0, 0, 0, reason.value());
    }

    /**
     * A zero balance is no entry (the map's missing value is zero), so encodings of equal states stay equal.
     */
    private static void putBalance(final Portfolio portfolio, final long asset, final long balance)
    {
        if (0 == balance)
        {
            portfolio.balances.remove(asset);
        }
        else
        {
            portfolio.balances.put(asset, balance);
        }
    }

    private void remove(final Order order)
    {
        orders.remove(order.orderId);
        final StrategyState strategy = strategies.get(order.strategyId);
        if (null != strategy)
        {
            strategy.openOrders.remove(order.clientOrderId);
        }
    }

    private List<Order> sortedOrders()
    {
        scratchOrders.clear();
        scratchOrders.addAll(orders.values());
        scratchOrders.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        return new ArrayList<>(scratchOrders);
    }

    private Portfolio portfolioOrCreate(final int portfolioId)
    {
        Portfolio portfolio = portfolios.get(portfolioId);
        if (null == portfolio)
        {
            portfolio = new Portfolio(portfolioId);
            portfolios.put(portfolioId, portfolio);
        }
        return portfolio;
    }

    private StrategyState strategy(final int strategyId)
    {
        StrategyState strategy = strategies.get(strategyId);
        if (null == strategy)
        {
            strategy = new StrategyState(strategyId);
            strategies.put(strategyId, strategy);
        }
        return strategy;
    }

    private Position positionOrCreate(final Portfolio portfolio, final Instrument instrument)
    {
        Position position = portfolio.positions.get(instrument.id);
        if (null == position)
        {
            position = new Position(portfolio.id, instrument.id);
            portfolio.positions.put(instrument.id, position);
            instrument.positions.add(position);
            instrument.positions.sort((a, b) -> Integer.compare(a.portfolioId, b.portfolioId));
        }
        return position;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Canonical encoding: snapshots and the state hash
    // ----------------------------------------------------------------------------------------------------------------

    /**
     * Write the whole state in a canonical order (every collection sorted by key), so equal states give equal bytes.
     * <pre>
     *  magic i32 | version i32 | nextOrderId i64 | globalKill u8
     *  instruments: count i32, each id i32 | priceScale i32 | quantityScale i32 | quoteAsset i64 | mark i64
     *  portfolios:  count i32, each id i32 | kill u8 | limits(5 x i64)
     *               | instrumentLimits count i32, each instrumentId i32 | limits(5 x i64)
     *               | balances count i32, each asset i64 | balance i64
     *               | positions count i32, each instrumentId i32 | quantity | cost | realized | openBuy | openSell
     *  strategies:  count i32, each id i32 | lastClientOrderId i64 | rateWindow i64 | rateCount i64
     *               | reports: lastSequence i64 | count i32 | entries (ReportHistory) (version 2)
     *  orders:      count i32, each orderId | clientOrderId | portfolioId i32 | strategyId i32 | instrumentId i32
     *               | side u8 | type u8 | tif u8 | price | quantity | filled | lastFillId | acceptedTimeNs
     * </pre>
     *
     * @param buffer to write into, from index 0.
     * @return bytes written.
     */
    public int encode(final ExpandableArrayBuffer buffer)
    {
        final Writer out = new Writer(buffer);
        out.i32(SNAPSHOT_MAGIC).i32(SNAPSHOT_VERSION).i64(nextOrderId).u8(globalKillSwitch ? 1 : 0);

        final int[] instrumentIds = sortedKeys(instruments);
        out.i32(instrumentIds.length);
        for (final int id : instrumentIds)
        {
            final Instrument instrument = instruments.get(id);
            out.i32(id).i32(instrument.priceScale).i32(instrument.quantityScale).i64(instrument.quoteAsset)
                .i64(instrument.markPrice);
        }

        final int[] portfolioIds = sortedKeys(portfolios);
        out.i32(portfolioIds.length);
        for (final int id : portfolioIds)
        {
            final Portfolio portfolio = portfolios.get(id);
            out.i32(id).u8(portfolio.killSwitch ? 1 : 0);
            writeLimits(out, portfolio.limits);
            final int[] limitIds = sortedKeys(portfolio.instrumentLimits);
            out.i32(limitIds.length);
            for (final int instrumentId : limitIds)
            {
                out.i32(instrumentId);
                writeLimits(out, portfolio.instrumentLimits.get(instrumentId));
            }
            final long[] assets = portfolio.balances.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            out.i32(assets.length);
            for (final long asset : assets)
            {
                out.i64(asset).i64(portfolio.balances.get(asset));
            }
            final int[] positionIds = sortedKeys(portfolio.positions);
            out.i32(positionIds.length);
            for (final int instrumentId : positionIds)
            {
                final Position position = portfolio.positions.get(instrumentId);
                out.i32(instrumentId).i64(position.quantity).i64(position.cost).i64(position.realizedPnl)
                    .i64(position.openBuyQuantity).i64(position.openSellQuantity);
            }
        }

        final int[] strategyIds = sortedKeys(strategies);
        out.i32(strategyIds.length);
        for (final int id : strategyIds)
        {
            final StrategyState strategy = strategies.get(id);
            out.i32(id).i64(strategy.lastClientOrderId).i64(strategy.rateWindow).i64(strategy.rateCount);
            strategy.reports.encode(out);
        }

        final List<Order> sorted = sortedOrders();
        out.i32(sorted.size());
        for (final Order order : sorted)
        {
            out.i64(order.orderId).i64(order.clientOrderId).i32(order.portfolioId).i32(order.strategyId)
                .i32(order.instrumentId).u8(order.side.value()).u8(order.orderType.value())
                .u8(order.timeInForce.value()).i64(order.price).i64(order.quantity).i64(order.filledQuantity)
                .i64(order.lastFillId).i64(order.acceptedTimeNs);
        }
        return out.index;
    }

    /**
     * Replace the state with one written by {@link #encode(ExpandableArrayBuffer)}.
     *
     * @param buffer holding the encoding.
     * @param offset where it starts.
     * @param length its length.
     */
    public void decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final Reader in = new Reader(buffer, offset, length);
        if (in.i32() != SNAPSHOT_MAGIC)
        {
            throw new IllegalStateException("not a ledger snapshot");
        }
        final int version = in.i32();
        if (version != SNAPSHOT_VERSION && version != 1)
        {
            throw new IllegalStateException("ledger snapshot version " + version + ", this build reads " +
                SNAPSHOT_VERSION);
        }
        instruments.clear();
        portfolios.clear();
        strategies.clear();
        orders.clear();
        nextOrderId = in.i64();
        globalKillSwitch = in.u8() != 0;

        for (int i = 0, n = in.i32(); i < n; i++)
        {
            final int id = in.i32();
            final int priceScale = in.i32();
            final int quantityScale = in.i32();
            final long quoteAsset = in.i64();
            onInstrument(0, id, priceScale, quantityScale, quoteAsset);
            instruments.get(id).markPrice = in.i64();
        }

        for (int i = 0, n = in.i32(); i < n; i++)
        {
            final Portfolio portfolio = portfolioOrCreate(in.i32());
            portfolio.killSwitch = in.u8() != 0;
            readLimits(in, portfolio.limits);
            for (int j = 0, m = in.i32(); j < m; j++)
            {
                final int instrumentId = in.i32();
                final RiskLimits limits = new RiskLimits();
                readLimits(in, limits);
                portfolio.instrumentLimits.put(instrumentId, limits);
            }
            for (int j = 0, m = in.i32(); j < m; j++)
            {
                final long asset = in.i64();
                portfolio.balances.put(asset, in.i64());
            }
            for (int j = 0, m = in.i32(); j < m; j++)
            {
                final Position position = positionOrCreate(portfolio, instruments.get(in.i32()));
                position.quantity = in.i64();
                position.cost = in.i64();
                position.realizedPnl = in.i64();
                position.openBuyQuantity = in.i64();
                position.openSellQuantity = in.i64();
            }
        }

        for (int i = 0, n = in.i32(); i < n; i++)
        {
            final StrategyState strategy = strategy(in.i32());
            strategy.lastClientOrderId = in.i64();
            strategy.rateWindow = in.i64();
            strategy.rateCount = in.i64();
            if (version >= 2)
            {
                strategy.reports.decode(in);
            }
        }

        for (int i = 0, n = in.i32(); i < n; i++)
        {
            final Order order = orderPool.acquire();
            order.orderId = in.i64();
            order.clientOrderId = in.i64();
            order.portfolioId = in.i32();
            order.strategyId = in.i32();
            order.instrumentId = in.i32();
            order.side = Side.get((short)in.u8());
            order.orderType = OrderType.get((short)in.u8());
            order.timeInForce = TimeInForce.get((short)in.u8());
            order.price = in.i64();
            order.quantity = in.i64();
            order.filledQuantity = in.i64();
            order.lastFillId = in.i64();
            order.acceptedTimeNs = in.i64();
            orders.put(order.orderId, order);
            strategy(order.strategyId).openOrders.put(order.clientOrderId, order.orderId);
        }
    }

    /**
     * A hash of the canonical state: equal on every node that applied the same log, and after a restart from a
     * snapshot plus the rest of the log.
     *
     * @return CRC-32C of the canonical encoding in the low 32 bits, its length in the high 32.
     */
    public long stateHash()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final int length = encode(buffer);
        final CRC32C crc = new CRC32C();
        crc.update(buffer.byteArray(), 0, length);
        return ((long)length << 32) | crc.getValue();
    }

    private static void writeLimits(final Writer out, final RiskLimits limits)
    {
        out.i64(limits.maxOrderQuantity).i64(limits.maxPosition).i64(limits.maxOrderNotional)
            .i64(limits.priceBandBps).i64(limits.maxOrdersPerSecond);
    }

    private static void readLimits(final Reader in, final RiskLimits limits)
    {
        limits.set(in.i64(), in.i64(), in.i64(), in.i64(), in.i64());
    }

    private static int[] sortedKeys(final Int2ObjectHashMap<?> map)
    {
        final int[] keys = new int[map.size()];
        int i = 0;
        final Int2ObjectHashMap<?>.KeyIterator iterator = map.keySet().iterator();
        while (iterator.hasNext())
        {
            keys[i++] = iterator.nextInt();
        }
        Arrays.sort(keys);
        return keys;
    }

    static final class Writer
    {
        private final MutableDirectBuffer buffer;
        int index;

        Writer(final MutableDirectBuffer buffer)
        {
            this.buffer = buffer;
        }

        Writer i32(final int value)
        {
            buffer.putInt(index, value);
            index += BitUtil.SIZE_OF_INT;
            return this;
        }

        Writer i64(final long value)
        {
            buffer.putLong(index, value);
            index += BitUtil.SIZE_OF_LONG;
            return this;
        }

        Writer u8(final int value)
        {
            buffer.putByte(index, (byte)value);
            index += BitUtil.SIZE_OF_BYTE;
            return this;
        }
    }

    static final class Reader
    {
        private final DirectBuffer buffer;
        private final int limit;
        private int index;

        Reader(final DirectBuffer buffer, final int offset, final int length)
        {
            this.buffer = buffer;
            this.index = offset;
            this.limit = offset + length;
        }

        private void need(final int bytes)
        {
            if (index + bytes > limit)
            {
                throw new IllegalStateException("ledger snapshot truncated at byte " + index);
            }
        }

        int i32()
        {
            need(BitUtil.SIZE_OF_INT);
            final int value = buffer.getInt(index);
            index += BitUtil.SIZE_OF_INT;
            return value;
        }

        long i64()
        {
            need(BitUtil.SIZE_OF_LONG);
            final long value = buffer.getLong(index);
            index += BitUtil.SIZE_OF_LONG;
            return value;
        }

        int u8()
        {
            need(BitUtil.SIZE_OF_BYTE);
            final int value = buffer.getByte(index) & 0xFF;
            index += BitUtil.SIZE_OF_BYTE;
            return value;
        }
    }

    private static final class Instrument
    {
        final int id;
        int priceScale;
        int quantityScale;
        long quoteAsset;
        long cashFactor;
        long markPrice;
        final ArrayList<Position> positions = new ArrayList<>();

        Instrument(final int id)
        {
            this.id = id;
        }
    }

    private static final class Portfolio
    {
        final int id;
        boolean killSwitch;
        final RiskLimits limits = new RiskLimits();
        final Int2ObjectHashMap<RiskLimits> instrumentLimits = new Int2ObjectHashMap<>();
        final Long2LongHashMap balances = new Long2LongHashMap(0);
        final Int2ObjectHashMap<Position> positions = new Int2ObjectHashMap<>();

        Portfolio(final int id)
        {
            this.id = id;
        }
    }

    private static final class StrategyState
    {
        final int id;
        long lastClientOrderId;
        long rateWindow = Long.MIN_VALUE;
        long rateCount;
        final Long2LongHashMap openOrders = new Long2LongHashMap(0);
        final ReportHistory reports = new ReportHistory();

        StrategyState(final int id)
        {
            this.id = id;
        }
    }
}
