package dev.sluice.jdbc.internal.jdbc;

import java.util.regex.Pattern;

/** JDBC search patterns ({@code %}, {@code _}, escape {@code \}) matched in the driver, ignoring case. */
final class JdbcPatterns {
    private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);

    private JdbcPatterns() {
    }

    /** The pattern as a regular expression; null ("do not narrow the search") matches everything. */
    static Pattern regex(String pattern) {
        if (pattern == null) {
            return ANY;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                sb.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                sb.append(".*");
            } else if (c == '_') {
                sb.append('.');
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /**
     * Whether {@code pattern} matches one name only: not null, no wildcard, and every escape {@code \} followed by
     * {@code %}, {@code _} or {@code \} (LIKE refuses other escapes).
     */
    static boolean isLiteral(String pattern) {
        if (pattern == null) {
            return false;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') {
                return false;
            }
            if (c == '\\') {
                if (i + 1 == pattern.length() || "%_\\".indexOf(pattern.charAt(i + 1)) < 0) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The one name a pattern for which {@link #isLiteral} holds matches: its escapes removed. */
    static String literal(String pattern) {
        StringBuilder sb = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            sb.append(c == '\\' ? pattern.charAt(++i) : c);
        }
        return sb.toString();
    }
}
