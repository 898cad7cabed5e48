package dev.sluice.jdbc.internal.call;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A call of one built-in procedure, its arguments matched to the procedure's parameters when the call is
 * prepared: by position, then by name. Each JDBC parameter index (a {@code ?}, and for {@code {? = call ...}}
 * index 1, which is the procedure's first OUT parameter) stands for one procedure parameter.
 */
public final class BuiltinCall {
    private final String label;
    private final ProcedureSpec spec;
    /** Per procedure parameter, the argument that supplies it; null when omitted. */
    private final CallArgument[] supplied;
    /** Per JDBC index - 1, the procedure parameter it stands for. */
    private final ParameterSpec[] byIndex;
    private final int markerOffset;

    private BuiltinCall(String label, ProcedureSpec spec, CallArgument[] supplied, ParameterSpec[] byIndex,
                        int markerOffset) {
        this.label = label;
        this.spec = spec;
        this.supplied = supplied;
        this.byIndex = byIndex;
        this.markerOffset = markerOffset;
    }

    /**
     * Matches the call's arguments to the procedure's parameters.
     *
     * @throws SQLException 22023 for too many arguments, an unknown or repeated name, an expression, or a value
     *     given to an OUT parameter; 42601 for a positional argument after a named one; 0A000 for
     *     {@code {? = call ...}} of a procedure without OUT parameters
     */
    public static BuiltinCall bind(String namespace, ProcedureSpec spec, CallText call) throws SQLException {
        String label = namespace + "." + spec.name();
        List<ParameterSpec> params = spec.parameters();
        List<CallArgument> args = call.arguments();
        if (args.size() > params.size()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, label + " takes " + params.size() + " parameters ("
                    + names(params) + "); the call gives " + args.size() + " arguments");
        }
        CallArgument[] supplied = new CallArgument[params.size()];
        boolean named = false;
        for (int i = 0; i < args.size(); i++) {
            CallArgument a = args.get(i);
            int target;
            if (a.name() == null) {
                if (named) {
                    throw Errors.of(SqlState.SYNTAX_ERROR, "argument " + (i + 1) + " of " + label
                            + " is positional after a named argument; positional arguments come first");
                }
                target = i;
            } else {
                named = true;
                target = indexOfName(params, a.name());
                if (target < 0) {
                    throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, label + " has no parameter named '" + a.name()
                            + "'; its parameters are " + names(params));
                }
            }
            ParameterSpec p = params.get(target);
            if (supplied[target] != null) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, describe(label, p) + " is given twice");
            }
            check(label, p, a);
            supplied[target] = a;
        }
        ParameterSpec[] byIndex = new ParameterSpec[call.jdbcParameterCount()];
        int offset = call.returnsValue() ? 1 : 0;
        if (call.returnsValue()) {
            byIndex[0] = params.stream().filter(p -> p.mode() != ParameterMode.IN).findFirst()
                    .orElseThrow(() -> Errors.notSupported("{? = call " + label + "}: " + label
                            + " has no OUT parameter to return; use {call " + label + "(...)}"));
        }
        for (int i = 0; i < supplied.length; i++) {
            if (supplied[i] != null && supplied[i].kind() == CallArgument.Kind.MARKER) {
                byIndex[supplied[i].firstMarker() + offset] = params.get(i);
            }
        }
        return new BuiltinCall(label, spec, supplied, byIndex, offset);
    }

    private static void check(String label, ParameterSpec p, CallArgument a) throws SQLException {
        if (a.kind() == CallArgument.Kind.EXPRESSION) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, describe(label, p) + " is given '" + a.text()
                    + "'; a built-in procedure runs in the driver and takes only ?, literals and DEFAULT");
        }
        if (p.mode() == ParameterMode.OUT && a.kind() == CallArgument.Kind.LITERAL) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, describe(label, p) + " is OUT; pass ? and"
                    + " registerOutParameter, not " + a.text());
        }
    }

    private static int indexOfName(List<ParameterSpec> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String names(List<ParameterSpec> params) {
        StringBuilder sb = new StringBuilder();
        for (ParameterSpec p : params) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p.name()).append(' ').append(p.mode()).append(' ').append(p.type().getName());
            if (!p.required() && p.mode() != ParameterMode.OUT) {
                sb.append(" optional");
            }
        }
        return sb.toString();
    }

    static String describe(String label, ParameterSpec p) {
        return "parameter '" + p.name() + "' of " + label;
    }

    /** {@code namespace.name}. */
    public String label() {
        return label;
    }

    public ProcedureSpec spec() {
        return spec;
    }

    /** The procedure parameter JDBC index {@code index} stands for. */
    public ParameterSpec parameterAt(int index) throws SQLException {
        if (index < 1 || index > byIndex.length) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "parameter index " + index + " is out of range 1.."
                    + byIndex.length + " of the call of " + label);
        }
        return byIndex[index - 1];
    }

    /** Number of JDBC parameters of the call. */
    public int parameterCount() {
        return byIndex.length;
    }

    /**
     * The JDBC index of the {@code ?} that stands for the parameter called {@code name}.
     *
     * @throws SQLException 22023 when the procedure has no such parameter, or the call passes it as no {@code ?}
     */
    public int indexOf(String name) throws SQLException {
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] != null && byIndex[i].name().equalsIgnoreCase(name)) {
                return i + 1;
            }
        }
        if (indexOfName(spec.parameters(), name == null ? "" : name) < 0) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, label + " has no parameter named '" + name
                    + "'; its parameters are " + names(spec.parameters()));
        }
        throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter '" + name + "' of " + label + " is not passed"
                + " as ? in this call; write " + name + " => ? to set or read it by name");
    }

    /** Checks that JDBC index {@code index} may be registered as OUT. */
    public ParameterSpec checkOut(int index) throws SQLException {
        ParameterSpec p = parameterAt(index);
        if (p.mode() == ParameterMode.IN) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "parameter " + index + " of the call ("
                    + describe(label, p) + ") is IN; only OUT and INOUT parameters can be registered");
        }
        return p;
    }

    /**
     * Runs the procedure.
     *
     * @param bound per argument marker (0-based), the bound value as {type, text}; null when not set
     * @throws SQLException 07001 for an IN marker that is not set; 22023 for a missing required value or one
     *     that does not convert; whatever the procedure throws
     */
    public ProcedureOutcome run(Connection connection, List<String[]> bound) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        List<ParameterSpec> params = spec.parameters();
        for (int i = 0; i < params.size(); i++) {
            ParameterSpec p = params.get(i);
            if (p.mode() != ParameterMode.OUT) {
                values.put(p.name().toLowerCase(Locale.ROOT), inValue(p, supplied[i], bound));
            }
        }
        ProcedureOutcome outcome;
        try {
            outcome = spec.body().call(new Invocation(connection, values));
        } catch (RuntimeException e) {
            // JDBC callers handle SQLException only; a provider's bug must not escape as anything else
            throw Errors.of(SqlState.GENERAL_ERROR, label + " failed: " + e, e);
        }
        return outcome == null ? ProcedureOutcome.none() : outcome;
    }

    private Object inValue(ParameterSpec p, CallArgument a, List<String[]> bound) throws SQLException {
        String type;
        String text;
        if (a == null || a.kind() == CallArgument.Kind.DEFAULT) {
            if (p.required()) {
                throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, describe(label, p) + " (" + p.type().getName()
                        + ") is required and has no value");
            }
            return p.defaultValue();
        }
        if (a.kind() == CallArgument.Kind.MARKER) {
            String[] v = bound.get(a.firstMarker());
            if (v == null) {
                throw Errors.of(SqlState.WRONG_PARAMETER_COUNT, "parameter " + (a.firstMarker() + markerOffset + 1)
                        + " of the call (" + describe(label, p) + ") is not set");
            }
            type = v[0];
            text = v[1];
        } else {
            type = a.literalType();
            text = a.literalText();
        }
        if (text == null && p.required()) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, describe(label, p) + " is required and cannot be NULL");
        }
        return InValues.convert(describe(label, p), p.type(), type, text);
    }

    /** What the body sees. */
    private final class Invocation implements dev.sluice.jdbc.procedure.ProcedureCall {
        private final Connection connection;
        private final Map<String, Object> values;

        Invocation(Connection connection, Map<String, Object> values) {
            this.connection = connection;
            this.values = values;
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public Object value(String parameterName) {
            String key = parameterName == null ? "" : parameterName.toLowerCase(Locale.ROOT);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(label + " has no IN parameter named " + parameterName);
            }
            return values.get(key);
        }
    }
}
