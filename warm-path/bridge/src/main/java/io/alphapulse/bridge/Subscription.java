/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.alphapulse.schemas.marketdata.Exchange;

/**
 * One client subscription: a channel filtered by exchange and symbol.
 *
 * @param channel  channel.
 * @param exchange exchange, or null for any ({@code "*"}).
 * @param symbol   canonical symbol, or null for any ({@code "*"}).
 * @param depth    book levels per side (book only, else 0).
 */
public record Subscription(Channel channel, Exchange exchange, String symbol, int depth)
{
    /**
     * Whether a message of this channel for an exchange and symbol matches. A status event about a whole
     * connection (no symbol) matches every symbol filter of its exchange.
     *
     * @param channel  of the message.
     * @param exchange of the message.
     * @param symbol   of the message, or null when it concerns no single instrument.
     * @return true if the subscriber wants it.
     */
    public boolean matches(final Channel channel, final Exchange exchange, final String symbol)
    {
        return this.channel == channel &&
            (null == this.exchange || this.exchange == exchange) &&
            (null == this.symbol || null == symbol || this.symbol.equals(symbol));
    }

    /**
     * Same channel and filters (what unsubscribe removes).
     *
     * @param other subscription.
     * @return true if channel, exchange and symbol are equal.
     */
    public boolean sameFilter(final Subscription other)
    {
        return channel == other.channel && exchange == other.exchange &&
            java.util.Objects.equals(symbol, other.symbol);
    }
}
