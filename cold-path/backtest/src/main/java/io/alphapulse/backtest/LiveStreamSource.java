/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;

/**
 * A live paper run: the strategy driven by the merged stream as it is published, through the same adapter and
 * engine as a backtest. Subscribe before the data of interest is published; the subscription should be tethered
 * ({@code aeron:ipc}) so that nothing is dropped, as the parity test requires.
 */
public final class LiveStreamSource
{
    private final Subscription subscription;
    private final FragmentHandler handler;

    /**
     * A live source on a subscription.
     *
     * @param subscription the merged stream.
     * @param adapter      where messages go.
     */
    public LiveStreamSource(final Subscription subscription, final MarketDataAdapter adapter)
    {
        this.subscription = subscription;
        this.handler = new FragmentAssembler((buffer, offset, length, header) ->
            adapter.onMessage(buffer, offset, length));
    }

    /**
     * Poll once (a duty-cycle step).
     *
     * @param fragmentLimit most fragments to read.
     * @return fragments read.
     */
    public int poll(final int fragmentLimit)
    {
        return subscription.poll(handler, fragmentLimit);
    }
}
