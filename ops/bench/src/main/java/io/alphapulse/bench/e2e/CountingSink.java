/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.aeron.ExclusivePublication;
import io.alphapulse.collector.MessageSink;
import io.alphapulse.schemas.marketdata.MessageHeaderDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's publication, counting the trades it accepted: the run is complete when the strategy (or the
 * WebSocket client) has seen that many.
 */
final class CountingSink implements MessageSink
{
    private final ExclusivePublication publication;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AtomicLong tradesPublished = new AtomicLong();

    CountingSink(final ExclusivePublication publication)
    {
        this.publication = publication;
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = publication.offer(buffer, offset, length);
        if (result > 0 && header.wrap(buffer, offset).templateId() == TradeDecoder.TEMPLATE_ID)
        {
            tradesPublished.lazySet(tradesPublished.get() + 1);
        }
        return result;
    }

    /**
     * Trades accepted by the publication so far, from any thread.
     *
     * @return count.
     */
    long tradesPublished()
    {
        return tradesPublished.get();
    }
}
