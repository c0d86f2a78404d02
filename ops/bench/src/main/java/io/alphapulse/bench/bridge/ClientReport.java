/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bench.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * What the child JVM's WebSocket clients hand back to the bridge stage when told to stop: one line of JSON on
 * stdout with the counts per client and the latency histogram of the measured run (HdrHistogram, ns, compressed and
 * base64-encoded), as {@code HttpLoad} does for the API stage.
 *
 * @param messages  JSON messages received, per client.
 * @param trades    trades received, per client.
 * @param histogram ingest-to-client latency (ns) of every trade stamped at or after the recording start, all clients.
 * @param negative  samples whose receive time was before their stamp (recorded as 0; a clock mismatch would show
 *                  here).
 * @param closes    closes by the server or failed connections, as text ({@code ""} when none).
 * @param jvm       the child JVM's collections and allocation during the measured run.
 * @param threads   live Java threads in the child JVM at the end (the clients use one).
 */
record ClientReport(
    long[] messages, long[] trades, Histogram histogram, long negative, String closes, String jvm, int threads)
{
    /**
     * One line of JSON.
     *
     * @return the line, without a line separator.
     */
    String toJson()
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        final com.fasterxml.jackson.databind.node.ObjectNode json = mapper.createObjectNode();
        json.putPOJO("messages", messages);
        json.putPOJO("trades", trades);
        json.put("negative", negative);
        json.put("closes", closes);
        json.put("jvm", jvm);
        json.put("threads", threads);
        json.put("histogram", Base64.getEncoder().encodeToString(bytes));
        try
        {
            return mapper.writeValueAsString(json);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Read the line {@link #toJson()} wrote.
     *
     * @param line the JSON.
     * @return the report.
     * @throws IOException when it is not a report.
     */
    static ClientReport fromJson(final String line) throws IOException
    {
        final JsonNode json = new ObjectMapper().readTree(line);
        if (null == json || !json.has("histogram") || !json.has("trades") || !json.has("messages"))
        {
            throw new IOException("not a client report: " + line);
        }
        final Histogram histogram;
        try
        {
            histogram = Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode(json.get("histogram").asText())), 0);
        }
        catch (final DataFormatException | RuntimeException ex)
        {
            throw new IOException("bad histogram in the client report", ex);
        }
        return new ClientReport(longs(json.get("messages")), longs(json.get("trades")), histogram,
            json.path("negative").asLong(), json.path("closes").asText(""), json.path("jvm").asText(""),
            json.path("threads").asInt());
    }

    /**
     * Trades all clients received.
     *
     * @return sum.
     */
    long totalTrades()
    {
        long total = 0;
        for (final long t : trades)
        {
            total += t;
        }
        return total;
    }

    private static long[] longs(final JsonNode array)
    {
        final long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
