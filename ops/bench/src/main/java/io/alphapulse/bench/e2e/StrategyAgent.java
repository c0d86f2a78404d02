/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.e2e;

import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import io.alphapulse.engine.L2Book;
import io.alphapulse.engine.MarketDataAdapter;
import io.alphapulse.engine.MarketDataHandler;
import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.OrderSink;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.Strategy;
import io.alphapulse.strategy.StrategyHost;
import io.alphapulse.strategy.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

/**
 * The engine's market-data path as {@code EngineAgent} runs it, without its ledger connection: the merged stream
 * polled into the engine's {@link MarketDataAdapter} (validation, books), its {@link MarketDataHandler} calls into a
 * {@link StrategyHost}, and the host's dispatch to the {@link Strategy}. {@code EngineAgent} also polls the
 * ledger's egress and sends marks once per interval in the same duty cycle; a strategy that never orders makes no
 * other work there, and a ledger cannot run beside this on the machine without taking a core from the path.
 * <p>
 * Like {@code EngineAgent}, it polls the adapter without a {@code FragmentAssembler}: a message longer than the
 * stream's MTU (a book snapshot with many levels) reaches the adapter in fragments, which it rejects. The agent
 * counts such fragments so the run can say so.
 */
final class StrategyAgent implements Agent, MarketDataHandler, OrderSink, FragmentHandler
{
    private final Subscription subscription;
    private final int fragmentLimit;
    private final StrategyHost host;
    private final MarketDataAdapter adapter;
    private final io.aeron.FragmentAssembler assembler;
    private long fragmentsOfLongMessages;

    /**
     * An agent over the merged stream.
     *
     * @param subscription  merged stream.
     * @param fragmentLimit fragments per poll (the engine's default).
     * @param strategy      the strategy.
     */
    StrategyAgent(final Subscription subscription, final int fragmentLimit, final Strategy strategy)
    {
        this.subscription = subscription;
        this.fragmentLimit = fragmentLimit;
        this.host = new StrategyHost(strategy, this, 1, 1, 1);
        this.adapter = new MarketDataAdapter(this, (book) -> host.putBook(book.instrumentId(), book));
        this.assembler = new io.aeron.FragmentAssembler(this::onMessage);
    }

    /**
     * {@inheritDoc}
     */
    public void onStart()
    {
        host.start();
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        return subscription.poll(this, fragmentLimit);
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        adapter.onFragment(buffer, offset, length, header);
    }

    /**
     * {@inheritDoc}
     */
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if ((header.flags() & FrameDescriptor.UNFRAGMENTED) != FrameDescriptor.UNFRAGMENTED)
        {
            fragmentsOfLongMessages++;
        }
        // As the engine does: reassemble messages longer than the MTU (book snapshots) before decoding.
        assembler.onFragment(buffer, offset, length, header);
    }

    /**
     * Fragments of messages longer than the MTU, reassembled before the adapter; read after the agent stopped.
     *
     * @return count.
     */
    long fragmentsOfLongMessages()
    {
        return fragmentsOfLongMessages;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "e2e-engine";
    }

    /**
     * Merged-stream messages rejected by validation; read after the agent has stopped.
     *
     * @return count.
     */
    long rejected()
    {
        return adapter.rejected();
    }

    /**
     * Merged-stream messages seen; read after the agent has stopped.
     *
     * @return count.
     */
    long messages()
    {
        return adapter.messages();
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(
        final long timeNs, final int instrumentId, final long price, final long quantity, final Side aggressorSide)
    {
        host.onTrade(timeNs, instrumentId, price, quantity, aggressorSide);
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(
        final long timeNs,
        final int instrumentId,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        host.onTopOfBook(timeNs, instrumentId, bidPrice, bidQuantity, askPrice, askQuantity);
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final L2Book book)
    {
        host.onBook(book);
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(
        final long timeNs,
        final String exchange,
        final int instrumentId,
        final FeedEventType type,
        final long expectedSequence,
        final long receivedSequence)
    {
        host.onFeedEvent(timeNs, exchange, instrumentId, type, expectedSequence, receivedSequence);
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrument(final InstrumentInfo instrument)
    {
        if (null == host.instrument(instrument.id()))
        {
            host.addInstrument(instrument);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onHeartbeat(final long timeNs)
    {
        host.advanceTime(timeNs);
    }

    /**
     * {@inheritDoc}
     */
    public boolean newOrder(
        final long timeNs,
        final long clientOrderId,
        final int strategyId,
        final int portfolioId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity,
        final TimeInForce timeInForce)
    {
        throw new IllegalStateException("the bench's strategy does not order");
    }

    /**
     * {@inheritDoc}
     */
    public boolean cancelOrder(
        final long timeNs, final long clientOrderId, final int strategyId, final int portfolioId)
    {
        throw new IllegalStateException("the bench's strategy does not order");
    }
}
