/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.alphapulse.bench.support.PacedPublisher;
import io.alphapulse.schemas.marketdata.Exchange;

/**
 * The relay's latency runs' publisher: one exchange's SBE trades on the {@link PacedPublisher} schedule.
 */
abstract class TradePacedPublisher extends PacedPublisher
{
    /**
     * Exchange of the stream.
     */
    final Exchange exchange;

    /**
     * Trade encoder.
     */
    final TradeFrames frames = new TradeFrames();

    TradePacedPublisher(
        final String name,
        final Exchange exchange,
        final long messages,
        final long warmupMessages,
        final long intervalNs)
    {
        super(name, messages, warmupMessages, intervalNs);
        this.exchange = exchange;
    }
}
