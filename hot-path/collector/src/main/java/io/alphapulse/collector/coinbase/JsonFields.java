/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.coinbase;

import io.alphapulse.collector.json.JsonException;
import io.alphapulse.collector.json.JsonReader;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Where the values of known fields lie in one JSON object, so that they can be read in the order the decoder needs
 * rather than the order the exchange wrote them (Coinbase puts {@code product_id} before or after the prices, and
 * the scale of a price depends on the product). Objects and arrays are recorded as spans, to be read again with a
 * reader wrapped on just that span; unknown fields are skipped. Reading an object checks its whole structure.
 * <p>
 * Allocation-free after construction; not thread-safe.
 */
final class JsonFields
{
    /**
     * Type of a field that was not in the object.
     */
    static final int ABSENT = 0;

    private final String[] names;
    private final byte[][] nameBytes;
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;

    /**
     * Fields to look for; a field's index in this list is its id.
     *
     * @param names field names.
     */
    JsonFields(final String... names)
    {
        this.names = names.clone();
        this.nameBytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            nameBytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        types = new int[names.length];
        offsets = new int[names.length];
        lengths = new int[names.length];
    }

    /**
     * Read the object whose {@link JsonReader#START_OBJECT} the reader has just returned, up to and including its
     * {@link JsonReader#END_OBJECT}. A field given twice keeps its last value, as most JSON readers do.
     *
     * @param reader positioned on the object's start.
     * @throws JsonException when the object is not well-formed.
     */
    void readObject(final JsonReader reader)
    {
        clear();
        while (JsonReader.FIELD_NAME == reader.next())
        {
            final int field = indexOf(reader);
            final int type = reader.next();
            if (field < 0)
            {
                reader.skipValue();
                continue;
            }

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
    }

    /**
     * Forget every field.
     */
    void clear()
    {
        for (int i = 0; i < types.length; i++)
        {
            types[i] = ABSENT;
        }
    }

    /**
     * Whether the field was in the object with a value other than {@code null}.
     *
     * @param field id.
     * @return true when present.
     */
    boolean has(final int field)
    {
        return ABSENT != types[field] && JsonReader.NULL != types[field];
    }

    /**
     * JSON token type of the field's value: {@link JsonReader#STRING}, {@link JsonReader#START_ARRAY}, ..., or
     * {@link #ABSENT}.
     *
     * @param field id.
     * @return token type.
     */
    int type(final int field)
    {
        return types[field];
    }

    /**
     * Offset of the value: a string's content, a number's text, or an object's or array's opening bracket.
     *
     * @param field id.
     * @return offset in the buffer being read.
     */
    int offset(final int field)
    {
        return offsets[field];
    }

    /**
     * Length of the value: a string's content, a number's text, or an object or array with its brackets.
     *
     * @param field id.
     * @return length in bytes.
     */
    int length(final int field)
    {
        return lengths[field];
    }

    /**
     * Name of a field, for error messages.
     *
     * @param field id.
     * @return its name.
     */
    String name(final int field)
    {
        return names[field];
    }

    /**
     * Whether a string field equals the given ASCII bytes.
     *
     * @param buffer the buffer the object was read from.
     * @param field  id.
     * @param ascii  expected bytes.
     * @return true when the field is a string with exactly these bytes.
     */
    boolean stringEquals(final DirectBuffer buffer, final int field, final byte[] ascii)
    {
        if (JsonReader.STRING != types[field] || lengths[field] != ascii.length)
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

    private int indexOf(final JsonReader reader)
    {
        for (int i = 0; i < nameBytes.length; i++)
        {
            if (reader.tokenEquals(nameBytes[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
