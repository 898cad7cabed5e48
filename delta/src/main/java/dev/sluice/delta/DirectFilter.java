package dev.sluice.delta;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Expression;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A row filter for direct reads: comparisons of a column with a value, combined with {@code and}/{@code or}.
 * Kernel uses it to skip partitions and files (partition values and file statistics); rows of the files that
 * remain are filtered here too, so a read returns exactly the rows that match.
 */
public final class DirectFilter {
    private final String op;
    private final String column;
    private final Object value;
    private final List<DirectFilter> children;

    private DirectFilter(String op, String column, Object value, List<DirectFilter> children) {
        this.op = op;
        this.column = column;
        this.value = value;
        this.children = children;
    }

    private static DirectFilter compare(String op, String column, Object value) {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(value, "value is null (use isNull)");
        return new DirectFilter(op, column, value, List.of());
    }

    public static DirectFilter eq(String column, Object value) {
        return compare("=", column, value);
    }

    public static DirectFilter lt(String column, Object value) {
        return compare("<", column, value);
    }

    public static DirectFilter le(String column, Object value) {
        return compare("<=", column, value);
    }

    public static DirectFilter gt(String column, Object value) {
        return compare(">", column, value);
    }

    public static DirectFilter ge(String column, Object value) {
        return compare(">=", column, value);
    }

    public static DirectFilter isNull(String column) {
        return new DirectFilter("IS_NULL", Objects.requireNonNull(column, "column is null"), null, List.of());
    }

    public static DirectFilter isNotNull(String column) {
        return new DirectFilter("IS_NOT_NULL", Objects.requireNonNull(column, "column is null"), null, List.of());
    }

    public DirectFilter and(DirectFilter other) {
        return new DirectFilter("AND", null, null, List.of(this, Objects.requireNonNull(other, "other is null")));
    }

    public DirectFilter or(DirectFilter other) {
        return new DirectFilter("OR", null, null, List.of(this, Objects.requireNonNull(other, "other is null")));
    }

    /** The columns this filter reads. */
    List<String> columns() {
        List<String> names = new ArrayList<>();
        if (column != null) {
            names.add(column);
        }
        for (DirectFilter c : children) {
            names.addAll(c.columns());
        }
        return names;
    }

    /** Kernel's form of this filter, values typed as the table's columns; 42703/22023 for a bad column or value. */
    Predicate toKernel(StructType schema) throws SQLException {
        if (!children.isEmpty()) {
            return new Predicate(op, children.get(0).toKernel(schema), children.get(1).toKernel(schema));
        }
        int index = schema.indexOf(column);
        if (index < 0) {
            throw new SQLException("filter column '" + column + "' is not a column of the table " + schema.fieldNames(),
                    "42703");
        }
        Column ref = new Column(column);
        if (value == null) {
            return new Predicate(op, ref);
        }
        DataType type = schema.at(index).getDataType();
        return new Predicate(op, ref, literal(type, Values.canonical(type, value, column)));
    }

    private static Expression literal(DataType type, Object canonical) throws SQLException {
        String name = DeltaTypes.sql(type);
        switch (name) {
            case "BIGINT": return Literal.ofLong((Long) canonical);
            case "INT": return Literal.ofInt((Integer) canonical);
            case "SMALLINT": return Literal.ofShort((Short) canonical);
            case "TINYINT": return Literal.ofByte((Byte) canonical);
            case "STRING": return Literal.ofString((String) canonical);
            case "DOUBLE": return Literal.ofDouble((Double) canonical);
            case "FLOAT": return Literal.ofFloat((Float) canonical);
            case "BOOLEAN": return Literal.ofBoolean((Boolean) canonical);
            case "BINARY": return Literal.ofBinary((byte[]) canonical);
            case "DATE": return Literal.ofDate((Integer) canonical);
            case "TIMESTAMP": return Literal.ofTimestamp((Long) canonical);
            case "TIMESTAMP_NTZ": return Literal.ofTimestampNtz((Long) canonical);
            default:
                if (canonical instanceof java.math.BigDecimal d && type instanceof io.delta.kernel.types.DecimalType t) {
                    return Literal.ofDecimal(d, t.getPrecision(), t.getScale());
                }
                throw new SQLException("a filter cannot compare a column of type " + name, "0A000");
        }
    }

    /** Whether a row (values by column name) matches; SQL's three-valued logic, unknown counting as no match. */
    Boolean test(java.util.function.Function<String, Object> row) {
        switch (op) {
            case "AND": {
                Boolean a = children.get(0).test(row);
                Boolean b = children.get(1).test(row);
                if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
                    return false;
                }
                return a == null || b == null ? null : true;
            }
            case "OR": {
                Boolean a = children.get(0).test(row);
                Boolean b = children.get(1).test(row);
                if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
                    return true;
                }
                return a == null || b == null ? null : false;
            }
            case "IS_NULL":
                return row.apply(column) == null;
            case "IS_NOT_NULL":
                return row.apply(column) != null;
            default: {
                Object actual = row.apply(column);
                if (actual == null) {
                    return null;
                }
                int c = compareValues(actual, value);
                switch (op) {
                    case "=": return c == 0;
                    case "<": return c < 0;
                    case "<=": return c <= 0;
                    case ">": return c > 0;
                    default: return c >= 0;
                }
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object actual, Object wanted) {
        if (actual instanceof Number a && wanted instanceof Number w) {
            return new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(w.toString()));
        }
        if (actual instanceof java.time.Instant a && wanted instanceof java.sql.Timestamp w) {
            return a.compareTo(w.toInstant());
        }
        if (actual instanceof java.time.LocalDate a && wanted instanceof java.sql.Date w) {
            return a.compareTo(w.toLocalDate());
        }
        if (actual instanceof byte[] a && wanted instanceof byte[] w) {
            return java.util.Arrays.compareUnsigned(a, w);
        }
        return ((Comparable) actual).compareTo(wanted);
    }

    @Override
    public String toString() {
        if (!children.isEmpty()) {
            return "(" + children.get(0) + " " + op + " " + children.get(1) + ")";
        }
        return value == null ? column + " " + op.replace('_', ' ') : column + " " + op + " " + value;
    }
}
