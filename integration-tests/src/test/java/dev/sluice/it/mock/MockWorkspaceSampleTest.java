package dev.sluice.it.mock;

import dev.sluice.dao.delta.Condition;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.ReadRequest;
import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.jobs.Jobs;
import dev.sluice.dao.jobs.RunFailed;
import dev.sluice.dao.jobs.RunListener;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.simulate.MockWorkspace;
import dev.sluice.junit.MockDatabricks;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's worked example: DAO code over Simulation=mock, in-process, no warehouse. */
@MockDatabricks
class MockWorkspaceSampleTest {

    record Order(long id, String item) {
    }

    @Test
    void deltaTableOverTheMock(MockWorkspace mock, @MockDatabricks.JdbcUrl String url) throws Exception {
        long started = System.nanoTime();
        mock.onSql("SELECT .* FROM `main`\\.`shop`\\.`orders`.*")
                .returns(new String[] {"id BIGINT", "item STRING"}, new Object[] {1L, "tea"}, new Object[] {2L, "jam"});
        mock.onSql("DELETE FROM `main`\\.`shop`\\.`orders` WHERE .*").updates(1);
        try (Connection connection = DriverManager.getConnection(url)) {
            DeltaTable orders = DeltaTable.of(connection, TableName.of("main", "shop", "orders"));
            List<Order> all = orders.readAll(ReadRequest.all(), row -> new Order(row.getLong("id"), row.getString("item")));
            assertThat(all).containsExactly(new Order(1, "tea"), new Order(2, "jam"));
            assertThat(orders.delete(Condition.of("id = ?", 2))).isEqualTo(1);
        }
        assertThat(mock.executed()).anyMatch(sql -> sql.startsWith("DELETE FROM"));
        System.out.printf("MockWorkspaceSampleTest: DeltaTable read + delete over the mock in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void jobsSubmitAndAwaitOverTheMock(MockWorkspace mock, @MockDatabricks.JdbcUrl String url) throws Exception {
        long started = System.nanoTime();
        mock.onRun("nightly-load").steps(2, 3).succeeds("{\"rows\": 42}");
        mock.onRun("broken-load").fails("ZeroDivisionError: division by zero");
        try (Connection connection = DriverManager.getConnection(url)) {
            Jobs jobs = Jobs.over(connection).withPolling(Duration.ofMillis(1), Duration.ofMillis(2));
            List<String> seen = new ArrayList<>();
            long runId = jobs.submit(RunSubmit.builder("nightly-load")
                    .task(Task.notebook("load", "/Shared/load", Map.of())).build());
            Run run = jobs.await(runId, Duration.ofSeconds(30), r -> seen.add(r.lifeCycleState()));
            assertThat(run.resultState()).isEqualTo("SUCCESS");
            assertThat(seen).containsExactly("PENDING", "RUNNING", "TERMINATED");
            assertThat(jobs.output(runId)).singleElement()
                    .satisfies(o -> assertThat(o.notebookResult()).isEqualTo("{\"rows\": 42}"));

            long broken = jobs.submit(RunSubmit.builder("broken-load")
                    .task(Task.notebook("load", "/Shared/load", Map.of())).build());
            assertThatThrownBy(() -> jobs.await(broken, Duration.ofSeconds(30), RunListener.NONE))
                    .isInstanceOf(RunFailed.class);
        }
        System.out.printf("MockWorkspaceSampleTest: two job runs submitted and awaited over the mock in %d ms%n",
                (System.nanoTime() - started) / 1_000_000);
    }
}
