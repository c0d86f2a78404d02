/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.book;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceLevelsTest
{
    @Test
    void shouldKeepBestFirstOnEachSide()
    {
        final OrderBook book = new OrderBook(2);
        book.bids().set(100, 1);
        book.bids().set(102, 2);
        book.bids().set(101, 3);
        book.asks().set(105, 4);
        book.asks().set(103, 5);
        assertEquals(102, book.bids().price(0));
        assertEquals(100, book.bids().price(2));
        assertEquals(103, book.asks().price(0));
        assertFalse(book.isCrossed());
        book.bids().set(103, 1);
        assertTrue(book.isCrossed());
        book.bids().set(103, 0);
        assertEquals(3, book.bids().size());
        assertEquals(0, book.bids().quantityAt(103));
    }

    @Test
    void shouldTruncateTheWorstLevels()
    {
        final PriceLevels asks = new PriceLevels(false, 4);
        for (int price = 10; price < 20; price++)
        {
            asks.set(price, price);
        }
        asks.truncate(3);
        assertEquals(3, asks.size());
        assertEquals(10, asks.price(0));
        assertEquals(12, asks.price(2));
    }

    @RepeatedTest(20)
    void shouldAgreeWithASortedMap(final RepetitionInfo info)
    {
        final Random random = new Random(info.getCurrentRepetition());
        final boolean bids = random.nextBoolean();
        final PriceLevels levels = new PriceLevels(bids, 1);
        final TreeMap<Long, Long> model = new TreeMap<>(bids ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        for (int i = 0; i < 5_000; i++)
        {
            final long price = 1_000 + random.nextInt(300);
            final long quantity = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(1_000);
            levels.set(price, quantity);
            if (0 == quantity)
            {
                model.remove(price);
            }
            else
            {
                model.put(price, quantity);
            }
        }

        assertEquals(model.size(), levels.size());
        int rank = 0;
        for (final Map.Entry<Long, Long> entry : model.entrySet())
        {
            assertEquals(entry.getKey(), levels.price(rank));
            assertEquals(entry.getValue(), levels.quantity(rank));
            rank++;
        }
    }
}
