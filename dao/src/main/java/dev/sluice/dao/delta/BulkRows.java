package dev.sluice.dao.delta;

import static java.util.Objects.requireNonNull;

import dev.sluice.jdbc.internal.arrow.ArrowStreamReader;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.result.ResultOptions;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of a bulk load, streamed: column names and an iterator of rows read once, one at a time, so a load of
 * any size holds only the file being written. Made from {@link Rows}, from {@code Object[]} or {@code List} rows,
 * from records (their components are the columns), from an open {@link ResultSet} (read to its end, not closed) or
 * from an Arrow IPC stream.
 * Values are checked against the table's column types as they are written (see {@link DeltaTable#bulkAppend}).
 */
public final class BulkRows {

    /** Gives the next row, or null at the end. */
    @FunctionalInterface
    interface Source {
        Object[] next() throws SQLException;
    }

    /** Gives the row source once the target column types are known. */
    @FunctionalInterface
    private interface Opener {
        Source open(List<DataType> types) throws SQLException;
    }

    private final List<String> columns;
    private final Opener opener;

    private BulkRows(List<String> columns, Source source, ResultSet resultSet) {
        this(columns, resultSet == null ? types -> source : types -> resultSetSource(resultSet, types));
    }

    private BulkRows(List<String> columns, Opener opener) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns");
        }
        if (columns.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("duplicate column in " + columns);
        }
        this.columns = List.copyOf(columns);
        this.opener = opener;
    }

    public static BulkRows of(Rows rows) {
        Iterator<List<Object>> it = rows.rows().iterator();
        return new BulkRows(rows.columns(), () -> it.hasNext() ? it.next().toArray() : null, null);
    }

    /** Rows as {@code Object[]}, one value per column, e.g. a generator's output. */
    public static BulkRows ofArrays(List<String> columns, Iterator<Object[]> rows) {
        requireNonNull(rows, "rows is null");
        int n = columns.size();
        long[] index = {0};
        return new BulkRows(columns, () -> {
            if (!rows.hasNext()) {
                return null;
            }
            Object[] r = rows.next();
            index[0]++;
            if (r == null || r.length != n) {
                throw DeltaErrors.invalid("row " + index[0] + " has " + (r == null ? "no" : r.length) + " values for "
                        + n + " columns " + columns);
            }
            return r;
        }, null);
    }

    /** Rows as lists, one value per column. */
    public static BulkRows ofLists(List<String> columns, Iterable<? extends List<?>> rows) {
        Iterator<? extends List<?>> it = rows.iterator();
        Iterator<Object[]> arrays = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                List<?> l = it.next();
                return l == null ? null : l.toArray();
            }
        };
        return ofArrays(columns, arrays);
    }

    /** Records of one type: its components, in order, are the columns. */
    public static <R extends Record> BulkRows ofRecords(Class<R> type, Iterable<? extends R> records) {
        requireNonNull(records, "records is null");
        RecordComponent[] components = requireNonNull(type, "type is null").getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Method[] accessors = new Method[components.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            names.add(components[i].getName());
            try {
                accessors[i].setAccessible(true);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot read the components of " + type.getName()
                        + " (make the record public or open its package): " + e.getMessage(), e);
            }
        }
        Iterator<? extends R> it = records.iterator();
        return new BulkRows(names, () -> {
            if (!it.hasNext()) {
                return null;
            }
            R r = it.next();
            Object[] values = new Object[accessors.length];
            for (int i = 0; i < accessors.length; i++) {
                try {
                    values[i] = accessors[i].invoke(r);
                } catch (ReflectiveOperationException e) {
                    throw DeltaErrors.invalid("cannot read " + names.get(i) + " of " + r + ": " + e.getMessage());
                }
            }
            return values;
        }, null);
    }

    /**
     * The rows of an open result set, its column labels as the columns; read to the end, not closed. Each value is
     * read with the getter that fits the target column's type (see {@link DeltaTable#bulkAppend}).
     */
    public static BulkRows of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnLabel(i));
        }
        return new BulkRows(names, null, rs);
    }

    /**
     * The rows of an Arrow IPC stream (the schema message, then record batches; e.g. what Arrow Java's
     * {@code ArrowStreamWriter} writes), its field names as the columns, read to its end (not closed) one record
     * batch at a time by the driver's own Arrow reader, so the application needs no Arrow library here and memory
     * holds one batch. Values are read as the table's column types ask and checked as Java rows are.
     *
     * @throws SQLException 22000 when the stream has no schema or is corrupt, 0A000 for Arrow features the
     *     reader lacks (unions, view types, ZSTD buffers)
     */
    public static BulkRows ofArrow(java.io.InputStream ipcStream) throws SQLException {
        ArrowStreamReader reader = new ArrowStreamReader(requireNonNull(ipcStream, "ipcStream is null"),
                new ResultOptions(java.time.ZoneOffset.UTC, true));
        List<String> names = reader.columns().stream().map(ColumnInfo::name).toList();
        if (names.isEmpty()) {
            throw DeltaErrors.invalid("the Arrow stream has no columns");
        }
        return new BulkRows(names, types -> ArrowRows.open(reader, types));
    }

    public List<String> columns() {
        return columns;
    }

    /** The row source; a result set's getters are chosen by the target types. */
    Source open(List<DataType> types) throws SQLException {
        return opener.open(types);
    }

    private static Source resultSetSource(ResultSet rs, List<DataType> types) {
        int n = types.size();
        return () -> {
            if (!rs.next()) {
                return null;
            }
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = read(rs, i + 1, types.get(i));
            }
            return row;
        };
    }

    private static Object read(ResultSet rs, int i, DataType type) throws SQLException {
        String base = type instanceof DataType.Primitive p ? p.base() : "";
        Object v = switch (base) {
            case "bigint" -> rs.getLong(i);
            case "int" -> rs.getInt(i);
            case "smallint" -> rs.getShort(i);
            case "tinyint" -> rs.getByte(i);
            case "double" -> rs.getDouble(i);
            case "float" -> rs.getFloat(i);
            case "boolean" -> rs.getBoolean(i);
            case "string", "varchar", "char" -> rs.getString(i);
            case "binary" -> rs.getBytes(i);
            case "decimal" -> rs.getBigDecimal(i);
            case "date" -> rs.getObject(i, java.time.LocalDate.class);
            case "timestamp" -> rs.getTimestamp(i);
            case "timestamp_ntz" -> rs.getObject(i, java.time.LocalDateTime.class);
            default -> rs.getObject(i);
        };
        return rs.wasNull() ? null : v;
    }
}
