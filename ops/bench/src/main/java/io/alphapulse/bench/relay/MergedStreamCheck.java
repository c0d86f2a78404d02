/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.relay;

import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

/**
 * The consumer's side of every run: reads the merged stream as the engine does ({@link MarketDataReader}), checks
 * that each exchange's trades arrive exactly once and in order from sequence 0, and, in latency runs, records
 * {@code now - intended send time} of every trade after the warm-up.
 * <p>
 * Latency is measured from the intended send time of the fixed schedule, which is what corrects for coordinated
 * omission: a stall anywhere (publisher, relay, consumer) delays every message scheduled during it, and each of
 * them is charged its full delay. Values are recorded with {@link Histogram#recordValue(long)}, not
 * {@code recordValueWithExpectedInterval}: that would add synthetic samples for delays already measured, counting
 * each stall twice. Not thread-safe: owned by the consumer thread, read after it has been joined.
 */
final class MergedStreamCheck implements MarketDataReader.Listener
{
    private final MarketDataReader reader = new MarketDataReader(this);
    private final long[] nextSequence = new long[TradeFrames.EXCHANGE_SLOTS];
    private final long[] tradeCount = new long[TradeFrames.EXCHANGE_SLOTS];
    private final Histogram histogram;
    private final long warmupMessages;
    private long received;
    private long errors;
    private String firstError;

    /**
     * A check without latency recording.
     */
    MergedStreamCheck()
    {
        this(null, 0);
    }

    /**
     * A check that records latency.
     *
     * @param histogram      where latencies in ns go, or null for none.
     * @param warmupMessages messages at the start of the stream not recorded.
     */
    MergedStreamCheck(final Histogram histogram, final long warmupMessages)
    {
        this.histogram = histogram;
        this.warmupMessages = warmupMessages;
    }

    /**
     * One message from the merged stream.
     *
     * @param buffer holding the message.
     * @param offset of the message header.
     * @param length of the message.
     */
    void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final MarketDataReader.Result result = reader.read(buffer, offset, length);
        if (MarketDataReader.Result.DISPATCHED != result)
        {
            error("message " + received + " not valid market data: " + result);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeDecoder trade)
    {
        final long nowNs = System.nanoTime();
        final Exchange exchange = trade.exchange();
        final int slot = exchange.value();
        final long sequence = trade.sequence();
        if (TradeFrames.wireSequence(nextSequence[slot]) != sequence)
        {
            error(exchange + " sequence " + sequence + " where " + nextSequence[slot] + " was expected");
            // Count each loss or reordering once, not again for every message after it (runs stay below 2^32).
            nextSequence[slot] = sequence;
        }
        nextSequence[slot]++;
        tradeCount[slot]++;

        if (null != histogram && received >= warmupMessages)
        {
            histogram.recordValue(nowNs - trade.exchangeTimeNs());
        }
        received++;
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEventDecoder event)
    {
        error("feed event on the merged stream: " + event.eventType() + " " + event.exchange() + " expected " +
            event.expectedSequence() + " received " + event.receivedSequence());
    }

    private void error(final String description)
    {
        if (0 == errors++)
        {
            firstError = description;
        }
    }

    /**
     * Trades received.
     *
     * @return trades received.
     */
    long received()
    {
        return received;
    }

    /**
     * Fail unless every exchange's trades arrived exactly once and in order, and nothing else did.
     *
     * @param published trades published, indexed by {@link Exchange#value()}.
     * @param what      the run, for the message.
     * @throws IllegalStateException naming what was lost, reordered or unexpected.
     */
    void verify(final long[] published, final String what)
    {
        if (0 != errors)
        {
            throw new IllegalStateException(
                what + ": " + errors + " errors on the merged stream, first: " + firstError);
        }
        for (final Exchange exchange : TradeFrames.EXCHANGES)
        {
            final int slot = exchange.value();
            if (published[slot] != tradeCount[slot] || published[slot] != nextSequence[slot])
            {
                throw new IllegalStateException(what + ": " + exchange + " published " + published[slot] +
                    ", received " + tradeCount[slot] + ", last sequence " + (nextSequence[slot] - 1));
            }
        }
    }

    /**
     * One line on what was received, for progress.
     *
     * @return per-exchange counts and last sequences.
     */
    String summary()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Exchange exchange : TradeFrames.EXCHANGES)
        {
            final int slot = exchange.value();
            if (0 != tradeCount[slot])
            {
                sb.append(exchange).append(' ').append(tradeCount[slot]).append(" (last sequence ")
                    .append(nextSequence[slot] - 1).append(") ");
            }
        }
        return sb.toString().trim();
    }
}
