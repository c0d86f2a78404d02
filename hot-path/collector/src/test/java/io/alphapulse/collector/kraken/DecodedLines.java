/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON lines of {@code pulse decode} as maps, for assertions.
 */
final class DecodedLines
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private DecodedLines()
    {
    }

    static List<Map<String, Object>> parse(final List<String> lines)
    {
        final List<Map<String, Object>> parsed = new ArrayList<>();
        for (final String line : lines)
        {
            if (!line.isBlank())
            {
                parsed.add(parseObject(line));
            }
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(final String json)
    {
        try (JsonParser parser = FACTORY.createParser(json))
        {
            parser.nextToken();
            return (Map<String, Object>)value(parser);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Map<String, Object>> ofType(final List<Map<String, Object>> lines, final String type)
    {
        final List<Map<String, Object>> selected = new ArrayList<>();
        for (final Map<String, Object> line : lines)
        {
            if (type.equals(line.get("type")))
            {
                selected.add(line);
            }
        }
        return selected;
    }

    static List<Map<String, Object>> onLine(final List<Map<String, Object>> lines, final long lineNumber)
    {
        final List<Map<String, Object>> selected = new ArrayList<>();
        for (final Map<String, Object> line : lines)
        {
            if (Long.valueOf(lineNumber).equals(line.get("line")))
            {
                selected.add(line);
            }
        }
        return selected;
    }

    static List<Long> errorLines(final List<Map<String, Object>> lines)
    {
        final List<Long> numbers = new ArrayList<>();
        for (final Map<String, Object> line : ofType(lines, "error"))
        {
            numbers.add((Long)line.get("line"));
        }
        return numbers;
    }

    static Map<String, Object> summary(final List<Map<String, Object>> lines)
    {
        final Map<String, Object> last = lines.get(lines.size() - 1);
        if (!"summary".equals(last.get("type")))
        {
            throw new AssertionError("last line is not the summary: " + last);
        }
        return last;
    }

    @SuppressWarnings("unchecked")
    static long eventCount(final List<Map<String, Object>> lines, final String type)
    {
        final Map<String, Object> events = (Map<String, Object>)summary(lines).get("events");
        final Object count = events.get(type);
        return null == count ? 0 : (Long)count;
    }

    /**
     * Whether decimal text equals a wire token numerically ("354.11" equals "354.11000000").
     */
    static boolean sameDecimal(final Object decoded, final String wire)
    {
        return null != decoded && new BigDecimal((String)decoded).compareTo(new BigDecimal(wire)) == 0;
    }

    private static Object value(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.currentToken();
        switch (token)
        {
            case START_OBJECT:
            {
                final Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = parser.currentName();
                    parser.nextToken();
                    map.put(name, value(parser));
                }
                return map;
            }
            case START_ARRAY:
            {
                final List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    list.add(value(parser));
                }
                return list;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected token " + token);
        }
    }
}
