/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.SymbolNormalizer;

/**
 * Kraken pairs to canonical symbols and back. Kraken spells a pair {@code BASE/QUOTE}; v1 (and REST {@code wsname})
 * use the legacy asset codes {@code XBT} and {@code XDG}, v2 the ISO codes {@code BTC} and {@code DOGE}. Both
 * spellings normalise to the same canonical {@code BASE-QUOTE}, so {@code XBT/USD} and {@code BTC/USD} are one
 * instrument.
 * <p>
 * Called only on first sight of a pair (it allocates); stateless and thread-safe.
 */
public final class KrakenSymbolNormalizer implements SymbolNormalizer
{
    /**
     * The shared instance.
     */
    public static final KrakenSymbolNormalizer INSTANCE = new KrakenSymbolNormalizer();

    private KrakenSymbolNormalizer()
    {
    }

    /**
     * {@inheritDoc}
     */
    public String canonical(final String venueSymbol)
    {
        final int slash = null == venueSymbol ? -1 : venueSymbol.indexOf('/');
        if (slash <= 0 || slash == venueSymbol.length() - 1 || venueSymbol.indexOf('/', slash + 1) >= 0 ||
            !isAssetCode(venueSymbol, 0, slash) || !isAssetCode(venueSymbol, slash + 1, venueSymbol.length()))
        {
            throw new IllegalArgumentException("not a Kraken pair: '" + venueSymbol + "', expected BASE/QUOTE");
        }

        return isoAsset(venueSymbol.substring(0, slash)) + '-' + isoAsset(venueSymbol.substring(slash + 1));
    }

    /**
     * The v2 spelling of a canonical symbol: {@code BTC-USD} to {@code BTC/USD}.
     *
     * @param canonicalSymbol {@code BASE-QUOTE}.
     * @return {@code BASE/QUOTE}.
     * @throws IllegalArgumentException naming the symbol when it is not {@code BASE-QUOTE}.
     */
    public static String v2Symbol(final String canonicalSymbol)
    {
        final int dash = null == canonicalSymbol ? -1 : canonicalSymbol.indexOf('-');
        if (dash <= 0 || dash == canonicalSymbol.length() - 1 || canonicalSymbol.indexOf('-', dash + 1) >= 0 ||
            !isAssetCode(canonicalSymbol, 0, dash) ||
            !isAssetCode(canonicalSymbol, dash + 1, canonicalSymbol.length()))
        {
            throw new IllegalArgumentException("not a canonical symbol: '" + canonicalSymbol +
                "', expected BASE-QUOTE");
        }

        return canonicalSymbol.substring(0, dash) + '/' + canonicalSymbol.substring(dash + 1);
    }

    private static String isoAsset(final String asset)
    {
        return switch (asset)
        {
            case "XBT" -> "BTC";
            case "XDG" -> "DOGE";
            default -> asset;
        };
    }

    private static boolean isAssetCode(final String text, final int from, final int to)
    {
        // Kraken asset codes: letters and digits (1INCH), with '.' in a few staking/legacy codes (ETH2.S).
        for (int i = from; i < to; i++)
        {
            final char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || '.' == c))
            {
                return false;
            }
        }
        return to > from;
    }
}
