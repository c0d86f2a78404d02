/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.alphapulse.collector.json.JsonReader.END;
import static io.alphapulse.collector.json.JsonReader.END_ARRAY;
import static io.alphapulse.collector.json.JsonReader.END_OBJECT;
import static io.alphapulse.collector.json.JsonReader.FALSE;
import static io.alphapulse.collector.json.JsonReader.FIELD_NAME;
import static io.alphapulse.collector.json.JsonReader.NULL;
import static io.alphapulse.collector.json.JsonReader.NUMBER;
import static io.alphapulse.collector.json.JsonReader.START_ARRAY;
import static io.alphapulse.collector.json.JsonReader.START_OBJECT;
import static io.alphapulse.collector.json.JsonReader.STRING;
import static io.alphapulse.collector.json.JsonReader.TRUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReaderTest
{
    private final JsonReader reader = new JsonReader();

    private JsonReader read(final String json)
    {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return reader.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private List<String> tokens(final String json)
    {
        read(json);
        final List<String> tokens = new ArrayList<>();
        int token;
        while (END != (token = reader.next()))
        {
            tokens.add(token + (token == FIELD_NAME || token == STRING || token == NUMBER ?
                ":" + reader.tokenAsString() : ""));
        }
        return tokens;
    }

    @Test
    void shouldTokenizeNestedStructures()
    {
        assertEquals(List.of(
            START_OBJECT + "", FIELD_NAME + ":a", NUMBER + ":1.50", FIELD_NAME + ":b", START_ARRAY + "",
            STRING + ":x", TRUE + "", FALSE + "", NULL + "", START_OBJECT + "", END_OBJECT + "", START_ARRAY + "",
            END_ARRAY + "", END_ARRAY + "", FIELD_NAME + ":c", NUMBER + ":-0E-8", END_OBJECT + ""),
            tokens("{\"a\":1.50, \"b\":[\"x\",true,false,null,{},[]],\"c\":-0E-8}"));
    }

    @Test
    void shouldReadTopLevelArraysAndScalars()
    {
        assertEquals(List.of(START_ARRAY + "", NUMBER + ":6304", START_OBJECT + "", FIELD_NAME + ":as",
            START_ARRAY + "", END_ARRAY + "", END_OBJECT + "", STRING + ":book-25", END_ARRAY + ""),
            tokens("[6304,{\"as\":[]},\"book-25\"]"));
        assertEquals(List.of(NUMBER + ":42"), tokens(" 42 "));
    }

    @Test
    void shouldSkipValuesAndKeepPosition()
    {
        read("{\"skip\":{\"deep\":[1,[2,{\"x\":3}]]},\"keep\":\"yes\"}");
        assertEquals(START_OBJECT, reader.next());
        assertEquals(FIELD_NAME, reader.next());
        assertEquals(START_OBJECT, reader.next());
        reader.skipValue();
        assertEquals(FIELD_NAME, reader.next());
        assertEquals("keep", reader.tokenAsString());
        assertEquals(STRING, reader.next());
        assertEquals("yes", reader.tokenAsString());
        assertEquals(END_OBJECT, reader.next());
        assertEquals(END, reader.next());
    }

    @Test
    void skipShouldRejectMismatchedBracketsAndTruncation()
    {
        read("{\"a\":[1,{\"b\":\"x]\"}],\"c\":2}");
        reader.next();
        reader.next();
        assertEquals(START_ARRAY, reader.next());
        reader.skipValue();
        assertEquals(FIELD_NAME, reader.next());
        assertEquals("c", reader.tokenAsString());

        read("{\"a\":[1,{\"b\":2]]}");
        reader.next();
        reader.next();
        reader.next();
        final JsonException mismatched = assertThrows(JsonException.class, reader::skipValue);
        assertTrue(mismatched.getMessage().contains("mismatched"), mismatched.getMessage());

        read("{\"a\":[1,\"unterminated");
        reader.next();
        reader.next();
        reader.next();
        assertThrows(JsonException.class, reader::skipValue);
    }

    @Test
    void shouldReportEscapesWithoutUnescaping()
    {
        read("[\"a\\\"b\\u0041\"]");
        reader.next();
        assertEquals(STRING, reader.next());
        assertTrue(reader.tokenHasEscapes());
        assertEquals("a\\\"b\\u0041", reader.tokenAsString());
    }

    @Test
    void shouldReadIntegersFromNumbersAndDigitStrings()
    {
        read("[1068572090,\"1068572089\",-5]");
        reader.next();
        reader.next();
        assertEquals(1068572090L, reader.tokenAsLong());
        reader.next();
        assertEquals(1068572089L, reader.tokenAsLong());
        reader.next();
        assertEquals(-5L, reader.tokenAsLong());
    }

    @Test
    void shouldRejectIntegersThatDoNotFitALong()
    {
        read("[18239578009413566319]");
        reader.next();
        reader.next();
        final JsonException ex = assertThrows(JsonException.class, reader::tokenAsLong);
        assertTrue(ex.getMessage().contains("18239578009413566319"), ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,", "{\"a\"}", "{\"a\":}", "[1 2]", "{\"a\":1,}", "[tru]", "\"open",
        "{\"a\":1}}", "[1]x", "{a:1}", "[\"\u0001\"]", "]", "{\"a\":1 \"b\":2}"})
    void shouldRejectMalformedJsonWithAPosition(final String json)
    {
        final JsonException ex = assertThrows(JsonException.class, () ->
        {
            read(json);
            while (END != reader.next())
            {
                reader.tokenType();
            }
        });
        assertTrue(ex.getMessage().contains("at offset"), ex.getMessage());
    }
}
