/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.EventOrigin;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.HeartbeatEncoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TopOfBookEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Deterministic market data as collectors publish it and the relay merges it (SBE, receive time advancing by a
 * fixed step, sequences per exchange): two instruments (Kraken BTC-USD at scales 1/8, Coinbase BTC-USD at 2/8) on
 * a seeded random walk; trades, tickers (top of book), L2 book snapshots (five levels a side around the mid) and
 * single-level book updates; now and then a Kraken GAP followed by RESYNC_DONE. For the parity test and the replay
 * benchmark: the same seed gives the same bytes. {@link #exchange()} says which collector stream a message belongs
 * to.
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

    private static final int LEVELS = 5;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
    private final BookUpdateEncoder update = new BookUpdateEncoder();
    private final InstrumentDefinitionEncoder definition = new InstrumentDefinitionEncoder();
    private final FeedEventEncoder event = new FeedEventEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final SplittableRandom random;
    private final long stepNs;
    private final long[] sequences = new long[2];
    private final boolean[] hasBook = new boolean[2];
    private long timeNs;
    private long mid = 6_000_000;
    private int count;
    private int pendingResync = -1;
    private Exchange exchange = Exchange.KRAKEN;

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
     * Exchange (collector stream) of the last message encoded.
     *
     * @return exchange.
     */
    public Exchange exchange()
    {
        return exchange;
    }

    /**
     * Encode a heartbeat of an exchange (time does not advance).
     *
     * @param kraken Kraken or Coinbase.
     * @return encoded length.
     */
    public int heartbeat(final boolean kraken)
    {
        exchange = kraken ? Exchange.KRAKEN : Exchange.COINBASE;
        heartbeat.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(HeartbeatEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(timeNs).publishTimeNs(timeNs).sequence(nextSequence()).exchange(exchange);
        return MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength();
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
        exchange = kraken ? Exchange.KRAKEN : Exchange.COINBASE;
        definition.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(timeNs).publishTimeNs(timeNs).sequence(nextSequence())
            .instrumentId(kraken ? KRAKEN_BTC : COINBASE_BTC)
            .exchange(exchange)
            .priceScale((short)(kraken ? 1 : 2)).quantityScale((short)8)
            .symbol("BTC-USD").venueSymbol(kraken ? "XBT/USD" : "BTC-USD");
        return MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength();
    }

    /**
     * Encode the next market message: trades, tickers, book snapshots and updates; sometimes a gap and, a few
     * messages later, its resync.
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
        final int book = kraken ? 0 : 1;
        final long scaledMid = kraken ? mid : mid * 10;
        final long tick = kraken ? 1 : 10;

        if (pendingResync == count)
        {
            return feedEvent(FeedEventType.RESYNC_DONE, 0, 0);
        }
        if (count % 1_500 == 0)
        {
            pendingResync = count + 50;
            return feedEvent(FeedEventType.GAP, sequences[0] + 1, sequences[0] + 4);
        }
        exchange = kraken ? Exchange.KRAKEN : Exchange.COINBASE;
        final int kind = random.nextInt(12);
        if (!hasBook[book] || kind < 3)
        {
            hasBook[book] = true;
            snapshot.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs)
                .publishTimeNs(timeNs).exchangeSequence(count).sequence(nextSequence()).instrumentId(id)
                .exchange(exchange);
            snapshot.flags().clear().lastInBatch(true);
            final BookSnapshotEncoder.LevelsEncoder levels = snapshot.levelsCount(2 * LEVELS);
            for (int i = 1; i <= LEVELS; i++)
            {
                levels.next().price(scaledMid - i * tick).quantity(1 + random.nextInt(20_000_000))
                    .side(BookSide.BID);
            }
            for (int i = 1; i <= LEVELS; i++)
            {
                levels.next().price(scaledMid + i * tick).quantity(1 + random.nextInt(20_000_000))
                    .side(BookSide.ASK);
            }
            return MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength();
        }
        if (kind < 6)
        {
            final boolean bid = random.nextBoolean();
            final int level = 1 + random.nextInt(LEVELS);
            update.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs)
                .publishTimeNs(timeNs).exchangeSequence(count).firstExchangeSequence(count)
                .sequence(nextSequence()).instrumentId(id).exchange(exchange);
            update.flags().clear().lastInBatch(true);
            update.levelsCount(1).next().price(bid ? scaledMid - level * tick : scaledMid + level * tick)
                .quantity(random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(20_000_000))
                .side(bid ? BookSide.BID : BookSide.ASK);
            return MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength();
        }
        if (kind < 10)
        {
            trade.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs)
                .publishTimeNs(timeNs).tradeId(count).price(scaledMid + random.nextInt(-3, 4) * tick)
                .quantity(1 + random.nextInt(5_000_000)).sequence(nextSequence()).instrumentId(id)
                .exchange(exchange)
                .aggressorSide(random.nextBoolean() ? AggressorSide.BUY : AggressorSide.SELL);
            return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
        }
        top.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .exchangeSequence(count).bidPrice(scaledMid - tick).bidQuantity(1 + random.nextInt(90_000_000))
            .askPrice(scaledMid + tick)
            .askQuantity(random.nextInt(10) == 0 ? TopOfBookEncoder.askQuantityNullValue() :
                1 + random.nextInt(90_000_000))
            .sequence(nextSequence()).instrumentId(id).exchange(exchange);
        return MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength();
    }

    private long nextSequence()
    {
        return ++sequences[exchange == Exchange.KRAKEN ? 0 : 1];
    }

    private int feedEvent(final FeedEventType type, final long expected, final long received)
    {
        exchange = Exchange.KRAKEN;
        event.wrapAndApplyHeader(buffer, 0, header).exchangeTimeNs(FeedEventEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(timeNs).publishTimeNs(timeNs)
            .expectedSequence(0 == expected ? FeedEventEncoder.expectedSequenceNullValue() : expected)
            .receivedSequence(0 == received ? FeedEventEncoder.receivedSequenceNullValue() : received)
            .sequence(nextSequence()).instrumentId(FeedEventEncoder.instrumentIdNullValue()).exchange(exchange)
            .eventType(type).origin(EventOrigin.COLLECTOR)
            .detail(type.name().toLowerCase(java.util.Locale.ROOT));
        return MessageHeaderEncoder.ENCODED_LENGTH + event.encodedLength();
    }
}
