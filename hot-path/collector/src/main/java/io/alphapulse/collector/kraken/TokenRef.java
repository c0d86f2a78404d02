/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.kraken;

import io.alphapulse.collector.json.JsonReader;
import org.agrona.DirectBuffer;

/**
 * Where one JSON value of the frame being decoded lies: its token type and byte range. A container (object or
 * array) is recorded with its whole text, so it can be read again later with another {@link JsonReader}: Kraken
 * puts the key that gives a value its meaning (v1 pair, v2 symbol) after or beside the value. Reused.
 */
final class TokenRef
{
    static final int ABSENT = -1;

    int type = ABSENT;
    int offset;
    int length;

    void reset()
    {
        type = ABSENT;
        offset = 0;
        length = 0;
    }

    boolean present()
    {
        return ABSENT != type;
    }

    /**
     * Record the value whose first token the reader has just returned, skipping past a container.
     *
     * @param reader positioned on the first token of a value.
     */
    void capture(final JsonReader reader)
    {
        type = reader.tokenType();
        offset = reader.tokenOffset();
        if (JsonReader.START_OBJECT == type || JsonReader.START_ARRAY == type)
        {
            reader.skipValue();
            length = reader.position() - offset;
        }
        else
        {
            length = reader.tokenLength();
        }
    }

    boolean isString(final DirectBuffer buffer, final byte[] ascii)
    {
        if (JsonReader.STRING != type || ascii.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    boolean isScalarText()
    {
        return JsonReader.STRING == type || JsonReader.NUMBER == type;
    }

    /**
     * The value's text, for error messages and feed event details (allocates).
     *
     * @param buffer the frame.
     * @return the text, cut at 200 characters.
     */
    String text(final DirectBuffer buffer)
    {
        return present() ? buffer.getStringWithoutLengthUtf8(offset, Math.min(length, 200)) : "";
    }
}
