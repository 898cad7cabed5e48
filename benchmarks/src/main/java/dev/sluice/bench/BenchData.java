package dev.sluice.bench;

import dev.sluice.bench.probe.Checksum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The result every reader reads, built once per harness run: chunks of about the target size, each one
 * complete Arrow IPC stream (schema, record batches, end-of-stream) as Databricks serves them, plus the
 * LZ4-frame form of each, and the checksum a correct reader must report.
 */
final class BenchData {
    /** One result chunk: its place in the result and its bytes as served, uncompressed and LZ4-framed. */
    record Chunk(int index, long rowOffset, int rowCount, byte[] arrow, byte[] lz4) {
        byte[] bytes(Compression compression) {
            return compression == Compression.LZ4 ? lz4 : arrow;
        }
    }

    private static final Schema SCHEMA = new Schema(List.of(
            field("id", new ArrowType.Int(64, true), "BIGINT"),
            field("name", ArrowType.Utf8.INSTANCE, "STRING"),
            field("amount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), "DOUBLE")));

    private final List<Chunk> chunks;
    private final long rows;
    private final long checksum;

    private BenchData(List<Chunk> chunks, long rows, long checksum) {
        this.chunks = List.copyOf(chunks);
        this.rows = rows;
        this.checksum = checksum;
    }

    static BenchData build(long rows, long targetChunkBytes, int batchRows) {
        return new Builder(rows, targetChunkBytes, batchRows).build();
    }

    List<Chunk> chunks() {
        return chunks;
    }

    long rows() {
        return rows;
    }

    long checksum() {
        return checksum;
    }

    long bytes(Compression compression) {
        long total = 0;
        for (Chunk c : chunks) {
            total += c.bytes(compression).length;
        }
        return total;
    }

    private static Field field(String name, ArrowType type, String sqlName) {
        // Databricks sets the SQL type name on each field; readers may look at it
        return new Field(name, new FieldType(true, type, null, Map.of("Spark:DataType:SqlName", sqlName)), null);
    }

    /** Writes chunk after chunk, batch after batch, until each chunk reaches the target size. */
    private static final class Builder {
        private final long rows;
        private final long targetChunkBytes;
        private final int batchRows;
        private final byte[] name = new byte[BenchRows.MAX_NAME_BYTES];
        private final List<Chunk> chunks = new ArrayList<>();
        private long checksum;

        Builder(long rows, long targetChunkBytes, int batchRows) {
            this.rows = rows;
            this.targetChunkBytes = targetChunkBytes;
            this.batchRows = batchRows;
        }

        BenchData build() {
            try (BufferAllocator allocator = new RootAllocator();
                 VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator)) {
                long row = 0;
                while (row < rows) {
                    row = writeChunk(root, row);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new BenchData(chunks, rows, checksum);
        }

        private long writeChunk(VectorSchemaRoot root, long firstRow) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) (targetChunkBytes + targetChunkBytes / 4));
            long row = firstRow;
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                while (row < rows && out.size() < targetChunkBytes) {
                    int n = (int) Math.min(batchRows, rows - row);
                    fill(root, row, n);
                    writer.writeBatch();
                    row += n;
                }
                writer.end();
            }
            byte[] arrow = out.toByteArray();
            chunks.add(new Chunk(chunks.size(), firstRow, (int) (row - firstRow), arrow, lz4(arrow)));
            return row;
        }

        private void fill(VectorSchemaRoot root, long firstRow, int n) {
            root.clear();
            BigIntVector ids = (BigIntVector) root.getVector(0);
            VarCharVector names = (VarCharVector) root.getVector(1);
            Float8Vector amounts = (Float8Vector) root.getVector(2);
            ids.allocateNew(n);
            names.allocateNew((long) n * BenchRows.MAX_NAME_BYTES, n);
            amounts.allocateNew(n);
            for (int i = 0; i < n; i++) {
                long row = firstRow + i;
                long id = BenchRows.id(row);
                int length = BenchRows.name(row, name);
                double amount = BenchRows.amount(row);
                ids.set(i, id);
                names.set(i, name, 0, length);
                amounts.set(i, amount);
                checksum = Checksum.add(checksum, id, new String(name, 0, length, StandardCharsets.UTF_8), amount);
            }
            root.setRowCount(n);
        }

        private static byte[] lz4(byte[] arrow) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(arrow.length / 2);
            try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(out)) {
                lz4.write(arrow);
            }
            return out.toByteArray();
        }
    }
}
