/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

/**
 * An exchange's rule from its own symbol to the canonical {@code BASE-QUOTE} form.
 */
@FunctionalInterface
public interface SymbolNormalizer
{
    /**
     * Canonical symbol for a venue symbol, e.g. Kraken {@code XBT/USD} to {@code BTC-USD}.
     *
     * @param venueSymbol symbol as the exchange spells it.
     * @return canonical symbol.
     * @throws IllegalArgumentException naming the symbol when it cannot be normalized.
     */
    String canonical(String venueSymbol);
}
