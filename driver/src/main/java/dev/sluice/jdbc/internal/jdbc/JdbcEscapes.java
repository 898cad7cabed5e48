package dev.sluice.jdbc.internal.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JDBC escape syntax (JDBC 4.3, chapter 13 and appendix C) into Databricks SQL: {@code {fn ...}} scalar
 * functions, {@code {d}}, {@code {t}}, {@code {ts}}, {@code {oj}}, {@code {escape}} and {@code {limit}}.
 * Braces inside string literals, quoted identifiers and comments are text, never escapes; {@code {call}}
 * and braces that open no escape are left as they are. Escapes nest ({@code {fn ucase({fn ltrim(x)})}}).
 */
final class JdbcEscapes {

    /** JDBC names whose Databricks function differs only in name. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("LCASE", "lower"), Map.entry("UCASE", "upper"), Map.entry("CEILING", "ceil"),
            Map.entry("LOG", "ln"), Map.entry("CHARACTER_LENGTH", "char_length"), Map.entry("CHAR", "chr"),
            Map.entry("CURDATE", "current_date"), Map.entry("WEEK", "weekofyear"),
            Map.entry("DATABASE", "current_schema"), Map.entry("USER", "current_user"));

    /** JDBC data types of CONVERT and their Databricks types. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("BIGINT", "BIGINT"), Map.entry("BINARY", "BINARY"), Map.entry("BIT", "BOOLEAN"),
            Map.entry("BOOLEAN", "BOOLEAN"), Map.entry("CHAR", "STRING"), Map.entry("DATE", "DATE"),
            Map.entry("DECIMAL", "DECIMAL(38, 18)"), Map.entry("NUMERIC", "DECIMAL(38, 18)"),
            Map.entry("DOUBLE", "DOUBLE"), Map.entry("FLOAT", "DOUBLE"), Map.entry("REAL", "FLOAT"),
            Map.entry("INTEGER", "INT"), Map.entry("SMALLINT", "SMALLINT"), Map.entry("TINYINT", "TINYINT"),
            Map.entry("LONGVARBINARY", "BINARY"), Map.entry("VARBINARY", "BINARY"),
            Map.entry("LONGVARCHAR", "STRING"), Map.entry("VARCHAR", "STRING"), Map.entry("NCHAR", "STRING"),
            Map.entry("NVARCHAR", "STRING"), Map.entry("LONGNVARCHAR", "STRING"), Map.entry("TIMESTAMP", "TIMESTAMP"));

    private JdbcEscapes() {
    }

    /** The text with every escape replaced; text without a brace is returned as it is. */
    static String translate(String sql) {
        if (sql.indexOf('{') < 0) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int skip = skipInert(sql, i);
            if (skip > i) {
                out.append(sql, i, skip);
                i = skip;
            } else if (c == '{') {
                int end = matchingBrace(sql, i);
                if (end < 0) {
                    out.append(sql, i, n);
                    break;
                }
                out.append(escape(sql.substring(i + 1, end), sql.substring(i, end + 1)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The end of a literal, quoted identifier or comment starting at {@code i}, or {@code i} if none does. */
    private static int skipInert(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < n) {
                char d = sql.charAt(j);
                if (d == '\\' && c != '`') {
                    j += 2;
                } else if (d == c) {
                    if (j + 1 < n && sql.charAt(j + 1) == c) {
                        j += 2;
                    } else {
                        return j + 1;
                    }
                } else {
                    j++;
                }
            }
            return n;
        }
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? n : nl + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        return i;
    }

    private static int matchingBrace(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            int skip = skipInert(sql, i);
            if (skip > i) {
                i = skip;
                continue;
            }
            char c = sql.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** One escape's body (between the braces) translated; {@code original} when it is no escape we know. */
    private static String escape(String body, String original) {
        String trimmed = body.stripLeading();
        int k = 0;
        while (k < trimmed.length() && Character.isLetter(trimmed.charAt(k))) {
            k++;
        }
        String keyword = trimmed.substring(0, k).toLowerCase(Locale.ROOT);
        String rest = translate(trimmed.substring(k)).strip();
        switch (keyword) {
            case "fn":
                return function(rest);
            case "d":
                return "DATE " + rest;
            case "ts":
                return "TIMESTAMP " + rest;
            case "t":
                // Databricks SQL has no TIME type: the time stays the string literal it was written as
                return rest;
            case "oj":
                return rest;
            case "escape":
                return "ESCAPE " + rest;
            case "limit":
                return "LIMIT " + rest;
            default:
                return original;
        }
    }

    private static String function(String call) {
        int k = 0;
        while (k < call.length() && (Character.isLetterOrDigit(call.charAt(k)) || call.charAt(k) == '_')) {
            k++;
        }
        String name = call.substring(0, k);
        String tail = call.substring(k).strip();
        String upper = name.toUpperCase(Locale.ROOT);
        List<String> args = tail.startsWith("(") && tail.endsWith(")")
                ? arguments(tail.substring(1, tail.length() - 1)) : null;
        if (args != null) {
            String special = special(upper, args);
            if (special != null) {
                return special;
            }
        } else if (tail.isEmpty()) {
            // niladic without parentheses, as some tools write CURRENT_DATE
            return RENAMED.getOrDefault(upper, name.toLowerCase(Locale.ROOT)) + "()";
        }
        String renamed = RENAMED.get(upper);
        return (renamed == null ? name : renamed) + tail;
    }

    /** The functions that take more than a new name; null for the rest. */
    private static String special(String name, List<String> a) {
        switch (name) {
            case "LENGTH":
                // JDBC LENGTH counts characters without trailing blanks
                return a.size() == 1 ? "char_length(rtrim(" + a.get(0) + "))" : null;
            case "INSERT":
                return a.size() == 4 ? "overlay(" + a.get(0) + " PLACING " + a.get(3) + " FROM " + a.get(1)
                        + " FOR " + a.get(2) + ")" : null;
            case "TRUNCATE":
                if (a.size() != 2) {
                    return null;
                }
                String scaled = "(" + a.get(0) + ") * power(10, " + a.get(1) + ")";
                return "(CASE WHEN " + a.get(0) + " >= 0 THEN floor(" + scaled + ") ELSE ceil(" + scaled
                        + ") END / power(10, " + a.get(1) + "))";
            case "CURTIME":
            case "CURRENT_TIME":
                return a.isEmpty() ? "date_format(current_timestamp(), 'HH:mm:ss')" : null;
            case "DAYNAME":
                return a.size() == 1 ? "date_format(" + a.get(0) + ", 'EEEE')" : null;
            case "MONTHNAME":
                return a.size() == 1 ? "date_format(" + a.get(0) + ", 'MMMM')" : null;
            case "CONVERT":
                return a.size() == 2 ? convert(a.get(0), a.get(1)) : null;
            case "TIMESTAMPADD":
            case "TIMESTAMPDIFF":
                return a.size() == 3 ? name.toLowerCase(Locale.ROOT) + "(" + interval(a.get(0)) + ", " + a.get(1)
                        + ", " + a.get(2) + ")" : null;
            default:
                return null;
        }
    }

    private static String convert(String value, String type) {
        String t = type.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("SQL_")) {
            t = t.substring(4);
        }
        String target = TYPES.get(t);
        return "CAST(" + value + " AS " + (target == null ? type.strip() : target) + ")";
    }

    /** SQL_TSI_DAY and friends; JDBC's fractional second is taken as the microsecond Databricks counts in. */
    private static String interval(String unit) {
        String u = unit.strip().toUpperCase(Locale.ROOT);
        if (u.startsWith("SQL_TSI_")) {
            u = u.substring(8);
        }
        return "FRAC_SECOND".equals(u) ? "MICROSECOND" : u;
    }

    /** Top-level comma-separated arguments, stripped; empty for no arguments. */
    private static List<String> arguments(String inner) {
        List<String> args = new ArrayList<>();
        if (inner.isBlank()) {
            return args;
        }
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < inner.length()) {
            int skip = skipInert(inner, i);
            if (skip > i) {
                i = skip;
                continue;
            }
            char c = inner.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inner.substring(start, i).strip());
                start = i + 1;
            }
            i++;
        }
        args.add(inner.substring(start).strip());
        return args;
    }
}
