package dev.sluice.jdbc.internal.call;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A cursor over call text that knows where strings, quoted identifiers and comments begin and end. */
final class Scanner {
    private static final int SHOWN = 30;

    private final String text;
    int pos;

    Scanner(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** Skips white space and comments. */
    void skipSpace() {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (startsComment(pos)) {
                pos = skipComment(pos);
            } else {
                return;
            }
        }
    }

    private boolean startsComment(int i) {
        if (i + 1 >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        char d = text.charAt(i + 1);
        return c == '-' && d == '-' || c == '/' && d == '*';
    }

    private int skipComment(int i) {
        if (text.charAt(i) == '-') {
            int nl = text.indexOf('\n', i);
            return nl < 0 ? text.length() : nl + 1;
        }
        int end = text.indexOf("*/", i + 2);
        return end < 0 ? text.length() : end + 2;
    }

    boolean take(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c, String what) throws SQLException {
        if (!take(c)) {
            throw error(what);
        }
    }

    /** Takes {@code word} (any case) when it stands alone at the cursor. */
    boolean takeKeyword(String word) {
        int end = pos + word.length();
        if (end > text.length() || !text.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        if (end < text.length() && isNamePart(text.charAt(end))) {
            return false;
        }
        pos = end;
        return true;
    }

    /** A plain or backquoted identifier, unquoted; null (cursor unmoved) when there is none. */
    String identifier() throws SQLException {
        if (take('`')) {
            StringBuilder sb = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '`') {
                    if (!take('`')) {
                        return sb.toString();
                    }
                }
                sb.append(c);
            }
            throw Errors.of(SqlState.SYNTAX_ERROR, "quoted name not closed: " + text);
        }
        int start = pos;
        while (pos < text.length() && isNamePart(text.charAt(pos))) {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * After an opening parenthesis: the argument texts up to the matching one, split at top-level commas.
     */
    List<String> arguments() throws SQLException {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = pos;
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\'' || c == '"' || c == '`') {
                pos = skipQuoted(text, pos);
            } else if (startsComment(pos)) {
                pos = skipComment(pos);
            } else if (c == '(') {
                depth++;
                pos++;
            } else if (c == ')' && depth > 0) {
                depth--;
                pos++;
            } else if (c == ')' || c == ',' && depth == 0) {
                String arg = text.substring(start, pos);
                pos++;
                if (c == ')' && out.isEmpty() && arg.isBlank()) {
                    return out;
                }
                out.add(arg);
                if (c == ')') {
                    return out;
                }
                start = pos;
            } else {
                pos++;
            }
        }
        throw Errors.of(SqlState.SYNTAX_ERROR, "the argument list of the call is not closed with ')': " + text);
    }

    /** The index after the quoted text starting at {@code start}; doubled quotes and backslashes escape. */
    static int skipQuoted(String s, int start) {
        char quote = s.charAt(start);
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** {@code s} with each comment replaced by a blank, so that it can be rejoined on one line. */
    static String withoutComments(String s) {
        Scanner sc = new Scanner(s);
        StringBuilder sb = new StringBuilder(s.length());
        while (sc.pos < s.length()) {
            char c = s.charAt(sc.pos);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(s, sc.pos);
                sb.append(s, sc.pos, end);
                sc.pos = end;
            } else if (sc.startsComment(sc.pos)) {
                sc.pos = sc.skipComment(sc.pos);
                sb.append(' ');
            } else {
                sb.append(c);
                sc.pos++;
            }
        }
        return sb.toString();
    }

    /** {@code ?} markers outside strings, quoted names and comments. */
    static int countMarkers(String s) {
        Scanner sc = new Scanner(s);
        int count = 0;
        while (sc.pos < s.length()) {
            char c = s.charAt(sc.pos);
            if (c == '\'' || c == '"' || c == '`') {
                sc.pos = skipQuoted(s, sc.pos);
            } else if (sc.startsComment(sc.pos)) {
                sc.pos = sc.skipComment(sc.pos);
            } else {
                if (c == '?') {
                    count++;
                }
                sc.pos++;
            }
        }
        return count;
    }

    SQLException error(String expected) {
        String rest = text.substring(Math.min(pos, text.length()));
        String shown = rest.isEmpty() ? "the end of the text"
                : "'" + (rest.length() > SHOWN ? rest.substring(0, SHOWN) + "..." : rest) + "'";
        return Errors.of(SqlState.SYNTAX_ERROR, "malformed call: expected " + expected + " at position " + (pos + 1)
                + ", found " + shown);
    }
}
