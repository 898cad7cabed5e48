package dev.sluice.jdbc.internal.jdbc;

/**
 * One metadata query, its names and patterns written into the text as string literals ({@link SqlLiterals#quoted}:
 * backslash and quote escaped, control characters and {@code $} as {@code \}{@code uXXXX}), so that no name can
 * end the literal or reach {@code ${...}} substitution, and the catalog as a quoted identifier. JDBC search
 * patterns are the right side of {@code LIKE}, so {@code %}, {@code _} and the escape {@code \} keep exactly the
 * meaning JDBC gives them (Databricks' LIKE escape is {@code \} too).
 *
 * <p>Literals rather than bound parameters because a server can see them before it runs the statement: the
 * local warehouse builds an {@code information_schema} view listing only the catalogs, schemas and tables the
 * WHERE's literal {@code =}/{@code LIKE} conjuncts admit, and it reads the parsed plan, where parameters are not
 * yet bound; and the text of a repeated call is the same statement, which a server may cache as such. A pattern
 * {@code %} narrows nothing (every name matches it) and is left out.
 */
final class MetaQuery {
    private final StringBuilder sql = new StringBuilder();
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

    /**
     * Appends {@code column LIKE '<pattern>'} unless {@code pattern} is null (JDBC: "do not narrow the search")
     * or {@code %}, which every name matches.
     */
    MetaQuery like(String column, String pattern) {
        if (pattern != null && !pattern.equals("%")) {
            condition(column + " LIKE " + SqlLiterals.quoted(pattern));
        }
        return this;
    }

    /** Appends {@code column = '<name>'} unless {@code name} is null. */
    MetaQuery equal(String column, String name) {
        if (name != null) {
            condition(column + " = " + SqlLiterals.quoted(name));
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

    @Override
    public String toString() {
        return sql.toString();
    }
}
