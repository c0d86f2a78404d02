/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import io.alphapulse.lake.query.LakeQuery;
import io.alphapulse.strategy.FeedEvent;
import io.alphapulse.strategy.FeedEventType;
import io.alphapulse.strategy.InstrumentInfo;
import io.alphapulse.strategy.Side;
import io.alphapulse.strategy.TopOfBookEvent;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Replays the lake (trades, quotes, feed events) through the engine, merged in receive-time order (then exchange
 * and collector sequence), for periods whose recordings are gone. Differences from an Archive replay, by design of
 * the lake: times are microseconds, and messages with equal receive times come in (exchange, sequence) order rather
 * than the relay's. Decimals come back exact and are turned into mantissas at the instrument's scales.
 */
public final class LakeReplaySource
{
    private LakeReplaySource()
    {
    }

    /**
     * Replay a window of the lake.
     *
     * @param lake        the lake, views registered.
     * @param instruments instruments by id (scales), from the database.
     * @param engine      the engine (instruments already registered).
     * @param fromNs      window start.
     * @param toNs        window end (exclusive).
     * @param pacer       replay speed.
     * @return rows replayed.
     * @throws SQLException on a query error.
     */
    public static long replay(
        final LakeQuery lake,
        final Map<Integer, InstrumentInfo> instruments,
        final BacktestEngine engine,
        final long fromNs,
        final long toNs,
        final Pacer pacer) throws SQLException
    {
        final boolean quotes = lake.views().containsKey("quotes");
        final boolean events = lake.views().containsKey("feed_events");
        if (!lake.views().containsKey("trades"))
        {
            throw new IllegalArgumentException("the lake has no trades: run ops/pulse export first");
        }
        final String window = " where epoch_us(receive_time) >= " + fromNs / 1000 + " and epoch_us(receive_time) < " +
            toNs / 1000 + " and date between DATE '" + day(fromNs).minusDays(1) + "' and DATE '" + day(toNs) + "'";
        final StringBuilder sql = new StringBuilder("select * from (")
            .append("select 0 as kind, epoch_us(receive_time) as t, exchange, instrument_id, sequence, ")
            .append("price::DECIMAL(38,18) as a, quantity::DECIMAL(38,18) as b, null::DECIMAL(38,18) as c, ")
            .append("null::DECIMAL(38,18) as d, side as text, null::BIGINT as e, null::BIGINT as f from trades")
            .append(window);
        if (quotes)
        {
            sql.append(" union all select 1, epoch_us(receive_time), exchange, instrument_id, sequence, ")
                .append("bid_price, bid_quantity, ask_price, ask_quantity, null, null, null from quotes")
                .append(window);
        }
        if (events)
        {
            sql.append(" union all select 2, epoch_us(receive_time), exchange, instrument_id, sequence, ")
                .append("null, null, null, null, event_type, expected_sequence, received_sequence from feed_events")
                .append(window);
        }
        sql.append(") order by t, exchange, sequence, kind");

        final Map<String, FeedEventType> types = new HashMap<>();
        for (final FeedEventType type : FeedEventType.values())
        {
            types.put(type.name(), type);
        }
        long rows = 0;
        try (Statement statement = lake.connection().createStatement(); ResultSet rs = statement.executeQuery(
            sql.toString()))
        {
            while (rs.next())
            {
                final int kind = rs.getInt(1);
                final long timeNs = rs.getLong(2) * 1000;
                pacer.await(timeNs);
                final int instrumentId = rs.getInt(4);
                final boolean noInstrument = rs.wasNull();
                final InstrumentInfo instrument = noInstrument ? null : instruments.get(instrumentId);
                rows++;
                switch (kind)
                {
                    case 0 ->
                    {
                        if (null != instrument)
                        {
                            final String side = rs.getString(10);
                            engine.onTrade(timeNs, instrumentId, mantissa(rs.getBigDecimal(6),
                                instrument.priceScale()), mantissa(rs.getBigDecimal(7), instrument.quantityScale()),
                                null == side ? null : Side.valueOf(side));
                        }
                    }
                    case 1 ->
                    {
                        if (null != instrument)
                        {
                            engine.onQuote(timeNs, instrumentId,
                                mantissa(rs.getBigDecimal(6), instrument.priceScale()),
                                optionalMantissa(rs.getBigDecimal(7), instrument.quantityScale()),
                                mantissa(rs.getBigDecimal(8), instrument.priceScale()),
                                optionalMantissa(rs.getBigDecimal(9), instrument.quantityScale()));
                        }
                    }
                    default ->
                    {
                        final FeedEventType type = types.get(rs.getString(10));
                        if (null != type)
                        {
                            engine.onFeedEvent(timeNs, rs.getString(3),
                                noInstrument ? FeedEvent.ALL_INSTRUMENTS : instrumentId, type, rs.getLong(11),
                                rs.getLong(12));
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static LocalDate day(final long timeNs)
    {
        return LocalDate.ofInstant(Instant.ofEpochSecond(0, Math.max(0, timeNs)), ZoneOffset.UTC);
    }

    private static long mantissa(final BigDecimal value, final int scale)
    {
        return value.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    private static long optionalMantissa(final BigDecimal value, final int scale)
    {
        return null == value ? TopOfBookEvent.NO_QUANTITY : mantissa(value, scale);
    }
}
