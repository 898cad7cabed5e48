package dev.sluice.jdbc.internal.jdbc;

/** Quoting of identifiers and string literals for the SQL the driver writes itself. */
final class Identifiers {
    private Identifiers() {
    }

    /** {@code `name`} with embedded backquotes doubled. */
    static String quote(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    /** {@code 'text'} with quotes and backslashes escaped, as Databricks SQL reads string literals. */
    static String literal(String text) {
        return '\'' + text.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }
}
