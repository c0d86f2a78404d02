/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.api.db.tables.records.TradingFillsRecord;
import io.alphapulse.api.db.tables.records.TradingOrdersRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.alphapulse.api.Params.decimal;
import static io.alphapulse.api.Params.time;
import static io.alphapulse.api.db.Tables.API_PORTFOLIOS;
import static io.alphapulse.api.db.Tables.PORTFOLIO_PNL;
import static io.alphapulse.api.db.Tables.PORTFOLIOS;
import static io.alphapulse.api.db.Tables.PORTFOLIO_PNL_HISTORY;
import static io.alphapulse.api.db.Tables.TRADING_BALANCES;
import static io.alphapulse.api.db.Tables.TRADING_FILLS;
import static io.alphapulse.api.db.Tables.TRADING_ORDERS;
import static io.alphapulse.api.db.Tables.TRADING_POSITIONS;
import static org.jooq.impl.DSL.select;

/**
 * Trading state the ledger's projector writes: portfolios, positions, balances, PnL history, orders and fills.
 */
public final class TradingRepository
{
    /**
     * Filters of the orders list; null fields do not filter.
     *
     * @param portfolioId  portfolio.
     * @param visible      portfolios the caller may see, or null for all.
     * @param status       status.
     * @param instrumentId instrument.
     * @param side         buy or sell.
     * @param from         created at or after.
     * @param to           created before.
     */
    public record OrderFilter(
        Integer portfolioId,
        Set<Integer> visible,
        String status,
        Integer instrumentId,
        String side,
        OffsetDateTime from,
        OffsetDateTime to)
    {
    }

    /**
     * Filters of the fills list; null fields do not filter.
     *
     * @param portfolioId  portfolio.
     * @param visible      portfolios the caller may see, or null for all.
     * @param orderId      order.
     * @param instrumentId instrument.
     * @param from         at or after.
     * @param to           before.
     */
    public record FillFilter(
        Integer portfolioId,
        Set<Integer> visible,
        Long orderId,
        Integer instrumentId,
        OffsetDateTime from,
        OffsetDateTime to)
    {
    }

    private final DSLContext dsl;
    private final String portfolioSql;

    /**
     * Over a database.
     *
     * @param dsl jOOQ context.
     */
    public TradingRepository(final DSLContext dsl)
    {
        this.dsl = dsl;
        this.portfolioSql = dsl.render(portfolioSelect());
    }

    /**
     * Every portfolio with its PnL totals.
     *
     * @return portfolios by id.
     */
    public List<Dto.PortfolioSummary> portfolios()
    {
        return dsl.select(API_PORTFOLIOS.PORTFOLIO_ID, API_PORTFOLIOS.NAME, API_PORTFOLIOS.QUOTE_ASSET,
                PORTFOLIO_PNL.REALIZED_PNL, PORTFOLIO_PNL.UNREALIZED_PNL)
            .from(API_PORTFOLIOS)
            .join(PORTFOLIO_PNL).on(PORTFOLIO_PNL.PORTFOLIO_ID.eq(API_PORTFOLIOS.PORTFOLIO_ID))
            .orderBy(API_PORTFOLIOS.PORTFOLIO_ID)
            .fetch((r) -> new Dto.PortfolioSummary(r.value1(), r.value2(), r.value3(), decimal(r.value4()),
                decimal(r.value5())));
    }

    /**
     * One portfolio with its balances and positions: one statement (so one snapshot) of index lookups on the base
     * tables, rendered once from the DSL at construction and executed with the id bound three times. It replaced a
     * MULTISET over the {@code api_portfolios} view, whose JSON decoding and per-call rendering dominated the
     * read model's loads and the direct reads (see the README's figures).
     *
     * @param portfolioId portfolio.
     * @return the portfolio or null.
     */
    public Dto.Portfolio portfolio(final int portfolioId)
    {
        final Result<Record> rows = dsl.resultQuery(portfolioSql, portfolioId, portfolioId, portfolioId).fetch();
        if (rows.isEmpty())
        {
            return null;
        }
        String name = "portfolio " + portfolioId;
        String quoteAsset = "USD";
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        final List<Dto.Balance> balances = new ArrayList<>();
        final List<Dto.Position> positions = new ArrayList<>();
        for (final Record r : rows)
        {
            switch (r.get(0, Integer.class))
            {
                case 0 ->
                {
                    name = r.get(2, String.class);
                    quoteAsset = r.get(3, String.class);
                }
                case 1 -> balances.add(new Dto.Balance(r.get(2, String.class), decimal(r.get(4, BigDecimal.class)),
                    time(r.get(8, OffsetDateTime.class))));
                default ->
                {
                    final BigDecimal realizedPnl = r.get(6, BigDecimal.class);
                    final BigDecimal unrealizedPnl = r.get(7, BigDecimal.class);
                    realized = realized.add(realizedPnl);
                    unrealized = unrealized.add(unrealizedPnl);
                    positions.add(new Dto.Position(r.get(1, Integer.class), decimal(r.get(4, BigDecimal.class)),
                        decimal(r.get(5, BigDecimal.class)), decimal(realizedPnl), decimal(unrealizedPnl),
                        time(r.get(8, OffsetDateTime.class))));
                }
            }
        }
        return new Dto.Portfolio(portfolioId, name, quoteAsset, decimal(realized), decimal(unrealized), balances,
            positions);
    }

    /**
     * The portfolio statement: kind 0 the name row, 1 balances, 2 positions, in response order.
     */
    private static Select<?> portfolioSelect()
    {
        final Field<Integer> id = DSL.param("portfolioId", SQLDataType.INTEGER);
        final Field<BigDecimal> noNumber = DSL.castNull(SQLDataType.NUMERIC);
        final Field<String> noText = DSL.castNull(SQLDataType.VARCHAR);
        return select(DSL.inline(0).as("kind"), DSL.castNull(SQLDataType.INTEGER).as("instrument_id"),
                PORTFOLIOS.NAME.as("text1"), PORTFOLIOS.QUOTE_ASSET.as("text2"), noNumber.as("number1"),
                noNumber.as("number2"), noNumber.as("number3"), noNumber.as("number4"),
                DSL.castNull(SQLDataType.TIMESTAMPWITHTIMEZONE).as("updated_at"))
            .from(PORTFOLIOS).where(PORTFOLIOS.PORTFOLIO_ID.eq(id))
            .unionAll(select(DSL.inline(1), DSL.castNull(SQLDataType.INTEGER), TRADING_BALANCES.ASSET, noText,
                TRADING_BALANCES.BALANCE, noNumber, noNumber, noNumber, TRADING_BALANCES.UPDATED_AT)
                .from(TRADING_BALANCES).where(TRADING_BALANCES.PORTFOLIO_ID.eq(id)))
            .unionAll(select(DSL.inline(2), TRADING_POSITIONS.INSTRUMENT_ID, noText, noText,
                TRADING_POSITIONS.POSITION, TRADING_POSITIONS.AVERAGE_PRICE, TRADING_POSITIONS.REALIZED_PNL,
                TRADING_POSITIONS.UNREALIZED_PNL, TRADING_POSITIONS.UPDATED_AT)
                .from(TRADING_POSITIONS).where(TRADING_POSITIONS.PORTFOLIO_ID.eq(id)))
            .orderBy(DSL.field(DSL.name("kind")), DSL.field(DSL.name("text1")),
                DSL.field(DSL.name("instrument_id")));
    }

    /**
     * Whether a portfolio exists.
     *
     * @param portfolioId portfolio.
     * @return true when it exists.
     */
    public boolean portfolioExists(final int portfolioId)
    {
        return dsl.fetchExists(API_PORTFOLIOS, API_PORTFOLIOS.PORTFOLIO_ID.eq(portfolioId));
    }

    /**
     * Positions of a portfolio.
     *
     * @param portfolioId portfolio.
     * @return positions by instrument.
     */
    public List<Dto.Position> positions(final int portfolioId)
    {
        return dsl.selectFrom(TRADING_POSITIONS).where(TRADING_POSITIONS.PORTFOLIO_ID.eq(portfolioId))
            .orderBy(TRADING_POSITIONS.INSTRUMENT_ID)
            .fetch((p) -> new Dto.Position(p.getInstrumentId(), decimal(p.getPosition()),
                decimal(p.getAveragePrice()), decimal(p.getRealizedPnl()), decimal(p.getUnrealizedPnl()),
                time(p.getUpdatedAt())));
    }

    /**
     * Balances of a portfolio.
     *
     * @param portfolioId portfolio.
     * @return balances by asset.
     */
    public List<Dto.Balance> balances(final int portfolioId)
    {
        return dsl.selectFrom(TRADING_BALANCES).where(TRADING_BALANCES.PORTFOLIO_ID.eq(portfolioId)).orderBy(TRADING_BALANCES.ASSET)
            .fetch((b) -> new Dto.Balance(b.getAsset(), decimal(b.getBalance()), time(b.getUpdatedAt())));
    }

    /**
     * PnL history of a portfolio in a time range, oldest first.
     *
     * @param portfolioId portfolio.
     * @param from        at or after.
     * @param to          before.
     * @param limit       most points.
     * @return points.
     */
    public List<Dto.PnlPoint> pnlHistory(
        final int portfolioId, final OffsetDateTime from, final OffsetDateTime to, final int limit)
    {
        return dsl.selectFrom(PORTFOLIO_PNL_HISTORY)
            .where(PORTFOLIO_PNL_HISTORY.PORTFOLIO_ID.eq(portfolioId).and(PORTFOLIO_PNL_HISTORY.TIME.ge(from))
                .and(PORTFOLIO_PNL_HISTORY.TIME.lt(to)))
            .orderBy(PORTFOLIO_PNL_HISTORY.TIME)
            .limit(limit)
            .fetch((h) -> new Dto.PnlPoint(time(h.getTime()), decimal(h.getRealizedPnl()),
                decimal(h.getUnrealizedPnl()), decimal(h.getRealizedPnl().add(h.getUnrealizedPnl()))));
    }

    /**
     * Orders, newest first, keyset-paginated.
     *
     * @param filter filters.
     * @param cursor after this row, or null.
     * @param limit  page size.
     * @return the page.
     */
    public Dto.Page<Dto.Order> orders(final OrderFilter filter, final Params.Cursor cursor, final int limit)
    {
        Condition condition = DSL.noCondition();
        if (null != filter.portfolioId())
        {
            condition = condition.and(TRADING_ORDERS.PORTFOLIO_ID.eq(filter.portfolioId()));
        }
        if (null != filter.visible())
        {
            condition = condition.and(TRADING_ORDERS.PORTFOLIO_ID.in(filter.visible()));
        }
        if (null != filter.status())
        {
            condition = condition.and(TRADING_ORDERS.STATUS.eq(filter.status().toUpperCase(Locale.ROOT)));
        }
        if (null != filter.instrumentId())
        {
            condition = condition.and(TRADING_ORDERS.INSTRUMENT_ID.eq(filter.instrumentId()));
        }
        if (null != filter.side())
        {
            condition = condition.and(TRADING_ORDERS.SIDE.eq(filter.side().toUpperCase(Locale.ROOT)));
        }
        if (null != filter.from())
        {
            condition = condition.and(TRADING_ORDERS.ACCEPTED_AT.ge(filter.from()));
        }
        if (null != filter.to())
        {
            condition = condition.and(TRADING_ORDERS.ACCEPTED_AT.lt(filter.to()));
        }
        if (null != cursor)
        {
            condition = condition.and(DSL.row(TRADING_ORDERS.ACCEPTED_AT, TRADING_ORDERS.ORDER_ID).lt(cursor.time(), cursor.id()));
        }
        final Result<TradingOrdersRecord> rows = dsl.selectFrom(TRADING_ORDERS).where(condition)
            .orderBy(TRADING_ORDERS.ACCEPTED_AT.desc(), TRADING_ORDERS.ORDER_ID.desc())
            .limit(limit + 1)
            .fetch();
        final List<Dto.Order> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++)
        {
            items.add(order(rows.get(i)));
        }
        String next = null;
        if (rows.size() > limit)
        {
            final TradingOrdersRecord last = rows.get(limit - 1);
            next = Params.Cursor.of(last.getAcceptedAt(), last.getOrderId(), 0).encode();
        }
        return new Dto.Page<>(items, next);
    }

    /**
     * One order.
     *
     * @param orderId ledger order id.
     * @return the order or null.
     */
    public Dto.Order order(final long orderId)
    {
        final TradingOrdersRecord record = dsl.selectFrom(TRADING_ORDERS).where(TRADING_ORDERS.ORDER_ID.eq(orderId)).fetchOne();
        return null == record ? null : order(record);
    }

    /**
     * Fills, newest first, keyset-paginated.
     *
     * @param filter filters.
     * @param cursor after this row, or null.
     * @param limit  page size.
     * @return the page.
     */
    public Dto.Page<Dto.Fill> fills(final FillFilter filter, final Params.Cursor cursor, final int limit)
    {
        Condition condition = DSL.noCondition();
        if (null != filter.portfolioId())
        {
            condition = condition.and(TRADING_FILLS.PORTFOLIO_ID.eq(filter.portfolioId()));
        }
        if (null != filter.visible())
        {
            condition = condition.and(TRADING_FILLS.PORTFOLIO_ID.in(filter.visible()));
        }
        if (null != filter.orderId())
        {
            condition = condition.and(TRADING_FILLS.ORDER_ID.eq(filter.orderId()));
        }
        if (null != filter.instrumentId())
        {
            condition = condition.and(TRADING_FILLS.INSTRUMENT_ID.eq(filter.instrumentId()));
        }
        if (null != filter.from())
        {
            condition = condition.and(TRADING_FILLS.EXECUTED_AT.ge(filter.from()));
        }
        if (null != filter.to())
        {
            condition = condition.and(TRADING_FILLS.EXECUTED_AT.lt(filter.to()));
        }
        if (null != cursor)
        {
            condition = condition.and(DSL.row(TRADING_FILLS.EXECUTED_AT, TRADING_FILLS.ORDER_ID, TRADING_FILLS.FILL_ID)
                .lt(cursor.time(), cursor.id(), cursor.id2()));
        }
        final Result<TradingFillsRecord> rows = dsl.selectFrom(TRADING_FILLS).where(condition)
            .orderBy(TRADING_FILLS.EXECUTED_AT.desc(), TRADING_FILLS.ORDER_ID.desc(), TRADING_FILLS.FILL_ID.desc())
            .limit(limit + 1)
            .fetch();
        final List<Dto.Fill> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++)
        {
            final TradingFillsRecord f = rows.get(i);
            items.add(new Dto.Fill(f.getOrderId(), f.getFillId(), time(f.getExecutedAt()), f.getPortfolioId(),
                f.getInstrumentId(), lower(f.getSide()), decimal(f.getPrice()), decimal(f.getQuantity()),
                decimal(f.getLeavesQuantity()), decimal(f.getFee()), lower(f.getLiquidity())));
        }
        String next = null;
        if (rows.size() > limit)
        {
            final TradingFillsRecord last = rows.get(limit - 1);
            next = Params.Cursor.of(last.getExecutedAt(), last.getOrderId(), last.getFillId()).encode();
        }
        return new Dto.Page<>(items, next);
    }

    /**
     * The numbers needed to cancel an order through the ledger.
     *
     * @param orderId ledger order id.
     * @return client order id, portfolio, strategy, status, instrument; or null.
     */
    public Record5<Long, Integer, Integer, String, Integer> orderKey(final long orderId)
    {
        return dsl.select(TRADING_ORDERS.CLIENT_ORDER_ID, TRADING_ORDERS.PORTFOLIO_ID, TRADING_ORDERS.STRATEGY_ID,
                TRADING_ORDERS.STATUS, TRADING_ORDERS.INSTRUMENT_ID)
            .from(TRADING_ORDERS).where(TRADING_ORDERS.ORDER_ID.eq(orderId)).fetchOne();
    }

    private static Dto.Order order(final TradingOrdersRecord o)
    {
        return new Dto.Order(o.getOrderId(), o.getClientOrderId(), o.getPortfolioId(), o.getStrategyId(),
            o.getInstrumentId(), lower(o.getSide()), lower(o.getOrderType()), lower(o.getTimeInForce()),
            decimal(o.getPrice()), decimal(o.getQuantity()), decimal(o.getFilledQuantity()), lower(o.getStatus()),
            o.getCancelReason(), time(o.getAcceptedAt()), time(o.getUpdatedAt()));
    }

    private static String lower(final String value)
    {
        return null == value ? null : value.toLowerCase(Locale.ROOT);
    }
}
