/*
 * Copyright 2026 AlphaPulse.
 */
package io.alphapulse.lake.export;

import io.alphapulse.lake.Column;
import io.alphapulse.lake.ColumnKind;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A column of one data file: its kind and, for decimals, the scale and precision chosen for that file.
 *
 * @param column    the dataset column.
 * @param scale     decimal places (decimals only).
 * @param precision 18 (INT64) or 38 (16-byte FIXED_LEN_BYTE_ARRAY) (decimals only).
 */
record PartColumn(Column column, int scale, int precision)
{
    /**
     * Widest precision held in an INT64.
     */
    static final int LONG_PRECISION = 18;

    /**
     * Widest precision written (16 bytes).
     */
    static final int WIDE_PRECISION = 38;

    String name()
    {
        return column.name();
    }

    ColumnKind kind()
    {
        return column.kind();
    }

    boolean isWideDecimal()
    {
        return column.kind().isDecimal() && precision > LONG_PRECISION;
    }

    /**
     * The Parquet type.
     *
     * @return type.
     */
    Type parquetType()
    {
        final Type.Repetition repetition = column.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        return switch (column.kind())
        {
            case TIMESTAMP -> Types.primitive(PrimitiveType.PrimitiveTypeName.INT64, repetition)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                .named(name());
            case INT32 -> Types.primitive(PrimitiveType.PrimitiveTypeName.INT32, repetition)
                .as(LogicalTypeAnnotation.intType(32, true)).named(name());
            case INT64 -> Types.primitive(PrimitiveType.PrimitiveTypeName.INT64, repetition)
                .as(LogicalTypeAnnotation.intType(64, true)).named(name());
            case BOOLEAN -> Types.primitive(PrimitiveType.PrimitiveTypeName.BOOLEAN, repetition).named(name());
            case STRING, SYMBOL -> Types.primitive(PrimitiveType.PrimitiveTypeName.BINARY, repetition)
                .as(LogicalTypeAnnotation.stringType()).named(name());
            case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED -> isWideDecimal() ?
                Types.primitive(PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                    .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name()) :
                Types.primitive(PrimitiveType.PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.decimalType(scale, precision)).named(name());
        };
    }

    /**
     * Type as written in the manifest, e.g. {@code DECIMAL(18,2)}.
     *
     * @return SQL-like type name.
     */
    String typeName()
    {
        return switch (column.kind())
        {
            case TIMESTAMP -> "TIMESTAMP_MICROS_UTC";
            case INT32 -> "INT32";
            case INT64 -> "INT64";
            case BOOLEAN -> "BOOLEAN";
            case STRING, SYMBOL -> "STRING";
            case DECIMAL_PRICE, DECIMAL_QUANTITY, DECIMAL_OBSERVED -> "DECIMAL(" + precision + "," + scale + ")";
        };
    }
}
