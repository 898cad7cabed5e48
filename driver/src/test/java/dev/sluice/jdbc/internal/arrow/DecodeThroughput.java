package dev.sluice.jdbc.internal.arrow;

import dev.sluice.jdbc.internal.result.ColumnAccessor;
import dev.sluice.jdbc.internal.result.ResultOptions;
import dev.sluice.jdbc.internal.result.RowBatch;
import dev.sluice.testing.arrow.ArrowChunks;
import dev.sluice.testing.arrow.SyntheticChunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.xxhash.XXHashFactory;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Decode throughput harness (not a unit test): 10 M rows of (BIGINT, STRING, DOUBLE) in 1 M-row chunks,
 * every value read through isNull + getLong/getString/getDouble, against arrow-java's stream reader
 * reading the same bytes with vector getters. Prints rows/s of each and the ratio; run with
 * {@code java -cp <test classpath> dev.sluice.jdbc.internal.arrow.DecodeThroughput [rows] [rowsPerBatch]}.
 */
public final class DecodeThroughput {
    private static final int ROWS_PER_CHUNK = 1_000_000;
    private static long sink;

    private DecodeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int perBatch = args.length > 1 ? Integer.parseInt(args[1]) : 65_536;
        List<byte[]> plain = new ArrayList<>();
        List<byte[]> lz4 = new ArrayList<>();
        long bytes = 0;
        long compressed = 0;
        for (int first = 0; first < rows; first += ROWS_PER_CHUNK) {
            byte[] chunk = SyntheticChunks.chunk(first, Math.min(ROWS_PER_CHUNK, rows - first), perBatch);
            plain.add(chunk);
            lz4.add(ArrowChunks.lz4Frame(chunk));
            bytes += chunk.length;
            compressed += lz4.get(lz4.size() - 1).length;
        }
        System.out.printf("%d rows, %d rows/batch, %.1f MB IPC, %.1f MB LZ4%n", rows, perBatch, bytes / 1e6,
                compressed / 1e6);
        for (int round = 0; round < 5; round++) {
            double ours = rate(rows, () -> plain.forEach(c -> readOurs(c, c.length)));
            double oursLz4 = rate(rows, () -> lz4.forEach(c -> {
                Lz4Frames.Decompressed d = unlz4(c);
                readOurs(d.buffer(), d.length());
            }));
            double arrow = rate(rows, () -> plain.forEach(DecodeThroughput::readArrowJava));
            double arrowLz4 = rate(rows, () -> lz4.forEach(c -> readArrowJava(unlz4Stream(c))));
            double lz4Ours = rate(rows, () -> lz4.forEach(c -> sink += unlz4(c).length()));
            double lz4Stream = rate(rows, () -> lz4.forEach(c -> sink += unlz4Stream(c).length));
            System.out.printf("round %d: ours %.1f M rows/s, ours+lz4 %.1f, arrow-java %.1f, arrow-java+lz4Stream %.1f,"
                    + " ours/arrow %.2f | lz4 only: Lz4Frames %.1f, LZ4FrameInputStream %.1f M rows/s%n",
                    round, ours, oursLz4, arrow, arrowLz4, ours / arrow, lz4Ours, lz4Stream);
        }
        System.out.println("checksum " + sink);
    }

    private static double rate(int rows, Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return rows / ((System.nanoTime() - t0) / 1e9) / 1e6;
    }

    private static void readOurs(byte[] chunk, int length) {
        try {
            ArrowChunkReader reader = new ArrowChunkReader(chunk, 0, length, null, ResultOptions.defaults());
            long acc = 0;
            for (RowBatch b = reader.next(); b != null; b = reader.next()) {
                ColumnAccessor id = b.column(0);
                ColumnAccessor name = b.column(1);
                ColumnAccessor value = b.column(2);
                for (int i = 0, n = b.rowCount(); i < n; i++) {
                    if (!id.isNull(i)) {
                        acc += id.getLong(i);
                    }
                    if (!name.isNull(i)) {
                        acc += name.getString(i).length();
                    }
                    if (!value.isNull(i)) {
                        acc += (long) value.getDouble(i);
                    }
                }
            }
            sink += acc;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void readArrowJava(byte[] chunk) {
        ArrowChunks.readWithArrowJava(chunk, root -> {
            BigIntVector id = (BigIntVector) root.getVector(0);
            VarCharVector name = (VarCharVector) root.getVector(1);
            Float8Vector value = (Float8Vector) root.getVector(2);
            long acc = 0;
            for (int i = 0, n = root.getRowCount(); i < n; i++) {
                if (!id.isNull(i)) {
                    acc += id.get(i);
                }
                if (!name.isNull(i)) {
                    acc += new String(name.get(i), StandardCharsets.UTF_8).length();
                }
                if (!value.isNull(i)) {
                    acc += (long) value.get(i);
                }
            }
            sink += acc;
        });
    }

    /** As a chunk source should: no trimming copy. */
    private static Lz4Frames.Decompressed unlz4(byte[] c) {
        try {
            return Lz4Frames.decompressToBuffer(c, 0, c.length);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unlz4Stream(byte[] c) {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(c),
                LZ4Factory.safeInstance().safeDecompressor(), XXHashFactory.safeInstance().hash32())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(c.length * 3);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
