package dev.sluice.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.arrow.SyntheticChunks;
import dev.sluice.testing.sea.Chunk;
import dev.sluice.testing.sea.Column;
import dev.sluice.testing.sea.Compression;
import dev.sluice.testing.sea.Endpoint;
import dev.sluice.testing.sea.HttpReply;
import dev.sluice.testing.sea.RecordedRequest;
import dev.sluice.testing.sea.Result;
import dev.sluice.testing.sea.ScriptedWarehouse;
import dev.sluice.testing.sea.SqlError;
import dev.sluice.testing.sea.StatementScript;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spans through an OpenTelemetry SDK handed in with {@link SluiceTelemetry}: names, attributes, parent and child,
 * and the {@code traceparent} the scripted server received (on API calls, never on storage downloads).
 */
class TracingTest {
    private static final String BIG = "SELECT id, name, value FROM big WHERE secret_column = 'classified'";
    private static final int CHUNKS = 3;

    private ScriptedWarehouse server;
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void start() {
        server = ScriptedWarehouse.start();
        exporter = InMemorySpanExporter.create();
        // no propagators configured: the driver still sends W3C trace context
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        SluiceTelemetry.useOpenTelemetry(sdk);
    }

    @AfterEach
    void stop() {
        SluiceTelemetry.useOpenTelemetry(null);
        sdk.close();
        server.close();
    }

    @Test
    @SuppressWarnings("try") // the scope is held for its effect: the application's span is current
    void executeFetchAndApiSpansNestUnderTheApplicationsSpanAndTraceparentReachesTheServer() throws SQLException {
        server.script(StatementScript.forSql(BIG).succeeds(
                Result.externalLinks(Column.list("id BIGINT", "name STRING", "value DOUBLE"), chunks())
                        .withCompression(Compression.LZ4_FRAME)));
        Span app = sdk.getTracer("app").spanBuilder("app request").startSpan();
        long rows = 0;
        try (Scope ignored = app.makeCurrent();
             Connection c = DriverManager.getConnection(server.jdbcUrl("wh1"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(BIG)) {
            while (rs.next()) {
                rows++;
            }
        } finally {
            app.end();
        }
        assertThat(rows).isEqualTo(CHUNKS * 1000L);
        String statementId = server.statementIds().get(0);

        SpanData execute = only(Tracing.EXECUTE);
        assertThat(execute.getParentSpanId()).isEqualTo(app.getSpanContext().getSpanId());
        assertThat(execute.getTraceId()).isEqualTo(app.getSpanContext().getTraceId());
        assertThat(execute.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(execute.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(attr(execute, "db.system")).isEqualTo("databricks");
        assertThat(attr(execute, "db.operation.name")).isEqualTo("SELECT");
        assertThat(attr(execute, "server.address")).isEqualTo("127.0.0.1");
        assertThat(attr(execute, "databricks.warehouse_id")).isEqualTo("wh1");
        assertThat(attr(execute, "databricks.statement_id")).isEqualTo(statementId);
        assertThat(execute.getAttributes().get(AttributeKey.longKey("db.response.returned_rows")))
                .isEqualTo(CHUNKS * 1000L);

        List<SpanData> fetches = named(Tracing.FETCH);
        assertThat(fetches).hasSize(CHUNKS).allSatisfy(f -> {
            assertThat(f.getParentSpanId()).isEqualTo(execute.getSpanId());
            assertThat(attr(f, "databricks.statement_id")).isEqualTo(statementId);
            assertThat(f.getAttributes().get(AttributeKey.longKey("databricks.rows"))).isEqualTo(1000L);
            assertThat(f.getAttributes().get(AttributeKey.longKey("databricks.bytes"))).isPositive();
        });
        assertThat(fetches.stream().map(f -> f.getAttributes().get(AttributeKey.longKey("databricks.chunk_index"))))
                .containsExactlyInAnyOrder(0L, 1L, 2L);

        // the submit: an API span under execute, and its id is what the server saw in traceparent
        SpanData submit = named(Tracing.API_REQUEST).stream()
                .filter(a -> "POST".equals(attr(a, "http.request.method"))
                        && "/api/2.0/sql/statements/".equals(attr(a, "url.template")))
                .findFirst().orElseThrow();
        assertThat(submit.getParentSpanId()).isEqualTo(execute.getSpanId());
        assertThat(submit.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        RecordedRequest post = server.requests(Endpoint.EXECUTE_STATEMENT).get(0);
        // version 00, trace id, parent id, flags (sampled; newer SDKs also set the random-trace-id bit)
        assertThat(post.header("traceparent"))
                .matches("00-" + submit.getTraceId() + "-" + submit.getSpanId() + "-0[13]");

        // every API request carried a trace context of this trace; chunk GETs name a span under a fetch span
        for (RecordedRequest r : server.requests()) {
            if (r.endpoint() == Endpoint.DOWNLOAD) {
                assertThat(r.hasHeader("traceparent")).as("download %s", r).isFalse();
                assertThat(r.hasHeader("tracestate")).as("download %s", r).isFalse();
            } else {
                assertThat(r.header("traceparent")).as("%s", r).startsWith("00-" + app.getSpanContext().getTraceId());
            }
        }
        assertThat(server.requests(Endpoint.DOWNLOAD)).hasSizeGreaterThanOrEqualTo(CHUNKS);
        List<String> fetchIds = fetches.stream().map(SpanData::getSpanId).collect(Collectors.toList());
        named(Tracing.API_REQUEST).stream().filter(a -> String.valueOf(attr(a, "url.template")).contains("/chunks/"))
                .forEach(chunkGet -> assertThat(fetchIds).contains(chunkGet.getParentSpanId()));

        // never the SQL text, in any attribute of any span
        for (SpanData span : exporter.getFinishedSpanItems()) {
            assertThat(span.getAttributes().asMap().values().stream().map(String::valueOf))
                    .as(span.getName()).noneMatch(v -> v.contains("classified") || v.contains("FROM big"));
        }
    }

    @Test
    void aFailedStatementEndsItsSpanWithTheSqlState() throws SQLException {
        server.script(StatementScript.forSql("SELEC 1").fails(SqlError.of("PARSE_SYNTAX_ERROR",
                "Syntax error at or near 'SELEC'.", "42601")));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("wh1")); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEC 1")).isInstanceOf(SQLSyntaxErrorException.class);
        }
        SpanData execute = only(Tracing.EXECUTE);
        assertThat(execute.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attr(execute, "error.type")).isEqualTo("42601");
        assertThat(attr(execute, "databricks.statement_id")).isEqualTo(server.statementIds().get(0));
        assertThat(execute.getParentSpanContext().isValid()).isFalse();
        // the session was created outside any span: a root API span, and its traceparent names it
        SpanData createSession = named(Tracing.API_REQUEST).stream()
                .filter(a -> "/api/2.0/sql/sessions/".equals(attr(a, "url.template"))).findFirst().orElseThrow();
        assertThat(server.requests(Endpoint.CREATE_SESSION).get(0).header("traceparent"))
                .contains(createSession.getSpanId());
    }

    @Test
    void eachAttemptOfARetriedCallIsAnApiSpanOfItsOwnUnderTheOneExecuteSpan() throws SQLException {
        server.script(StatementScript.forSql("SELECT 2").succeeds(Result.jsonRows(Column.list("x INT"),
                List.of(Result.row("2")))));
        server.on(Endpoint.EXECUTE_STATEMENT).times(1).reply(HttpReply.tooManyRequests(0));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("wh1")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 2")) {
            assertThat(rs.next()).isTrue();
        }
        SpanData execute = only(Tracing.EXECUTE);
        List<SpanData> submits = named(Tracing.API_REQUEST).stream()
                .filter(a -> "/api/2.0/sql/statements/".equals(attr(a, "url.template"))).collect(Collectors.toList());
        assertThat(submits).hasSize(2).allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(execute.getSpanId()));
        assertThat(submits).extracting(a -> a.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .containsExactlyInAnyOrder(429L, 200L);
        // each attempt's traceparent names its own span
        List<String> sent = server.requests(Endpoint.EXECUTE_STATEMENT).stream()
                .map(r -> r.header("traceparent").split("-")[2]).collect(Collectors.toList());
        assertThat(sent).containsExactlyInAnyOrderElementsOf(
                submits.stream().map(SpanData::getSpanId).collect(Collectors.toList()));
    }

    @Test
    void anObjectOfAnotherTypeIsRefused() {
        assertThatThrownBy(() -> SluiceTelemetry.useOpenTelemetry(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OpenTelemetry");
    }

    private SpanData only(String name) {
        List<SpanData> spans = named(name);
        assertThat(spans).as(name).hasSize(1);
        return spans.get(0);
    }

    private List<SpanData> named(String name) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name))
                .collect(Collectors.toList());
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static List<Chunk> chunks() {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            out.add(Chunk.of(1000, SyntheticChunks.chunk(i * 1000L, 1000, 256)));
        }
        return out;
    }

    /** The span names, spelled out here so that a rename of the constants fails this test. */
    private static final class Tracing {
        static final String EXECUTE = "databricks.sql.execute";
        static final String FETCH = "databricks.sql.fetch";
        static final String API_REQUEST = "databricks.api.request";
    }
}
