package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's name: {@code table}, {@code schema.table} or {@code catalog.schema.table}. Parts are kept unquoted
 * and always rendered quoted with backticks, so names with spaces, dots, backticks or reserved words are safe.
 */
public final class TableName {

    private final String catalog;
    private final String schema;
    private final String table;

    private TableName(String catalog, String schema, String table) {
        this.catalog = catalog;
        this.schema = schema;
        this.table = requireNonEmpty(table, "table");
    }

    /** A three-level name. */
    public static TableName of(String catalog, String schema, String table) {
        return new TableName(requireNonEmpty(catalog, "catalog"), requireNonEmpty(schema, "schema"), table);
    }

    /** A two-level name, resolved against the connection's current catalog. */
    public static TableName of(String schema, String table) {
        return new TableName(null, requireNonEmpty(schema, "schema"), table);
    }

    /**
     * Parses a dotted name as SQL spells it: parts separated by dots, each bare or quoted with backticks
     * (a doubled backtick inside quotes is one backtick), e.g. {@code main.sales.`order items`}.
     *
     * @throws SQLException 22023 naming the text when it is not one to three parts
     */
    public static TableName parse(String text) throws SQLException {
        requireNonNull(text, "text is null");
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '`') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '`') {
                        part.append('`');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    part.append(ch);
                }
            } else if (ch == '`') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == '.') {
                parts.add(finish(part, wasQuoted, text));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(ch);
            }
        }
        if (quoted) {
            throw DeltaErrors.invalid("table name " + text + " has an unclosed backtick");
        }
        parts.add(finish(part, wasQuoted, text));
        switch (parts.size()) {
            case 1:
                return new TableName(null, null, parts.get(0));
            case 2:
                return new TableName(null, parts.get(0), parts.get(1));
            case 3:
                return new TableName(parts.get(0), parts.get(1), parts.get(2));
            default:
                throw DeltaErrors.invalid("table name " + text + " has " + parts.size()
                        + " parts; expected table, schema.table or catalog.schema.table");
        }
    }

    private static String finish(StringBuilder part, boolean wasQuoted, String text) throws SQLException {
        String p = wasQuoted ? part.toString() : part.toString().trim();
        if (p.isEmpty()) {
            throw DeltaErrors.invalid("table name " + text + " has an empty part");
        }
        return p;
    }

    public Optional<String> catalog() {
        return Optional.ofNullable(catalog);
    }

    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    public String table() {
        return table;
    }

    /** The name as SQL text, every part quoted: {@code `main`.`sales`.`order items`}. */
    public String sql() {
        StringBuilder b = new StringBuilder();
        if (catalog != null) {
            b.append(Sql.quote(catalog)).append('.');
        }
        if (schema != null) {
            b.append(Sql.quote(schema)).append('.');
        }
        return b.append(Sql.quote(table)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableName n && sql().equals(n.sql());
    }

    @Override
    public int hashCode() {
        return sql().hashCode();
    }

    /** The quoted SQL form, as in {@link #sql()}. */
    @Override
    public String toString() {
        return sql();
    }

    private static String requireNonEmpty(String s, String what) {
        requireNonNull(s, what + " is null");
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return s;
    }
}
