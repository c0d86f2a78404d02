/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.strategy;

import io.alphapulse.decimal.DecimalCodec;
import io.alphapulse.decimal.DecimalFormatException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strategy's parameters, given as {@code key=value} ({@code --param key=value} on the command line). Typed
 * accessors fail fast with a message naming the key and the bad value; {@link #requireOnly(Collection)} rejects keys
 * the strategy does not know, so a typo never silently falls back to a default.
 */
public final class StrategyParams
{
    private final Map<String, String> values;

    private StrategyParams(final Map<String, String> values)
    {
        this.values = values;
    }

    /**
     * Parse {@code key=value} pairs.
     *
     * @param pairs the pairs; a key given twice keeps the last value.
     * @return the parameters.
     * @throws IllegalArgumentException for a pair without '=' or with an empty key.
     */
    public static StrategyParams parse(final List<String> pairs)
    {
        final Map<String, String> values = new TreeMap<>();
        if (null != pairs)
        {
            for (final String pair : pairs)
            {
                final int eq = pair.indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("strategy parameter '" + pair + "' is not key=value");
                }
                values.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new StrategyParams(values);
    }

    /**
     * Parameters from a map.
     *
     * @param values key to value.
     * @return the parameters.
     */
    public static StrategyParams of(final Map<String, String> values)
    {
        return new StrategyParams(new TreeMap<>(values));
    }

    /**
     * Fail if a key is not among the known ones.
     *
     * @param knownKeys keys the strategy reads.
     * @return this.
     * @throws IllegalArgumentException naming the unknown key and the known ones.
     */
    public StrategyParams requireOnly(final Collection<String> knownKeys)
    {
        for (final String key : values.keySet())
        {
            if (!knownKeys.contains(key))
            {
                throw new IllegalArgumentException("unknown strategy parameter '" + key + "': known are " + knownKeys);
            }
        }
        return this;
    }

    /**
     * A text value.
     *
     * @param key          key.
     * @param defaultValue when absent.
     * @return the value.
     */
    public String string(final String key, final String defaultValue)
    {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * An integer value.
     *
     * @param key          key.
     * @param defaultValue when absent.
     * @return the value.
     */
    public long longValue(final String key, final long defaultValue)
    {
        final String text = values.get(key);
        if (null == text)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("strategy parameter " + key + "=" + text + " is not an integer");
        }
    }

    /**
     * A positive integer value.
     *
     * @param key          key.
     * @param defaultValue when absent.
     * @return the value.
     */
    public long positiveLong(final String key, final long defaultValue)
    {
        final long value = longValue(key, defaultValue);
        if (value <= 0)
        {
            throw new IllegalArgumentException("strategy parameter " + key + "=" + value + " must be positive");
        }
        return value;
    }

    /**
     * A decimal value as a mantissa at a scale, exactly: more decimal places than the scale is an error.
     *
     * @param key          key.
     * @param defaultValue decimal text when absent.
     * @param scale        decimal places.
     * @return the mantissa.
     */
    public long decimal(final String key, final String defaultValue, final int scale)
    {
        final String text = values.getOrDefault(key, defaultValue);
        try
        {
            return DecimalCodec.parse(text, scale);
        }
        catch (final DecimalFormatException ex)
        {
            throw new IllegalArgumentException(
                "strategy parameter " + key + "=" + text + " is not a decimal with at most " + scale +
                " places: " + ex.getMessage());
        }
    }

    /**
     * Every key given.
     *
     * @return keys.
     */
    public Collection<String> keys()
    {
        return values.keySet();
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return values.toString();
    }
}
