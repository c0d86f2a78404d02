/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

/**
 * An instrument as an InstrumentDefinition gives it.
 *
 * @param exchange      exchange name, e.g. {@code KRAKEN}.
 * @param instrumentId  instrument id.
 * @param symbol        canonical symbol, BASE-QUOTE.
 * @param venueSymbol   the exchange's spelling.
 * @param priceScale    decimal places of prices.
 * @param quantityScale decimal places of quantities.
 */
public record Instrument(
    String exchange, int instrumentId, String symbol, String venueSymbol, int priceScale, int quantityScale)
{
    /**
     * Key of an instrument in maps: exchange code and instrument id in one int.
     *
     * @param exchangeCode SBE exchange code.
     * @param instrumentId instrument id (uint16).
     * @return key.
     */
    public static int key(final int exchangeCode, final int instrumentId)
    {
        return (exchangeCode << 16) | instrumentId;
    }
}
