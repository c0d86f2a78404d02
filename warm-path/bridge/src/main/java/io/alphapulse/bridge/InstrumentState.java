/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.alphapulse.schemas.marketdata.Exchange;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the bridge knows of one instrument on one exchange: its definition, the L2 book, recent trades, the top of
 * book and the current one-minute candle. Values are mantissas at the instrument's scales. Owned by the agent thread.
 */
final class InstrumentState
{
    static final long MINUTE_NS = 60_000_000_000L;

    final Exchange exchange;
    final int instrumentId;
    final long key;
    String symbol;
    String venueSymbol;
    int priceScale;
    int quantityScale;

    // Book: price -> quantity; bids best (highest) first.
    final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    final TreeMap<Long, Long> asks = new TreeMap<>();
    boolean snapshotInProgress;
    boolean bookConsistent = true;
    boolean hasBook;
    long bookExchangeTimeNs = Long.MIN_VALUE;
    long bookReceiveTimeNs;
    long bookPublishTimeNs;
    long bookSequence;

    // Recent trades as encoded messages, oldest first.
    final ArrayDeque<String> recentTrades = new ArrayDeque<>();

    // Latest ticker message, or null.
    String ticker;

    // Current candle.
    long candleStartNs = Long.MIN_VALUE;
    long open;
    long high;
    long low;
    long close;
    long volume;
    long tradeCount;
    String candle;

    InstrumentState(final Exchange exchange, final int instrumentId)
    {
        this.exchange = exchange;
        this.instrumentId = instrumentId;
        this.key = key(exchange, instrumentId);
    }

    static long key(final Exchange exchange, final int instrumentId)
    {
        return ((long)exchange.value() << 16) | instrumentId;
    }

    boolean defined()
    {
        return null != symbol;
    }

    void define(final String symbol, final String venueSymbol, final int priceScale, final int quantityScale)
    {
        if (null != this.symbol && (priceScale != this.priceScale || quantityScale != this.quantityScale))
        {
            // A new scale makes every mantissa held at the old one meaningless: start over.
            bids.clear();
            asks.clear();
            hasBook = false;
            recentTrades.clear();
            ticker = null;
            candleStartNs = Long.MIN_VALUE;
            candle = null;
        }
        this.symbol = symbol;
        this.venueSymbol = venueSymbol;
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;
    }

    void setLevel(final boolean bid, final long price, final long quantity)
    {
        final TreeMap<Long, Long> side = bid ? bids : asks;
        if (0 == quantity)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, quantity);
        }
    }

    void addRecentTrade(final String message, final int capacity)
    {
        if (recentTrades.size() >= capacity)
        {
            recentTrades.pollFirst();
        }
        recentTrades.addLast(message);
    }

    /**
     * Add a trade to the candle.
     *
     * @return -1 if the trade is older than the current candle (not counted), 0 if it updated the current candle,
     *         1 if it started a new one (the previous one, if any, is final).
     */
    int onCandleTrade(final long timeNs, final long price, final long quantity)
    {
        final long startNs = Math.floorDiv(timeNs, MINUTE_NS) * MINUTE_NS;
        if (Long.MIN_VALUE != candleStartNs && startNs < candleStartNs)
        {
            return -1;
        }
        if (startNs != candleStartNs)
        {
            candleStartNs = startNs;
            open = price;
            high = price;
            low = price;
            close = price;
            volume = quantity;
            tradeCount = 1;
            return 1;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume = Math.addExact(volume, quantity);
        tradeCount++;
        return 0;
    }

    static void appendLevels(final StringBuilder out, final TreeMap<Long, Long> side, final int depth,
        final int priceScale, final int quantityScale)
    {
        out.append('[');
        final Iterator<Map.Entry<Long, Long>> it = side.entrySet().iterator();
        for (int i = 0; i < depth && it.hasNext(); i++)
        {
            final Map.Entry<Long, Long> level = it.next();
            if (i > 0)
            {
                out.append(',');
            }
            out.append('[');
            Json.decimal(out, level.getKey(), priceScale).append(',');
            Json.decimal(out, level.getValue(), quantityScale).append(']');
        }
        out.append(']');
    }
}
