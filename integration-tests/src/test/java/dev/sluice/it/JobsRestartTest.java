package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs and runs survive a restart; a run active when the warehouse went away ends INTERNAL_ERROR. */
class JobsRestartTest {

    @TempDir
    Path dir;

    @Test
    void jobsAndRunsSurviveARestartAndActiveRunsEndInternalError() throws Exception {
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
        }
    }
}
