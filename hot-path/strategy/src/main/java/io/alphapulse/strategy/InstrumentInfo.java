/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import java.util.Objects;

/**
 * One instrument on one exchange: prices and quantities of this instrument are {@code long} mantissas at its scales
 * ({@code value = mantissa / 10^scale}).
 *
 * @param id            instrument id from the catalogue (unique across exchanges).
 * @param exchange      exchange name, e.g. {@code KRAKEN}.
 * @param symbol        canonical symbol, {@code BASE-QUOTE}, e.g. {@code BTC-USD}: the same on every exchange.
 * @param priceScale    decimal places of prices.
 * @param quantityScale decimal places of quantities.
 */
public record InstrumentInfo(int id, String exchange, String symbol, int priceScale, int quantityScale)
{
    /**
     * Validate.
     *
     * @param id            instrument id.
     * @param exchange      exchange name.
     * @param symbol        canonical symbol.
     * @param priceScale    decimal places of prices.
     * @param quantityScale decimal places of quantities.
     */
    public InstrumentInfo
    {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        if (priceScale < 0 || priceScale > 18 || quantityScale < 0 || quantityScale > 18)
        {
            throw new IllegalArgumentException("scales out of range 0-18 for " + exchange + ":" + symbol);
        }
    }

    /**
     * The quote asset, the part of the symbol after the dash ({@code USD} of {@code BTC-USD}).
     *
     * @return the quote asset.
     */
    public String quoteAsset()
    {
        final int dash = symbol.indexOf('-');
        return dash < 0 ? symbol : symbol.substring(dash + 1);
    }

    /**
     * {@code EXCHANGE:SYMBOL}, as strategy parameters name instruments.
     *
     * @return {@code EXCHANGE:SYMBOL}.
     */
    public String key()
    {
        return exchange + ":" + symbol;
    }
}
