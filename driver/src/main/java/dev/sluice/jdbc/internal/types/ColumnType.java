package dev.sluice.jdbc.internal.types;

import java.util.Objects;

/**
 * How one result column is described through JDBC: everything {@code ResultSetMetaData} answers about
 * a column's type. Immutable; no number is ever negative (CachedRowSet and others reject negatives).
 *
 * @param jdbcType the {@link java.sql.Types} code ({@code getColumnType})
 * @param typeName the SQL name a user writes ({@code getColumnTypeName}): BIGINT, DECIMAL, TIMESTAMP_NTZ,
 *     INTERVAL DAY TO SECOND, ARRAY, ...
 * @param className the class {@code getObject} returns ({@code getColumnClassName})
 * @param precision {@code getPrecision}: digits for numbers, characters for text and datetimes
 * @param scale {@code getScale}: fraction digits for DECIMAL, fractional-second digits for timestamps
 * @param displaySize {@code getColumnDisplaySize}: the longest text {@code getString} returns
 * @param signed {@code isSigned}
 * @param caseSensitive {@code isCaseSensitive}: true for text
 * @param nullable {@code isNullable} as far as the manifest tells: it does not, so {@code columnNullableUnknown}
 *     (the result set's metadata takes it from the Arrow schema where there is one)
 * @param sqlType the parsed type, with fields for ARRAY/MAP/STRUCT
 */
public record ColumnType(int jdbcType, String typeName, String className, int precision, int scale,
                         int displaySize, boolean signed, boolean caseSensitive, int nullable, SqlType sqlType) {
    public ColumnType {
        Objects.requireNonNull(typeName, "typeName is null");
        Objects.requireNonNull(className, "className is null");
        Objects.requireNonNull(sqlType, "sqlType is null");
        if (precision < 0 || scale < 0 || displaySize < 0) {
            throw new IllegalArgumentException("negative size for " + typeName);
        }
    }
}
