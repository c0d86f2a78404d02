/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.relay;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * A dashboard-like consumer in its own process for the isolation test: reads the merged stream on the untethered
 * channel and keeps, in Aeron counters the test reads, how many trades it received and how many it can prove it
 * skipped (holes in the per-stream sequence).
 */
public final class UntetheredConsumer
{
    /**
     * Counter type of trades received.
     */
    public static final int RECEIVED_TYPE_ID = 9901;

    /**
     * Counter type of trades skipped.
     */
    public static final int SKIPPED_TYPE_ID = 9902;

    private UntetheredConsumer()
    {
    }

    /**
     * Run until killed.
     *
     * @param args the Aeron directory.
     */
    public static void main(final String[] args)
    {
        // Totals outlive the Aeron client: a process stopped longer than the driver's client liveness timeout finds
        // its client closed when it resumes, reconnects, rejoins the live stream and counts what it skipped.
        final long[] last = {-1};
        final long[] totals = {0, 0};
        while (!Thread.currentThread().isInterrupted())
        {
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(args[0])
                    .errorHandler((ex) -> System.err.println("aeron: " + ex)));
                Subscription subscription =
                    aeron.addSubscription(StreamIds.MERGED_UNTETHERED_CHANNEL, StreamIds.MERGED);
                AtomicCounter received = aeron.addCounter(RECEIVED_TYPE_ID, "bridge-like received");
                AtomicCounter skipped = aeron.addCounter(SKIPPED_TYPE_ID, "bridge-like skipped"))
            {
                received.set(totals[0]);
                skipped.set(totals[1]);
                final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
                {
                    public void onTrade(final TradeDecoder trade)
                    {
                        final long sequence = trade.sequence();
                        if (last[0] >= 0 && sequence > last[0] + 1)
                        {
                            totals[1] += sequence - last[0] - 1;
                            skipped.set(totals[1]);
                        }
                        if (sequence > last[0])
                        {
                            last[0] = sequence;
                            totals[0]++;
                            received.set(totals[0]);
                        }
                    }
                });
                final FragmentAssembler assembler =
                    new FragmentAssembler((buffer, offset, length, header) -> reader.read(buffer, offset, length));
                while (!aeron.isClosed())
                {
                    if (0 == subscription.poll(assembler, 256))
                    {
                        Thread.yield();
                    }
                }
            }
            catch (final RuntimeException ex)
            {
                System.err.println("reconnecting after: " + ex);
            }
        }
    }
}
