/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphapulse.schemas.marketdata.Exchange;

import java.util.Locale;

/**
 * Client requests of protocol v1 and the server's replies to them. Parsing happens on the Jetty thread that
 * delivered the frame; a request that cannot be applied gets an error frame naming the problem.
 */
final class Requests
{
    /**
     * A parsed request, or an error to send back.
     *
     * @param op           {@code subscribe}, {@code unsubscribe} or {@code ping}; null when in error.
     * @param subscription the subscription (subscribe, unsubscribe).
     * @param idJson       the request's {@code id} as JSON ({@code null} when absent).
     * @param error        an error frame to send, or null.
     */
    record Parsed(String op, Subscription subscription, String idJson, String error)
    {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_ID_LENGTH = 64;

    private Requests()
    {
    }

    static Parsed parse(final String text, final int maxDepth)
    {
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            return fail("null", "invalid_json", "not valid JSON: " + firstLine(ex.getOriginalMessage()));
        }
        if (null == root || !root.isObject())
        {
            return fail("null", "invalid_json", "a request must be a JSON object");
        }

        final JsonNode idNode = root.get("id");
        String idJson = "null";
        if (null != idNode)
        {
            if (!(idNode.isTextual() || idNode.isIntegralNumber()) || idNode.toString().length() > MAX_ID_LENGTH)
            {
                return fail("null", "invalid_request", "id must be a string or an integer of at most " +
                    MAX_ID_LENGTH + " characters");
            }
            idJson = idNode.toString();
        }

        final String op = text(root, "op");
        if (null == op)
        {
            return fail(idJson, "invalid_request", "missing op: use subscribe, unsubscribe or ping");
        }
        if ("ping".equals(op))
        {
            return new Parsed(op, null, idJson, null);
        }
        if (!"subscribe".equals(op) && !"unsubscribe".equals(op))
        {
            return fail(idJson, "unknown_op", "unknown op '" + clip(op) + "': use subscribe, unsubscribe or ping");
        }

        final String channelName = text(root, "channel");
        final Channel channel = null == channelName ? null : Channel.fromWireName(channelName);
        if (null == channel)
        {
            return fail(idJson, "unknown_channel", "unknown channel '" + clip(channelName) +
                "': use trades, book, ticker, candles or status");
        }

        final String exchangeName = text(root, "exchange");
        Exchange exchange = null;
        if (null != exchangeName && !"*".equals(exchangeName))
        {
            exchange = exchange(exchangeName);
            if (null == exchange)
            {
                return fail(idJson, "unknown_exchange", "unknown exchange '" + clip(exchangeName) +
                    "': use kraken, coinbase, binance or *");
            }
        }

        final String symbolText = text(root, "symbol");
        String symbol = null;
        if (null != symbolText && !"*".equals(symbolText))
        {
            if (symbolText.length() > 32 || !symbolText.matches("[A-Za-z0-9]+-[A-Za-z0-9]+"))
            {
                return fail(idJson, "invalid_symbol", "symbol must be BASE-QUOTE, e.g. BTC-USD, or *");
            }
            symbol = symbolText.toUpperCase(Locale.ROOT);
        }

        int depth = 0;
        if (Channel.BOOK == channel)
        {
            final JsonNode depthNode = root.get("depth");
            depth = BridgeConfiguration.BOOK_DEPTH_DEFAULT;
            if (null != depthNode)
            {
                // canConvertToInt first: asLong() of 2^64 + 5 is 5, which would pass the range check.
                if (!depthNode.isIntegralNumber() || !depthNode.canConvertToInt() || depthNode.asInt() < 1 ||
                    depthNode.asInt() > maxDepth)
                {
                    return fail(idJson, "invalid_depth", "depth must be an integer from 1 to " + maxDepth);
                }
                depth = depthNode.asInt();
            }
        }
        return new Parsed(op, new Subscription(channel, exchange, symbol, depth), idJson, null);
    }

    static String ack(final String idJson, final String op, final Subscription sub)
    {
        final StringBuilder out = new StringBuilder(160);
        out.append("{\"type\":\"ack\",\"id\":").append(idJson).append(",\"op\":\"").append(op)
            .append("\",\"channel\":\"").append(sub.channel().wireName()).append("\",\"exchange\":\"")
            .append(null == sub.exchange() ? "*" : sub.exchange().name().toLowerCase(Locale.ROOT))
            .append("\",\"symbol\":\"").append(null == sub.symbol() ? "*" : sub.symbol()).append('"');
        if (Channel.BOOK == sub.channel())
        {
            out.append(",\"depth\":").append(sub.depth());
        }
        return out.append('}').toString();
    }

    static String error(final String idJson, final String code, final String message)
    {
        final StringBuilder out = new StringBuilder(160);
        out.append("{\"type\":\"error\",\"id\":").append(idJson).append(",\"code\":\"").append(code)
            .append("\",\"message\":");
        return Json.string(out, message).append('}').toString();
    }

    static Exchange exchange(final String name)
    {
        for (final Exchange exchange : Exchange.values())
        {
            if (Exchange.NULL_VAL != exchange && exchange.name().equalsIgnoreCase(name))
            {
                return exchange;
            }
        }
        return null;
    }

    private static Parsed fail(final String idJson, final String code, final String message)
    {
        return new Parsed(null, null, idJson, error(idJson, code, message));
    }

    private static String text(final JsonNode root, final String field)
    {
        final JsonNode node = root.get(field);
        return null != node && node.isTextual() ? node.asText() : null;
    }

    private static String clip(final String value)
    {
        if (null == value)
        {
            return "";
        }
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }

    private static String firstLine(final String message)
    {
        if (null == message)
        {
            return "";
        }
        final int newline = message.indexOf('\n');
        return clip(newline < 0 ? message : message.substring(0, newline));
    }
}
