package dev.sluice.dao.delta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads type text as DESCRIBE prints it (Spark's catalog strings, Databricks' spelling with NOT NULL/COMMENT). */
final class TypeParser {

    private final String s;
    private int i;

    private TypeParser(String s) {
        this.s = s;
    }

    /** A column list as DDL writes it: {@code id BIGINT NOT NULL, name STRING COMMENT 'x'}. */
    static StructType columns(String text) {
        TypeParser p = new TypeParser(text.trim());
        List<StructField> fields = new ArrayList<>();
        do {
            fields.add(p.field());
            p.space();
        } while (p.tryChar(','));
        if (p.i != p.s.length()) {
            throw new IllegalArgumentException("unexpected text at " + p.i + " in column list " + text);
        }
        return new StructType(fields);
    }

    static DataType parse(String text) {
        TypeParser p = new TypeParser(text.trim());
        DataType t = p.type();
        p.space();
        if (p.i != p.s.length()) {
            throw new IllegalArgumentException("unexpected text at " + p.i + " in type " + text);
        }
        return t;
    }

    /** Lower case, no spaces, common aliases folded (long -> bigint, integer -> int, ...). */
    static String canonical(String name) {
        String n = name.replace(" ", "").toLowerCase(Locale.ROOT);
        switch (n) {
            case "long":
                return "bigint";
            case "integer":
                return "int";
            case "short":
                return "smallint";
            case "byte":
                return "tinyint";
            case "real":
                return "float";
            case "decimal":
            case "dec":
            case "numeric":
                return "decimal(10,0)";
            default:
                return n.startsWith("dec(") || n.startsWith("numeric(") ? "decimal" + n.substring(n.indexOf('(')) : n;
        }
    }

    private DataType type() {
        space();
        String word = word();
        String lower = word.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "array": {
                expect('<');
                DataType e = type();
                expect('>');
                return new DataType.ArrayType(e, true);
            }
            case "map": {
                expect('<');
                DataType k = type();
                expect(',');
                DataType v = type();
                expect('>');
                return new DataType.MapType(k, v, true);
            }
            case "struct": {
                expect('<');
                List<StructField> fields = new ArrayList<>();
                space();
                if (peek() != '>') {
                    do {
                        fields.add(field());
                        space();
                    } while (tryChar(','));
                }
                expect('>');
                return new StructType(fields);
            }
            default: {
                space();
                if (peek() == '(') {
                    int start = i;
                    while (i < s.length() && s.charAt(i) != ')') {
                        i++;
                    }
                    i++;
                    return new DataType.Primitive(lower + s.substring(start, i));
                }
                return new DataType.Primitive(lower);
            }
        }
    }

    private StructField field() {
        space();
        String name = peek() == '`' ? quoted() : name();
        space();
        // DESCRIBE's struct text has name:type; DDL column lists have name type
        tryChar(':');
        DataType t = type();
        boolean nullable = true;
        Optional<String> comment = Optional.empty();
        while (true) {
            space();
            if (matchWord("NOT")) {
                space();
                if (!matchWord("NULL")) {
                    throw new IllegalArgumentException("expected NULL after NOT at " + i + " in " + s);
                }
                nullable = false;
            } else if (matchWord("COMMENT")) {
                space();
                comment = Optional.of(string());
            } else {
                break;
            }
        }
        return new StructField(name, t, nullable, comment);
    }

    private String word() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (start == i) {
            throw new IllegalArgumentException("expected a type at " + i + " in " + s);
        }
        return s.substring(start, i);
    }

    /** A bare field name: letters, digits and underscores (others come quoted). */
    private String name() {
        return word();
    }

    private String quoted() {
        StringBuilder b = new StringBuilder();
        i++;
        while (i < s.length()) {
            char ch = s.charAt(i++);
            if (ch == '`') {
                if (i < s.length() && s.charAt(i) == '`') {
                    b.append('`');
                    i++;
                } else {
                    return b.toString();
                }
            } else {
                b.append(ch);
            }
        }
        throw new IllegalArgumentException("unclosed backtick in " + s);
    }

    private String string() {
        char q = s.charAt(i);
        if (q != '\'' && q != '"') {
            throw new IllegalArgumentException("expected a quoted comment at " + i + " in " + s);
        }
        i++;
        StringBuilder b = new StringBuilder();
        while (i < s.length()) {
            char ch = s.charAt(i++);
            if (ch == '\\' && i < s.length()) {
                b.append(s.charAt(i++));
            } else if (ch == q) {
                return b.toString();
            } else {
                b.append(ch);
            }
        }
        throw new IllegalArgumentException("unclosed comment in " + s);
    }

    private boolean matchWord(String w) {
        if (s.regionMatches(true, i, w, 0, w.length())
                && (i + w.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + w.length())))) {
            i += w.length();
            return true;
        }
        return false;
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private boolean tryChar(char c) {
        space();
        if (peek() == c) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!tryChar(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + i + " in type " + s);
        }
    }
}
