/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.backtest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report of a backtest: the figures, the equity curve as inline SVG (no script, nothing
 * fetched), and the fills. The chart's coordinates are the only place a double appears, for drawing.
 */
public final class HtmlReport
{
    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int MAX_FILL_ROWS = 1_000;

    private HtmlReport()
    {
    }

    /**
     * Write the report.
     *
     * @param file   destination; parent directories are created.
     * @param result the result.
     * @param source where the events came from.
     * @param runId  database run id, or 0.
     * @throws IOException when it cannot be written.
     */
    public static void write(final Path file, final BacktestResult result, final String source, final long runId)
        throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        final StringBuilder html = new StringBuilder(16 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest ")
            .append(escape(result.strategy())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}")
            .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}")
            .append("th{background:#f4f4f4}</style></head><body>\n");
        html.append("<h1>Backtest: ").append(escape(result.strategy())).append("</h1>\n<table>\n");
        row(html, "parameters", escape(result.params()));
        row(html, "source", escape(source));
        row(html, "run id", 0 == runId ? "(not stored)" : Long.toString(runId));
        row(html, "events", String.format(Locale.ROOT, "%,d", result.events()));
        row(html, "period", 0 == result.firstEventNs() ? "-" :
            Instant.ofEpochSecond(0, result.firstEventNs()) + " to " + Instant.ofEpochSecond(0, result.lastEventNs()));
        row(html, "orders", Integer.toString(result.orders().size()));
        row(html, "fills", Integer.toString(result.fills().size()));
        row(html, "initial cash", BacktestEngine.plain(result.initialCash()));
        row(html, "PnL (after fees)", BacktestEngine.plain(result.pnl()));
        row(html, "fees", BacktestEngine.plain(result.fees()));
        row(html, "turnover", BacktestEngine.plain(result.turnover()));
        row(html, "max drawdown", BacktestEngine.plain(result.maxDrawdown()));
        row(html, "Sharpe (annualised)", Double.isNaN(result.sharpe()) ? "n/a" :
            String.format(Locale.ROOT, "%.3f", result.sharpe()));
        row(html, "result hash", "<code>" + result.hash() + "</code>");
        html.append("</table>\n<h2>Equity</h2>\n");
        chart(html, result.equity());
        html.append("<p>Paper fills: marketable orders take the best opposite quote (up to its displayed size); ")
            .append("resting orders fill at their limit when a quote or trade crosses them; no latency, no queue ")
            .append("position.</p>\n<h2>Fills</h2>\n<table><tr><th>time</th><th>order</th><th>instrument</th>")
            .append("<th>side</th><th>price</th><th>quantity</th><th>fee</th><th>liquidity</th></tr>\n");
        final List<BacktestResult.FillRecord> fills = result.fills();
        for (int i = 0; i < Math.min(fills.size(), MAX_FILL_ROWS); i++)
        {
            final BacktestResult.FillRecord f = fills.get(i);
            html.append("<tr><td>").append(Instant.ofEpochSecond(0, f.timeNs())).append("</td><td>")
                .append(f.clientOrderId()).append("</td><td>").append(f.instrumentId()).append("</td><td>")
                .append(f.side()).append("</td><td>").append(BacktestEngine.plain(f.price())).append("</td><td>")
                .append(BacktestEngine.plain(f.quantity())).append("</td><td>").append(BacktestEngine.plain(f.fee()))
                .append("</td><td>").append(f.liquidity()).append("</td></tr>\n");
        }
        html.append("</table>\n");
        if (fills.size() > MAX_FILL_ROWS)
        {
            html.append("<p>").append(fills.size() - MAX_FILL_ROWS)
                .append(" more fills: see backtest_fills in the database.</p>\n");
        }
        html.append("</body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static void chart(final StringBuilder html, final List<BacktestResult.EquityPoint> curve)
    {
        if (curve.size() < 2)
        {
            html.append("<p>Not enough points for a chart.</p>\n");
            return;
        }
        BigDecimal min = curve.get(0).equity();
        BigDecimal max = min;
        for (final BacktestResult.EquityPoint p : curve)
        {
            min = p.equity().min(min);
            max = p.equity().max(max);
        }
        final double low = min.doubleValue();
        final double span = Math.max(max.subtract(min).doubleValue(), 1e-9);
        final long t0 = curve.get(0).timeNs();
        final double tSpan = Math.max(1, curve.get(curve.size() - 1).timeNs() - t0);
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH + 120).append("\" height=\"")
            .append(HEIGHT + 40).append("\" role=\"img\" aria-label=\"equity curve\">\n")
            .append("<rect x=\"100\" y=\"10\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" fill=\"none\" stroke=\"#ccc\"/>\n")
            .append("<text x=\"95\" y=\"20\" text-anchor=\"end\" font-size=\"11\">")
            .append(BacktestEngine.plain(max)).append("</text>\n")
            .append("<text x=\"95\" y=\"").append(HEIGHT + 10).append("\" text-anchor=\"end\" font-size=\"11\">")
            .append(BacktestEngine.plain(min)).append("</text>\n<polyline fill=\"none\" stroke=\"#1f6feb\" ")
            .append("stroke-width=\"1.5\" points=\"");
        final int step = Math.max(1, curve.size() / 2_000);
        for (int i = 0; i < curve.size(); i += step)
        {
            final BacktestResult.EquityPoint p = curve.get(i);
            final double x = 100 + WIDTH * ((p.timeNs() - t0) / tSpan);
            final double y = 10 + HEIGHT * (1 - (p.equity().doubleValue() - low) / span);
            html.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        html.append("\"/>\n</svg>\n");
    }

    private static void row(final StringBuilder html, final String name, final String value)
    {
        html.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
