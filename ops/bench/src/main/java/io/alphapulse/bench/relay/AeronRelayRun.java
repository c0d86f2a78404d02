/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.alphapulse.bench.support.BenchThread;
import io.alphapulse.bench.support.PacedPublisher;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.StreamIds;
import io.alphapulse.relay.Relay;
import io.alphapulse.schemas.marketdata.Exchange;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs against a relay that is already running: collector publications on the collector streams, a consumer on the
 * merged stream, each on its own thread. Every run checks that the consumer received every message published, in
 * order, and fails otherwise.
 */
final class AeronRelayRun
{
    private static final int CONSUMER_FRAGMENT_LIMIT = 256;
    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Aeron aeron;
    private final Profile profile;

    /**
     * Runs with a client of the relay's media driver.
     *
     * @param aeron   client.
     * @param profile profile of the consumer's idle strategy.
     */
    AeronRelayRun(final Aeron aeron, final Profile profile)
    {
        this.aeron = aeron;
        this.profile = profile;
    }

    /**
     * Saturate the relay: every collector stream as fast as {@code tryClaim} allows, publishers split over
     * {@code publisherThreads} threads; the rate is what the consumer receives during the measurement.
     *
     * @param publisherThreads threads sharing the three collector streams.
     * @param warmupNs         before measuring.
     * @param measureNs        measured.
     * @return the rate and what was checked.
     * @throws InterruptedException when interrupted.
     */
    RelayStage.Throughput throughput(final int publisherThreads, final long warmupNs, final long measureNs)
        throws InterruptedException
    {
        final List<ExclusivePublication> publications = new ArrayList<>();
        final List<BenchThread> threads = new ArrayList<>();
        final Subscription merged = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        try
        {
            for (final Exchange exchange : TradeFrames.EXCHANGES)
            {
                publications.add(aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, Relay.streamId(exchange)));
            }
            awaitConnected(merged, publications);

            final MergedStreamCheck check = new MergedStreamCheck();
            final Consumer consumer = new Consumer(merged, check, profile.agentIdleStrategy(),
                System.nanoTime() + warmupNs + measureNs + DRAIN_TIMEOUT_NS);
            threads.add(consumer);
            final List<ThroughputPublisher> publishers = new ArrayList<>();
            for (int t = 0; t < publisherThreads; t++)
            {
                final List<ExclusivePublication> own = new ArrayList<>();
                final List<Exchange> exchanges = new ArrayList<>();
                for (int i = t; i < publications.size(); i += publisherThreads)
                {
                    own.add(publications.get(i));
                    exchanges.add(TradeFrames.EXCHANGES.get(i));
                }
                final ThroughputPublisher publisher = new ThroughputPublisher("relay-bench-publisher-" + t, own,
                    exchanges);
                publishers.add(publisher);
                threads.add(publisher);
            }

            final BenchThread[] watched = threads.toArray(new BenchThread[0]);
            for (final BenchThread thread : watched)
            {
                thread.start();
            }
            BenchThread.awaitNs(warmupNs, watched);
            final long startCount = consumer.receivedSoFar();
            final long startNs = System.nanoTime();
            BenchThread.awaitNs(measureNs, watched);
            final long endCount = consumer.receivedSoFar();
            final long endNs = System.nanoTime();

            final long[] published = new long[TradeFrames.EXCHANGE_SLOTS];
            long total = 0;
            long backPressure = 0;
            for (final ThroughputPublisher publisher : publishers)
            {
                publisher.stop();
                publisher.join(STOP_TIMEOUT_NS);
                total += publisher.addPublished(published);
                backPressure += publisher.backPressure;
            }
            consumer.expectTotal(total);
            consumer.join(DRAIN_TIMEOUT_NS);
            check.verify(published, "aeron relay throughput");

            return new RelayStage.Throughput(
                (endCount - startCount) * 1e9 / (endNs - startNs),
                total,
                check.summary() + "; publisher back-pressured " + backPressure + " times");
        }
        finally
        {
            BenchThread.stopAll(threads, STOP_TIMEOUT_NS);
            CloseHelper.closeAll(publications);
            CloseHelper.close(merged);
        }
    }

    /**
     * One collector stream at a fixed rate through the relay; the consumer records each message's latency from its
     * intended send time.
     *
     * @param exchange      exchange of the stream.
     * @param intervalNs    time between messages.
     * @param warmupCount   messages not recorded.
     * @param measuredCount messages recorded.
     * @param histogram     where latencies in ns go.
     * @return the publisher, joined, for its lateness.
     * @throws InterruptedException when interrupted.
     */
    PacedPublisher latency(
        final Exchange exchange,
        final long intervalNs,
        final long warmupCount,
        final long measuredCount,
        final Histogram histogram)
        throws InterruptedException
    {
        final List<BenchThread> threads = new ArrayList<>();
        final Subscription merged = aeron.addSubscription(StreamIds.MERGED_CHANNEL, StreamIds.MERGED);
        final ExclusivePublication publication =
            aeron.addExclusivePublication(StreamIds.COLLECTOR_CHANNEL, Relay.streamId(exchange));
        try
        {
            awaitConnected(merged, List.of(publication));
            final long messages = warmupCount + measuredCount;
            final long runNs = messages * intervalNs;
            final MergedStreamCheck check = new MergedStreamCheck(histogram, warmupCount);
            final Consumer consumer = new Consumer(merged, check, profile.agentIdleStrategy(),
                System.nanoTime() + runNs + DRAIN_TIMEOUT_NS);
            final AeronPacedPublisher publisher = new AeronPacedPublisher(publication, exchange, messages, warmupCount,
                intervalNs, System.nanoTime() + runNs + DRAIN_TIMEOUT_NS);
            threads.add(consumer);
            threads.add(publisher);
            consumer.expectTotal(messages);
            consumer.start();
            publisher.start();

            BenchThread.awaitNs(runNs, consumer, publisher);
            publisher.join(DRAIN_TIMEOUT_NS);
            consumer.join(DRAIN_TIMEOUT_NS);
            final long[] published = new long[TradeFrames.EXCHANGE_SLOTS];
            published[exchange.value()] = publisher.sent();
            check.verify(published, "aeron relay latency");
            if (publisher.sent() != messages)
            {
                throw new IllegalStateException("aeron relay latency: sent " + publisher.sent() + " of " + messages);
            }
            return publisher;
        }
        finally
        {
            BenchThread.stopAll(threads, STOP_TIMEOUT_NS);
            CloseHelper.close(publication);
            CloseHelper.close(merged);
        }
    }

    private static void awaitConnected(final Subscription merged, final List<ExclusivePublication> publications)
    {
        final long deadlineNs = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!merged.isConnected() || !publications.stream().allMatch(Publication::isConnected))
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("the relay did not connect to the bench's streams within 10 s: " +
                    "merged connected " + merged.isConnected());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Counts and checks the merged stream until it has seen the expected total.
     */
    static final class Consumer extends BenchThread implements FragmentHandler
    {
        private final Subscription subscription;
        private final MergedStreamCheck check;
        private final IdleStrategy idleStrategy;
        private final long deadlineNs;
        private final AtomicLong receivedSoFar = new AtomicLong();
        private volatile long expectedTotal = Long.MAX_VALUE;
        private volatile boolean running = true;

        Consumer(
            final Subscription subscription,
            final MergedStreamCheck check,
            final IdleStrategy idleStrategy,
            final long deadlineNs)
        {
            super("relay-bench-consumer");
            this.subscription = subscription;
            this.check = check;
            this.idleStrategy = idleStrategy;
            this.deadlineNs = deadlineNs;
        }

        public void work()
        {
            while (check.received() < expectedTotal && running)
            {
                final int fragments = subscription.poll(this, CONSUMER_FRAGMENT_LIMIT);
                if (fragments > 0)
                {
                    receivedSoFar.lazySet(check.received());
                }
                else if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new IllegalStateException("merged stream incomplete at the deadline: " + check.summary());
                }
                idleStrategy.idle(fragments);
            }
            receivedSoFar.lazySet(check.received());
        }

        /**
         * {@inheritDoc}
         */
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            check.onMessage(buffer, offset, length);
        }

        public void stop()
        {
            running = false;
        }

        long receivedSoFar()
        {
            return receivedSoFar.get();
        }

        void expectTotal(final long total)
        {
            expectedTotal = total;
        }
    }

    /**
     * Publishes on its collector streams in turn, one message each per round, as fast as {@code tryClaim} allows.
     */
    static final class ThroughputPublisher extends BenchThread
    {
        private final ExclusivePublication[] publications;
        private final Exchange[] exchanges;
        private final long[] sequences;
        private final BufferClaim bufferClaim = new BufferClaim();
        private final TradeFrames frames = new TradeFrames();
        private volatile boolean running = true;
        private long backPressure;

        ThroughputPublisher(
            final String name, final List<ExclusivePublication> publications, final List<Exchange> exchanges)
        {
            super(name);
            this.publications = publications.toArray(new ExclusivePublication[0]);
            this.exchanges = exchanges.toArray(new Exchange[0]);
            sequences = new long[this.publications.length];
        }

        public void work()
        {
            final long epochOffsetNs = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - System.nanoTime();
            while (running)
            {
                final long nowNs = System.nanoTime();
                int claimed = 0;
                for (int i = 0; i < publications.length; i++)
                {
                    final long result = publications[i].tryClaim(TradeFrames.MESSAGE_LENGTH, bufferClaim);
                    if (result > 0)
                    {
                        frames.encode(bufferClaim.buffer(), bufferClaim.offset(), exchanges[i], sequences[i], nowNs,
                            nowNs + epochOffsetNs);
                        bufferClaim.commit();
                        sequences[i]++;
                        claimed++;
                    }
                    else if (Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result)
                    {
                        backPressure++;
                    }
                    else
                    {
                        throw new IllegalStateException(exchanges[i] + " tryClaim: " + Publication.errorString(result));
                    }
                }
                if (0 == claimed)
                {
                    Thread.yield();
                }
            }
        }

        public void stop()
        {
            running = false;
        }

        long addPublished(final long[] published)
        {
            long total = 0;
            for (int i = 0; i < exchanges.length; i++)
            {
                published[exchanges[i].value()] += sequences[i];
                total += sequences[i];
            }
            return total;
        }
    }

    /**
     * The latency runs' publisher on a collector stream.
     */
    static final class AeronPacedPublisher extends TradePacedPublisher
    {
        private final ExclusivePublication publication;
        private final BufferClaim bufferClaim = new BufferClaim();
        private final long deadlineNs;

        AeronPacedPublisher(
            final ExclusivePublication publication,
            final Exchange exchange,
            final long messages,
            final long warmupMessages,
            final long intervalNs,
            final long deadlineNs)
        {
            super("relay-bench-paced-publisher", exchange, messages, warmupMessages, intervalNs);
            this.publication = publication;
            this.deadlineNs = deadlineNs;
        }

        public void send(final long sequence, final long intendedNs, final long epochNs)
        {
            long result;
            while ((result = publication.tryClaim(TradeFrames.MESSAGE_LENGTH, bufferClaim)) < 0)
            {
                if (Publication.BACK_PRESSURED != result && Publication.ADMIN_ACTION != result)
                {
                    throw new IllegalStateException(exchange + " tryClaim: " + Publication.errorString(result));
                }
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    throw new IllegalStateException(exchange + " back-pressured until the deadline");
                }
                Thread.onSpinWait();
            }
            frames.encode(bufferClaim.buffer(), bufferClaim.offset(), exchange, sequence, intendedNs, epochNs);
            bufferClaim.commit();
        }
    }
}
