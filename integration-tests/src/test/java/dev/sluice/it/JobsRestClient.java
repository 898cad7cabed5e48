package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Jobs and Workspace calls over the warehouse's REST API, for the jobs tests. */
final class JobsRestClient {

    static final String JOBS = "/api/2.2/jobs/";

    final RestClient rest;

    JobsRestClient(LocalWarehouse warehouse) {
        this.rest = new RestClient(warehouse);
    }

    JsonNode ok(RestClient.Reply r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    JsonNode post(String path, String json) {
        return ok(rest.post(path, json));
    }

    JsonNode get(String path) {
        return ok(rest.get(path));
    }

    void importSource(String path, String language, String source) {
        post("/api/2.0/workspace/mkdirs", "{\"path\":" + RestClient.quote(path.substring(0, path.lastIndexOf('/')))
                + "}");
        String content = Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8));
        post("/api/2.0/workspace/import", "{\"path\":" + RestClient.quote(path) + ",\"format\":\"SOURCE\","
                + (language == null ? "" : "\"language\":\"" + language + "\",")
                + "\"content\":\"" + content + "\",\"overwrite\":true}");
    }

    long submit(String json) {
        return post(JOBS + "runs/submit", json).path("run_id").asLong();
    }

    JsonNode run(long runId) {
        return get(JOBS + "runs/get?run_id=" + runId);
    }

    /** Polls runs/get until the run is terminal (two minutes at most on a busy machine). */
    JsonNode await(long runId) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            JsonNode r = run(runId);
            String s = r.path("state").path("life_cycle_state").asText();
            if (s.equals("TERMINATED") || s.equals("INTERNAL_ERROR") || s.equals("SKIPPED")) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end: " + run(runId));
    }

    /** Waits until {@code n} evaluations wait at a gate. */
    void awaitGate(String gate, int n) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (get("/sluice/gates/" + gate).path("waiting").asInt() >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing waits at gate " + gate);
    }

    /**
     * Waits until nothing waits at a gate that is still closed: a stopped run left no Spark job holding a core
     * (the gate would hold it for ten minutes). Nothing must wait for a second in a row (a leaked query reaches
     * the gate a moment after its run ended); fails when something still waits after a minute.
     */
    void awaitGateEmpty(String gate) throws InterruptedException {
        JsonNode g = null;
        int empty = 0;
        for (int i = 0; i < 600; i++) {
            g = get("/sluice/gates/" + gate);
            assertThat(g.path("open").asBoolean()).as("gate %s was opened", gate).isFalse();
            empty = g.path("waiting").asInt() == 0 ? empty + 1 : 0;
            if (empty == 10) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("a stopped query still waits at gate " + gate + ": " + g);
    }

    static String gateSql(String gate) {
        return "SELECT reflect('dev.sluice.warehouse.sql.Gates', 'pass', '" + gate + "', CAST(600000 AS BIGINT))";
    }

    JsonNode sql(String statement) {
        JsonNode r = rest.finished(rest.execute(statement, "").body());
        assertThat(r.path("status").path("state").asText()).as(statement + " -> " + r).isEqualTo("SUCCEEDED");
        return r.path("result").path("data_array");
    }
}
