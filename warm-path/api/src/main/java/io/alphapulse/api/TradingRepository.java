/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.api.db.tables.records.FillsRecord;
import io.alphapulse.api.db.tables.records.OrdersRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.Result;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.alphapulse.api.Params.decimal;
import static io.alphapulse.api.Params.exchangeOut;
import static io.alphapulse.api.Params.time;
import static io.alphapulse.api.db.Tables.BALANCES;
import static io.alphapulse.api.db.Tables.FILLS;
import static io.alphapulse.api.db.Tables.ORDERS;
import static io.alphapulse.api.db.Tables.PNL_HISTORY;
import static io.alphapulse.api.db.Tables.PORTFOLIOS;
import static io.alphapulse.api.db.Tables.PORTFOLIO_PNL;
import static io.alphapulse.api.db.Tables.POSITIONS;
import static org.jooq.impl.DSL.multiset;
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
     * @param status       status.
     * @param instrumentId instrument.
     * @param side         buy or sell.
     * @param from         created at or after.
     * @param to           created before.
     */
    public record OrderFilter(
        Integer portfolioId, String status, Integer instrumentId, String side, OffsetDateTime from, OffsetDateTime to)
    {
    }

    /**
     * Filters of the fills list; null fields do not filter.
     *
     * @param portfolioId  portfolio.
     * @param orderId      order.
     * @param instrumentId instrument.
     * @param from         at or after.
     * @param to           before.
     */
    public record FillFilter(
        Integer portfolioId, Long orderId, Integer instrumentId, OffsetDateTime from, OffsetDateTime to)
    {
    }

    private final DSLContext dsl;

    /**
     * Over a database.
     *
     * @param dsl jOOQ context.
     */
    public TradingRepository(final DSLContext dsl)
    {
        this.dsl = dsl;
    }

    /**
     * Every portfolio with its PnL totals.
     *
     * @return portfolios by id.
     */
    public List<Dto.PortfolioSummary> portfolios()
    {
        return dsl.select(PORTFOLIOS.PORTFOLIO_ID, PORTFOLIOS.NAME, PORTFOLIOS.QUOTE_ASSET,
                PORTFOLIO_PNL.REALIZED_PNL, PORTFOLIO_PNL.UNREALIZED_PNL)
            .from(PORTFOLIOS)
            .join(PORTFOLIO_PNL).on(PORTFOLIO_PNL.PORTFOLIO_ID.eq(PORTFOLIOS.PORTFOLIO_ID))
            .orderBy(PORTFOLIOS.PORTFOLIO_ID)
            .fetch((r) -> new Dto.PortfolioSummary(r.value1(), r.value2(), r.value3(), decimal(r.value4()),
                decimal(r.value5())));
    }

    /**
     * One portfolio with its balances and positions, in one round trip (jOOQ MULTISET).
     *
     * @param portfolioId portfolio.
     * @return the portfolio or null.
     */
    public Dto.Portfolio portfolio(final int portfolioId)
    {
        return dsl.select(
                PORTFOLIOS.PORTFOLIO_ID,
                PORTFOLIOS.NAME,
                PORTFOLIOS.QUOTE_ASSET,
                multiset(select(BALANCES.ASSET, BALANCES.BALANCE, BALANCES.UPDATED_AT)
                    .from(BALANCES)
                    .where(BALANCES.PORTFOLIO_ID.eq(PORTFOLIOS.PORTFOLIO_ID))
                    .orderBy(BALANCES.ASSET))
                    .convertFrom((rows) -> rows.map((b) -> new Dto.Balance(b.value1(), decimal(b.value2()),
                        time(b.value3())))),
                multiset(select(POSITIONS.INSTRUMENT_ID, POSITIONS.QUANTITY, POSITIONS.AVERAGE_PRICE,
                    POSITIONS.REALIZED_PNL, POSITIONS.UNREALIZED_PNL, POSITIONS.UPDATED_AT)
                    .from(POSITIONS)
                    .where(POSITIONS.PORTFOLIO_ID.eq(PORTFOLIOS.PORTFOLIO_ID))
                    .orderBy(POSITIONS.INSTRUMENT_ID)))
            .from(PORTFOLIOS)
            .where(PORTFOLIOS.PORTFOLIO_ID.eq(portfolioId))
            .fetchOne((r) ->
            {
                BigDecimal realized = BigDecimal.ZERO;
                BigDecimal unrealized = BigDecimal.ZERO;
                final List<Dto.Position> positions = new ArrayList<>(r.value5().size());
                for (final var p : r.value5())
                {
                    realized = realized.add(p.value4());
                    unrealized = unrealized.add(p.value5());
                    positions.add(new Dto.Position(p.value1(), decimal(p.value2()), decimal(p.value3()),
                        decimal(p.value4()), decimal(p.value5()), time(p.value6())));
                }
                return new Dto.Portfolio(r.value1(), r.value2(), r.value3(), decimal(realized), decimal(unrealized),
                    r.value4(), positions);
            });
    }

    /**
     * Whether a portfolio exists.
     *
     * @param portfolioId portfolio.
     * @return true when it exists.
     */
    public boolean portfolioExists(final int portfolioId)
    {
        return dsl.fetchExists(PORTFOLIOS, PORTFOLIOS.PORTFOLIO_ID.eq(portfolioId));
    }

    /**
     * Positions of a portfolio.
     *
     * @param portfolioId portfolio.
     * @return positions by instrument.
     */
    public List<Dto.Position> positions(final int portfolioId)
    {
        return dsl.selectFrom(POSITIONS).where(POSITIONS.PORTFOLIO_ID.eq(portfolioId))
            .orderBy(POSITIONS.INSTRUMENT_ID)
            .fetch((p) -> new Dto.Position(p.getInstrumentId(), decimal(p.getQuantity()),
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
        return dsl.selectFrom(BALANCES).where(BALANCES.PORTFOLIO_ID.eq(portfolioId)).orderBy(BALANCES.ASSET)
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
        return dsl.selectFrom(PNL_HISTORY)
            .where(PNL_HISTORY.PORTFOLIO_ID.eq(portfolioId).and(PNL_HISTORY.TIME.ge(from))
                .and(PNL_HISTORY.TIME.lt(to)))
            .orderBy(PNL_HISTORY.TIME)
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
            condition = condition.and(ORDERS.PORTFOLIO_ID.eq(filter.portfolioId()));
        }
        if (null != filter.status())
        {
            condition = condition.and(ORDERS.STATUS.eq(filter.status()));
        }
        if (null != filter.instrumentId())
        {
            condition = condition.and(ORDERS.INSTRUMENT_ID.eq(filter.instrumentId()));
        }
        if (null != filter.side())
        {
            condition = condition.and(ORDERS.SIDE.eq(filter.side()));
        }
        if (null != filter.from())
        {
            condition = condition.and(ORDERS.CREATED_AT.ge(filter.from()));
        }
        if (null != filter.to())
        {
            condition = condition.and(ORDERS.CREATED_AT.lt(filter.to()));
        }
        if (null != cursor)
        {
            condition = condition.and(DSL.row(ORDERS.CREATED_AT, ORDERS.ORDER_ID).lt(cursor.time(), cursor.id()));
        }
        final Result<OrdersRecord> rows = dsl.selectFrom(ORDERS).where(condition)
            .orderBy(ORDERS.CREATED_AT.desc(), ORDERS.ORDER_ID.desc())
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
            final OrdersRecord last = rows.get(limit - 1);
            next = Params.Cursor.of(last.getCreatedAt(), last.getOrderId(), 0).encode();
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
        final OrdersRecord record = dsl.selectFrom(ORDERS).where(ORDERS.ORDER_ID.eq(orderId)).fetchOne();
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
            condition = condition.and(FILLS.PORTFOLIO_ID.eq(filter.portfolioId()));
        }
        if (null != filter.orderId())
        {
            condition = condition.and(FILLS.ORDER_ID.eq(filter.orderId()));
        }
        if (null != filter.instrumentId())
        {
            condition = condition.and(FILLS.INSTRUMENT_ID.eq(filter.instrumentId()));
        }
        if (null != filter.from())
        {
            condition = condition.and(FILLS.TIME.ge(filter.from()));
        }
        if (null != filter.to())
        {
            condition = condition.and(FILLS.TIME.lt(filter.to()));
        }
        if (null != cursor)
        {
            condition = condition.and(DSL.row(FILLS.TIME, FILLS.ORDER_ID, FILLS.FILL_ID)
                .lt(cursor.time(), cursor.id(), cursor.id2()));
        }
        final Result<FillsRecord> rows = dsl.selectFrom(FILLS).where(condition)
            .orderBy(FILLS.TIME.desc(), FILLS.ORDER_ID.desc(), FILLS.FILL_ID.desc())
            .limit(limit + 1)
            .fetch();
        final List<Dto.Fill> items = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++)
        {
            final FillsRecord f = rows.get(i);
            items.add(new Dto.Fill(f.getOrderId(), f.getFillId(), time(f.getTime()), f.getPortfolioId(),
                f.getInstrumentId(), f.getSide(), decimal(f.getPrice()), decimal(f.getQuantity()),
                decimal(f.getLeavesQuantity()), decimal(f.getFee()), f.getLiquidity()));
        }
        String next = null;
        if (rows.size() > limit)
        {
            final FillsRecord last = rows.get(limit - 1);
            next = Params.Cursor.of(last.getTime(), last.getOrderId(), last.getFillId()).encode();
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
        return dsl.select(ORDERS.CLIENT_ORDER_ID, ORDERS.PORTFOLIO_ID, ORDERS.STRATEGY_ID, ORDERS.STATUS,
                ORDERS.INSTRUMENT_ID)
            .from(ORDERS).where(ORDERS.ORDER_ID.eq(orderId)).fetchOne();
    }

    private static Dto.Order order(final OrdersRecord o)
    {
        return new Dto.Order(o.getOrderId(), o.getClientOrderId(), o.getPortfolioId(), o.getStrategyId(),
            exchangeOut(o.getExchange()), o.getInstrumentId(), o.getSide(), o.getOrderType(), o.getTimeInForce(),
            decimal(o.getPrice()), decimal(o.getQuantity()), decimal(o.getFilledQuantity()), o.getStatus(),
            o.getCancelReason(), time(o.getCreatedAt()), time(o.getUpdatedAt()));
    }
}
