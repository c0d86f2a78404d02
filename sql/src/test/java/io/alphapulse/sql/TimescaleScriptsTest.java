/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.sql;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TimescaleDB path's scripts are NOT EXECUTED here: TimescaleDB cannot be installed on the build machines, so CI
 * runs the plain path ({@code MigrationsIT}). This test checks what can be checked without the extension: both
 * paths ship the same versions, the TimescaleDB scripts carry the documented policies, the continuous-aggregate
 * script runs outside a transaction, and both paths define the same tables, views and functions the rest of the
 * system uses.
 */
class TimescaleScriptsTest
{
    @Test
    void shouldShipTheTimescalePathWithTheDocumentedPolicies() throws IOException
    {
        final String tables = resource("db/migration/timescale/V1_2__market_data_timescale.sql");
        for (final String table : MarketDataMaintenance.RAW_TABLES)
        {
            assertTrue(tables.contains("create_hypertable('" + table + "', by_range('time', interval '1 day'))"),
                table);
            assertTrue(tables.contains("add_retention_policy('" + table + "', interval '${raw_retention_days} days')"),
                table);
        }
        assertTrue(tables.contains("timescaledb.compress_segmentby = 'exchange, instrument_id'"));
        assertTrue(tables.contains("add_compression_policy('trades'"));

        final String candles = resource("db/migration/timescale/V1_3__candles_timescale.sql");
        assertTrue(candles.contains("candles_1m_agg with (timescaledb.continuous)"));
        assertTrue(candles.contains("candles_1h_agg with (timescaledb.continuous)"));
        assertEquals("executeInTransaction=false",
            resource("db/migration/timescale/V1_3__candles_timescale.sql.conf").trim());
    }

    @Test
    void shouldDefineTheSameObjectsOnBothPaths() throws IOException
    {
        final String plain = resource("db/migration/plain/V1_2__market_data_plain.sql") +
            resource("db/migration/plain/V1_3__candles_plain.sql");
        final String timescale = resource("db/migration/timescale/V1_2__market_data_timescale.sql") +
            resource("db/migration/timescale/V1_3__candles_timescale.sql");
        for (final String object : new String[]{
            "create table trades", "create table top_of_book", "create table book_snapshots", "create table feed_events",
            "create function trades_written(", "create function refresh_candles(",
            "create function set_raw_retention_days(", "create view candles_1m", "create view candles_1h"})
        {
            assertTrue(plain.contains(object), "plain: " + object);
            assertTrue(timescale.contains(object), "timescale: " + object);
        }
        assertTrue(plain.contains("create table candles"));
        assertTrue(timescale.contains("create view candles"));
        assertEquals(columns(plain, "trades"), columns(timescale, "trades"));
        assertEquals(columns(plain, "top_of_book"), columns(timescale, "top_of_book"));
        assertEquals(columns(plain, "book_snapshots"), columns(timescale, "book_snapshots"));
        assertEquals(columns(plain, "feed_events"), columns(timescale, "feed_events"));
        assertTrue(!plain.contains("double precision") && !timescale.contains("double precision") &&
            !plain.contains(" real") && !timescale.contains(" real"), "prices and quantities are exact");
    }

    private static String columns(final String script, final String table)
    {
        final Matcher matcher = Pattern.compile("create table " + table + "\\s*\\((.*?)\\n\\)", Pattern.DOTALL)
            .matcher(script);
        assertTrue(matcher.find(), table);
        return matcher.group(1).replaceAll("\\s+", " ").trim();
    }

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = TimescaleScriptsTest.class.getClassLoader().getResourceAsStream(name))
        {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
