/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.schemas.MarketDataReader;
import io.alphapulse.schemas.marketdata.AggressorSide;
import io.alphapulse.schemas.marketdata.BookSide;
import io.alphapulse.schemas.marketdata.BookSnapshotDecoder;
import io.alphapulse.schemas.marketdata.BookUpdateDecoder;
import io.alphapulse.schemas.marketdata.Exchange;
import io.alphapulse.schemas.marketdata.FeedEventDecoder;
import io.alphapulse.schemas.marketdata.FeedEventType;
import io.alphapulse.schemas.marketdata.InstrumentDefinitionDecoder;
import io.alphapulse.schemas.marketdata.TopOfBookDecoder;
import io.alphapulse.schemas.marketdata.TradeDecoder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output of {@code pulse decode}: one JSON object per line for every message a collector would publish, read
 * back from its SBE form exactly as a consumer reads it, plus control frames, errors and an optional summary.
 * <p>
 * Instrument symbols and scales come from the {@code InstrumentDefinition} messages in the stream, as for any
 * consumer; definitions themselves are not printed.
 */
public final class DecodedJsonWriter implements MessageSink, MarketDataReader.Listener, FrameListener, AutoCloseable
{
    private final JsonGenerator json;
    private final boolean quiet;
    private final MarketDataReader reader = new MarketDataReader(this);
    private final Map<Integer, Definition> definitions = new HashMap<>();
    private final Map<String, Long> eventCounts = new TreeMap<>();
    private final List<long[]> bidScratch = new ArrayList<>();
    private final List<long[]> askScratch = new ArrayList<>();
    private long line;
    private java.util.function.LongSupplier frameSequence = () -> MarketDataProxy.NULL_SEQUENCE;
    private long errors;
    private long checksumOk;
    private long checksumFailed;
    private long gaps;
    private long resyncs;
    private long synced;

    private record Definition(String symbol, String venueSymbol, int priceScale, int quantityScale)
    {
    }

    /**
     * A writer to a stream.
     *
     * @param out   where JSON lines go (not closed by {@link #close()}).
     * @param quiet print only the summary.
     */
    public DecodedJsonWriter(final OutputStream out, final boolean quiet)
    {
        try
        {
            this.json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            this.json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        this.quiet = quiet;
    }

    /**
     * The input line the next outputs belong to.
     *
     * @param line 1-based line number.
     */
    public void line(final long line)
    {
        this.line = line;
    }

    /**
     * Where the exchange sequence of the frame being decoded comes from ({@link FrameDecoder#frameSequence()}).
     *
     * @param frameSequence source of the current frame's exchange sequence.
     */
    public void frameSequence(final java.util.function.LongSupplier frameSequence)
    {
        this.frameSequence = frameSequence;
    }

    /**
     * {@inheritDoc}
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final MarketDataReader.Result result = reader.read(buffer, offset, length);
        if (result != MarketDataReader.Result.DISPATCHED)
        {
            onError("collector produced an invalid message: " + result);
        }
        return 1;
    }

    /**
     * {@inheritDoc}
     */
    public void onInstrumentDefinition(final InstrumentDefinitionDecoder definition)
    {
        final int id = definition.instrumentId();
        final int priceScale = definition.priceScale();
        final int quantityScale = definition.quantityScale();
        final String symbol = definition.symbol();
        final String venueSymbol = definition.venueSymbol();
        definitions.put(id, new Definition(symbol, venueSymbol, priceScale, quantityScale));
    }

    /**
     * {@inheritDoc}
     */
    public void onTrade(final TradeDecoder trade)
    {
        increment("trade");
        if (quiet)
        {
            return;
        }
        final Definition definition = definition(trade.instrumentId());
        try
        {
            start("trade");
            marketData(trade.exchange(), definition);
            json.writeStringField("price", DecimalCodec.toString(trade.price(), definition.priceScale()));
            json.writeStringField("qty", DecimalCodec.toString(trade.quantity(), definition.quantityScale()));
            final AggressorSide side = trade.aggressorSide();
            json.writeStringField("side", AggressorSide.BUY == side ? "buy" : AggressorSide.SELL == side ? "sell" :
                null);
            final long tradeId = trade.tradeId();
            json.writeStringField("tradeId", TradeDecoder.tradeIdNullValue() == tradeId ? null :
                Long.toString(tradeId));
            exchangeTime(trade.exchange(), trade.exchangeTimeNs());
            sequence("sequence", frameSequence.getAsLong());
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTopOfBook(final TopOfBookDecoder top)
    {
        increment("top_of_book");
        if (quiet)
        {
            return;
        }
        final Definition definition = definition(top.instrumentId());
        try
        {
            start("top_of_book");
            marketData(top.exchange(), definition);
            json.writeStringField("bidPrice", DecimalCodec.toString(top.bidPrice(), definition.priceScale()));
            quantity("bidQty", top.bidQuantity(), definition);
            json.writeStringField("askPrice", DecimalCodec.toString(top.askPrice(), definition.priceScale()));
            quantity("askQty", top.askQuantity(), definition);
            exchangeTime(top.exchange(), top.exchangeTimeNs());
            sequence("sequence", top.exchangeSequence());
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onBookSnapshot(final BookSnapshotDecoder snapshot)
    {
        increment("book_snapshot");
        countChecksum(snapshot.flags().checksumOk(), snapshot.flags().checksumFailed());
        if (quiet)
        {
            return;
        }
        final Definition definition = definition(snapshot.instrumentId());
        bidScratch.clear();
        askScratch.clear();
        for (final BookSnapshotDecoder.LevelsDecoder level : snapshot.levels())
        {
            (BookSide.BID == level.side() ? bidScratch : askScratch).add(new long[]{level.price(), level.quantity()});
        }
        book("book_snapshot", snapshot.exchange(), definition, snapshot.flags().lastInBatch(),
            snapshot.flags().checksumOk(), snapshot.flags().checksumFailed(), snapshot.exchangeTimeNs(),
            MarketDataProxy.NULL_SEQUENCE, snapshot.exchangeSequence());
    }

    /**
     * {@inheritDoc}
     */
    public void onBookUpdate(final BookUpdateDecoder update)
    {
        increment("book_update");
        countChecksum(update.flags().checksumOk(), update.flags().checksumFailed());
        if (quiet)
        {
            return;
        }
        final Definition definition = definition(update.instrumentId());
        bidScratch.clear();
        askScratch.clear();
        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
        {
            (BookSide.BID == level.side() ? bidScratch : askScratch).add(new long[]{level.price(), level.quantity()});
        }
        book("book_update", update.exchange(), definition, update.flags().lastInBatch(), update.flags().checksumOk(),
            update.flags().checksumFailed(), update.exchangeTimeNs(), update.firstExchangeSequence(),
            update.exchangeSequence());
    }

    /**
     * {@inheritDoc}
     */
    public void onFeedEvent(final FeedEventDecoder event)
    {
        increment("feed_event");
        final FeedEventType type = event.eventType();
        switch (type)
        {
            case GAP -> gaps++;
            case RESYNC_STARTED -> resyncs++;
            case RESYNC_DONE -> synced++;
            default ->
            {
            }
        }
        if (quiet)
        {
            return;
        }
        try
        {
            start("feed_event");
            json.writeStringField("exchange", event.exchange().name());
            json.writeStringField("event", type.name());
            final int instrumentId = event.instrumentId();
            final Definition definition =
                FeedEventDecoder.instrumentIdNullValue() == instrumentId ? null : definitions.get(instrumentId);
            json.writeStringField("symbol", null == definition ? null : definition.symbol());
            json.writeStringField("venueSymbol", null == definition ? null : definition.venueSymbol());
            sequence("expected", event.expectedSequence());
            sequence("received", event.receivedSequence());
            exchangeTime(event.exchange(), event.exchangeTimeNs());
            json.writeStringField("detail", event.detail());
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onControl(final String what)
    {
        increment("control");
        if (quiet)
        {
            return;
        }
        try
        {
            start("control");
            json.writeStringField("what", what);
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onError(final String message)
    {
        increment("error");
        errors++;
        if (quiet)
        {
            return;
        }
        try
        {
            start("error");
            json.writeStringField("message", message);
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Write the summary line.
     *
     * @param lines lines read.
     */
    public void summary(final long lines)
    {
        try
        {
            json.writeStartObject();
            json.writeStringField("type", "summary");
            json.writeNumberField("lines", lines);
            json.writeObjectFieldStart("events");
            for (final Map.Entry<String, Long> entry : eventCounts.entrySet())
            {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("errors", errors);
            json.writeNumberField("checksumOk", checksumOk);
            json.writeNumberField("checksumFailed", checksumFailed);
            json.writeNumberField("gaps", gaps);
            json.writeNumberField("resyncs", resyncs);
            json.writeNumberField("synced", synced);
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Count of an output type so far.
     *
     * @param type e.g. {@code trade}.
     * @return count.
     */
    public long count(final String type)
    {
        return eventCounts.getOrDefault(type, 0L);
    }

    /**
     * Flush pending output.
     */
    public void close()
    {
        try
        {
            json.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void countChecksum(final boolean ok, final boolean failed)
    {
        checksumOk += ok ? 1 : 0;
        checksumFailed += failed ? 1 : 0;
    }

    private void increment(final String type)
    {
        eventCounts.merge(type, 1L, Long::sum);
    }

    private Definition definition(final int instrumentId)
    {
        final Definition definition = definitions.get(instrumentId);
        if (null == definition)
        {
            throw new IllegalStateException("no InstrumentDefinition before data for instrument " + instrumentId);
        }
        return definition;
    }

    private void book(
        final String type,
        final Exchange exchange,
        final Definition definition,
        final boolean last,
        final boolean ok,
        final boolean failed,
        final long exchangeTimeNs,
        final long firstSequence,
        final long lastSequence)
    {
        try
        {
            start(type);
            marketData(exchange, definition);
            levels("bids", bidScratch, definition);
            levels("asks", askScratch, definition);
            json.writeStringField("checksum", ok ? "ok" : failed ? "failed" : null);
            json.writeBooleanField("last", last);
            exchangeTime(exchange, exchangeTimeNs);
            sequence("firstSequence", firstSequence);
            sequence("sequence", MarketDataProxy.NULL_SEQUENCE != lastSequence ? lastSequence :
                frameSequence.getAsLong());
            end();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void levels(final String name, final List<long[]> levels, final Definition definition) throws IOException
    {
        json.writeArrayFieldStart(name);
        for (final long[] level : levels)
        {
            json.writeStartArray();
            json.writeString(DecimalCodec.toString(level[0], definition.priceScale()));
            json.writeString(DecimalCodec.toString(level[1], definition.quantityScale()));
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    private void start(final String type) throws IOException
    {
        json.writeStartObject();
        json.writeNumberField("line", line);
        json.writeStringField("type", type);
    }

    private void end() throws IOException
    {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void marketData(final Exchange exchange, final Definition definition) throws IOException
    {
        json.writeStringField("exchange", exchange.name());
        json.writeStringField("symbol", definition.symbol());
        json.writeStringField("venueSymbol", definition.venueSymbol());
    }

    private void quantity(final String name, final long quantity, final Definition definition) throws IOException
    {
        json.writeStringField(name, TopOfBookDecoder.bidQuantityNullValue() == quantity ? null :
            DecimalCodec.toString(quantity, definition.quantityScale()));
    }

    private void exchangeTime(final Exchange exchange, final long exchangeTimeNs) throws IOException
    {
        json.writeStringField("exchangeTime", TradeDecoder.exchangeTimeNsNullValue() == exchangeTimeNs ? null :
            Timestamps.formatIso8601(exchangeTimeNs, exchangeTimePrecision(exchange)));
    }

    private void sequence(final String name, final long sequence) throws IOException
    {
        if (MarketDataProxy.NULL_SEQUENCE == sequence)
        {
            json.writeNullField(name);
        }
        else
        {
            json.writeNumberField(name, sequence);
        }
    }

    /**
     * Fraction digits of each exchange's own timestamps: Binance milliseconds, Kraken and Coinbase microseconds.
     *
     * @param exchange exchange.
     * @return fraction digits.
     */
    static int exchangeTimePrecision(final Exchange exchange)
    {
        return Exchange.BINANCE == exchange ? 3 : 6;
    }
}
