/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One instrument on one exchange: a stable id, the canonical symbol ({@code BASE-QUOTE}), the symbol as the exchange
 * spells it, and the fixed scales of its prices and quantities. Also carries the collector's per-instrument state
 * that every decoder needs: whether its definition has been published on the current stream.
 */
public final class Instrument
{
    private final int id;
    private final Exchange exchange;
    private final String symbol;
    private final String venueSymbol;
    private final byte[] venueSymbolBytes;
    private final int priceScale;
    private final int quantityScale;
    private boolean definitionPublished;

    /**
     * An instrument.
     *
     * @param id            stable id, 1 to 65534.
     * @param exchange      exchange.
     * @param symbol        canonical symbol, e.g. {@code BTC-USD}.
     * @param venueSymbol   exchange's symbol, e.g. {@code XBT/USD}.
     * @param priceScale    decimal places of prices.
     * @param quantityScale decimal places of quantities.
     */
    public Instrument(
        final int id,
        final Exchange exchange,
        final String symbol,
        final String venueSymbol,
        final int priceScale,
        final int quantityScale)
    {
        this.id = id;
        this.exchange = exchange;
        this.symbol = symbol;
        this.venueSymbol = venueSymbol;
        this.venueSymbolBytes = venueSymbol.getBytes(StandardCharsets.US_ASCII);
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;
    }

    /**
     * Stable id.
     *
     * @return stable id.
     */
    public int id()
    {
        return id;
    }

    /**
     * Exchange.
     *
     * @return exchange.
     */
    public Exchange exchange()
    {
        return exchange;
    }

    /**
     * Canonical symbol, {@code BASE-QUOTE}.
     *
     * @return canonical symbol.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * Symbol as the exchange spells it.
     *
     * @return venue symbol.
     */
    public String venueSymbol()
    {
        return venueSymbol;
    }

    /**
     * Decimal places of prices.
     *
     * @return price scale.
     */
    public int priceScale()
    {
        return priceScale;
    }

    /**
     * Decimal places of quantities.
     *
     * @return quantity scale.
     */
    public int quantityScale()
    {
        return quantityScale;
    }

    /**
     * Whether the venue symbol equals the given bytes.
     *
     * @param buffer holding the bytes.
     * @param offset first byte.
     * @param length bytes.
     * @return true when equal.
     */
    public boolean venueSymbolEquals(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != venueSymbolBytes.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != venueSymbolBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    boolean definitionPublished()
    {
        return definitionPublished;
    }

    void definitionPublished(final boolean definitionPublished)
    {
        this.definitionPublished = definitionPublished;
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return exchange + ":" + symbol + "(" + venueSymbol + ",id=" + id + ",scales=" + priceScale + "/" +
            quantityScale + ")";
    }
}
