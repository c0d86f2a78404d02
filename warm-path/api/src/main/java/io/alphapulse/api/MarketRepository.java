/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.api.db.tables.records.InstrumentsRecord;
import io.alphapulse.api.db.tables.records.TradesRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.alphapulse.api.Params.decimal;
import static io.alphapulse.api.Params.exchangeOut;
import static io.alphapulse.api.Params.time;
import static io.alphapulse.api.db.Tables.CANDLES_1H;
import static io.alphapulse.api.db.Tables.CANDLES_1M;
import static io.alphapulse.api.db.Tables.FEED_EVENTS;
import static io.alphapulse.api.db.Tables.FEED_STATUS;
import static io.alphapulse.api.db.Tables.INSTRUMENTS;
import static io.alphapulse.api.db.Tables.TOP_OF_BOOK;
import static io.alphapulse.api.db.Tables.TRADES;

/**
 * Market data the writer stores: instruments, trades, candles (from the 1m and 1h rollups, any other interval
 * aggregated from them in the database), top of book and feed events.
 */
public final class MarketRepository
{
    /**
     * Feed event types that are gaps in the data (shown as gap history).
     */
    public static final List<String> GAP_EVENT_TYPES =
        List.of("GAP", "RESYNC_STARTED", "RESYNC_DONE", "CHECKSUM_FAILURE", "STALE_CHANNEL", "DISCONNECTED");

    /**
     * Most candles one request may return.
     */
    public static final int MAX_CANDLES = 5_000;

    private static final Pattern INTERVAL = Pattern.compile("^(\\d{1,4})([mhdw])$");
    private static final OffsetDateTime ORIGIN = OffsetDateTime.of(2000, 1, 3, 0, 0, 0, 0, ZoneOffset.UTC);

    /**
     * A candle interval: a whole number of minutes, hours, days or weeks (weeks start on Monday, UTC).
     *
     * @param text    as given, e.g. 15m.
     * @param seconds its length.
     */
    public record Interval(String text, long seconds)
    {
        /**
         * Parse {@code <n>m|h|d|w}.
         *
         * @param text interval.
         * @return the interval.
         * @throws ApiException 400 when malformed.
         */
        public static Interval parse(final String text)
        {
            final Matcher matcher = null == text ? null : INTERVAL.matcher(text.strip().toLowerCase(Locale.ROOT));
            if (null == matcher || !matcher.matches() || Long.parseLong(matcher.group(1)) == 0)
            {
                throw ApiException.badRequest("'interval' must be a whole number of minutes, hours, days or " +
                    "weeks, e.g. 1m, 5m, 15m, 1h, 4h, 1d, 1w; got '" + Params.clip(text) + "'");
            }
            final long n = Long.parseLong(matcher.group(1));
            final long unit = switch (matcher.group(2))
            {
                case "m" -> 60L;
                case "h" -> 3_600L;
                case "d" -> 86_400L;
                default -> 604_800L;
            };
            return new Interval(n + matcher.group(2), n * unit);
        }

        boolean fromHours()
        {
            return seconds % 3_600L == 0;
        }
    }

    private final DSLContext dsl;

    /**
     * Over a database.
     *
     * @param dsl jOOQ context.
     */
    public MarketRepository(final DSLContext dsl)
    {
        this.dsl = dsl;
    }

    /**
     * Instruments, optionally of one exchange.
     *
     * @param exchange exchange (stored form) or null.
     * @return instruments.
     */
    public List<Dto.Instrument> instruments(final String exchange)
    {
        final Condition condition = null == exchange ? DSL.noCondition() : INSTRUMENTS.EXCHANGE.eq(exchange);
        return dsl.selectFrom(INSTRUMENTS).where(condition).orderBy(INSTRUMENTS.EXCHANGE, INSTRUMENTS.INSTRUMENT_ID)
            .fetch(MarketRepository::instrument);
    }

    /**
     * One instrument.
     *
     * @param exchange     exchange (stored form).
     * @param instrumentId instrument.
     * @return the instrument or null.
     */
    public Dto.Instrument instrument(final String exchange, final int instrumentId)
    {
        final InstrumentsRecord record = dsl.selectFrom(INSTRUMENTS)
            .where(INSTRUMENTS.EXCHANGE.eq(exchange).and(INSTRUMENTS.INSTRUMENT_ID.eq(instrumentId)))
            .fetchOne();
        return null == record ? null : instrument(record);
    }

    /**
     * Trades of an instrument in a time range, oldest first, keyset-paginated.
     *
     * @param exchange     exchange (stored form).
     * @param instrumentId instrument.
     * @param from         at or after.
     * @param to           before.
     * @param cursor       after this trade, or null.
     * @param limit        page size.
     * @return the page.
     */
    public Dto.Page<Dto.Trade> trades(
        final String exchange,
        final int instrumentId,
        final OffsetDateTime from,
        final OffsetDateTime to,
        final Params.Cursor cursor,
        final int limit)
    {
        Condition condition = TRADES.EXCHANGE.eq(exchange).and(TRADES.INSTRUMENT_ID.eq(instrumentId))
            .and(TRADES.TIME.ge(from)).and(TRADES.TIME.lt(to));
        if (null != cursor)
        {
            condition = condition.and(DSL.row(TRADES.TIME, TRADES.SEQUENCE).gt(cursor.time(), cursor.id()));
        }
        final Result<TradesRecord> rows = dsl.selectFrom(TRADES).where(condition)
            .orderBy(TRADES.TIME, TRADES.SEQUENCE)
            .limit(limit + 1)
            .fetch();
        final List<Dto.Trade> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++)
        {
            final TradesRecord t = rows.get(i);
            items.add(new Dto.Trade(time(t.getTime()), exchangeOut(t.getExchange()), t.getInstrumentId(),
                t.getTradeId(), decimal(t.getPrice()), decimal(t.getQuantity()),
                null == t.getSide() ? null : t.getSide().toLowerCase(Locale.ROOT), t.getSequence()));
        }
        String next = null;
        if (rows.size() > limit)
        {
            final TradesRecord last = rows.get(limit - 1);
            next = Params.Cursor.of(last.getTime(), last.getSequence(), 0).encode();
        }
        return new Dto.Page<>(items, next);
    }

    /**
     * Candles of an instrument: straight from the 1m or 1h rollup, or aggregated from the rollup that divides the
     * interval (hours when it is a whole number of hours, else minutes), buckets aligned to UTC midnight (weeks to
     * Monday).
     *
     * @param exchange     exchange (stored form).
     * @param instrumentId instrument.
     * @param interval     interval.
     * @param from         start (rounded down to its bucket).
     * @param to           end, exclusive.
     * @return candles oldest first.
     */
    public Dto.CandleSeries candles(
        final String exchange,
        final int instrumentId,
        final Interval interval,
        final OffsetDateTime from,
        final OffsetDateTime to)
    {
        final boolean hours = interval.fromHours();
        final Table<?> view = hours ? CANDLES_1H : CANDLES_1M;
        final Field<OffsetDateTime> bucket = hours ? CANDLES_1H.BUCKET : CANDLES_1M.BUCKET;
        final Field<BigDecimal> open = hours ? CANDLES_1H.OPEN : CANDLES_1M.OPEN;
        final Field<BigDecimal> high = hours ? CANDLES_1H.HIGH : CANDLES_1M.HIGH;
        final Field<BigDecimal> low = hours ? CANDLES_1H.LOW : CANDLES_1M.LOW;
        final Field<BigDecimal> close = hours ? CANDLES_1H.CLOSE : CANDLES_1M.CLOSE;
        final Field<BigDecimal> volume = hours ? CANDLES_1H.VOLUME : CANDLES_1M.VOLUME;
        final Field<Long> trades = hours ? CANDLES_1H.TRADE_COUNT : CANDLES_1M.TRADE_COUNT;
        final Condition instrument = (hours ? CANDLES_1H.EXCHANGE : CANDLES_1M.EXCHANGE).eq(exchange)
            .and((hours ? CANDLES_1H.INSTRUMENT_ID : CANDLES_1M.INSTRUMENT_ID).eq(instrumentId));

        final long sourceSeconds = hours ? 3_600L : 60L;
        final String source = hours ? "1h" : "1m";
        final List<Dto.Candle> candles;
        if (interval.seconds() == sourceSeconds)
        {
            candles = dsl.select(bucket, open, high, low, close, volume, trades)
                .from(view)
                .where(instrument.and(bucket.ge(from)).and(bucket.lt(to)))
                .orderBy(bucket)
                .limit(MAX_CANDLES)
                .fetch(MarketRepository::candle);
        }
        else
        {
            final Field<String> width = DSL.val(interval.seconds() + " seconds");
            final Field<OffsetDateTime> bin = DSL.field("date_bin(cast({0} as interval), {1}, {2})",
                SQLDataType.TIMESTAMPWITHTIMEZONE(6), width, bucket, DSL.val(ORIGIN));
            final Field<OffsetDateTime> fromBin = DSL.field("date_bin(cast({0} as interval), {1}, {2})",
                SQLDataType.TIMESTAMPWITHTIMEZONE(6), width, DSL.val(from), DSL.val(ORIGIN));
            candles = dsl.select(
                    bin.as("b"),
                    DSL.field("(array_agg({0} order by {1}))[1]", SQLDataType.NUMERIC, open, bucket),
                    DSL.max(high),
                    DSL.min(low),
                    DSL.field("(array_agg({0} order by {1} desc))[1]", SQLDataType.NUMERIC, close, bucket),
                    DSL.sum(volume),
                    DSL.sum(trades).cast(SQLDataType.BIGINT))
                .from(view)
                .where(instrument.and(bucket.ge(fromBin)).and(bucket.lt(to)))
                .groupBy(DSL.field(DSL.name("b")))
                .orderBy(DSL.field(DSL.name("b")))
                .limit(MAX_CANDLES)
                .fetch(MarketRepository::candle);
        }
        return new Dto.CandleSeries(exchangeOut(exchange), instrumentId, interval.text(), source, candles);
    }

    /**
     * Latest top of book per instrument seen in the last day, optionally of one exchange or instrument.
     *
     * @param exchange     exchange (stored form) or null.
     * @param instrumentId instrument or null.
     * @param since        oldest time considered (bounds the scan to recent partitions).
     * @return quotes.
     */
    public List<Dto.TopOfBook> topOfBook(final String exchange, final Integer instrumentId, final OffsetDateTime since)
    {
        Condition condition = TOP_OF_BOOK.TIME.ge(since);
        if (null != exchange)
        {
            condition = condition.and(TOP_OF_BOOK.EXCHANGE.eq(exchange));
        }
        if (null != instrumentId)
        {
            condition = condition.and(TOP_OF_BOOK.INSTRUMENT_ID.eq(instrumentId));
        }
        return dsl.selectDistinct(TOP_OF_BOOK.EXCHANGE, TOP_OF_BOOK.INSTRUMENT_ID, TOP_OF_BOOK.TIME,
                TOP_OF_BOOK.BID_PRICE, TOP_OF_BOOK.BID_QUANTITY, TOP_OF_BOOK.ASK_PRICE, TOP_OF_BOOK.ASK_QUANTITY,
                TOP_OF_BOOK.SEQUENCE)
            .on(TOP_OF_BOOK.EXCHANGE, TOP_OF_BOOK.INSTRUMENT_ID)
            .from(TOP_OF_BOOK)
            .where(condition)
            .orderBy(TOP_OF_BOOK.EXCHANGE, TOP_OF_BOOK.INSTRUMENT_ID, TOP_OF_BOOK.TIME.desc())
            .fetch((r) -> new Dto.TopOfBook(time(r.value3()), exchangeOut(r.value1()), r.value2(),
                decimal(r.value4()), decimal(r.value5()), decimal(r.value6()), decimal(r.value7()), r.value8()));
    }

    /**
     * Status of every exchange's feed: last event, gaps in the last hour, seconds since its last stored trade.
     *
     * @param now current time.
     * @return one per exchange that has events.
     */
    public List<Dto.FeedStatus> feedStatus(final OffsetDateTime now)
    {
        final OffsetDateTime hourAgo = now.minusHours(1);
        final Field<Integer> gaps = DSL.field(DSL.selectCount().from(FEED_EVENTS)
            .where(FEED_EVENTS.EXCHANGE.eq(FEED_STATUS.EXCHANGE).and(FEED_EVENTS.TIME.ge(hourAgo))
                .and(FEED_EVENTS.EVENT_TYPE.eq("GAP"))));
        final Field<OffsetDateTime> lastTrade = DSL.field(DSL.select(DSL.max(TRADES.TIME)).from(TRADES)
            .where(TRADES.EXCHANGE.eq(FEED_STATUS.EXCHANGE).and(TRADES.TIME.ge(now.minusDays(1)))));
        return dsl.select(FEED_STATUS.EXCHANGE, FEED_STATUS.LAST_EVENT_TIME, FEED_STATUS.LAST_EVENT_TYPE,
                FEED_STATUS.DETAIL, gaps, lastTrade)
            .from(FEED_STATUS)
            .orderBy(FEED_STATUS.EXCHANGE)
            .fetch((r) -> new Dto.FeedStatus(exchangeOut(r.value1()), time(r.value2()), r.value3(), r.value4(),
                r.value5(), null == r.value6() ? null :
                Math.max(0L, java.time.Duration.between(r.value6(), now).toSeconds())));
    }

    /**
     * Gap history: gaps, resyncs, checksum failures, stale channels and disconnections, newest first.
     *
     * @param exchange exchange (stored form) or null.
     * @param from     at or after.
     * @param to       before.
     * @param limit    most events.
     * @return events.
     */
    public List<Dto.FeedEvent> gaps(
        final String exchange, final OffsetDateTime from, final OffsetDateTime to, final int limit)
    {
        Condition condition = FEED_EVENTS.EVENT_TYPE.in(GAP_EVENT_TYPES).and(FEED_EVENTS.TIME.ge(from))
            .and(FEED_EVENTS.TIME.lt(to));
        if (null != exchange)
        {
            condition = condition.and(FEED_EVENTS.EXCHANGE.eq(exchange));
        }
        return dsl.selectFrom(FEED_EVENTS).where(condition)
            .orderBy(FEED_EVENTS.TIME.desc(), FEED_EVENTS.SEQUENCE.desc())
            .limit(limit)
            .fetch((e) -> new Dto.FeedEvent(time(e.getTime()), exchangeOut(e.getExchange()), e.getInstrumentId(),
                e.getEventType(), null == e.getOrigin() ? null : e.getOrigin().toLowerCase(Locale.ROOT),
                e.getExpectedSequence(), e.getReceivedSequence(), e.getDetail()));
    }

    private static Dto.Candle candle(final Record r)
    {
        return new Dto.Candle(time(r.get(0, OffsetDateTime.class)), decimal(r.get(1, BigDecimal.class)),
            decimal(r.get(2, BigDecimal.class)), decimal(r.get(3, BigDecimal.class)),
            decimal(r.get(4, BigDecimal.class)), decimal(r.get(5, BigDecimal.class)), r.get(6, Long.class));
    }

    private static Dto.Instrument instrument(final InstrumentsRecord i)
    {
        return new Dto.Instrument(exchangeOut(i.getExchange()), i.getInstrumentId(), i.getSymbol(),
            i.getVenueSymbol(), i.getPriceScale(), i.getQuantityScale(), time(i.getUpdatedAt()));
    }
}
