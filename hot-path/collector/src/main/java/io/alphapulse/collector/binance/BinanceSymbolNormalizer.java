/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.SymbolNormalizer;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Binance spot symbols to canonical {@code BASE-QUOTE}: Binance writes {@code BTCUSDT} with no separator, so the quote
 * is the longest known quote asset the symbol ends with ({@code BTCUSDT} ends with {@code USDT} and {@code USD}:
 * {@code USDT} wins), and the base is what remains. A symbol that ends with no known quote, or is nothing but one, is
 * rejected naming it, so that a new quote asset is added here rather than mis-split.
 * <p>
 * Called once per symbol, on first sight (see {@code InstrumentRegistry#resolve}); it allocates.
 */
public final class BinanceSymbolNormalizer implements SymbolNormalizer
{
    /**
     * Quote assets of Binance spot markets, current and historical (stablecoins, majors, fiat).
     */
    static final String[] QUOTE_ASSETS =
    {
        "USDT", "BUSD", "USDC", "FDUSD", "TUSD", "USDP", "USDS", "PAX", "DAI", "UST", "VAI", "AEUR", "EURI", "USD1",
        "BTC", "ETH", "BNB", "XRP", "TRX", "DOGE",
        "EUR", "GBP", "TRY", "BRL", "AUD", "RUB", "UAH", "NGN", "ZAR", "IDRT", "BIDR", "BKRW", "BVND", "GYEN", "JPY",
        "PLN", "RON", "ARS", "MXN", "COP", "CZK", "USD"
    };

    private static final String[] BY_LENGTH_DESCENDING = sortedByLengthDescending();

    /**
     * {@inheritDoc}
     */
    public String canonical(final String venueSymbol)
    {
        if (null == venueSymbol || venueSymbol.isEmpty())
        {
            throw new IllegalArgumentException("empty Binance symbol");
        }
        for (final String quote : BY_LENGTH_DESCENDING)
        {
            if (venueSymbol.length() > quote.length() && venueSymbol.endsWith(quote))
            {
                return venueSymbol.substring(0, venueSymbol.length() - quote.length()) + '-' + quote;
            }
        }
        throw new IllegalArgumentException("Binance symbol '" + venueSymbol +
            "' ends with no known quote asset (" + String.join(", ", QUOTE_ASSETS) + ")");
    }

    private static String[] sortedByLengthDescending()
    {
        final String[] quotes = QUOTE_ASSETS.clone();
        Arrays.sort(quotes, Comparator.comparingInt(String::length).reversed());
        return quotes;
    }
}
