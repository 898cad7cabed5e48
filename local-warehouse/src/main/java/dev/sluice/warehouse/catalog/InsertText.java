package dev.sluice.warehouse.catalog;

/**
 * Whether a statement text is an INSERT: its first word after white space and comments. Only a yes that is certain
 * counts; anything unusual before the first word (a nested or unterminated comment) answers no, which keeps the
 * statement on the ordinary parsing path.
 */
public final class InsertText {

    private InsertText() {
    }

    public static boolean isInsert(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                if (end < 0) {
                    return false;
                }
                i = end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0 || sql.substring(i + 2, end).contains("/*")) {
                    return false; // unterminated or nested: not worth a guess
                }
                i = end + 2;
            } else {
                break;
            }
        }
        if (!sql.regionMatches(true, i, "INSERT", 0, 6)) {
            return false;
        }
        int after = i + 6;
        return after < n && (Character.isWhitespace(sql.charAt(after)) || sql.charAt(after) == '/'
                || sql.charAt(after) == '-');
    }
}
