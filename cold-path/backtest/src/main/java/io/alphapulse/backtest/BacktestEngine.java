/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.engine.L2Book;
import io.alphapulse.engine.venue.PaperVenue;
import io.alphapulse.engine.venue.VenueReports;
import io.alphapulse.schemas.trading.CancelReason;
import io.alphapulse.schemas.trading.Liquidity;
import io.alphapulse.schemas.trading.OrderType;
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
 * Drives one strategy through market events on event time, as the live engine does: the strategy runs in the
 * Strategy API's {@link StrategyHost}, its orders go to a simulated ledger log, and the engine's own
 * {@link PaperVenue} (the class {@code pulse venue} runs live) fills them against the L2 books the engine's
 * {@link io.alphapulse.engine.MarketDataAdapter} keeps. It also keeps the books of the run: orders, fills, cash,
 * positions, the equity curve.
 * <p>
 * The sequence per market message is the one a live engine, ledger and paper venue produce when the venue handles
 * a message after the engine (no latency in the model):
 * <ol>
 *     <li>the strategy sees the message and may place or cancel orders;</li>
 *     <li>the ledger log applies them in order: an accepted order is acknowledged to the strategy and queued for
 *     the venue; a cancel closes the order (acknowledged, and the venue told);</li>
 *     <li>the venue steps: an L2 book change first (resting orders it crosses fill, maker), then its queued
 *     acceptances in order (each takes liquidity, taker; an IOC remainder is cancelled) and closes;</li>
 *     <li>the venue's reports go through the ledger log to the strategy, in the order the venue made them;
 *     anything the strategy does in reaction goes round again until nothing is pending.</li>
 * </ol>
 * Fees are the venue's: {@code notional * bps / 10000} at the ledger's cash scale, rounded half up. No pre-trade
 * risk limits (the live ledger's limits are not applied); orders for unknown instruments or with a non-positive
 * price or quantity are rejected as the ledger rejects them.
 */
public final class BacktestEngine implements OrderSink, VenueReports
{
    private static final double NS_PER_YEAR = 365.0 * 86_400e9;

    private final Strategy strategy;
    private final String params;
    private final StrategyHost host;
    private final PaperVenue venue;
    private final long equityIntervalNs;
    private final BigDecimal initialCash;

    private final Int2ObjectHashMap<InstrumentInfo> instruments = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<L2Book> books = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<long[]> positions = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<long[]> marks = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<MutableOrder> orders = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<MutableOrder> openByOrderId = new Long2ObjectHashMap<>();
    private final List<MutableOrder> orderList = new ArrayList<>();
    private final List<BacktestResult.FillRecord> fills = new ArrayList<>();
    private final List<BacktestResult.EquityPoint> equity = new ArrayList<>();
    private final ArrayDeque<LogEntry> ledgerLog = new ArrayDeque<>();
    private final ArrayDeque<MutableOrder> venueInbox = new ArrayDeque<>();

    private QuoteBooks quoteBooks;
    private BigDecimal cash;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal turnover = BigDecimal.ZERO;
    private boolean started;
    private boolean settling;
    private long nextOrderId = 1;
    private long events;
    private long firstEventNs;
    private long lastEventNs;
    private long nextSampleNs = Long.MIN_VALUE;

    private static final class MutableOrder
    {
        long clientOrderId;
        long orderId;
        long timeNs;
        int instrumentId;
        Side side;
        long price;
        long quantity;
        TimeInForce timeInForce;
        String status = "NEW";
        long filled;
        String reason;
        boolean closed;
    }

    private enum Kind
    {
        NEW, CANCEL, FILL, VENUE_CANCEL
    }

    /**
     * One entry of the simulated ledger's log: a request of the strategy or a report of the venue.
     */
    private static final class LogEntry
    {
        Kind kind;
        long timeNs;
        MutableOrder order;
        long clientOrderId;
        long orderId;
        long price;
        long quantity;
        long leavesQuantity;
        long feeMantissa;
        int feeExponent;
        Liquidity liquidity;
        CancelReason reason;
    }

    /**
     * An engine for one strategy.
     *
     * @param strategy         the strategy.
     * @param params           its parameters, as text for the record.
     * @param initialCash      starting cash in the quote currency.
     * @param takerFeeBps      fee of taker fills in basis points of notional (the paper venue's).
     * @param makerFeeBps      fee of maker fills in basis points.
     * @param equityIntervalNs equity curve sample interval in event time.
     */
    public BacktestEngine(
        final Strategy strategy,
        final String params,
        final BigDecimal initialCash,
        final long takerFeeBps,
        final long makerFeeBps,
        final long equityIntervalNs)
    {
        if (equityIntervalNs <= 0)
        {
            throw new IllegalArgumentException("equity interval must be positive: " + equityIntervalNs);
        }
        if (takerFeeBps < 0 || makerFeeBps < 0)
        {
            throw new IllegalArgumentException("fees must not be negative: taker " + takerFeeBps + " maker " +
                makerFeeBps);
        }
        this.strategy = strategy;
        this.params = params;
        this.initialCash = initialCash;
        this.cash = initialCash;
        this.equityIntervalNs = equityIntervalNs;
        this.host = new StrategyHost(strategy, this, 1, 1, 1);
        this.venue = new PaperVenue(this, books::get, instruments::get, makerFeeBps, takerFeeBps);
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
     * A new L2 book (the engine's {@link io.alphapulse.engine.MarketDataAdapter} made it): visible to the
     * strategy and the venue from now on, updated in place by the adapter.
     *
     * @param book the book.
     */
    public void onNewBook(final L2Book book)
    {
        books.put(book.instrumentId(), book);
        host.putBook(book.instrumentId(), book);
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
        host.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
        settle(null);
    }

    /**
     * A best bid and ask (an exchange's ticker; the venue fills against L2 books only, as live).
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
            markMid(instrumentId, bid, ask);
        }
        host.onTopOfBook(timeNs, instrumentId, bid, bidQuantity, ask, askQuantity);
        settle(null);
    }

    /**
     * A quote from a source without L2 data (the lake): the strategy sees it as a top of book, and the venue as a
     * one-level book ({@link QuoteBooks}).
     *
     * @param timeNs       event time.
     * @param instrumentId instrument.
     * @param bid          bid price.
     * @param bidQuantity  bid quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     * @param ask          ask price.
     * @param askQuantity  ask quantity or {@link TopOfBookEvent#NO_QUANTITY}.
     */
    public void onQuote(
        final long timeNs, final int instrumentId, final long bid, final long bidQuantity, final long ask,
        final long askQuantity)
    {
        beforeEvent(timeNs);
        if (bid > 0 && ask > 0)
        {
            markMid(instrumentId, bid, ask);
        }
        if (null == quoteBooks)
        {
            quoteBooks = new QuoteBooks(this::onNewBook);
        }
        final L2Book book = quoteBooks.book(timeNs, instrumentId, bid, bidQuantity, ask, askQuantity);
        host.onTopOfBook(timeNs, instrumentId, bid, bidQuantity, ask, askQuantity);
        settle(book);
    }

    /**
     * An L2 book changed (a snapshot completed or a batch of updates applied).
     *
     * @param book the book after the change.
     */
    public void onBook(final L2Book book)
    {
        beforeEvent(book.timeNs());
        if (book.bidDepth() > 0 && book.askDepth() > 0)
        {
            markMid(book.instrumentId(), book.bidPrice(0), book.askPrice(0));
        }
        host.onBook(book);
        settle(book);
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
        settle(null);
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
        settle(null);
        sample(timeNs);
    }

    private void beforeEvent(final long timeNs)
    {
        if (!started)
        {
            started = true;
            firstEventNs = timeNs;
            host.start();
            settle(null);
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
     * The ledger log and the venue until nothing is pending. A strategy placing orders from inside a report
     * callback re-enters here through {@link #newOrder}: the outer call finishes the work.
     *
     * @param book the book that changed with this message, for the venue's first step; or null.
     */
    private void settle(final L2Book book)
    {
        if (settling)
        {
            return;
        }
        settling = true;
        try
        {
            applyLog();
            if (null != book)
            {
                venue.onBook(book);
            }
            while (!venueInbox.isEmpty() || !ledgerLog.isEmpty())
            {
                MutableOrder order;
                while (null != (order = venueInbox.poll()))
                {
                    if (order.closed)
                    {
                        venue.onOrderClosed(order.orderId);
                    }
                    else
                    {
                        venue.onOrderAccepted(host.nowNs(), order.orderId, order.clientOrderId, host.portfolioId(),
                            host.strategyId(), order.instrumentId, sbeSide(order.side), OrderType.LIMIT,
                            order.timeInForce == TimeInForce.IOC ?
                            io.alphapulse.schemas.trading.TimeInForce.IOC :
                            io.alphapulse.schemas.trading.TimeInForce.GTC,
                            order.price, order.quantity);
                    }
                }
                applyLog();
            }
        }
        finally
        {
            settling = false;
        }
    }

    private void applyLog()
    {
        LogEntry entry;
        while (null != (entry = ledgerLog.poll()))
        {
            switch (entry.kind)
            {
                case NEW -> applyNew(entry.order);
                case CANCEL -> applyCancel(entry.clientOrderId);
                case FILL -> applyFill(entry);
                case VENUE_CANCEL -> applyVenueCancel(entry);
            }
        }
    }

    private void applyNew(final MutableOrder order)
    {
        final long nowNs = host.nowNs();
        final String reject = !instruments.containsKey(order.instrumentId) ? "UNKNOWN_INSTRUMENT" :
            order.quantity <= 0 ? "INVALID_QUANTITY" : order.price <= 0 ? "INVALID_PRICE" : null;
        if (null != reject)
        {
            order.status = "REJECTED";
            order.reason = reject;
            order.closed = true;
            host.onOrderRejected(nowNs, order.clientOrderId, reject);
            return;
        }
        order.orderId = nextOrderId++;
        order.status = "ACCEPTED";
        openByOrderId.put(order.orderId, order);
        host.onOrderAccepted(nowNs, order.clientOrderId);
        venueInbox.add(order);
    }

    private void applyCancel(final long clientOrderId)
    {
        final long nowNs = host.nowNs();
        final MutableOrder order = orders.get(clientOrderId);
        if (null == order || order.closed || 0 == order.orderId)
        {
            host.onOrderRejected(nowNs, clientOrderId, "UNKNOWN_ORDER");
            return;
        }
        close(order, "REQUESTED");
        host.onOrderCancelled(nowNs, clientOrderId, "REQUESTED");
    }

    private void applyVenueCancel(final LogEntry entry)
    {
        final MutableOrder order = openByOrderId.get(entry.orderId);
        if (null == order)
        {
            return;
        }
        close(order, entry.reason.name());
        host.onOrderCancelled(entry.timeNs, order.clientOrderId, entry.reason.name());
    }

    private void close(final MutableOrder order, final String reason)
    {
        order.status = "CANCELLED";
        order.reason = reason;
        order.closed = true;
        openByOrderId.remove(order.orderId);
        venueInbox.add(order);
    }

    private void applyFill(final LogEntry entry)
    {
        final MutableOrder order = openByOrderId.get(entry.orderId);
        if (null == order || entry.quantity <= 0 || entry.quantity > order.quantity - order.filled)
        {
            return;
        }
        final InstrumentInfo instrument = instruments.get(order.instrumentId);
        order.filled += entry.quantity;
        final long leaves = order.quantity - order.filled;
        order.status = leaves <= 0 ? "FILLED" : "PARTIALLY_FILLED";
        if (leaves <= 0)
        {
            order.closed = true;
            openByOrderId.remove(order.orderId);
        }
        final long[] position = positions.computeIfAbsent(order.instrumentId, (id) -> new long[1]);
        position[0] += order.side == Side.BUY ? entry.quantity : -entry.quantity;

        final BigDecimal priceValue = BigDecimal.valueOf(entry.price, instrument.priceScale());
        final BigDecimal quantityValue = BigDecimal.valueOf(entry.quantity, instrument.quantityScale());
        final BigDecimal notional = priceValue.multiply(quantityValue);
        final BigDecimal fee = BigDecimal.valueOf(entry.feeMantissa, -entry.feeExponent);
        cash = order.side == Side.BUY ? cash.subtract(notional) : cash.add(notional);
        cash = cash.subtract(fee);
        fees = fees.add(fee);
        turnover = turnover.add(notional);
        fills.add(new BacktestResult.FillRecord(entry.timeNs, order.clientOrderId, order.instrumentId,
            order.side.name(), priceValue, quantityValue, fee, entry.liquidity.name()));
        host.onFill(entry.timeNs, order.clientOrderId, entry.price, entry.quantity, leaves, entry.feeMantissa,
            entry.feeExponent);
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
        final LogEntry entry = new LogEntry();
        entry.kind = Kind.NEW;
        entry.timeNs = timeNs;
        entry.order = order;
        ledgerLog.add(entry);
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public boolean cancelOrder(final long timeNs, final long clientOrderId, final int strategyId,
        final int portfolioId)
    {
        final LogEntry entry = new LogEntry();
        entry.kind = Kind.CANCEL;
        entry.timeNs = timeNs;
        entry.clientOrderId = clientOrderId;
        ledgerLog.add(entry);
        return true;
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
        final io.alphapulse.schemas.trading.Side side,
        final Liquidity liquidity)
    {
        final LogEntry entry = new LogEntry();
        entry.kind = Kind.FILL;
        entry.timeNs = timeNs;
        entry.orderId = orderId;
        entry.clientOrderId = clientOrderId;
        entry.price = price;
        entry.quantity = quantity;
        entry.leavesQuantity = leavesQuantity;
        entry.feeMantissa = feeMantissa;
        entry.feeExponent = feeExponent;
        entry.liquidity = liquidity;
        ledgerLog.add(entry);
        return true;
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
        final LogEntry entry = new LogEntry();
        entry.kind = Kind.VENUE_CANCEL;
        entry.timeNs = timeNs;
        entry.orderId = orderId;
        entry.clientOrderId = clientOrderId;
        entry.reason = reason;
        ledgerLog.add(entry);
        return true;
    }

    private static io.alphapulse.schemas.trading.Side sbeSide(final Side side)
    {
        return side == Side.BUY ? io.alphapulse.schemas.trading.Side.BUY : io.alphapulse.schemas.trading.Side.SELL;
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
        if (started)
        {
            // The final point is the state after the last event (a sample at the same time was taken before it).
            if (!curve.isEmpty() && curve.get(curve.size() - 1).timeNs() == lastEventNs)
            {
                curve.remove(curve.size() - 1);
            }
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
