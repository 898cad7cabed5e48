package dev.sluice.bench.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Child JVM for the ceiling: the same chunk bytes the drivers get, decoded with arrow-java's
 * {@link ArrowStreamReader}, every value read through vector getters and a String made per row.
 * No JDBC, no prefetch, no threads: what any reader of these bytes pays at least.
 *
 * <p>Arguments: server base URL, chunk count, {@code none|lz4}, {@code mem|net}, warm passes. With {@code mem}
 * the chunks are downloaded before the clock starts; with {@code net} each chunk is downloaded and then
 * decoded, one after the other, inside the clock. The first pass is timed like a driver's read in a fresh
 * JVM; the warm passes that follow give the best time once the JIT has done its work. Needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.
 */
public final class CeilingProbe {
    private final String baseUrl;
    private final String compression;
    private byte[] scratch = new byte[256];
    private long acc;
    private long rows;
    private long firstRowEpochMs;

    private CeilingProbe(String baseUrl, String compression) {
        this.baseUrl = baseUrl;
        this.compression = compression;
    }

    public static void main(String[] args) {
        HeapWatch heap = HeapWatch.start();
        CeilingProbe probe = new CeilingProbe(args[0], args[2]);
        int exit = 0;
        try {
            probe.run(Integer.parseInt(args[1]), "mem".equals(args[3]), Integer.parseInt(args[4]), heap);
        } catch (Throwable t) {
            t.printStackTrace();
            ProbeResult.failed(t, probe.rows);
            exit = 1;
        }
        System.exit(exit);
    }

    private void run(int chunks, boolean inMemory, int warmPasses, HeapWatch heap) throws IOException {
        List<byte[]> preloaded = new ArrayList<>();
        if (inMemory) {
            for (int i = 0; i < chunks; i++) {
                preloaded.add(download(i));
            }
        }
        long cold = pass(chunks, preloaded);
        long coldRows = rows;
        long coldAcc = acc;
        long peak = heap.peakLiveBytes();
        long warm = Long.MAX_VALUE;
        for (int p = 0; p < warmPasses; p++) {
            rows = 0;
            acc = 0;
            warm = Math.min(warm, pass(chunks, preloaded));
            if (acc != coldAcc || rows != coldRows) {
                throw new IllegalStateException("warm pass " + p + " read a different result");
            }
        }
        ProbeResult.ok(coldRows, coldAcc, cold, warmPasses > 0 ? warm : 0, firstRowEpochMs, peak);
    }

    /** One read of every chunk, from memory if preloaded, else downloading each first; returns nanoseconds. */
    private long pass(int chunks, List<byte[]> preloaded) throws IOException {
        long start = System.nanoTime();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int i = 0; i < chunks; i++) {
                decode(preloaded.isEmpty() ? download(i) : preloaded.get(i), allocator);
            }
        }
        return System.nanoTime() - start;
    }

    private byte[] download(int chunk) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) new URL(baseUrl + "/files/" + compression + "/" + chunk).openConnection();
        try (InputStream in = connection.getInputStream()) {
            if (connection.getResponseCode() != 200) {
                throw new IOException("chunk " + chunk + ": HTTP " + connection.getResponseCode());
            }
            return in.readNBytes(connection.getContentLength());
        }
    }

    private void decode(byte[] bytes, BufferAllocator allocator) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        if ("lz4".equals(compression)) {
            in = new LZ4FrameInputStream(in);
        }
        try (ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            while (reader.loadNextBatch()) {
                readBatch((BigIntVector) root.getVector(0), (VarCharVector) root.getVector(1),
                        (Float8Vector) root.getVector(2), root.getRowCount());
            }
        }
    }

    private void readBatch(BigIntVector ids, VarCharVector names, Float8Vector amounts, int count) {
        if (firstRowEpochMs == 0 && count > 0) {
            firstRowEpochMs = System.currentTimeMillis();
        }
        long sum = acc;
        for (int i = 0; i < count; i++) {
            long id = ids.isNull(i) ? 0 : ids.get(i);
            String name = names.isNull(i) ? null : string(names, i);
            double amount = amounts.isNull(i) ? 0 : amounts.get(i);
            sum = Checksum.add(sum, id, name, amount);
        }
        acc = sum;
        rows += count;
    }

    /** Through a reused byte array: the cheapest String a reader of an ArrowBuf can make. */
    private String string(VarCharVector names, int i) {
        int start = names.getStartOffset(i);
        int length = names.getValueLength(i);
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        ArrowBuf data = names.getDataBuffer();
        data.getBytes(start, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
}
