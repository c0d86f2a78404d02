/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.collector.binance.BinanceProtocol;
import io.alphapulse.collector.coinbase.CoinbaseProtocol;
import io.alphapulse.collector.kraken.KrakenProtocol;

import java.util.Locale;

/**
 * The exchanges a collector can speak to, by name.
 */
public final class ExchangeProtocols
{
    private ExchangeProtocols()
    {
    }

    /**
     * The protocol of an exchange.
     *
     * @param name {@code kraken}, {@code coinbase} or {@code binance} (case-insensitive).
     * @return the protocol.
     * @throws IllegalArgumentException naming the bad value and the valid ones.
     */
    public static ExchangeProtocol forName(final String name)
    {
        return switch (null == name ? "" : name.trim().toLowerCase(Locale.ROOT))
        {
            case "kraken" -> new KrakenProtocol();
            case "coinbase" -> new CoinbaseProtocol();
            case "binance" -> new BinanceProtocol();
            default -> throw new IllegalArgumentException(
                "unknown exchange '" + name + "': use kraken, coinbase or binance");
        };
    }
}
