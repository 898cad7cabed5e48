package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;

/**
 * Reads an Arrow IPC stream of any length from an {@link InputStream}, one record batch at a time, holding
 * only the schema, the dictionaries and the current batch: each batch is decoded by an {@link ArrowChunkReader}
 * over the schema message, the dictionary messages seen so far and that batch's message. Used where an
 * application hands Sluice Arrow data (a bulk load's rows) without Arrow Java on the class path.
 * Not thread-safe; the stream is not closed.
 */
public final class ArrowStreamReader {
    private static final int CONTINUATION = 0xFFFFFFFF;
    /** The largest message (metadata plus body) accepted: one batch must fit in one array. */
    private static final long MAX_MESSAGE = Integer.MAX_VALUE - 64L;

    private final InputStream in;
    private final ResultOptions options;
    private final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
    private List<ColumnInfo> columns;
    private boolean finished;
    private long offset;

    public ArrowStreamReader(InputStream in, ResultOptions options) {
        this.in = Objects.requireNonNull(in, "in is null");
        this.options = Objects.requireNonNull(options, "options is null");
    }

    /** The stream's columns (names and Databricks types), read from its schema message. */
    public List<ColumnInfo> columns() throws SQLException {
        if (columns == null) {
            byte[] schema = readMessage();
            if (schema == null || header(schema) != MessageHeader.Schema) {
                throw corrupt(schema == null ? "the stream is empty: no schema message" : "it does not start with a schema message");
            }
            prefix.writeBytes(schema);
            columns = new ArrowChunkReader(schema, 0, schema.length, null, options).columns();
        }
        return columns;
    }

    /** The next record batch with rows, or null at the end of the stream. */
    public RowBatch next() throws SQLException {
        columns();
        while (!finished) {
            byte[] message = readMessage();
            if (message == null) {
                finished = true;
                return null;
            }
            int type = header(message);
            if (type == MessageHeader.DictionaryBatch) {
                prefix.writeBytes(message);
            } else if (type == MessageHeader.RecordBatch) {
                byte[] chunk = new byte[prefix.size() + message.length];
                byte[] head = prefix.toByteArray();
                System.arraycopy(head, 0, chunk, 0, head.length);
                System.arraycopy(message, 0, chunk, head.length, message.length);
                RowBatch batch = new ArrowChunkReader(chunk, 0, chunk.length, null, options).next();
                if (batch != null) {
                    return batch;
                }
            } else {
                throw corrupt("unexpected message " + MessageHeader.name(type) + " after the schema");
            }
        }
        return null;
    }

    /** One framed message (continuation marker, length, metadata, body), or null at the end of the stream. */
    private byte[] readMessage() throws SQLException {
        try {
            byte[] first = in.readNBytes(4);
            if (first.length == 0) {
                return null;
            }
            int length = int32(first);
            if (length == CONTINUATION) {
                length = int32(in.readNBytes(4));
            }
            if (length == 0) {
                return null;
            }
            if (length < 0) {
                throw corrupt("a message claims " + length + " bytes of metadata");
            }
            byte[] metadata = readFully(length, "message metadata");
            Message m = Message.getRootAsMessage(ByteBuffer.wrap(metadata).order(ByteOrder.LITTLE_ENDIAN));
            long body = m.bodyLength();
            if (body < 0 || body + length > MAX_MESSAGE) {
                throw corrupt("a message claims a body of " + body + " bytes");
            }
            byte[] out = new byte[8 + length + (int) body];
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(CONTINUATION).putInt(length).put(metadata);
            int read = in.readNBytes(out, 8 + length, (int) body);
            if (read != body) {
                throw corrupt("message body truncated: " + read + " of " + body + " bytes");
            }
            offset += out.length;
            return out;
        } catch (IOException e) {
            throw Errors.of(SqlState.DATA_EXCEPTION, "cannot read the Arrow IPC stream: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw Errors.of(SqlState.DATA_EXCEPTION, "corrupt Arrow IPC stream near byte " + offset + ": " + e, e);
        }
    }

    private int int32(byte[] b) throws SQLException {
        if (b.length != 4) {
            throw corrupt("message length truncated");
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private byte[] readFully(int n, String what) throws IOException, SQLException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw corrupt(what + " truncated: " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static int header(byte[] framed) {
        int length = ByteBuffer.wrap(framed, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer metadata = ByteBuffer.wrap(framed, 8, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        return Message.getRootAsMessage(metadata).headerType();
    }

    private SQLException corrupt(String problem) {
        finished = true;
        return Errors.of(SqlState.DATA_EXCEPTION, "corrupt Arrow IPC stream at byte " + offset + ": " + problem);
    }
}
