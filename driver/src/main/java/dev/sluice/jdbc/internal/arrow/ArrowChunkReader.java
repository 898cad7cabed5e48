package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.arrow.AccessorFactory.DictionaryValues;
import dev.sluice.jdbc.internal.arrow.accessor.ArrowAccessor;
import dev.sluice.jdbc.internal.arrow.accessor.LittleEndian;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.jdbc.internal.types.SqlKind;
import dev.sluice.jdbc.internal.types.SqlType;
import dev.sluice.jdbc.internal.types.TypeTable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;

/**
 * Reads one Arrow IPC <em>stream</em> (one result chunk, already LZ4-decompressed) from a heap array,
 * without arrow-vector, Unsafe or JVM flags: the schema message first, then record batches whose
 * buffers stay in the array and are read in place by the column accessors.
 *
 * <p>Accepted framing: the continuation marker {@code 0xFFFFFFFF} plus an int32 metadata length, and the
 * pre-1.0 form with the length alone; the stream ends at an end-of-stream marker or at the end of the
 * bytes. Dictionary batches (not deltas) and LZ4_FRAME IPC buffer compression are supported; ZSTD
 * buffer compression, delta dictionaries, unions and view types raise 0A000 naming what is missing.
 * Every length and offset is checked against the bytes first, so a truncated or corrupt chunk is an
 * SQLException 22000 saying what was wrong, never an unchecked exception.
 *
 * <p>The manifest's column types, when given, decide what Arrow leaves open (see {@link ArrowTypes}).
 * Not thread-safe: one reader per chunk, used by one thread.
 */
public final class ArrowChunkReader {
    private static final int CONTINUATION = 0xFFFFFFFF;

    private final byte[] buf;
    private final int start;
    private final int end;
    private final List<ColumnInfo> manifestColumns;
    private final ResultOptions options;
    private final Map<Long, DictionaryValues> dictionaries = new HashMap<>();
    private final Map<Long, ArrowField> dictionaryFields = new HashMap<>();
    private final Map<Long, SqlType> dictionaryHints = new HashMap<>();
    private int pos;
    private List<ArrowField> fields;
    private List<SqlType> hints;
    private AccessorFactory factory;
    private boolean finished;

    /**
     * @param buf the chunk's bytes
     * @param off where the IPC stream starts in {@code buf}
     * @param len the stream's length
     * @param manifestColumns the manifest's columns, or null to take types from Arrow alone
     * @param options the connection's result settings
     */
    public ArrowChunkReader(byte[] buf, int off, int len, List<ColumnInfo> manifestColumns, ResultOptions options) {
        this.buf = Objects.requireNonNull(buf, "buf is null");
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IllegalArgumentException("range " + off + "+" + len + " is outside " + buf.length + " bytes");
        }
        this.start = off;
        this.end = off + len;
        this.pos = off;
        this.manifestColumns = manifestColumns == null ? null : List.copyOf(manifestColumns);
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /**
     * The next record batch with at least one row, or null at the end of the stream (also for an empty
     * chunk). Batches with zero rows are skipped.
     *
     * @throws SQLException 22000 for corrupt or truncated data, 0A000 for Arrow features not supported
     */
    public RowBatch next() throws SQLException {
        try {
            while (!finished) {
                Frame frame = readFrame();
                if (frame == null) {
                    finished = true;
                    return null;
                }
                RowBatch batch = handle(frame);
                if (batch != null && batch.rowCount() > 0) {
                    return batch;
                }
            }
            return null;
        } catch (SQLException e) {
            finished = true;
            throw e;
        } catch (RuntimeException e) {
            // Flatbuffer accessors throw unchecked exceptions on bytes that are not a valid message.
            finished = true;
            throw Errors.of(SqlState.DATA_EXCEPTION, "corrupt Arrow IPC stream near byte " + (pos - start)
                    + ": " + e, e);
        }
    }

    /**
     * The stream's schema as manifest-style columns (names, Databricks type names and text), for results
     * without a manifest. Reads the schema message if {@link #next()} has not yet; an empty chunk has none.
     */
    public List<ColumnInfo> columns() throws SQLException {
        readSchema();
        if (fields == null) {
            return List.of();
        }
        List<ColumnInfo> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            SqlType t = ArrowTypes.effective(fields.get(i), hints.get(i));
            out.add(new ColumnInfo(fields.get(i).name(), i, typeName(t), t.text(),
                    t.kind() == SqlKind.DECIMAL ? t.precision() : -1, t.kind() == SqlKind.DECIMAL ? t.scale() : -1,
                    t.name().startsWith("INTERVAL ") ? t.name().substring(9) : null));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Whether each top-level field may hold nulls, as the schema says (Spark keeps a column's
     * {@code NOT NULL}), or null for an empty chunk, which has no schema. Reads the schema message if
     * {@link #next()} has not yet.
     */
    public boolean[] nullability() throws SQLException {
        readSchema();
        if (fields == null) {
            return null;
        }
        boolean[] out = new boolean[fields.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fields.get(i).nullable();
        }
        return out;
    }

    private void readSchema() throws SQLException {
        if (fields == null && !finished) {
            try {
                Frame frame = readFrame();
                if (frame == null) {
                    finished = true;
                } else {
                    handle(frame);
                }
            } catch (RuntimeException e) {
                finished = true;
                throw Errors.of(SqlState.DATA_EXCEPTION, "corrupt Arrow IPC schema: " + e, e);
            }
        }
    }

    /** The manifest's Spark-internal spelling of a type ({@code LONG} for BIGINT, ...). */
    private static String typeName(SqlType t) {
        switch (t.kind()) {
            case TINYINT:
                return "BYTE";
            case SMALLINT:
                return "SHORT";
            case BIGINT:
                return "LONG";
            case INTERVAL_DAY_TIME:
            case INTERVAL_YEAR_MONTH:
                return "INTERVAL";
            case VOID:
                return "NULL";
            default:
                return t.name();
        }
    }

    /** One IPC message: its flatbuffer and the position and length of its body. */
    private record Frame(Message message, int bodyStart, long bodyLength) {
    }

    private Frame readFrame() throws SQLException {
        if (end - pos == 0) {
            return null;
        }
        int length = int32("message length");
        pos += 4;
        if (length == CONTINUATION) {
            length = int32("message length");
            pos += 4;
        }
        if (length == 0) {
            return null;
        }
        if (length < 0 || length > end - pos) {
            throw corrupt("message metadata of " + length + " bytes runs past the end of the chunk ("
                    + (end - pos) + " bytes left)");
        }
        ByteBuffer metadata = ByteBuffer.wrap(buf, pos, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        Message message = Message.getRootAsMessage(metadata);
        pos += length;
        long bodyLength = message.bodyLength();
        if (bodyLength < 0 || bodyLength > end - pos) {
            throw corrupt("message body of " + bodyLength + " bytes runs past the end of the chunk ("
                    + (end - pos) + " bytes left)");
        }
        Frame frame = new Frame(message, pos, bodyLength);
        pos += (int) bodyLength;
        return frame;
    }

    private RowBatch handle(Frame frame) throws SQLException {
        Message m = frame.message();
        if (m.version() < MetadataVersion.V4) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED,
                    "Arrow IPC metadata version " + MetadataVersion.name(m.version()) + " is not supported");
        }
        switch (m.headerType()) {
            case MessageHeader.Schema:
                if (fields != null) {
                    throw corrupt("a second schema message");
                }
                schema((Schema) m.header(new Schema()));
                return null;
            case MessageHeader.DictionaryBatch:
                requireSchema("dictionary batch");
                dictionary((DictionaryBatch) m.header(new DictionaryBatch()), frame);
                return null;
            case MessageHeader.RecordBatch:
                requireSchema("record batch");
                return batch((RecordBatch) m.header(new RecordBatch()), frame);
            default:
                throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED,
                        "Arrow IPC message type " + MessageHeader.name(m.headerType()) + " is not supported");
        }
    }

    private void schema(Schema schema) throws SQLException {
        List<ArrowField> read = SchemaReader.fields(schema);
        if (manifestColumns != null && manifestColumns.size() != read.size()) {
            throw corrupt("the Arrow schema has " + read.size() + " columns but the manifest "
                    + manifestColumns.size());
        }
        List<SqlType> h = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            h.add(manifestColumns == null ? null : TypeTable.sqlType(manifestColumns.get(i)));
        }
        fields = read;
        hints = h;
        for (int i = 0; i < read.size(); i++) {
            registerDictionaries(read.get(i), h.get(i));
        }
        factory = new AccessorFactory(options, dictionaries);
    }

    /** Remembers each dictionary-encoded field (and its SQL type) so its dictionary batch can be decoded. */
    private void registerDictionaries(ArrowField f, SqlType hint) {
        SqlType type = ArrowTypes.effective(f, hint);
        if (f.dictionary() != null) {
            dictionaryFields.put(f.dictionary().id(), f.withoutDictionary());
            dictionaryHints.put(f.dictionary().id(), type);
        }
        for (int i = 0; i < f.children().size(); i++) {
            registerDictionaries(f.children().get(i), ArrowTypes.childHint(type, f, i));
        }
    }

    private void dictionary(DictionaryBatch d, Frame frame) throws SQLException {
        if (d.isDelta()) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "Arrow delta dictionary batches are not supported");
        }
        ArrowField field = dictionaryFields.get(d.id());
        RecordBatch data = d.data();
        if (field == null || data == null) {
            throw corrupt("dictionary batch " + d.id() + " matches no dictionary-encoded field");
        }
        BatchBody body = new BatchBody(buf, frame.bodyStart(), frame.bodyLength(), data);
        AccessorFactory.Vector values = factory.create(field, dictionaryHints.get(d.id()), body);
        body.requireConsumed();
        dictionaries.put(d.id(), new DictionaryValues(values.accessor(), values.length()));
    }

    private RowBatch batch(RecordBatch rb, Frame frame) throws SQLException {
        long rows = rb.length();
        if (rows < 0 || rows > Integer.MAX_VALUE) {
            throw corrupt("a record batch claims " + rows + " rows");
        }
        BatchBody body = new BatchBody(buf, frame.bodyStart(), frame.bodyLength(), rb);
        List<ArrowAccessor> columns = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            AccessorFactory.Vector v = factory.create(fields.get(i), hints.get(i), body);
            if (v.length() < rows) {
                throw corrupt("column '" + fields.get(i).name() + "' holds " + v.length() + " values for "
                        + rows + " rows");
            }
            columns.add(v.accessor());
        }
        body.requireConsumed();
        return new ArrowBatch((int) rows, columns);
    }

    private void requireSchema(String what) throws SQLException {
        if (fields == null) {
            throw corrupt("a " + what + " before the schema");
        }
    }

    private int int32(String what) throws SQLException {
        if (end - pos < 4) {
            throw corrupt(what + " is truncated (" + (end - pos) + " bytes left)");
        }
        return LittleEndian.getInt(buf, pos);
    }

    private SQLException corrupt(String problem) {
        finished = true;
        return Errors.of(SqlState.DATA_EXCEPTION, "corrupt Arrow IPC stream at byte " + (pos - start) + ": " + problem);
    }
}
