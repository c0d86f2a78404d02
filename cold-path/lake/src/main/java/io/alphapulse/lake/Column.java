/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake;

/**
 * One column of a dataset.
 *
 * @param name     column name, the same in PostgreSQL and Parquet.
 * @param kind     how it is converted.
 * @param nullable whether it may be null (OPTIONAL in Parquet, else REQUIRED).
 */
public record Column(String name, ColumnKind kind, boolean nullable)
{
    /**
     * A NOT NULL column.
     *
     * @param name column name.
     * @param kind how it is converted.
     * @return the column.
     */
    public static Column required(final String name, final ColumnKind kind)
    {
        return new Column(name, kind, false);
    }

    /**
     * A nullable column.
     *
     * @param name column name.
     * @param kind how it is converted.
     * @return the column.
     */
    public static Column optional(final String name, final ColumnKind kind)
    {
        return new Column(name, kind, true);
    }
}
