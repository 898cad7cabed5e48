package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.arrow.accessor.ArrowBuffer;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.RecordBatch;

/**
 * The field nodes and buffers of one record batch (or dictionary batch), handed out in schema order.
 * Every node and buffer is checked against the batch and its body before use; LZ4-frame IPC buffer
 * compression is undone here, one buffer at a time.
 */
final class BatchBody {
    /** A field node: how many values a vector holds and how many are null. */
    record Node(int length, int nullCount) {
    }

    private final byte[] chunk;
    private final int bodyStart;
    private final long bodyLength;
    private final RecordBatch batch;
    private final boolean compressed;
    private final FieldNode node = new FieldNode();
    private final Buffer buffer = new Buffer();
    private int nextNode;
    private int nextBuffer;

    BatchBody(byte[] chunk, int bodyStart, long bodyLength, RecordBatch batch) throws SQLException {
        this.chunk = chunk;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
        this.batch = batch;
        BodyCompression c = batch.compression();
        if (c != null && c.codec() != CompressionType.LZ4_FRAME) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, "Arrow IPC buffer compression "
                    + CompressionType.name(c.codec()) + " is not supported (LZ4_FRAME is)");
        }
        this.compressed = c != null;
    }

    Node node(ArrowField field) throws SQLException {
        if (nextNode >= batch.nodesLength()) {
            throw corrupt("the batch has no field node left for field '" + field.name() + "'");
        }
        batch.nodes(node, nextNode++);
        long length = node.length();
        long nulls = node.nullCount();
        if (length < 0 || length > Integer.MAX_VALUE || nulls < 0 || nulls > length) {
            throw corrupt("field '" + field.name() + "' has length " + length + " and null count " + nulls);
        }
        return new Node((int) length, (int) nulls);
    }

    ArrowBuffer buffer(ArrowField field) throws SQLException {
        if (nextBuffer >= batch.buffersLength()) {
            throw corrupt("the batch has no buffer left for field '" + field.name() + "'");
        }
        batch.buffers(buffer, nextBuffer++);
        long offset = buffer.offset();
        long length = buffer.length();
        if (offset < 0 || length < 0 || offset > bodyLength || length > bodyLength - offset) {
            throw corrupt("a buffer of field '" + field.name() + "' (" + offset + "+" + length
                    + ") lies outside the message body of " + bodyLength + " bytes");
        }
        int start = bodyStart + (int) offset;
        if (!compressed || length == 0) {
            return new ArrowBuffer(chunk, start, (int) length);
        }
        return decompress(field, start, (int) length);
    }

    /** A compressed buffer is its uncompressed length (int64, -1 = stored as is) followed by an LZ4 frame. */
    private ArrowBuffer decompress(ArrowField field, int start, int length) throws SQLException {
        if (length < 8) {
            throw corrupt("a compressed buffer of field '" + field.name() + "' is shorter than its length prefix");
        }
        long uncompressed = dev.sluice.jdbc.internal.arrow.accessor.LittleEndian.getLong(chunk, start);
        if (uncompressed == -1) {
            return new ArrowBuffer(chunk, start + 8, length - 8);
        }
        byte[] out = Lz4Frames.decompress(chunk, start + 8, length - 8);
        if (out.length != uncompressed) {
            throw corrupt("a buffer of field '" + field.name() + "' decompressed to " + out.length
                    + " bytes, not the " + uncompressed + " announced");
        }
        return new ArrowBuffer(out, 0, out.length);
    }

    /** Fails unless every node and buffer was consumed: a schema that does not match its batches. */
    void requireConsumed() throws SQLException {
        if (nextNode != batch.nodesLength() || nextBuffer != batch.buffersLength()) {
            throw corrupt("the batch has " + batch.nodesLength() + " field nodes and " + batch.buffersLength()
                    + " buffers but the schema uses " + nextNode + " and " + nextBuffer);
        }
    }

    static SQLException corrupt(String problem) {
        return Errors.of(SqlState.DATA_EXCEPTION, "corrupt Arrow record batch: " + problem);
    }
}
