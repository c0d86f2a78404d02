/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.json;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A pull reader of JSON over a {@link DirectBuffer}, with no allocation on well-formed input: tokens are positions
 * in the buffer, numbers stay text (for the exact decimal codec), strings are not unescaped (exchange field values
 * we read never need it; {@link #tokenHasEscapes()} says when one would).
 * <p>
 * Why not Jackson here: a Jackson parser is created per document and allocates per frame, and the collectors'
 * decode-to-encode path has a budget of 16 bytes per message. Jackson is used where allocation does not matter
 * (tools, warm path). This reader checks structure (nesting, separators, literals, string termination) and throws
 * {@link JsonException} naming the position of the first error; number and string contents are checked by their
 * consumers.
 * <pre>{@code
 * reader.wrap(buffer, offset, length);
 * reader.next();                                  // START_OBJECT
 * while (reader.next() == JsonReader.FIELD_NAME)
 * {
 *     if (reader.tokenEquals(PRICE)) { reader.next(); price = parser.parse(buffer, reader.tokenOffset(), ...); }
 *     else { reader.next(); reader.skipValue(); }
 * }
 * }</pre>
 * Not thread-safe; reusable.
 */
public final class JsonReader
{
    /**
     * No more tokens: the top-level value is complete.
     */
    public static final int END = 0;

    /**
     * {@code {}
     */
    public static final int START_OBJECT = 1;

    /**
     * {@code }}
     */
    public static final int END_OBJECT = 2;

    /**
     * {@code [}
     */
    public static final int START_ARRAY = 3;

    /**
     * {@code ]}
     */
    public static final int END_ARRAY = 4;

    /**
     * A field name; its text is the token.
     */
    public static final int FIELD_NAME = 5;

    /**
     * A string value; the token is its content without quotes.
     */
    public static final int STRING = 6;

    /**
     * A number; the token is its text.
     */
    public static final int NUMBER = 7;

    /**
     * {@code true}
     */
    public static final int TRUE = 8;

    /**
     * {@code false}
     */
    public static final int FALSE = 9;

    /**
     * {@code null}
     */
    public static final int NULL = 10;

    private static final int MAX_DEPTH = 64;
    private static final byte[] TRUE_BYTES = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE_BYTES = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BYTES = "null".getBytes(StandardCharsets.US_ASCII);

    private DirectBuffer buffer;
    private int start;
    private int position;
    private int end;
    private int tokenOffset;
    private int tokenLength;
    private int tokenType;
    private boolean tokenHasEscapes;

    private long containerBits;
    private int depth;
    private boolean expectName;
    private boolean needSeparator;
    private boolean justOpened;
    private boolean finished;

    /**
     * Read the JSON text in a region of a buffer.
     *
     * @param buffer holding UTF-8 JSON.
     * @param offset first byte.
     * @param length bytes.
     * @return this for a fluent API.
     */
    public JsonReader wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.start = offset;
        this.position = offset;
        this.end = offset + length;
        this.tokenOffset = offset;
        this.tokenLength = 0;
        this.tokenType = END;
        this.tokenHasEscapes = false;
        this.containerBits = 0;
        this.depth = 0;
        this.expectName = false;
        this.needSeparator = false;
        this.justOpened = false;
        this.finished = false;
        return this;
    }

    /**
     * Advance to the next token.
     *
     * @return the token type.
     * @throws JsonException when the text is not well-formed.
     */
    public int next()
    {
        skipWhitespace();
        if (finished)
        {
            if (position < end)
            {
                throw error("unexpected text after the end of the JSON value");
            }
            return token(END, position, 0);
        }
        if (position >= end)
        {
            throw error(depth > 0 ? "unexpected end inside " + (inObject() ? "an object" : "an array") :
                "no JSON value");
        }

        byte c = buffer.getByte(position);
        if (needSeparator)
        {
            if (',' == c)
            {
                position++;
                needSeparator = false;
                skipWhitespace();
                if (position >= end)
                {
                    throw error("unexpected end after ','");
                }
                c = buffer.getByte(position);
                expectName = inObject();
                justOpened = false;
            }
            else if ('}' == c && inObject())
            {
                return close(END_OBJECT);
            }
            else if (']' == c && !inObject())
            {
                return close(END_ARRAY);
            }
            else
            {
                throw error("expected ',' or '" + (inObject() ? '}' : ']') + "' but found '" + (char)c + "'");
            }
        }

        if (expectName)
        {
            if ('}' == c && justOpened)
            {
                return close(END_OBJECT);
            }
            if ('"' != c)
            {
                throw error("expected a field name but found '" + (char)c + "'");
            }
            readString();
            skipWhitespace();
            if (position >= end || ':' != buffer.getByte(position))
            {
                throw error("expected ':' after field name");
            }
            position++;
            expectName = false;
            justOpened = false;
            tokenType = FIELD_NAME;
            return FIELD_NAME;
        }

        if (']' == c && justOpened && !inObject())
        {
            return close(END_ARRAY);
        }
        justOpened = false;

        switch (c)
        {
            case '{':
                push(true);
                return token(START_OBJECT, position++, 1);

            case '[':
                push(false);
                return token(START_ARRAY, position++, 1);

            case '"':
                readString();
                return value(STRING);

            case 't':
                literal(TRUE_BYTES);
                return value(TRUE);

            case 'f':
                literal(FALSE_BYTES);
                return value(FALSE);

            case 'n':
                literal(NULL_BYTES);
                return value(NULL);

            default:
                if ('-' == c || (c >= '0' && c <= '9'))
                {
                    readNumber();
                    return value(NUMBER);
                }
                throw error("unexpected character '" + (char)c + "'");
        }
    }

    /**
     * Skip the value whose first token was just returned: a scalar is already complete; an object or array is
     * skipped to its end by a structural scan that checks bracket nesting and string termination (8 bytes at a time
     * inside strings) without tokenizing numbers and literals, which decoders check when they read a value they use.
     *
     * @throws JsonException when brackets do not match or the text ends inside the value.
     */
    public void skipValue()
    {
        if (START_OBJECT != tokenType && START_ARRAY != tokenType)
        {
            return;
        }

        final int targetDepth = depth - 1;
        int i = position;
        while (i < end)
        {
            final byte c = buffer.getByte(i);
            if ('"' == c)
            {
                position = i;
                readString();
                i = position;
                continue;
            }
            if ('{' == c || '[' == c)
            {
                position = i;
                push('{' == c);
            }
            else if ('}' == c || ']' == c)
            {
                if (('}' == c) != inObject())
                {
                    position = i;
                    throw error("mismatched '" + (char)c + "'");
                }
                if (depth - 1 == targetDepth)
                {
                    position = i;
                    close('}' == c ? END_OBJECT : END_ARRAY);
                    return;
                }
                depth--;
            }
            i++;
        }
        position = end;
        throw error("unexpected end inside a skipped value");
    }

    /**
     * Type of the current token.
     *
     * @return type of the current token.
     */
    public int tokenType()
    {
        return tokenType;
    }

    /**
     * Offset of the current token in the buffer (a string's content, without quotes).
     *
     * @return offset of the current token.
     */
    public int tokenOffset()
    {
        return tokenOffset;
    }

    /**
     * Length in bytes of the current token.
     *
     * @return length of the current token.
     */
    public int tokenLength()
    {
        return tokenLength;
    }

    /**
     * Whether the current string token contains backslash escapes.
     *
     * @return true when the string contains escapes.
     */
    public boolean tokenHasEscapes()
    {
        return tokenHasEscapes;
    }

    /**
     * The buffer being read.
     *
     * @return the buffer being read.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Nesting depth after the current token.
     *
     * @return nesting depth.
     */
    public int depth()
    {
        return depth;
    }

    /**
     * Offset just past the current token, e.g. the end of a value skipped with {@link #skipValue()}.
     *
     * @return offset just past the current token.
     */
    public int position()
    {
        return position;
    }

    /**
     * Whether the current token's bytes equal the given ASCII bytes.
     *
     * @param ascii expected bytes.
     * @return true when equal.
     */
    public boolean tokenEquals(final byte[] ascii)
    {
        if (ascii.length != tokenLength)
        {
            return false;
        }
        for (int i = 0; i < tokenLength; i++)
        {
            if (buffer.getByte(tokenOffset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * First byte of the current token, or 0 if it is empty.
     *
     * @return first byte of the current token.
     */
    public byte tokenFirstByte()
    {
        return 0 == tokenLength ? 0 : buffer.getByte(tokenOffset);
    }

    /**
     * The current token as an integer: a NUMBER without fraction or exponent, or a STRING of digits (Coinbase sends
     * trade ids as strings).
     *
     * @return the value.
     * @throws JsonException when the token is not an integer that fits a long.
     */
    public long tokenAsLong()
    {
        if ((NUMBER != tokenType && STRING != tokenType) || 0 == tokenLength)
        {
            throw error("expected an integer");
        }

        int i = tokenOffset;
        final int tokenEnd = tokenOffset + tokenLength;
        final boolean negative = '-' == buffer.getByte(i);
        if (negative)
        {
            i++;
        }
        if (i == tokenEnd)
        {
            throw error("expected an integer but found '" + tokenAsString() + "'");
        }

        long value = 0;
        for (; i < tokenEnd; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10)
            {
                throw error("expected an integer that fits 64 bits but found '" + tokenAsString() + "'");
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * The current token as a String (allocates; for errors, control messages and tools).
     *
     * @return the token text.
     */
    public String tokenAsString()
    {
        return buffer.getStringWithoutLengthUtf8(tokenOffset, tokenLength);
    }

    /**
     * An exception naming a problem at the current position.
     *
     * @param message what is wrong.
     * @return the exception to throw.
     */
    public JsonException error(final String message)
    {
        return new JsonException(message + " at offset " + (position - start));
    }

    private boolean inObject()
    {
        return depth > 0 && 0 != (containerBits & (1L << (depth - 1)));
    }

    private void push(final boolean object)
    {
        if (depth >= MAX_DEPTH)
        {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (object)
        {
            containerBits |= 1L << depth;
        }
        else
        {
            containerBits &= ~(1L << depth);
        }
        depth++;
        expectName = object;
        needSeparator = false;
        justOpened = true;
    }

    private int close(final int type)
    {
        depth--;
        justOpened = false;
        expectName = false;
        needSeparator = depth > 0;
        finished = 0 == depth;
        return token(type, position++, 1);
    }

    private int value(final int type)
    {
        needSeparator = depth > 0;
        finished = 0 == depth;
        tokenType = type;
        return type;
    }

    private int token(final int type, final int offset, final int length)
    {
        tokenType = type;
        tokenOffset = offset;
        tokenLength = length;
        return type;
    }

    private void readString()
    {
        final int contentStart = position + 1;
        int i = contentStart;
        boolean escapes = false;

        // Eight bytes at a time while none can end the string, start an escape or be a control character; the byte
        // loop below takes over at the first word that might (false positives only cost a few byte checks).
        while (i + Long.BYTES <= end && !mayBeSpecial(buffer.getLong(i, java.nio.ByteOrder.LITTLE_ENDIAN)))
        {
            i += Long.BYTES;
        }

        while (i < end)
        {
            final byte c = buffer.getByte(i);
            if ('"' == c)
            {
                tokenOffset = contentStart;
                tokenLength = i - contentStart;
                tokenHasEscapes = escapes;
                position = i + 1;
                return;
            }
            if ('\\' == c)
            {
                escapes = true;
                i += 2;
                continue;
            }
            if (c >= 0 && c < 0x20)
            {
                position = i;
                throw error("control character in a string");
            }
            i++;
        }
        position = end;
        throw error("unterminated string");
    }

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    private static final long SPACES = 0x2020_2020_2020_2020L;

    /**
     * Whether any byte of the word may be a quote, a backslash or below 0x20 (the zero-byte trick of "Bit Twiddling
     * Hacks"; a borrow can flag a byte after a true match, never miss one).
     */
    private static boolean mayBeSpecial(final long word)
    {
        final long quote = word ^ QUOTES;
        final long backslash = word ^ BACKSLASHES;
        return 0 != ((((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash) | ((word - SPACES) & ~word)) &
            HIGHS);
    }

    private void readNumber()
    {
        final int numberStart = position;
        int i = position;
        while (i < end)
        {
            final byte c = buffer.getByte(i);
            if ((c >= '0' && c <= '9') || '-' == c || '+' == c || '.' == c || 'e' == c || 'E' == c)
            {
                i++;
            }
            else
            {
                break;
            }
        }
        tokenOffset = numberStart;
        tokenLength = i - numberStart;
        tokenHasEscapes = false;
        position = i;
    }

    private void literal(final byte[] expected)
    {
        if (position + expected.length > end)
        {
            throw error("truncated literal");
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (buffer.getByte(position + i) != expected[i])
            {
                throw error("invalid literal");
            }
        }
        tokenOffset = position;
        tokenLength = expected.length;
        position += expected.length;
    }

    private void skipWhitespace()
    {
        while (position < end)
        {
            final byte c = buffer.getByte(position);
            if (' ' == c || '\n' == c || '\r' == c || '\t' == c)
            {
                position++;
            }
            else
            {
                return;
            }
        }
    }
}
