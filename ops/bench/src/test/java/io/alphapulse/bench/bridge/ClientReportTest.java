/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the child JVM's clients hand back survives the trip through one line of JSON (histogram, counts, notes), and
 * the byte scan of the bridge's JSON finds every message, trade stamp and acknowledgement.
 */
class ClientReportTest
{
    @Test
    void shouldHandBackTheHistogramAndCountsThroughOneJsonLine() throws IOException
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (long v = 1; v <= 100_000; v++)
        {
            histogram.recordValue(v * 997);
        }
        histogram.recordValue(TimeUnit.SECONDS.toNanos(42));
        final ClientReport report = new ClientReport(new long[]{5, 6, 7}, new long[]{1, 2, 3}, histogram, 4,
            "client 2: closed by the server: 1008 \"slow\"", "PS Scavenge 0 (0 ms)", 9);

        final String line = report.toJson();
        final ClientReport back = ClientReport.fromJson(line);

        assertEquals(-1, line.indexOf('\n'));
        assertEquals(histogram, back.histogram());
        assertEquals(histogram.getValueAtPercentile(99), back.histogram().getValueAtPercentile(99));
        assertEquals(histogram.getMaxValue(), back.histogram().getMaxValue());
        assertArrayEquals(new long[]{5, 6, 7}, back.messages());
        assertArrayEquals(new long[]{1, 2, 3}, back.trades());
        assertEquals(6, back.totalTrades());
        assertEquals(4, back.negative());
        assertEquals(report.closes(), back.closes());
        assertEquals(report.jvm(), back.jvm());
        assertEquals(9, back.threads());
    }

    @Test
    void shouldRejectALineThatIsNotAReport()
    {
        assertThrows(IOException.class, () -> ClientReport.fromJson("Exception in thread \"main\" ..."));
        assertThrows(IOException.class, () -> ClientReport.fromJson(
            "{\"messages\":[],\"trades\":[],\"histogram\":\"AAAA\"}"));
    }

    @Test
    void shouldFindEveryMessageTradeStampAndAckInABatch()
    {
        final String text = "[{\"type\":\"ack\",\"op\":\"subscribe\",\"channel\":\"trades\"}," +
            "{\"type\":\"snapshot\",\"channel\":\"trades\",\"items\":[{\"type\":\"trade\",\"price\":\"1.5\"," +
            "\"tradeId\":123456789012,\"sequence\":1}]}," +
            "{\"type\":\"book\",\"bids\":[[\"1.0\",\"2\"]]}," +
            "{\"type\":\"trade\",\"exchange\":\"kraken\",\"tradeId\":987,\"sequence\":2}," +
            "{\"type\":\"trade\",\"tradeId\":null,\"sequence\":3}]";
        final byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        final List<String> seen = new ArrayList<>();

        WebSocketClients.scan(bytes, 2, bytes.length - 4, new WebSocketClients.Sink()
        {
            public void onMessage()
            {
                seen.add("message");
            }

            public void onTrade(final long stampNs)
            {
                seen.add("trade " + stampNs);
            }

            public void onAck()
            {
                seen.add("ack");
            }
        });

        assertEquals(List.of("ack", "message", "trade 123456789012", "message", "trade 987",
            "trade " + Long.MIN_VALUE), seen);
    }
}
