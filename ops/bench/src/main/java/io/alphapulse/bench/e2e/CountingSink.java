/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.alphapulse.collector.MessageSink;
import io.alphapulse.schemas.marketdata.MessageHeaderDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The collector's publication ({@code publication::offer}, as {@code Collector} wires it), counting the trades it
 * accepted (the run is complete when the strategy or the WebSocket client has seen that many) and each reason it
 * refused a message.
 */
final class CountingSink implements MessageSink
{
    private final ExclusivePublication publication;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AtomicLong tradesPublished = new AtomicLong();
    private final AtomicLong adminActions = new AtomicLong();
    private final AtomicLong otherRefusals = new AtomicLong();

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
        else if (Publication.ADMIN_ACTION == result)
        {
            adminActions.lazySet(adminActions.get() + 1);
        }
        else if (result < 0)
        {
            otherRefusals.lazySet(otherRefusals.get() + 1);
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

    /**
     * Offers refused with {@code ADMIN_ACTION} (the term rotated during the offer; Aeron says to retry it).
     *
     * @return count.
     */
    long adminActions()
    {
        return adminActions.get();
    }

    /**
     * Offers refused for any other reason (back-pressure, not connected, closed, max position).
     *
     * @return count.
     */
    long otherRefusals()
    {
        return otherRefusals.get();
    }
}
