package dev.sluice.dao.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.sluice.jdbc.jobs.JobsException;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Jobs DAO over a Sluice connection to WireMock: waiting, progress, typed outcomes and the error taxonomy. */
class JobsDaoTest {
    private static final String RUNS_GET = "/api/2.2/jobs/runs/get";
    private static final String OUTPUT = "/api/2.2/jobs/runs/get-output";

    private WireMockServer server;
    private Connection connection;
    private Jobs jobs;

    @BeforeEach
    void start() throws SQLException {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        connection = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=dapi-dao-jobs;httpPath=/sql/1.0/warehouses/wh1");
        jobs = Jobs.over(connection).withPolling(Duration.ofMillis(1), Duration.ofMillis(4));
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        server.stop();
    }

    private void states(String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = i == bodies.length - 1 ? state : "poll" + (i + 1);
            server.stubFor(get(urlPathEqualTo(RUNS_GET)).inScenario("run").whenScenarioStateIs(state)
                    .willReturn(okJson(bodies[i])).willSetStateTo(next));
            state = next;
        }
    }

    private static String run(String lifeCycle, String result, String tasks) {
        return "{\"run_id\":5,\"state\":{\"life_cycle_state\":\"" + lifeCycle + "\""
                + (result == null ? "" : ",\"result_state\":\"" + result + "\"") + ",\"state_message\":\"m\"}"
                + (tasks == null ? "" : ",\"tasks\":" + tasks) + "}";
    }

    @Test
    void awaitPollsUntilSuccessAndReportsEveryStateChange() throws SQLException {
        server.stubFor(post(urlPathEqualTo("/api/2.2/jobs/runs/submit")).willReturn(okJson("{\"run_id\":5}")));
        states(run("PENDING", null, null), run("PENDING", null, null), run("RUNNING", null, null),
                run("TERMINATED", "SUCCESS", null));
        List<String> seen = new ArrayList<>();

        long runId = jobs.submit(RunSubmit.builder("r").task(Task.notebook("n", "/Shared/n", null)).build());
        Run done = jobs.await(runId, Duration.ofMinutes(5), r -> seen.add(r.lifeCycleState()));

        assertThat(done.resultState()).isEqualTo("SUCCESS");
        assertThat(seen).containsExactly("PENDING", "RUNNING", "TERMINATED");
    }

    @Test
    void aFailedRunIsRunFailedWithTheFailingTasksErrorAndTrace() {
        states(run("TERMINATED", "FAILED", "[{\"task_key\":\"a\",\"run_id\":51,\"state\":{\"life_cycle_state\":"
                + "\"TERMINATED\",\"result_state\":\"SUCCESS\"}},{\"task_key\":\"b\",\"run_id\":52,\"state\":"
                + "{\"life_cycle_state\":\"TERMINATED\",\"result_state\":\"FAILED\"}}]"));
        server.stubFor(get(urlPathEqualTo(OUTPUT)).withQueryParam("run_id", equalTo("52"))
                .willReturn(okJson("{\"error\":\"ArithmeticException: / by zero\","
                        + "\"error_trace\":\"java.lang.ArithmeticException\\n\\tat Main.main\"}")));

        assertThatThrownBy(() -> jobs.await(5, Duration.ofMinutes(1), RunListener.NONE))
                .isInstanceOfSatisfying(RunFailed.class, e -> {
                    assertThat(e.failedTask()).isEqualTo("b");
                    assertThat(e.error()).isEqualTo("ArithmeticException: / by zero");
                    assertThat(e.errorTrace()).contains("at Main.main");
                    assertThat(e.resultState()).isEqualTo("FAILED");
                    assertThat(e.getSQLState()).isEqualTo("38000");
                    assertThat(e.getMessage()).contains("run 5").contains("'b'").contains("by zero");
                });
    }

    @Test
    void aTimedOutRunIsRunFailedAndACanceledOneRunCanceled() {
        states(run("TERMINATED", "TIMEDOUT", null));
        server.stubFor(get(urlPathEqualTo(OUTPUT)).willReturn(okJson("{}")));
        assertThatThrownBy(() -> jobs.await(5, Duration.ofMinutes(1), RunListener.NONE))
                .isInstanceOfSatisfying(RunFailed.class, e -> assertThat(e.resultState()).isEqualTo("TIMEDOUT"));
        server.resetScenarios();
        server.resetMappings();
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        states(run("TERMINATED", "CANCELED", null));
        assertThatThrownBy(() -> jobs.await(5, Duration.ofMinutes(1), RunListener.NONE))
                .isInstanceOf(RunCanceled.class).hasMessageContaining("run 5 was canceled");
    }

    @Test
    void aRunThatLostItsClusterIsClusterNotAvailable() {
        server.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson("{\"run_id\":5,\"state\":{"
                + "\"life_cycle_state\":\"INTERNAL_ERROR\",\"state_message\":\"Cluster 0101-x was terminated\"}}")));
        assertThatThrownBy(() -> jobs.await(5, Duration.ofMinutes(1), RunListener.NONE))
                .isInstanceOfSatisfying(ClusterNotAvailable.class,
                        e -> assertThat(e.serverMessage()).hasValue("Cluster 0101-x was terminated"));
    }

    @Test
    void theCallersDeadlineEndsTheWaitAndLeavesTheRunRunning() {
        server.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(okJson(run("RUNNING", null, null))));
        assertThatThrownBy(() -> jobs.await(5, Duration.ZERO, RunListener.NONE))
                .isInstanceOf(SQLTimeoutException.class).hasMessageContaining("still RUNNING");
        assertThatThrownBy(() -> jobs.await(5, Duration.ofSeconds(-1), RunListener.NONE))
                .isInstanceOf(SQLException.class).hasMessageContaining("PT-1S");
    }

    @Test
    void anUnknownRunIsJobNotFoundWithTheServersCodeAndMessage() {
        server.stubFor(get(urlPathEqualTo(RUNS_GET)).willReturn(aResponse().withStatus(400).withBody(
                "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Run 123 does not exist.\"}")));
        assertThatThrownBy(() -> jobs.status(123)).isInstanceOfSatisfying(JobNotFound.class, e -> {
            assertThat(e.errorCode()).hasValue("INVALID_PARAMETER_VALUE");
            assertThat(e.serverMessage()).hasValue("Run 123 does not exist.");
            assertThat(e.getSQLState()).isEqualTo("42704");
        });
    }

    @Test
    void rateCapsAreResourceQuotaExceeded() {
        assertThat((Throwable) Jobs.translate(new JobsException("x", 429, "REQUEST_LIMIT_EXCEEDED", "slow down", null), "submit"))
                .isInstanceOf(ResourceQuotaExceeded.class).hasMessageContaining("slow down");
        assertThat((Throwable) Jobs.translate(new JobsException("x", 400, "QUOTA_EXCEEDED", "too many jobs", null), "create"))
                .isInstanceOf(ResourceQuotaExceeded.class);
        assertThat((Throwable) Jobs.translate(new JobsException("x", 400, "INVALID_STATE",
                "The maximum number of concurrent active runs (1000) has been reached; rate limit", null), "submit"))
                .isInstanceOf(ResourceQuotaExceeded.class);
        assertThat((Throwable) Jobs.translate(new JobsException("x", 400, "RESOURCE_DOES_NOT_EXIST", "Job 7 does not exist.",
                null), "run job 7")).isInstanceOf(JobNotFound.class);
    }

    @Test
    void aConnectionOfAnotherDriverIsRefused() {
        Connection other = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> m.getName().equals("isWrapperFor") ? false : null);
        assertThatThrownBy(() -> Jobs.over(other)).isInstanceOf(SQLException.class)
                .hasMessageContaining("SluiceWorkspace");
    }
}
