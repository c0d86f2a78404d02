/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

/**
 * How a PostgreSQL column becomes a Parquet column.
 */
public enum ColumnKind
{
    /**
     * {@code timestamptz} to {@code TIMESTAMP(MICROS, isAdjustedToUTC)} in an INT64: PostgreSQL keeps microseconds,
     * so nothing is lost.
     */
    TIMESTAMP,

    /**
     * {@code smallint}/{@code integer} to INT32.
     */
    INT32,

    /**
     * {@code bigint} to INT64.
     */
    INT64,

    /**
     * {@code boolean} to BOOLEAN.
     */
    BOOLEAN,

    /**
     * Any other type as its text, a UTF-8 STRING.
     */
    STRING,

    /**
     * {@code numeric} at the instrument's price scale: DECIMAL(18, scale) in an INT64, or DECIMAL(38, scale) when
     * a value needs more than 18 digits.
     */
    DECIMAL_PRICE,

    /**
     * {@code numeric} at the instrument's quantity scale, as {@link #DECIMAL_PRICE}.
     */
    DECIMAL_QUANTITY,

    /**
     * {@code numeric} with no instrument scale (fees, cash): the largest scale present in the file.
     */
    DECIMAL_OBSERVED,

    /**
     * Not read from the table: the instrument's canonical symbol from {@code instruments}, a STRING.
     */
    SYMBOL;

    /**
     * Whether this is one of the decimal kinds.
     *
     * @return true for decimals.
     */
    public boolean isDecimal()
    {
        return this == DECIMAL_PRICE || this == DECIMAL_QUANTITY || this == DECIMAL_OBSERVED;
    }
}
