/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.schemas;

import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.HeartbeatDecoder;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.MessageHeaderDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Validates one market-data message and dispatches it to a {@link Listener}. A message from another schema, with an
 * unknown template, or shorter than its header and blocks claim is counted by reason and skipped, never thrown.
 * <p>
 * Decoders are built once and reused; the reader allocates nothing per message. The buffer is viewed through a
 * window of exactly the message's length, so a corrupt group count cannot make a decoder read a neighbour's bytes.
 * Not thread-safe.
 */
public final class MarketDataReader
{
    /**
     * Receives decoded market data. The decoder is only valid during the call.
     */
    public interface Listener
    {
        /**
         * A trade.
         *
         * @param trade decoder positioned on the message.
         */
        default void onTrade(final TradeDecoder trade)
        {
        }

        /**
         * Top of book.
         *
         * @param topOfBook decoder positioned on the message.
         */
        default void onTopOfBook(final TopOfBookDecoder topOfBook)
        {
        }

        /**
         * A book snapshot (or one part of it).
         *
         * @param snapshot decoder positioned on the message.
         */
        default void onBookSnapshot(final BookSnapshotDecoder snapshot)
        {
        }

        /**
         * A book update.
         *
         * @param update decoder positioned on the message.
         */
        default void onBookUpdate(final BookUpdateDecoder update)
        {
        }

        /**
         * An instrument definition.
         *
         * @param definition decoder positioned on the message.
         */
        default void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
        {
        }

        /**
         * A feed event.
         *
         * @param event decoder positioned on the message.
         */
        default void onFeedEvent(final FeedEventDecoder event)
        {
        }

        /**
         * A heartbeat.
         *
         * @param heartbeat decoder positioned on the message.
         */
        default void onHeartbeat(final HeartbeatDecoder heartbeat)
        {
        }
    }

    /**
     * Outcome of {@link #read(DirectBuffer, int, int)}.
     */
    public enum Result
    {
        /**
         * Valid and dispatched.
         */
        DISPATCHED,

        /**
         * Shorter than a message header, or than its blocks, groups and data.
         */
        TRUNCATED,

        /**
         * Header names another schema.
         */
        UNKNOWN_SCHEMA,

        /**
         * Header names a template this schema does not have.
         */
        UNKNOWN_TEMPLATE,

        /**
         * Header's block length is shorter than the template's fields in the acting version need.
         */
        BAD_BLOCK_LENGTH
    }

    private final Listener listener;
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final TradeDecoder tradeDecoder = new TradeDecoder();
    private final TopOfBookDecoder topOfBookDecoder = new TopOfBookDecoder();
    private final BookSnapshotDecoder bookSnapshotDecoder = new BookSnapshotDecoder();
    private final BookUpdateDecoder bookUpdateDecoder = new BookUpdateDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinitionDecoder = new InstrumentDefinitionDecoder();
    private final FeedEventDecoder feedEventDecoder = new FeedEventDecoder();
    private final HeartbeatDecoder heartbeatDecoder = new HeartbeatDecoder();
    private final long[] counts = new long[Result.values().length];

    /**
     * Create a reader dispatching to a listener.
     *
     * @param listener to receive valid messages.
     */
    public MarketDataReader(final Listener listener)
    {
        this.listener = listener;
    }

    /**
     * Validate and dispatch one message.
     *
     * @param buffer holding the message.
     * @param offset of the message header.
     * @param length of the message in bytes.
     * @return what happened; everything but {@link Result#DISPATCHED} was counted and skipped.
     */
    public Result read(final DirectBuffer buffer, final int offset, final int length)
    {
        final Result result = validateAndDispatch(buffer, offset, length);
        counts[result.ordinal()]++;
        return result;
    }

    /**
     * How many messages ended with a given result.
     *
     * @param result outcome.
     * @return count since creation.
     */
    public long count(final Result result)
    {
        return counts[result.ordinal()];
    }

    /**
     * How many messages were skipped for any reason.
     *
     * @return count since creation.
     */
    public long rejectedCount()
    {
        long total = 0;
        for (final Result result : Result.values())
        {
            if (result != Result.DISPATCHED)
            {
                total += counts[result.ordinal()];
            }
        }
        return total;
    }

    private Result validateAndDispatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return Result.TRUNCATED;
        }

        window.wrap(buffer, offset, length);
        headerDecoder.wrap(window, 0);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return Result.UNKNOWN_SCHEMA;
        }

        final int templateId = headerDecoder.templateId();
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int bodyOffset = MessageHeaderDecoder.ENCODED_LENGTH;
        if (bodyOffset + blockLength > length)
        {
            return Result.TRUNCATED;
        }

        try
        {
            switch (templateId)
            {
                case TradeDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, TradeDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    listener.onTrade(tradeDecoder.wrap(window, bodyOffset, blockLength, version));
                    return Result.DISPATCHED;

                case TopOfBookDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, TopOfBookDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    listener.onTopOfBook(topOfBookDecoder.wrap(window, bodyOffset, blockLength, version));
                    return Result.DISPATCHED;

                case BookSnapshotDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, BookSnapshotDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    bookSnapshotDecoder.wrap(window, bodyOffset, blockLength, version);
                    if (bodyOffset + bookSnapshotDecoder.sbeDecodedLength() > length)
                    {
                        return Result.TRUNCATED;
                    }
                    listener.onBookSnapshot(bookSnapshotDecoder.sbeRewind());
                    return Result.DISPATCHED;

                case BookUpdateDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, BookUpdateDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    bookUpdateDecoder.wrap(window, bodyOffset, blockLength, version);
                    if (bodyOffset + bookUpdateDecoder.sbeDecodedLength() > length)
                    {
                        return Result.TRUNCATED;
                    }
                    listener.onBookUpdate(bookUpdateDecoder.sbeRewind());
                    return Result.DISPATCHED;

                case InstrumentDefinitionDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, InstrumentDefinitionDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    instrumentDefinitionDecoder.wrap(window, bodyOffset, blockLength, version);
                    if (bodyOffset + instrumentDefinitionDecoder.sbeDecodedLength() > length)
                    {
                        return Result.TRUNCATED;
                    }
                    listener.onInstrumentDefinition(instrumentDefinitionDecoder.sbeRewind());
                    return Result.DISPATCHED;

                case FeedEventDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, FeedEventDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    feedEventDecoder.wrap(window, bodyOffset, blockLength, version);
                    if (bodyOffset + feedEventDecoder.sbeDecodedLength() > length)
                    {
                        return Result.TRUNCATED;
                    }
                    listener.onFeedEvent(feedEventDecoder.sbeRewind());
                    return Result.DISPATCHED;

                case HeartbeatDecoder.TEMPLATE_ID:
                    if (blockTooShort(blockLength, version, HeartbeatDecoder.BLOCK_LENGTH))
                    {
                        return Result.BAD_BLOCK_LENGTH;
                    }
                    listener.onHeartbeat(heartbeatDecoder.wrap(window, bodyOffset, blockLength, version));
                    return Result.DISPATCHED;

                default:
                    return Result.UNKNOWN_TEMPLATE;
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            // A group count or data length that runs past the message; the window bounds the read.
            return Result.TRUNCATED;
        }
    }

    /**
     * Fields are only ever appended ({@code sinceVersion}), so a message of the current schema version or later
     * carries at least the current block; an older one may carry less, and its decoder reads nulls for the rest.
     */
    private static boolean blockTooShort(final int blockLength, final int version, final int currentBlockLength)
    {
        return version >= MessageHeaderDecoder.SCHEMA_VERSION && blockLength < currentBlockLength;
    }
}
