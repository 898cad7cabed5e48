package dev.sluice.jdbc.internal.result;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.JsonRows;
import dev.sluice.jdbc.internal.result.json.JsonBinaryAccessor;
import dev.sluice.jdbc.internal.result.json.JsonBooleanAccessor;
import dev.sluice.jdbc.internal.result.json.JsonComplexAccessor;
import dev.sluice.jdbc.internal.result.json.JsonDateAccessor;
import dev.sluice.jdbc.internal.result.json.JsonDecimalAccessor;
import dev.sluice.jdbc.internal.result.json.JsonFloatingAccessor;
import dev.sluice.jdbc.internal.result.json.JsonIntegerAccessor;
import dev.sluice.jdbc.internal.result.json.JsonNullAccessor;
import dev.sluice.jdbc.internal.result.json.JsonStringAccessor;
import dev.sluice.jdbc.internal.result.json.JsonTimestampAccessor;
import dev.sluice.jdbc.internal.result.json.JsonTimestampNtzAccessor;
import dev.sluice.jdbc.internal.types.SqlType;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.util.List;
import java.util.Objects;

/**
 * Rows of a JSON_ARRAY result (INLINE disposition; every non-null value a JSON string, NULL a null
 * element) with one accessor per column chosen by the manifest type. Integer and DOUBLE columns are read into
 * primitive arrays by the first batch made over the rows and kept with them ({@link JsonRows#columnArray}); for a
 * fetched chunk that batch is made on its fetch thread (see {@code ResultStreams}). Other values are parsed when
 * read.
 */
public final class JsonRowBatch implements RowBatch {
    private final int rowCount;
    private final ColumnAccessor[] columns;

    /**
     * @param rows the {@code data_array} rows; kept, not copied
     * @param columns the manifest columns, in order
     * @param options the connection's result settings
     */
    public JsonRowBatch(JsonRows rows, List<ColumnInfo> columns, ResultOptions options) {
        Objects.requireNonNull(rows, "rows is null");
        Objects.requireNonNull(options, "options is null");
        this.rowCount = rows.rowCount();
        this.columns = new ColumnAccessor[columns.size()];
        for (int i = 0; i < this.columns.length; i++) {
            this.columns[i] = accessor(rows, i, TypeTable.sqlType(columns.get(i)), options);
        }
    }

    private static ColumnAccessor accessor(JsonRows rows, int column, SqlType type, ResultOptions options) {
        switch (type.kind()) {
            case BOOLEAN:
                return new JsonBooleanAccessor(rows, column);
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
                return new JsonIntegerAccessor(rows, column, type.kind());
            case FLOAT:
                return new JsonFloatingAccessor(rows, column, true);
            case DOUBLE:
                return new JsonFloatingAccessor(rows, column, false);
            case DECIMAL:
                return new JsonDecimalAccessor(rows, column, type.scale());
            case BINARY:
                return new JsonBinaryAccessor(rows, column);
            case DATE:
                return new JsonDateAccessor(rows, column);
            case TIMESTAMP:
                return new JsonTimestampAccessor(rows, column, options.sessionZone());
            case TIMESTAMP_NTZ:
                return new JsonTimestampNtzAccessor(rows, column);
            case ARRAY:
            case MAP:
            case STRUCT:
                return new JsonComplexAccessor(rows, column, type, options);
            case VOID:
                return new JsonNullAccessor();
            default:
                return new JsonStringAccessor(rows, column);
        }
    }

    @Override
    public int rowCount() {
        return rowCount;
    }

    @Override
    public ColumnAccessor column(int index) {
        return columns[index];
    }

    @Override
    public int columnCount() {
        return columns.length;
    }
}
