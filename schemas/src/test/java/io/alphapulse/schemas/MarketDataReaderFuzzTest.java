/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.schemas;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzzes the validation every consumer of the market-data stream relies on (the relay rejects with it what it must
 * not forward): whatever the bytes, {@link MarketDataReader#read} either rejects them with a result or dispatches a
 * message that can be decoded in full (every field, group entry and text) without reading past its length. The only
 * exception allowed is the {@link IllegalArgumentException} of an enum value the schema does not define, which the
 * relay counts as a rejection. Agrona bounds checks are on in tests, so any out-of-bounds read fails the run.
 */
class MarketDataReaderFuzzTest
{
    private final StringBuilder scratch = new StringBuilder();
    private final MarketDataReader reader = new MarketDataReader(new MarketDataReader.Listener()
    {
        public void onTrade(final TradeDecoder trade)
        {
            touch(trade.appendTo(scratch));
        }

        public void onTopOfBook(final TopOfBookDecoder topOfBook)
        {
            touch(topOfBook.appendTo(scratch));
        }

        public void onBookSnapshot(final BookSnapshotDecoder snapshot)
        {
            touch(snapshot.appendTo(scratch));
        }

        public void onBookUpdate(final BookUpdateDecoder update)
        {
            touch(update.appendTo(scratch));
        }

        public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
        {
            touch(definition.appendTo(scratch));
        }

        public void onFeedEvent(final FeedEventDecoder event)
        {
            touch(event.appendTo(scratch));
        }

        public void onHeartbeat(final HeartbeatDecoder heartbeat)
        {
            touch(heartbeat.appendTo(scratch));
        }
    });

    @FuzzTest(maxDuration = "60s")
    void everyDispatchedMessageDecodesInFull(final byte[] bytes)
    {
        // The message sits inside a larger buffer, as in an Aeron term: reading past its length would not fault.
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 64]);
        buffer.putBytes(16, bytes);
        final UnsafeBuffer exact = new UnsafeBuffer(buffer, 16, bytes.length);
        try
        {
            assertNotNull(reader.read(exact, 0, bytes.length));
        }
        catch (final IllegalArgumentException ex)
        {
            // An undefined enum value: rejected by the relay.
        }
    }

    private void touch(final StringBuilder decoded)
    {
        decoded.setLength(0);
    }
}
