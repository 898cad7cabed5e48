package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Writes a bound value as a Databricks SQL literal of exactly the type the parameter would have had, for
 * batches that carry more values than the Statement Execution API takes as parameters. A parameter
 * {@code (type T, text v)} means {@code CAST(v AS T)} on the server; each literal here denotes the same
 * value of the same type:
 * <ul>
 *   <li>integers with their type suffix ({@code 7Y}, {@code 7S}, {@code 7}, {@code 7L}), negatives in
 *       parentheses so that no {@code -} of the template can turn into a {@code --} comment;</li>
 *   <li>finite doubles as {@code 1.5E-7D}; NaN, infinities, FLOAT and DECIMAL(p,s) through
 *       {@code CAST('v' AS T)}, so a decimal keeps its exact digits, precision and scale;</li>
 *   <li>{@code DATE'..'}, {@code TIMESTAMP'..'} (with its offset), {@code TIMESTAMP_NTZ'..'};</li>
 *   <li>BINARY as {@code X'hex'} of the UTF-8 bytes the parameter text stands for;</li>
 *   <li>NULL as {@code CAST(NULL AS T)}, untyped NULL as {@code NULL}.</li>
 * </ul>
 * Strings follow Databricks' string literal rules (backslash escapes on, the default of
 * {@code spark.sql.parser.escapedStringLiterals}): backslash and quote are escaped, control characters,
 * lone surrogates and {@code $} are written as {@code \}{@code uXXXX} so that the text stays on one line
 * and no {@code ${...}} variable substitution can see the value.
 */
final class SqlLiterals {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DOUBLE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiterals() {
    }

    /** The literal for {@code b}. The type comes from {@link Bindings}, never from the application. */
    static String of(Binding b) {
        String type = b.type();
        String v = b.value();
        if (v == null) {
            return "VOID".equals(type) ? "NULL" : "CAST(NULL AS " + type + ")";
        }
        switch (type) {
            case "STRING":
                return quoted(v);
            case "BIGINT":
                return integer(v, "L", type);
            case "INT":
                return integer(v, "", type);
            case "SMALLINT":
                return integer(v, "S", type);
            case "TINYINT":
                return integer(v, "Y", type);
            case "BOOLEAN":
                return "true".equals(v) || "false".equals(v) ? v.toUpperCase(java.util.Locale.ROOT) : cast(v, type);
            case "DOUBLE":
                return DOUBLE.matcher(v).matches() ? signed(v + "D") : cast(v, type);
            case "DATE":
            case "TIMESTAMP":
            case "TIMESTAMP_NTZ":
                return type + quoted(v);
            case "BINARY":
                return hex(v.getBytes(StandardCharsets.UTF_8));
            default:
                return cast(v, type);
        }
    }

    private static String integer(String v, String suffix, String type) {
        return INTEGER.matcher(v).matches() ? signed(v + suffix) : cast(v, type);
    }

    private static String signed(String literal) {
        return literal.charAt(0) == '-' ? "(" + literal + ")" : literal;
    }

    private static String cast(String v, String type) {
        return "CAST(" + quoted(v) + " AS " + type + ")";
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2 + 3).append("X'");
        for (byte x : bytes) {
            sb.append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
        return sb.append('\'').toString();
    }

    /** {@code s} as a single-quoted string literal. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('\'');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\'':
                    sb.append("\\'");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F || c == '$' || loneSurrogate(s, i, c)) {
                        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('\'').toString();
    }

    private static boolean loneSurrogate(String s, int i, char c) {
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
