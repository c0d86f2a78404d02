/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A reference Kraken book for tests, kept as wire strings, with the checksum computed the way Kraken's guide
 * describes it: independent of the decoder's mantissa arithmetic.
 */
final class WireBook
{
    private final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();
    private final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
    private final int depth;

    WireBook(final int depth)
    {
        this.depth = depth;
    }

    WireBook ask(final String price, final String quantity)
    {
        return set(asks, price, quantity);
    }

    WireBook bid(final String price, final String quantity)
    {
        return set(bids, price, quantity);
    }

    long checksum()
    {
        final StringBuilder text = new StringBuilder();
        append(text, asks);
        append(text, bids);
        final CRC32 crc = new CRC32();
        crc.update(text.toString().getBytes(StandardCharsets.US_ASCII));
        return crc.getValue();
    }

    private WireBook set(final TreeMap<BigDecimal, String[]> side, final String price, final String quantity)
    {
        final BigDecimal key = new BigDecimal(price);
        if (new BigDecimal(quantity).signum() == 0)
        {
            side.remove(key);
        }
        else
        {
            side.put(key, new String[]{ price, quantity });
        }
        while (side.size() > depth)
        {
            side.pollLastEntry();
        }
        return this;
    }

    private static void append(final StringBuilder text, final TreeMap<BigDecimal, String[]> side)
    {
        int count = 0;
        for (final Map.Entry<BigDecimal, String[]> level : side.entrySet())
        {
            if (count++ == 10)
            {
                break;
            }
            text.append(strip(level.getValue()[0])).append(strip(level.getValue()[1]));
        }
    }

    private static String strip(final String wire)
    {
        return wire.replace(".", "").replaceFirst("^0+", "");
    }
}
