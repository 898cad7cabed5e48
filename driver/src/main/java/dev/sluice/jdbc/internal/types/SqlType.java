package dev.sluice.jdbc.internal.types;

import java.util.List;
import java.util.Objects;

/**
 * A parsed Databricks SQL type: {@code BIGINT}, {@code DECIMAL(10,2)}, {@code INTERVAL DAY TO SECOND},
 * {@code ARRAY<STRUCT<a: INT>>}. Immutable.
 *
 * @param kind the family switched on by the decode path
 * @param name the SQL spelling of the base type, upper case ({@code BIGINT}, {@code VARCHAR},
 *     {@code INTERVAL YEAR TO MONTH}, {@code ARRAY}); aliases such as {@code LONG} are normalised
 * @param precision DECIMAL precision or CHAR/VARCHAR length; 0 when the type has none
 * @param scale DECIMAL scale; 0 otherwise
 * @param fields ARRAY: one field {@code element}; MAP: {@code key} and {@code value}; STRUCT: its fields
 */
public record SqlType(SqlKind kind, String name, int precision, int scale, List<SqlField> fields) {
    public SqlType {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(name, "name is null");
        fields = List.copyOf(fields);
    }

    /** A type without parameters or fields. */
    public static SqlType of(SqlKind kind, String name) {
        return new SqlType(kind, name, 0, 0, List.of());
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(SqlKind.DECIMAL, "DECIMAL", precision, scale, List.of());
    }

    public static SqlType array(SqlType element) {
        return new SqlType(SqlKind.ARRAY, "ARRAY", 0, 0, List.of(new SqlField("element", element)));
    }

    public static SqlType map(SqlType key, SqlType value) {
        return new SqlType(SqlKind.MAP, "MAP", 0, 0, List.of(new SqlField("key", key), new SqlField("value", value)));
    }

    public static SqlType struct(List<SqlField> fields) {
        return new SqlType(SqlKind.STRUCT, "STRUCT", 0, 0, fields);
    }

    /** The element type of an ARRAY; null for other kinds. */
    public SqlType elementType() {
        return kind == SqlKind.ARRAY ? fields.get(0).type() : null;
    }

    /** The key type of a MAP; null for other kinds. */
    public SqlType keyType() {
        return kind == SqlKind.MAP ? fields.get(0).type() : null;
    }

    /** The value type of a MAP; null for other kinds. */
    public SqlType valueType() {
        return kind == SqlKind.MAP ? fields.get(1).type() : null;
    }

    /**
     * The Databricks spelling of the whole type, as {@code type_text} shows it:
     * {@code ARRAY<INT>}, {@code MAP<STRING, BIGINT>}, {@code STRUCT<a: INT, b: STRING>}, {@code DECIMAL(10,2)}.
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        appendText(sb);
        return sb.toString();
    }

    private void appendText(StringBuilder sb) {
        sb.append(name);
        switch (kind) {
            case DECIMAL:
                sb.append('(').append(precision).append(',').append(scale).append(')');
                return;
            case CHAR:
            case VARCHAR:
                if (precision > 0) {
                    sb.append('(').append(precision).append(')');
                }
                return;
            case ARRAY:
            case MAP:
                sb.append('<');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    fields.get(i).type().appendText(sb);
                }
                sb.append('>');
                return;
            case STRUCT:
                sb.append('<');
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    appendName(sb, fields.get(i).name());
                    sb.append(": ");
                    fields.get(i).type().appendText(sb);
                }
                sb.append('>');
                return;
            default:
                return;
        }
    }

    private static void appendName(StringBuilder sb, String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = Character.isLetterOrDigit(c) || c == '_';
        }
        if (plain) {
            sb.append(name);
        } else {
            sb.append('`').append(name.replace("`", "``")).append('`');
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
