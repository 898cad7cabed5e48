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
}
