package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: decode IPC bytes with {@link ArrowChunkReader} into batches. */
public final class Batches {
    /** UTC session, complex types as objects. */
    public static final ResultOptions OBJECTS = new ResultOptions(ZoneOffset.UTC, true);
    /** UTC session, complex types as JSON text. */
    public static final ResultOptions TEXT = new ResultOptions(ZoneOffset.UTC, false);

    private Batches() {
    }

    public static List<RowBatch> all(byte[] ipc, List<ColumnInfo> manifest, ResultOptions options)
            throws SQLException {
        ArrowChunkReader reader = new ArrowChunkReader(ipc, 0, ipc.length, manifest, options);
        List<RowBatch> out = new ArrayList<>();
        for (RowBatch b = reader.next(); b != null; b = reader.next()) {
            out.add(b);
        }
        return out;
    }

    /** The only batch of a chunk. */
    public static RowBatch only(byte[] ipc, List<ColumnInfo> manifest, ResultOptions options) throws SQLException {
        List<RowBatch> all = all(ipc, manifest, options);
        if (all.size() != 1) {
            throw new AssertionError("expected one batch, got " + all.size());
        }
        return all.get(0);
    }

    public static RowBatch only(byte[] ipc) throws SQLException {
        return only(ipc, null, OBJECTS);
    }

    /** A manifest column as the server writes it. */
    public static ColumnInfo column(String name, int position, String typeName, String typeText) {
        return new ColumnInfo(name, position, typeName, typeText, -1, -1, null);
    }

    public static ResultOptions session(ZoneId zone, boolean objects) {
        return new ResultOptions(zone, objects);
    }
}
