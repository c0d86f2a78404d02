/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.SymbolNormalizer;

/**
 * Coinbase product ids ({@code BTC-USD}) are canonical symbols already: the rule is identity, with validation that
 * the id really is {@code BASE-QUOTE} in upper case letters and digits (Coinbase lists products such as
 * {@code 1INCH-USD}), so that a mistyped or lower-case symbol fails when it is first seen instead of silently getting
 * an instrument id of its own.
 */
public final class CoinbaseSymbols implements SymbolNormalizer
{
    /**
     * The one instance: the rule has no state.
     */
    public static final CoinbaseSymbols INSTANCE = new CoinbaseSymbols();

    private CoinbaseSymbols()
    {
    }

    /**
     * {@inheritDoc}
     */
    public String canonical(final String venueSymbol)
    {
        return validate(venueSymbol);
    }

    /**
     * Check a Coinbase product id.
     *
     * @param productId e.g. {@code BTC-USD}.
     * @return the same id.
     * @throws IllegalArgumentException naming the id when it is not {@code BASE-QUOTE} in upper case.
     */
    public static String validate(final String productId)
    {
        if (!isProductId(productId))
        {
            throw new IllegalArgumentException("not a Coinbase product id (BASE-QUOTE, upper case letters and " +
                "digits): '" + productId + "'");
        }
        return productId;
    }

    private static boolean isProductId(final String productId)
    {
        if (null == productId)
        {
            return false;
        }

        final int length = productId.length();
        int dash = -1;
        for (int i = 0; i < length; i++)
        {
            final char c = productId.charAt(i);
            if ('-' == c)
            {
                if (-1 != dash)
                {
                    return false;
                }
                dash = i;
            }
            else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }
        return dash > 0 && dash < length - 1;
    }
}
