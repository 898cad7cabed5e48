package dev.sluice.jdbc.internal.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the driver needs to know about a statement's text without parsing SQL: where the positional
 * {@code ?} and named {@code :name} markers are (outside literals, quoted identifiers and comments),
 * and the leading keyword.
 */
final class SqlText {
    private final String sql;
    private final int positionalCount;
    private final int[] positionalOffsets;
    private final List<String> names;
    private final String verb;

    private SqlText(String sql, int[] positionalOffsets, List<String> names, String verb) {
        this.sql = sql;
        this.positionalCount = positionalOffsets.length;
        this.positionalOffsets = positionalOffsets;
        this.names = names;
        this.verb = verb;
    }

    static SqlText of(String sql) {
        List<Integer> positional = new ArrayList<>();
        Map<String, Boolean> names = new LinkedHashMap<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '?') {
                positional.add(i);
                i++;
            } else if (c == ':' && i + 1 < n && (i == 0 || sql.charAt(i - 1) != ':')
                    && sql.charAt(i + 1) != ':' && isNameStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNamePart(sql.charAt(j))) {
                    j++;
                }
                names.put(sql.substring(i + 1, j), Boolean.TRUE);
                i = j;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                i += 2;
            } else {
                i++;
            }
        }
        return new SqlText(sql, positional.stream().mapToInt(Integer::intValue).toArray(),
                Collections.unmodifiableList(new ArrayList<>(names.keySet())), leadingKeyword(sql));
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The first keyword, upper-case, after leading comments and parentheses; reads no further. */
    static String leadingKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int j = i;
        while (j < n && Character.isLetter(sql.charAt(j))) {
            j++;
        }
        return sql.substring(i, j).toUpperCase(Locale.ROOT);
    }

    String sql() {
        return sql;
    }

    /** Number of {@code ?} markers. */
    int positionalCount() {
        return positionalCount;
    }

    /** Offsets of the {@code ?} markers in the text, in order. */
    int[] positionalOffsets() {
        return positionalOffsets.clone();
    }

    /** Distinct {@code :name} markers in order of first appearance. */
    List<String> names() {
        return names;
    }

    /** Number of values a PreparedStatement binds: positional markers, else distinct names. */
    int parameterCount() {
        return positionalCount > 0 ? positionalCount : names.size();
    }

    boolean usesNamedMarkers() {
        return positionalCount == 0 && !names.isEmpty();
    }

    /** The leading keyword (SELECT, INSERT, MERGE, WITH, ...), upper-case; empty when there is none. */
    String verb() {
        return verb;
    }

    /** True for statements whose one-row result is a count of affected rows. */
    boolean isDml() {
        switch (verb) {
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "MERGE":
                return true;
            default:
                return false;
        }
    }
}
