package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.jdbc.Bindings.Binding;
import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What is known of a prepared statement's parameters without asking the server: their number, and
 * for bound ones the type they were bound as. Unbound parameters report VARCHAR, the type the server
 * assumes for an untyped value.
 */
final class SluiceParameterMetaData implements ParameterMetaData {
    private final Binding[] bindings;
    private final int[] modes;

    SluiceParameterMetaData(Binding[] bindings) {
        this(bindings, null);
    }

    /**
     * @param modes per parameter, {@code parameterModeIn}, {@code parameterModeOut} or {@code parameterModeInOut};
     *     null when every parameter is IN
     */
    SluiceParameterMetaData(Binding[] bindings, int[] modes) {
        this.bindings = bindings;
        this.modes = modes;
    }

    private Binding at(int param) throws SQLException {
        if (param < 1 || param > bindings.length) {
            throw Errors.of(SqlState.INVALID_DESCRIPTOR_INDEX, "parameter index " + param + " is out of range 1.."
                    + bindings.length);
        }
        return bindings[param - 1];
    }

    private String typeName(int param) throws SQLException {
        Binding b = at(param);
        return b == null || "VOID".equals(b.type()) ? "STRING" : b.type();
    }

    @Override
    public int getParameterCount() {
        return bindings.length;
    }

    @Override
    public int isNullable(int param) throws SQLException {
        at(param);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int param) throws SQLException {
        int t = getParameterType(param);
        return t == Types.TINYINT || t == Types.SMALLINT || t == Types.INTEGER || t == Types.BIGINT
                || t == Types.REAL || t == Types.DOUBLE || t == Types.DECIMAL;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
        String t = typeName(param);
        if (t.startsWith("DECIMAL(")) {
            return Integer.parseInt(t.substring(8, t.indexOf(',')));
        }
        return 0;
    }

    @Override
    public int getScale(int param) throws SQLException {
        String t = typeName(param);
        if (t.startsWith("DECIMAL(")) {
            return Integer.parseInt(t.substring(t.indexOf(',') + 1, t.length() - 1));
        }
        return 0;
    }

    @Override
    public int getParameterType(int param) throws SQLException {
        String t = typeName(param);
        if (t.startsWith("DECIMAL")) {
            return Types.DECIMAL;
        }
        switch (t) {
            case "BOOLEAN":
                return Types.BOOLEAN;
            case "TINYINT":
                return Types.TINYINT;
            case "SMALLINT":
                return Types.SMALLINT;
            case "INT":
                return Types.INTEGER;
            case "BIGINT":
                return Types.BIGINT;
            case "FLOAT":
                return Types.REAL;
            case "DOUBLE":
                return Types.DOUBLE;
            case "BINARY":
                return Types.BINARY;
            case "DATE":
                return Types.DATE;
            case "TIMESTAMP":
            case "TIMESTAMP_NTZ":
                return Types.TIMESTAMP;
            default:
                return Types.VARCHAR;
        }
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
        return typeName(param);
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
        switch (getParameterType(param)) {
            case Types.BOOLEAN:
                return Boolean.class.getName();
            case Types.TINYINT:
                return Byte.class.getName();
            case Types.SMALLINT:
                return Short.class.getName();
            case Types.INTEGER:
                return Integer.class.getName();
            case Types.BIGINT:
                return Long.class.getName();
            case Types.REAL:
                return Float.class.getName();
            case Types.DOUBLE:
                return Double.class.getName();
            case Types.DECIMAL:
                return java.math.BigDecimal.class.getName();
            case Types.BINARY:
                return byte[].class.getName();
            case Types.DATE:
                return java.sql.Date.class.getName();
            case Types.TIMESTAMP:
                return java.sql.Timestamp.class.getName();
            default:
                return String.class.getName();
        }
    }

    @Override
    public int getParameterMode(int param) throws SQLException {
        at(param);
        return modes == null ? parameterModeIn : modes[param - 1];
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return Wrappers.isWrapperFor(this, iface);
    }
}
