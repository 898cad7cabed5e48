package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Statement Execution API of the local warehouse at the HTTP level: shapes, modes, errors, links, faults. */
@ExtendWith(LocalWarehouseExtension.class)
class StatementApiTest {

    private final LocalWarehouse warehouse;
    private final RestClient rest;

    StatementApiTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @AfterEach
    void clearFaults() {
        rest.delete("/sluice/faults");
    }

    @Test
    void inlineJsonManifestMatchesTheRecordedShape() {
        RestClient.Reply r = rest.execute("SELECT 1 AS id, TIMESTAMP'2021-06-15 12:34:56.789' AS ts, CAST(NULL AS INT) n", "");
        assertThat(r.status()).isEqualTo(200);
        JsonNode m = r.body().path("manifest");
        assertThat(r.body().path("status").path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(m.path("format").asText()).isEqualTo("JSON_ARRAY");
        assertThat(m.path("schema").path("columns").get(0).path("position").isInt()).isTrue();
        assertThat(m.has("total_byte_count")).as("no byte counts for INLINE").isFalse();
        assertThat(m.path("chunks").get(0).has("byte_count")).isFalse();
        assertThat(r.body().path("result").path("data_array").toString())
                .isEqualTo("[[\"1\",\"2021-06-15T12:34:56.789Z\",null]]");
    }

    @Test
    void ddlAndEmptyResultsHaveNoChunks() {
        JsonNode ddl = rest.execute("CREATE TABLE IF NOT EXISTS api_empty (x INT)", "").body();
        assertThat(ddl.path("manifest").path("schema").toString()).isEqualTo("{\"column_count\":0}");
        assertThat(ddl.path("result").toString()).isEqualTo("{}");
        JsonNode empty = rest.execute("SELECT * FROM api_empty", "").body();
        assertThat(empty.path("manifest").path("total_chunk_count").asInt()).isZero();
        assertThat(empty.path("manifest").has("chunks")).isFalse();
        assertThat(empty.path("manifest").path("schema").path("column_count").asInt()).isEqualTo(1);
        assertThat(empty.path("result").toString()).isEqualTo("{}");
    }

    @Test
    void typeNamesAreSparkInternalAndTypeTextIsSql() {
        JsonNode cols = rest.execute("SELECT 1L a, CAST(1 AS SMALLINT) b, CAST(1 AS TINYINT) c, 1.5BD d,"
                + " INTERVAL '1' DAY e, TIMESTAMP_NTZ'2020-01-01 00:00:00' f", "").body()
                .path("manifest").path("schema").path("columns");
        assertThat(cols.get(0).path("type_name").asText()).isEqualTo("LONG");
        assertThat(cols.get(0).path("type_text").asText()).isEqualTo("BIGINT");
        assertThat(cols.get(1).path("type_name").asText()).isEqualTo("SHORT");
        assertThat(cols.get(2).path("type_name").asText()).isEqualTo("BYTE");
        assertThat(cols.get(3).path("type_precision").asInt()).isEqualTo(2);
        assertThat(cols.get(3).path("type_scale").asInt()).isEqualTo(1);
        assertThat(cols.get(4).path("type_interval_type").asText()).isEqualTo("DAY");
        assertThat(cols.get(5).path("type_name").asText()).isEqualTo("TIMESTAMP_NTZ");
    }

    @Test
    void asyncSubmitPollsToSuccessAndCloseReportsClosed() throws Exception {
        JsonNode first = rest.execute("SELECT count(*) FROM range(1000)", "\"wait_timeout\":\"0s\"").body();
        String id = first.path("statement_id").asText();
        assertThat(first.path("status").path("state").asText()).isIn("PENDING", "RUNNING", "SUCCEEDED");
        JsonNode done = rest.await(id).body();
        assertThat(done.path("result").path("data_array").toString()).isEqualTo("[[\"1000\"]]");
        assertThat(rest.delete("/api/2.0/sql/statements/" + id).status()).isEqualTo(200);
        assertThat(rest.get("/api/2.0/sql/statements/" + id).body().path("status").path("state").asText())
                .isEqualTo("CLOSED");
    }

    @Test
    void cancelStopsARunningStatement() throws Exception {
        JsonNode first = rest.execute("SELECT count(*) FROM range(100000000000L) a", "\"wait_timeout\":\"0s\"").body();
        String id = first.path("statement_id").asText();
        Thread.sleep(500);
        assertThat(rest.post("/api/2.0/sql/statements/" + id + "/cancel", "{}").status()).isEqualTo(200);
        assertThat(rest.await(id).body().path("status").path("state").asText()).isEqualTo("CANCELED");
    }

    @Test
    void aStatementCancelledBeforeItsJobStartsLeavesNothingRunning() throws Exception {
        JobsRestClient jobs = new JobsRestClient(warehouse);
        String gate = "stmtgate_" + Long.toHexString(System.nanoTime());
        try {
            for (int i = 0; i < 5; i++) {
                String id = rest.execute(JobsRestClient.gateSql(gate), "\"wait_timeout\":\"0s\"").body()
                        .path("statement_id").asText();
                assertThat(rest.post("/api/2.0/sql/statements/" + id + "/cancel", "{}").status()).isEqualTo(200);
                assertThat(rest.await(id).body().path("status").path("state").asText()).isEqualTo("CANCELED");
            }
            jobs.awaitGateEmpty(gate);
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    @Test
    void sqlErrorsAreHttp200FailedWithSqlState() {
        JsonNode body = rest.execute("SELECT * FROM main.default.missing_table", "").body();
        assertThat(body.path("status").path("state").asText()).isEqualTo("FAILED");
        assertThat(body.path("status").path("sql_state").asText()).isEqualTo("42P01");
        assertThat(body.path("status").path("error").path("message").asText())
                .startsWith("[TABLE_OR_VIEW_NOT_FOUND]").contains("SQLSTATE: 42P01").doesNotContain("__");
        JsonNode noCatalog = rest.execute("SELECT * FROM nocat.s.t", "").body();
        assertThat(noCatalog.path("status").path("sql_state").asText()).isEqualTo("42704");
    }

    @Test
    void validationErrorsAre400() {
        assertThat(rest.execute("SELECT 1", "\"wait_timeout\":\"3s\"").status()).isEqualTo(400);
        assertThat(rest.execute("SELECT 1", "\"disposition\":\"SIDEWAYS\"").body().path("error_code").asText())
                .isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(rest.execute("SELECT 1", "\"format\":\"CSV\",\"disposition\":\"INLINE\"").status()).isEqualTo(400);
        assertThat(rest.post("/api/2.0/sql/statements", "{not json").status()).isEqualTo(400);
        assertThat(rest.post("/api/2.0/sql/statements", "[1,2]").status()).isEqualTo(400);
        assertThat(rest.get("/api/2.0/sql/statements/does-not-exist").status()).isEqualTo(404);
    }

    @Test
    void authFailuresUseTheRecordedBodies() {
        RestClient.Reply none = rest.raw(HttpRequest.newBuilder(java.net.URI.create(
                warehouse.baseUrl() + "/api/2.0/sql/sessions")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.body().path("error_code").asInt()).isEqualTo(401);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"DatabricksRealm\"");
        RestClient.Reply bad = rest.raw(HttpRequest.newBuilder(java.net.URI.create(
                warehouse.baseUrl() + "/api/2.0/sql/sessions")).header("Authorization", "Bearer wrong")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(bad.status()).isEqualTo(403);
        assertThat(bad.body().toString()).isEqualTo("{\"error_code\":403,\"message\":\"Invalid access token.\"}");
    }

    @Test
    void sessionsKeepTheirCatalogSchemaAndConfs() {
        String wid = warehouse.warehouseId();
        JsonNode s = rest.post("/api/2.0/sql/warehouses/" + wid + "/sessions",
                "{\"catalog\":\"SPARK\",\"execution_mode\":\"FAST\",\"session_confs\":{\"TIMEZONE\":\"America/Los_Angeles\"}}").body();
        String sid = s.path("session_id").asText();
        assertThat(sid).isNotBlank();
        JsonNode r = rest.execute("SELECT TIMESTAMP'2021-06-15 12:34:56.789', current_catalog()",
                "\"session_id\":\"" + sid + "\"").body();
        assertThat(r.path("result").path("data_array").toString())
                .isEqualTo("[[\"2021-06-15T12:34:56.789-07:00\",\"main\"]]");
        assertThat(rest.delete("/api/2.0/sql/sessions/" + sid + "?warehouse_id=" + wid).status()).isEqualTo(200);
        assertThat(rest.execute("SELECT 1", "\"session_id\":\"" + sid + "\"").status()).isEqualTo(404);
    }

    @Test
    void externalLinksAreSignedExpiringAndNeedNoAuthorization() throws Exception {
        JsonNode r = rest.execute("SELECT id, cast(id AS STRING) s FROM range(50000)",
                "\"disposition\":\"EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\",\"result_compression\":\"LZ4_FRAME\"").body();
        JsonNode m = r.path("manifest");
        assertThat(m.path("result_compression").asText()).isEqualTo("LZ4_FRAME");
        assertThat(m.path("total_chunk_count").asInt()).isGreaterThan(1);
        assertThat(m.path("total_byte_count").asLong()).isPositive();
        JsonNode link = r.path("result").path("external_links").get(0);
        assertThat(link.path("next_chunk_internal_link").asText()).endsWith("/result/chunks/1");
        assertThat(Instant.parse(link.path("expiration").asText())).isAfter(Instant.now());
        HttpResponse<byte[]> file = rest.download(link.path("external_link").asText(), false);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body().length).isEqualTo(link.path("byte_count").asInt());
        byte[] arrow = new LZ4FrameInputStream(new ByteArrayInputStream(file.body())).readAllBytes();
        assertThat(new String(arrow, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Spark:DataType:SqlName");
        String tampered = link.path("external_link").asText().replace("chunks", "x").replaceFirst("/0\\?", "/1?");
        assertThat(rest.download(tampered, false).statusCode()).isEqualTo(403);
        rest.post("/sluice/faults", "{\"action\":\"expire_links\"}");
        assertThat(rest.download(link.path("external_link").asText(), false).statusCode()).isEqualTo(403);
        JsonNode fresh = rest.get("/api/2.0/sql/statements/" + r.path("statement_id").asText() + "/result/chunks/1").body();
        HttpResponse<byte[]> again = rest.download(fresh.path("external_links").get(0).path("external_link").asText(), false);
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void hybridDispositionInlinesSmallArrowResults() {
        JsonNode r = rest.execute("SELECT 1 AS x", "\"disposition\":\"INLINE_OR_EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\"").body();
        String attachment = r.path("result").path("attachment").asText();
        assertThat(Base64.getDecoder().decode(attachment).length).isPositive();
        assertThat(r.path("manifest").has("result_compression")).isFalse();
    }

    @Test
    void rowLimitTruncates() {
        JsonNode r = rest.execute("SELECT * FROM range(100)", "\"row_limit\":10").body();
        assertThat(r.path("manifest").path("total_row_count").asInt()).isEqualTo(10);
        assertThat(r.path("manifest").path("truncated").asBoolean()).isTrue();
    }

    @Test
    void namedAndPositionalParameters() {
        JsonNode named = rest.execute("SELECT :a + 1, :d", "\"parameters\":[{\"name\":\"a\",\"value\":\"41\",\"type\":\"INT\"},"
                + "{\"name\":\"d\",\"value\":\"2020-01-02\",\"type\":\"DATE\"}]").body();
        assertThat(named.path("result").path("data_array").toString()).isEqualTo("[[\"42\",\"2020-01-02\"]]");
        JsonNode positional = rest.execute("SELECT ? || '?', ?", "\"parameters\":[{\"ordinal\":1,\"value\":\"x\",\"type\":\"STRING\"},"
                + "{\"ordinal\":2,\"type\":\"INT\"}]").body();
        assertThat(positional.path("result").path("data_array").toString()).isEqualTo("[[\"x?\",null]]");
    }

    @Test
    void faultSwitchInjectsRetryAfterAndDroppedConnections() {
        rest.post("/sluice/faults", "{\"action\":\"error\",\"status\":429,\"retry_after_seconds\":2,"
                + "\"path\":\"/api/2.0/sql/statements\",\"count\":1}");
        RestClient.Reply limited = rest.execute("SELECT 1", "");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).hasValue("2");
        assertThat(rest.execute("SELECT 1", "").status()).isEqualTo(200);
        // a POST, because java.net.http retries a GET whose connection dropped
        rest.post("/sluice/faults", "{\"action\":\"drop\",\"method\":\"POST\",\"path\":\"/statements$\",\"count\":1}");
        assertThatThrownBy(() -> rest.execute("SELECT 1", "")).hasMessageContaining("request failed");
        assertThat(rest.execute("SELECT 1", "").status()).isEqualTo(200);
    }
}
