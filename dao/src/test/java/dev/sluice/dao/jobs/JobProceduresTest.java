package dev.sluice.dao.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sluice.job_* procedures through prepareCall on a Sluice connection to WireMock. */
class JobProceduresTest {
    private static final String JOBS = "/api/2.2/jobs/";

    private WireMockServer server;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        connection = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=dapi-proc-jobs;httpPath=/sql/1.0/warehouses/wh1");
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        server.stop();
    }

    @Test
    void jobSubmitSendsTheTaskAndReturnsRunIdAndStates() throws SQLException {
        server.stubFor(post(urlPathEqualTo(JOBS + "runs/submit")).willReturn(okJson("{\"run_id\":31}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).willReturn(okJson(
                "{\"run_id\":31,\"state\":{\"life_cycle_state\":\"TERMINATED\",\"result_state\":\"SUCCESS\"}}")));
        try (CallableStatement cs = connection.prepareCall(
                "{call sluice.job_submit(task_type => ?, path => ?, cluster_id => ?, wait_seconds => ?, "
                        + "run_id => ?, state => ?, result_state => ?)}")) {
            cs.setString("task_type", "notebook");
            cs.setString("path", "/Shared/etl");
            cs.setString("cluster_id", "0101-c");
            cs.setLong("wait_seconds", 60);
            cs.registerOutParameter("run_id", Types.BIGINT);
            cs.registerOutParameter("state", Types.VARCHAR);
            cs.registerOutParameter("result_state", Types.VARCHAR);
            cs.execute();
            assertThat(cs.getLong("run_id")).isEqualTo(31);
            assertThat(cs.getString("state")).isEqualTo("TERMINATED");
            assertThat(cs.getString("result_state")).isEqualTo("SUCCESS");
        }
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "runs/submit"))
                .withRequestBody(matchingJsonPath("$.tasks[0].notebook_task.notebook_path", equalTo("/Shared/etl")))
                .withRequestBody(matchingJsonPath("$.tasks[0].existing_cluster_id", equalTo("0101-c")))
                .withRequestBody(matchingJsonPath("$.idempotency_token")));

        try (CallableStatement cs = connection.prepareCall("{call sluice.job_submit(task_type => ?, path => ?, "
                + "run_id => ?)}")) {
            cs.setString("task_type", "JSON");
            cs.setString("path", "{\"task_key\":\"wheel\",\"python_wheel_task\":{\"package_name\":\"demo\","
                    + "\"entry_point\":\"run\",\"named_parameters\":{\"day\":\"2026-12-04\"}},\"max_retries\":2,"
                    + "\"libraries\":[{\"whl\":\"/Volumes/main/default/w/demo.whl\"}]}");
            cs.registerOutParameter("run_id", Types.BIGINT);
            cs.execute();
            assertThat(cs.getLong("run_id")).isEqualTo(31);
        }
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "runs/submit"))
                .withRequestBody(matchingJsonPath("$.tasks[0].python_wheel_task.named_parameters.day",
                        equalTo("2026-12-04")))
                .withRequestBody(matchingJsonPath("$.tasks[0].max_retries", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.tasks[0].libraries[0].whl",
                        equalTo("/Volumes/main/default/w/demo.whl"))));
    }

    @Test
    void jobRunNowPassesJsonParametersAndAFailedWaitRaisesRunFailed() throws SQLException {
        server.stubFor(post(urlPathEqualTo(JOBS + "run-now")).willReturn(okJson("{\"run_id\":32}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).willReturn(okJson("{\"run_id\":32,\"state\":{"
                + "\"life_cycle_state\":\"TERMINATED\",\"result_state\":\"FAILED\",\"state_message\":\"bad\"}}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get-output")).willReturn(okJson("{\"error\":\"boom\"}")));
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_run_now(?, ?, ?, ?, ?, ?)}")) {
            cs.setLong(1, 8);
            cs.setString(2, "{\"day\":\"2026-12-04\"}");
            cs.setLong(3, 30);
            cs.registerOutParameter(4, Types.BIGINT);
            cs.registerOutParameter(5, Types.VARCHAR);
            cs.registerOutParameter(6, Types.VARCHAR);
            assertThatThrownBy(cs::execute).isInstanceOf(RunFailed.class).hasMessageContaining("boom");
        }
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "run-now"))
                .withRequestBody(matchingJsonPath("$.job_parameters.day", equalTo("2026-12-04"))));
    }

    @Test
    void badParametersAre22023NamingTheValue() throws SQLException {
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_run_now(job_id => ?, params => ?)}")) {
            cs.setLong("job_id", 8);
            cs.setString("params", "[1]");
            assertThatThrownBy(cs::execute).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22023")).hasMessageContaining("[1]");
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_submit(task_type => ?, path => ?)}")) {
            cs.setString("task_type", "json");
            cs.setString("path", "{\"task_key\":\"t\"}");
            assertThatThrownBy(cs::execute).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22023")).hasMessageContaining("*_task");
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_submit(task_type => ?, path => ?)}")) {
            cs.setString("task_type", "cobol");
            cs.setString("path", "/x");
            assertThatThrownBy(cs::execute).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("22023")).hasMessageContaining("cobol");
        }
    }

    @Test
    void statusCancelOutputAndListRuns() throws SQLException {
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).willReturn(okJson("{\"run_id\":5,\"state\":{"
                + "\"life_cycle_state\":\"RUNNING\",\"state_message\":\"In run\"},\"tasks\":[{\"task_key\":\"a\","
                + "\"run_id\":51},{\"task_key\":\"b\",\"run_id\":52}]}")));
        server.stubFor(post(urlPathEqualTo(JOBS + "runs/cancel")).willReturn(okJson("{}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get-output")).withQueryParam("run_id", equalTo("51"))
                .willReturn(okJson("{\"notebook_output\":{\"result\":\"7\"}}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get-output")).withQueryParam("run_id", equalTo("52"))
                .willReturn(okJson("{\"logs\":\"hello\"}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/list")).willReturn(okJson("{\"runs\":[{\"run_id\":5,"
                + "\"job_id\":8,\"run_name\":\"r\",\"start_time\":1700000000000,\"state\":{\"life_cycle_state\":"
                + "\"RUNNING\"}}],\"has_more\":false}")));

        try (CallableStatement cs = connection.prepareCall("{call sluice.job_status(?, ?, ?, ?)}")) {
            cs.setLong(1, 5);
            cs.registerOutParameter(2, Types.VARCHAR);
            cs.registerOutParameter(3, Types.VARCHAR);
            cs.registerOutParameter(4, Types.VARCHAR);
            cs.execute();
            assertThat(cs.getString(2)).isEqualTo("RUNNING");
            assertThat(cs.getString(3)).isNull();
            assertThat(cs.getString(4)).isEqualTo("In run");
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_cancel(?)}")) {
            cs.setLong(1, 5);
            cs.execute();
        }
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "runs/cancel"))
                .withRequestBody(matchingJsonPath("$.run_id", equalTo("5"))));
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_output(?)}")) {
            cs.setLong(1, 5);
            assertThat(cs.execute()).isTrue();
            ResultSet rs = cs.getResultSet();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("task_key")).isEqualTo("a");
            assertThat(rs.getString("notebook_result")).isEqualTo("7");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("logs")).isEqualTo("hello");
            assertThat(rs.next()).isFalse();
        }
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_list_runs(?)}")) {
            cs.setLong(1, 8);
            assertThat(cs.execute()).isTrue();
            ResultSet rs = cs.getResultSet();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("run_id")).isEqualTo(5);
            assertThat(rs.getString("state")).isEqualTo("RUNNING");
            assertThat(rs.getTimestamp("start_time").getTime()).isEqualTo(1700000000000L);
            assertThat(rs.getTimestamp("end_time")).isNull();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void anUnknownRunIsJobNotFoundThroughTheCall() throws SQLException {
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).willReturn(aResponse().withStatus(400).withBody(
                "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Run 404 does not exist.\"}")));
        try (CallableStatement cs = connection.prepareCall("{call sluice.job_status(?, ?, ?, ?)}")) {
            cs.setLong(1, 404);
            cs.registerOutParameter(2, Types.VARCHAR);
            cs.registerOutParameter(3, Types.VARCHAR);
            cs.registerOutParameter(4, Types.VARCHAR);
            assertThatThrownBy(cs::execute).isInstanceOf(JobNotFound.class).hasMessageContaining("Run 404");
        }
    }
}
