package dev.sluice.jdbc.internal.call;

/** Reads one SQL string literal as Databricks writes it: single or double quotes, doubled quotes, backslashes. */
final class StringLiterals {
    private StringLiterals() {
    }

    /** The value of {@code text} when it is exactly one string literal; null otherwise. */
    static String single(String text) {
        if (text.length() < 2) {
            return null;
        }
        char quote = text.charAt(0);
        if (quote != '\'' && quote != '"' || Scanner.skipQuoted(text, 0) != text.length()
                || text.charAt(text.length() - 1) != quote) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        int end = text.length() - 1;
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < end) {
                sb.append(unescape(text.charAt(++i)));
            } else if (c == quote) {
                sb.append(quote);
                i++;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static char unescape(char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case '0':
                return '\0';
            default:
                return c;
        }
    }
}
