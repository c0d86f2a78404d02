/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.api;

import com.zaxxer.hikari.HikariPoolMXBean;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API's own counters in the Prometheus text exposition format (GET /api/v1/metrics): requests by status, logins
 * by outcome, orders sent, and the database pool. Scraped by Prometheus next to the system's exporter.
 */
final class ApiMetrics
{
    final LongAdder loginsSucceeded = new LongAdder();
    final LongAdder loginsFailed = new LongAdder();
    final LongAdder loginsThrottled = new LongAdder();
    final LongAdder ordersSent = new LongAdder();
    final LongAdder ledgerUnavailable = new LongAdder();
    final LongAdder readModelMisses = new LongAdder();
    final LongAdder readModelBypassed = new LongAdder();
    final LongAdder readModelNotifications = new LongAdder();
    final LongAdder readModelReconnects = new LongAdder();
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    void response(final int status)
    {
        responses.computeIfAbsent(status, (s) -> new LongAdder()).increment();
    }

    String exposition(final HikariPoolMXBean pool)
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append("# HELP alphapulse_api_responses_total HTTP responses by status.\n")
            .append("# TYPE alphapulse_api_responses_total counter\n");
        for (final Map.Entry<Integer, LongAdder> entry : new TreeMap<>(responses).entrySet())
        {
            out.append("alphapulse_api_responses_total{status=\"").append(entry.getKey()).append("\"} ")
                .append(entry.getValue().sum()).append('\n');
        }
        counter(out, "alphapulse_api_logins_total{outcome=\"success\"}", "Logins by outcome.",
            loginsSucceeded.sum(), true);
        counter(out, "alphapulse_api_logins_total{outcome=\"failure\"}", null, loginsFailed.sum(), false);
        counter(out, "alphapulse_api_logins_total{outcome=\"throttled\"}", null, loginsThrottled.sum(), false);
        counter(out, "alphapulse_api_orders_sent_total", "Orders and cancels handed to the ledger.",
            ordersSent.sum(), true);
        counter(out, "alphapulse_api_ledger_unavailable_total", "Orders refused because the ledger was unreachable.",
            ledgerUnavailable.sum(), true);
        counter(out, "alphapulse_api_read_model_misses_total",
            "Portfolio reads the in-memory read model had to load from the database.", readModelMisses.sum(), true);
        counter(out, "alphapulse_api_read_model_bypassed_total",
            "Portfolio reads served from the database because the read model was not fresh (listener late or " +
            "reconnecting).", readModelBypassed.sum(), true);
        counter(out, "alphapulse_api_read_model_notifications_total",
            "Change notifications (LISTEN/NOTIFY) applied to the read model.", readModelNotifications.sum(), true);
        counter(out, "alphapulse_api_read_model_reconnects_total",
            "Times the read model's listening connection was lost and reopened.", readModelReconnects.sum(), true);
        if (null != pool)
        {
            out.append("# HELP alphapulse_api_db_connections Database pool connections by state.\n")
                .append("# TYPE alphapulse_api_db_connections gauge\n")
                .append("alphapulse_api_db_connections{state=\"active\"} ").append(pool.getActiveConnections())
                .append('\n')
                .append("alphapulse_api_db_connections{state=\"idle\"} ").append(pool.getIdleConnections())
                .append('\n')
                .append("alphapulse_api_db_connections{state=\"waiting\"} ")
                .append(pool.getThreadsAwaitingConnection()).append('\n');
        }
        return out.toString();
    }

    private static void counter(
        final StringBuilder out, final String series, final String help, final long value, final boolean header)
    {
        final String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        if (header)
        {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        }
        out.append(series).append(' ').append(value).append('\n');
    }
}
