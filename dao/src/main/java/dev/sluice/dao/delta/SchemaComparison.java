package dev.sluice.dao.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Compares schemas: the classified diff for evolve, and the pre-write check of validate. */
final class SchemaComparison {

    private SchemaComparison() {
    }

    static SchemaDiff diff(StructType current, StructType expected, Map<String, String> renames) {
        List<SchemaChange> changes = new ArrayList<>();
        compare("", current, expected, renames, changes);
        return new SchemaDiff(changes);
    }

    private static void compare(String prefix, StructType current, StructType expected, Map<String, String> renames,
                                List<SchemaChange> out) {
        for (StructField cur : current.fields()) {
            String path = prefix + cur.name();
            String renamedTo = prefix.isEmpty() ? renames.get(cur.name()) : null;
            Optional<StructField> exp = expected.field(renamedTo != null ? renamedTo : cur.name());
            if (exp.isEmpty()) {
                out.add(new SchemaChange(SchemaChange.Kind.DROP, path, Optional.of(cur.type()), Optional.empty(),
                        Optional.empty(), "not in the expected schema; dropping needs column mapping (name)"));
                continue;
            }
            if (renamedTo != null && !renamedTo.equals(cur.name())) {
                out.add(new SchemaChange(SchemaChange.Kind.RENAME, path, Optional.of(cur.type()),
                        Optional.of(exp.get().type()), Optional.of(renamedTo),
                        "renamed to " + renamedTo + "; needs column mapping (name)"));
            }
            field(path, cur, exp.get(), renames, out);
        }
        for (StructField exp : expected.fields()) {
            boolean known = current.field(exp.name()).isPresent() || prefix.isEmpty()
                    && renames.values().stream().anyMatch(n -> n.equalsIgnoreCase(exp.name()));
            if (!known) {
                out.add(new SchemaChange(SchemaChange.Kind.ADD, prefix + exp.name(), Optional.empty(),
                        Optional.of(exp.type()), Optional.empty(), "new column; added by ADD COLUMNS"));
            }
        }
    }

    private static void field(String path, StructField cur, StructField exp, Map<String, String> renames,
                              List<SchemaChange> out) {
        DataType a = cur.type();
        DataType b = exp.type();
        if (a instanceof StructType sa && b instanceof StructType sb) {
            compare(path + ".", sa, sb, Map.of(), out);
        } else if (!sameType(a, b)) {
            Optional<DataType> from = Optional.of(a);
            Optional<DataType> to = Optional.of(b);
            if (TypeRules.widens(a, b)) {
                out.add(new SchemaChange(SchemaChange.Kind.WIDEN, path, from, to, Optional.empty(),
                        "widens " + a.sql() + " to " + b.sql() + "; needs delta.enableTypeWidening"));
            } else if (TypeRules.widens(b, a)) {
                out.add(new SchemaChange(SchemaChange.Kind.REFUSED, path, from, to, Optional.empty(),
                        "narrows " + a.sql() + " to " + b.sql() + "; Delta cannot narrow a type in place"));
            } else {
                out.add(new SchemaChange(SchemaChange.Kind.REFUSED, path, from, to, Optional.empty(),
                        "changes " + a.sql() + " to " + b.sql() + ", which is not a widening Delta supports"));
            }
        }
        if (!cur.nullable() && exp.nullable()) {
            out.add(new SchemaChange(SchemaChange.Kind.DROP_NOT_NULL, path, Optional.of(a), Optional.of(b),
                    Optional.empty(), "becomes nullable; ALTER COLUMN DROP NOT NULL"));
        } else if (cur.nullable() && !exp.nullable()) {
            out.add(new SchemaChange(SchemaChange.Kind.REFUSED, path, Optional.of(a), Optional.of(b), Optional.empty(),
                    "becomes NOT NULL; existing rows may hold nulls, add a CHECK constraint instead"));
        }
    }

    /** Types equal ignoring nullability and comments inside nested types. */
    static boolean sameType(DataType a, DataType b) {
        if (a instanceof StructType sa && b instanceof StructType sb) {
            if (sa.fields().size() != sb.fields().size()) {
                return false;
            }
            for (int i = 0; i < sa.fields().size(); i++) {
                StructField x = sa.fields().get(i);
                StructField y = sb.fields().get(i);
                if (!x.name().equalsIgnoreCase(y.name()) || !sameType(x.type(), y.type())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof DataType.ArrayType x && b instanceof DataType.ArrayType y) {
            return sameType(x.element(), y.element());
        }
        if (a instanceof DataType.MapType x && b instanceof DataType.MapType y) {
            return sameType(x.key(), y.key()) && sameType(x.value(), y.value());
        }
        return a.equals(b);
    }

    /** Every reason the rows cannot be written as they are; empty when they can. */
    static List<String> validate(StructType table, StructType rows) {
        List<String> problems = new ArrayList<>();
        for (StructField r : rows.fields()) {
            Optional<StructField> t = table.field(r.name());
            if (t.isEmpty()) {
                problems.add(r.name() + ": not a column of the table (needs schema evolution to be added)");
            } else if (!sameType(t.get().type(), r.type()) && !TypeRules.widens(r.type(), t.get().type())) {
                problems.add(r.name() + ": " + r.type().sql() + " does not fit the column's "
                        + t.get().type().sql()
                        + (TypeRules.widens(t.get().type(), r.type()) ? " (the column must be widened first)" : ""));
            }
        }
        for (StructField t : table.fields()) {
            if (!t.nullable() && rows.field(t.name()).isEmpty()) {
                problems.add(t.name() + ": NOT NULL column missing from the rows");
            }
        }
        return problems;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
