/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.engine;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.HeartbeatEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Hand-built SBE market data, as the relay publishes it on the merged stream. Each method encodes one message into
 * {@link #buffer} and returns its length.
 */
public final class MarketDataFrames
{
    public final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();
    private final FeedEventEncoder feedEvent = new FeedEventEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private long sequence;

    public int trade(final long timeNs, final int instrumentId, final Exchange exchange, final long price,
        final long quantity)
    {
        trade.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs).tradeId(++sequence)
            .price(price).quantity(quantity).sequence(sequence).instrumentId(instrumentId).exchange(exchange)
            .aggressorSide(AggressorSide.BUY);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    /**
     * A full book: levels as price, quantity pairs; bids first then asks.
     */
    public int snapshot(final long timeNs, final int instrumentId, final Exchange exchange, final long[] bids,
        final long[] asks)
    {
        snapshot.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs).exchangeSequence(++sequence)
            .sequence(sequence).instrumentId(instrumentId).exchange(exchange);
        snapshot.flags().clear().lastInBatch(true);
        final BookSnapshotEncoder.LevelsEncoder levels = snapshot.levelsCount(bids.length / 2 + asks.length / 2);
        for (int i = 0; i < bids.length; i += 2)
        {
            levels.next().price(bids[i]).quantity(bids[i + 1]).side(BookSide.BID);
        }
        for (int i = 0; i < asks.length; i += 2)
        {
            levels.next().price(asks[i]).quantity(asks[i + 1]).side(BookSide.ASK);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength();
    }

    public int update(final long timeNs, final int instrumentId, final Exchange exchange, final BookSide side,
        final long price, final long quantity)
    {
        update.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs).exchangeSequence(++sequence)
            .firstExchangeSequence(sequence).sequence(sequence).instrumentId(instrumentId).exchange(exchange);
        update.flags().clear().lastInBatch(true);
        update.levelsCount(1).next().price(price).quantity(quantity).side(side);
        return MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength();
    }

    public int feedEvent(final long timeNs, final Exchange exchange, final FeedEventType type,
        final long expected, final long received)
    {
        feedEvent.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .expectedSequence(expected).receivedSequence(received).sequence(++sequence)
            .instrumentId(FeedEventEncoder.instrumentIdNullValue()).exchange(exchange).eventType(type)
            .origin(EventOrigin.RELAY).detail("test");
        return MessageHeaderEncoder.ENCODED_LENGTH + feedEvent.encodedLength();
    }

    public int heartbeat(final long timeNs, final Exchange exchange)
    {
        heartbeat.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs).sequence(++sequence)
            .exchange(exchange);
        return MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength();
    }
}
