/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import io.alphapulse.collector.json.JsonException;
import io.alphapulse.collector.json.JsonReader;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of one Binance JSON object, located in one pass: where each known field's value lies in the buffer, so
 * that the frame can be interpreted whatever the order of its fields. The payload of a combined-stream wrapper
 * ({@code {"stream":..,"data":{..}}}) and of an error wrapper ({@code {"error":{"code":..,"msg":..},"id":..}}) is
 * read into the same table as the top level. Containers (the level arrays) are recorded by their whole extent and
 * read later with a {@link JsonReader} wrapped on it.
 * <pre>
 *   {"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":5,"p":"1.0","q":"2.0","T":1,"m":true}}
 *                                     |          |     |             |     |        |        |     |
 *                                     EVENT ... one slot per known field: type, offset, length
 * </pre>
 * Allocation-free on well-formed input; reusable; not thread-safe.
 */
final class JsonFields
{
    static final int EVENT = 0;
    static final int EVENT_TIME = 1;
    static final int SYMBOL = 2;
    static final int TRADE_ID = 3;
    static final int PRICE = 4;
    static final int QUANTITY = 5;
    static final int TRADE_TIME = 6;
    static final int BUYER_MAKER = 7;
    static final int LOWER_A = 8;
    static final int LOWER_B = 9;
    static final int LAST_UPDATE = 10;
    static final int FIRST_UPDATE = 11;
    static final int UPPER_B = 12;
    static final int UPPER_A = 13;
    static final int LAST_UPDATE_ID = 14;
    static final int BIDS = 15;
    static final int ASKS = 16;
    static final int RESULT = 17;
    static final int ID = 18;
    static final int CODE = 19;
    static final int MSG = 20;
    static final int STREAM = 21;
    static final int REST_SYMBOL = 22;
    static final int FIELD_COUNT = 23;

    private static final int UNKNOWN = -1;
    private static final int NESTED = -2;

    private static final String[] NAMES =
    {
        "e", "E", "s", "t", "p", "q", "T", "m", "a", "b", "u", "U", "B", "A",
        "lastUpdateId", "bids", "asks", "result", "id", "code", "msg", "stream", "symbol"
    };
    private static final byte[] LAST_UPDATE_ID_NAME = ascii("lastUpdateId");
    private static final byte[] BIDS_NAME = ascii("bids");
    private static final byte[] ASKS_NAME = ascii("asks");
    private static final byte[] RESULT_NAME = ascii("result");
    private static final byte[] ID_NAME = ascii("id");
    private static final byte[] CODE_NAME = ascii("code");
    private static final byte[] MSG_NAME = ascii("msg");
    private static final byte[] STREAM_NAME = ascii("stream");
    private static final byte[] SYMBOL_NAME = ascii("symbol");
    private static final byte[] DATA_NAME = ascii("data");
    private static final byte[] ERROR_NAME = ascii("error");

    private final JsonReader reader = new JsonReader();
    private final int[] types = new int[FIELD_COUNT];
    private final int[] offsets = new int[FIELD_COUNT];
    private final int[] lengths = new int[FIELD_COUNT];
    private DirectBuffer buffer;

    /**
     * Locate the known fields of the JSON object in a region of a buffer.
     *
     * @param buffer holding the JSON.
     * @param offset first byte.
     * @param length bytes.
     * @throws JsonException when the text is not a well-formed JSON object.
     */
    void parse(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        Arrays.fill(types, JsonReader.END);
        reader.wrap(buffer, offset, length);
        if (JsonReader.START_OBJECT != reader.next())
        {
            throw new JsonException("not a JSON object");
        }
        readObject(true);
        reader.next();
    }

    /**
     * The buffer the fields are in.
     *
     * @return the buffer.
     */
    DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Whether a field is present.
     *
     * @param field slot.
     * @return true when present.
     */
    boolean present(final int field)
    {
        return JsonReader.END != types[field];
    }

    /**
     * {@link JsonReader} token type of a field's value, {@link JsonReader#END} when absent.
     *
     * @param field slot.
     * @return token type.
     */
    int type(final int field)
    {
        return types[field];
    }

    /**
     * Offset of a field's value: a string's content, a number's text, a container's opening bracket.
     *
     * @param field slot.
     * @return offset in {@link #buffer()}.
     */
    int offset(final int field)
    {
        return offsets[field];
    }

    /**
     * Length of a field's value in bytes (a container's whole extent).
     *
     * @param field slot.
     * @return length.
     */
    int length(final int field)
    {
        return lengths[field];
    }

    /**
     * Whether a field is a string equal to the given ASCII bytes.
     *
     * @param field slot.
     * @param ascii expected bytes.
     * @return true when equal.
     */
    boolean stringEquals(final int field, final byte[] ascii)
    {
        if (JsonReader.STRING != types[field] || ascii.length != lengths[field])
        {
            return false;
        }
        final int offset = offsets[field];
        for (int i = 0; i < ascii.length; i++)
        {
            if (buffer.getByte(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Check a field is present with a value of the given type.
     *
     * @param field slot.
     * @param type  expected token type.
     * @param what  what the value should be, for the error.
     * @throws JsonException naming the field when it is missing or of another type.
     */
    void require(final int field, final int type, final String what)
    {
        if (type != types[field])
        {
            throw JsonReader.END == types[field] ? new JsonException("missing field '" + NAMES[field] + "'") :
                new JsonException("field '" + NAMES[field] + "' is not " + what + ": " + text(field));
        }
    }

    /**
     * A field as a non-negative integer: a JSON number without fraction, or a string of digits.
     *
     * @param field slot.
     * @return the value.
     * @throws JsonException naming the field and value when missing or not such an integer.
     */
    long longValue(final int field)
    {
        final int type = types[field];
        if (JsonReader.NUMBER != type && JsonReader.STRING != type)
        {
            require(field, JsonReader.NUMBER, "an integer");
        }
        final int offset = offsets[field];
        final int length = lengths[field];
        if (0 == length || length > 19)
        {
            throw notInteger(field);
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final int digit = buffer.getByte(offset + i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10)
            {
                throw notInteger(field);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * A field as a boolean.
     *
     * @param field slot.
     * @return the value.
     * @throws JsonException naming the field when missing or not a boolean.
     */
    boolean booleanValue(final int field)
    {
        final int type = types[field];
        if (JsonReader.TRUE == type)
        {
            return true;
        }
        if (JsonReader.FALSE != type)
        {
            require(field, JsonReader.TRUE, "a boolean");
        }
        return false;
    }

    /**
     * A field's value as text (allocates: for errors and control details).
     *
     * @param field slot.
     * @return the text, cut at 64 characters; {@code "(absent)"} when absent.
     */
    String text(final int field)
    {
        if (JsonReader.END == types[field])
        {
            return "(absent)";
        }
        final int length = Math.min(lengths[field], 64);
        final String text = buffer.getStringWithoutLengthUtf8(offsets[field], length);
        return JsonReader.STRING == types[field] ? "'" + text + "'" : text + (length < lengths[field] ? "..." : "");
    }

    /**
     * Name of a field slot.
     *
     * @param field slot.
     * @return the JSON name.
     */
    static String name(final int field)
    {
        return NAMES[field];
    }

    private void readObject(final boolean topLevel)
    {
        while (JsonReader.FIELD_NAME == reader.next())
        {
            final int field = fieldOf();
            final int type = reader.next();
            if (NESTED == field && topLevel && JsonReader.START_OBJECT == type)
            {
                readObject(false);
            }
            else if (field >= 0)
            {
                types[field] = type;
                offsets[field] = reader.tokenOffset();
                if (JsonReader.START_OBJECT == type || JsonReader.START_ARRAY == type)
                {
                    reader.skipValue();
                    lengths[field] = reader.position() - offsets[field];
                }
                else
                {
                    lengths[field] = reader.tokenLength();
                }
            }
            else
            {
                reader.skipValue();
            }
        }
    }

    private int fieldOf()
    {
        final int length = reader.tokenLength();
        if (1 == length)
        {
            switch (reader.tokenFirstByte())
            {
                case 'e': return EVENT;
                case 'E': return EVENT_TIME;
                case 's': return SYMBOL;
                case 't': return TRADE_ID;
                case 'p': return PRICE;
                case 'q': return QUANTITY;
                case 'T': return TRADE_TIME;
                case 'm': return BUYER_MAKER;
                case 'a': return LOWER_A;
                case 'b': return LOWER_B;
                case 'u': return LAST_UPDATE;
                case 'U': return FIRST_UPDATE;
                case 'B': return UPPER_B;
                case 'A': return UPPER_A;
                default: return UNKNOWN;
            }
        }
        if (reader.tokenEquals(LAST_UPDATE_ID_NAME))
        {
            return LAST_UPDATE_ID;
        }
        if (reader.tokenEquals(BIDS_NAME))
        {
            return BIDS;
        }
        if (reader.tokenEquals(ASKS_NAME))
        {
            return ASKS;
        }
        if (reader.tokenEquals(RESULT_NAME))
        {
            return RESULT;
        }
        if (reader.tokenEquals(ID_NAME))
        {
            return ID;
        }
        if (reader.tokenEquals(CODE_NAME))
        {
            return CODE;
        }
        if (reader.tokenEquals(MSG_NAME))
        {
            return MSG;
        }
        if (reader.tokenEquals(STREAM_NAME))
        {
            return STREAM;
        }
        if (reader.tokenEquals(SYMBOL_NAME))
        {
            return REST_SYMBOL;
        }
        if (reader.tokenEquals(DATA_NAME) || reader.tokenEquals(ERROR_NAME))
        {
            return NESTED;
        }
        return UNKNOWN;
    }

    private JsonException notInteger(final int field)
    {
        return new JsonException("field '" + NAMES[field] + "' is not a non-negative 64-bit integer: " + text(field));
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
