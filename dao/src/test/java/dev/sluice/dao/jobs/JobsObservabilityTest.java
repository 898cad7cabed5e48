package dev.sluice.dao.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dao.delta.DeltaTelemetry;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Jobs DAO's spans, metrics and log lines for real runs on the local warehouse's job runtime: a notebook run
 * that succeeds and one that fails, caught with an in-memory span exporter and a simple meter registry.
 */
@ExtendWith(LocalWarehouseExtension.class)
class JobsObservabilityTest {

    private final LocalWarehouse warehouse;
    private Connection connection;
    private SimpleMeterRegistry registry;
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk sdk;

    JobsObservabilityTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void setUp() throws Exception {
        connection = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
        registry = new SimpleMeterRegistry();
        exporter = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
        DeltaTelemetry.useMeterRegistry(registry);
        DeltaTelemetry.useOpenTelemetry(sdk);
    }

    @AfterEach
    void tearDown() throws Exception {
        DeltaTelemetry.useMeterRegistry(null);
        DeltaTelemetry.useOpenTelemetry(null);
        sdk.close();
        connection.close();
    }

    @Test
    void aRunIsASubmitSpanStatusSpansACounterADurationAndALogLine() throws Exception {
        String dir = "/Users/dev/observe_" + UUID.randomUUID().toString().substring(0, 8);
        SluiceWorkspace ws = connection.unwrap(SluiceWorkspace.class);
        ws.workspaceTree().mkdirs(dir);
        ws.workspaceTree().importObject(dir + "/ok", "SELECT 1".getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL",
                true);
        ws.workspaceTree().importObject(dir + "/bad", "SELECT * FROM no_such_table_observed"
                .getBytes(StandardCharsets.UTF_8), "SOURCE", "SQL", true);
        Jobs jobs = Jobs.over(connection).withPolling(Duration.ofMillis(100), Duration.ofSeconds(1));

        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        long ok;
        long bad;
        try {
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            ok = jobs.submit(RunSubmit.builder("observed").task(Task.notebook("ok", dir + "/ok", null)
                    .withExistingCluster("local-cluster")).build());
            jobs.await(ok, Duration.ofMinutes(3), r -> { });
            bad = jobs.submit(RunSubmit.builder("observed-bad").task(Task.notebook("bad", dir + "/bad", null))
                    .build());
            assertThatThrownBy(() -> jobs.await(bad, Duration.ofMinutes(3), r -> { })).isInstanceOf(RunFailed.class);
        } finally {
            System.setErr(err);
        }

        List<SpanData> spans = exporter.getFinishedSpanItems();
        List<SpanData> submits = spans.stream().filter(s -> s.getName().equals("databricks.job.submit")).toList();
        assertThat(submits).hasSize(2);
        SpanData submit = submits.get(0);
        assertThat(submit.getAttributes().get(AttributeKey.stringKey("job_type"))).isEqualTo("notebook");
        assertThat(submit.getAttributes().get(AttributeKey.stringKey("cluster_id"))).isEqualTo("local-cluster");
        assertThat(submit.getAttributes().get(AttributeKey.stringKey("notebook_path"))).isEqualTo(dir + "/ok");
        assertThat(submit.getAttributes().get(AttributeKey.longKey("run_id"))).isEqualTo(ok);

        SpanData lastOkStatus = spans.stream().filter(s -> s.getName().equals("databricks.job.status")
                && Long.valueOf(ok).equals(s.getAttributes().get(AttributeKey.longKey("run_id"))))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastOkStatus.getAttributes().get(AttributeKey.stringKey("state"))).isEqualTo("TERMINATED/SUCCESS");
        assertThat(lastOkStatus.getAttributes().get(AttributeKey.longKey("duration"))).isPositive();
        assertThat(lastOkStatus.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);

        assertThat(registry.get("databricks.jobs.submitted").tag("job_type", "notebook").tag("status", "submitted")
                .counter().count()).isEqualTo(2.0);
        assertThat(registry.get("databricks.job.duration").tag("job_type", "notebook").timer().count())
                .isEqualTo(2);

        String log = logged.toString(StandardCharsets.UTF_8);
        assertThat(log).containsPattern("INFO .*job run " + ok + " \\(observed, notebook\\) ended SUCCESS");
        assertThat(log).containsPattern("ERROR .*job run " + bad + " \\(observed-bad, notebook\\) ended TERMINATED"
                + " FAILED");
    }

    @Test
    void aRejectedSubmissionIsAFailedSpanAndCountedRejected() throws Exception {
        Jobs jobs = Jobs.over(connection);
        RunSubmit.Builder tooMany = RunSubmit.builder("rejected");
        for (int i = 0; i <= 1000; i++) {
            tooMany.task(Task.sparkJar("jar_" + i, "Main", List.of()));
        }
        assertThatThrownBy(() -> jobs.submit(tooMany.build())).isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("at most 1000 tasks");
        SpanData submit = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("databricks.job.submit")).findFirst().orElseThrow();
        assertThat(submit.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(submit.getAttributes().get(AttributeKey.stringKey("job_type"))).isEqualTo("spark_jar");
        assertThat(registry.get("databricks.jobs.submitted").tag("job_type", "spark_jar").tag("status", "rejected")
                .counter().count()).isEqualTo(1.0);
    }
}
