package dev.sluice.jdbc.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table or view as Unity Catalog reports it.
 *
 * @param fullName {@code catalog.schema.table}
 * @param tableType MANAGED, EXTERNAL, VIEW, MATERIALIZED_VIEW, STREAMING_TABLE, ...
 * @param dataSourceFormat DELTA, PARQUET, CSV, ...; null for a view
 * @param columns in their order; empty when the server omitted them
 * @param storageLocation null for a view
 * @param properties never null
 * @param tableId the id {@link UnityCatalog#temporaryTableCredentials} takes
 * @param viewDefinition a view's text, null for a table
 * @param constraints filled by {@link UnityCatalog#getTable}, empty in lists
 */
public record TableInfo(String name, String catalogName, String schemaName, String fullName, String tableType,
                        String dataSourceFormat, List<ColumnInfo> columns, String storageLocation, String comment,
                        Map<String, String> properties, String owner, Instant createdAt, String createdBy,
                        Instant updatedAt, String updatedBy, String tableId, String viewDefinition,
                        List<TableConstraint> constraints) {
    public TableInfo {
        columns = List.copyOf(columns);
        properties = Map.copyOf(properties);
        constraints = List.copyOf(constraints);
    }

    /** The column called {@code name} (compared without case, as Databricks does). */
    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The primary key, when the table has one. */
    public Optional<TableConstraint.PrimaryKey> primaryKey() {
        return constraints.stream().filter(c -> c instanceof TableConstraint.PrimaryKey)
                .map(c -> (TableConstraint.PrimaryKey) c).findFirst();
    }

    /** The foreign keys, in the server's order. */
    public List<TableConstraint.ForeignKey> foreignKeys() {
        List<TableConstraint.ForeignKey> keys = new ArrayList<>();
        for (TableConstraint c : constraints) {
            if (c instanceof TableConstraint.ForeignKey f) {
                keys.add(f);
            }
        }
        return keys;
    }

    /** The partition columns' names in partitioning order. */
    public List<String> partitionColumns() {
        return columns.stream().filter(ColumnInfo::isPartition)
                .sorted((a, b) -> Integer.compare(a.partitionIndex(), b.partitionIndex()))
                .map(ColumnInfo::name).toList();
    }

    /** Whether this is a view of any kind (VIEW, MATERIALIZED_VIEW, METRIC_VIEW). */
    public boolean isView() {
        return tableType != null && tableType.endsWith("VIEW");
    }
}
