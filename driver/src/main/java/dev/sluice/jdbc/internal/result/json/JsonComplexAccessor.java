package dev.sluice.jdbc.internal.result.json;

import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.SqlArray;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Struct;
import java.util.Map;

/**
 * ARRAY, MAP and STRUCT: the server's JSON text. getString is the text; getObject parses it (guided by
 * the type text) into Array/Map/Struct when complex types are read as objects, else returns the text;
 * getArray always parses.
 */
public final class JsonComplexAccessor extends JsonAccessor {
    private final SqlType type;
    private final ResultOptions options;

    public JsonComplexAccessor(JsonRows rows, int column, SqlType type, ResultOptions options) {
        super(rows, column);
        this.type = type;
        this.options = options;
    }

    private Object parsed(int row) throws SQLException {
        return JsonValues.parse(text(row), type, options);
    }

    @Override
    public Object getObject(int row) throws SQLException {
        return options.complexTypesAsObjects() ? parsed(row) : text(row);
    }

    @Override
    public Array getArray(int row) throws SQLException {
        if (type.kind() == SqlKind.ARRAY) {
            return (Array) parsed(row);
        }
        return super.getArray(row);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getObject(int row, Class<T> target) throws SQLException {
        if (target == Array.class || target == SqlArray.class || target == Struct.class || target == Map.class) {
            Object o = parsed(row);
            if (target.isInstance(o)) {
                return (T) o;
            }
        }
        return super.getObject(row, target);
    }
}
