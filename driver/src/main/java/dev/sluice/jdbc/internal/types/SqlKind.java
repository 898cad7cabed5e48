package dev.sluice.jdbc.internal.types;

/**
 * The families of Databricks SQL types that the decode path and the type table switch on. Several
 * spellings fold into one kind ({@code LONG} and {@code BIGINT}, {@code DEC} and {@code DECIMAL}); the
 * spelling a user sees is kept in {@link SqlType#name()}.
 */
public enum SqlKind {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INT,
    BIGINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    STRING,
    CHAR,
    VARCHAR,
    BINARY,
    DATE,
    TIME,
    TIMESTAMP,
    TIMESTAMP_NTZ,
    INTERVAL_YEAR_MONTH,
    INTERVAL_DAY_TIME,
    ARRAY,
    MAP,
    STRUCT,
    VARIANT,
    VOID,
    /** A type this driver does not know (GEOMETRY, USER_DEFINED_TYPE, ...): read as text. */
    OTHER;

    /** True for ARRAY, MAP and STRUCT. */
    public boolean isComplex() {
        return this == ARRAY || this == MAP || this == STRUCT;
    }
}
