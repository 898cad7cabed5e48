package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Jobs and Workspace APIs of the local warehouse, over HTTP, with runs that really execute on Spark. */
@ExtendWith(LocalWarehouseExtension.class)
class JobsTest {

    private static final String JOBS = JobsRestClient.JOBS;

    private final JobsRestClient jobs;
    private final RestClient rest;

    JobsTest(LocalWarehouse warehouse) {
        this.jobs = new JobsRestClient(warehouse);
        this.rest = jobs.rest;
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void workspaceImportsListsExportsAndDeletesInsideItsFolder() {
        String dir = "/Users/dev/" + unique("ws");
        jobs.importSource(dir + "/nb", "SQL", "-- Databricks notebook source\nSELECT 1");
        jobs.importSource(dir + "/sub/q.sql", null, "SELECT 2");
        JsonNode status = jobs.get("/api/2.0/workspace/get-status?path=" + dir + "/nb");
        assertThat(status.path("object_type").asText()).isEqualTo("NOTEBOOK");
        assertThat(status.path("language").asText()).isEqualTo("SQL");
        JsonNode list = jobs.get("/api/2.0/workspace/list?path=" + dir);
        assertThat(list.path("objects").findValuesAsText("path")).containsExactly(dir + "/nb", dir + "/sub");
        JsonNode export = jobs.get("/api/2.0/workspace/export?path=" + dir + "/sub/q.sql&format=SOURCE");
        assertThat(new String(Base64.getDecoder().decode(export.path("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("SELECT 2");
        RestClient.Reply exists = rest.post("/api/2.0/workspace/import", "{\"path\":\"" + dir + "/nb\","
                + "\"language\":\"SQL\",\"content\":\"\"}");
        assertThat(exists.status()).isEqualTo(400);
        assertThat(exists.body().path("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        RestClient.Reply escape = rest.post("/api/2.0/workspace/import", "{\"path\":\"/Users/../../../etc/x\","
                + "\"format\":\"AUTO\",\"content\":\"\"}");
        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.body().path("message").asText()).contains("'..'");
        RestClient.Reply notEmpty = rest.post("/api/2.0/workspace/delete", "{\"path\":\"" + dir + "\"}");
        assertThat(notEmpty.body().path("error_code").asText()).isEqualTo("DIRECTORY_NOT_EMPTY");
        jobs.post("/api/2.0/workspace/delete", "{\"path\":\"" + dir + "\",\"recursive\":true}");
        RestClient.Reply gone = rest.get("/api/2.0/workspace/get-status?path=" + dir);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void aSqlNotebookWritesItsTableAndExportsItsCells() throws Exception {
        String table = unique("nb");
        String path = "/Users/dev/" + table;
        jobs.importSource(path, "SQL", "-- Databricks notebook source\nCREATE TABLE " + table + " (who STRING)\n\n"
                + "-- COMMAND ----------\n\nINSERT INTO " + table + " VALUES (:who)\n\n"
                + "-- COMMAND ----------\n\nSELECT concat('hello ', who) FROM " + table);
        long runId = jobs.submit("{\"run_name\":\"nb\",\"tasks\":[{\"task_key\":\"nb\",\"notebook_task\":{"
                + "\"notebook_path\":\"" + path + "\",\"base_parameters\":{\"who\":\"notebook\"}}}]}");
        JsonNode run = jobs.await(runId);
        assertThat(run.path("state").path("result_state").asText()).as(run.toString()).isEqualTo("SUCCESS");
        assertThat(run.path("status").path("termination_details").path("code").asText()).isEqualTo("SUCCESS");
        assertThat(run.path("run_type").asText()).isEqualTo("SUBMIT_RUN");
        assertThat(jobs.sql("SELECT who FROM " + table).toString()).isEqualTo("[[\"notebook\"]]");
        long taskRun = run.path("tasks").get(0).path("run_id").asLong();
        JsonNode output = jobs.get(JOBS + "runs/get-output?run_id=" + taskRun);
        assertThat(output.path("notebook_output").path("result").asText()).isEqualTo("hello notebook");
        JsonNode export = jobs.get("/api/2.1/jobs/runs/export?run_id=" + taskRun);
        assertThat(export.path("views").get(0).path("type").asText()).isEqualTo("NOTEBOOK");
        assertThat(export.path("views").get(0).path("content").asText()).contains("<html>", "INSERT INTO " + table,
                "hello notebook");
    }

    @Test
    void aJobRunsNowWithJobParametersAndIsManaged() throws Exception {
        String table = unique("job");
        jobs.importSource("/Shared/" + table + ".sql", null, "CREATE TABLE IF NOT EXISTS " + table
                + " (v STRING, w STRING);\nINSERT INTO " + table + " VALUES (:v, 'a;b');");
        String name = unique("Nightly");
        long jobId = jobs.post(JOBS + "create", "{\"name\":\"" + name + "\",\"parameters\":[{\"name\":\"v\","
                + "\"default\":\"default\"}],\"tasks\":[{\"task_key\":\"load\",\"sql_task\":{\"warehouse_id\":"
                + "\"5106a1b2c3d4e5f6\",\"file\":{\"path\":\"/Shared/" + table + ".sql\"}}}]}").path("job_id").asLong();
        JsonNode job = jobs.get(JOBS + "get?job_id=" + jobId);
        assertThat(job.path("settings").path("name").asText()).isEqualTo(name);
        JsonNode listed = jobs.get(JOBS + "list?name=" + name.toLowerCase() + "&expand_tasks=true");
        assertThat(listed.path("jobs").get(0).path("settings").path("tasks").size()).isEqualTo(1);

        JsonNode now = jobs.post(JOBS + "run-now", "{\"job_id\":" + jobId + ",\"job_parameters\":{\"v\":\"given\"}}");
        JsonNode run = jobs.await(now.path("run_id").asLong());
        assertThat(run.path("state").path("result_state").asText()).as(run.toString()).isEqualTo("SUCCESS");
        assertThat(run.path("job_id").asLong()).isEqualTo(jobId);
        assertThat(run.path("job_parameters").toString()).contains("\"value\":\"given\"");
        jobs.await(jobs.post(JOBS + "run-now", "{\"job_id\":" + jobId + "}").path("run_id").asLong());
        assertThat(jobs.sql("SELECT v, w FROM " + table + " ORDER BY v").toString())
                .isEqualTo("[[\"default\",\"a;b\"],[\"given\",\"a;b\"]]");

        jobs.post(JOBS + "reset", "{\"job_id\":" + jobId + ",\"new_settings\":{\"name\":\"" + name + "-2\"}}");
        assertThat(jobs.get(JOBS + "get?job_id=" + jobId).path("settings").path("name").asText()).isEqualTo(name + "-2");
        jobs.post(JOBS + "delete", "{\"job_id\":" + jobId + "}");
        RestClient.Reply gone = rest.get(JOBS + "get?job_id=" + jobId);
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.body().path("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(gone.body().path("message").asText()).isEqualTo("Job " + jobId + " does not exist.");
    }

    @Test
    void tasksFollowTheirDependenciesAndAFailureKeepsItsTrace() throws Exception {
        String table = unique("dag");
        String missing = unique("missing");
        String nb = "/Users/dev/" + table;
        jobs.importSource(nb + "_fail", "SQL", "SELECT * FROM " + missing);
        jobs.importSource(nb + "_cleanup", "SQL", "CREATE TABLE " + table + " AS SELECT 'cleaned' AS s");
        long runId = jobs.submit("{\"run_name\":\"dag\",\"tasks\":["
                + "{\"task_key\":\"fail\",\"notebook_task\":{\"notebook_path\":\"" + nb + "_fail\"}},"
                + "{\"task_key\":\"after\",\"depends_on\":[{\"task_key\":\"fail\"}],"
                + "\"notebook_task\":{\"notebook_path\":\"" + nb + "_cleanup\"}},"
                + "{\"task_key\":\"cleanup\",\"depends_on\":[{\"task_key\":\"fail\"}],\"run_if\":\"ALL_DONE\","
                + "\"notebook_task\":{\"notebook_path\":\"" + nb + "_cleanup\"}}]}");
        JsonNode run = jobs.await(runId);
        assertThat(run.path("state").path("result_state").asText()).isEqualTo("FAILED");
        JsonNode tasks = run.path("tasks");
        assertThat(java.util.List.of(tasks.get(0), tasks.get(1), tasks.get(2))).extracting(t -> t.path("task_key").asText())
                .containsExactly("fail", "after", "cleanup");
        assertThat(tasks.get(0).path("state").path("result_state").asText()).isEqualTo("FAILED");
        assertThat(tasks.get(1).path("state").path("result_state").asText()).isEqualTo("UPSTREAM_FAILED");
        assertThat(tasks.get(2).path("state").path("result_state").asText()).isEqualTo("SUCCESS");
        assertThat(jobs.sql("SELECT s FROM " + table).toString()).isEqualTo("[[\"cleaned\"]]");

        JsonNode output = jobs.get(JOBS + "runs/get-output?run_id=" + tasks.get(0).path("run_id").asLong());
        assertThat(output.path("error").asText()).contains("TABLE_OR_VIEW_NOT_FOUND");
        assertThat(output.path("error_trace").asText()).contains("AnalysisException", "\tat ");
        RestClient.Reply multi = rest.get(JOBS + "runs/get-output?run_id=" + runId);
        assertThat(multi.status()).isEqualTo(400);
        assertThat(multi.body().path("message").asText()).contains("multiple tasks");
        RestClient.Reply cycle = rest.post(JOBS + "runs/submit", "{\"tasks\":[{\"task_key\":\"a\",\"depends_on\":"
                + "[{\"task_key\":\"a\"}],\"notebook_task\":{\"notebook_path\":\"" + nb + "_fail\"}}]}");
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.body().path("message").asText()).contains("cycle");
    }

    @Test
    void cancelStopsARunningQueryAndTimeoutEndsTimedOut() throws Exception {
        String gate = unique("jobgate");
        String nb = "/Users/dev/" + gate;
        jobs.importSource(nb, "SQL", JobsRestClient.gateSql(gate));
        try {
            long canceled = jobs.submit("{\"tasks\":[{\"task_key\":\"held\",\"notebook_task\":{\"notebook_path\":\""
                    + nb + "\"}}]}");
            jobs.awaitGate(gate, 1);
            assertThat(jobs.run(canceled).path("state").path("life_cycle_state").asText()).isEqualTo("RUNNING");
            jobs.post(JOBS + "runs/cancel", "{\"run_id\":" + canceled + "}");
            JsonNode run = jobs.await(canceled);
            assertThat(run.path("state").path("result_state").asText()).isEqualTo("CANCELED");
            assertThat(run.path("status").path("termination_details").path("code").asText()).isEqualTo("USER_CANCELED");

            long timed = jobs.submit("{\"timeout_seconds\":2,\"tasks\":[{\"task_key\":\"held\",\"notebook_task\":{"
                    + "\"notebook_path\":\"" + nb + "\"}}]}");
            JsonNode t = jobs.await(timed);
            assertThat(t.path("state").path("result_state").asText()).isEqualTo("TIMEDOUT");
            assertThat(t.path("state").path("user_cancelled_or_timedout").asBoolean()).isTrue();
            jobs.awaitGateEmpty(gate);

            // cancelled at once, while the task is still planning its query: the query must not start later
            for (int i = 0; i < 5; i++) {
                long early = jobs.submit("{\"tasks\":[{\"task_key\":\"held\",\"notebook_task\":{"
                        + "\"notebook_path\":\"" + nb + "\"}}]}");
                jobs.post(JOBS + "runs/cancel", "{\"run_id\":" + early + "}");
                assertThat(jobs.await(early).path("state").path("result_state").asText()).isEqualTo("CANCELED");
            }
            jobs.awaitGateEmpty(gate);
            RestClient.Reply missing = rest.get(JOBS + "runs/get?run_id=987654321");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body().path("message").asText()).isEqualTo("Run 987654321 does not exist.");
            jobs.post(JOBS + "runs/delete", "{\"run_id\":" + timed + "}");
            assertThat(rest.get(JOBS + "runs/get?run_id=" + timed).status()).isEqualTo(400);
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    @Test
    void aSubmissionRetriedWithItsTokenAfterADroppedAnswerStartsOneRun() throws Exception {
        String name = unique("once");
        String table = unique("once");
        jobs.importSource("/Users/dev/" + table, "SQL", "CREATE TABLE IF NOT EXISTS " + table + " (x INT)\n"
                + "-- COMMAND ----------\nINSERT INTO " + table + " VALUES (1)");
        String body = "{\"run_name\":\"" + name + "\",\"idempotency_token\":\"" + name + "\",\"tasks\":[{\"task_key\":"
                + "\"t\",\"notebook_task\":{\"notebook_path\":\"/Users/dev/" + table + "\"}}]}";
        jobs.post("/sluice/faults", "{\"action\":\"drop_after\",\"method\":\"POST\","
                + "\"path\":\"/api/2.2/jobs/runs/submit/?$\",\"count\":1}");
        try {
            assertThatThrownBy(() -> rest.post(JOBS + "runs/submit", body)).isInstanceOf(IllegalStateException.class);
        } finally {
            rest.delete("/sluice/faults");
        }
        long first = jobs.submit(body);
        long again = jobs.submit(body);
        assertThat(again).isEqualTo(first);
        jobs.await(first);
        assertThat(jobs.sql("SELECT count(*) FROM " + table).toString()).isEqualTo("[[\"1\"]]");
        int found = 0;
        for (JsonNode r : jobs.get(JOBS + "runs/list?run_type=SUBMIT_RUN&limit=25").path("runs")) {
            found += r.path("run_name").asText().equals(name) ? 1 : 0;
        }
        assertThat(found).isEqualTo(1);
    }

    @Test
    void runsBeyondMaxConcurrentRunsQueueAndPageInOrder() throws Exception {
        String gate = unique("queuegate");
        jobs.importSource("/Users/dev/" + gate, "SQL", JobsRestClient.gateSql(gate));
        long jobId = jobs.post(JOBS + "create", "{\"name\":\"" + gate + "\",\"max_concurrent_runs\":1,\"tasks\":[{"
                + "\"task_key\":\"held\",\"notebook_task\":{\"notebook_path\":\"/Users/dev/" + gate + "\"}}]}")
                .path("job_id").asLong();
        try {
            int n = 250;
            for (int i = 0; i < n; i++) {
                jobs.post(JOBS + "run-now", "{\"job_id\":" + jobId + "}");
            }
            jobs.awaitGate(gate, 1);
            Set<Long> seen = new HashSet<>();
            String token = null;
            int pages = 0;
            long previousStart = Long.MAX_VALUE;
            int queued = 0;
            do {
                JsonNode page = jobs.get(JOBS + "runs/list?job_id=" + jobId + "&limit=25"
                        + (token == null ? "" : "&page_token=" + token));
                for (JsonNode r : page.path("runs")) {
                    assertThat(seen.add(r.path("run_id").asLong())).isTrue();
                    assertThat(r.path("start_time").asLong()).isLessThanOrEqualTo(previousStart);
                    previousStart = r.path("start_time").asLong();
                    queued += r.path("state").path("life_cycle_state").asText().equals("QUEUED") ? 1 : 0;
                }
                token = page.path("has_more").asBoolean() ? page.path("next_page_token").asText() : null;
                pages++;
            } while (token != null);
            assertThat(seen).hasSize(n);
            assertThat(pages).isEqualTo(10);
            assertThat(queued).isEqualTo(n - 1);
            jobs.post("/api/2.1/jobs/runs/cancel-all", "{\"job_id\":" + jobId + "}");
            for (long id : seen) {
                assertThat(jobs.await(id).path("state").path("result_state").asText()).isEqualTo("CANCELED");
            }
            assertThat(jobs.get(JOBS + "runs/list?job_id=" + jobId + "&active_only=true").has("runs")).isFalse();
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    @Test
    void aTaskIsRetriedAndATaskTimeoutEndsItTimedOut() throws Exception {
        String gate = unique("taskgate");
        String nb = "/Users/dev/" + gate;
        jobs.importSource(nb + "_held", "SQL", JobsRestClient.gateSql(gate));
        jobs.importSource(nb + "_fail", "SQL", "SELECT * FROM " + unique("missing"));
        try {
            long runId = jobs.submit("{\"tasks\":[{\"task_key\":\"flaky\",\"max_retries\":2,\"notebook_task\":{"
                    + "\"notebook_path\":\"" + nb + "_fail\"}},{\"task_key\":\"slow\",\"timeout_seconds\":1,"
                    + "\"notebook_task\":{\"notebook_path\":\"" + nb + "_held\"}}]}");
            JsonNode run = jobs.await(runId);
            assertThat(run.path("state").path("result_state").asText()).isEqualTo("FAILED");
            JsonNode flaky = run.path("tasks").get(0);
            assertThat(flaky.path("state").path("result_state").asText()).isEqualTo("FAILED");
            assertThat(flaky.path("attempt_number").asInt()).isEqualTo(2);
            JsonNode slow = run.path("tasks").get(1);
            assertThat(slow.path("state").path("result_state").asText()).isEqualTo("TIMEDOUT");
            // a one-second timeout on a busy machine may stop the task before its query reached the gate; either
            // way nothing of it may stay behind, waiting at the gate and holding a core
            jobs.awaitGateEmpty(gate);
            assertThat(jobs.get("/sluice/gates/" + gate).path("arrived").asInt()).isLessThanOrEqualTo(1);
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }
}
