package dev.sluice.jdbc.internal.jdbc;

import java.util.regex.Pattern;

/** JDBC search patterns ({@code %}, {@code _}, escape {@code \}) matched in the driver, ignoring case unless asked. */
final class JdbcPatterns {
    private static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);

    private JdbcPatterns() {
    }

    /** The pattern as a regular expression; null ("do not narrow the search") matches everything. */
    static Pattern regex(String pattern) {
        return regex(pattern, true);
    }

    /** {@link #regex}, comparing case as {@code LIKE} does when {@code ignoreCase} is false. */
    static Pattern regex(String pattern, boolean ignoreCase) {
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
        return Pattern.compile(sb.toString(),
                ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL : Pattern.DOTALL);
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

    /**
     * {@code prefix} and the {@link #showPattern} of a JDBC pattern as a string literal, for a SHOW command's
     * {@code LIKE}; nothing when it narrows nothing.
     */
    static String showLike(String prefix, String jdbcPattern) {
        String pattern = showPattern(jdbcPattern);
        return pattern == null ? "" : prefix + SqlLiterals.quoted(pattern);
    }

    /**
     * A pattern for the {@code LIKE} of Databricks' {@code SHOW} commands ({@code *} any text, {@code |}
     * alternatives, otherwise a regular expression, compared without case) that matches every name
     * {@code pattern} matches and maybe more, to be narrowed in the driver with {@link #regex}: {@code %} becomes
     * {@code *}, {@code _} {@code .}, letters and digits stay, and every other character (escaped or not) becomes
     * {@code .}, so that no character of a name can mean anything else there. Null when it narrows nothing, or
     * when the pattern holds a control character (which a regular expression's {@code .} may not match).
     */
    static String showPattern(String pattern) {
        if (pattern == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\' && i < pattern.length()) {
                c = pattern.codePointAt(i);
                i += Character.charCount(c);
            } else if (c == '%') {
                sb.append('*');
                continue;
            }
            if (Character.isISOControl(c)) {
                return null;
            }
            if (Character.isLetterOrDigit(c)) {
                sb.appendCodePoint(c);
            } else {
                sb.append('.');
            }
        }
        String s = sb.toString();
        return s.replace("*", "").isEmpty() ? null : s;
    }
}
