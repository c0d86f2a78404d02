/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.collector.json;

/**
 * A frame that is not well-formed JSON, or not the JSON an exchange protocol promises. The message says what and
 * where; the collector counts it, reports it once per kind and goes on with the next frame.
 */
public final class JsonException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * A malformed frame.
     *
     * @param message what is wrong and where.
     */
    public JsonException(final String message)
    {
        super(message);
    }
}
