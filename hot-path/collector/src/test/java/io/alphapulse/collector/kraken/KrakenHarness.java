/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.DecodedJsonWriter;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.schemas.marketdata.Exchange;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link KrakenDecoder} wired as in {@code pulse decode} (decoder, SBE proxy, SBE read back to JSON), with a
 * session that records resync requests. Each frame is placed inside a larger buffer full of digits, so a decoder
 * reading past the frame's length would notice.
 */
final class KrakenHarness implements ExchangeSession
{
    final InstrumentRegistry registry = new InstrumentRegistry();
    final List<Instrument> resyncRequests = new ArrayList<>();
    final KrakenDecoder decoder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DecodedJsonWriter writer = new DecodedJsonWriter(out, false);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
    private int consumed;
    private long line;

    KrakenHarness()
    {
        this(KrakenProtocol.DEFAULT_BOOK_DEPTH);
    }

    KrakenHarness(final int bookDepth)
    {
        final MarketDataProxy proxy = new MarketDataProxy(writer, new SystemEpochNanoClock(), Exchange.KRAKEN);
        decoder = (KrakenDecoder)new KrakenProtocol(bookDepth).newDecoder(proxy, registry, writer, this);
        decoder.onConnected(0);
    }

    public void requestResync(final Instrument instrument)
    {
        resyncRequests.add(instrument);
    }

    /**
     * Decode one frame.
     *
     * @param json the frame.
     * @return what it produced, as decoded JSON lines.
     */
    List<Map<String, Object>> frame(final String json)
    {
        writer.line(++line);
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        final int offset = 11;
        buffer.setMemory(0, offset + bytes.length + 16, (byte)'7');
        buffer.putBytes(offset, bytes);
        decoder.onFrame(buffer, offset, bytes.length, 1_000_000_000L);
        writer.close();

        final byte[] all = out.toByteArray();
        final String fresh = new String(all, consumed, all.length - consumed, StandardCharsets.UTF_8);
        consumed = all.length;
        return DecodedLines.parse(List.of(fresh.split("\n")));
    }

    Instrument instrument(final String venueSymbol)
    {
        return registry.resolve(Exchange.KRAKEN, venueSymbol, KrakenSymbolNormalizer.INSTANCE);
    }
}
