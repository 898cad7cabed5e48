package dev.sluice.dao.procedure;

import java.util.ArrayList;
import java.util.List;

/** Splits the comma lists procedures take as text ({@code a, `b c`}, {@code x = f(1, 2), y = 'p,q'}). */
final class SqlLists {

    private SqlLists() {
    }

    /** Parts separated by commas outside parentheses, quotes and backticks. */
    static String[] split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == '\\' && quote != '`') {
                    i++;
                } else if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        return parts.stream().filter(p -> !p.isEmpty()).toArray(String[]::new);
    }

    /** The first {@code =} outside quotes and backticks that is not part of {@code <=}, {@code >=}, {@code !=}. */
    static int topLevelEquals(String part) {
        char quote = 0;
        for (int i = 0; i < part.length(); i++) {
            char ch = part.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                quote = ch;
            } else if (ch == '=') {
                return i;
            }
        }
        return -1;
    }

    /** A name without its backticks ({@code `a``b`} is {@code a`b}). */
    static String unquote(String name) {
        String n = name.trim();
        if (n.length() >= 2 && n.startsWith("`") && n.endsWith("`")) {
            return n.substring(1, n.length() - 1).replace("``", "`");
        }
        return n;
    }
}
