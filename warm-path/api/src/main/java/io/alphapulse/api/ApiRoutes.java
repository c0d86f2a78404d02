/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alphapulse.auth.Principal;
import io.alphapulse.auth.Role;
import io.alphapulse.schemas.trading.OrderType;
import io.alphapulse.schemas.trading.Side;
import io.alphapulse.schemas.trading.TimeInForce;
import io.javalin.http.Context;
import org.jooq.DSLContext;
import org.jooq.Record5;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.alphapulse.api.Route.Body;
import static io.alphapulse.api.Route.Param;

/**
 * The route table: every API route with its documentation and handler. {@link ApiServer} registers exactly these
 * and {@link OpenApi} documents exactly these.
 * <p>
 * Roles: a viewer route accepts any signed-in user (viewer, trader or admin); trader routes need the trader role;
 * admin routes the admin role.
 */
final class ApiRoutes
{
    private static final String V1 = "/api/v1";
    private static final Pattern DECIMAL = Pattern.compile("^\\d{1,30}(\\.\\d{1,30})?$");
    private static final Set<String> ORDER_STATUSES = Set.of("accepted", "partially_filled", "filled", "cancelled");
    private static final Set<String> SIDES = Set.of("buy", "sell");
    private static final Param FROM = Param.query("from", "string", "date-time",
        "start (inclusive): ISO-8601 with offset, or milliseconds since the epoch");
    private static final Param TO = Param.query("to", "string", "date-time",
        "end (exclusive): ISO-8601 with offset, or milliseconds since the epoch; default now");
    private static final Param LIMIT = Param.query("limit", "integer", "int32",
        "page size, 1-" + Params.LIMIT_MAX + ", default " + Params.LIMIT_DEFAULT);
    private static final Param CURSOR = Param.query("cursor", "string", null,
        "nextCursor of the previous page; omit for the first page");
    private static final Param EXCHANGE = Param.required("exchange", "string", null, "kraken, coinbase or binance");
    private static final Param INSTRUMENT = Param.required("instrumentId", "integer", "int32",
        "instrument id within the exchange (see /api/v1/instruments)");
    private static final Param PORTFOLIO_PATH = Param.path("portfolioId", "int32", "portfolio id");

    private final ApiServer server;
    private final DSLContext dsl;
    private final AuthService auth;
    private final TradingRepository trading;
    private final MarketRepository market;
    private final LedgerGateway ledger;
    private final PortfolioReadModel readModel;
    private final AccessRepository access;
    private final ApiMetrics metrics;
    private final ApiServer.Context ctx;
    private final List<Route> routes = new ArrayList<>();
    private volatile String openApiJson;

    ApiRoutes(
        final ApiServer server,
        final DSLContext dsl,
        final AuthService auth,
        final TradingRepository trading,
        final MarketRepository market,
        final LedgerGateway ledger,
        final PortfolioReadModel readModel,
        final AccessRepository access,
        final ApiMetrics metrics,
        final ApiServer.Context ctx)
    {
        this.server = server;
        this.dsl = dsl;
        this.auth = auth;
        this.trading = trading;
        this.market = market;
        this.ledger = ledger;
        this.readModel = readModel;
        this.access = access;
        this.metrics = metrics;
        this.ctx = ctx;
        build();
    }

    List<Route> routes()
    {
        return List.copyOf(routes);
    }

    private void add(
        final String method,
        final String path,
        final String operationId,
        final String tag,
        final String summary,
        final Role role,
        final Body request,
        final Body response,
        final int status,
        final List<Param> params,
        final io.javalin.http.Handler handler)
    {
        routes.add(new Route(method, path, operationId, tag, summary, role, request, response, status, params,
            handler));
    }

    private void build()
    {
        // Meta
        add("GET", "/openapi.json", "openApi", "meta", "This OpenAPI 3 document", null, null,
            Body.json(), 200,
            List.of(), this::openApi);
        add("GET", V1 + "/config", "clientConfig", "meta", "What the dashboard needs before login: the bridge URL",
            null, null, Body.one(Dto.ClientConfig.class), 200, List.of(), (http) -> http.json(
                new Dto.ClientConfig(ctx.bridgeUrl(), OpenApi.VERSION, ctx.accessTokenTtl().toSeconds())));
        add("GET", V1 + "/health/live", "liveness", "health", "Liveness: the process serves requests", null, null,
            Body.one(Dto.Health.class), 200, List.of(), (http) -> http.json(new Dto.Health("up", Map.of())));
        add("GET", V1 + "/health/ready", "readiness", "health",
            "Readiness: the database answers (503 when not); also reports the ledger session", null, null,
            Body.one(Dto.Health.class), 200, List.of(), this::ready);
        add("GET", V1 + "/metrics", "metrics", "health",
            "The API's counters in the Prometheus text format (the system's own exporter serves the Aeron " +
            "counters)", null, null, Body.text(), 200, List.of(), (http) ->
            {
                http.contentType("text/plain; version=0.0.4; charset=utf-8");
                http.result(metrics.exposition(server.dataSource().getHikariPoolMXBean()));
            });

        // Auth
        add("POST", V1 + "/auth/login", "login", "auth",
            "Log in: a short-lived access token (JWT, also accepted by the bridge) and a refresh token", null,
            Body.one(Dto.LoginRequest.class), Body.one(Dto.TokenResponse.class), 200, List.of(), this::login);
        add("POST", V1 + "/auth/refresh", "refresh", "auth",
            "Trade a refresh token for new tokens (the old one is revoked; reusing it revokes the whole login)",
            null, Body.one(Dto.RefreshRequest.class), Body.one(Dto.TokenResponse.class), 200, List.of(),
            (http) -> http.json(tokens(auth.refresh(server.body(http, Dto.RefreshRequest.class).refreshToken()))));
        add("POST", V1 + "/auth/logout", "logout", "auth", "Revoke a refresh token and every token of its login",
            null, Body.one(Dto.RefreshRequest.class), Body.none(), 204, List.of(), (http) ->
            {
                auth.logout(server.body(http, Dto.RefreshRequest.class).refreshToken());
                http.status(204);
            });
        add("GET", V1 + "/auth/me", "me", "auth", "The caller as the access token says", Role.VIEWER, null,
            Body.one(Dto.Me.class), 200, List.of(), (http) ->
            {
                final Principal principal = ApiServer.principal(http);
                http.json(new Dto.Me(principal.user(), roleNames(principal.roles()),
                    principal.expiresAt().toString()));
            });
        add("POST", V1 + "/auth/password", "changePassword", "auth",
            "Change one's own password (revokes one's refresh tokens)", Role.VIEWER,
            Body.one(Dto.PasswordChange.class), Body.none(), 204, List.of(), (http) ->
            {
                final Dto.PasswordChange change = server.body(http, Dto.PasswordChange.class);
                auth.changePassword(ApiServer.principal(http).user(), change.currentPassword(), change.newPassword());
                http.status(204);
            });

        // Admin
        add("GET", V1 + "/admin/users", "listUsers", "admin", "Users and their roles", Role.ADMIN, null,
            Body.list(Dto.User.class), 200, List.of(), (http) -> http.json(
                auth.users().stream().map(ApiRoutes::user).toList()));
        add("POST", V1 + "/admin/users", "createUser", "admin", "Create a user", Role.ADMIN,
            Body.one(Dto.UserCreate.class), Body.one(Dto.User.class), 201, List.of(), (http) ->
            {
                final Dto.UserCreate create = server.body(http, Dto.UserCreate.class);
                http.status(201).json(user(auth.createUser(create.username(), create.password(), create.roles())));
            });
        add("PATCH", V1 + "/admin/users/{username}", "updateUser", "admin",
            "Change a user's roles, password or disabled flag", Role.ADMIN, Body.one(Dto.UserUpdate.class),
            Body.one(Dto.User.class), 200, List.of(Param.pathText("username", "user name")), (http) ->
                http.json(user(auth.updateUser(http.pathParam("username"),
                server.body(http, Dto.UserUpdate.class)))));
        add("GET", V1 + "/admin/portfolios/{portfolioId}/access", "listPortfolioAccess", "admin",
            "Who may see and trade a portfolio (its owners and the users granted it; admins see every portfolio)",
            Role.ADMIN, null, Body.list(Dto.PortfolioGrant.class), 200, List.of(PORTFOLIO_PATH), (http) ->
                http.json(access.grants(portfolioId(http))));
        add("PUT", V1 + "/admin/portfolios/{portfolioId}/access/{username}", "grantPortfolio", "admin",
            "Let a user see and (with the trader role) trade a portfolio, as its owner or as granted",
            Role.ADMIN, Body.one(Dto.GrantRequest.class), Body.one(Dto.PortfolioGrant.class), 200,
            List.of(PORTFOLIO_PATH, Param.pathText("username", "user name")), (http) ->
            {
                final int portfolioId = portfolioId(http);
                final Dto.GrantRequest request = server.body(http, Dto.GrantRequest.class);
                final String relation = null == request.relation() ? "granted" : request.relation();
                if (!AccessRepository.RELATIONS.contains(relation))
                {
                    throw ApiException.badRequest("relation must be owner or granted; got '" +
                        Params.clip(relation) + "'");
                }
                http.json(access.grant(portfolioId, http.pathParam("username"), relation));
            });
        add("DELETE", V1 + "/admin/portfolios/{portfolioId}/access/{username}", "revokePortfolio", "admin",
            "Take a portfolio away from a user", Role.ADMIN, null, Body.none(), 204,
            List.of(PORTFOLIO_PATH, Param.pathText("username", "user name")), (http) ->
            {
                if (!access.revoke(portfolioId(http), http.pathParam("username")))
                {
                    throw ApiException.notFound("user '" + Params.clip(http.pathParam("username")) + "' has no " +
                        "access to portfolio " + portfolioId(http));
                }
                http.status(204);
            });

        // Portfolios
        add("GET", V1 + "/portfolios", "listPortfolios", "portfolios",
            "Portfolios with PnL totals: the caller's own and granted ones (an admin's: all)", Role.VIEWER,
            null, Body.list(Dto.PortfolioSummary.class), 200, List.of(), (http) ->
            {
                final Set<Integer> visible = visible(http);
                http.json(trading.portfolios().stream()
                    .filter((p) -> null == visible || visible.contains(p.portfolioId())).toList());
            });
        add("GET", V1 + "/portfolios/{portfolioId}", "getPortfolio", "portfolios",
            "A portfolio with balances, positions and PnL (served from the in-memory read model, at most " +
            "--read-model-staleness-ms old)", Role.VIEWER, null, Body.one(Dto.Portfolio.class), 200,
            List.of(PORTFOLIO_PATH), (http) ->
            {
                final int portfolioId = portfolioId(http);
                final byte[] json = canSee(http, portfolioId) ? readModel.portfolioJson(portfolioId) : null;
                if (null == json)
                {
                    throw noPortfolio(http);
                }
                http.contentType("application/json").result(json);
            });
        add("GET", V1 + "/portfolios/{portfolioId}/positions", "getPositions", "portfolios",
            "Positions of a portfolio", Role.VIEWER, null, Body.list(Dto.Position.class), 200,
            List.of(PORTFOLIO_PATH), (http) -> http.json(trading.positions(existingPortfolio(http))));
        add("GET", V1 + "/portfolios/{portfolioId}/balances", "getBalances", "portfolios",
            "Balances of a portfolio", Role.VIEWER, null, Body.list(Dto.Balance.class), 200,
            List.of(PORTFOLIO_PATH), (http) -> http.json(trading.balances(existingPortfolio(http))));
        add("GET", V1 + "/portfolios/{portfolioId}/pnl", "getPnlHistory", "portfolios",
            "PnL history of a portfolio, oldest first (default: the last 7 days)", Role.VIEWER, null,
            Body.list(Dto.PnlPoint.class), 200, List.of(PORTFOLIO_PATH, FROM, TO, LIMIT), (http) ->
            {
                final int portfolioId = existingPortfolio(http);
                final OffsetDateTime to = Params.time(http, "to", now());
                final OffsetDateTime from = Params.time(http, "from", to.minusDays(7));
                Params.checkRange(from, to);
                http.json(trading.pnlHistory(portfolioId, from, to, Params.limit(http)));
            });

        // Orders and fills
        add("GET", V1 + "/orders", "listOrders", "orders", "Orders, newest first, with filters and cursor pages",
            Role.VIEWER, null, Body.page(Dto.Order.class), 200, List.of(
                Param.query("portfolioId", "integer", "int32", "portfolio"),
                Param.query("status", "string", null, "accepted (open), partially_filled, filled or cancelled"),
                Param.query("instrumentId", "integer", "int32", "instrument"),
                Param.query("side", "string", null, "buy or sell"),
                FROM, TO, LIMIT, CURSOR), (http) -> http.json(trading.orders(new TradingRepository.OrderFilter(
                    visiblePortfolioFilter(http), visible(http),
                    Params.oneOf(http, "status", ORDER_STATUSES),
                    Params.optionalInt(http, "instrumentId", 0, 65_535),
                    Params.oneOf(http, "side", SIDES),
                    Params.time(http, "from", null),
                    Params.time(http, "to", null)),
                Params.Cursor.parse(http), Params.limit(http))));
        add("GET", V1 + "/orders/{orderId}", "getOrder", "orders", "One order", Role.VIEWER, null,
            Body.one(Dto.Order.class), 200, List.of(Param.path("orderId", "int64", "ledger order id")), (http) ->
            {
                final long orderId = Params.pathLong(http, "orderId");
                final Dto.Order order = trading.order(orderId);
                if (null == order || !canSee(http, order.portfolioId()))
                {
                    throw ApiException.notFound("no order " + orderId);
                }
                http.json(order);
            });
        add("POST", V1 + "/orders", "submitOrder", "orders",
            "Send an order to the ledger and wait for its answer (202: accepted, with the ledger's order id; 422: " +
            "rejected, with the reason; 503: the ledger is unreachable or did not answer in time)", Role.TRADER,
            Body.one(Dto.OrderRequest.class),
            Body.one(Dto.OrderSubmitted.class), 202, List.of(), this::submitOrder);
        add("DELETE", V1 + "/orders/{orderId}", "cancelOrder", "orders",
            "Ask the ledger to cancel an open order and wait for its answer (202: cancelled; 422: refused; 503: " +
            "the ledger is unreachable or did not answer in time)", Role.TRADER, null,
            Body.one(Dto.OrderSubmitted.class), 202, List.of(Param.path("orderId", "int64", "ledger order id")),
            this::cancelOrder);
        add("GET", V1 + "/fills", "listFills", "orders", "Fills, newest first, with filters and cursor pages",
            Role.VIEWER, null, Body.page(Dto.Fill.class), 200, List.of(
                Param.query("portfolioId", "integer", "int32", "portfolio"),
                Param.query("orderId", "integer", "int64", "order"),
                Param.query("instrumentId", "integer", "int32", "instrument"),
                FROM, TO, LIMIT, CURSOR), (http) -> http.json(trading.fills(new TradingRepository.FillFilter(
                    visiblePortfolioFilter(http), visible(http),
                    Params.optionalLong(http, "orderId"),
                    Params.optionalInt(http, "instrumentId", 0, 65_535),
                    Params.time(http, "from", null),
                    Params.time(http, "to", null)),
                Params.Cursor.parse(http), Params.limit(http))));

        // Market data
        add("GET", V1 + "/instruments", "listInstruments", "market", "Instruments with their scales", Role.VIEWER,
            null, Body.list(Dto.Instrument.class), 200,
            List.of(Param.query("exchange", "string", null, "kraken, coinbase or binance")), (http) ->
                http.json(market.instruments(Params.exchange("exchange", Params.text(http, "exchange"), false))));
        add("GET", V1 + "/trades", "listTrades", "market",
            "Trades of an instrument in a time range, oldest first (default: the last hour), cursor pages",
            Role.VIEWER, null, Body.page(Dto.Trade.class), 200, List.of(EXCHANGE, INSTRUMENT, FROM, TO, LIMIT,
            CURSOR), (http) ->
            {
                final String exchange = Params.exchange("exchange", Params.text(http, "exchange"), true);
                final int instrumentId = Params.requiredInt(http, "instrumentId", 0, 65_535);
                final OffsetDateTime to = Params.time(http, "to", now());
                final OffsetDateTime from = Params.time(http, "from", to.minusHours(1));
                Params.checkRange(from, to);
                http.json(market.trades(exchange, instrumentId, from, to, Params.Cursor.parse(http),
                    Params.limit(http)));
            });
        add("GET", V1 + "/candles", "listCandles", "market",
            "OHLCV candles of an instrument at any interval (from the 1m and 1h rollups), oldest first",
            Role.VIEWER, null, Body.one(Dto.CandleSeries.class), 200, List.of(EXCHANGE, INSTRUMENT,
            Param.query("interval", "string", null, "<n>m, <n>h, <n>d or <n>w, e.g. 1m, 5m, 1h, 1d; default 1m"),
            Param.query("from", "string", "date-time", "start, rounded down to its bucket; default 300 " +
                "intervals before 'to'"), TO), this::candles);
        add("GET", V1 + "/top-of-book", "listTopOfBook", "market",
            "Latest best bid and offer per instrument (seen in the last day)", Role.VIEWER, null,
            Body.list(Dto.TopOfBook.class), 200, List.of(
                Param.query("exchange", "string", null, "kraken, coinbase or binance"),
                Param.query("instrumentId", "integer", "int32", "instrument")), (http) -> http.json(
                market.topOfBook(Params.exchange("exchange", Params.text(http, "exchange"), false),
                    Params.optionalInt(http, "instrumentId", 0, 65_535), now().minusDays(1))));

        // Feeds
        add("GET", V1 + "/feeds", "listFeeds", "feeds",
            "Feed status per exchange: last event, gaps in the last hour, seconds since the last stored trade " +
            "(null when none in 5 minutes: stale)", Role.VIEWER, null, Body.list(Dto.FeedStatus.class), 200,
            List.of(), (http) -> http.json(market.feedStatus(now())));
        add("GET", V1 + "/feeds/gaps", "listGaps", "feeds",
            "Gap history: gaps, resyncs, checksum failures, stale channels, disconnections; newest first " +
            "(default: the last day)", Role.VIEWER, null, Body.list(Dto.FeedEvent.class), 200, List.of(
                Param.query("exchange", "string", null, "kraken, coinbase or binance"), FROM, TO, LIMIT), (http) ->
            {
                final OffsetDateTime to = Params.time(http, "to", now());
                final OffsetDateTime from = Params.time(http, "from", to.minusDays(1));
                Params.checkRange(from, to);
                http.json(market.gaps(Params.exchange("exchange", Params.text(http, "exchange"), false), from, to,
                    Params.limit(http)));
            });
    }

    private void openApi(final Context http) throws JsonProcessingException
    {
        String json = openApiJson;
        if (null == json)
        {
            json = server.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(OpenApi.document(routes));
            openApiJson = json;
        }
        http.contentType("application/json");
        http.result(json);
    }

    private void ready(final Context http)
    {
        final Map<String, String> checks = new LinkedHashMap<>();
        final String database = server.databaseProblem();
        checks.put("database", null == database ? "up" : "down: " + database);
        checks.put("ledger", ledger.isConnected() ? "connected" : "not connected (connects on the first order)");
        checks.put("bridge", null == ctx.bridgeUrl() ? "not configured" : ctx.bridgeUrl());
        http.status(null == database ? 200 : 503).json(new Dto.Health(null == database ? "up" : "down", checks));
    }

    private void login(final Context http)
    {
        final Dto.LoginRequest request = server.body(http, Dto.LoginRequest.class);
        try
        {
            final AuthService.Tokens tokens = auth.login(request.username(), request.password(), http.ip());
            metrics.loginsSucceeded.increment();
            http.json(tokens(tokens));
        }
        catch (final ApiException ex)
        {
            if (429 == ex.status())
            {
                metrics.loginsThrottled.increment();
            }
            else if (401 == ex.status())
            {
                metrics.loginsFailed.increment();
            }
            throw ex;
        }
    }

    private void candles(final Context http)
    {
        final String exchange = Params.exchange("exchange", Params.text(http, "exchange"), true);
        final int instrumentId = Params.requiredInt(http, "instrumentId", 0, 65_535);
        final String intervalText = Params.text(http, "interval");
        final MarketRepository.Interval interval = MarketRepository.Interval.parse(
            null == intervalText ? "1m" : intervalText);
        final OffsetDateTime to = Params.time(http, "to", now());
        final OffsetDateTime from = Params.time(http, "from", to.minusSeconds(interval.seconds() * 300));
        Params.checkRange(from, to);
        final long buckets = Duration.between(from, to).toSeconds() / interval.seconds();
        if (buckets > MarketRepository.MAX_CANDLES)
        {
            throw ApiException.badRequest("the range holds " + buckets + " " + interval.text() + " candles; at most " +
                MarketRepository.MAX_CANDLES + " per request: narrow from/to or use a longer interval");
        }
        http.json(market.candles(exchange, instrumentId, interval, from, to));
    }

    private void submitOrder(final Context http)
    {
        final Dto.OrderRequest request = server.body(http, Dto.OrderRequest.class);
        if (null == request.portfolioId() || request.portfolioId() < 0)
        {
            throw ApiException.badRequest("portfolioId is required (see GET /api/v1/portfolios)");
        }
        if (!canSee(http, request.portfolioId()))
        {
            throw ApiException.forbidden("you may not trade portfolio " + request.portfolioId() + ": it is not " +
                "yours and was not granted to you (GET /api/v1/portfolios lists yours); ask an admin");
        }
        final String exchange = Params.exchange("exchange", request.exchange(), true);
        if (null == request.instrumentId() || request.instrumentId() < 0 || request.instrumentId() > 65_535)
        {
            throw ApiException.badRequest("instrumentId is required: 0-65535 (see GET /api/v1/instruments)");
        }
        final Side side = switch (null == request.side() ? "" : request.side())
        {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw ApiException.badRequest("side must be buy or sell");
        };
        final OrderType type = switch (null == request.type() ? "limit" : request.type())
        {
            case "limit" -> OrderType.LIMIT;
            case "market" -> OrderType.MARKET;
            default -> throw ApiException.badRequest("type must be limit or market");
        };
        final TimeInForce timeInForce = switch (null == request.timeInForce() ? "gtc" : request.timeInForce())
        {
            case "gtc" -> TimeInForce.GTC;
            case "ioc" -> TimeInForce.IOC;
            default -> throw ApiException.badRequest("timeInForce must be gtc or ioc");
        };
        final Dto.Instrument instrument = market.instrument(exchange, request.instrumentId());
        if (null == instrument)
        {
            throw ApiException.badRequest("no instrument " + request.instrumentId() + " on " +
                exchange.toLowerCase(java.util.Locale.ROOT) + " (see GET /api/v1/instruments)");
        }
        final long quantity = mantissa("quantity", request.quantity(), instrument.quantityScale());
        final long price;
        if (OrderType.LIMIT == type)
        {
            price = mantissa("price", request.price(), instrument.priceScale());
        }
        else
        {
            if (null != request.price())
            {
                throw ApiException.badRequest("a market order takes no price");
            }
            price = 0;
        }
        if (!trading.portfolioExists(request.portfolioId()))
        {
            throw ApiException.badRequest("no portfolio " + request.portfolioId() + " (see GET /api/v1/portfolios)");
        }
        final long clientOrderId = ledger.nextClientOrderId();
        final LedgerGateway.Outcome outcome;
        try
        {
            outcome = ledger.newOrder(clientOrderId, request.portfolioId(), ApiConfiguration.API_STRATEGY_ID,
                request.instrumentId(), side, type, timeInForce, price, quantity);
        }
        catch (final ApiException ex)
        {
            metrics.ledgerUnavailable.increment();
            throw ex;
        }
        metrics.ordersSent.increment();
        if (!outcome.accepted())
        {
            throw rejected("order-rejected", "Order rejected", "the ledger rejected client order " + clientOrderId,
                outcome);
        }
        http.status(202).json(new Dto.OrderSubmitted(outcome.orderId(), clientOrderId, request.portfolioId(),
            ApiConfiguration.API_STRATEGY_ID, "accepted", "the ledger booked it as order " + outcome.orderId() +
            "; it appears in GET /api/v1/orders?portfolioId=" + request.portfolioId() + " once projected"));
    }

    private void cancelOrder(final Context http)
    {
        final long orderId = Params.pathLong(http, "orderId");
        final Record5<Long, Integer, Integer, String, Integer> key = trading.orderKey(orderId);
        if (null == key || !canSee(http, key.value2()))
        {
            throw ApiException.notFound("no order " + orderId);
        }
        if (!"ACCEPTED".equals(key.value4()) && !"PARTIALLY_FILLED".equals(key.value4()))
        {
            throw ApiException.conflict("order " + orderId + " is " + key.value4().toLowerCase(java.util.Locale.ROOT) +
                ": only open orders can be cancelled");
        }
        final LedgerGateway.Outcome outcome;
        try
        {
            outcome = ledger.cancelOrder(key.value1(), key.value2(), key.value3());
        }
        catch (final ApiException ex)
        {
            metrics.ledgerUnavailable.increment();
            throw ex;
        }
        metrics.ordersSent.increment();
        if (!outcome.accepted())
        {
            throw rejected("cancel-rejected", "Cancel rejected", "the ledger refused to cancel order " + orderId,
                outcome);
        }
        http.status(202).json(new Dto.OrderSubmitted(orderId, key.value1(), key.value2(), key.value3(), "cancelled",
            "the ledger cancelled it; the order shows cancelled once projected"));
    }

    private static ApiException rejected(
        final String type, final String title, final String what, final LedgerGateway.Outcome outcome)
    {
        final String detail = null == outcome.detail() || outcome.detail().isBlank() ? "" :
            " (" + Params.clip(outcome.detail()) + ")";
        return new ApiException(422, type, title, what + ": " + outcome.reason() + detail, Map.of());
    }

    static long mantissa(final String name, final String value, final int scale)
    {
        if (null == value || !DECIMAL.matcher(value).matches())
        {
            throw ApiException.badRequest(name + " must be a positive decimal string such as \"0.25\"; got '" +
                Params.clip(value) + "'");
        }
        final BigDecimal decimal = new BigDecimal(value);
        if (decimal.signum() <= 0)
        {
            throw ApiException.badRequest(name + " must be above zero");
        }
        try
        {
            return decimal.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw ApiException.badRequest(name + " " + value + " has more than " + scale + " decimal places (the " +
                "instrument's scale) or is too large");
        }
    }

    private int portfolioId(final Context http)
    {
        return Params.pathInt(http, "portfolioId", 0, Integer.MAX_VALUE);
    }

    /**
     * Whether the caller may see (and, with the trader role, trade) a portfolio: an admin any, others their own and
     * granted ones.
     */
    private boolean canSee(final Context http, final int portfolioId)
    {
        final Principal principal = ApiServer.principal(http);
        return principal.hasRole(Role.ADMIN) ||
            readModel.visiblePortfolios(principal.user()).contains(portfolioId);
    }

    /**
     * The portfolios the caller may see, or null for all (an admin).
     */
    private Set<Integer> visible(final Context http)
    {
        final Principal principal = ApiServer.principal(http);
        return principal.hasRole(Role.ADMIN) ? null : readModel.visiblePortfolios(principal.user());
    }

    /**
     * The portfolioId filter of a list: one the caller may see, else 404 as for the portfolio itself.
     */
    private Integer visiblePortfolioFilter(final Context http)
    {
        final Integer portfolioId = Params.optionalInt(http, "portfolioId", 0, Integer.MAX_VALUE);
        if (null != portfolioId && !canSee(http, portfolioId))
        {
            throw ApiException.notFound("no portfolio " + portfolioId + " (see GET /api/v1/portfolios)");
        }
        return portfolioId;
    }

    private int existingPortfolio(final Context http)
    {
        final int portfolioId = portfolioId(http);
        if (!canSee(http, portfolioId) || !trading.portfolioExists(portfolioId))
        {
            throw noPortfolio(http);
        }
        return portfolioId;
    }

    private ApiException noPortfolio(final Context http)
    {
        return ApiException.notFound("no portfolio " + Params.clip(http.pathParam("portfolioId")) +
            " (see GET /api/v1/portfolios)");
    }

    private Dto.TokenResponse tokens(final AuthService.Tokens tokens)
    {
        return new Dto.TokenResponse(tokens.accessToken(), "Bearer", ctx.accessTokenTtl().toSeconds(),
            tokens.refreshToken(), Params.time(tokens.refreshExpiresAt()), tokens.username(),
            roleNames(tokens.roles()));
    }

    private static Dto.User user(final UserRepository.UserRow row)
    {
        return new Dto.User(row.username(), roleNames(row.roles()), row.disabled(), Params.time(row.createdAt()));
    }

    private static List<String> roleNames(final Set<Role> roles)
    {
        return roles.stream().map(Role::claimValue).sorted().toList();
    }

    private OffsetDateTime now()
    {
        return OffsetDateTime.now(ctx.clock()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    DSLContext dsl()
    {
        return dsl;
    }
}
