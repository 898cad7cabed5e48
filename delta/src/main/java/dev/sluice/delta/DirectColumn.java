package dev.sluice.delta;

import java.util.Objects;

/**
 * One column of a Delta table read or written directly: its name, its Databricks SQL type ({@code BIGINT},
 * {@code STRING}, {@code DECIMAL(18,2)}, {@code TIMESTAMP}, {@code TIMESTAMP_NTZ}, {@code ARRAY<INT>},
 * {@code MAP<STRING,BIGINT>}, {@code STRUCT<a:INT,b:STRING>}, ...) and whether it may hold nulls.
 */
public record DirectColumn(String name, String type, boolean nullable) {
    public DirectColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a column name is blank");
        }
    }

    /** A nullable column. */
    public static DirectColumn of(String name, String type) {
        return new DirectColumn(name, type, true);
    }
}
