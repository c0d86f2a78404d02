/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy.sample;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.strategy.BookView;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyContext;
import io.alphapulse.strategy.StrategyParams;
import io.alphapulse.strategy.TimeInForce;
import io.alphapulse.strategy.TopOfBookEvent;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cross-exchange spread: the same canonical instrument (e.g. BTC-USD) quoted on several exchanges. When one
 * exchange's best bid exceeds another's best ask by at least {@code min-edge-bps} of the ask, buy at the cheap ask and
 * sell at the rich bid, both IOC, the same quantity on each leg.
 * <p>
 * Prices of the legs may have different scales (Kraken quotes BTC-USD to 0.1, Coinbase to 0.01): they are compared
 * exactly at the larger scale. A leg whose exchange reports a gap, resync, stale or crossed book, or a disconnect
 * is halted (and its quote forgotten) until the feed recovers. One pair of orders at a time, then a cool-down in
 * event time; positions per leg are kept within {@code max-position}.
 * <p>
 * Parameters: {@code symbol} (BTC-USD), {@code exchanges} (KRAKEN,COINBASE), {@code min-edge-bps} (10),
 * {@code quantity} (0.001), {@code max-position} (0.01), {@code cooldown-ms} (1000).
 */
public final class CrossExchangeSpreadStrategy implements Strategy
{
    /**
     * Name to select it by.
     */
    public static final String NAME = "cross-exchange-spread";

    /**
     * One line for {@code --help}.
     */
    public static final String DESCRIPTION =
        "buy the cheap ask, sell the rich bid when one symbol is mispriced across exchanges " +
        "(symbol, exchanges, min-edge-bps, quantity, max-position, cooldown-ms)";

    private static final List<String> KEYS =
        List.of("symbol", "exchanges", "min-edge-bps", "quantity", "max-position", "cooldown-ms");
    private static final long BPS = 10_000L;

    private final StrategyParams params;
    private final String symbol;
    private final String[] exchanges;
    private final long minEdgeBps;
    private final long cooldownNs;

    private StrategyContext context;
    private int[] instrumentIds;
    private int[] priceScales;
    private long[] quantities;
    private long[] maxPositions;
    private long[] bids;
    private long[] asks;
    private boolean[] halted;
    private long cooldownUntilNs;
    private long opportunities;

    /**
     * Create from parameters.
     *
     * @param params parameters (see the class description).
     */
    public CrossExchangeSpreadStrategy(final StrategyParams params)
    {
        this.params = params.requireOnly(KEYS);
        this.symbol = params.string("symbol", "BTC-USD").toUpperCase(Locale.ROOT);
        this.exchanges = params.string("exchanges", "KRAKEN,COINBASE").toUpperCase(Locale.ROOT).split(",");
        if (exchanges.length < 2)
        {
            throw new IllegalArgumentException("strategy parameter exchanges=" + String.join(",", exchanges) +
                " must name at least two exchanges");
        }
        this.minEdgeBps = params.longValue("min-edge-bps", 10);
        if (minEdgeBps < 0)
        {
            throw new IllegalArgumentException("strategy parameter min-edge-bps=" + minEdgeBps + " is negative");
        }
        this.cooldownNs = params.positiveLong("cooldown-ms", 1000) * 1_000_000L;
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
        final int legs = exchanges.length;
        instrumentIds = new int[legs];
        priceScales = new int[legs];
        quantities = new long[legs];
        maxPositions = new long[legs];
        bids = new long[legs];
        asks = new long[legs];
        halted = new boolean[legs];
        for (int i = 0; i < legs; i++)
        {
            final InstrumentInfo instrument = context.instrument(exchanges[i].trim(), symbol);
            if (null == instrument)
            {
                throw new IllegalArgumentException(
                    "strategy " + NAME + ": no instrument " + exchanges[i].trim() + ":" + symbol);
            }
            instrumentIds[i] = instrument.id();
            priceScales[i] = instrument.priceScale();
            quantities[i] = params.decimal("quantity", "0.001", instrument.quantityScale());
            maxPositions[i] = params.decimal("max-position", "0.01", instrument.quantityScale());
            if (quantities[i] <= 0)
            {
                throw new IllegalArgumentException("strategy parameter quantity must be positive");
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(final TopOfBookEvent topOfBook)
    {
        final int leg = leg(topOfBook.instrumentId());
        if (leg >= 0 && !halted[leg])
        {
            bids[leg] = topOfBook.bidPrice();
            asks[leg] = topOfBook.askPrice();
            evaluate();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final BookView book)
    {
        final int leg = leg(book.instrumentId());
        if (leg >= 0 && !halted[leg])
        {
            bids[leg] = book.bidDepth() > 0 ? book.bidPrice(0) : 0;
            asks[leg] = book.askDepth() > 0 ? book.askPrice(0) : 0;
            evaluate();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEvent event)
    {
        for (int leg = 0; leg < exchanges.length; leg++)
        {
            if (exchanges[leg].equals(event.exchange()) &&
                (event.instrumentId() == FeedEvent.ALL_INSTRUMENTS || event.instrumentId() == instrumentIds[leg]))
            {
                if (event.type().isImpairing())
                {
                    halted[leg] = true;
                    bids[leg] = 0;
                    asks[leg] = 0;
                }
                else if (event.type().isRecovery())
                {
                    halted[leg] = false;
                }
            }
        }
    }

    /**
     * Whether a leg's exchange is halted by a feed event.
     *
     * @param exchange exchange name.
     * @return true when halted.
     */
    public boolean isHalted(final String exchange)
    {
        for (int leg = 0; leg < exchanges.length; leg++)
        {
            if (exchanges[leg].equals(exchange))
            {
                return halted[leg];
            }
        }
        return false;
    }

    /**
     * Mispricings traded so far.
     *
     * @return count.
     */
    public long opportunities()
    {
        return opportunities;
    }

    private void evaluate()
    {
        final long nowNs = context.nowNs();
        if (nowNs - cooldownUntilNs < 0 || context.openOrderCount() > 0)
        {
            return;
        }

        for (int sell = 0; sell < exchanges.length; sell++)
        {
            for (int buy = 0; buy < exchanges.length; buy++)
            {
                if (sell == buy || halted[sell] || halted[buy] || bids[sell] <= 0 || asks[buy] <= 0)
                {
                    continue;
                }
                final int scale = Math.max(priceScales[sell], priceScales[buy]);
                final long bid = bids[sell] * DecimalCodec.pow10(scale - priceScales[sell]);
                final long ask = asks[buy] * DecimalCodec.pow10(scale - priceScales[buy]);
                if ((bid - ask) * BPS >= minEdgeBps * ask && bid > ask &&
                    context.position(instrumentIds[buy]) + quantities[buy] <= maxPositions[buy] &&
                    context.position(instrumentIds[sell]) - quantities[sell] >= -maxPositions[sell])
                {
                    opportunities++;
                    cooldownUntilNs = nowNs + cooldownNs;
                    context.placeOrder(instrumentIds[buy], Side.BUY, asks[buy], quantities[buy], TimeInForce.IOC);
                    context.placeOrder(instrumentIds[sell], Side.SELL, bids[sell], quantities[sell], TimeInForce.IOC);
                    return;
                }
            }
        }
    }

    private int leg(final int instrumentId)
    {
        for (int i = 0; i < instrumentIds.length; i++)
        {
            if (instrumentIds[i] == instrumentId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return NAME + " " + symbol + " on " + Arrays.toString(exchanges) + " " + params;
    }
}
