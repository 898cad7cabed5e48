package dev.sluice.warehouse.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small tokenizer for the Databricks-only statements Spark's grammar lacks (CREATE CATALOG, SHOW TABLES
 * IN CATALOG ...). It understands quoting and comments, so names and literals are never confused.
 */
final class SqlTokens {

    enum Kind { WORD, IDENT, STRING, SYMBOL }

    record Token(Kind kind, String text) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private final List<Token> tokens;
    private int pos;

    private SqlTokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Tokenizes; returns null when the text cannot be tokenized (then Spark reports the error). */
    static SqlTokens of(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) return null;
                i = end + 2;
            } else if (c == '`' || c == '\'' || c == '"') {
                StringBuilder b = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) return null;
                    char d = sql.charAt(j);
                    if (d == '\\' && c != '`' && j + 1 < n) {
                        b.append(sql.charAt(j + 1));
                        j += 2;
                    } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
                        b.append(c);
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        b.append(d);
                        j++;
                    }
                }
                out.add(new Token(c == '`' ? Kind.IDENT : Kind.STRING, b.toString()));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '-')) j++;
                out.add(new Token(Kind.WORD, sql.substring(i, j)));
                i = j;
            } else {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).text().equals(";") && out.get(out.size() - 1).kind() == Kind.SYMBOL) {
            out.remove(out.size() - 1);
        }
        return new SqlTokens(out);
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    /** Consumes the keywords if they all come next. */
    boolean accept(String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (pos + k >= tokens.size() || !tokens.get(pos + k).is(keywords[k])) {
                return false;
            }
        }
        pos += keywords.length;
        return true;
    }

    boolean peek(String keyword) {
        return !atEnd() && tokens.get(pos).is(keyword);
    }

    boolean acceptSymbol(String symbol) {
        if (!atEnd() && tokens.get(pos).kind() == Kind.SYMBOL && tokens.get(pos).text().equals(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    /** A bare or backquoted identifier, lower-cased when bare. */
    String identifier() {
        if (atEnd()) {
            throw WarehouseSqlError.syntax("Syntax error: a name was expected at the end of the statement.");
        }
        Token t = tokens.get(pos);
        if (t.kind() == Kind.WORD || t.kind() == Kind.IDENT) {
            pos++;
            return t.kind() == Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : t.text();
        }
        throw WarehouseSqlError.syntax("Syntax error at or near '" + t.text() + "': a name was expected.");
    }

    /** Dotted name parts: a, a.b, `a`.`b`. */
    List<String> qualifiedName() {
        List<String> parts = new ArrayList<>();
        parts.add(identifier());
        while (acceptSymbol(".")) {
            parts.add(identifier());
        }
        return parts;
    }

    String string() {
        if (atEnd() || tokens.get(pos).kind() != Kind.STRING) {
            throw WarehouseSqlError.syntax("Syntax error: a quoted string was expected.");
        }
        return tokens.get(pos++).text();
    }

    /** A quoted string or a bare word (an option key or value: {@code 'mergeSchema' = true}). */
    String value() {
        if (!atEnd() && (tokens.get(pos).kind() == Kind.STRING || tokens.get(pos).kind() == Kind.WORD)) {
            return tokens.get(pos++).text();
        }
        throw WarehouseSqlError.syntax("Syntax error: a quoted string was expected.");
    }

    boolean nextIsString() {
        return !atEnd() && tokens.get(pos).kind() == Kind.STRING;
    }

    void expectEnd() {
        if (!atEnd()) {
            throw WarehouseSqlError.syntax("Syntax error at or near '" + tokens.get(pos).text() + "'.");
        }
    }
}
