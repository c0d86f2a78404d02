/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

/**
 * What a decoder may ask of the connection it decodes: a fresh book for one instrument, while the other instruments
 * keep flowing. Live, the collector resubscribes the symbol (Kraken, Coinbase) or fetches a REST snapshot (Binance);
 * in {@code pulse decode} nothing can be fetched and the request is only counted.
 */
@FunctionalInterface
public interface ExchangeSession
{
    /**
     * A session that can fetch nothing.
     */
    ExchangeSession NONE = (instrument) -> {};

    /**
     * Ask for a fresh snapshot of one instrument's book.
     *
     * @param instrument the instrument whose book is out of sync.
     */
    void requestResync(Instrument instrument);

    /**
     * Ask for a new connection soon (Binance {@code serverShutdown}, a per-connection sequence gap on Coinbase
     * Advanced): the collector reconnects, resubscribes and rebuilds every book from new snapshots.
     *
     * @param reason for the log and the {@code DISCONNECTED} feed event.
     */
    default void requestReconnect(final String reason)
    {
    }
}
