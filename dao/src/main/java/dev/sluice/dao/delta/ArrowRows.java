package dev.sluice.dao.delta;

import dev.sluice.jdbc.internal.arrow.ArrowStreamReader;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.jdbc.internal.result.SqlStruct;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of an Arrow IPC stream, decoded by the driver's own Arrow reader one record batch at a time (no Arrow
 * Java). Each value is read as the Java value the bulk writer takes for the target column's type, so the writer's
 * checks (range, scale, wrong type) apply as for Java rows: an Arrow INT into a BIGINT column is fine, an Arrow
 * DOUBLE into a DECIMAL column is refused.
 */
final class ArrowRows {
    private ArrowRows() {
    }

    static BulkRows.Source open(ArrowStreamReader reader, List<DataType> types) {
        int n = types.size();
        return new BulkRows.Source() {
            private RowBatch batch;
            private int row;

            @Override
            public Object[] next() throws SQLException {
                while (batch == null || row >= batch.rowCount()) {
                    batch = reader.next();
                    row = 0;
                    if (batch == null) {
                        return null;
                    }
                }
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = value(batch.column(i), row, types.get(i));
                }
                row++;
                return values;
            }
        };
    }

    private static Object value(ColumnAccessor a, int row, DataType type) throws SQLException {
        if (a.isNull(row)) {
            return null;
        }
        String base = type instanceof DataType.Primitive p ? p.base() : "";
        return switch (base) {
            case "date" -> a.getLocalDate(row);
            case "timestamp" -> a.getInstant(row, ZoneOffset.UTC);
            case "timestamp_ntz" -> a.getLocalDateTime(row);
            default -> nested(a.getObject(row), type);
        };
    }

    /** A value of a nested result (java.sql.Array, Struct, Map) as the lists and maps the writer takes. */
    private static Object nested(Object v, DataType type) throws SQLException {
        if (v == null) {
            return null;
        }
        if (type instanceof DataType.ArrayType at && v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>(items.length);
            for (Object item : items) {
                out.add(nested(item, at.element()));
            }
            return out;
        }
        if (type instanceof DataType.MapType mt && v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(nested(e.getKey(), mt.key()), nested(e.getValue(), mt.value()));
            }
            return out;
        }
        if (type instanceof StructType st && v instanceof SqlStruct s) {
            // By field name, as the writer matches a Map: the Arrow struct's field order need not be the table's.
            Object[] attributes = s.getAttributes();
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < attributes.length; i++) {
                String name = s.fieldNames().get(i);
                DataType field = st.fields().stream().filter(f -> f.name().equalsIgnoreCase(name))
                        .map(StructField::type).findFirst().orElse(null);
                if (field == null) {
                    throw DeltaErrors.invalid("the Arrow struct field '" + name + "' is not in " + st.sql());
                }
                out.put(name, nested(attributes[i], field));
            }
            return out;
        }
        if (type instanceof DataType.Primitive p && v instanceof Timestamp t) {
            // Nested values come as java.sql.Timestamp (field-wise for TIMESTAMP_NTZ); the writer wants the exact kind.
            return p.base().equals("timestamp_ntz") ? t.toLocalDateTime() : t.toInstant();
        }
        if (type instanceof DataType.Primitive p && p.base().equals("date") && v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v;
    }
}
