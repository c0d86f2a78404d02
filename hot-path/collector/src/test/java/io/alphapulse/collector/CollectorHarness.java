/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.aeron.Aeron;
import io.aeron.Subscription;
import io.alphapulse.driver.Profile;
import io.alphapulse.driver.PulseMediaDriver;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real media driver (own temporary directory), one collector, and a subscriber that records every message on the
 * collector's stream as a line of text, for tests to wait on. Tests only.
 */
public final class CollectorHarness implements AutoCloseable
{
    private final PulseMediaDriver driver;
    private final Aeron aeron;
    private final Subscription subscription;
    private final Collector collector;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final io.aeron.FragmentAssembler assembler =
        new io.aeron.FragmentAssembler((buffer, offset, length, header) -> read(buffer, offset, length));
    private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
    {
        public void onTrade(final TradeDecoder trade)
        {
            messages.add("trade " + trade.instrumentId() + " " + trade.price() + "x" + trade.quantity() + " " +
                trade.aggressorSide() + " seq=" + trade.sequence() + " id=" + trade.tradeId() + " xt=" +
                trade.exchangeTimeNs() + " rt=" + trade.receiveTimeNs());
        }

        public void onTopOfBook(final TopOfBookDecoder top)
        {
            messages.add("top " + top.instrumentId() + " " + top.bidPrice() + "/" + top.askPrice() + " seq=" +
                top.sequence());
        }

        public void onBookSnapshot(final BookSnapshotDecoder snapshot)
        {
            messages.add("snapshot " + snapshot.instrumentId() + " levels=" + snapshot.levels().count() + " seq=" +
                snapshot.sequence());
        }

        public void onBookUpdate(final BookUpdateDecoder update)
        {
            messages.add("update " + update.instrumentId() + " levels=" + update.levels().count() +
                (update.flags().checksumFailed() ? " checksumFailed" : "") + " seq=" + update.sequence());
        }

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
        {
            messages.add("definition " + definition.instrumentId() + " seq=" + definition.sequence());
        }

        public void onFeedEvent(final FeedEventDecoder event)
        {
            final int instrumentId = event.instrumentId();
            messages.add("event " + event.eventType() + " " +
                (FeedEventDecoder.instrumentIdNullValue() == instrumentId ? "-" : Integer.toString(instrumentId)) +
                " seq=" + event.sequence() + " " + event.detail());
        }

        public void onHeartbeat(final HeartbeatDecoder heartbeat)
        {
            messages.add("heartbeat seq=" + heartbeat.sequence());
        }
    });

    /**
     * Start a driver, the collector and a subscriber.
     *
     * @param tempDir for the driver, archive and instrument registry.
     * @param ctx     the collector's settings; its Aeron directory and registry file are set here.
     */
    public CollectorHarness(final Path tempDir, final Collector.Context ctx)
    {
        driver = PulseMediaDriver.launch(new PulseMediaDriver.Context()
            .profile(Profile.SHARED)
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .archiveDirectoryName(tempDir.resolve("archive").toString()));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        ctx.aeronDirectoryName(driver.aeronDirectoryName())
            .registryFile(tempDir.resolve("instruments.csv"))
            .profile(Profile.SHARED)
            .conclude();
        subscription = aeron.addSubscription(ctx.channel(), ctx.streamId());
        collector = Collector.launch(ctx, () -> {});
    }

    /**
     * Poll the subscriber until a message matches, failing after a bound.
     *
     * @param description what is awaited, for the failure message.
     * @param predicate   the condition on one message line.
     * @param timeoutMs   bound.
     * @return the matching line.
     */
    public String await(final String description, final Predicate<String> predicate, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        int checked = 0;
        while (true)
        {
            while (checked < messages.size())
            {
                final String message = messages.get(checked++);
                if (predicate.test(message))
                {
                    return message;
                }
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + description +
                    "; last messages: " + messages.subList(Math.max(0, messages.size() - 20), messages.size()));
            }
            if (0 == poll())
            {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    /**
     * Poll the subscriber until a message at or after index {@code from} matches, failing after a bound.
     *
     * @param from        first index to look at.
     * @param description what is awaited, for the failure message.
     * @param predicate   the condition on one message line.
     * @param timeoutMs   bound.
     * @return the index of the matching line.
     */
    public int awaitIndex(
        final int from, final String description, final Predicate<String> predicate, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        int index = from;
        while (true)
        {
            for (final int size = messages.size(); index < size; index++)
            {
                if (predicate.test(messages.get(index)))
                {
                    return index;
                }
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + description +
                    "; last messages: " + messages.subList(Math.max(from, messages.size() - 20), messages.size()));
            }
            idle();
        }
    }

    /**
     * Poll the subscriber (so the collector is never back-pressured) until a condition holds, failing after a bound.
     *
     * @param description what is awaited, for the failure message.
     * @param condition   the condition.
     * @param timeoutMs   bound.
     */
    public void awaitCondition(final String description, final BooleanSupplier condition, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + description);
            }
            idle();
        }
    }

    /**
     * The value of the collector's counter of a type (see {@code PulseCounters}), as AeronStat shows it.
     *
     * @param typeId counter type id.
     * @return its value.
     * @throws AssertionError when the collector has no such counter.
     */
    public long counter(final int typeId)
    {
        final CountersReader counters = aeron.countersReader();
        final long[] value = {Long.MIN_VALUE};
        counters.forEach((counterId, type, keyBuffer, label) ->
        {
            if (type == typeId && CountersReader.RECORD_ALLOCATED == counters.getCounterState(counterId))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        if (Long.MIN_VALUE == value[0])
        {
            throw new AssertionError("no counter of type " + typeId);
        }
        return value[0];
    }

    private void idle()
    {
        if (0 == poll())
        {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Poll once.
     *
     * @return fragments read.
     */
    public int poll()
    {
        return subscription.poll(assembler, 100);
    }

    private void read(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        reader.read(buffer, offset, length);
    }

    /**
     * Every message so far.
     *
     * @return message lines.
     */
    public List<String> messages()
    {
        return messages;
    }

    /**
     * The collector.
     *
     * @return the collector.
     */
    public Collector collector()
    {
        return collector;
    }

    /**
     * Messages the subscriber could not read (must stay 0).
     *
     * @return rejected messages.
     */
    public long rejected()
    {
        return reader.rejectedCount();
    }

    /**
     * Stop everything.
     */
    public void close()
    {
        CloseHelper.closeAll(collector, subscription, aeron, driver);
    }
}
