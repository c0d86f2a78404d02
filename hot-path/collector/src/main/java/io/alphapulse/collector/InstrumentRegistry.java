/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instruments by venue symbol, with ids that are stable across runs.
 * <p>
 * Ids come from the catalogue shipped with the code ({@code instruments.csv}), then from a registry file the
 * collector keeps ({@code var/instruments-<exchange>.csv}), and a symbol seen for the first time gets the next free
 * id in its exchange's dynamic range, appended to the registry file. Each exchange owns a range, so collectors for
 * different exchanges never hand out the same id:
 * <pre>
 *   KRAKEN    1 - 19999   (catalogue 1 - 9999, dynamic 10000 - 19999)
 *   COINBASE  20000 - 39999 (catalogue 20000 - 29999, dynamic 30000 - 39999)
 *   BINANCE   40000 - 59999 (catalogue 40000 - 49999, dynamic 50000 - 59999)
 * </pre>
 * Lookups by venue symbol bytes do not allocate. Not thread-safe: one registry per collector thread.
 */
public final class InstrumentRegistry
{
    /**
     * The catalogue resource.
     */
    public static final String CATALOGUE_RESOURCE = "/io/alphapulse/collector/instruments.csv";

    private static final String HEADER = "id,exchange,symbol,venueSymbol,priceScale,quantityScale";
    private static final int RANGE = 20_000;
    private static final int DYNAMIC_OFFSET = 10_000;

    private final Long2ObjectHashMap<Instrument> byVenueHash = new Long2ObjectHashMap<>();
    private final List<Instrument> hashCollisions = new ArrayList<>();
    private final Map<String, Instrument> byCanonical = new HashMap<>();
    private final Map<Integer, Instrument> byId = new HashMap<>();
    private final Path registryFile;

    /**
     * A registry from the catalogue only (decode tool, tests): new symbols get ids in order of appearance.
     */
    public InstrumentRegistry()
    {
        this(null);
    }

    /**
     * A registry from the catalogue and a registry file, which is created if missing and appended to.
     *
     * @param registryFile where ids of symbols outside the catalogue are kept, or null for none.
     */
    public InstrumentRegistry(final Path registryFile)
    {
        this.registryFile = registryFile;
        try (InputStream in = InstrumentRegistry.class.getResourceAsStream(CATALOGUE_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("instrument catalogue " + CATALOGUE_RESOURCE + " missing");
            }
            load(in, CATALOGUE_RESOURCE);
            if (null != registryFile && Files.exists(registryFile))
            {
                try (InputStream fileIn = Files.newInputStream(registryFile))
                {
                    load(fileIn, registryFile.toString());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Id range of an exchange: its first id.
     *
     * @param exchange exchange.
     * @return first id of its range.
     */
    public static int rangeStart(final Exchange exchange)
    {
        return switch (exchange)
        {
            case KRAKEN -> 1;
            case COINBASE -> RANGE;
            case BINANCE -> 2 * RANGE;
            default -> throw new IllegalArgumentException("no id range for " + exchange);
        };
    }

    /**
     * Default scales for a symbol outside the catalogue: fine enough for every tick and lot the exchange quotes,
     * coarse enough that its largest prices fit a 64-bit mantissa. Kraken and Binance quote at most 8 decimals, and
     * Kraken books hold asks as high as 9,999,999,997 (XBT/CHF), which overflow at 10 decimals; Coinbase quotes
     * some products to 10 decimals and its prices stay far below 9.2e8.
     *
     * @param exchange exchange.
     * @return {priceScale, quantityScale}.
     */
    public static int[] defaultScales(final Exchange exchange)
    {
        return switch (exchange)
        {
            case BINANCE, KRAKEN -> new int[]{8, 8};
            case COINBASE -> new int[]{10, 8};
            default -> throw new IllegalArgumentException("no default scales for " + exchange);
        };
    }

    /**
     * Look an instrument up by venue symbol bytes without allocating.
     *
     * @param exchange exchange.
     * @param buffer   holding the symbol.
     * @param offset   first byte.
     * @param length   bytes.
     * @return the instrument, or null if not yet known.
     */
    public Instrument lookup(final Exchange exchange, final DirectBuffer buffer, final int offset, final int length)
    {
        final Instrument instrument = byVenueHash.get(hash(exchange, buffer, offset, length));
        if (null != instrument && instrument.exchange() == exchange &&
            instrument.venueSymbolEquals(buffer, offset, length))
        {
            return instrument;
        }

        for (int i = 0, size = hashCollisions.size(); i < size; i++)
        {
            final Instrument candidate = hashCollisions.get(i);
            if (candidate.exchange() == exchange && candidate.venueSymbolEquals(buffer, offset, length))
            {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Look up, or register on first sight (allocates only then).
     *
     * @param exchange   exchange.
     * @param buffer     holding the venue symbol.
     * @param offset     first byte.
     * @param length     bytes.
     * @param normalizer the exchange's symbol rule.
     * @return the instrument.
     * @throws IllegalArgumentException when the symbol cannot be normalized or the exchange's id range is full.
     */
    public Instrument resolve(
        final Exchange exchange,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final SymbolNormalizer normalizer)
    {
        final Instrument instrument = lookup(exchange, buffer, offset, length);
        return null != instrument ? instrument :
            resolve(exchange, buffer.getStringWithoutLengthAscii(offset, length), normalizer);
    }

    /**
     * Look up, or register on first sight.
     *
     * @param exchange    exchange.
     * @param venueSymbol symbol as the exchange spells it.
     * @param normalizer  the exchange's symbol rule.
     * @return the instrument.
     */
    public Instrument resolve(final Exchange exchange, final String venueSymbol, final SymbolNormalizer normalizer)
    {
        final byte[] bytes = venueSymbol.getBytes(StandardCharsets.US_ASCII);
        final Instrument known = lookup(exchange, new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        if (null != known)
        {
            return known;
        }

        final String canonical = normalizer.canonical(venueSymbol);
        final Instrument sameCanonical = byCanonical.get(key(exchange, canonical));
        final Instrument instrument;
        if (null != sameCanonical)
        {
            // Another spelling of a known instrument (Kraken v1 XBT/USD and v2 BTC/USD): same id and scales.
            instrument = new Instrument(sameCanonical.id(), exchange, canonical, venueSymbol,
                sameCanonical.priceScale(), sameCanonical.quantityScale());
        }
        else
        {
            final int[] scales = defaultScales(exchange);
            instrument = new Instrument(nextDynamicId(exchange), exchange, canonical, venueSymbol, scales[0], scales[1]);
            persist(instrument);
        }

        add(instrument);
        return instrument;
    }

    /**
     * An instrument by id, or null.
     *
     * @param id instrument id.
     * @return the instrument, or null.
     */
    public Instrument byId(final int id)
    {
        return byId.get(id);
    }

    /**
     * An instrument by canonical symbol, or null.
     *
     * @param exchange exchange.
     * @param symbol   canonical symbol.
     * @return the instrument, or null.
     */
    public Instrument byCanonical(final Exchange exchange, final String symbol)
    {
        return byCanonical.get(key(exchange, symbol));
    }

    private int nextDynamicId(final Exchange exchange)
    {
        final int first = rangeStart(exchange) + DYNAMIC_OFFSET - (Exchange.KRAKEN == exchange ? 1 : 0);
        final int last = rangeStart(exchange) + RANGE - 1;
        for (int id = first; id <= last; id++)
        {
            if (!byId.containsKey(id))
            {
                return id;
            }
        }
        throw new IllegalArgumentException("no free instrument id left for " + exchange + " (" + first + ".." +
            last + "): remove unused entries from " + registryFile);
    }

    private void persist(final Instrument instrument)
    {
        if (null == registryFile)
        {
            return;
        }

        try
        {
            final Path parent = registryFile.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            final boolean fresh = !Files.exists(registryFile);
            try (BufferedWriter writer = Files.newBufferedWriter(registryFile, StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))
            {
                if (fresh)
                {
                    writer.write(HEADER);
                    writer.newLine();
                }
                writer.write(instrument.id() + "," + instrument.exchange() + "," + instrument.symbol() + "," +
                    instrument.venueSymbol() + "," + instrument.priceScale() + "," + instrument.quantityScale());
                writer.newLine();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record instrument id in " + registryFile, ex);
        }
    }

    private void load(final InputStream in, final String source) throws IOException
    {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String line;
        int lineNumber = 0;
        while (null != (line = reader.readLine()))
        {
            lineNumber++;
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#") || line.equals(HEADER))
            {
                continue;
            }

            final String[] fields = line.split(",");
            if (fields.length != 6)
            {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": expected " + HEADER + " but got '" +
                    line + "'");
            }

            final Exchange exchange = Exchange.valueOf(fields[1].trim());
            final int id = Integer.parseInt(fields[0].trim());
            if (id < rangeStart(exchange) || id >= rangeStart(exchange) + RANGE)
            {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": id " + id + " is outside " +
                    exchange + "'s range " + rangeStart(exchange) + ".." + (rangeStart(exchange) + RANGE - 1));
            }
            final int priceScale = Integer.parseInt(fields[4].trim());
            final int quantityScale = Integer.parseInt(fields[5].trim());
            if (priceScale < 0 || priceScale > DecimalCodec.MAX_SCALE ||
                quantityScale < 0 || quantityScale > DecimalCodec.MAX_SCALE)
            {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": scales must be 0.." +
                    DecimalCodec.MAX_SCALE + " in '" + line + "'");
            }

            final Instrument existing = byId.get(id);
            if (null != existing && !existing.symbol().equals(fields[2].trim()))
            {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": id " + id + " already names " +
                    existing.symbol());
            }
            add(new Instrument(id, exchange, fields[2].trim(), fields[3].trim(), priceScale, quantityScale));
        }
    }

    private void add(final Instrument instrument)
    {
        byId.putIfAbsent(instrument.id(), instrument);
        byCanonical.putIfAbsent(key(instrument.exchange(), instrument.symbol()), instrument);

        final byte[] bytes = instrument.venueSymbol().getBytes(StandardCharsets.US_ASCII);
        final long hash = hash(instrument.exchange(), new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
        if (byVenueHash.containsKey(hash))
        {
            hashCollisions.add(instrument);
        }
        else
        {
            byVenueHash.put(hash, instrument);
        }
    }

    private static String key(final Exchange exchange, final String symbol)
    {
        return exchange.name() + ':' + symbol;
    }

    private static long hash(final Exchange exchange, final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = 0xcbf29ce484222325L ^ exchange.value();
        for (int i = 0; i < length; i++)
        {
            hash ^= buffer.getByte(offset + i) & 0xFF;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
