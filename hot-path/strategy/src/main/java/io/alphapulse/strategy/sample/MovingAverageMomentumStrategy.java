/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy.sample;

import io.alphapulse.strategy.BookView;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.StrategyParams;
import io.alphapulse.strategy.TimeInForce;
import io.alphapulse.strategy.TopOfBookEvent;
import io.alphapulse.strategy.TradeEvent;

import java.util.List;
import java.util.Locale;

/**
 * Moving-average momentum on one instrument: simple moving averages of the last {@code fast} and {@code slow} trade
 * prices. While the fast average is above the slow one, hold {@code quantity} long; otherwise be flat. Orders are
 * marketable IOC limits at the best opposite quote (or the last trade when no quote is known), one at a time.
 * <p>
 * The averages are compared exactly ({@code fastSum * slow} against {@code slowSum * fast} in {@code long}), never
 * with {@code double}. A feed event that impairs the instrument's exchange halts trading until it recovers.
 * <p>
 * Parameters: {@code instrument} (COINBASE:BTC-USD), {@code fast} (10), {@code slow} (30), {@code quantity}
 * (0.001).
 */
public final class MovingAverageMomentumStrategy implements Strategy
{
    /**
     * Name to select it by.
     */
    public static final String NAME = "ma-momentum";

    /**
     * One line for {@code --help}.
     */
    public static final String DESCRIPTION =
        "long while the fast moving average of trade prices is above the slow one, flat otherwise " +
        "(instrument=EXCHANGE:SYMBOL, fast, slow, quantity)";

    private static final List<String> KEYS = List.of("instrument", "fast", "slow", "quantity");

    private final StrategyParams params;
    private final String exchange;
    private final String symbol;
    private final int fast;
    private final int slow;
    private final long[] window;

    private StrategyContext context;
    private int instrumentId = -1;
    private long quantity;
    private long count;
    private long fastSum;
    private long slowSum;
    private long bid;
    private long ask;
    private long lastPrice;
    private boolean halted;
    private int signal;

    /**
     * Create from parameters.
     *
     * @param params parameters (see the class description).
     */
    public MovingAverageMomentumStrategy(final StrategyParams params)
    {
        this.params = params.requireOnly(KEYS);
        final String key = params.string("instrument", "COINBASE:BTC-USD").toUpperCase(Locale.ROOT);
        final int colon = key.indexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("strategy parameter instrument=" + key + " is not EXCHANGE:SYMBOL");
        }
        this.exchange = key.substring(0, colon);
        this.symbol = key.substring(colon + 1);
        this.fast = (int)params.positiveLong("fast", 10);
        this.slow = (int)params.positiveLong("slow", 30);
        if (fast >= slow)
        {
            throw new IllegalArgumentException("strategy parameters fast=" + fast + " must be below slow=" + slow);
        }
        this.window = new long[slow];
    }

    /**
     * {@inheritDoc}
     */
    public String name()
    {
        return NAME;
    }

    /**
     * {@inheritDoc}
     */
    public void onStart(final StrategyContext context)
    {
        this.context = context;
        final InstrumentInfo instrument = context.instrument(exchange, symbol);
        if (null == instrument)
        {
            throw new IllegalArgumentException("strategy " + NAME + ": no instrument " + exchange + ":" + symbol);
        }
        instrumentId = instrument.id();
        quantity = params.decimal("quantity", "0.001", instrument.quantityScale());
        if (quantity <= 0)
        {
            throw new IllegalArgumentException("strategy parameter quantity must be positive");
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeEvent trade)
    {
        if (trade.instrumentId() != instrumentId)
        {
            return;
        }

        final long price = trade.price();
        lastPrice = price;
        final int slot = (int)(count % slow);
        slowSum += price - (count >= slow ? window[slot] : 0);
        fastSum += price - (count >= fast ? window[(int)((count - fast) % slow)] : 0);
        window[slot] = price;
        count++;

        if (count >= slow)
        {
            final int cmp = Long.compare(Math.multiplyExact(fastSum, slow), Math.multiplyExact(slowSum, fast));
            signal = Integer.signum(cmp);
            trade();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(final TopOfBookEvent topOfBook)
    {
        if (topOfBook.instrumentId() == instrumentId)
        {
            bid = topOfBook.bidPrice();
            ask = topOfBook.askPrice();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final BookView book)
    {
        if (book.instrumentId() == instrumentId)
        {
            bid = book.bidDepth() > 0 ? book.bidPrice(0) : 0;
            ask = book.askDepth() > 0 ? book.askPrice(0) : 0;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEvent event)
    {
        if (exchange.equals(event.exchange()) &&
            (event.instrumentId() == FeedEvent.ALL_INSTRUMENTS || event.instrumentId() == instrumentId))
        {
            if (event.type().isImpairing())
            {
                halted = true;
                bid = 0;
                ask = 0;
            }
            else if (event.type().isRecovery())
            {
                halted = false;
            }
        }
    }

    /**
     * Current signal: 1 fast above slow, -1 below, 0 equal or not enough trades yet.
     *
     * @return the signal.
     */
    public int signal()
    {
        return signal;
    }

    /**
     * Whether trading is halted by a feed event.
     *
     * @return true when halted.
     */
    public boolean isHalted()
    {
        return halted;
    }

    private void trade()
    {
        if (halted || context.openOrderCount() > 0)
        {
            return;
        }

        final long target = signal > 0 ? quantity : 0;
        final long delta = target - context.position(instrumentId);
        if (delta > 0)
        {
            context.placeOrder(instrumentId, Side.BUY, ask > 0 ? ask : lastPrice, delta, TimeInForce.IOC);
        }
        else if (delta < 0)
        {
            context.placeOrder(instrumentId, Side.SELL, bid > 0 ? bid : lastPrice, -delta, TimeInForce.IOC);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return NAME + " " + exchange + ":" + symbol + " " + params;
    }
}
