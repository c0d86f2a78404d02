/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import java.util.List;
import java.util.Map;

/**
 * Request and response bodies. The OpenAPI document describes them by reflection on these records
 * ({@link OpenApi}), so the document and the wire format cannot drift apart. Prices, quantities and amounts are
 * decimal strings (exact, never binary floating point); times are ISO-8601 UTC strings.
 */
public final class Dto
{
    private Dto()
    {
    }

    /**
     * RFC 9457 problem details.
     *
     * @param type     URI identifying the problem type.
     * @param title    short summary.
     * @param status   HTTP status.
     * @param detail   what happened and what to do.
     * @param instance the request path.
     */
    public record Problem(String type, String title, int status, String detail, String instance)
    {
    }

    /**
     * Login.
     *
     * @param username user name.
     * @param password password.
     */
    public record LoginRequest(String username, String password)
    {
    }

    /**
     * Tokens after a login or a refresh.
     *
     * @param accessToken      JWT (HS256) for the API and the bridge WebSocket.
     * @param tokenType        always Bearer.
     * @param expiresIn        seconds the access token is valid.
     * @param refreshToken     opaque token to get new tokens; single use, rotated on every refresh.
     * @param refreshExpiresAt when the refresh token expires.
     * @param username         user.
     * @param roles            roles in the token.
     */
    public record TokenResponse(
        String accessToken,
        String tokenType,
        long expiresIn,
        String refreshToken,
        String refreshExpiresAt,
        String username,
        List<String> roles)
    {
    }

    /**
     * A refresh token to rotate or revoke.
     *
     * @param refreshToken the token.
     */
    public record RefreshRequest(String refreshToken)
    {
    }

    /**
     * Change one's own password.
     *
     * @param currentPassword current password.
     * @param newPassword     new password (at least 12 characters).
     */
    public record PasswordChange(String currentPassword, String newPassword)
    {
    }

    /**
     * The caller, from the access token.
     *
     * @param username  user.
     * @param roles     roles.
     * @param expiresAt when the token expires.
     */
    public record Me(String username, List<String> roles, String expiresAt)
    {
    }

    /**
     * New user (admin).
     *
     * @param username user name: letters, digits, '_', '.', '-', at most 64.
     * @param password password, at least 12 characters.
     * @param roles    one or more of viewer, trader, admin.
     */
    public record UserCreate(String username, String password, List<String> roles)
    {
    }

    /**
     * Change a user (admin); absent fields stay as they are.
     *
     * @param roles    new roles.
     * @param disabled disable (revokes the user's refresh tokens) or enable.
     * @param password new password.
     */
    public record UserUpdate(List<String> roles, Boolean disabled, String password)
    {
    }

    /**
     * A user.
     *
     * @param username  user name.
     * @param roles     roles.
     * @param disabled  whether login is refused.
     * @param createdAt creation time.
     */
    public record User(String username, List<String> roles, boolean disabled, String createdAt)
    {
    }

    /**
     * A portfolio with totals.
     *
     * @param portfolioId   id.
     * @param name          name.
     * @param quoteAsset    asset PnL is measured in.
     * @param realizedPnl   realized PnL.
     * @param unrealizedPnl unrealized PnL at the last mark.
     */
    public record PortfolioSummary(
        int portfolioId, String name, String quoteAsset, String realizedPnl, String unrealizedPnl)
    {
    }

    /**
     * A user's access to a portfolio.
     *
     * @param portfolioId portfolio.
     * @param username    user.
     * @param relation    owner or granted.
     * @param grantedAt   when.
     */
    public record PortfolioGrant(int portfolioId, String username, String relation, String grantedAt)
    {
    }

    /**
     * Body of a grant: how the user relates to the portfolio.
     *
     * @param relation owner or granted.
     */
    public record GrantRequest(String relation)
    {
    }

    /**
     * A portfolio with its balances and positions.
     *
     * @param portfolioId   id.
     * @param name          name.
     * @param quoteAsset    asset PnL is measured in.
     * @param realizedPnl   realized PnL.
     * @param unrealizedPnl unrealized PnL at the last mark.
     * @param balances      balances per asset.
     * @param positions     positions per instrument.
     */
    public record Portfolio(
        int portfolioId,
        String name,
        String quoteAsset,
        String realizedPnl,
        String unrealizedPnl,
        List<Balance> balances,
        List<Position> positions)
    {
    }

    /**
     * Balance of an asset.
     *
     * @param asset     asset code.
     * @param balance   amount.
     * @param updatedAt last change.
     */
    public record Balance(String asset, String balance, String updatedAt)
    {
    }

    /**
     * Position in an instrument.
     *
     * @param instrumentId  instrument.
     * @param quantity      signed quantity.
     * @param averagePrice  average entry price.
     * @param realizedPnl   realized PnL.
     * @param unrealizedPnl unrealized PnL.
     * @param updatedAt     last change.
     */
    public record Position(
        int instrumentId,
        String quantity,
        String averagePrice,
        String realizedPnl,
        String unrealizedPnl,
        String updatedAt)
    {
    }

    /**
     * A point of PnL history.
     *
     * @param time          time.
     * @param realizedPnl   realized PnL.
     * @param unrealizedPnl unrealized PnL.
     * @param totalPnl      sum.
     */
    public record PnlPoint(String time, String realizedPnl, String unrealizedPnl, String totalPnl)
    {
    }

    /**
     * An order.
     *
     * @param orderId        ledger order id.
     * @param clientOrderId  sender's id.
     * @param portfolioId    portfolio.
     * @param strategyId     strategy.
     * @param instrumentId   instrument.
     * @param side           buy or sell.
     * @param type           limit or market.
     * @param timeInForce    gtc or ioc.
     * @param price          limit price.
     * @param quantity       quantity.
     * @param filledQuantity quantity filled so far.
     * @param status         accepted (open), partially_filled, filled or cancelled.
     * @param cancelReason   why cancelled.
     * @param createdAt      accepted at.
     * @param updatedAt      last change.
     */
    public record Order(
        long orderId,
        long clientOrderId,
        int portfolioId,
        int strategyId,
        int instrumentId,
        String side,
        String type,
        String timeInForce,
        String price,
        String quantity,
        String filledQuantity,
        String status,
        String cancelReason,
        String createdAt,
        String updatedAt)
    {
    }

    /**
     * A new order (trader).
     *
     * @param portfolioId  portfolio.
     * @param exchange     exchange of the instrument (for its scales).
     * @param instrumentId instrument.
     * @param side         buy or sell.
     * @param type         limit (default) or market.
     * @param timeInForce  gtc (default) or ioc.
     * @param price        limit price as a decimal string (required for limit orders).
     * @param quantity     quantity as a decimal string.
     */
    public record OrderRequest(
        Integer portfolioId,
        String exchange,
        Integer instrumentId,
        String side,
        String type,
        String timeInForce,
        String price,
        String quantity)
    {
    }

    /**
     * An order the ledger accepted, or a cancel it carried out; the order appears in the orders list once the
     * projector has written it.
     *
     * @param orderId       the ledger's order id.
     * @param clientOrderId the order's id for the ledger.
     * @param portfolioId   portfolio.
     * @param strategyId    strategy id of API orders.
     * @param status        accepted (an order) or cancelled (a cancel).
     * @param detail        what happens next.
     */
    public record OrderSubmitted(
        long orderId, long clientOrderId, int portfolioId, int strategyId, String status, String detail)
    {
    }

    /**
     * A fill.
     *
     * @param orderId        ledger order id.
     * @param fillId         venue fill id.
     * @param time           execution time.
     * @param portfolioId    portfolio.
     * @param instrumentId   instrument.
     * @param side           buy or sell.
     * @param price          price.
     * @param quantity       quantity.
     * @param leavesQuantity open after this fill.
     * @param fee            fee in the quote asset.
     * @param liquidity      maker or taker.
     */
    public record Fill(
        long orderId,
        long fillId,
        String time,
        int portfolioId,
        int instrumentId,
        String side,
        String price,
        String quantity,
        String leavesQuantity,
        String fee,
        String liquidity)
    {
    }

    /**
     * An instrument.
     *
     * @param exchange      exchange.
     * @param instrumentId  id within the exchange.
     * @param symbol        BASE-QUOTE.
     * @param venueSymbol   exchange's symbol.
     * @param priceScale    decimal places of prices.
     * @param quantityScale decimal places of quantities.
     * @param updatedAt     last definition.
     */
    public record Instrument(
        String exchange,
        int instrumentId,
        String symbol,
        String venueSymbol,
        int priceScale,
        int quantityScale,
        String updatedAt)
    {
    }

    /**
     * A trade.
     *
     * @param time         exchange time.
     * @param exchange     exchange.
     * @param instrumentId instrument.
     * @param tradeId      exchange trade id.
     * @param price        price.
     * @param quantity     quantity.
     * @param side         aggressor side, buy or sell.
     * @param sequence     sequence in the collector's stream.
     */
    public record Trade(
        String time,
        String exchange,
        int instrumentId,
        Long tradeId,
        String price,
        String quantity,
        String side,
        long sequence)
    {
    }

    /**
     * A candle.
     *
     * @param start  bucket start.
     * @param open   first price.
     * @param high   highest price.
     * @param low    lowest price.
     * @param close  last price.
     * @param volume summed quantity.
     * @param trades trade count.
     */
    public record Candle(String start, String open, String high, String low, String close, String volume, long trades)
    {
    }

    /**
     * Candles of one instrument.
     *
     * @param exchange     exchange.
     * @param instrumentId instrument.
     * @param interval     interval, e.g. 5m.
     * @param source       the rollup they come from (1m or 1h).
     * @param candles      candles in time order.
     */
    public record CandleSeries(
        String exchange, int instrumentId, String interval, String source, List<Candle> candles)
    {
    }

    /**
     * Best bid and offer.
     *
     * @param time         exchange time.
     * @param exchange     exchange.
     * @param instrumentId instrument.
     * @param bidPrice     best bid.
     * @param bidQuantity  quantity at the best bid.
     * @param askPrice     best ask.
     * @param askQuantity  quantity at the best ask.
     * @param sequence     sequence.
     */
    public record TopOfBook(
        String time,
        String exchange,
        int instrumentId,
        String bidPrice,
        String bidQuantity,
        String askPrice,
        String askQuantity,
        long sequence)
    {
    }

    /**
     * Last feed event of an exchange.
     *
     * @param exchange      exchange.
     * @param lastEventTime time of the last event.
     * @param lastEventType its type.
     * @param detail        its detail.
     * @param gapsLastHour  gaps in the last hour.
     * @param lagSeconds    seconds since the last stored trade of the exchange, or null.
     */
    public record FeedStatus(
        String exchange,
        String lastEventTime,
        String lastEventType,
        String detail,
        long gapsLastHour,
        Long lagSeconds)
    {
    }

    /**
     * A feed event (gap, resync, stale channel, ...).
     *
     * @param time             time.
     * @param exchange         exchange.
     * @param instrumentId     instrument, or null.
     * @param eventType        type.
     * @param origin           collector or relay.
     * @param expectedSequence expected sequence (gaps).
     * @param receivedSequence received sequence (gaps).
     * @param detail           detail.
     */
    public record FeedEvent(
        String time,
        String exchange,
        Integer instrumentId,
        String eventType,
        String origin,
        Long expectedSequence,
        Long receivedSequence,
        String detail)
    {
    }

    /**
     * A page of results.
     *
     * @param items      the items.
     * @param nextCursor pass as {@code cursor} for the next page; null on the last page.
     * @param <T>        item type.
     */
    public record Page<T>(List<T> items, String nextCursor)
    {
    }

    /**
     * Health.
     *
     * @param status up or down.
     * @param checks each check's status and detail.
     */
    public record Health(String status, Map<String, String> checks)
    {
    }

    /**
     * What the dashboard needs before login.
     *
     * @param bridgeUrl             WebSocket URL of the bridge (live data), or null when none is configured.
     * @param apiVersion            API version.
     * @param accessTokenTtlSeconds access token lifetime.
     */
    public record ClientConfig(String bridgeUrl, String apiVersion, long accessTokenTtlSeconds)
    {
    }
}
