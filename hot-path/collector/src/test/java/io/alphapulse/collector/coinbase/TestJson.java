/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text to plain maps and lists for assertions (only jackson-core is on the class path): objects become
 * {@code Map<String, Object>}, arrays {@code List<Object>}, strings {@code String}, integers {@code Long}, other
 * numbers their text, literals {@code Boolean} or null.
 */
final class TestJson
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private TestJson()
    {
    }

    /**
     * Parse one JSON object.
     *
     * @param text JSON text.
     * @return the object.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    /**
     * Parse any JSON value.
     *
     * @param text JSON text.
     * @return the value.
     */
    static Object parse(final String text)
    {
        try (JsonParser parser = FACTORY.createParser(text))
        {
            parser.nextToken();
            return value(parser);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Object value(final JsonParser parser) throws IOException
    {
        final JsonToken token = parser.currentToken();
        switch (token)
        {
            case START_OBJECT:
            {
                final Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME)
                {
                    final String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            }
            case START_ARRAY:
            {
                final List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getText();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IllegalStateException("unexpected " + token);
        }
    }
}
