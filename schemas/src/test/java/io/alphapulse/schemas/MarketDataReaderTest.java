/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.schemas;

import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateEncoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.HeartbeatEncoder;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.schemas.trading.NewOrderEncoder;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static io.alphapulse.schemas.MarketDataReader.Result.BAD_BLOCK_LENGTH;
import static io.alphapulse.schemas.MarketDataReader.Result.DISPATCHED;
import static io.alphapulse.schemas.MarketDataReader.Result.TRUNCATED;
import static io.alphapulse.schemas.MarketDataReader.Result.UNKNOWN_SCHEMA;
import static io.alphapulse.schemas.MarketDataReader.Result.UNKNOWN_TEMPLATE;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketDataReaderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private int heartbeats;
    private int updates;
    private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
    {
        public void onHeartbeat(final HeartbeatDecoder heartbeat)
        {
            heartbeats++;
        }

        public void onBookUpdate(final BookUpdateDecoder update)
        {
            updates++;
        }
    });

    @Test
    void shouldCountAndSkipMessageFromAnotherSchema()
    {
        final NewOrderEncoder order = new NewOrderEncoder()
            .wrapAndApplyHeader(buffer, 0, new io.alphapulse.schemas.trading.MessageHeaderEncoder())
            .timestampNs(1).clientOrderId(2).price(3).quantity(4).portfolioId(5).strategyId(6).instrumentId(7)
            .side(Side.BUY).orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC);

        assertEquals(UNKNOWN_SCHEMA, reader.read(buffer, 0, 8 + order.encodedLength()));
        assertEquals(1, reader.count(UNKNOWN_SCHEMA));
        assertEquals(0, heartbeats);
    }

    @Test
    void shouldCountAndSkipUnknownTemplate()
    {
        final int length = encodeHeartbeat();
        buffer.putShort(2, (short)999);

        assertEquals(UNKNOWN_TEMPLATE, reader.read(buffer, 0, length));
        assertEquals(1, reader.count(UNKNOWN_TEMPLATE));
        assertEquals(0, heartbeats);

        encodeHeartbeat();
        assertEquals(DISPATCHED, reader.read(buffer, 0, length));
        assertEquals(1, heartbeats);
    }

    @Test
    void shouldCountTruncatedAndShortBlocks()
    {
        final int length = encodeHeartbeat();
        assertEquals(TRUNCATED, reader.read(buffer, 0, 5));
        assertEquals(TRUNCATED, reader.read(buffer, 0, length - 1));

        buffer.putShort(0, (short)4);
        assertEquals(BAD_BLOCK_LENGTH, reader.read(buffer, 0, length));
        assertEquals(3, reader.rejectedCount());
        assertEquals(0, heartbeats);
    }

    @Test
    void shouldRejectGroupCountRunningPastTheMessage()
    {
        final BookUpdateEncoder update = new BookUpdateEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .receiveTimeNs(1).publishTimeNs(2).sequence(3).instrumentId(4).exchange(Exchange.KRAKEN);
        update.levelsCount(2).next().price(1).quantity(1).side(BookSide.BID).next().price(2).quantity(2)
            .side(BookSide.ASK);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength();

        assertEquals(DISPATCHED, reader.read(buffer, 0, length));
        assertEquals(TRUNCATED, reader.read(buffer, 0, length - 1));
        final int groupHeaderOffset = MessageHeaderEncoder.ENCODED_LENGTH + BookUpdateEncoder.BLOCK_LENGTH;
        buffer.putShort(groupHeaderOffset + 2, (short)1000);
        assertEquals(TRUNCATED, reader.read(buffer, 0, length));
        assertEquals(1, updates);
    }

    @Test
    void shouldReadAnOlderVersionWithNullsForFieldsAddedSince()
    {
        final io.alphapulse.schemas.marketdata.FeedEventEncoder encoder =
            new io.alphapulse.schemas.marketdata.FeedEventEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .receiveTimeNs(1).publishTimeNs(2).expectedSequence(10).receivedSequence(14).sequence(3)
            .instrumentId(io.alphapulse.schemas.marketdata.FeedEventEncoder.instrumentIdNullValue())
            .exchange(Exchange.BINANCE).eventType(io.alphapulse.schemas.marketdata.FeedEventType.GAP)
            .origin(io.alphapulse.schemas.marketdata.EventOrigin.RELAY);
        encoder.detail("old writer");
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        // Rewrite it as a version 0 writer would have: no origin byte at the end of the block.
        final int v0BlockLength = io.alphapulse.schemas.marketdata.FeedEventEncoder.BLOCK_LENGTH - 1;
        final int blockEnd = MessageHeaderEncoder.ENCODED_LENGTH + v0BlockLength;
        buffer.putBytes(blockEnd, buffer, blockEnd + 1, length - blockEnd - 1);
        buffer.putShort(0, (short)v0BlockLength);
        buffer.putShort(6, (short)0);

        final String[] seen = new String[1];
        final MarketDataReader olderAware = new MarketDataReader(new MarketDataReader.Listener()
        {
            public void onFeedEvent(final io.alphapulse.schemas.marketdata.FeedEventDecoder event)
            {
                seen[0] = event.eventType() + " " + event.expectedSequence() + ">" + event.receivedSequence() + " " +
                    event.origin() + " " + event.detail();
            }
        });
        assertEquals(DISPATCHED, olderAware.read(buffer, 0, length - 1));
        assertEquals("GAP 10>14 NULL_VAL old writer", seen[0]);
    }

    @Test
    void shouldSurviveRandomBytes()
    {
        final Random random = new Random(42);
        final byte[] bytes = new byte[256];
        final UnsafeBuffer garbage = new UnsafeBuffer(bytes);
        for (int i = 0; i < 100_000; i++)
        {
            random.nextBytes(bytes);
            if (random.nextBoolean())
            {
                garbage.putShort(4, (short)9001);
                garbage.putShort(2, (short)(1 + random.nextInt(7)));
            }
            reader.read(garbage, 0, random.nextInt(bytes.length + 1));
        }
        assertEquals(100_000, reader.rejectedCount() + reader.count(DISPATCHED));
    }

    private int encodeHeartbeat()
    {
        final HeartbeatEncoder encoder = new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, headerEncoder)
            .exchangeTimeNs(1).receiveTimeNs(2).publishTimeNs(3).sequence(4).exchange(Exchange.KRAKEN);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
