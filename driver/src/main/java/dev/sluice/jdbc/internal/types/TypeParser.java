package dev.sluice.jdbc.internal.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Databricks type text as the manifest's {@code type_text} and Arrow's {@code Spark:DataType:SqlName}
 * spell it: {@code ARRAY<STRUCT<a: INT, b: MAP<STRING, DECIMAL(10,2)>>>}, {@code STRUCT<a:INT>},
 * {@code STRUCT<`odd name`: STRING NOT NULL COMMENT 'x'>}, {@code INTERVAL DAY TO SECOND}, and the
 * Spark-internal names of {@code type_name} ({@code LONG}, {@code SHORT}, {@code BYTE}).
 *
 * <p>Never throws: text it cannot read becomes an {@link SqlKind#OTHER} type named after the text, which
 * the driver reads as a string. A server that invents a new type must not break a query.
 */
public final class TypeParser {
    private final String text;
    private int pos;

    private TypeParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; null or blank gives an OTHER type with an empty name. */
    public static SqlType parse(String text) {
        if (text == null || text.isBlank()) {
            return SqlType.of(SqlKind.OTHER, "");
        }
        TypeParser p = new TypeParser(text);
        try {
            SqlType t = p.type();
            p.skipSpace();
            if (p.pos != text.length()) {
                throw new Malformed();
            }
            return t;
        } catch (Malformed e) {
            return SqlType.of(SqlKind.OTHER, text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Signals unreadable text internally; never escapes {@link #parse(String)}. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }

    private SqlType type() throws Malformed {
        String first = word();
        if (first == null) {
            throw new Malformed();
        }
        StringBuilder name = new StringBuilder(first.toUpperCase(Locale.ROOT));
        // Multi-word names: INTERVAL DAY TO SECOND, DOUBLE PRECISION. NOT/COMMENT end a STRUCT field's type.
        while (true) {
            int mark = pos;
            String next = word();
            if (next == null || next.equalsIgnoreCase("NOT") || next.equalsIgnoreCase("COMMENT")) {
                pos = mark;
                break;
            }
            name.append(' ').append(next.toUpperCase(Locale.ROOT));
        }
        String base = name.toString();
        int[] params = params();
        switch (base) {
            case "ARRAY":
                return SqlType.array(onlyArgument());
            case "MAP":
                return mapArguments();
            case "STRUCT":
                return SqlType.struct(structFields());
            default:
                return scalar(base, params);
        }
    }

    private SqlType onlyArgument() throws Malformed {
        expect('<');
        SqlType element = type();
        expect('>');
        return element;
    }

    private SqlType mapArguments() throws Malformed {
        expect('<');
        SqlType key = type();
        expect(',');
        SqlType value = type();
        expect('>');
        return SqlType.map(key, value);
    }

    private List<SqlField> structFields() throws Malformed {
        expect('<');
        List<SqlField> fields = new ArrayList<>();
        if (peek() == '>') {
            pos++;
            return fields;
        }
        do {
            String fieldName = identifier();
            if (peek() == ':') {
                pos++;
            }
            SqlType t = type();
            fieldTrailer();
            fields.add(new SqlField(fieldName, t));
        } while (accept(','));
        expect('>');
        return fields;
    }

    /** Skips {@code NOT NULL} and {@code COMMENT '...'} after a STRUCT field's type. */
    private void fieldTrailer() throws Malformed {
        while (true) {
            int mark = pos;
            String w = word();
            if (w == null) {
                return;
            }
            if (w.equalsIgnoreCase("NOT")) {
                String n = word();
                if (n == null || !n.equalsIgnoreCase("NULL")) {
                    throw new Malformed();
                }
            } else if (w.equalsIgnoreCase("COMMENT")) {
                stringLiteral();
            } else {
                pos = mark;
                return;
            }
        }
    }

    private int[] params() throws Malformed {
        if (peek() != '(') {
            return new int[0];
        }
        pos++;
        List<Integer> values = new ArrayList<>();
        do {
            values.add(number());
        } while (accept(','));
        expect(')');
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static SqlType scalar(String base, int[] params) throws Malformed {
        if (base.startsWith("INTERVAL")) {
            return interval(base);
        }
        switch (base) {
            case "BOOLEAN":
            case "BOOL":
                return SqlType.of(SqlKind.BOOLEAN, "BOOLEAN");
            case "TINYINT":
            case "BYTE":
                return SqlType.of(SqlKind.TINYINT, "TINYINT");
            case "SMALLINT":
            case "SHORT":
                return SqlType.of(SqlKind.SMALLINT, "SMALLINT");
            case "INT":
            case "INTEGER":
                return SqlType.of(SqlKind.INT, "INT");
            case "BIGINT":
            case "LONG":
                return SqlType.of(SqlKind.BIGINT, "BIGINT");
            case "FLOAT":
            case "REAL":
                return SqlType.of(SqlKind.FLOAT, "FLOAT");
            case "DOUBLE":
            case "DOUBLE PRECISION":
                return SqlType.of(SqlKind.DOUBLE, "DOUBLE");
            case "DECIMAL":
            case "DEC":
            case "NUMERIC":
                return decimal(params);
            case "STRING":
                return SqlType.of(SqlKind.STRING, "STRING");
            case "CHAR":
            case "CHARACTER":
                return sized(SqlKind.CHAR, "CHAR", params);
            case "VARCHAR":
                return sized(SqlKind.VARCHAR, "VARCHAR", params);
            case "BINARY":
                return SqlType.of(SqlKind.BINARY, "BINARY");
            case "DATE":
                return SqlType.of(SqlKind.DATE, "DATE");
            case "TIME":
                return SqlType.of(SqlKind.TIME, "TIME");
            case "TIMESTAMP":
            case "TIMESTAMP_LTZ":
                return SqlType.of(SqlKind.TIMESTAMP, "TIMESTAMP");
            case "TIMESTAMP_NTZ":
                return SqlType.of(SqlKind.TIMESTAMP_NTZ, "TIMESTAMP_NTZ");
            case "VARIANT":
                return SqlType.of(SqlKind.VARIANT, "VARIANT");
            case "VOID":
            case "NULL":
                return SqlType.of(SqlKind.VOID, "VOID");
            default:
                return SqlType.of(SqlKind.OTHER, base);
        }
    }

    private static SqlType decimal(int[] params) throws Malformed {
        if (params.length > 2) {
            throw new Malformed();
        }
        int precision = params.length > 0 ? params[0] : 10;
        int scale = params.length > 1 ? params[1] : 0;
        return SqlType.decimal(precision, scale);
    }

    private static SqlType sized(SqlKind kind, String name, int[] params) throws Malformed {
        if (params.length > 1) {
            throw new Malformed();
        }
        return new SqlType(kind, name, params.length == 1 ? params[0] : 0, 0, List.of());
    }

    /** Year-month qualifiers (YEAR, MONTH, YEAR TO MONTH) against the day-time family. */
    static SqlType interval(String base) {
        String qualifier = base.substring("INTERVAL".length()).trim();
        boolean yearMonth = !qualifier.isEmpty()
                && !qualifier.contains("DAY") && !qualifier.contains("HOUR")
                && !qualifier.contains("MINUTE") && !qualifier.contains("SECOND");
        return SqlType.of(yearMonth ? SqlKind.INTERVAL_YEAR_MONTH : SqlKind.INTERVAL_DAY_TIME, base);
    }

    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                break;
            }
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    private String identifier() throws Malformed {
        skipSpace();
        if (peek() != '`') {
            String w = word();
            if (w == null) {
                throw new Malformed();
            }
            return w;
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '`') {
                if (pos < text.length() && text.charAt(pos) == '`') {
                    sb.append('`');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        throw new Malformed();
    }

    private void stringLiteral() throws Malformed {
        skipSpace();
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw new Malformed();
        }
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == quote) {
                return;
            }
        }
        throw new Malformed();
    }

    private int number() throws Malformed {
        String w = word();
        if (w == null) {
            throw new Malformed();
        }
        try {
            return Integer.parseInt(w);
        } catch (NumberFormatException e) {
            throw new Malformed();
        }
    }

    private char peek() {
        skipSpace();
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws Malformed {
        if (!accept(c)) {
            throw new Malformed();
        }
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
