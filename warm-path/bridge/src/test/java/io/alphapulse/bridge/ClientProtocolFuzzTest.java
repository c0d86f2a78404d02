/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphapulse.schemas.marketdata.Exchange;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes the bridge's client protocol: whatever text a client sends as a request frame, {@link Requests#parse}
 * returns without throwing, and either an error frame that is valid JSON with a documented code and the request's
 * id (or {@code null}), or a request that means what the frame says: {@code ping}, or a subscription whose channel,
 * exchange, symbol and depth are exactly those of the frame (defaults where absent), with an {@code ack} that is
 * valid JSON and echoes them.
 * <p>
 * Input bytes are decoded as UTF-8 text, as Jetty hands a text frame over (it closes a connection whose text frame is
 * not UTF-8 before the bridge sees it). Under {@code mvn test} the kept inputs in {@code ClientProtocolFuzzTestInputs}
 * are replayed (every crash found becomes one of them); {@code ops/pulse fuzz} fuzzes for a bounded time.
 */
class ClientProtocolFuzzTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ERROR_CODES = Set.of("invalid_json", "invalid_request", "unknown_op",
        "unknown_channel", "unknown_exchange", "invalid_symbol", "invalid_depth");

    @FuzzTest(maxDuration = "60s")
    void everyRequestGetsAValidErrorOrAValidSubscription(final byte[] input)
    {
        check(new String(input, StandardCharsets.UTF_8));
    }

    static void check(final String text)
    {
        final Requests.Parsed parsed = Requests.parse(text, BridgeConfiguration.MAX_BOOK_DEPTH);
        assertNotNull(parsed);
        final JsonNode request = readOrNull(text);

        if (null != parsed.error())
        {
            assertNull(parsed.op(), "an error has no op");
            assertNull(parsed.subscription(), "an error has no subscription");
            final JsonNode error = read(parsed.error(), "error frame");
            assertEquals("error", error.path("type").asText(), parsed.error());
            assertTrue(ERROR_CODES.contains(error.path("code").asText()), "documented code: " + parsed.error());
            assertTrue(error.path("message").isTextual() && !error.path("message").asText().isEmpty(),
                parsed.error());
            final JsonNode id = error.get("id");
            assertNotNull(id, "the id field is always there: " + parsed.error());
            assertTrue(id.isNull() || null != request && id.equals(request.get("id")), "the request's id or null: " + parsed.error());
            return;
        }

        // Accepted: the frame was a JSON object, and the request means what it says.
        assertNotNull(request, "accepted, so the frame is JSON: " + text);
        assertTrue(request.isObject(), text);
        assertEquals(request.path("op").asText(), parsed.op(), text);
        final JsonNode idNode = request.get("id");
        assertEquals(null == idNode ? "null" : idNode.toString(), parsed.idJson(), text);
        assertTrue(parsed.idJson().length() <= 64, "id length: " + parsed.idJson());
        if ("ping".equals(parsed.op()))
        {
            assertNull(parsed.subscription());
            return;
        }
        assertTrue("subscribe".equals(parsed.op()) || "unsubscribe".equals(parsed.op()), parsed.op());

        final Subscription sub = parsed.subscription();
        assertNotNull(sub, text);
        assertEquals(request.path("channel").asText(), sub.channel().wireName(), text);
        final String exchange = request.path("exchange").isTextual() ? request.path("exchange").asText() : null;
        if (null == exchange || "*".equals(exchange))
        {
            assertNull(sub.exchange(), text);
        }
        else
        {
            assertNotNull(sub.exchange(), text);
            assertTrue(Exchange.NULL_VAL != sub.exchange() && sub.exchange().name().equalsIgnoreCase(exchange), text);
        }
        final String symbol = request.path("symbol").isTextual() ? request.path("symbol").asText() : null;
        if (null == symbol || "*".equals(symbol))
        {
            assertNull(sub.symbol(), text);
        }
        else
        {
            assertEquals(symbol.toUpperCase(Locale.ROOT), sub.symbol(), text);
            assertTrue(sub.symbol().matches("[A-Z0-9]+-[A-Z0-9]+") && sub.symbol().length() <= 32, text);
        }
        if (Channel.BOOK == sub.channel())
        {
            assertTrue(sub.depth() >= 1 && sub.depth() <= BridgeConfiguration.MAX_BOOK_DEPTH, text);
            final JsonNode depth = request.get("depth");
            assertEquals(null == depth ? String.valueOf(BridgeConfiguration.BOOK_DEPTH_DEFAULT) : depth.toString(),
                String.valueOf(sub.depth()), "the depth asked for: " + text);
        }
        else
        {
            assertEquals(0, sub.depth(), text);
        }

        final String ackText = Requests.ack(parsed.idJson(), parsed.op(), sub);
        final JsonNode ack = read(ackText, "ack");
        assertEquals("ack", ack.path("type").asText(), ackText);
        assertEquals(parsed.op(), ack.path("op").asText(), ackText);
        assertEquals(sub.channel().wireName(), ack.path("channel").asText(), ackText);
        assertEquals(null == sub.symbol() ? "*" : sub.symbol(), ack.path("symbol").asText(), ackText);
        assertEquals(null == idNode ? MAPPER.nullNode() : idNode, ack.get("id"), ackText);
        assertFalse(ackText.contains("\n"), ackText);
    }

    private static JsonNode readOrNull(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    private static JsonNode read(final String text, final String what)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(text);
            assertNotNull(node, what);
            assertTrue(node.isObject(), what + " is an object: " + text);
            return node;
        }
        catch (final Exception ex)
        {
            return fail(what + " is not valid JSON: " + text, ex);
        }
    }
}
