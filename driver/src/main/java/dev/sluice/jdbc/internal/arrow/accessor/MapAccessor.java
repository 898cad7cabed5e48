package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.result.JsonText;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arrow Map vectors (MAP): a list of {@code entries} structs of {@code key} and {@code value}. getObject
 * is a {@link LinkedHashMap} in wire order when complex types are read as objects, else JSON text
 * ({@code {"k":1}}, keys always as quoted text).
 */
public final class MapAccessor extends ArrowAccessor {
    private final byte[] offsets;
    private final int offsetsOffset;
    private final ArrowAccessor keys;
    private final ArrowAccessor values;
    private final boolean asObjects;

    public MapAccessor(ArrowBuffer validity, ArrowBuffer offsets, ArrowAccessor keys, ArrowAccessor values,
                       SqlType type, boolean asObjects) {
        super(validity, type);
        this.offsets = offsets.array();
        this.offsetsOffset = offsets.offset();
        this.keys = keys;
        this.values = values;
        this.asObjects = asObjects;
    }

    private int start(int row) {
        return LittleEndian.getInt(offsets, offsetsOffset + (row << 2));
    }

    private int end(int row) {
        return LittleEndian.getInt(offsets, offsetsOffset + (row << 2) + 4);
    }

    /** The entries of {@code row} in wire order. */
    public Map<Object, Object> getMap(int row) throws SQLException {
        int from = start(row);
        int to = end(row);
        Map<Object, Object> map = new LinkedHashMap<>(Math.max(4, (to - from) * 4 / 3 + 1));
        for (int i = from; i < to; i++) {
            Object k = keys.isNull(i) ? null : keys.getNestedObject(i);
            map.put(k, values.isNull(i) ? null : values.getNestedObject(i));
        }
        return map;
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return asObjects ? getMap(row) : getString(row);
    }

    @Override
    public Object getNestedObject(int row) throws SQLException {
        return getMap(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> type) throws SQLException {
        if (type == Map.class || type == LinkedHashMap.class) {
            return (T) getMap(row);
        }
        return super.getObject(row, type);
    }

    @Override
    public String getString(int row) throws SQLException {
        StringBuilder sb = new StringBuilder();
        appendJson(row, sb);
        return sb.toString();
    }

    @Override
    public void appendJson(int row, StringBuilder out) throws SQLException {
        int from = start(row);
        int to = end(row);
        out.append('{');
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append(',');
            }
            JsonText.appendQuoted(out, keys.isNull(i) ? "null" : keys.getString(i));
            out.append(':');
            if (values.isNull(i)) {
                out.append("null");
            } else {
                values.appendJson(i, out);
            }
        }
        out.append('}');
    }
}
