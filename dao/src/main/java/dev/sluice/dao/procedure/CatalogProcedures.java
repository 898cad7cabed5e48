package dev.sluice.dao.procedure;

import dev.sluice.dao.catalog.Catalog;
import dev.sluice.jdbc.catalog.ColumnInfo;
import dev.sluice.jdbc.catalog.TableConstraint;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import dev.sluice.jdbc.procedure.ResultColumn;
import java.sql.JDBCType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The built-in Unity Catalog procedures ({@code {call sluice.catalog_list_tables('main', 'sales', '%')}}): thin
 * adapters over {@link Catalog} on the call's connection, returning rows. Errors are the DAO's (CatalogNotFound,
 * SchemaNotFound, TableNotFound, AccessDenied) with their SQLSTATEs.
 */
public final class CatalogProcedures implements ProcedureProvider {

    @Override
    public List<ProcedureSpec> procedures() {
        return List.of(listTables(), getTable());
    }

    private static ProcedureSpec listTables() {
        return new ProcedureSpec("catalog_list_tables",
                "The tables and views of a Unity Catalog schema whose names match a LIKE pattern, one row each",
                List.of(in("catalog", true, null, "catalog name"), in("schema", true, null, "schema name"),
                        in("pattern", false, "%", "table name LIKE pattern (% and _), without case; all by default")),
                true, call -> {
                    List<TableInfo> tables = Catalog.over(call.connection())
                            .tables(call.string("catalog"), call.string("schema"), call.string("pattern"));
                    List<List<Object>> rows = new ArrayList<>();
                    for (TableInfo t : tables) {
                        rows.add(Arrays.asList(t.catalogName(), t.schemaName(), t.name(), t.tableType(),
                                t.dataSourceFormat(), t.storageLocation(), t.owner(), t.comment(),
                                timestamp(t.createdAt()), timestamp(t.updatedAt()), t.tableId(), t.columns().size()));
                    }
                    return ProcedureOutcome.rows(List.of(col("table_catalog", JDBCType.VARCHAR),
                            col("table_schema", JDBCType.VARCHAR), col("table_name", JDBCType.VARCHAR),
                            col("table_type", JDBCType.VARCHAR), col("data_source_format", JDBCType.VARCHAR),
                            col("storage_location", JDBCType.VARCHAR), col("owner", JDBCType.VARCHAR),
                            col("comment", JDBCType.VARCHAR), col("created_at", JDBCType.TIMESTAMP),
                            col("updated_at", JDBCType.TIMESTAMP), col("table_id", JDBCType.VARCHAR),
                            col("column_count", JDBCType.INTEGER)), rows);
                });
    }

    /** One row per column, each carrying the table's own facts too, so that any SQL tool can show it as a grid. */
    private static ProcedureSpec getTable() {
        return new ProcedureSpec("catalog_get_table",
                "A Unity Catalog table: one row per column, with the table's type, format, location, keys and"
                        + " properties on every row",
                List.of(in("name", true, null, "catalog.schema.table")), true, call -> {
                    TableInfo t = Catalog.over(call.connection()).table(call.string("name"));
                    TableConstraint.PrimaryKey pk = t.primaryKey().orElse(null);
                    String properties = Json.of(new TreeMap<>(t.properties()));
                    List<List<Object>> rows = new ArrayList<>();
                    for (ColumnInfo c : t.columns()) {
                        boolean key = pk != null && pk.childColumns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
                        boolean timeseries = pk != null
                                && pk.timeseriesColumns().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()));
                        rows.add(Arrays.asList(t.fullName(), t.tableType(), t.dataSourceFormat(), t.storageLocation(),
                                t.owner(), t.comment(), t.tableId(), timestamp(t.createdAt()),
                                timestamp(t.updatedAt()), properties, c.position(), c.name(), c.typeText(),
                                c.typeName(), c.precision(), c.scale(), c.nullable(), c.comment(), c.partitionIndex(),
                                key, timeseries));
                    }
                    return ProcedureOutcome.rows(List.of(col("full_name", JDBCType.VARCHAR),
                            col("table_type", JDBCType.VARCHAR), col("data_source_format", JDBCType.VARCHAR),
                            col("storage_location", JDBCType.VARCHAR), col("owner", JDBCType.VARCHAR),
                            col("table_comment", JDBCType.VARCHAR), col("table_id", JDBCType.VARCHAR),
                            col("created_at", JDBCType.TIMESTAMP), col("updated_at", JDBCType.TIMESTAMP),
                            col("properties", JDBCType.VARCHAR), col("position", JDBCType.INTEGER),
                            col("column_name", JDBCType.VARCHAR), col("type_text", JDBCType.VARCHAR),
                            col("type_name", JDBCType.VARCHAR), col("precision", JDBCType.INTEGER),
                            col("scale", JDBCType.INTEGER), col("nullable", JDBCType.BOOLEAN),
                            col("comment", JDBCType.VARCHAR), col("partition_index", JDBCType.INTEGER),
                            col("is_primary_key", JDBCType.BOOLEAN), col("is_timeseries_key", JDBCType.BOOLEAN)),
                            rows);
                });
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static ParameterSpec in(String name, boolean required, Object defaultValue, String remarks) {
        return new ParameterSpec(name, ParameterMode.IN, JDBCType.VARCHAR, required, defaultValue, remarks);
    }

    private static ResultColumn col(String name, JDBCType type) {
        return new ResultColumn(name, type);
    }
}
