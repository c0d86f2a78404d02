/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.engine.L2Book;
import io.alphapulse.engine.MarketDataAdapter;
import io.alphapulse.engine.MarketDataHandler;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotEncoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.MessageHeaderEncoder;
import io.alphapulse.strategy.TopOfBookEvent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One-level L2 books from quotes, for sources that have no L2 data (the lake keeps top of book only): each quote
 * becomes a book snapshot of its best bid and ask, decoded by the engine's own {@link MarketDataAdapter}, so the
 * paper venue fills against it exactly as it fills against a recorded book. A side without a quantity has no level
 * (nothing is known to be available there).
 */
final class QuoteBooks implements MarketDataHandler
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
    private final MarketDataAdapter decoder;
    private L2Book last;

    QuoteBooks(final MarketDataAdapter.BookListener listener)
    {
        this.decoder = new MarketDataAdapter(this, listener);
    }

    L2Book book(
        final long timeNs, final int instrumentId, final long bid, final long bidQuantity, final long ask,
        final long askQuantity)
    {
        final boolean hasBid = bid > 0 && bidQuantity > 0 && bidQuantity != TopOfBookEvent.NO_QUANTITY;
        final boolean hasAsk = ask > 0 && askQuantity > 0 && askQuantity != TopOfBookEvent.NO_QUANTITY;
        snapshot.wrapAndApplyHeader(buffer, 0, header)
            .exchangeTimeNs(timeNs).receiveTimeNs(timeNs).publishTimeNs(timeNs).exchangeSequence(0).sequence(0)
            .instrumentId(instrumentId).exchange(Exchange.KRAKEN);
        snapshot.flags().clear().lastInBatch(true);
        final BookSnapshotEncoder.LevelsEncoder levels = snapshot.levelsCount((hasBid ? 1 : 0) + (hasAsk ? 1 : 0));
        if (hasBid)
        {
            levels.next().price(bid).quantity(bidQuantity).side(BookSide.BID);
        }
        if (hasAsk)
        {
            levels.next().price(ask).quantity(askQuantity).side(BookSide.ASK);
        }
        last = null;
        decoder.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + snapshot.encodedLength());
        return last;
    }

    /**
     * {@inheritDoc}
     */
    public void onBook(final L2Book book)
    {
        last = book;
    }
}
