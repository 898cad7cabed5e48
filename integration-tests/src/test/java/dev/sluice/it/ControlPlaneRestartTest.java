package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.features.FeatureTableDefinition;
import dev.sluice.dao.features.FeatureTables;
import dev.sluice.dao.features.OnlineFeatures;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane (H2 under the warehouse directory) survives a restart: jobs and runs, where a run active when
 * the warehouse went away ends INTERNAL_ERROR; and the online feature store with its serving endpoint, which
 * answers the same lookups afterwards. One restart for both, since each start costs a Spark JVM.
 */
class ControlPlaneRestartTest {
    private static final TableName PROFILE = TableName.of("main", "default", "restart_profile");

    @TempDir
    Path dir;

    @Test
    void jobsRunsAndTheOnlineStoreSurviveARestartAndActiveRunsEndInternalError() throws Exception {
        Path data = dir.resolve("data");
        long jobId;
        long held;
        long done;
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(data).logFile(dir.resolve("first.log"))
                .serverArgs("--max-active-runs", "1").start()) {
            JobsRestClient jobs = new JobsRestClient(w);
            jobs.importSource("/Shared/quick", "SQL", "SELECT 42");
            jobs.importSource("/Shared/held", "SQL", JobsRestClient.gateSql("restart"));
            jobId = jobs.post(JobsRestClient.JOBS + "create", "{\"name\":\"kept\",\"tasks\":[{\"task_key\":\"q\","
                    + "\"notebook_task\":{\"notebook_path\":\"/Shared/quick\"}}]}").path("job_id").asLong();
            done = jobs.post(JobsRestClient.JOBS + "run-now", "{\"job_id\":" + jobId + "}").path("run_id").asLong();
            assertThat(jobs.await(done).path("state").path("result_state").asText()).isEqualTo("SUCCESS");
            held = jobs.submit("{\"tasks\":[{\"task_key\":\"h\",\"notebook_task\":{\"notebook_path\":\"/Shared/held\"}}]}");
            jobs.awaitGate("restart", 1);
            RestClient.Reply busy = jobs.rest.post(JobsRestClient.JOBS + "runs/submit", "{\"tasks\":[{\"task_key\":"
                    + "\"h\",\"notebook_task\":{\"notebook_path\":\"/Shared/quick\"}}]}");
            assertThat(busy.status()).isEqualTo(429);
            assertThat(busy.raw().headers().firstValue("Retry-After")).hasValue("1");

            try (Connection c = DriverManager.getConnection(w.jdbcUrl())) {
                FeatureTables features = FeatureTables.of(c);
                features.create(FeatureTableDefinition.builder(PROFILE).column("user_id", "BIGINT")
                        .column("country", "STRING").primaryKeys("user_id").build());
                features.write(PROFILE, Rows.builder("user_id", "country").add(1L, "FR").add(2L, "US").build());
                features.createOnlineStore("restart-store");
                features.publish(PROFILE, "restart-store", "main.default.profile_online");
                features.serve("restart-endpoint", List.of("main.default.profile_online"));
                assertThat(features.lookup("restart-endpoint", Map.of("user_id", 1)).values())
                        .containsEntry("country", "FR");
            }
        }
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(data).logFile(dir.resolve("second.log")).start()) {
            JobsRestClient jobs = new JobsRestClient(w);
            assertThat(jobs.get(JobsRestClient.JOBS + "get?job_id=" + jobId).path("settings").path("name").asText())
                    .isEqualTo("kept");
            JsonNode lost = jobs.run(held);
            assertThat(lost.path("state").path("life_cycle_state").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(lost.path("tasks").get(0).path("state").path("life_cycle_state").asText())
                    .isEqualTo("INTERNAL_ERROR");
            assertThat(jobs.run(done).path("state").path("result_state").asText()).isEqualTo("SUCCESS");
            long again = jobs.post(JobsRestClient.JOBS + "run-now", "{\"job_id\":" + jobId + "}").path("run_id").asLong();
            assertThat(again).isGreaterThan(held);
            assertThat(jobs.await(again).path("state").path("result_state").asText()).isEqualTo("SUCCESS");

            try (Connection c = DriverManager.getConnection(w.jdbcUrl())) {
                FeatureTables features = FeatureTables.of(c);
                List<OnlineFeatures> after = features.lookup("restart-endpoint",
                        List.of(Map.of("user_id", 1), Map.of("user_id", 2), Map.of("user_id", 3)));
                assertThat(after.get(0).values()).containsEntry("country", "FR");
                assertThat(after.get(1).values()).containsEntry("country", "US");
                assertThat(after.get(2).found()).isFalse();
            }
        }
    }
}
