package dev.sluice.jdbc.internal.call;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A procedure call as written: {@code {call name(...)}}, {@code {? = call name(...)}} or {@code CALL name(...)}.
 * Only the call's outline is parsed (name parts, argument boundaries, named arguments, literals); arguments that
 * are expressions are kept as text for the server. Strings, quoted identifiers and comments never end an
 * argument or the call.
 */
public final class CallText {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?[dDlL]?");
    private static final int MAX_NAME_PARTS = 3;

    private final String sql;
    private final boolean returnsValue;
    private final String writtenName;
    private final List<String> nameParts;
    private final List<CallArgument> arguments;
    private final int argumentMarkers;

    private CallText(String sql, boolean returnsValue, String writtenName, List<String> nameParts,
                     List<CallArgument> arguments, int argumentMarkers) {
        this.sql = sql;
        this.returnsValue = returnsValue;
        this.writtenName = writtenName;
        this.nameParts = nameParts;
        this.arguments = arguments;
        this.argumentMarkers = argumentMarkers;
    }

    /**
     * Parses a call.
     *
     * @return null when {@code sql} is not a call (no escape and no leading CALL keyword)
     * @throws SQLException 42601 for a malformed call, naming what was expected and where
     */
    public static CallText parse(String sql) throws SQLException {
        Scanner s = new Scanner(sql);
        s.skipSpace();
        boolean escaped = s.take('{');
        boolean returnsValue = false;
        if (escaped) {
            s.skipSpace();
            if (s.take('?')) {
                s.skipSpace();
                s.expect('=', "'=' after '{?'");
                s.skipSpace();
                returnsValue = true;
            }
        }
        if (!s.takeKeyword("call")) {
            if (escaped) {
                throw s.error("the keyword CALL");
            }
            return null;
        }
        s.skipSpace();
        int nameStart = s.pos;
        List<String> parts = name(s);
        String writtenName = sql.substring(nameStart, s.pos);
        s.skipSpace();
        List<CallArgument> arguments = new ArrayList<>();
        int markers = 0;
        if (s.take('(')) {
            for (String text : s.arguments()) {
                CallArgument a = argument(text, arguments.size(), markers);
                arguments.add(a);
                markers += a.markerCount();
            }
        }
        s.skipSpace();
        if (escaped) {
            s.expect('}', "'}' closing the escape");
            s.skipSpace();
        }
        if (s.take(';')) {
            s.skipSpace();
        }
        if (!s.atEnd()) {
            throw s.error("the end of the call");
        }
        return new CallText(sql, returnsValue, writtenName, List.copyOf(parts), List.copyOf(arguments), markers);
    }

    private static List<String> name(Scanner s) throws SQLException {
        List<String> parts = new ArrayList<>();
        do {
            String part = s.identifier();
            if (part == null) {
                throw s.error("a procedure name");
            }
            parts.add(part);
        } while (s.take('.'));
        if (parts.size() > MAX_NAME_PARTS) {
            throw Errors.of(SqlState.SYNTAX_ERROR, "procedure name " + String.join(".", parts) + " has "
                    + parts.size() + " parts; at most catalog.schema.procedure");
        }
        return parts;
    }

    private static CallArgument argument(String raw, int position, int firstMarker) throws SQLException {
        String text = Scanner.withoutComments(raw).strip();
        String name = null;
        Scanner s = new Scanner(text);
        String ident = s.identifier();
        if (ident != null) {
            s.skipSpace();
            if (s.take('=') && s.take('>')) {
                name = ident;
                s.skipSpace();
                text = text.substring(s.pos).strip();
            }
        }
        if (text.isEmpty()) {
            throw Errors.of(SqlState.SYNTAX_ERROR, "argument " + (position + 1) + " of the call is empty");
        }
        return classify(name, text, firstMarker);
    }

    private static CallArgument classify(String name, String text, int firstMarker) throws SQLException {
        if (text.equals("?")) {
            return CallArgument.marker(name, firstMarker);
        }
        String upper = text.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "DEFAULT":
                return CallArgument.defaultValue(name);
            case "NULL":
                return CallArgument.literal(name, text, "VOID", null);
            case "TRUE":
            case "FALSE":
                return CallArgument.literal(name, text, "BOOLEAN", upper.toLowerCase(Locale.ROOT));
            default:
                break;
        }
        if (NUMBER.matcher(text).matches()) {
            String digits = text.replaceAll("[dDlL]$", "");
            boolean integral = digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0;
            return CallArgument.literal(name, text, integral ? "BIGINT" : "DECIMAL", digits);
        }
        String string = StringLiterals.single(text);
        if (string != null) {
            return CallArgument.literal(name, text, "STRING", string);
        }
        for (String type : new String[] {"DATE", "TIMESTAMP_NTZ", "TIMESTAMP"}) {
            if (upper.startsWith(type)) {
                String value = StringLiterals.single(text.substring(type.length()).strip());
                if (value != null) {
                    return CallArgument.literal(name, text, type, value);
                }
            }
        }
        return CallArgument.expression(name, text, firstMarker, Scanner.countMarkers(text));
    }

    /** The text as given. */
    public String sql() {
        return sql;
    }

    /** True for {@code {? = call ...}}: JDBC parameter 1 is the return value. */
    public boolean returnsValue() {
        return returnsValue;
    }

    /** The name as written, quotes kept. */
    public String writtenName() {
        return writtenName;
    }

    /** The name's parts, unquoted. */
    public List<String> nameParts() {
        return nameParts;
    }

    /** The last name part, unquoted. */
    public String simpleName() {
        return nameParts.get(nameParts.size() - 1);
    }

    /** The parts before the last, joined with dots; empty for an unqualified name. */
    public String qualifier() {
        return String.join(".", nameParts.subList(0, nameParts.size() - 1));
    }

    public List<CallArgument> arguments() {
        return arguments;
    }

    /** {@code ?} markers in the arguments (the return value's marker not counted). */
    public int argumentMarkers() {
        return argumentMarkers;
    }

    /** JDBC parameters: the argument markers, plus one for the return value. */
    public int jdbcParameterCount() {
        return argumentMarkers + (returnsValue ? 1 : 0);
    }

    /**
     * The SQL the server runs for a call that is not built in: {@code CALL name(args)}, or for
     * {@code {? = call f(args)}} the function's value, {@code SELECT f(args)}. The markers stay in order.
     */
    public String serverSql() {
        StringBuilder sb = new StringBuilder(returnsValue ? "SELECT " : "CALL ").append(writtenName).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(arguments.get(i).written());
        }
        return sb.append(')').toString();
    }
}
