/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.book.OrderBook;

/**
 * One instrument's book on one Kraken connection and what is needed to keep it right: the subscribed depth (Kraken
 * sends no delete for levels that fall out of scope), the wire precision of prices and quantities (the checksum is
 * computed over the wire text), and the sync state. Created on first sight of the instrument, then reused.
 */
final class KrakenBook
{
    final OrderBook book;
    int depth;
    int priceDigits = -1;
    int quantityDigits = -1;
    boolean synced;
    boolean resyncing;
    boolean crossed;

    KrakenBook(final int depth)
    {
        this.depth = depth;
        this.book = new OrderBook(Math.max(16, 2 * depth));
    }

    /**
     * Forget the book: it is out of date until the next snapshot.
     */
    void reset()
    {
        book.clear();
        synced = false;
        crossed = false;
    }

    /**
     * Widen the known wire precision to cover a token of the current message.
     *
     * @param messagePriceDigits    largest price fraction digits in the message, or -1.
     * @param messageQuantityDigits largest quantity fraction digits in the message, or -1.
     */
    void widenDigits(final int messagePriceDigits, final int messageQuantityDigits)
    {
        priceDigits = Math.max(priceDigits, messagePriceDigits);
        quantityDigits = Math.max(quantityDigits, messageQuantityDigits);
    }
}
