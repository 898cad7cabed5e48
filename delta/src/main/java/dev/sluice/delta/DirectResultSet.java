package dev.sluice.delta;

import io.delta.kernel.types.StructType;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A forward-only, read-only {@link ResultSet} over a {@link DirectRows} cursor: the getters JDBC consumers use
 * (typed by column), {@code getMetaData}, {@code findColumn}, {@code wasNull}, {@code unwrap(DirectRows.class)};
 * updates and scrolling are refused as a forward-only, read-only cursor refuses them.
 */
final class DirectResultSet implements InvocationHandler {
    private final DirectRows rows;
    private final StructType schema;
    private final List<String> columns;
    private boolean wasNull;
    private boolean closed;

    private DirectResultSet(DirectRows rows, StructType schema) {
        this.rows = rows;
        this.schema = schema;
        this.columns = rows.columns();
    }

    static ResultSet of(DirectRows rows, StructType schema) {
        return (ResultSet) Proxy.newProxyInstance(DirectResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, new DirectResultSet(rows, schema));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "close":
                closed = true;
                rows.close();
                return null;
            case "isClosed":
                return closed;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "DirectResultSet" + columns;
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(rows)) {
                    return rows;
                }
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                throw new SQLException("not a wrapper of " + args[0], "22023");
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(rows) || ((Class<?>) args[0]).isInstance(proxy);
            default:
                break;
        }
        if (closed) {
            throw new SQLException("the result set is closed", "24000");
        }
        switch (name) {
            case "next":
                return rows.next();
            case "wasNull":
                return wasNull;
            case "getMetaData":
                return metaData();
            case "findColumn":
                return index((String) args[0]) + 1;
            case "getType":
                return ResultSet.TYPE_FORWARD_ONLY;
            case "getConcurrency":
                return ResultSet.CONCUR_READ_ONLY;
            case "getFetchDirection":
                return ResultSet.FETCH_FORWARD;
            case "getFetchSize":
                return 0;
            case "setFetchSize":
            case "clearWarnings":
                return null;
            case "getWarnings":
            case "getStatement":
                return null;
            case "getHoldability":
                return ResultSet.CLOSE_CURSORS_AT_COMMIT;
            default:
                break;
        }
        if (name.startsWith("get") && args != null && args.length >= 1
                && (args[0] instanceof Integer || args[0] instanceof String)) {
            int column = args[0] instanceof Integer i ? i - 1 : index((String) args[0]);
            Object value = rows.get(column);
            wasNull = value == null;
            try {
                return convert(name, value, args.length > 1 ? args[1] : null, column);
            } catch (ClassCastException | ArithmeticException | NumberFormatException e) {
                throw new SQLException("column " + (column + 1) + " ('" + columns.get(column) + "'): cannot "
                        + name + " from " + value.getClass().getSimpleName(), "22018", e);
            }
        }
        throw new SQLFeatureNotSupportedException(name + " is not supported by a direct Delta read", "0A000");
    }

    private int index(String label) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new SQLException("no column '" + label + "' in " + columns, "42703");
    }

    private static Object convert(String getter, Object v, Object extra, int column) throws SQLException {
        switch (getter) {
            case "getObject":
                if (extra instanceof Class<?> type) {
                    return v == null ? null : as(type, v);
                }
                return v;
            case "getString":
                return v == null ? null : v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                        : v.toString();
            case "getLong":
                return v == null ? 0L : ((Number) v).longValue();
            case "getInt":
                return v == null ? 0 : Math.toIntExact(((Number) v).longValue());
            case "getShort":
                return v == null ? (short) 0 : ((Number) v).shortValue();
            case "getByte":
                return v == null ? (byte) 0 : ((Number) v).byteValue();
            case "getDouble":
                return v == null ? 0d : ((Number) v).doubleValue();
            case "getFloat":
                return v == null ? 0f : ((Number) v).floatValue();
            case "getBoolean":
                return v != null && (Boolean) v;
            case "getBigDecimal":
                return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
            case "getBytes":
                return (byte[]) v;
            case "getDate":
                return v == null ? null : Date.valueOf((LocalDate) v);
            case "getTimestamp":
                return v == null ? null : v instanceof Instant i ? Timestamp.from(i)
                        : Timestamp.valueOf((LocalDateTime) v);
            default:
                throw new SQLFeatureNotSupportedException(getter + " is not supported by a direct Delta read",
                        "0A000");
        }
    }

    private static Object as(Class<?> type, Object v) throws SQLException {
        if (type.isInstance(v)) {
            return v;
        }
        if (type == Long.class && v instanceof Number n) {
            return n.longValue();
        } else if (type == Integer.class && v instanceof Number n) {
            return Math.toIntExact(n.longValue());
        } else if (type == String.class) {
            return v.toString();
        } else if (type == Timestamp.class && v instanceof Instant i) {
            return Timestamp.from(i);
        } else if (type == java.time.OffsetDateTime.class && v instanceof Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        } else if (type == Date.class && v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        throw new SQLException("cannot read a " + v.getClass().getSimpleName() + " as " + type.getName(), "22018");
    }

    private ResultSetMetaData metaData() {
        return (ResultSetMetaData) Proxy.newProxyInstance(DirectResultSet.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, (p, m, a) -> {
                    switch (m.getName()) {
                        case "getColumnCount":
                            return columns.size();
                        case "getColumnName":
                        case "getColumnLabel":
                            return columns.get(column(a));
                        case "getColumnType":
                            return DeltaTypes.jdbcType(schema.get(columns.get(column(a))).getDataType());
                        case "getColumnTypeName":
                            return DeltaTypes.sql(schema.get(columns.get(column(a))).getDataType())
                                    .toUpperCase(Locale.ROOT);
                        case "isNullable":
                            return schema.get(columns.get(column(a))).isNullable()
                                    ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
                        case "isReadOnly":
                            return true;
                        case "hashCode":
                            return System.identityHashCode(p);
                        case "equals":
                            return p == a[0];
                        case "toString":
                            return "DirectResultSetMetaData" + columns;
                        default:
                            throw new SQLFeatureNotSupportedException(m.getName()
                                    + " is not supported by a direct Delta read", "0A000");
                    }
                });
    }

    private int column(Object[] args) throws SQLException {
        int i = (Integer) args[0];
        if (i < 1 || i > columns.size()) {
            throw new SQLException("column index " + i + " is out of range 1.." + columns.size(), "22023");
        }
        return i - 1;
    }
}
