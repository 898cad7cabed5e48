package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.catalog.TableConstraint;
import dev.sluice.jdbc.catalog.TableInfo;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Primary and foreign keys from each catalog's {@code information_schema.table_constraints},
 * {@code key_column_usage} and {@code referential_constraints} (Unity Catalog has informational PRIMARY KEY
 * and FOREIGN KEY constraints; feature tables are tables with a primary key). Where the server has no such
 * views the catalog contributes no keys.
 *
 * <p>Foreign keys are joined inside one catalog's information_schema, which lists the constraints of that
 * catalog's tables only; a key whose two tables live in different catalogs is therefore not reported.
 * KEY_SEQ numbers each key's columns from 1 in the order of {@code ordinal_position}, whatever base the server
 * counts from.
 *
 * <p>A call that names its table exactly (getPrimaryKeys, and getImportedKeys/getCrossReference by the foreign
 * table) reads the table's {@code table_constraints} from Unity Catalog REST instead ({@link MetaCatalog}), with
 * the same rows; getExportedKeys cannot (the keys that reference a table live in the other tables) and stays on
 * SQL, except that a named table REST finds missing or without a primary key has no exported keys and is
 * answered without SQL.
 */
final class MetaKeys {
    private static final int KEY_SEQ = MetaLayout.KEYS.index("KEY_SEQ");
    private static final int FK_NAME = MetaLayout.KEYS.index("FK_NAME");
    private static final int FK_CATALOG = MetaLayout.KEYS.index("FKTABLE_CAT");
    private static final int FK_SCHEMA = MetaLayout.KEYS.index("FKTABLE_SCHEM");
    private static final int PK_SEQ = MetaLayout.PRIMARY_KEYS.index("KEY_SEQ");
    private static final int PK_NAME = MetaLayout.PRIMARY_KEYS.index("PK_NAME");

    private final MetaSql sql;
    private final MetaCatalog rest;

    MetaKeys(MetaSql sql, MetaCatalog rest) {
        this.sql = sql;
        this.rest = rest;
    }

    static MetaQuery primaryKeyQuery(String catalog, String schema, String table) {
        return MetaQuery.of("SELECT k.table_catalog, k.table_schema, k.table_name, k.column_name, k.constraint_name,"
                        + " k.ordinal_position FROM " + MetaQuery.view(catalog, "table_constraints") + " AS t JOIN "
                        + MetaQuery.view(catalog, "key_column_usage") + " AS k"
                        + " ON k.constraint_catalog = t.constraint_catalog"
                        + " AND k.constraint_schema = t.constraint_schema"
                        + " AND k.constraint_name = t.constraint_name")
                .condition("t.constraint_type = 'PRIMARY KEY'")
                .equal("t.table_catalog", catalog)
                .equal("t.table_schema", schema)
                .equal("t.table_name", table);
    }

    /** Rows in the {@link MetaLayout#PRIMARY_KEYS} layout. */
    List<Object[]> primaryKeys(String catalog, String schema, String table) throws SQLException {
        if ("".equals(schema)) {
            return List.of();
        }
        MetaCatalog.Lookup found = rest.table(catalog, schema, table, true);
        List<Object[]> rows = found != null ? primaryKeyRows(found.table())
                : sql.perCatalog(catalog, c -> primaryKeyQuery(c, schema, table), (rs, c) -> new Object[] {
                    MetaSql.orElse(rs.getString(1), c), rs.getString(2), rs.getString(3), rs.getString(4),
                    position(rs, 6), rs.getString(5),
                });
        numberKeyColumns(rows, PK_SEQ, MetaLayout.PRIMARY_KEYS.index("TABLE_CAT"),
                MetaLayout.PRIMARY_KEYS.index("TABLE_SCHEM"), PK_NAME);
        return rows;
    }

    /** Which table of a foreign key the caller named, and so which side's catalog must be the one queried. */
    enum Named {
        /** getImportedKeys: the referencing (foreign-key) table. */
        FOREIGN_TABLE,
        /** getExportedKeys: the referenced (primary-key) table. */
        PRIMARY_TABLE,
        /** getCrossReference: both. */
        BOTH
    }

    /**
     * The foreign-key query of one catalog, narrowed to the referenced (primary) table, the referencing
     * (foreign) table, or both; a null name does not narrow. The names narrow {@code key_column_usage} in a
     * subquery directly over the view, so that a server that lists a view by the names its WHERE asks for (the
     * local warehouse does) lists the named side's keys only.
     */
    static MetaQuery foreignKeyQuery(String catalog, Named named, String pkSchema, String pkTable, String fkSchema,
                                     String fkTable) {
        boolean primary = named != Named.FOREIGN_TABLE;
        boolean foreign = named != Named.PRIMARY_TABLE;
        return MetaQuery.of("SELECT p.table_catalog, p.table_schema, p.table_name, p.column_name,"
                + " f.table_catalog, f.table_schema, f.table_name, f.column_name, f.ordinal_position,"
                + " r.update_rule, r.delete_rule, r.constraint_name, r.unique_constraint_name FROM "
                + MetaQuery.view(catalog, "referential_constraints") + " AS r JOIN "
                + keyColumns(catalog, foreign ? catalog : null, fkSchema, fkTable) + " AS f"
                + " ON f.constraint_catalog = r.constraint_catalog"
                + " AND f.constraint_schema = r.constraint_schema"
                + " AND f.constraint_name = r.constraint_name JOIN "
                + keyColumns(catalog, primary ? catalog : null, pkSchema, pkTable) + " AS p"
                + " ON p.constraint_catalog = r.unique_constraint_catalog"
                + " AND p.constraint_schema = r.unique_constraint_schema"
                + " AND p.constraint_name = r.unique_constraint_name"
                + " AND p.ordinal_position = f.position_in_unique_constraint");
    }

    /** {@code key_column_usage}, as a subquery narrowed to the table named when any name is given. */
    private static String keyColumns(String catalog, String tableCatalog, String schema, String table) {
        String view = MetaQuery.view(catalog, "key_column_usage");
        if (tableCatalog == null && schema == null && table == null) {
            return view;
        }
        return "(" + MetaQuery.of("SELECT * FROM " + view).equal("table_catalog", tableCatalog)
                .equal("table_schema", schema).equal("table_name", table).sql() + ")";
    }

    /**
     * Rows in the {@link MetaLayout#KEYS} layout from the catalogs {@code catalog} names (the catalog of
     * whichever table the caller named).
     */
    List<Object[]> foreignKeys(String catalog, Named named, String pkSchema, String pkTable, String fkSchema,
                               String fkTable) throws SQLException {
        if ("".equals(pkSchema) || "".equals(fkSchema)) {
            return List.of();
        }
        if (named == Named.PRIMARY_TABLE && withoutPrimaryKey(catalog, pkSchema, pkTable)) {
            return List.of();
        }
        List<Object[]> rows = named == Named.PRIMARY_TABLE ? null : foreignKeyRows(catalog, pkSchema, pkTable,
                fkSchema, fkTable);
        if (rows == null) {
            rows = sql.perCatalog(catalog, c -> foreignKeyQuery(c, named, pkSchema, pkTable, fkSchema, fkTable),
                    MetaKeys::foreignKeyRow);
        }
        numberKeyColumns(rows, KEY_SEQ, FK_CATALOG, FK_SCHEMA, FK_NAME);
        return rows;
    }

    /**
     * Whether REST says the table {@code catalog.schema.table} is missing or has no primary key: then no key
     * references it (Unity Catalog foreign keys reference a primary key, and the views join them through it), and
     * getExportedKeys answers at once instead of joining three views. False when REST cannot answer or the table
     * has a key, whose referencing tables only the views list.
     */
    private boolean withoutPrimaryKey(String catalog, String schema, String table) throws SQLException {
        MetaCatalog.Lookup found = rest.table(catalog, schema, table, true);
        return found != null && (found.table() == null || found.table().primaryKey().isEmpty());
    }

    /** The primary key of a table REST found (none for a missing table), in the {@link MetaLayout#PRIMARY_KEYS} layout. */
    private static List<Object[]> primaryKeyRows(TableInfo table) {
        List<Object[]> rows = new ArrayList<>();
        TableConstraint.PrimaryKey key = table == null ? null : table.primaryKey().orElse(null);
        if (key != null) {
            List<String> columns = key.childColumns();
            for (int i = 0; i < columns.size(); i++) {
                rows.add(new Object[] {
                    table.catalogName(), table.schemaName(), table.name(), columns.get(i), (short) (i + 1), key.name(),
                });
            }
        }
        return rows;
    }

    /**
     * The foreign keys of the table {@code catalog.fkSchema.fkTable} from REST, narrowed to the referenced table
     * when named, as the views give them: a key appears when its referenced table is in the same catalog and has a
     * primary key on exactly the referenced columns, and names that key; PKCOLUMN_NAME is that key's spelling of
     * the column. Null when REST cannot answer (the caller asks SQL); the referenced tables cost one call each.
     */
    private List<Object[]> foreignKeyRows(String catalog, String pkSchema, String pkTable, String fkSchema,
                                          String fkTable) throws SQLException {
        MetaCatalog.Lookup found = rest.table(catalog, fkSchema, fkTable, true);
        if (found == null) {
            return null;
        }
        List<Object[]> rows = new ArrayList<>();
        TableInfo child = found.table();
        if (child == null) {
            return rows;
        }
        Map<String, MetaCatalog.Lookup> parents = new HashMap<>();
        for (TableConstraint.ForeignKey key : child.foreignKeys()) {
            String[] parentName = key.parentTable() == null ? new String[0] : key.parentTable().split("\\.", -1);
            if (parentName.length != 3 || !parentName[0].equalsIgnoreCase(child.catalogName())) {
                continue; // the views join keys within one catalog
            }
            MetaCatalog.Lookup parentLookup = parents.get(key.parentTable());
            if (parentLookup == null) {
                parentLookup = rest.table(parentName[0], parentName[1], parentName[2], false);
                if (parentLookup == null) {
                    return null;
                }
                parents.put(key.parentTable(), parentLookup);
            }
            TableInfo parent = parentLookup.table();
            if (parent == null || pkSchema != null && !pkSchema.equals(parent.schemaName())
                    || pkTable != null && !pkTable.equals(parent.name())) {
                continue;
            }
            TableConstraint.PrimaryKey primary = parent.primaryKey().orElse(null);
            if (primary == null || primary.childColumns().size() != key.parentColumns().size()
                    || key.parentColumns().size() != key.childColumns().size()) {
                continue;
            }
            List<String> pkColumns = new ArrayList<>();
            for (String referenced : key.parentColumns()) {
                String match = null;
                for (String c : primary.childColumns()) {
                    if (c.equalsIgnoreCase(referenced)) {
                        match = c;
                        break;
                    }
                }
                pkColumns.add(match);
            }
            if (pkColumns.contains(null)) {
                continue;
            }
            for (int i = 0; i < pkColumns.size(); i++) {
                rows.add(new Object[] {
                    parent.catalogName(), parent.schemaName(), parent.name(), pkColumns.get(i),
                    child.catalogName(), child.schemaName(), child.name(), key.childColumns().get(i), (short) (i + 1),
                    (short) DatabaseMetaData.importedKeyNoAction, (short) DatabaseMetaData.importedKeyNoAction,
                    key.name(), primary.name(), (short) DatabaseMetaData.importedKeyNotDeferrable,
                });
            }
        }
        return rows;
    }

    private static Object[] foreignKeyRow(ResultSet rs, String catalog) throws SQLException {
        return new Object[] {
            MetaSql.orElse(rs.getString(1), catalog), rs.getString(2), rs.getString(3), rs.getString(4),
            MetaSql.orElse(rs.getString(5), catalog), rs.getString(6), rs.getString(7), rs.getString(8),
            position(rs, 9), rule(rs.getString(10)), rule(rs.getString(11)), rs.getString(12), rs.getString(13),
            (short) DatabaseMetaData.importedKeyNotDeferrable,
        };
    }

    /** The server's position as a short placeholder, replaced by {@link #numberKeyColumns}. */
    private static Short position(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? Short.MAX_VALUE : (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    /**
     * Replaces the server's positions in column {@code seq} by 1, 2, ... within each key, a key being the rows
     * that share catalog, schema and constraint name.
     */
    private static void numberKeyColumns(List<Object[]> rows, int seq, int catalog, int schema, int name) {
        rows.sort(Comparator.comparing((Object[] r) -> key(r, catalog, schema, name))
                .thenComparing(r -> (Short) r[seq]));
        Map<String, Short> next = new HashMap<>();
        for (Object[] row : rows) {
            String key = key(row, catalog, schema, name);
            short n = next.merge(key, (short) 1, (a, b) -> (short) (a + b));
            row[seq] = n;
        }
    }

    private static String key(Object[] row, int catalog, int schema, int name) {
        return row[catalog] + "\u0000" + row[schema] + "\u0000" + row[name];
    }

    /** UPDATE_RULE / DELETE_RULE from the SQL-standard rule text; Databricks always says NO ACTION. */
    static short rule(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "CASCADE":
                return (short) DatabaseMetaData.importedKeyCascade;
            case "SET NULL":
                return (short) DatabaseMetaData.importedKeySetNull;
            case "SET DEFAULT":
                return (short) DatabaseMetaData.importedKeySetDefault;
            case "RESTRICT":
                return (short) DatabaseMetaData.importedKeyRestrict;
            default:
                return (short) DatabaseMetaData.importedKeyNoAction;
        }
    }
}
