/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TopOfBookEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Deterministic merged-stream messages as the relay publishes them (SBE, receive time advancing by a fixed step):
 * two instruments (Kraken BTC-USD at scales 1/8, Coinbase BTC-USD at 2/8) on a seeded random walk, trades and top
 * of book, and now and then a GAP followed by RESYNC_DONE. For the parity test and the replay benchmark: the same
 * seed gives the same bytes.
 */
public final class SyntheticMergedStream
{
    /**
     * Kraken BTC-USD instrument id.
     */
    public static final int KRAKEN_BTC = 1;

    /**
     * Coinbase BTC-USD instrument id.
     */
    public static final int COINBASE_BTC = 20001;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final FeedEventEncoder event = new FeedEventEncoder();
    private final SplittableRandom random;
    private final long stepNs;
    private long timeNs;
    private long sequence;
    private long mid = 6_000_000;
    private int count;
    private int pendingResync = -1;

    /**
     * A generator.
     *
     * @param seed        random seed.
     * @param startTimeNs receive time of the first message.
     * @param stepNs      receive time between messages.
     */
    public SyntheticMergedStream(final long seed, final long startTimeNs, final long stepNs)
    {
        this.random = new SplittableRandom(seed);
        this.timeNs = startTimeNs;
        this.stepNs = stepNs;
    }

    /**
     * The buffer messages are encoded into (valid until the next call).
     *
     * @return buffer.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Receive time of the last message encoded.
     *
     * @return ns since the epoch.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * Encode an instrument definition: {@code index} 0 is Kraken BTC-USD, 1 Coinbase BTC-USD.
     *
     * @param index which.
     * @return encoded length.
     */
    public int definition(final int index)
    {
        final boolean kraken = 0 == index;
        definition.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(timeNs).publishTimeNs(timeNs).sequence(sequence++)
            .instrumentId(kraken ? KRAKEN_BTC : COINBASE_BTC)
            .exchange(kraken ? Exchange.KRAKEN : Exchange.COINBASE)
            .priceScale((short)(kraken ? 1 : 2)).quantityScale((short)8)
            .symbol("BTC-USD").venueSymbol(kraken ? "XBT/USD" : "BTC-USD");
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    /**
     * Encode the next market message: mostly trades and quotes, sometimes a gap and, a few messages later, its
     * resync.
     *
     * @return encoded length.
     */
    public int next()
    {
        timeNs += stepNs;
        count++;
        mid = Math.max(1_000_000, mid + random.nextInt(-40, 41));
        final boolean kraken = random.nextBoolean();
        final int id = kraken ? KRAKEN_BTC : COINBASE_BTC;
        final Exchange exchange = kraken ? Exchange.KRAKEN : Exchange.COINBASE;
        final long scaledMid = kraken ? mid : mid * 10;
        final long tick = kraken ? 1 : 10;

        if (pendingResync == count)
        {
            return feedEvent(Exchange.KRAKEN, FeedEventType.RESYNC_DONE, 0, 0);
        }
        if (count % 5_000 == 0)
        {
            pendingResync = count + 50;
            return feedEvent(Exchange.KRAKEN, FeedEventType.GAP, sequence, sequence + 3);
        }
        if (random.nextInt(3) == 0)
        {
            trade.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs)
                .publishTimeNs(timeNs).tradeId(sequence).price(scaledMid + random.nextInt(-3, 4) * tick)
                .quantity(1 + random.nextInt(5_000_000)).sequence(sequence++).instrumentId(id).exchange(exchange)
                .aggressorSide(random.nextBoolean() ? AggressorSide.BUY : AggressorSide.SELL);
            return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
        }
        top.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .exchangeSequence(sequence).bidPrice(scaledMid - tick).bidQuantity(1 + random.nextInt(90_000_000))
            .askPrice(scaledMid + tick)
            .askQuantity(random.nextInt(10) == 0 ? TopOfBookEncoder.askQuantityNullValue() :
                1 + random.nextInt(90_000_000))
            .sequence(sequence++).instrumentId(id).exchange(exchange);
        return MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength();
    }

    private int feedEvent(final Exchange exchange, final FeedEventType type, final long expected, final long received)
    {
        event.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(FeedEventEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .expectedSequence(0 == expected ? FeedEventEncoder.expectedSequenceNullValue() : expected)
            .receivedSequence(0 == received ? FeedEventEncoder.receivedSequenceNullValue() : received)
            .sequence(sequence++).instrumentId(FeedEventEncoder.instrumentIdNullValue()).exchange(exchange)
            .eventType(type).origin(EventOrigin.RELAY).detail(type.name().toLowerCase(java.util.Locale.ROOT));
        return MessageHeaderEncoder.ENCODED_LENGTH + event.encodedLength();
    }
}
