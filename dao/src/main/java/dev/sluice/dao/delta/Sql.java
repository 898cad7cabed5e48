package dev.sluice.dao.delta;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** SQL text with its bound values in marker order: identifiers are quoted here, values never enter the text. */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> values = new ArrayList<>();

    /** An identifier quoted with backticks; a backtick inside is doubled. */
    static String quote(String identifier) {
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("an identifier is empty");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** A string literal, for the few places Databricks' grammar takes no marker (comments, properties). */
    static String literal(String value) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\'' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.append('\'').toString();
    }

    Sql append(String sqlText) {
        text.append(sqlText);
        return this;
    }

    Sql identifier(String name) {
        text.append(quote(name));
        return this;
    }

    /** One marker bound to {@code value}. */
    Sql value(Object value) {
        text.append('?');
        values.add(value);
        return this;
    }

    /** Text that carries markers of its own, with their values. */
    Sql fragment(Condition c) {
        text.append(c.sql());
        values.addAll(c.values());
        return this;
    }

    Sql columnList(List<String> columns) {
        for (int i = 0; i < columns.size(); i++) {
            text.append(i > 0 ? ", " : "").append(quote(columns.get(i)));
        }
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> values() {
        return Collections.unmodifiableList(values);
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(ps, i + 1, values.get(i));
        }
    }

    /** Typed setters where the value's class names one: some drivers' setObject takes few classes. */
    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, java.sql.Types.NULL);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof Short n) {
            ps.setShort(i, n);
        } else if (v instanceof Byte n) {
            ps.setByte(i, n);
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof Float f) {
            ps.setFloat(i, f);
        } else if (v instanceof java.math.BigDecimal d) {
            ps.setBigDecimal(i, d);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(i, b);
        } else if (v instanceof java.sql.Date d) {
            ps.setDate(i, d);
        } else if (v instanceof java.sql.Timestamp t) {
            ps.setTimestamp(i, t);
        } else if (v instanceof java.time.LocalDate d) {
            ps.setDate(i, java.sql.Date.valueOf(d));
        } else if (v instanceof java.time.Instant t) {
            ps.setTimestamp(i, java.sql.Timestamp.from(t));
        } else if (v instanceof byte[] b) {
            ps.setBytes(i, b);
        } else {
            ps.setObject(i, v);
        }
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
