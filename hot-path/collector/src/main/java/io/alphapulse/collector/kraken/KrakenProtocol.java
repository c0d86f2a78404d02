/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.ExchangeProtocol;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.FrameDecoder;
import io.alphapulse.collector.FrameListener;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.SymbolNormalizer;
import io.alphapulse.schemas.marketdata.Exchange;

import java.net.URI;
import java.util.List;

/**
 * Kraken: being built under issue #3.
 */
public final class KrakenProtocol implements ExchangeProtocol
{
    /**
     * {@inheritDoc}
     */
    public Exchange exchange()
    {
        return Exchange.KRAKEN;
    }

    /**
     * {@inheritDoc}
     */
    public URI defaultEndpoint()
    {
        return URI.create("wss://ws.kraken.com/v2");
    }

    /**
     * {@inheritDoc}
     */
    public String venueSymbol(final String canonicalSymbol)
    {
        throw new UnsupportedOperationException("Kraken arrives with issue #3");
    }

    /**
     * {@inheritDoc}
     */
    public SymbolNormalizer normalizer()
    {
        throw new UnsupportedOperationException("Kraken arrives with issue #3");
    }

    /**
     * {@inheritDoc}
     */
    public List<String> subscribeFrames(final List<String> venueSymbols)
    {
        throw new UnsupportedOperationException("Kraken arrives with issue #3");
    }

    /**
     * {@inheritDoc}
     */
    public List<String> resubscribeBookFrames(final String venueSymbol)
    {
        throw new UnsupportedOperationException("Kraken arrives with issue #3");
    }

    /**
     * {@inheritDoc}
     */
    public String applicationPing()
    {
        return null;
    }

    /**
     * {@inheritDoc}
     */
    public FrameDecoder newDecoder(
        final MarketDataProxy proxy,
        final InstrumentRegistry registry,
        final FrameListener listener,
        final ExchangeSession session)
    {
        throw new UnsupportedOperationException("Kraken arrives with issue #3");
    }

    /**
     * {@inheritDoc}
     */
    public io.alphapulse.collector.source.SyntheticFrames syntheticFrames(
        final List<String> venueSymbols, final long seed, final io.alphapulse.collector.source.SyntheticFrames.Mix mix)
    {
        throw new UnsupportedOperationException("synthetic frames arrive with issue #3");
    }
}
