package dev.sluice.warehouse.catalog;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.UnresolvedInlineTable;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Hex$;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Literal$;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.parser.ParserUtils$;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.util.DateTimeUtils$;
import org.apache.spark.sql.catalyst.util.EvaluateUnresolvedInlineTable$;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.internal.SQLConf$;
import org.apache.spark.sql.types.BinaryType$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType$;
import org.apache.spark.sql.types.StringType$;
import org.apache.spark.sql.types.TimestampNTZType$;
import org.apache.spark.sql.types.TimestampType$;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The plan of a multi-row {@code INSERT INTO t [(cols)] VALUES (...), (...), ...} whose values are all plain
 * literals, read without Spark's ANTLR parser. For a megabyte of VALUES (the driver's batch statements) the
 * parser was about three quarters of the statement's time: it builds a parse tree of every token and visits it.
 *
 * <p>Only the value texts are read here, and each becomes the very expression Spark's {@code AstBuilder} makes of
 * it (same constructor, same Spark helper for escapes, dates and hex). Everything else is Spark's: the statement
 * up to the end of its first row is parsed by Spark (table, column list, partition spec, BY NAME...), and the rows
 * become a table through {@code EvaluateUnresolvedInlineTable}, the call the parser makes for an INSERT's VALUES,
 * so column types, coercion, NOT NULL and CHECK constraints and generated columns are decided by the analyser as
 * for the parsed text. Whatever is not certain returns {@code null} and the caller parses the whole text as
 * before: any other token or expression, a comment inside the rows, a number Spark would refuse or read as
 * another type, {@code ${} anywhere (variable substitution), an escape mode other than the default, and any
 * exception while building the table (Spark then reports its own error with its own text position).
 */
final class LiteralInsert {

    private static final java.math.BigDecimal MAX_DOUBLE = new java.math.BigDecimal(Double.toString(Double.MAX_VALUE));

    private final String sql;
    private final ParserInterface spark;
    private final Map<String, Expression> castTemplates = new HashMap<>();
    private final ZoneId zone;
    private final boolean timestampIsLtz;
    private int pos;

    private LiteralInsert(String sql, ParserInterface spark, SQLConf conf) {
        this.sql = sql;
        this.spark = spark;
        this.zone = DateTimeUtils$.MODULE$.getZoneId(conf.sessionLocalTimeZone());
        this.timestampIsLtz = conf.timestampType() == TimestampType$.MODULE$;
    }

    /**
     * The plan Spark's parser would make of {@code sql} (an INSERT by its first word), or {@code null} when the
     * text is not for this path. {@code spark} is Spark's own parser, used for the statement's head and CAST types.
     */
    static LogicalPlan plan(String sql, ParserInterface spark) {
        SQLConf conf = SQLConf.get();
        if (sql.contains("${") || conf.escapedStringLiterals()
                || !(Boolean) conf.getConf(SQLConf$.MODULE$.EAGER_EVAL_OF_UNRESOLVED_INLINE_TABLE_ENABLED())) {
            return null;
        }
        int values = valuesKeyword(sql);
        if (values < 0) {
            return null;
        }
        try {
            LiteralInsert reader = new LiteralInsert(sql, spark, conf);
            reader.pos = values + "VALUES".length();
            return reader.read();
        } catch (Exception e) {
            // Scala throws checked exceptions undeclared; the full parse reports the error, with Spark's position
            return null;
        }
    }

    private LogicalPlan read() throws ParseException {
        List<Seq<Expression>> rows = new ArrayList<>();
        int firstRowEnd = -1;
        while (true) {
            skipSpace();
            if (!take('(')) {
                return null;
            }
            List<Expression> row = new ArrayList<>();
            do {
                Expression e = value();
                if (e == null) {
                    return null;
                }
                row.add(e);
                skipSpace();
            } while (take(','));
            if (!take(')') || (!rows.isEmpty() && row.size() != rows.get(0).size())) {
                return null;
            }
            rows.add(CollectionConverters.asScala(row).toList());
            if (firstRowEnd < 0) {
                firstRowEnd = pos;
            }
            skipSpace();
            if (!take(',')) {
                break;
            }
        }
        while (take(';')) {
            skipSpace();
        }
        if (pos != sql.length()) {
            return null;
        }
        LogicalPlan head = spark.parsePlan(sql.substring(0, firstRowEnd));
        if (!(head instanceof InsertIntoStatement insert) || !(insert.query() instanceof LocalRelation)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= rows.get(0).size(); i++) {
            names.add("col" + i);
        }
        LogicalPlan table = EvaluateUnresolvedInlineTable$.MODULE$.evaluate(new UnresolvedInlineTable(
                CollectionConverters.asScala(names).toList(), CollectionConverters.asScala(rows).toList()), true);
        return insert.withNewChildren(CollectionConverters.asScala(List.of(table)).toList());
    }

    /** One value as AstBuilder builds it, or {@code null} if it is not one of the forms read here. */
    private Expression value() {
        skipSpace();
        if (pos >= sql.length()) {
            return null;
        }
        char c = sql.charAt(pos);
        if (c == '\'') {
            String text = quoted();
            return text == null ? null : Literal$.MODULE$.create(unescape(text), StringType$.MODULE$);
        }
        if (c >= '0' && c <= '9') {
            return number(false);
        }
        if (c == '(') {
            pos++;
            skipSpace();
            if (!take('-')) {
                return null;
            }
            Expression n = number(true);
            skipSpace();
            return n != null && take(')') ? n : null;
        }
        String word = word();
        if (word == null) {
            return null;
        }
        switch (word) {
            case "NULL":
                return Literal$.MODULE$.apply(null);
            case "TRUE":
                return Literal$.MODULE$.apply(Boolean.TRUE);
            case "FALSE":
                return Literal$.MODULE$.apply(Boolean.FALSE);
            case "CAST":
                return cast();
            case "X":
                return pos < sql.length() && sql.charAt(pos) == '\'' ? binary() : null;
            case "DATE":
            case "TIMESTAMP":
            case "TIMESTAMP_NTZ":
                skipSpace();
                return pos < sql.length() && sql.charAt(pos) == '\'' ? typed(word) : null;
            default:
                return null;
        }
    }

    /**
     * A number with no sign or after a minus inside parentheses: an integer (INT, else BIGINT, else DECIMAL as
     * Spark sizes it), {@code L}/{@code S}/{@code Y} integers and {@code D} doubles. Other forms (decimals,
     * exponents without {@code D}, {@code BD}, {@code F}) and integers beyond BIGINT go to the parser.
     */
    private Expression number(boolean negative) {
        int start = pos;
        digits();
        boolean fraction = false;
        if (pos + 1 < sql.length() && sql.charAt(pos) == '.' && isDigit(sql.charAt(pos + 1))) {
            pos++;
            digits();
            fraction = true;
        }
        boolean exponent = false;
        if (pos < sql.length() && (sql.charAt(pos) == 'E' || sql.charAt(pos) == 'e')) {
            int at = pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= sql.length() || !isDigit(sql.charAt(pos))) {
                pos = at;
                return null;
            }
            digits();
            exponent = true;
        }
        if (pos == start) {
            return null;
        }
        String digits = sql.substring(start, pos);
        char suffix = pos < sql.length() && Character.isLetter(sql.charAt(pos))
                ? Character.toUpperCase(sql.charAt(pos++)) : 0;
        if (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            return null; // 12BD, 1e5x, an identifier: not a form read here
        }
        String text = negative ? "-" + digits : digits;
        if (suffix == 'D') {
            // the parser's range check, on the exact digits: beyond the largest double is an error there
            return new java.math.BigDecimal(digits).compareTo(MAX_DOUBLE) > 0 ? null
                    : Literal$.MODULE$.apply(Double.parseDouble(text));
        }
        if (fraction || exponent) {
            return null;
        }
        // the sign is part of the literal (Spark's number rule), so the ranges are those of the signed value
        java.math.BigInteger v = new java.math.BigInteger(text);
        int bits = v.bitLength();
        switch (suffix) {
            case 0:
                return bits <= 31 ? Literal$.MODULE$.apply(v.intValue())
                        : bits <= 63 ? Literal$.MODULE$.apply(v.longValue()) : null;
            case 'L':
                return bits <= 63 ? Literal$.MODULE$.apply(v.longValue()) : null;
            case 'S':
                return bits <= 15 ? Literal$.MODULE$.apply(v.shortValue()) : null;
            case 'Y':
                return bits <= 7 ? Literal$.MODULE$.apply(v.byteValue()) : null;
            default:
                return null;
        }
    }

    /**
     * {@code CAST('text' AS type)} or {@code CAST(NULL AS type)}: Spark's own Cast for the type (parsed once per
     * type text from {@code CAST(NULL AS type)}, so the type, the evaluation mode and the user-cast tag are the
     * parser's), with the value put in.
     */
    private Expression cast() {
        skipSpace();
        if (!take('(')) {
            return null;
        }
        skipSpace();
        Expression inner;
        if (pos < sql.length() && sql.charAt(pos) == '\'') {
            String text = quoted();
            if (text == null) {
                return null;
            }
            inner = Literal$.MODULE$.create(unescape(text), StringType$.MODULE$);
        } else if ("NULL".equals(word())) {
            inner = null;
        } else {
            return null;
        }
        skipSpace();
        if (!"AS".equals(word())) {
            return null;
        }
        int start = pos;
        int depth = 0;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\'' || c == '`' || c == '"' || c == '-' || c == '/') {
                return null; // a type with quoted names or a comment: the parser's business
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            pos++;
        }
        if (!take(')')) {
            return null;
        }
        String type = sql.substring(start, pos - 1).trim();
        Expression template = castTemplates.computeIfAbsent(type, this::castOfNull);
        if (!(template instanceof Cast)) {
            return null;
        }
        return inner == null ? template
                : template.withNewChildren(CollectionConverters.asScala(List.of(inner)).toList());
    }

    private Expression castOfNull(String type) {
        try {
            return spark.parseExpression("CAST(NULL AS " + type + ")");
        } catch (ParseException e) {
            return null;
        }
    }

    /** {@code DATE'..'}, {@code TIMESTAMP'..'} and {@code TIMESTAMP_NTZ'..'} as AstBuilder.visitTypeConstructor. */
    private Expression typed(String type) {
        String text = quoted();
        if (text == null) {
            return null;
        }
        String value = unescape(text);
        Option<?> v;
        DataType t;
        switch (type) {
            case "DATE":
                v = DateTimeUtils$.MODULE$.convertSpecialDate(value, zone);
                if (v.isEmpty()) {
                    v = DateTimeUtils$.MODULE$.stringToDate(UTF8String.fromString(value));
                }
                t = DateType$.MODULE$;
                break;
            case "TIMESTAMP_NTZ":
                v = DateTimeUtils$.MODULE$.convertSpecialTimestampNTZ(value, zone);
                if (v.isEmpty()) {
                    v = DateTimeUtils$.MODULE$.stringToTimestampWithoutTimeZone(UTF8String.fromString(value));
                }
                t = TimestampNTZType$.MODULE$;
                break;
            default:
                if (!timestampIsLtz) {
                    return null; // TIMESTAMP means NTZ in this session: the parser decides per value
                }
                v = DateTimeUtils$.MODULE$.convertSpecialTimestamp(value, zone);
                if (v.isEmpty()) {
                    v = DateTimeUtils$.MODULE$.stringToTimestamp(UTF8String.fromString(value), zone);
                }
                t = TimestampType$.MODULE$;
        }
        return v.isEmpty() ? null : new Literal(v.get(), t);
    }

    /** {@code X'hex'} of an even number of hex digits, decoded by the function the parser uses. */
    private Expression binary() {
        String text = quoted();
        if (text == null) {
            return null;
        }
        String hex = text.substring(1, text.length() - 1);
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return new Literal(Hex$.MODULE$.unhex(hex), BinaryType$.MODULE$);
    }

    /**
     * The single-quoted token at {@code pos} with its quotes (backslash escapes as Spark's lexer reads them), or
     * {@code null} when a quote follows it: {@code ''} inside a literal and adjacent literals are the parser's.
     */
    private String quoted() {
        int start = pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == '\'') {
                pos++;
                if (pos < sql.length() && sql.charAt(pos) == '\'') {
                    return null;
                }
                return sql.substring(start, pos);
            } else {
                pos++;
            }
        }
        return null;
    }

    private static String unescape(String token) {
        return ParserUtils$.MODULE$.unescapeSQLString(token, ParserUtils$.MODULE$.unescapeSQLString$default$2());
    }

    /**
     * An unquoted word at {@code pos} in upper case, or {@code null}. Upper case one char at a time, as Spark's
     * lexer sees its input: String.toUpperCase turns a ligature such as U+FB05 into two letters, making a keyword
     * of a word Spark refuses.
     */
    private String word() {
        int start = pos;
        StringBuilder upper = new StringBuilder();
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
            upper.append(Character.toUpperCase(sql.charAt(pos)));
            pos++;
        }
        return pos == start ? null : upper.toString();
    }

    private void digits() {
        while (pos < sql.length() && isDigit(sql.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean take(char c) {
        if (pos < sql.length() && sql.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * ASCII white space only: a comment among the rows sends the statement to the parser, and so does any other
     * space (Character.isWhitespace also takes U+001C..U+001F, which Spark's lexer refuses).
     */
    private void skipSpace() {
        while (pos < sql.length() && isSpace(sql.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /**
     * Where the word VALUES starts outside quotes, comments and parentheses, or -1. Spark parses the text before it
     * (with the first row), so this only has to find the right VALUES, not judge what precedes it.
     */
    static int valuesKeyword(String sql) {
        int depth = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = i + 1;
                while (end < n && sql.charAt(end) != c) {
                    end += c != '`' && sql.charAt(end) == '\\' ? 2 : 1;
                }
                i = end + 1;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0 || sql.substring(i + 2, end).contains("/*")) {
                    return -1;
                }
                i = end + 2;
            } else if (c == '(') {
                depth++;
                i++;
            } else if (c == ')') {
                depth--;
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                if (depth == 0 && end - i == 6 && sql.regionMatches(true, i, "VALUES", 0, 6)) {
                    return i;
                }
                i = end;
            } else {
                i++;
            }
        }
        return -1;
    }
}
