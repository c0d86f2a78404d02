/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.schemas;

import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventEncoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.HeartbeatEncoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderDecoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookEncoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import io.alphapulse.schemas.marketdata.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketDataCodecTest
{
    private static final long T_EXCHANGE = 1_754_773_548_228_568_804L;
    private static final long T_RECEIVE = T_EXCHANGE + 1_000_000L;
    private static final long T_PUBLISH = T_RECEIVE + 2_500L;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final List<Object> seen = new ArrayList<>();

    @Test
    void tradeShouldFitOneAeronFrameAndRoundTrip()
    {
        final TradeEncoder encoder = new TradeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(T_EXCHANGE)
            .receiveTimeNs(T_RECEIVE)
            .publishTimeNs(T_PUBLISH)
            .tradeId(1_068_572_090L)
            .price(6_508_367L)
            .quantity(218_600L)
            .sequence(0xFFFF_FFFFL)
            .instrumentId(65_000)
            .exchange(Exchange.COINBASE)
            .aggressorSide(AggressorSide.BUY);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        assertEquals(64, length, "Trade with header must fit one 96-byte Aeron frame");

        final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onTrade(final TradeDecoder trade)
            {
                assertEquals(T_EXCHANGE, trade.exchangeTimeNs());
                assertEquals(T_RECEIVE, trade.receiveTimeNs());
                assertEquals(T_PUBLISH, trade.publishTimeNs());
                assertEquals(1_068_572_090L, trade.tradeId());
                assertEquals(6_508_367L, trade.price());
                assertEquals(218_600L, trade.quantity());
                assertEquals(0xFFFF_FFFFL, trade.sequence());
                assertEquals(65_000, trade.instrumentId());
                assertEquals(Exchange.COINBASE, trade.exchange());
                assertEquals(AggressorSide.BUY, trade.aggressorSide());
                seen.add(trade);
            }
        });
        assertEquals(MarketDataReader.Result.DISPATCHED, reader.read(buffer, 0, length));
        assertEquals(1, seen.size());
    }

    @Test
    void optionalFieldsShouldReadAsNull()
    {
        new TradeEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(TradeEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(T_RECEIVE)
            .publishTimeNs(T_PUBLISH)
            .tradeId(TradeEncoder.tradeIdNullValue())
            .price(1)
            .quantity(1)
            .sequence(1)
            .instrumentId(1)
            .exchange(Exchange.KRAKEN)
            .aggressorSide(AggressorSide.NULL_VAL);

        final TradeDecoder decoder = new TradeDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(TradeDecoder.exchangeTimeNsNullValue(), decoder.exchangeTimeNs());
        assertEquals(TradeDecoder.tradeIdNullValue(), decoder.tradeId());
        assertEquals(AggressorSide.NULL_VAL, decoder.aggressorSide());
    }

    @Test
    void topOfBookShouldRoundTrip()
    {
        final TopOfBookEncoder encoder = new TopOfBookEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(T_EXCHANGE).receiveTimeNs(T_RECEIVE).publishTimeNs(T_PUBLISH)
            .exchangeSequence(400_900_217L)
            .bidPrice(2_501_000L).bidQuantity(31_210_000L).askPrice(2_502_000L).askQuantity(40_660_000L)
            .sequence(7).instrumentId(42).exchange(Exchange.BINANCE);

        final TopOfBookDecoder decoder = new TopOfBookDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(encoder.encodedLength(), decoder.encodedLength());
        assertEquals(T_EXCHANGE, decoder.exchangeTimeNs());
        assertEquals(T_RECEIVE, decoder.receiveTimeNs());
        assertEquals(T_PUBLISH, decoder.publishTimeNs());
        assertEquals(400_900_217L, decoder.exchangeSequence());
        assertEquals(2_501_000L, decoder.bidPrice());
        assertEquals(31_210_000L, decoder.bidQuantity());
        assertEquals(2_502_000L, decoder.askPrice());
        assertEquals(40_660_000L, decoder.askQuantity());
        assertEquals(7, decoder.sequence());
        assertEquals(42, decoder.instrumentId());
        assertEquals(Exchange.BINANCE, decoder.exchange());
    }

    @Test
    void bookSnapshotAndUpdateShouldRoundTripTheirLevels()
    {
        final BookSnapshotEncoder snapshot = new BookSnapshotEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(T_EXCHANGE).receiveTimeNs(T_RECEIVE).publishTimeNs(T_PUBLISH)
            .exchangeSequence(100).sequence(1).instrumentId(3).exchange(Exchange.KRAKEN);
        snapshot.flags().lastInBatch(true).checksumOk(true);
        final BookSnapshotEncoder.LevelsEncoder snapshotLevels = snapshot.levelsCount(3);
        snapshotLevels.next().price(100).quantity(5).side(BookSide.BID);
        snapshotLevels.next().price(99).quantity(6).side(BookSide.BID);
        snapshotLevels.next().price(101).quantity(7).side(BookSide.ASK);

        final BookSnapshotDecoder snapshotDecoder =
            new BookSnapshotDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(100, snapshotDecoder.exchangeSequence());
        assertTrue(snapshotDecoder.flags().lastInBatch());
        assertTrue(snapshotDecoder.flags().checksumOk());
        assertFalse(snapshotDecoder.flags().checksumFailed());
        final StringBuilder levels = new StringBuilder();
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshotDecoder.levels())
        {
            levels.append(level.side()).append(' ').append(level.price()).append('x').append(level.quantity()).append(';');
        }
        assertEquals("BID 100x5;BID 99x6;ASK 101x7;", levels.toString());

        final BookUpdateEncoder update = new BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(T_EXCHANGE).receiveTimeNs(T_RECEIVE).publishTimeNs(T_PUBLISH)
            .exchangeSequence(160).firstExchangeSequence(157).sequence(2).instrumentId(3).exchange(Exchange.BINANCE);
        update.flags().lastInBatch(true);
        update.levelsCount(1).next().price(101).quantity(0).side(BookSide.ASK);

        final BookUpdateDecoder updateDecoder =
            new BookUpdateDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(160, updateDecoder.exchangeSequence());
        assertEquals(157, updateDecoder.firstExchangeSequence());
        assertEquals(2, updateDecoder.sequence());
        final BookUpdateDecoder.LevelsDecoder updateLevels = updateDecoder.levels();
        assertEquals(1, updateLevels.count());
        updateLevels.next();
        assertEquals(101, updateLevels.price());
        assertEquals(0, updateLevels.quantity());
        assertEquals(BookSide.ASK, updateLevels.side());
    }

    @Test
    void instrumentDefinitionShouldRoundTripSymbols()
    {
        new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(InstrumentDefinitionEncoder.exchangeTimeNsNullValue())
            .receiveTimeNs(T_RECEIVE).publishTimeNs(T_PUBLISH).sequence(0).instrumentId(11)
            .exchange(Exchange.KRAKEN).priceScale((short)1).quantityScale((short)8)
            .symbol("BTC-USD").venueSymbol("XBT/USD");

        final InstrumentDefinitionDecoder decoder =
            new InstrumentDefinitionDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(11, decoder.instrumentId());
        assertEquals(1, decoder.priceScale());
        assertEquals(8, decoder.quantityScale());
        assertEquals("BTC-USD", decoder.symbol());
        assertEquals("XBT/USD", decoder.venueSymbol());
    }

    @Test
    void feedEventShouldRoundTripGapAndDetail()
    {
        new FeedEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(T_EXCHANGE).receiveTimeNs(T_RECEIVE).publishTimeNs(T_PUBLISH)
            .expectedSequence(1030).receivedSequence(1034).sequence(9)
            .instrumentId(FeedEventEncoder.instrumentIdNullValue())
            .exchange(Exchange.COINBASE).eventType(FeedEventType.GAP)
            .detail("sequence_num jumped");

        final FeedEventDecoder decoder = new FeedEventDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(FeedEventType.GAP, decoder.eventType());
        assertEquals(1030, decoder.expectedSequence());
        assertEquals(1034, decoder.receivedSequence());
        assertEquals(FeedEventDecoder.instrumentIdNullValue(), decoder.instrumentId());
        assertEquals("sequence_num jumped", decoder.detail());
    }

    @Test
    void heartbeatShouldRoundTrip()
    {
        new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(T_EXCHANGE).receiveTimeNs(T_RECEIVE).publishTimeNs(T_PUBLISH)
            .sequence(12).exchange(Exchange.BINANCE);

        final HeartbeatDecoder decoder = new HeartbeatDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(T_EXCHANGE, decoder.exchangeTimeNs());
        assertEquals(T_PUBLISH, decoder.publishTimeNs());
        assertEquals(12, decoder.sequence());
        assertEquals(Exchange.BINANCE, decoder.exchange());
    }
}
