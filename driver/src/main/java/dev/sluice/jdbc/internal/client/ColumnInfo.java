package dev.sluice.jdbc.internal.client;

/**
 * One column of a result manifest ({@code manifest.schema.columns[]}).
 *
 * @param name column label
 * @param position 0-based position
 * @param typeName the Spark-internal type name ({@code LONG}, {@code DECIMAL}, {@code TIMESTAMP_NTZ}, ...);
 *     unknown values are kept as sent
 * @param typeText the SQL spelling ({@code BIGINT}, {@code DECIMAL(18,2)}, {@code ARRAY<INT>}, ...)
 * @param precision {@code type_precision}, or -1 when absent
 * @param scale {@code type_scale}, or -1 when absent
 * @param intervalType {@code type_interval_type} such as {@code DAY TO SECOND}, or null
 */
public record ColumnInfo(String name, int position, String typeName, String typeText, int precision, int scale,
                         String intervalType) {
}
