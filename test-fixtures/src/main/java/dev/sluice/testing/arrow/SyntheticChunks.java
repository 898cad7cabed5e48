package dev.sluice.testing.arrow;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Large synthetic result chunks, fast: Arrow IPC streams of three non-null columns written straight into
 * a byte array (hundreds of MB/s; no vectors, no allocator). Values are deterministic functions of the
 * row number {@code r} (0-based over the whole result), so a reader can check every value:
 * <ul>
 *   <li>{@code id BIGINT} = {@link #id(long) r}</li>
 *   <li>{@code name STRING} = {@link #name(long) "row-" + r} (ASCII)</li>
 *   <li>{@code value DOUBLE} = {@link #value(long) r * 0.25}</li>
 * </ul>
 * The manifest that goes with these chunks: {@link #MANIFEST_COLUMNS_JSON}.
 */
public final class SyntheticChunks {
    /** The columns, in order: id BIGINT, name STRING, value DOUBLE (all nullable, none null). */
    public static final List<Field> FIELDS = List.of(
            ArrowChunks.field("id", ArrowChunks.BIGINT),
            ArrowChunks.field("name", ArrowChunks.UTF8),
            ArrowChunks.field("value", ArrowChunks.DOUBLE));

    /** {@code manifest.schema.columns} for these chunks, as the Statement Execution API writes it. */
    public static final String MANIFEST_COLUMNS_JSON = "["
            + "{\"name\":\"id\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":0},"
            + "{\"name\":\"name\",\"type_text\":\"STRING\",\"type_name\":\"STRING\",\"position\":1},"
            + "{\"name\":\"value\",\"type_text\":\"DOUBLE\",\"type_name\":\"DOUBLE\",\"position\":2}]";

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] PREFIX = {'r', 'o', 'w', '-'};
    private static final byte[] SCHEMA = schemaMessage();
    private static final byte[] END_OF_STREAM = {-1, -1, -1, -1, 0, 0, 0, 0};

    private SyntheticChunks() {
    }

    public static long id(long row) {
        return row;
    }

    public static String name(long row) {
        return "row-" + row;
    }

    public static double value(long row) {
        return row * 0.25;
    }

    /**
     * One chunk: rows {@code firstRow .. firstRow+rows-1} in record batches of {@code rowsPerBatch}
     * (the last may be shorter), followed by the end-of-stream marker.
     */
    public static byte[] chunk(long firstRow, int rows, int rowsPerBatch) {
        if (rows < 0 || rowsPerBatch <= 0 || firstRow < 0) {
            throw new IllegalArgumentException("rows " + rows + ", rowsPerBatch " + rowsPerBatch + ", first " + firstRow);
        }
        long size = SCHEMA.length + END_OF_STREAM.length;
        for (int done = 0; done < rows; done += rowsPerBatch) {
            size += batchSize(firstRow + done, Math.min(rowsPerBatch, rows - done));
        }
        byte[] out = new byte[Math.toIntExact(size)];
        System.arraycopy(SCHEMA, 0, out, 0, SCHEMA.length);
        int pos = SCHEMA.length;
        for (int done = 0; done < rows; done += rowsPerBatch) {
            pos = writeBatch(out, pos, firstRow + done, Math.min(rowsPerBatch, rows - done));
        }
        System.arraycopy(END_OF_STREAM, 0, out, pos, END_OF_STREAM.length);
        return out;
    }

    /** {@link #chunk} in one LZ4 frame, as Databricks sends chunks with LZ4_FRAME compression. */
    public static byte[] lz4Chunk(long firstRow, int rows, int rowsPerBatch) {
        return ArrowChunks.lz4Frame(chunk(firstRow, rows, rowsPerBatch));
    }

    private static long batchSize(long first, int n) {
        long text = textBytes(first, n);
        return 8 + metadata(n, text).length + body(n, text)[7];
    }

    /** Buffer offsets and lengths of one batch: {validity, ids, validity, offsets, text, validity, values, total}. */
    private static long[] body(int n, long text) {
        long ids = pad(8L * n);
        long offsets = pad(4L * (n + 1));
        long textPadded = pad(text);
        return new long[] {0, ids, 0, offsets, textPadded, 0, pad(8L * n), ids + offsets + textPadded + pad(8L * n)};
    }

    private static int writeBatch(byte[] out, int pos, long first, int n) {
        long text = textBytes(first, n);
        byte[] meta = metadata(n, text);
        INT.set(out, pos, -1);
        INT.set(out, pos + 4, meta.length);
        System.arraycopy(meta, 0, out, pos + 8, meta.length);
        int body = pos + 8 + meta.length;
        int ids = body;
        int offsets = ids + (int) pad(8L * n);
        int chars = offsets + (int) pad(4L * (n + 1));
        int values = chars + (int) pad(text);
        int charPos = 0;
        for (int i = 0; i < n; i++) {
            long row = first + i;
            LONG.set(out, ids + 8 * i, row);
            DOUBLE.set(out, values + 8 * i, value(row));
            INT.set(out, offsets + 4 * i, charPos);
            charPos = writeName(out, chars, charPos, row);
        }
        INT.set(out, offsets + 4 * n, charPos);
        return values + (int) pad(8L * n);
    }

    private static int writeName(byte[] out, int base, int at, long row) {
        System.arraycopy(PREFIX, 0, out, base + at, PREFIX.length);
        int digits = digits(row);
        int end = at + PREFIX.length + digits;
        long v = row;
        for (int p = end - 1; p >= at + PREFIX.length; p--) {
            out[base + p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }

    private static long textBytes(long first, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += PREFIX.length + digits(first + i);
        }
        return total;
    }

    private static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    private static long pad(long n) {
        return (n + 7) & ~7L;
    }

    /** The flatbuffer Message of a batch of {@code n} rows, padded so the body starts 8-aligned. */
    private static byte[] metadata(int n, long text) {
        long[] layout = body(n, text);
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        RecordBatch.startNodesVector(b, 3);
        for (int i = 0; i < 3; i++) {
            FieldNode.createFieldNode(b, n, 0);
        }
        int nodes = b.endVector();
        RecordBatch.startBuffersVector(b, 7);
        long[] offsets = new long[7];
        long at = 0;
        for (int i = 0; i < 7; i++) {
            offsets[i] = at;
            at += layout[i];
        }
        long[] lengths = {0, 8L * n, 0, 4L * (n + 1), text, 0, 8L * n};
        for (int i = 6; i >= 0; i--) {
            Buffer.createBuffer(b, offsets[i], lengths[i]);
        }
        int buffers = b.endVector();
        int batch = RecordBatch.createRecordBatch(b, n, nodes, buffers, 0, 0);
        int message = Message.createMessage(b, MetadataVersion.V5, MessageHeader.RecordBatch, batch, layout[7], 0);
        b.finish(message);
        byte[] raw = b.sizedByteArray();
        byte[] padded = new byte[(int) pad(raw.length)];
        System.arraycopy(raw, 0, padded, 0, raw.length);
        return padded;
    }

    private static byte[] schemaMessage() {
        HeapWriteChannel out = new HeapWriteChannel();
        try {
            MessageSerializer.serialize(out, new Schema(FIELDS), IpcOption.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
