/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.collector.book.PriceLevels;
import io.alphapulse.decimal.DecimalCodec;

import java.util.zip.CRC32;

/**
 * Kraken's book checksum (v1 and v2 alike): CRC32 over the top 10 asks by ascending price, then the top 10 bids by
 * descending price; for each level its price then its quantity as the wire text with the {@code '.'} and the
 * leading zeros removed. The wire text is rebuilt from the stored mantissas at the precision the exchange writes
 * for the pair (e.g. {@code 0.000022900} -> {@code 22900}, {@code 13355.87450757} -> {@code 1335587450757}).
 * <p>
 * One {@link CRC32} and one digit buffer, reused: no allocation. Not thread-safe.
 */
final class KrakenChecksum
{
    static final int LEVELS = 10;

    private final CRC32 crc = new CRC32();
    private final byte[] digits = new byte[2 * DecimalCodec.MAX_SCALE + 4];

    /**
     * The checksum of a book.
     *
     * @param book           the book.
     * @param priceScale     scale of the stored prices.
     * @param priceDigits    fraction digits of prices on the wire.
     * @param quantityScale  scale of the stored quantities.
     * @param quantityDigits fraction digits of quantities on the wire.
     * @return unsigned 32-bit CRC.
     */
    long compute(
        final OrderBook book,
        final int priceScale,
        final int priceDigits,
        final int quantityScale,
        final int quantityDigits)
    {
        crc.reset();
        side(book.asks(), priceScale, priceDigits, quantityScale, quantityDigits);
        side(book.bids(), priceScale, priceDigits, quantityScale, quantityDigits);
        return crc.getValue();
    }

    private void side(
        final PriceLevels levels,
        final int priceScale,
        final int priceDigits,
        final int quantityScale,
        final int quantityDigits)
    {
        for (int rank = 0, count = Math.min(LEVELS, levels.size()); rank < count; rank++)
        {
            put(levels.price(rank), priceScale, priceDigits);
            put(levels.quantity(rank), quantityScale, quantityDigits);
        }
    }

    private void put(final long mantissa, final int scale, final int wireDigits)
    {
        long value = mantissa;
        int trailingZeros = 0;
        if (wireDigits < scale)
        {
            // Exact: every token of the book had at most wireDigits fraction digits.
            value = mantissa / DecimalCodec.pow10(scale - wireDigits);
        }
        else
        {
            trailingZeros = wireDigits - scale;
        }

        if (value <= 0)
        {
            return; // "0.00000000" without '.' and leading zeros is empty
        }

        int start = digits.length - trailingZeros;
        for (int i = start; i < digits.length; i++)
        {
            digits[i] = '0';
        }
        do
        {
            digits[--start] = (byte)('0' + value % 10);
            value /= 10;
        }
        while (0 != value);

        crc.update(digits, start, digits.length - start);
    }
}
