package dev.sluice.jdbc.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sluice.jdbc.SluiceWorkspace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Jobs client through a real connection's workspace, against WireMock: the exact requests it sends, how it
 * pages, and what it does when the answer to a submit is lost.
 */
class JobsClientTest {
    private static final String TOKEN = "dapi-jobs-test-token";
    private static final String JOBS = "/api/2.2/jobs/";

    private WireMockServer server;
    private Connection connection;
    private JobsClient jobs;

    @BeforeEach
    void start() throws SQLException {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        connection = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=" + TOKEN + ";httpPath=/sql/1.0/warehouses/wh1");
        jobs = connection.unwrap(SluiceWorkspace.class).jobs();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        server.stop();
    }

    @Test
    void workspaceIsReachableByUnwrapAndGoneWithTheConnection() throws SQLException {
        assertThat(connection.isWrapperFor(SluiceWorkspace.class)).isTrue();
        assertThat(connection.unwrap(SluiceWorkspace.class).host()).isEqualTo("127.0.0.1");
        connection.close();
        assertThatThrownBy(() -> connection.unwrap(SluiceWorkspace.class)).isInstanceOf(SQLException.class);
    }

    @Test
    void multiTaskSubmitSendsTheWireFormatWithDependenciesComputeAndAToken() throws Exception {
        server.stubFor(post(urlPathEqualTo(JOBS + "runs/submit")).willReturn(okJson("{\"run_id\":4711}")));
        RunSubmit request = RunSubmit.builder("nightly")
                .timeoutSeconds(600)
                .task(Task.notebook("load", "/Shared/load", Map.of("day", "2026-12-04"))
                        .withExistingCluster("0101-abc"))
                .task(Task.sparkJar("aggregate", "com.example.Aggregate", List.of("--full"))
                        .withLibrary("jar", "/Volumes/main/default/jars/agg.jar")
                        .withNewCluster(Map.of("spark_version", "15.4.x-scala2.12", "num_workers", 2))
                        .dependsOn("load"))
                .task(Task.sparkPython("py", "/Workspace/Shared/job.py", List.of("a")).withEnvironment("env1")
                        .dependsOn("load"))
                .task(Task.sparkSubmit("submit", List.of("--class", "com.example.Main", "/Volumes/x/y/app.jar")))
                .task(Task.pythonWheel("wheel", "pkg", "main", List.of()).withLibrary("whl", "/Volumes/x/y/p.whl"))
                .task(Task.sqlFile("sql", "wh1", "/Workspace/Shared/q.sql", Map.of()).dependsOn("aggregate", "py"))
                .environment("env1", Map.of("client", "1"))
                .build();

        assertThat(jobs.submit(request)).isEqualTo(4711L);

        server.verify(1, postRequestedFor(urlPathEqualTo(JOBS + "runs/submit"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.run_name", equalTo("nightly")))
                .withRequestBody(matchingJsonPath("$.timeout_seconds", equalTo("600")))
                .withRequestBody(matchingJsonPath("$.idempotency_token"))
                .withRequestBody(matchingJsonPath("$.tasks[0].notebook_task.notebook_path", equalTo("/Shared/load")))
                .withRequestBody(matchingJsonPath("$.tasks[0].notebook_task.base_parameters.day",
                        equalTo("2026-12-04")))
                .withRequestBody(matchingJsonPath("$.tasks[0].existing_cluster_id", equalTo("0101-abc")))
                .withRequestBody(matchingJsonPath("$.tasks[1].spark_jar_task.main_class_name",
                        equalTo("com.example.Aggregate")))
                .withRequestBody(matchingJsonPath("$.tasks[1].libraries[0].jar",
                        equalTo("/Volumes/main/default/jars/agg.jar")))
                .withRequestBody(matchingJsonPath("$.tasks[1].new_cluster.num_workers", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.tasks[1].depends_on[0].task_key", equalTo("load")))
                .withRequestBody(matchingJsonPath("$.tasks[2].spark_python_task.python_file",
                        equalTo("/Workspace/Shared/job.py")))
                .withRequestBody(matchingJsonPath("$.tasks[2].environment_key", equalTo("env1")))
                .withRequestBody(matchingJsonPath("$.tasks[3].spark_submit_task.parameters[1]",
                        equalTo("com.example.Main")))
                .withRequestBody(matchingJsonPath("$.tasks[4].python_wheel_task.entry_point", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.tasks[5].sql_task.file.path", equalTo("/Workspace/Shared/q.sql")))
                .withRequestBody(matchingJsonPath("$.tasks[5].depends_on[1].task_key", equalTo("py")))
                .withRequestBody(matchingJsonPath("$.environments[0].environment_key", equalTo("env1"))));
    }

    @Test
    void aDependencyOnAnUnknownTaskIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> RunSubmit.builder("r")
                .task(Task.notebook("a", "/n", null).dependsOn("missing")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'missing'");
    }

    @Test
    void aSubmitWhoseAnswerIsLostIsSentAgainWithTheSameTokenAndStartsOneRun() throws Exception {
        String submit = JOBS + "runs/submit";
        server.stubFor(post(urlPathEqualTo(submit)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("answered"));
        server.stubFor(post(urlPathEqualTo(submit)).inScenario("lost").whenScenarioStateIs("answered")
                .willReturn(okJson("{\"run_id\":99}")));

        long runId = jobs.submit(RunSubmit.builder("once").task(Task.notebook("n", "/Shared/n", null)).build());

        assertThat(runId).isEqualTo(99L);
        List<LoggedRequest> sent = server.findAll(postRequestedFor(urlPathEqualTo(submit)));
        assertThat(sent).hasSize(2);
        // the server deduplicates on the token: both attempts must carry the same one
        List<String> tokens = sent.stream().map(r -> tokenOf(r.getBodyAsString())).distinct()
                .collect(Collectors.toList());
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0)).isNotBlank();
    }

    @Test
    void theCallersTokenIsSentAndRunNowCarriesJobParameters() throws Exception {
        server.stubFor(post(urlPathEqualTo(JOBS + "run-now")).willReturn(okJson("{\"run_id\":7,\"number_in_job\":1}")));
        long runId = jobs.runNow(RunNow.builder(12).idempotencyToken("mine-1")
                .jobParameters(Map.of("day", "today")).build());
        assertThat(runId).isEqualTo(7L);
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "run-now"))
                .withRequestBody(matchingJsonPath("$.job_id", equalTo("12")))
                .withRequestBody(matchingJsonPath("$.idempotency_token", equalTo("mine-1")))
                .withRequestBody(matchingJsonPath("$.job_parameters.day", equalTo("today"))));
        assertThatThrownBy(() -> RunNow.builder(12).jobParameters(Map.of()).jarParams(List.of("x")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jar_params");
    }

    @Test
    void runsGetReadsEveryPageOfTasks() throws Exception {
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).withQueryParam("run_id", equalTo("5"))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"run_id\":5,\"run_name\":\"r\",\"state\":{\"life_cycle_state\":\"RUNNING\"},"
                        + "\"tasks\":[{\"task_key\":\"a\",\"run_id\":51,\"state\":{\"life_cycle_state\":\"TERMINATED\","
                        + "\"result_state\":\"SUCCESS\"}}],\"next_page_token\":\"p2\"}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).withQueryParam("page_token", equalTo("p2"))
                .willReturn(okJson("{\"run_id\":5,\"tasks\":[{\"task_key\":\"b\",\"run_id\":52,"
                        + "\"state\":{\"life_cycle_state\":\"RUNNING\"}}]}")));

        Run run = jobs.getRun(5);

        assertThat(run.lifeCycleState()).isEqualTo("RUNNING");
        assertThat(run.isDone()).isFalse();
        assertThat(run.tasks()).extracting(RunTask::taskKey).containsExactly("a", "b");
        assertThat(run.tasks().get(0).resultState()).isEqualTo("SUCCESS");
        server.verify(2, getRequestedFor(urlPathEqualTo(JOBS + "runs/get")));
    }

    @Test
    void runsExportAsksForTheCodeViewAndTaskTypesAreRead() throws Exception {
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/export")).withQueryParam("run_id", equalTo("7"))
                .withQueryParam("views_to_export", equalTo("CODE"))
                .willReturn(okJson("{\"views\":[{\"content\":\"<html></html>\",\"name\":\"/Shared/nb\","
                        + "\"type\":\"NOTEBOOK\"}]}")));
        assertThat(jobs.exportRun(7)).containsExactly(new ExportedView("/Shared/nb", "NOTEBOOK", "<html></html>"));

        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).willReturn(okJson("{\"run_id\":8,\"state\":{},"
                + "\"tasks\":[{\"task_key\":\"a\",\"run_id\":81,\"spark_python_task\":{\"python_file\":\"f.py\"}},"
                + "{\"task_key\":\"b\",\"run_id\":82}]}")));
        assertThat(jobs.getRun(8).tasks()).extracting(RunTask::taskType).containsExactly("spark_python_task", null);
    }

    @Test
    void runsListIsALazyStreamOverPages() throws Exception {
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/list"))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"runs\":[{\"run_id\":1},{\"run_id\":2}],\"has_more\":true,"
                        + "\"next_page_token\":\"t2\"}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/list")).withQueryParam("page_token", equalTo("t2"))
                .willReturn(okJson("{\"runs\":[{\"run_id\":3}],\"has_more\":false}")));

        assertThat(jobs.listRuns(8L, false).limit(1).map(Run::runId).collect(Collectors.toList()))
                .containsExactly(1L);
        server.verify(1, getRequestedFor(urlPathEqualTo(JOBS + "runs/list")));
        assertThat(jobs.listRuns(8L, false).map(Run::runId).collect(Collectors.toList()))
                .containsExactly(1L, 2L, 3L);
        server.verify(getRequestedFor(urlPathEqualTo(JOBS + "runs/list")).withQueryParam("job_id", equalTo("8")));
    }

    @Test
    void outputOfAMultiTaskRunIsReadTaskByTask() throws Exception {
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get")).willReturn(okJson("{\"run_id\":5,"
                + "\"state\":{\"life_cycle_state\":\"TERMINATED\",\"result_state\":\"FAILED\"},\"tasks\":["
                + "{\"task_key\":\"a\",\"run_id\":51},{\"task_key\":\"b\",\"run_id\":52}]}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get-output")).withQueryParam("run_id", equalTo("5"))
                .willReturn(aResponse().withStatus(400).withBody("{\"error_code\":\"INVALID_PARAMETER_VALUE\","
                        + "\"message\":\"Retrieving the output of runs with multiple tasks is not supported.\"}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get-output")).withQueryParam("run_id", equalTo("51"))
                .willReturn(okJson("{\"notebook_output\":{\"result\":\"42\"}}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "runs/get-output")).withQueryParam("run_id", equalTo("52"))
                .willReturn(okJson("{\"error\":\"boom\",\"error_trace\":\"at x.y\"}")));

        List<RunOutput> outputs = jobs.getOutput(5);

        assertThat(outputs).extracting(RunOutput::taskKey).containsExactly("a", "b");
        assertThat(outputs.get(0).notebookResult()).isEqualTo("42");
        assertThat(outputs.get(1).error()).isEqualTo("boom");
        assertThat(outputs.get(1).errorTrace()).isEqualTo("at x.y");
    }

    @Test
    void anErrorKeepsTheServersCodeAndMessageAndCancelsAreSent() throws Exception {
        server.stubFor(post(urlPathEqualTo(JOBS + "runs/cancel")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Run 123 does not exist.\"}")));
        server.stubFor(post(urlPathEqualTo(JOBS + "runs/cancel-all")).willReturn(okJson("{}")));
        server.stubFor(post(urlPathEqualTo(JOBS + "runs/delete")).willReturn(okJson("{}")));

        assertThatThrownBy(() -> jobs.cancelRun(123)).isInstanceOfSatisfying(JobsException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(e.serverMessage()).isEqualTo("Run 123 does not exist.");
        });
        jobs.cancelAllRuns(9);
        jobs.deleteRun(10);
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "runs/cancel"))
                .withRequestBody(matchingJsonPath("$.run_id", equalTo("123"))));
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "runs/cancel-all"))
                .withRequestBody(matchingJsonPath("$.job_id", equalTo("9"))));
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "runs/delete"))
                .withRequestBody(matchingJsonPath("$.run_id", equalTo("10"))));
    }

    @Test
    void aServerWithoutJobsTwoPointTwoIsSpokenToWithTwoPointOne() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api/2.1/jobs/runs/get")).willReturn(okJson("{\"run_id\":3,"
                + "\"state\":{\"life_cycle_state\":\"TERMINATED\",\"result_state\":\"SUCCESS\"}}")));

        Run run = jobs.getRun(3);

        assertThat(run.resultState()).isEqualTo("SUCCESS");
        assertThat(run.isDone()).isTrue();
    }

    @Test
    void jobsAreCreatedReadListedResetAndDeleted() throws Exception {
        server.stubFor(post(urlPathEqualTo(JOBS + "create")).willReturn(okJson("{\"job_id\":77}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "get")).withQueryParam("job_id", equalTo("77"))
                .willReturn(okJson("{\"job_id\":77,\"creator_user_name\":\"me\",\"created_time\":5,"
                        + "\"settings\":{\"name\":\"daily\",\"max_concurrent_runs\":2}}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "list"))
                .withQueryParam("page_token", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(okJson("{\"jobs\":[{\"job_id\":77,\"settings\":{\"name\":\"daily\"}}],"
                        + "\"has_more\":true,\"next_page_token\":\"n2\"}")));
        server.stubFor(get(urlPathEqualTo(JOBS + "list")).withQueryParam("page_token", equalTo("n2"))
                .willReturn(okJson("{\"jobs\":[{\"job_id\":78,\"settings\":{\"name\":\"daily\"}}]}")));
        server.stubFor(post(urlPathEqualTo(JOBS + "reset")).willReturn(okJson("{}")));
        server.stubFor(post(urlPathEqualTo(JOBS + "delete")).willReturn(okJson("{}")));
        JobSettings settings = JobSettings.builder("daily").maxConcurrentRuns(2).parameter("day", "today")
                .task(Task.sqlQuery("q", "wh1", "query-1", null)).build();

        assertThat(jobs.createJob(settings)).isEqualTo(77L);
        Job job = jobs.getJob(77);
        assertThat(job.name()).isEqualTo("daily");
        assertThat(job.creatorUserName()).isEqualTo("me");
        assertThat(job.settings()).containsEntry("max_concurrent_runs", 2L);
        assertThat(jobs.listJobs("daily").map(Job::jobId).collect(Collectors.toList())).containsExactly(77L, 78L);
        jobs.resetJob(77, settings);
        jobs.deleteJob(77);

        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "create"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("daily")))
                .withRequestBody(matchingJsonPath("$.max_concurrent_runs", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.parameters[0].default", equalTo("today")))
                .withRequestBody(matchingJsonPath("$.tasks[0].sql_task.query.query_id", equalTo("query-1"))));
        server.verify(getRequestedFor(urlPathEqualTo(JOBS + "list")).withQueryParam("name", equalTo("daily")));
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "reset"))
                .withRequestBody(matchingJsonPath("$.job_id", equalTo("77")))
                .withRequestBody(matchingJsonPath("$.new_settings.name", equalTo("daily"))));
        server.verify(postRequestedFor(urlPathEqualTo(JOBS + "delete"))
                .withRequestBody(matchingJsonPath("$.job_id", equalTo("77"))));
    }

    private static String tokenOf(String body) {
        int at = body.indexOf("\"idempotency_token\":\"");
        assertThat(at).as(body).isNotNegative();
        int start = at + "\"idempotency_token\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }
}
