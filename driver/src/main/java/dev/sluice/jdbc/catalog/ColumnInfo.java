package dev.sluice.jdbc.catalog;

/**
 * A column of a table as Unity Catalog reports it.
 *
 * @param typeText the type as SQL writes it, e.g. {@code bigint}, {@code decimal(10,2)}, {@code array<string>}
 * @param typeName the type's kind: LONG, STRING, DECIMAL, ARRAY, STRUCT, TIMESTAMP, TIMESTAMP_NTZ, ...
 * @param typeJson the Spark StructField JSON, or null when not sent
 * @param precision {@code type_precision}, 0 when not sent
 * @param scale {@code type_scale}, 0 when not sent
 * @param position 0-based
 * @param nullable true unless the server says false
 * @param partitionIndex the column's place in the table's partitioning (0-based), or null for a column that does
 *     not partition the table
 */
public record ColumnInfo(String name, String typeText, String typeName, String typeJson, int precision, int scale,
                         int position, boolean nullable, String comment, Integer partitionIndex) {
    /** Whether the table is partitioned by this column. */
    public boolean isPartition() {
        return partitionIndex != null;
    }
}
