/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fields of the flat JSON lines {@code pulse decode} prints (no spaces, string or scalar values), enough for
 * assertions without a JSON tree library in the collector's test scope.
 */
final class DecodedLine
{
    private static final Pattern LEVEL = Pattern.compile("\\[\"([^\"]*)\",\"([^\"]*)\"]");

    private DecodedLine()
    {
    }

    /**
     * A string field's value.
     *
     * @param line  JSON line.
     * @param field name.
     * @return the value, or null when the field is null or absent.
     */
    static String string(final String line, final String field)
    {
        final Matcher matcher = Pattern.compile("\"" + field + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * A scalar field's text: number, {@code true}, {@code false} or {@code null}.
     *
     * @param line  JSON line.
     * @param field name.
     * @return the text, or null when absent.
     */
    static String scalar(final String line, final String field)
    {
        final Matcher matcher = Pattern.compile("\"" + field + "\":(-?[0-9]+|true|false|null)").matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * A number field.
     *
     * @param line  JSON line.
     * @param field name.
     * @return the value.
     */
    static long number(final String line, final String field)
    {
        final String text = scalar(line, field);
        if (null == text || "null".equals(text))
        {
            throw new AssertionError("no number '" + field + "' in " + line);
        }
        return Long.parseLong(text);
    }

    /**
     * The type of a line.
     *
     * @param line JSON line.
     * @return e.g. {@code trade}.
     */
    static String type(final String line)
    {
        return string(line, "type");
    }

    /**
     * The levels of a book line's {@code bids} or {@code asks}.
     *
     * @param line JSON line.
     * @param side {@code bids} or {@code asks}.
     * @return {price, quantity} pairs as printed.
     */
    static List<String[]> levels(final String line, final String side)
    {
        final int start = line.indexOf("\"" + side + "\":[");
        if (start < 0)
        {
            throw new AssertionError("no " + side + " in " + line);
        }
        int depth = 0;
        int end = -1;
        for (int i = start + side.length() + 3; i < line.length() && end < 0; i++)
        {
            final char c = line.charAt(i);
            if ('[' == c)
            {
                depth++;
            }
            else if (']' == c && 0 == --depth)
            {
                end = i;
            }
        }
        final List<String[]> levels = new ArrayList<>();
        final Matcher matcher = LEVEL.matcher(line.substring(start, end + 1));
        while (matcher.find())
        {
            levels.add(new String[]{ matcher.group(1), matcher.group(2) });
        }
        return levels;
    }
}
