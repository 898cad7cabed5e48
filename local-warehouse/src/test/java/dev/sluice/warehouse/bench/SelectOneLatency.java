package dev.sluice.warehouse.bench;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Benchmark harness (prints, never asserts): start-up time of a local warehouse and steady-state latency
 * of {@code SELECT 1} through the REST API, in a session and without one.
 *
 * <pre>
 * ./mvnw -q -pl local-warehouse test-compile
 * ./mvnw -q -pl local-warehouse exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.sluice.warehouse.bench.SelectOneLatency [-Dexec.args="2000"]
 * </pre>
 */
public final class SelectOneLatency {

    private SelectOneLatency() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dir = Files.createTempDirectory("sluice-bench");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir.resolve("data")).start()) {
            System.out.printf("start-up to ready: %d ms (server log: %s)%n", w.startupTime().toMillis(), w.logFile());
            HttpClient http = HttpClient.newHttpClient();
            String session = post(http, w, "/api/2.0/sql/sessions", "{\"warehouse_id\":\"" + w.warehouseId() + "\"}");
            String sid = session.replaceAll(".*\"session_id\":\"([^\"]+)\".*", "$1");
            String inSession = "{\"statement\":\"SELECT 1\",\"warehouse_id\":\"" + w.warehouseId()
                    + "\",\"session_id\":\"" + sid + "\"}";
            String sessionless = "{\"statement\":\"SELECT 1\",\"warehouse_id\":\"" + w.warehouseId() + "\"}";
            report("SELECT 1 in a session", measure(http, w, inSession, n));
            report("SELECT 1 without a session", measure(http, w, sessionless, n));
        }
    }

    private static long[] measure(HttpClient http, LocalWarehouse w, String body, int n) throws Exception {
        for (int i = 0; i < Math.max(50, n / 10); i++) {
            post(http, w, "/api/2.0/sql/statements", body); // warm-up: JIT, Spark's codegen caches
        }
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            String r = post(http, w, "/api/2.0/sql/statements", body);
            micros[i] = (System.nanoTime() - t0) / 1000;
            if (!r.contains("SUCCEEDED")) {
                throw new IllegalStateException("unexpected response: " + r);
            }
        }
        return micros;
    }

    private static void report(String what, long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        System.out.printf("%-28s n=%d  median %.2f ms  p90 %.2f ms  p99 %.2f ms  min %.2f ms%n", what, s.length,
                s[s.length / 2] / 1000.0, s[(int) (s.length * 0.9)] / 1000.0, s[(int) (s.length * 0.99)] / 1000.0,
                s[0] / 1000.0);
    }

    private static String post(HttpClient http, LocalWarehouse w, String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(w.baseUrl() + path))
                .header("Authorization", "Bearer " + w.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
