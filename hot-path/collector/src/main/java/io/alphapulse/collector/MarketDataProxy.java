/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.HeartbeatEncoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TopOfBookEncoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.BufferUtil;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes normalized market data as SBE and offers it to a {@link MessageSink}: the one way a collector publishes.
 * <p>
 * It stamps every message with the stream's next sequence number and the publish time, and publishes an instrument's
 * {@code InstrumentDefinition} before its first data on the stream. The sequence advances for every message, also
 * one that could not be published (back-pressure, no subscriber): the gap tells consumers exactly what they missed,
 * and {@link #droppedCount()} counts it here. Snapshots and updates larger than {@link #MAX_LEVELS_PER_MESSAGE}
 * levels are split, the last part flagged {@code lastInBatch}.
 * <p>
 * Allocation-free after construction. Not thread-safe: one proxy per collector thread.
 */
public final class MarketDataProxy
{
    /**
     * Largest number of levels in one book message (17 bytes each): keeps a message well inside one term.
     */
    public static final int MAX_LEVELS_PER_MESSAGE = 256;

    /**
     * Flag for book messages: the exchange checksum matched after applying the message.
     */
    public static final int CHECKSUM_OK = 1;

    /**
     * Flag for book messages: the exchange checksum did not match after applying the message.
     */
    public static final int CHECKSUM_FAILED = 2;

    private static final int BUFFER_LENGTH = 64 * 1024;
    private static final int MAX_DETAIL_LENGTH = 1024;

    private final MessageSink sink;
    private final EpochNanoClock clock;
    private final Exchange exchange;
    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(BUFFER_LENGTH, 64));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TradeEncoder tradeEncoder = new TradeEncoder();
    private final TopOfBookEncoder topOfBookEncoder = new TopOfBookEncoder();
    private final BookSnapshotEncoder snapshotEncoder = new BookSnapshotEncoder();
    private final BookUpdateEncoder updateEncoder = new BookUpdateEncoder();
    private final InstrumentDefinitionEncoder definitionEncoder = new InstrumentDefinitionEncoder();
    private final FeedEventEncoder feedEventEncoder = new FeedEventEncoder();
    private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
    private final SnapshotParts snapshotParts = new SnapshotParts();
    private final UpdateParts updateParts = new UpdateParts();

    private final long[] lastDataTimeNs = new long[1 << 16];
    private final boolean[] definedIds = new boolean[1 << 16];
    private final java.util.ArrayList<Instrument> defined = new java.util.ArrayList<>();
    private long sequence;
    private long publishedCount;
    private long droppedCount;
    private long backPressuredCount;
    private boolean clockSkewChecked;
    private long clockSkewAheadNs;
    private long clockSkewBehindNs;
    private long clockSkewCount;
    private Instrument lastSkewInstrument;
    private long lastSkewExchangeTimeNs;
    private long lastSkewReceiveTimeNs;

    /**
     * A proxy for one collector stream.
     *
     * @param sink     where messages go.
     * @param clock    epoch nanosecond clock for publish times.
     * @param exchange the exchange of this stream.
     */
    public MarketDataProxy(final MessageSink sink, final EpochNanoClock clock, final Exchange exchange)
    {
        this.sink = sink;
        this.clock = clock;
        this.exchange = exchange;
    }

    /**
     * Publish a trade.
     *
     * @param instrument     instrument.
     * @param exchangeTimeNs exchange time, or {@link #NULL_TIME}.
     * @param receiveTimeNs  receive time of the frame.
     * @param tradeId        exchange trade id, or {@link #NULL_SEQUENCE}.
     * @param price          at the price scale.
     * @param quantity       at the quantity scale.
     * @param aggressorSide  taker side, or {@link AggressorSide#NULL_VAL} when unknown.
     * @return true if published.
     */
    public boolean trade(
        final Instrument instrument,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long tradeId,
        final long price,
        final long quantity,
        final AggressorSide aggressorSide)
    {
        ensureDefined(instrument, receiveTimeNs);
        lastDataTimeNs[instrument.id()] = receiveTimeNs;
        checkClock(instrument, exchangeTimeNs, receiveTimeNs);
        tradeEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(exchangeTimeNs)
            .receiveTimeNs(receiveTimeNs)
            .tradeId(tradeId)
            .price(price)
            .quantity(quantity)
            .sequence(nextSequence())
            .instrumentId(instrument.id())
            .exchange(exchange)
            .aggressorSide(aggressorSide)
            .publishTimeNs(clock.nanoTime());
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + tradeEncoder.encodedLength());
    }

    /**
     * Publish the best bid and offer.
     *
     * @param instrument       instrument.
     * @param exchangeTimeNs   exchange time, or {@link #NULL_TIME}.
     * @param receiveTimeNs    receive time of the frame.
     * @param exchangeSequence exchange update id, or {@link #NULL_SEQUENCE}.
     * @param bidPrice         best bid price.
     * @param bidQuantity      best bid quantity; 0 when the side is empty, {@link #NULL_QUANTITY} when not given.
     * @param askPrice         best ask price.
     * @param askQuantity      best ask quantity; 0 when the side is empty, {@link #NULL_QUANTITY} when not given.
     * @return true if published.
     */
    public boolean topOfBook(
        final Instrument instrument,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long exchangeSequence,
        final long bidPrice,
        final long bidQuantity,
        final long askPrice,
        final long askQuantity)
    {
        ensureDefined(instrument, receiveTimeNs);
        lastDataTimeNs[instrument.id()] = receiveTimeNs;
        checkClock(instrument, exchangeTimeNs, receiveTimeNs);
        topOfBookEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(exchangeTimeNs)
            .receiveTimeNs(receiveTimeNs)
            .exchangeSequence(exchangeSequence)
            .bidPrice(bidPrice)
            .bidQuantity(bidQuantity)
            .askPrice(askPrice)
            .askQuantity(askQuantity)
            .sequence(nextSequence())
            .instrumentId(instrument.id())
            .exchange(exchange)
            .publishTimeNs(clock.nanoTime());
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + topOfBookEncoder.encodedLength());
    }

    /**
     * Publish a full book, split into messages of at most {@link #MAX_LEVELS_PER_MESSAGE} levels.
     *
     * @param instrument       instrument.
     * @param exchangeTimeNs   exchange time, or {@link #NULL_TIME}.
     * @param receiveTimeNs    receive time of the frame.
     * @param exchangeSequence exchange update id of the book, or {@link #NULL_SEQUENCE}.
     * @param levels           every level, in any order.
     * @param checksumFlags    {@link #CHECKSUM_OK}, {@link #CHECKSUM_FAILED} or 0, set on the last part.
     * @return true if every part was published.
     */
    public boolean bookSnapshot(
        final Instrument instrument,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long exchangeSequence,
        final LevelBuffer levels,
        final int checksumFlags)
    {
        ensureDefined(instrument, receiveTimeNs);
        lastDataTimeNs[instrument.id()] = receiveTimeNs;
        snapshotParts.set(instrument, exchangeTimeNs, receiveTimeNs, MarketDataProxy.NULL_SEQUENCE, exchangeSequence,
            levels, checksumFlags);
        return publishInParts(levels, snapshotParts);
    }

    /**
     * Publish changed levels, split into messages of at most {@link #MAX_LEVELS_PER_MESSAGE} levels.
     *
     * @param instrument            instrument.
     * @param exchangeTimeNs        exchange time, or {@link #NULL_TIME}.
     * @param receiveTimeNs         receive time of the frame.
     * @param firstExchangeSequence first exchange update id covered, or {@link #NULL_SEQUENCE}.
     * @param exchangeSequence      last exchange update id covered, or {@link #NULL_SEQUENCE}.
     * @param levels                changed levels in exchange order; quantity zero removes.
     * @param checksumFlags         {@link #CHECKSUM_OK}, {@link #CHECKSUM_FAILED} or 0, set on the last part.
     * @return true if every part was published.
     */
    public boolean bookUpdate(
        final Instrument instrument,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long firstExchangeSequence,
        final long exchangeSequence,
        final LevelBuffer levels,
        final int checksumFlags)
    {
        ensureDefined(instrument, receiveTimeNs);
        lastDataTimeNs[instrument.id()] = receiveTimeNs;
        checkClock(instrument, exchangeTimeNs, receiveTimeNs);
        updateParts.set(instrument, exchangeTimeNs, receiveTimeNs, firstExchangeSequence, exchangeSequence, levels,
            checksumFlags);
        return publishInParts(levels, updateParts);
    }

    /**
     * Publish a feed event: connection, subscription or integrity.
     *
     * @param instrument       instrument, or null when the event concerns the whole connection.
     * @param type             event type.
     * @param exchangeTimeNs   exchange time, or {@link #NULL_TIME}.
     * @param receiveTimeNs    time of the event.
     * @param expectedSequence for gaps: the sequence expected, else {@link #NULL_SEQUENCE}.
     * @param receivedSequence for gaps: the sequence received, else {@link #NULL_SEQUENCE}.
     * @param detail           for a person to read; cut at 1024 characters.
     * @return true if published.
     */
    public boolean feedEvent(
        final Instrument instrument,
        final FeedEventType type,
        final long exchangeTimeNs,
        final long receiveTimeNs,
        final long expectedSequence,
        final long receivedSequence,
        final CharSequence detail)
    {
        if (null != instrument)
        {
            ensureDefined(instrument, receiveTimeNs);
        }
        feedEventEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(exchangeTimeNs)
            .receiveTimeNs(receiveTimeNs)
            .expectedSequence(expectedSequence)
            .receivedSequence(receivedSequence)
            .sequence(nextSequence())
            .instrumentId(null == instrument ? FeedEventEncoder.instrumentIdNullValue() : instrument.id())
            .exchange(exchange)
            .eventType(type)
            .origin(io.alphapulse.schemas.marketdata.EventOrigin.COLLECTOR)
            .publishTimeNs(clock.nanoTime());
        putDetail(detail);
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + feedEventEncoder.encodedLength());
    }

    /**
     * Publish the collector's own heartbeat.
     *
     * @param exchangeTimeNs exchange time of its last heartbeat, or {@link #NULL_TIME}.
     * @param nowNs          collector time.
     * @return true if published.
     */
    public boolean heartbeat(final long exchangeTimeNs, final long nowNs)
    {
        heartbeatEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(exchangeTimeNs)
            .receiveTimeNs(nowNs)
            .sequence(nextSequence())
            .exchange(exchange)
            .publishTimeNs(clock.nanoTime());
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + heartbeatEncoder.encodedLength());
    }

    /**
     * Publish an instrument's definition (again), e.g. after a reconnect.
     *
     * @param instrument    instrument.
     * @param receiveTimeNs collector time.
     * @return true if published.
     */
    public boolean instrumentDefinition(final Instrument instrument, final long receiveTimeNs)
    {
        instrument.definitionPublished(true);
        if (!definedIds[instrument.id()])
        {
            definedIds[instrument.id()] = true;
            defined.add(instrument);
        }
        definitionEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(receiveTimeNs)
            .sequence(nextSequence())
            .instrumentId(instrument.id())
            .exchange(exchange)
            .priceScale((short)instrument.priceScale())
            .quantityScale((short)instrument.quantityScale())
            .symbol(instrument.symbol())
            .venueSymbol(instrument.venueSymbol())
            .publishTimeNs(clock.nanoTime());
        return offer(MessageHeaderEncoder.ENCODED_LENGTH + definitionEncoder.encodedLength());
    }

    /**
     * Publish again the definition of every instrument defined on this stream so far, so that a consumer joining
     * the live stream late (the bridge, a dashboard) learns symbols and scales within one interval. Allocation-free.
     *
     * @param nowNs collector time.
     * @return how many were published.
     */
    public int republishDefinitions(final long nowNs)
    {
        int published = 0;
        for (int i = 0, size = defined.size(); i < size; i++)
        {
            if (instrumentDefinition(defined.get(i), nowNs))
            {
                published++;
            }
        }
        return published;
    }

    /**
     * Check exchange times against receive times from now on. A trade, top of book or book update whose exchange
     * time is more than {@code aheadNs} ahead of its receive time, or more than {@code behindNs} behind it, is counted
     * in {@link #clockSkewCount()} and remembered ({@link #lastSkewInstrument()}); it is published all the same,
     * with both times as they are. Book snapshots are not checked: their exchange time is that of the book's last
     * change, which may be long ago.
     *
     * @param aheadNs  tolerance ahead, positive.
     * @param behindNs tolerance behind, positive.
     */
    public void clockSkewTolerance(final long aheadNs, final long behindNs)
    {
        this.clockSkewAheadNs = aheadNs;
        this.clockSkewBehindNs = behindNs;
        this.clockSkewChecked = true;
    }

    /**
     * Messages whose exchange time was beyond the clock skew tolerance.
     *
     * @return count.
     */
    public long clockSkewCount()
    {
        return clockSkewCount;
    }

    /**
     * Instrument of the last message counted as clock skew, or null.
     *
     * @return instrument.
     */
    public Instrument lastSkewInstrument()
    {
        return lastSkewInstrument;
    }

    /**
     * Exchange time of the last message counted as clock skew.
     *
     * @return ns since the epoch.
     */
    public long lastSkewExchangeTimeNs()
    {
        return lastSkewExchangeTimeNs;
    }

    /**
     * Receive time of the last message counted as clock skew.
     *
     * @return ns since the epoch.
     */
    public long lastSkewReceiveTimeNs()
    {
        return lastSkewReceiveTimeNs;
    }

    /**
     * The sequence the next message will carry (64-bit here; the wire carries its low 32 bits).
     *
     * @return the next sequence.
     */
    public long nextSequenceValue()
    {
        return sequence;
    }

    /**
     * Receive time of the last trade, top of book or book message published for an instrument, or 0.
     *
     * @param instrumentId instrument id.
     * @return ns since the epoch, or 0 if none yet.
     */
    public long lastDataTimeNs(final int instrumentId)
    {
        return lastDataTimeNs[instrumentId];
    }

    /**
     * Messages accepted by the sink.
     *
     * @return messages accepted by the sink.
     */
    public long publishedCount()
    {
        return publishedCount;
    }

    /**
     * Messages the sink refused (their sequence numbers are gaps downstream).
     *
     * @return messages the sink refused.
     */
    public long droppedCount()
    {
        return droppedCount;
    }

    /**
     * Messages refused because the publication was back-pressured.
     *
     * @return back-pressured messages.
     */
    public long backPressuredCount()
    {
        return backPressuredCount;
    }

    /**
     * Messages refused for any other reason: no subscriber, admin action, closed.
     *
     * @return messages refused for other reasons.
     */
    public long notConnectedCount()
    {
        return droppedCount - backPressuredCount;
    }

    /**
     * Null exchange time.
     */
    public static final long NULL_TIME = TradeEncoder.exchangeTimeNsNullValue();

    /**
     * Null exchange sequence or trade id.
     */
    public static final long NULL_SEQUENCE = TradeEncoder.tradeIdNullValue();

    /**
     * A quantity the exchange did not give.
     */
    public static final long NULL_QUANTITY = TopOfBookEncoder.bidQuantityNullValue();

    private boolean publishInParts(final LevelBuffer levels, final BookParts parts)
    {
        boolean allPublished = true;
        int index = 0;
        do
        {
            final int partCount = Math.min(MAX_LEVELS_PER_MESSAGE, levels.count() - index);
            final boolean last = index + partCount == levels.count();
            allPublished &= offer(parts.encode(index, partCount, last));
            index += partCount;
        }
        while (index < levels.count());

        return allPublished;
    }

    /**
     * One book message's worth of levels, encoded as a snapshot or an update part; built once, reused.
     */
    private abstract class BookParts
    {
        Instrument instrument;
        long exchangeTimeNs;
        long receiveTimeNs;
        long firstExchangeSequence;
        long exchangeSequence;
        LevelBuffer levels;
        int checksumFlags;

        final void set(
            final Instrument instrument,
            final long exchangeTimeNs,
            final long receiveTimeNs,
            final long firstExchangeSequence,
            final long exchangeSequence,
            final LevelBuffer levels,
            final int checksumFlags)
        {
            this.instrument = instrument;
            this.exchangeTimeNs = exchangeTimeNs;
            this.receiveTimeNs = receiveTimeNs;
            this.firstExchangeSequence = firstExchangeSequence;
            this.exchangeSequence = exchangeSequence;
            this.levels = levels;
            this.checksumFlags = checksumFlags;
        }

        /**
         * Encode levels [from, from + count) as one message.
         *
         * @return encoded length with header.
         */
        abstract int encode(int from, int count, boolean last);
    }

    private final class SnapshotParts extends BookParts
    {
        int encode(final int from, final int count, final boolean last)
        {
            snapshotEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .exchangeTimeNs(exchangeTimeNs)
                .receiveTimeNs(receiveTimeNs)
                .exchangeSequence(exchangeSequence)
                .sequence(nextSequence())
                .instrumentId(instrument.id())
                .exchange(exchange);
            snapshotEncoder.flags().clear()
                .lastInBatch(last)
                .checksumOk(last && 0 != (checksumFlags & CHECKSUM_OK))
                .checksumFailed(last && 0 != (checksumFlags & CHECKSUM_FAILED));
            final BookSnapshotEncoder.LevelsEncoder group = snapshotEncoder.levelsCount(count);
            for (int i = from, end = from + count; i < end; i++)
            {
                group.next().price(levels.price(i)).quantity(levels.quantity(i)).side(levels.side(i));
            }
            snapshotEncoder.publishTimeNs(clock.nanoTime());
            return MessageHeaderEncoder.ENCODED_LENGTH + snapshotEncoder.encodedLength();
        }
    }

    private final class UpdateParts extends BookParts
    {
        int encode(final int from, final int count, final boolean last)
        {
            updateEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
                .exchangeTimeNs(exchangeTimeNs)
                .receiveTimeNs(receiveTimeNs)
                .exchangeSequence(exchangeSequence)
                .firstExchangeSequence(firstExchangeSequence)
                .sequence(nextSequence())
                .instrumentId(instrument.id())
                .exchange(exchange);
            updateEncoder.flags().clear()
                .lastInBatch(last)
                .checksumOk(last && 0 != (checksumFlags & CHECKSUM_OK))
                .checksumFailed(last && 0 != (checksumFlags & CHECKSUM_FAILED));
            final BookUpdateEncoder.LevelsEncoder group = updateEncoder.levelsCount(count);
            for (int i = from, end = from + count; i < end; i++)
            {
                group.next().price(levels.price(i)).quantity(levels.quantity(i)).side(levels.side(i));
            }
            updateEncoder.publishTimeNs(clock.nanoTime());
            return MessageHeaderEncoder.ENCODED_LENGTH + updateEncoder.encodedLength();
        }
    }

    private void checkClock(final Instrument instrument, final long exchangeTimeNs, final long receiveTimeNs)
    {
        // Compared without subtracting the two times: an exchange time near the range's ends must not overflow.
        if (clockSkewChecked && NULL_TIME != exchangeTimeNs &&
            (exchangeTimeNs > receiveTimeNs + clockSkewAheadNs || exchangeTimeNs < receiveTimeNs - clockSkewBehindNs))
        {
            clockSkewCount++;
            lastSkewInstrument = instrument;
            lastSkewExchangeTimeNs = exchangeTimeNs;
            lastSkewReceiveTimeNs = receiveTimeNs;
        }
    }

    private void ensureDefined(final Instrument instrument, final long receiveTimeNs)
    {
        if (!instrument.definitionPublished())
        {
            instrumentDefinition(instrument, receiveTimeNs);
        }
    }

    private static final int MAX_ADMIN_ACTION_RETRIES = 8;

    private long nextSequence()
    {
        return sequence++ & 0xFFFF_FFFFL;
    }

    private boolean offer(final int length)
    {
        long result = sink.offer(buffer, 0, length);
        // ADMIN_ACTION is transient (the log is rotating to its next term): offering again succeeds at once.
        // Back-pressure is not retried here: the collector must keep draining its socket; the drop is counted and
        // the skipped sequence number shows it downstream as a gap.
        for (int i = 0; i < MAX_ADMIN_ACTION_RETRIES && io.aeron.Publication.ADMIN_ACTION == result; i++)
        {
            result = sink.offer(buffer, 0, length);
        }
        if (result > 0)
        {
            publishedCount++;
            return true;
        }
        droppedCount++;
        if (io.aeron.Publication.BACK_PRESSURED == result)
        {
            backPressuredCount++;
        }
        return false;
    }

    private void putDetail(final CharSequence detail)
    {
        if (null == detail)
        {
            feedEventEncoder.detail("");
            return;
        }
        final int length = Math.min(detail.length(), MAX_DETAIL_LENGTH);
        final int limit = feedEventEncoder.limit();
        buffer.putShort(limit, (short)length, java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++)
        {
            final char c = detail.charAt(i);
            buffer.putByte(limit + 2 + i, c < 128 ? (byte)c : (byte)'?');
        }
        feedEventEncoder.limit(limit + 2 + length);
    }
}
