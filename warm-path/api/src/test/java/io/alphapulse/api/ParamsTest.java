/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import io.alphapulse.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input validation that needs no server: intervals, exact decimals at an instrument's scale, cursors, and the
 * OpenAPI document's schemas.
 */
class ParamsTest
{
    @Test
    void intervalsShouldParseToSecondsAndPickTheirRollup()
    {
        assertEquals(300, MarketRepository.Interval.parse("5m").seconds());
        assertEquals(14_400, MarketRepository.Interval.parse("4H").seconds());
        assertEquals(604_800, MarketRepository.Interval.parse("1w").seconds());
        assertTrue(MarketRepository.Interval.parse("2h").fromHours());
        assertTrue(!MarketRepository.Interval.parse("90m").fromHours());
        assertTrue(MarketRepository.Interval.parse("120m").fromHours());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0m", "5", "m", "1s", "-1m", "1.5h", "99999m", "1m; drop table trades"})
    void badIntervalsShouldBeRefused(final String interval)
    {
        final ApiException ex = assertThrows(ApiException.class, () -> MarketRepository.Interval.parse(interval));
        assertEquals(400, ex.status());
    }

    @Test
    void decimalsShouldConvertExactlyOrBeRefused()
    {
        assertEquals(1234567, ApiRoutes.mantissa("price", "12345.67", 2));
        assertEquals(1234500, ApiRoutes.mantissa("price", "12345", 2));
        assertEquals(5, ApiRoutes.mantissa("quantity", "0.00000005", 8));
        assertEquals(400, assertThrows(ApiException.class, () -> ApiRoutes.mantissa("price", "1.005", 2)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> ApiRoutes.mantissa("price", "0", 2)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> ApiRoutes.mantissa("price", "-1", 2)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> ApiRoutes.mantissa("price", "1e3", 2)).status());
        assertEquals(400, assertThrows(ApiException.class,
            () -> ApiRoutes.mantissa("price", "99999999999999999999", 2)).status());
    }

    @Test
    void cursorsShouldRoundTripToTheMicrosecond()
    {
        final OffsetDateTime time = OffsetDateTime.parse("2026-03-01T10:00:00.123456Z");
        final Params.Cursor cursor = Params.Cursor.of(time, 42, 7);
        final String encoded = cursor.encode();
        final Params.Cursor decoded = Params.Cursor.parse(new FakeQuery(encoded).context());
        assertEquals(cursor, decoded);
        assertEquals(time.toInstant(), decoded.time().toInstant());
        assertEquals(400, assertThrows(ApiException.class,
            () -> Params.Cursor.parse(new FakeQuery("' OR 1=1 --").context())).status());
    }

    @Test
    void documentShouldDescribeBodiesFromTheRecords()
    {
        final List<Route> routes = List.of(new Route("GET", "/api/v1/portfolios/{portfolioId}", "getPortfolio", "x",
            "summary", Role.VIEWER, null, Route.Body.one(Dto.Portfolio.class), 200,
            List.of(Route.Param.path("portfolioId", "int32", "id")), (ctx) -> { }));
        final Map<String, Object> document = OpenApi.document(routes);
        @SuppressWarnings("unchecked")
        final Map<String, Object> schemas = (Map<String, Object>)((Map<String, Object>)document.get("components"))
            .get("schemas");
        assertTrue(schemas.containsKey("Portfolio"));
        assertTrue(schemas.containsKey("Position"), "nested records are described too");
        assertTrue(schemas.containsKey("Balance"));
        assertTrue(schemas.containsKey("Problem"));
        assertTrue(document.get("paths").toString().contains("x-required-role=viewer"));
    }

    /**
     * Just enough of a Javalin context to hold one query parameter.
     */
    private record FakeQuery(String cursor)
    {
        io.javalin.http.Context context()
        {
            return (io.javalin.http.Context)java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{io.javalin.http.Context.class}, (proxy, method, args) ->
                {
                    if ("queryParam".equals(method.getName()))
                    {
                        return "cursor".equals(args[0]) ? cursor : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        }
    }
}
