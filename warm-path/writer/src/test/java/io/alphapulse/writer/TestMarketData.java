/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.writer;

import io.aeron.ExclusivePublication;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publishes SBE market data onto the (recorded) merged stream as the relay would, counting what it published.
 * Kraken instrument 1 is BTC-USD at scales 1/8; Binance 40001 is ETH-USDT at 2/4.
 */
final class TestMarketData
{
    static final int KRAKEN_BTC = 1;
    static final int BINANCE_ETH = 40001;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final FeedEventEncoder event = new FeedEventEncoder();
    private ExclusivePublication publication;
    private long sequence;
    long trades;
    long topOfBooks;
    long feedEvents;
    long messages;

    TestMarketData publication(final ExclusivePublication publication)
    {
        this.publication = publication;
        return this;
    }

    void definitions()
    {
        define(Exchange.KRAKEN, KRAKEN_BTC, "BTC-USD", "XBT/USD", 1, 8);
        define(Exchange.BINANCE, BINANCE_ETH, "ETH-USDT", "ETHUSDT", 2, 4);
    }

    void define(final Exchange exchange, final int id, final String symbol, final String venue, final int priceScale,
        final int quantityScale)
    {
        definition.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(InstrumentDefinitionEncoder
            .exchangeTimeNsNullValue()).receiveTimeNs(now()).publishTimeNs(now()).sequence(sequence++)
            .instrumentId(id).exchange(exchange).priceScale((short)priceScale).quantityScale((short)quantityScale)
            .symbol(symbol).venueSymbol(venue);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength());
    }

    /**
     * A trade with a unique sequence; price mantissa derived from it, so rows can be checked value by value.
     */
    long trade(final boolean kraken)
    {
        final long seq = sequence++;
        trade.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(now()).receiveTimeNs(now()).publishTimeNs(now())
            .tradeId(seq).price(priceOf(seq)).quantity(quantityOf(seq)).sequence(seq)
            .instrumentId(kraken ? KRAKEN_BTC : BINANCE_ETH).exchange(kraken ? Exchange.KRAKEN : Exchange.BINANCE)
            .aggressorSide(0 == (seq & 1) ? AggressorSide.BUY : AggressorSide.SELL);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        trades++;
        return seq;
    }

    static long priceOf(final long seq)
    {
        return 600_000 + seq % 100_000;
    }

    static long quantityOf(final long seq)
    {
        return 1 + seq * 7 % 123_456_789;
    }

    void topOfBook()
    {
        final long seq = sequence++;
        top.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(TopOfBookEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(now()).publishTimeNs(now()).exchangeSequence(seq).bidPrice(600_000).bidQuantity(5)
            .askPrice(600_010).askQuantity(TopOfBookEncoder.askQuantityNullValue()).sequence(seq)
            .instrumentId(KRAKEN_BTC).exchange(Exchange.KRAKEN);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength());
        topOfBooks++;
    }

    void bookSnapshot()
    {
        snapshot.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(now()).receiveTimeNs(now())
            .publishTimeNs(now()).exchangeSequence(1).sequence(sequence++).instrumentId(BINANCE_ETH)
            .exchange(Exchange.BINANCE).flags().lastInBatch(true);
        final BookSnapshotEncoder.LevelsEncoder levels = snapshot.levelsCount(6);
        for (int i = 0; i < 3; i++)
        {
            levels.next().price(300_000 - i).quantity(10_000 + i).side(BookSide.BID);
            levels.next().price(300_001 + i).quantity(20_000 + i).side(BookSide.ASK);
        }
        offer(MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength());
    }

    void bookUpdate(final long price, final long quantity)
    {
        update.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(now()).receiveTimeNs(now())
            .publishTimeNs(now()).exchangeSequence(2).firstExchangeSequence(2).sequence(sequence++)
            .instrumentId(BINANCE_ETH).exchange(Exchange.BINANCE).flags().lastInBatch(true);
        update.levelsCount(1).next().price(price).quantity(quantity).side(BookSide.BID);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());
    }

    void feedEvent(final String detail)
    {
        final long seq = sequence++;
        event.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(FeedEventEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(now()).publishTimeNs(now()).expectedSequence(seq).receivedSequence(seq + 3)
            .sequence(seq).instrumentId(FeedEventEncoder.instrumentIdNullValue()).exchange(Exchange.KRAKEN)
            .eventType(FeedEventType.GAP).origin(EventOrigin.RELAY).detail(detail);
        offer(MessageHeaderEncoder.ENCODED_LENGTH + event.encodedLength());
        feedEvents++;
    }

    void foreignBytes()
    {
        final UnsafeBuffer foreign = new UnsafeBuffer(new byte[32]);
        foreign.putShort(4, (short)101);
        offer(foreign, 32);
    }

    private void offer(final int length)
    {
        offer(buffer, length);
    }

    private void offer(final UnsafeBuffer source, final int length)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (publication.offer(source, 0, length) < 0)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "could not publish");
            Thread.yield();
        }
        messages++;
    }

    private static long now()
    {
        return System.currentTimeMillis() * 1_000_000L;
    }
}
