package dev.sluice.bench.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The inline JSON ceiling: every chunk body of the benchmark statement (the statement response holding chunk 0,
 * then {@code GET .../result/chunks/n}) downloaded before the clock starts, then parsed with jackson-core's
 * streaming {@link JsonParser}, no tree, touching every value as an application would: {@code Long.parseLong},
 * a {@code String}, {@code Double.parseDouble}, into the same checksum as the JDBC readers. Runs with the Sluice
 * class path (for jackson-core only).
 *
 * <p>Arguments: server base URL, chunk count, extra warm passes.
 */
public final class JsonCeilingProbe {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonCeilingProbe() {
    }

    public static void main(String[] args) {
        HeapWatch heap = HeapWatch.start();
        try {
            String base = args[0];
            int chunks = Integer.parseInt(args[1]);
            int warm = Integer.parseInt(args[2]);
            List<byte[]> bodies = new ArrayList<>();
            bodies.add(request(base + "/api/2.0/sql/statements/", "POST",
                    "{\"statement\":\"SELECT * FROM bench_rows\",\"format\":\"JSON_ARRAY\",\"disposition\":\"INLINE\"}"));
            String id = statementId(bodies.get(0));
            for (int i = 1; i < chunks; i++) {
                bodies.add(request(base + "/api/2.0/sql/statements/" + id + "/result/chunks/" + i, "GET", null));
            }
            long firstRow = System.currentTimeMillis();
            long start = System.nanoTime();
            long[] sum = pass(bodies);
            long nanos = System.nanoTime() - start;
            long best = 0;
            StringBuilder passes = new StringBuilder();
            for (int i = 0; i < warm; i++) {
                long s = System.nanoTime();
                pass(bodies);
                long t = System.nanoTime() - s;
                best = best == 0 ? t : Math.min(best, t);
                passes.append(passes.length() == 0 ? "" : ",").append(t / 1_000_000);
            }
            System.out.println("SLUICE-BENCH-WARM passMs=" + passes);
            ProbeResult.ok(sum[0], sum[1], nanos, best, firstRow, heap.peakLiveBytes());
        } catch (Throwable t) {
            t.printStackTrace();
            ProbeResult.failed(t, 0);
            System.exit(1);
        }
    }

    /** Rows and checksum of all bodies. */
    static long[] pass(List<byte[]> bodies) throws IOException {
        long rows = 0;
        long acc = 0;
        for (byte[] body : bodies) {
            try (JsonParser p = JSON.createParser(body)) {
                if (!toDataArray(p)) {
                    continue;
                }
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    long id = Long.parseLong(p.getText());
                    p.nextToken();
                    String name = p.currentToken() == JsonToken.VALUE_NULL ? null : p.getText();
                    p.nextToken();
                    double amount = Double.parseDouble(p.getText());
                    p.nextToken(); // END_ARRAY of the row
                    acc = Checksum.add(acc, id, name, amount);
                    rows++;
                }
            }
        }
        return new long[] {rows, acc};
    }

    /** Moves to the START_ARRAY of {@code result.data_array} (or of a chunk's top-level data_array). */
    private static boolean toDataArray(JsonParser p) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            if (t == JsonToken.FIELD_NAME && "data_array".equals(p.currentName())) {
                return p.nextToken() == JsonToken.START_ARRAY;
            }
        }
        return false;
    }

    private static String statementId(byte[] body) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && "statement_id".equals(p.currentName())) {
                    p.nextToken();
                    return p.getText();
                }
            }
        }
        throw new IOException("no statement_id in " + new String(body, 0, Math.min(200, body.length),
                StandardCharsets.UTF_8));
    }

    static byte[] request(String url, String method, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", "Bearer x");
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
        if (c.getResponseCode() != 200) {
            throw new IOException(method + " " + url + " answered " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
