package dev.sluice.jdbc.internal.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * One metadata query: SQL text with {@code ?} markers and the string values bound to them. JDBC search
 * patterns travel as bound values of {@code LIKE} predicates, so {@code %}, {@code _} and the escape
 * {@code \} keep exactly the meaning JDBC gives them (Databricks' LIKE escape is {@code \} too), and no name
 * is ever spliced into the text except the catalog, which is a quoted identifier.
 */
final class MetaQuery {
    private final StringBuilder sql = new StringBuilder();
    private final List<String> parameters = new ArrayList<>();
    private boolean whereOpen;

    private MetaQuery(String head) {
        sql.append(head);
    }

    /** Starts a query with {@code head}, e.g. {@code SELECT ... FROM ...}. */
    static MetaQuery of(String head) {
        return new MetaQuery(head);
    }

    /** {@code `catalog`.information_schema.view}; for a null catalog {@code system}'s, which spans every catalog. */
    static String view(String catalog, String view) {
        return (catalog == null ? "system" : Identifiers.quote(catalog)) + ".information_schema." + view;
    }

    /** Appends {@code column LIKE ?} unless {@code pattern} is null (JDBC: "do not narrow the search"). */
    MetaQuery like(String column, String pattern) {
        if (pattern != null) {
            condition(column + " LIKE ?");
            parameters.add(pattern);
        }
        return this;
    }

    /** Appends {@code column = ?} unless {@code name} is null. */
    MetaQuery equal(String column, String name) {
        if (name != null) {
            condition(column + " = ?");
            parameters.add(name);
        }
        return this;
    }

    /** Appends a condition without parameters. */
    MetaQuery condition(String condition) {
        sql.append(whereOpen ? " AND " : " WHERE ").append(condition);
        whereOpen = true;
        return this;
    }

    /** Appends text that ends the current WHERE clause (closing a subquery, say); later conditions start a new one. */
    MetaQuery then(String text) {
        sql.append(text);
        whereOpen = false;
        return this;
    }

    String sql() {
        return sql.toString();
    }

    List<String> parameters() {
        return List.copyOf(parameters);
    }

    @Override
    public String toString() {
        return sql + " " + parameters;
    }
}
