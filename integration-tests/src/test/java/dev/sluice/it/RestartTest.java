package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables, schemas and catalogs survive a restart of the warehouse process; its child exits with it. */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void tablesSurviveARestart() throws Exception {
        Path data = dir.resolve("data");
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(data).logFile(dir.resolve("first.log")).start()) {
            RestClient rest = new RestClient(w);
            ok(rest, "CREATE CATALOG kept");
            ok(rest, "CREATE SCHEMA kept.s");
            ok(rest, "CREATE TABLE kept.s.t AS SELECT id FROM range(5)");
            ok(rest, "UPDATE kept.s.t SET id = id + 10 WHERE id = 0");
        }
        try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(data).logFile(dir.resolve("second.log")).start()) {
            RestClient rest = new RestClient(w);
            assertThat(ok(rest, "SELECT sum(id) FROM kept.s.t").path("result").path("data_array").toString())
                    .isEqualTo("[[\"20\"]]");
            assertThat(ok(rest, "SELECT count(*) FROM kept.s.t VERSION AS OF 0").path("result").path("data_array")
                    .toString()).isEqualTo("[[\"5\"]]");
            ok(rest, "DROP TABLE kept.s.t");
            assertThat(data.resolve("tables").resolve("kept__s.db").resolve("t")).doesNotExist();
            w.close();
            assertThat(w.isAlive()).isFalse();
        }
    }

    private static JsonNode ok(RestClient rest, String sql) {
        JsonNode r = rest.finished(rest.execute(sql, "").body());
        assertThat(r.path("status").path("state").asText()).as(sql + " -> " + r).isEqualTo("SUCCEEDED");
        return r;
    }
}
