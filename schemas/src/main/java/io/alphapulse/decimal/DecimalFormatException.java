/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.decimal;

/**
 * A decimal that cannot be represented exactly: malformed text, too many significant digits, more decimal places
 * than the target scale allows, or a value out of range. The message always names the offending value.
 */
public final class DecimalFormatException extends NumberFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * Why the value was rejected.
     */
    public enum Reason
    {
        /**
         * Not a decimal number: empty, no digits, or an unexpected character.
         */
        MALFORMED,

        /**
         * More significant digits than a 64-bit mantissa holds.
         */
        TOO_MANY_DIGITS,

        /**
         * More decimal places than the target scale, and not all of them zero.
         */
        TOO_MANY_DECIMAL_PLACES,

        /**
         * The value at the target scale does not fit a 64-bit mantissa.
         */
        OUT_OF_RANGE
    }

    private final Reason reason;
    private final String value;

    /**
     * Create an exception naming the value and the reason.
     *
     * @param reason why the value was rejected.
     * @param value  the value as given.
     * @param detail what was wrong, for a person to read.
     */
    public DecimalFormatException(final Reason reason, final String value, final String detail)
    {
        super("cannot represent decimal '" + value + "' exactly: " + detail);
        this.reason = reason;
        this.value = value;
    }

    /**
     * Why the value was rejected.
     *
     * @return why the value was rejected.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * The value as given.
     *
     * @return the value as given.
     */
    public String value()
    {
        return value;
    }
}
