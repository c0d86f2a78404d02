/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.DecodedJsonWriter;
import io.alphapulse.collector.ExchangeSession;
import io.alphapulse.collector.Instrument;
import io.alphapulse.collector.InstrumentRegistry;
import io.alphapulse.collector.MarketDataProxy;
import io.alphapulse.collector.MessageSink;
import io.alphapulse.collector.book.OrderBook;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link CoinbaseDecoder} wired as {@code pulse decode} wires it (SBE through {@link MarketDataProxy}, read back by
 * {@link DecodedJsonWriter}), with a session that records what the decoder asks of it and a tap that keeps the exact
 * exchange times of the SBE messages. Frames go in one at a time, at an offset inside a larger buffer.
 */
final class DecoderHarness implements ExchangeSession, MessageSink, MarketDataReader.Listener
{
    static final long RECEIVE_TIME_NS = 1_786_309_600_000_000_000L;
    private static final int FRAME_OFFSET = 7;

    final List<String> reconnectReasons = new ArrayList<>();
    final List<Instrument> resyncRequests = new ArrayList<>();
    final List<Long> exchangeTimesNs = new ArrayList<>();
    final InstrumentRegistry registry = new InstrumentRegistry();
    final CoinbaseDecoder decoder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DecodedJsonWriter writer = new DecodedJsonWriter(out, false);
    private final MarketDataReader tap = new MarketDataReader(this);
    private final MarketDataProxy proxy = new MarketDataProxy(this, () -> RECEIVE_TIME_NS, Exchange.COINBASE);
    private long line;

    DecoderHarness()
    {
        decoder = new CoinbaseDecoder(proxy, registry, writer, this);
        writer.frameSequence(decoder::frameSequence);
        decoder.onConnected(RECEIVE_TIME_NS);
    }

    /**
     * Decode one frame.
     *
     * @param text the frame.
     * @return what came out for it, as parsed JSON objects (instrument definitions are not printed).
     */
    List<Map<String, Object>> frame(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + FRAME_OFFSET + 5]);
        buffer.putBytes(FRAME_OFFSET, bytes);
        writer.line(++line);
        out.reset();
        decoder.onFrame(buffer, FRAME_OFFSET, bytes.length, RECEIVE_TIME_NS);
        writer.close();

        final List<Map<String, Object>> outputs = new ArrayList<>();
        for (final String json : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (!json.isBlank())
            {
                outputs.add(TestJson.object(json));
            }
        }
        return outputs;
    }

    /**
     * Decode frames, keeping every output.
     *
     * @param frames frames in order.
     * @return all outputs.
     */
    List<Map<String, Object>> frames(final String... frames)
    {
        final List<Map<String, Object>> outputs = new ArrayList<>();
        for (final String frame : frames)
        {
            outputs.addAll(frame(frame));
        }
        return outputs;
    }

    Instrument instrument(final String productId)
    {
        return registry.resolve(Exchange.COINBASE, productId, CoinbaseSymbols.INSTANCE);
    }

    OrderBook book(final String productId)
    {
        return decoder.book(instrument(productId));
    }

    void reconnect()
    {
        decoder.onDisconnected(RECEIVE_TIME_NS);
        decoder.onConnected(RECEIVE_TIME_NS);
    }

    public void requestResync(final Instrument instrument)
    {
        resyncRequests.add(instrument);
    }

    public void requestReconnect(final String reason)
    {
        reconnectReasons.add(reason);
    }

    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        tap.read(buffer, offset, length);
        return writer.offer(buffer, offset, length);
    }

    public void onTrade(final TradeDecoder trade)
    {
        exchangeTimesNs.add(trade.exchangeTimeNs());
    }

    public void onTopOfBook(final TopOfBookDecoder topOfBook)
    {
        exchangeTimesNs.add(topOfBook.exchangeTimeNs());
    }

    public void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        exchangeTimesNs.add(snapshot.exchangeTimeNs());
    }

    public void onBookUpdate(final BookUpdateDecoder update)
    {
        exchangeTimesNs.add(update.exchangeTimeNs());
    }

    /**
     * Outputs of one type.
     *
     * @param outputs decoded outputs.
     * @param type    e.g. {@code trade}.
     * @return those of the type, in order.
     */
    static List<Map<String, Object>> ofType(final List<Map<String, Object>> outputs, final String type)
    {
        final List<Map<String, Object>> result = new ArrayList<>();
        for (final Map<String, Object> output : outputs)
        {
            if (type.equals(output.get("type")))
            {
                result.add(output);
            }
        }
        return result;
    }

    /**
     * Feed events of one kind.
     *
     * @param outputs decoded outputs.
     * @param event   e.g. {@code GAP}.
     * @return those feed events, in order.
     */
    static List<Map<String, Object>> events(final List<Map<String, Object>> outputs, final String event)
    {
        final List<Map<String, Object>> result = new ArrayList<>();
        for (final Map<String, Object> output : ofType(outputs, "feed_event"))
        {
            if (event.equals(output.get("event")))
            {
                result.add(output);
            }
        }
        return result;
    }
}
