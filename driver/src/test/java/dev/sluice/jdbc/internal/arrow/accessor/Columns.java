package dev.sluice.jdbc.internal.arrow.accessor;

import dev.sluice.jdbc.internal.arrow.Batches;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.testing.arrow.ArrowChunks;
import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/** Builds a one-column chunk with {@link ArrowChunks} and returns the driver's accessor for it. */
final class Columns {
    private Columns() {
    }

    /** One column of {@code values}, no manifest, UTC session, complex types as objects. */
    static ColumnAccessor of(Field field, Object... values) throws SQLException {
        return with(null, Batches.OBJECTS, field, values);
    }

    /** One column with a manifest type ({@code typeName}, {@code typeText}) and the given options. */
    static ColumnAccessor with(ColumnInfo manifest, ResultOptions options, Field field, Object... values)
            throws SQLException {
        ArrowChunks.Builder b = ArrowChunks.builder(field);
        for (Object v : values) {
            b.row(v);
        }
        List<ColumnInfo> columns = manifest == null ? null : List.of(manifest);
        return Batches.only(b.toBytes(), columns, options).column(0);
    }

    static ColumnInfo manifest(String typeName, String typeText) {
        return new ColumnInfo("c", 0, typeName, typeText, -1, -1, null);
    }
}
