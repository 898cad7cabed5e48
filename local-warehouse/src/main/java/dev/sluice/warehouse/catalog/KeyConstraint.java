package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An informational PRIMARY KEY or FOREIGN KEY of a table. Spark's session catalog refuses table
 * constraints, so the warehouse keeps each one as a Delta table property ({@code sluice.constraint.<name>}
 * = {@code PRIMARY KEY (`a`)} or {@code FOREIGN KEY (`c`) REFERENCES `cat`.`s`.`t` (`a`)}): it lives and dies
 * with the table, survives restarts and is replaced by CREATE OR REPLACE. A foreign key names its parent
 * table in Unity Catalog terms. A primary key column may be marked {@code TIMESERIES} (a feature table's
 * point-in-time key, {@code PRIMARY KEY (`user_id`, `ts` TIMESERIES)}), which Spark's grammar lacks: see
 * {@link TimeseriesKeys}.
 *
 * @param parent {catalog, schema, table} of a foreign key's parent table; empty for a primary key
 * @param timeseries the primary key's columns marked TIMESERIES (a subset of {@code columns}); empty for a
 *     foreign key
 */
public record KeyConstraint(String name, Type type, List<String> columns, List<String> parent,
                            List<String> parentColumns, List<String> timeseries) {

    static final String PROPERTY_PREFIX = "sluice.constraint.";

    /** Spellings as information_schema.table_constraints reports them. */
    public enum Type {
        PRIMARY_KEY("PRIMARY KEY"), FOREIGN_KEY("FOREIGN KEY");

        private final String sql;

        Type(String sql) {
            this.sql = sql;
        }

        String sql() {
            return sql;
        }
    }

    public KeyConstraint {
        columns = List.copyOf(columns);
        parent = List.copyOf(parent);
        parentColumns = List.copyOf(parentColumns);
        timeseries = List.copyOf(timeseries);
    }

    static KeyConstraint primaryKey(String name, List<String> columns) {
        return primaryKey(name, columns, List.of());
    }

    static KeyConstraint primaryKey(String name, List<String> columns, List<String> timeseries) {
        return new KeyConstraint(name, Type.PRIMARY_KEY, columns, List.of(), List.of(), timeseries);
    }

    static KeyConstraint foreignKey(String name, List<String> columns, List<String> parent,
                                    List<String> parentColumns) {
        return new KeyConstraint(name, Type.FOREIGN_KEY, columns, parent, parentColumns, List.of());
    }

    public boolean isPrimaryKey() {
        return type == Type.PRIMARY_KEY;
    }

    String propertyKey() {
        return PROPERTY_PREFIX + name;
    }

    String propertyValue() {
        String value = type.sql() + " " + quotedList(columns, timeseries);
        if (type == Type.FOREIGN_KEY) {
            value += " REFERENCES " + String.join(".", parent.stream().map(KeyConstraint::quote).toList())
                    + " " + quotedList(parentColumns, List.of());
        }
        return value;
    }

    /** The key constraints recorded in a table's properties; values that do not parse are skipped. */
    static List<KeyConstraint> fromProperties(Map<String, String> properties) {
        List<KeyConstraint> out = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(PROPERTY_PREFIX) && key.length() > PROPERTY_PREFIX.length()) {
                KeyConstraint c = parse(key.substring(PROPERTY_PREFIX.length()), value);
                if (c != null) {
                    out.add(c);
                }
            }
        });
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** The property key of the constraint called {@code name} (names compare without case), or null. */
    static String propertyKeyOf(Map<String, String> properties, String name) {
        for (String key : properties.keySet()) {
            if (key.startsWith(PROPERTY_PREFIX)
                    && key.substring(PROPERTY_PREFIX.length()).equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    static KeyConstraint parse(String name, String value) {
        SqlTokens t = SqlTokens.of(value);
        if (t == null) {
            return null;
        }
        try {
            if (t.accept("PRIMARY", "KEY")) {
                List<String> timeseries = new ArrayList<>();
                List<String> columns = nameList(t, timeseries);
                t.expectEnd();
                return primaryKey(name, columns, timeseries);
            }
            if (t.accept("FOREIGN", "KEY")) {
                List<String> columns = nameList(t, null);
                if (!t.accept("REFERENCES")) {
                    return null;
                }
                List<String> parent = t.qualifiedName();
                List<String> parentColumns = nameList(t, null);
                t.expectEnd();
                return parent.size() == 3 ? foreignKey(name, columns, parent, parentColumns) : null;
            }
            return null;
        } catch (WarehouseSqlError e) {
            return null; // a property someone else set by hand: not a constraint of ours
        }
    }

    /** {@code (a, b [TIMESERIES])}; the names marked TIMESERIES go to {@code timeseries} where it is given. */
    private static List<String> nameList(SqlTokens t, List<String> timeseries) {
        if (!t.acceptSymbol("(")) {
            throw WarehouseSqlError.syntax("'(' expected");
        }
        List<String> names = new ArrayList<>();
        do {
            names.add(t.identifier());
            if (timeseries != null && t.accept("TIMESERIES")) {
                timeseries.add(names.get(names.size() - 1));
            }
        } while (t.acceptSymbol(","));
        if (!t.acceptSymbol(")")) {
            throw WarehouseSqlError.syntax("')' expected");
        }
        return names;
    }

    private static String quotedList(List<String> names, List<String> timeseries) {
        return "(" + String.join(", ", names.stream()
                .map(n -> quote(n) + (timeseries.contains(n) ? " TIMESERIES" : "")).toList()) + ")";
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
