/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderSink;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyHost;
import io.alphapulse.strategy.TimeInForce;
import io.alphapulse.strategy.TopOfBookEvent;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Drives one strategy through market events on event time, with the {@link PaperFillModel} as its venue, and
 * keeps the books: orders, fills, cash, positions, the equity curve. The same class serves a backtest (events from
 * the Archive or the lake) and a live paper run (events from the merged stream), so both give the same fills for
 * the same events.
 * <p>
 * Execution reports are queued while the strategy is inside a callback and delivered right after it returns (the
 * {@link StrategyHost} tracks an order only once {@code placeOrder} returns).
 */
public final class BacktestEngine implements OrderSink, PaperFillModel.Listener
{
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);
    private static final double NS_PER_YEAR = 365.0 * 86_400e9;

    private final Strategy strategy;
    private final String params;
    private final StrategyHost host;
    private final PaperFillModel venue;
    private final BigDecimal takerFeeBps;
    private final BigDecimal makerFeeBps;
    private final long equityIntervalNs;
    private final BigDecimal initialCash;

    private final Int2ObjectHashMap<InstrumentInfo> instruments = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<long[]> positions = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<long[]> marks = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<MutableOrder> orders = new Long2ObjectHashMap<>();
    private final List<MutableOrder> orderList = new ArrayList<>();
    private final List<BacktestResult.FillRecord> fills = new ArrayList<>();
    private final List<BacktestResult.EquityPoint> equity = new ArrayList<>();
    private final ArrayDeque<Runnable> reports = new ArrayDeque<>();

    private BigDecimal cash;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal turnover = BigDecimal.ZERO;
    private boolean started;
    private boolean draining;
    private long events;
    private long firstEventNs;
    private long lastEventNs;
    private long nextSampleNs = Long.MIN_VALUE;

    private static final class MutableOrder
    {
        long clientOrderId;
        long timeNs;
        int instrumentId;
        Side side;
        long price;
        long quantity;
        TimeInForce timeInForce;
        String status = "NEW";
        long filled;
        String reason;
    }

    /**
     * An engine for one strategy.
     *
     * @param strategy         the strategy.
     * @param params           its parameters, as text for the record.
     * @param initialCash      starting cash in the quote currency.
     * @param takerFeeBps      fee of taker fills in basis points of notional.
     * @param makerFeeBps      fee of maker fills in basis points.
     * @param equityIntervalNs equity curve sample interval in event time.
     */
    public BacktestEngine(
        final Strategy strategy,
        final String params,
        final BigDecimal initialCash,
        final BigDecimal takerFeeBps,
        final BigDecimal makerFeeBps,
        final long equityIntervalNs)
    {
        if (equityIntervalNs <= 0)
        {
            throw new IllegalArgumentException("equity interval must be positive: " + equityIntervalNs);
        }
        this.strategy = strategy;
        this.params = params;
        this.initialCash = initialCash;
        this.cash = initialCash;
        this.takerFeeBps = takerFeeBps;
        this.makerFeeBps = makerFeeBps;
        this.equityIntervalNs = equityIntervalNs;
        this.host = new StrategyHost(strategy, this, 1, 1, 1);
        this.venue = new PaperFillModel(this);
    }

    /**
     * An instrument (from a definition in the stream, or known beforehand).
     *
     * @param instrument the instrument.
     */
    public void onInstrument(final InstrumentInfo instrument)
    {
        instruments.put(instrument.id(), instrument);
        host.addInstrument(instrument);
    }

    /**
     * A trade.
     *
     * @param timeNs        event time.
     * @param instrumentId  instrument.
     * @param price         price mantissa.
     * @param quantity      quantity mantissa.
     * @param aggressorSide taker side or null.
     */
    public void onTrade(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        beforeEvent(timeNs);
        mark(instrumentId, price);
        venue.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
        drain();
        host.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
        drain();
    }

    /**
     * A best bid and ask.
     *
     * @param timeNs       event time.
     * @param instrumentId instrument.
     * @param bid          bid price.
     * @param bidQuantity  bid quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     * @param ask          ask price.
     * @param askQuantity  ask quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     */
    public void onTopOfBook(
        final long timeNs, final int instrumentId, final long bid, final long bidQuantity, final long ask,
        final long askQuantity)
    {
        beforeEvent(timeNs);
        if (bid > 0 && ask > 0)
        {
            // Mid as mark, kept exact by doubling: mark = (bid + ask) / 2 is stored as a sum with a divisor of 2.
            markMid(instrumentId, bid, ask);
        }
        venue.onTopOfBook(timeNs, instrumentId, bid, bidQuantity, ask, askQuantity);
        drain();
        host.onTopOfBook(timeNs, instrumentId, bid, bidQuantity, ask, askQuantity);
        drain();
    }

    /**
     * A feed event (gap, resync, disconnect...): replayed to the strategy as it happened.
     *
     * @param timeNs       event time.
     * @param exchange     exchange.
     * @param instrumentId instrument or {@code FeedEvent.ALL_INSTRUMENTS}.
     * @param type         event type.
     * @param expected     gap: expected sequence.
     * @param received     gap: received sequence.
     */
    public void onFeedEvent(final long timeNs, final String exchange, final int instrumentId,
        final FeedEventType type, final long expected, final long received)
    {
        beforeEvent(timeNs);
        host.onFeedEvent(timeNs, exchange, instrumentId, type, expected, received);
        drain();
    }

    /**
     * Time moves without market data (heartbeats): timers fire.
     *
     * @param timeNs event time.
     */
    public void onHeartbeat(final long timeNs)
    {
        if (!started)
        {
            return;
        }
        host.advanceTime(timeNs);
        drain();
        sample(timeNs);
    }

    private void beforeEvent(final long timeNs)
    {
        if (!started)
        {
            started = true;
            firstEventNs = timeNs;
            host.start();
            drain();
        }
        events++;
        lastEventNs = Math.max(lastEventNs, timeNs);
        sample(timeNs);
    }

    private void sample(final long timeNs)
    {
        if (Long.MIN_VALUE == nextSampleNs)
        {
            nextSampleNs = timeNs - Math.floorMod(timeNs, equityIntervalNs);
        }
        while (timeNs - nextSampleNs >= 0)
        {
            equity.add(new BacktestResult.EquityPoint(nextSampleNs, equityNow()));
            nextSampleNs += equityIntervalNs;
        }
    }

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
        final TimeInForce timeInForce)
    {
        if (!instruments.containsKey(instrumentId) || quantity <= 0 || price <= 0)
        {
            return false;
        }
        final MutableOrder order = new MutableOrder();
        order.clientOrderId = clientOrderId;
        order.timeNs = timeNs;
        order.instrumentId = instrumentId;
        order.side = side;
        order.price = price;
        order.quantity = quantity;
        order.timeInForce = timeInForce;
        orders.put(clientOrderId, order);
        orderList.add(order);
        reports.add(() -> venue.submit(timeNs, clientOrderId, instrumentId, side, price, quantity, timeInForce));
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public boolean cancelOrder(final long timeNs, final long clientOrderId, final int strategyId,
        final int portfolioId)
    {
        if (!orders.containsKey(clientOrderId))
        {
            return false;
        }
        reports.add(() -> venue.cancel(timeNs, clientOrderId));
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void onAccepted(final long timeNs, final long clientOrderId)
    {
        orders.get(clientOrderId).status = "ACCEPTED";
        host.onOrderAccepted(timeNs, clientOrderId);
    }

    /**
     * {@inheritDoc}
     */
    public void onFill(final long timeNs, final long clientOrderId, final long price, final long quantity,
        final long leavesQuantity, final PaperFillModel.Liquidity liquidity)
    {
        final MutableOrder order = orders.get(clientOrderId);
        final InstrumentInfo instrument = instruments.get(order.instrumentId);
        order.filled += quantity;
        order.status = leavesQuantity <= 0 ? "FILLED" : "PARTIALLY_FILLED";
        final long[] position = positions.computeIfAbsent(order.instrumentId, (id) -> new long[1]);
        position[0] += order.side == Side.BUY ? quantity : -quantity;

        final BigDecimal priceValue = BigDecimal.valueOf(price, instrument.priceScale());
        final BigDecimal quantityValue = BigDecimal.valueOf(quantity, instrument.quantityScale());
        final BigDecimal notional = priceValue.multiply(quantityValue);
        final BigDecimal fee = notional.multiply(liquidity == PaperFillModel.Liquidity.TAKER ? takerFeeBps :
            makerFeeBps).divide(BPS);
        cash = order.side == Side.BUY ? cash.subtract(notional) : cash.add(notional);
        cash = cash.subtract(fee);
        fees = fees.add(fee);
        turnover = turnover.add(notional);
        fills.add(new BacktestResult.FillRecord(timeNs, clientOrderId, order.instrumentId, order.side.name(),
            priceValue, quantityValue, fee, liquidity.name()));

        final BigDecimal feeDecimal = fee.stripTrailingZeros();
        host.onFill(timeNs, clientOrderId, price, quantity, leavesQuantity,
            feeDecimal.unscaledValue().longValueExact(), -feeDecimal.scale());
    }

    /**
     * {@inheritDoc}
     */
    public void onCancelled(final long timeNs, final long clientOrderId, final String reason)
    {
        final MutableOrder order = orders.get(clientOrderId);
        order.status = "CANCELLED";
        order.reason = reason;
        host.onOrderCancelled(timeNs, clientOrderId, reason);
    }

    private void drain()
    {
        if (draining)
        {
            return;
        }
        draining = true;
        try
        {
            Runnable report;
            while (null != (report = reports.poll()))
            {
                report.run();
            }
        }
        finally
        {
            draining = false;
        }
    }

    private void mark(final int instrumentId, final long price)
    {
        final long[] mark = marks.computeIfAbsent(instrumentId, (id) -> new long[2]);
        mark[0] = price;
        mark[1] = 1;
    }

    private void markMid(final int instrumentId, final long bid, final long ask)
    {
        final long[] mark = marks.computeIfAbsent(instrumentId, (id) -> new long[2]);
        mark[0] = bid + ask;
        mark[1] = 2;
    }

    private BigDecimal equityNow()
    {
        BigDecimal value = cash;
        final Int2ObjectHashMap<long[]>.KeyIterator it = positions.keySet().iterator();
        while (it.hasNext())
        {
            final int instrumentId = it.nextInt();
            final long position = positions.get(instrumentId)[0];
            final long[] mark = marks.get(instrumentId);
            if (0 == position || null == mark)
            {
                continue;
            }
            final InstrumentInfo instrument = instruments.get(instrumentId);
            final BigDecimal price = BigDecimal.valueOf(mark[0], instrument.priceScale());
            final BigDecimal markPrice = 2 == mark[1] ? price.divide(BigDecimal.valueOf(2)) : price;
            value = value.add(markPrice.multiply(BigDecimal.valueOf(position, instrument.quantityScale())));
        }
        return value;
    }

    /**
     * Events driven so far.
     *
     * @return count.
     */
    public long events()
    {
        return events;
    }

    /**
     * Fills so far.
     *
     * @return fills.
     */
    public List<BacktestResult.FillRecord> fills()
    {
        return fills;
    }

    /**
     * The result: closes the curve with a final point at the last event time.
     *
     * @return result with its hash.
     */
    public BacktestResult finish()
    {
        final List<BacktestResult.EquityPoint> curve = new ArrayList<>(equity);
        final BigDecimal finalEquity = equityNow();
        if (started && (curve.isEmpty() || curve.get(curve.size() - 1).timeNs() != lastEventNs))
        {
            curve.add(new BacktestResult.EquityPoint(lastEventNs, finalEquity));
        }
        BigDecimal peak = null;
        BigDecimal maxDrawdown = BigDecimal.ZERO;
        for (final BacktestResult.EquityPoint point : curve)
        {
            peak = null == peak || point.equity().compareTo(peak) > 0 ? point.equity() : peak;
            final BigDecimal drawdown = peak.subtract(point.equity());
            if (drawdown.compareTo(maxDrawdown) > 0)
            {
                maxDrawdown = drawdown;
            }
        }
        final double sharpe = sharpe(curve);

        final List<BacktestResult.OrderRecord> orderRecords = new ArrayList<>();
        for (final MutableOrder order : orderList)
        {
            final InstrumentInfo instrument = instruments.get(order.instrumentId);
            orderRecords.add(new BacktestResult.OrderRecord(order.clientOrderId, order.timeNs, order.instrumentId,
                order.side.name(), BigDecimal.valueOf(order.price, instrument.priceScale()),
                BigDecimal.valueOf(order.quantity, instrument.quantityScale()), order.timeInForce.name(),
                order.status, BigDecimal.valueOf(order.filled, instrument.quantityScale()), order.reason));
        }
        final BigDecimal pnl = finalEquity.subtract(initialCash);
        final String hash = hash(orderRecords, fills, curve, pnl, fees, turnover, maxDrawdown, sharpe);
        return new BacktestResult(strategy.name(), params, events, firstEventNs, lastEventNs,
            List.copyOf(orderRecords), List.copyOf(fills), List.copyOf(curve), initialCash, pnl, fees, turnover,
            maxDrawdown, sharpe, hash);
    }

    private double sharpe(final List<BacktestResult.EquityPoint> curve)
    {
        if (curve.size() < 3)
        {
            return Double.NaN;
        }
        final double[] returns = new double[curve.size() - 1];
        double sum = 0;
        for (int i = 1; i < curve.size(); i++)
        {
            final BigDecimal previous = curve.get(i - 1).equity();
            returns[i - 1] = previous.signum() == 0 ? 0 :
                curve.get(i).equity().subtract(previous).divide(previous, MathContext.DECIMAL64).doubleValue();
            sum += returns[i - 1];
        }
        final double mean = sum / returns.length;
        double squares = 0;
        for (final double r : returns)
        {
            squares += (r - mean) * (r - mean);
        }
        final double std = Math.sqrt(squares / (returns.length - 1));
        return std == 0 ? Double.NaN : mean / std * Math.sqrt(NS_PER_YEAR / equityIntervalNs);
    }

    /**
     * The canonical text of a result, one line per order, fill and curve point, then the figures; its SHA-256 is
     * the result hash. Decimals in plain notation without trailing zeros, so equal values hash equally.
     */
    static String hash(
        final List<BacktestResult.OrderRecord> orders,
        final List<BacktestResult.FillRecord> fills,
        final List<BacktestResult.EquityPoint> curve,
        final BigDecimal pnl,
        final BigDecimal fees,
        final BigDecimal turnover,
        final BigDecimal maxDrawdown,
        final double sharpe)
    {
        final MessageDigest digest;
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        final StringBuilder line = new StringBuilder();
        for (final BacktestResult.OrderRecord o : orders)
        {
            line.setLength(0);
            line.append("order|").append(o.clientOrderId()).append('|').append(o.timeNs()).append('|')
                .append(o.instrumentId()).append('|').append(o.side()).append('|').append(plain(o.price()))
                .append('|').append(plain(o.quantity())).append('|').append(o.timeInForce()).append('|')
                .append(o.status()).append('|').append(plain(o.filledQuantity())).append('|').append(o.reason())
                .append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (final BacktestResult.FillRecord f : fills)
        {
            line.setLength(0);
            line.append("fill|").append(f.timeNs()).append('|').append(f.clientOrderId()).append('|')
                .append(f.instrumentId()).append('|').append(f.side()).append('|').append(plain(f.price()))
                .append('|').append(plain(f.quantity())).append('|').append(plain(f.fee())).append('|')
                .append(f.liquidity()).append('\n');
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (final BacktestResult.EquityPoint p : curve)
        {
            digest.update(("equity|" + p.timeNs() + "|" + plain(p.equity()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        digest.update(String.format(Locale.ROOT, "figures|%s|%s|%s|%s|%.9f%n", plain(pnl), plain(fees),
            plain(turnover), plain(maxDrawdown), sharpe).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    static String plain(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /**
     * Default equity sample interval: one minute of event time.
     */
    public static final long EQUITY_INTERVAL_DEFAULT_NS = TimeUnit.MINUTES.toNanos(1);
}
