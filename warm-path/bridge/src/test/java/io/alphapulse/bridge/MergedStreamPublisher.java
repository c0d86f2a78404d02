/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TopOfBookEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes SBE market data into the merged stream as the relay would: per-exchange collector sequence numbers, three
 * timestamps. A message that cannot be offered (no subscriber) still uses its sequence, as a collector's does.
 */
final class MergedStreamPublisher
{
    private final ExclusivePublication publication;
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final Map<Exchange, Long> sequences = new EnumMap<>(Exchange.class);
    private long notPublished;

    MergedStreamPublisher(final ExclusivePublication publication)
    {
        this.publication = publication;
    }

    long nextSequence(final Exchange exchange)
    {
        final long sequence = sequences.getOrDefault(exchange, 0L);
        sequences.put(exchange, sequence + 1);
        return sequence;
    }

    long peekSequence(final Exchange exchange)
    {
        return sequences.getOrDefault(exchange, 0L);
    }

    long notPublished()
    {
        return notPublished;
    }

    long definition(final Exchange exchange, final int id, final String symbol, final int priceScale,
        final int quantityScale, final long timeNs)
    {
        final long sequence = nextSequence(exchange);
        final InstrumentDefinitionEncoder encoder = new InstrumentDefinitionEncoder()
            .wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue()).receiveTimeNs(timeNs)
            .publishTimeNs(timeNs).sequence(sequence).instrumentId(id).exchange(exchange)
            .priceScale((short)priceScale).quantityScale((short)quantityScale).symbol(symbol)
            .venueSymbol(symbol.replace("-", ""));
        offer(encoder.encodedLength());
        return sequence;
    }

    long trade(final Exchange exchange, final int id, final long tradeId, final long price, final long quantity,
        final AggressorSide side, final long exchangeTimeNs, final long receiveTimeNs)
    {
        final long sequence = nextSequence(exchange);
        final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(exchangeTimeNs).receiveTimeNs(receiveTimeNs).publishTimeNs(System.currentTimeMillis() *
            1_000_000L).tradeId(tradeId).price(price).quantity(quantity).sequence(sequence).instrumentId(id)
            .exchange(exchange).aggressorSide(side);
        offer(encoder.encodedLength());
        return sequence;
    }

    long topOfBook(final Exchange exchange, final int id, final long bid, final long bidQty, final long ask,
        final long askQty, final long timeNs)
    {
        final long sequence = nextSequence(exchange);
        final TopOfBookEncoder encoder = new TopOfBookEncoder().wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .exchangeSequence(TopOfBookEncoder.exchangeSequenceNullValue()).bidPrice(bid).bidQuantity(bidQty)
            .askPrice(ask).askQuantity(askQty).sequence(sequence).instrumentId(id).exchange(exchange);
        offer(encoder.encodedLength());
        return sequence;
    }

    long bookSnapshot(final Exchange exchange, final int id, final long[][] bids, final long[][] asks,
        final long timeNs)
    {
        final long sequence = nextSequence(exchange);
        final BookSnapshotEncoder encoder = new BookSnapshotEncoder().wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .exchangeSequence(BookSnapshotEncoder.exchangeSequenceNullValue()).sequence(sequence).instrumentId(id)
            .exchange(exchange);
        encoder.flags().clear().lastInBatch(true);
        final BookSnapshotEncoder.LevelsEncoder levels = encoder.levelsCount(bids.length + asks.length);
        for (final long[] level : bids)
        {
            levels.next().price(level[0]).quantity(level[1]).side(BookSide.BID);
        }
        for (final long[] level : asks)
        {
            levels.next().price(level[0]).quantity(level[1]).side(BookSide.ASK);
        }
        offer(encoder.encodedLength());
        return sequence;
    }

    long bookUpdate(final Exchange exchange, final int id, final boolean bid, final long price, final long quantity,
        final long timeNs)
    {
        final long sequence = nextSequence(exchange);
        final BookUpdateEncoder encoder = new BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .exchangeSequence(BookUpdateEncoder.exchangeSequenceNullValue())
            .firstExchangeSequence(BookUpdateEncoder.firstExchangeSequenceNullValue()).sequence(sequence)
            .instrumentId(id).exchange(exchange);
        encoder.flags().clear().lastInBatch(true);
        encoder.levelsCount(1).next().price(price).quantity(quantity).side(bid ? BookSide.BID : BookSide.ASK);
        offer(encoder.encodedLength());
        return sequence;
    }

    long feedEvent(final Exchange exchange, final int instrumentId, final FeedEventType type, final String detail,
        final long timeNs)
    {
        final long sequence = nextSequence(exchange);
        final FeedEventEncoder encoder = new FeedEventEncoder().wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(FeedEventEncoder.exchangeTimeNsNullValue()).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .expectedSequence(FeedEventEncoder.expectedSequenceNullValue())
            .receivedSequence(FeedEventEncoder.receivedSequenceNullValue()).sequence(sequence)
            .instrumentId(instrumentId < 0 ? FeedEventEncoder.instrumentIdNullValue() : instrumentId)
            .exchange(exchange).eventType(type).origin(EventOrigin.COLLECTOR).detail(detail);
        offer(encoder.encodedLength());
        return sequence;
    }

    void relayGap(final Exchange exchange, final long expected, final long received, final long timeNs)
    {
        final FeedEventEncoder encoder = new FeedEventEncoder().wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(FeedEventEncoder.exchangeTimeNsNullValue()).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .expectedSequence(expected).receivedSequence(received).sequence(received)
            .instrumentId(FeedEventEncoder.instrumentIdNullValue()).exchange(exchange)
            .eventType(FeedEventType.GAP).origin(EventOrigin.RELAY).detail("relay: messages missing");
        offer(encoder.encodedLength());
    }

    private void offer(final int blockAndData)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + blockAndData;
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (true)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                return;
            }
            if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result)
            {
                notPublished++;
                return;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("publication back-pressured for 10 s: " + result);
            }
            Thread.onSpinWait();
        }
    }
}
