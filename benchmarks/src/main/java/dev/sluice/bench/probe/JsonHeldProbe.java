package dev.sluice.bench.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.jdbc.internal.client.ColumnInfo;
import dev.sluice.jdbc.internal.client.ResultData;
import dev.sluice.jdbc.internal.client.SeaJson;
import dev.sluice.jdbc.internal.result.JsonRowBatch;
import dev.sluice.jdbc.internal.result.ResultOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Heap held per byte of inline JSON: downloads each chunk body in turn (the chunk responses, {@code GET
 * .../result/chunks/n}) and parses it into what Sluice keeps while the application reads it (the {@code JsonRows}
 * of the chunk and its {@code JsonRowBatch}, primitive columns included), keeps all of those, drops each body, and
 * measures the heap after full collections: (held - before) / JSON bytes. For comparison the same
 * for one {@code String[]} per row, the representation before issue 12. Uses Sluice's internal classes, so it runs
 * with the Sluice class path.
 *
 * <p>Then, on the same bytes in memory, the best of ten passes of Sluice's own part (parse each chunk into its
 * batch, read every value through the accessors) against the best of ten passes of the jackson ceiling, alternated:
 * the driver's share of the inline JSON read without HTTP, server and JDBC layers.
 *
 * <p>Arguments: server base URL, chunk count.
 */
public final class JsonHeldProbe {
    private static final List<ColumnInfo> COLUMNS = List.of(
            new ColumnInfo("id", 0, "LONG", "BIGINT", -1, -1, null),
            new ColumnInfo("name", 1, "STRING", "STRING", -1, -1, null),
            new ColumnInfo("amount", 2, "DOUBLE", "DOUBLE", -1, -1, null));

    private JsonHeldProbe() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int chunks = Integer.parseInt(args[1]);
        String id = "held";
        long jsonBytes = 0;
        ResultOptions options = new ResultOptions(ZoneOffset.UTC, false);
        List<Object> held = new ArrayList<>();
        // each body is fetched just before its parse and dropped after it, so that the heap measured before holds
        // none of them (when all bodies were held at the first measurement, the figure came out short by them)
        long before = settledHeap();
        long accounted = 0;
        for (int i = 1; i < chunks; i++) {
            byte[] body = chunk(base, id, i);
            jsonBytes += body.length;
            ResultData data = SeaJson.readResultData(body);
            held.add(new JsonRowBatch(data.dataArray(), COLUMNS, options));
            // the chunk's text store and the primitive arrays its numeric columns were read into
            accounted += data.dataArray().heapBytes();
        }
        long sluice = settledHeap() - before;
        System.out.println(ProbeResult.PREFIX + "held sluiceBytes=" + sluice + " jsonBytes=" + jsonBytes
                + " accountedBytes=" + accounted + " objects=" + held.size());
        held.clear();
        long before2 = settledHeap();
        for (int i = 1; i < chunks; i++) {
            held.add(stringRows(chunk(base, id, i)));
        }
        long strings = settledHeap() - before2;
        System.out.println(ProbeResult.PREFIX + "held stringRowsBytes=" + strings + " objects=" + held.size());
        held.clear();
        List<byte[]> mem = new ArrayList<>();
        long rows = 0;
        for (int i = 1; i < chunks; i++) {
            mem.add(JsonCeilingProbe.request(base + "/api/2.0/sql/statements/" + id + "/result/chunks/" + i,
                    "GET", null));
        }
        long bestSluice = Long.MAX_VALUE;
        long bestJackson = Long.MAX_VALUE;
        for (int pass = 0; pass < 10; pass++) {
            long s = System.nanoTime();
            long[] sum = sluicePass(mem, options);
            bestSluice = Math.min(bestSluice, System.nanoTime() - s);
            s = System.nanoTime();
            long[] ceiling = JsonCeilingProbe.pass(mem);
            bestJackson = Math.min(bestJackson, System.nanoTime() - s);
            if (sum[0] != ceiling[0] || sum[1] != ceiling[1]) {
                throw new IllegalStateException("Sluice read " + Arrays.toString(sum) + ", jackson "
                        + Arrays.toString(ceiling));
            }
            rows = sum[0];
        }
        System.out.println(ProbeResult.PREFIX + "held memRows=" + rows + " sluiceMemNanos=" + bestSluice
                + " jacksonMemNanos=" + bestJackson);
    }

    /** Sluice's parse and accessor reads of every chunk: rows and checksum. */
    private static long[] sluicePass(List<byte[]> bodies, ResultOptions options) throws Exception {
        long rows = 0;
        long acc = 0;
        for (byte[] body : bodies) {
            JsonRowBatch b = new JsonRowBatch(SeaJson.readResultData(body).dataArray(), COLUMNS, options);
            for (int r = 0; r < b.rowCount(); r++) {
                acc = Checksum.add(acc, b.column(0).getLong(r),
                        b.column(1).isNull(r) ? null : b.column(1).getString(r), b.column(2).getDouble(r));
                rows++;
            }
        }
        return new long[] {rows, acc};
    }

    /** The old representation: one String[] per row, one String per value. */
    private static List<String[]> stringRows(byte[] body) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && "data_array".equals(p.currentName())) {
                    p.nextToken();
                    String[] row = new String[3];
                    while (p.nextToken() == JsonToken.START_ARRAY) {
                        int w = 0;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            row[w++] = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                        }
                        rows.add(Arrays.copyOf(row, w));
                    }
                }
            }
        }
        return rows;
    }

    private static byte[] chunk(String base, String id, int index) throws Exception {
        return JsonCeilingProbe.request(base + "/api/2.0/sql/statements/" + id + "/result/chunks/" + index, "GET",
                null);
    }

    private static long settledHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
