package dev.sluice.jdbc.internal.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeaJsonTest {
    private static final String STATEMENT_ID = "01ef9de3-4558-1916-bf71-5f936821c39d";

    private static String json(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- requests

    @Test
    void readsExpirationsAsOffsetDateTimeDoesWithoutItsFormatter() {
        List<String> forms = List.of("2024-11-08T15:20:17.606Z", "2024-11-08T15:20:17Z", "2030-01-01T00:00:00Z",
                "2024-02-29T23:59:59.123456789Z", "2024-11-08T15:20:17.6+05:30", "2024-11-08T01:20:17-08:00",
                "1999-12-31T23:59:59.000001+18:00", "2024-11-08T15:20:17.606-00:00");
        for (String form : forms) {
            assertThat(SeaJson.plainIsoInstant(form)).as(form)
                    .isEqualTo(java.time.OffsetDateTime.parse(form).toInstant());
        }
        // anything else is left to OffsetDateTime.parse, which reads it or refuses it
        for (String other : List.of("2023-02-29T00:00:00Z", "2024-11-08T24:00:00Z", "2024-11-08T15:20:17.Z",
                "2024-11-08T15:20:17.1234567891Z", "2024-11-08T15:20:17+18:30", "2024-11-08 15:20:17Z",
                "2024-11-08t15:20:17z", "+12024-11-08T15:20:17Z", "2024-11-08T15:20Z", "not a time at all")) {
            assertThat(SeaJson.plainIsoInstant(other)).as(other).isNull();
        }
        assertThat(SeaJson.instant("2024-11-08t15:20:17z")).isEqualTo(Instant.parse("2024-11-08T15:20:17Z"));
        assertThat(SeaJson.instant("2023-02-29T00:00:00Z")).isNull();
    }

    @Test
    void minimalRequestOmitsEveryAbsentField() {
        StatementRequest request = StatementRequest.builder("SELECT 1", "wh1").build();
        assertThat(json(SeaJson.writeStatementRequest(request)))
                .isEqualTo("{\"statement\":\"SELECT 1\",\"warehouse_id\":\"wh1\"}");
    }

    @Test
    void fullRequestWithPositionalParametersMatchesTheConnectorShape() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "data");
        tags.put("adhoc", null);
        StatementRequest request = StatementRequest.builder("SELECT ? , ?", "wh1")
                .sessionId("s-1").catalog("main").schema("sales")
                .parameters(List.of(StatementParameter.positional(1, "INT", "1"),
                        StatementParameter.positional(2, "STRING", null)))
                .disposition(StatementRequest.Disposition.INLINE_OR_EXTERNAL_LINKS)
                .format(ResultFormat.ARROW_STREAM)
                .waitTimeout(Duration.ofSeconds(10))
                .onWaitTimeout(StatementRequest.OnWaitTimeout.CONTINUE)
                .rowLimit(100).byteLimit(1_000_000)
                .resultCompression(ResultCompression.LZ4_FRAME)
                .queryTags(tags)
                .build();
        assertThat(json(SeaJson.writeStatementRequest(request))).isEqualTo("{\"statement\":\"SELECT ? , ?\","
                + "\"warehouse_id\":\"wh1\",\"session_id\":\"s-1\",\"catalog\":\"main\",\"schema\":\"sales\","
                + "\"parameters\":[{\"ordinal\":1,\"type\":\"INT\",\"value\":\"1\"},{\"ordinal\":2,\"type\":\"STRING\"}],"
                + "\"disposition\":\"INLINE_OR_EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\",\"wait_timeout\":\"10s\","
                + "\"on_wait_timeout\":\"CONTINUE\",\"row_limit\":100,\"byte_limit\":1000000,"
                + "\"result_compression\":\"LZ4_FRAME\","
                + "\"query_tags\":[{\"key\":\"team\",\"value\":\"data\"},{\"key\":\"adhoc\"}]}");
    }

    @Test
    void namedParametersCarryNameTypeAndValue() {
        StatementRequest request = StatementRequest.builder("SELECT :n, :d, :x", "wh")
                .parameters(List.of(StatementParameter.named("n", null, "x"),
                        StatementParameter.named("d", "DATE", "2020-01-01"),
                        StatementParameter.named("x", "INT", null)))
                .waitTimeout(Duration.ZERO)
                .build();
        assertThat(json(SeaJson.writeStatementRequest(request))).isEqualTo("{\"statement\":\"SELECT :n, :d, :x\","
                + "\"warehouse_id\":\"wh\",\"parameters\":[{\"name\":\"n\",\"value\":\"x\"},"
                + "{\"name\":\"d\",\"type\":\"DATE\",\"value\":\"2020-01-01\"},{\"name\":\"x\",\"type\":\"INT\"}],"
                + "\"wait_timeout\":\"0s\"}");
    }

    @Test
    void statementTextIsEscaped() {
        StatementRequest request = StatementRequest.builder("SELECT 'a\"b'\n, 'é'", "wh").build();
        assertThat(json(SeaJson.writeStatementRequest(request)))
                .isEqualTo("{\"statement\":\"SELECT 'a\\\"b'\\n, 'é'\",\"warehouse_id\":\"wh\"}");
    }

    @Test
    void invalidRequestValuesAreRefused() {
        assertThatThrownBy(() -> StatementRequest.builder("x", "wh").waitTimeout(Duration.ofSeconds(3)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT3S");
        assertThatThrownBy(() -> StatementRequest.builder("x", "wh").waitTimeout(Duration.ofSeconds(51)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementRequest.builder("x", "wh").format(ResultFormat.UNKNOWN).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementParameter.positional(0, "INT", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatementParameter("n", 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionCreateBody() {
        Map<String, String> confs = new LinkedHashMap<>();
        confs.put("ansi_mode", "true");
        confs.put("timezone", "UTC");
        assertThat(json(SeaJson.writeCreateSession("wh", "main", "default", confs))).isEqualTo(
                "{\"warehouse_id\":\"wh\",\"catalog\":\"main\",\"schema\":\"default\","
                        + "\"session_confs\":{\"ansi_mode\":\"true\",\"timezone\":\"UTC\"}}");
        assertThat(json(SeaJson.writeCreateSession("wh", null, null, Map.of())))
                .isEqualTo("{\"warehouse_id\":\"wh\"}");
    }

    // ---------------------------------------------------------------- responses

    @Test
    void multiChunkExternalLinksResponse() throws IOException {
        String body = "{\"statement_id\":\"" + STATEMENT_ID + "\",\"status\":{\"state\":\"SUCCEEDED\"},"
                + "\"manifest\":{\"format\":\"ARROW_STREAM\",\"schema\":{\"column_count\":2,\"columns\":["
                + "{\"name\":\"l_orderkey\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":0},"
                + "{\"name\":\"price\",\"type_text\":\"DECIMAL(18,2)\",\"type_name\":\"DECIMAL\",\"position\":1,"
                + "\"type_precision\":18,\"type_scale\":2}]},\"total_chunk_count\":2,"
                + "\"chunks\":[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":122880,\"byte_count\":21017592},"
                + "{\"chunk_index\":1,\"row_offset\":122880,\"row_count\":20,\"byte_count\":5576}],"
                + "\"total_row_count\":122900,\"total_byte_count\":21023168,\"truncated\":false,"
                + "\"result_compression\":\"LZ4_FRAME\"},"
                + "\"result\":{\"external_links\":[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":122880,"
                + "\"byte_count\":21017592,\"next_chunk_index\":1,"
                + "\"next_chunk_internal_link\":\"/api/2.0/sql/statements/" + STATEMENT_ID + "/result/chunks/1\","
                + "\"external_link\":\"https://bucket.s3.amazonaws.com/r/0?X-Amz-Signature=abc\","
                + "\"expiration\":\"2024-11-08T15:20:17.606Z\","
                + "\"http_headers\":{\"x-amz-server-side-encryption-customer-key\":\"k3y\"}}]}}";
        StatementResponse response = SeaJson.readStatementResponse(bytes(body));

        assertThat(response.statementId()).isEqualTo(STATEMENT_ID);
        assertThat(response.state()).isEqualTo(StatementState.SUCCEEDED);
        ResultManifest manifest = response.manifest();
        assertThat(manifest.format()).isEqualTo(ResultFormat.ARROW_STREAM);
        assertThat(manifest.columns()).containsExactly(
                new ColumnInfo("l_orderkey", 0, "LONG", "BIGINT", -1, -1, null),
                new ColumnInfo("price", 1, "DECIMAL", "DECIMAL(18,2)", 18, 2, null));
        assertThat(manifest.totalChunkCount()).isEqualTo(2);
        assertThat(manifest.chunks()).containsExactly(new ChunkInfo(0, 0, 122880, 21017592),
                new ChunkInfo(1, 122880, 20, 5576));
        assertThat(manifest.totalRowCount()).isEqualTo(122900);
        assertThat(manifest.totalByteCount()).isEqualTo(21023168);
        assertThat(manifest.truncated()).isFalse();
        assertThat(manifest.resultCompression()).isEqualTo(ResultCompression.LZ4_FRAME);

        ResultData result = response.result();
        assertThat(result.dataArray()).isNull();
        assertThat(result.attachment()).isNull();
        assertThat(result.externalLinks()).hasSize(1);
        ExternalLink link = result.externalLinks().get(0);
        assertThat(link.chunkIndex()).isZero();
        assertThat(link.rowCount()).isEqualTo(122880);
        assertThat(link.byteCount()).isEqualTo(21017592);
        assertThat(link.nextChunkIndex()).isEqualTo(1);
        assertThat(link.url()).isEqualTo("https://bucket.s3.amazonaws.com/r/0?X-Amz-Signature=abc");
        assertThat(link.expiration()).isEqualTo(Instant.parse("2024-11-08T15:20:17.606Z"));
        assertThat(link.httpHeaders()).containsExactly(Map.entry("x-amz-server-side-encryption-customer-key", "k3y"));
    }

    @Test
    void inlineJsonArrayWithNulls() throws IOException {
        String body = "{\"statement_id\":\"s\",\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":"
                + "\"JSON_ARRAY\",\"schema\":{\"column_count\":2,\"columns\":["
                + "{\"name\":\"id\",\"type_text\":\"INT\",\"type_name\":\"INT\",\"position\":0},"
                + "{\"name\":\"ts\",\"type_text\":\"TIMESTAMP\",\"type_name\":\"TIMESTAMP\",\"position\":1}]},"
                + "\"total_chunk_count\":1,\"chunks\":[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":3}],"
                + "\"total_row_count\":3,\"truncated\":false},"
                + "\"result\":{\"chunk_index\":0,\"row_offset\":0,\"row_count\":3,\"data_array\":["
                + "[\"1\",\"2021-01-01T10:00:00.000-08:00\"],[\"2\",\"2021-06-15T12:34:56.789-07:00\"],[\"3\",null]]}}";
        StatementResponse response = SeaJson.readStatementResponse(bytes(body));

        assertThat(response.manifest().totalByteCount()).isEqualTo(-1);
        assertThat(response.manifest().chunks()).containsExactly(new ChunkInfo(0, 0, 3, -1));
        assertThat(response.manifest().resultCompression()).isEqualTo(ResultCompression.NONE);
        ResultData result = response.result();
        assertThat(result.chunkIndex()).isZero();
        assertThat(result.rowCount()).isEqualTo(3);
        assertThat(result.byteCount()).isEqualTo(-1);
        assertThat(result.externalLinks()).isEmpty();
        assertThat(result.dataArray()).hasSize(3);
        assertThat(result.dataArray().get(0)).containsExactly("1", "2021-01-01T10:00:00.000-08:00");
        assertThat(result.dataArray().get(2)).containsExactly("3", null);
    }

    @Test
    void dataArrayCellsOfOtherJsonTypesBecomeText() throws IOException {
        ResultData data = SeaJson.readResultData(bytes("{\"data_array\":[[1,2.5,true,{\"a\":[1,null]},[\"x\"]],"
                + "[],[\"" + "v".repeat(40) + "\"]]}"));
        assertThat(data.dataArray().get(0)).containsExactly("1", "2.5", "true", "{\"a\":[1,null]}", "[\"x\"]");
        assertThat(data.dataArray().get(1)).isEmpty();
        assertThat(data.dataArray().get(2)).containsExactly("v".repeat(40));
    }

    @Test
    void inlineArrowAttachmentIsBase64Decoded() throws IOException {
        byte[] arrow = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x10, 0, 0, 0, 1, 2, 3};
        String body = "{\"statement_id\":\"s\",\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":"
                + "\"ARROW_STREAM\",\"schema\":{\"column_count\":1,\"columns\":[{\"name\":\"x\",\"type_text\":\"INT\","
                + "\"type_name\":\"INT\"}]},\"total_chunk_count\":1,\"total_row_count\":1,"
                + "\"result_compression\":\"NONE\",\"is_volume_operation\":false},"
                + "\"result\":{\"chunk_index\":0,\"row_offset\":0,\"row_count\":1,\"attachment\":\""
                + Base64.getEncoder().encodeToString(arrow) + "\"}}";
        StatementResponse response = SeaJson.readStatementResponse(bytes(body));
        assertThat(response.manifest().columns().get(0).position()).as("position absent -> index").isZero();
        assertThat(response.manifest().chunks()).isEmpty();
        assertThat(response.result().attachment()).containsExactly(arrow);
    }

    @Test
    void failedStatementCarriesCodeMessageAndSqlState() throws IOException {
        String body = "{\"statement_id\":\"01ef9de4-091e\",\"status\":{\"state\":\"FAILED\",\"error\":{"
                + "\"error_code\":\"BAD_REQUEST\",\"message\":\"\\n[PARSE_SYNTAX_ERROR] Syntax error at or near "
                + "'INSER'. SQLSTATE: 42601 (line 1, pos 0)\\n\\n== SQL ==\\nINSER\"},\"sql_state\":\"42601\"}}";
        StatementStatus status = SeaJson.readStatementResponse(bytes(body)).status();
        assertThat(status.state()).isEqualTo(StatementState.FAILED);
        assertThat(status.state().isTerminal()).isTrue();
        assertThat(status.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(status.message()).startsWith("\n[PARSE_SYNTAX_ERROR]").contains("SQLSTATE: 42601");
        assertThat(status.sqlState()).isEqualTo("42601");

        StatementStatus numeric = SeaJson.readStatementResponse(bytes(
                "{\"statement_id\":\"x\",\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":500,"
                        + "\"message\":\"boom\"}}}")).status();
        assertThat(numeric.errorCode()).isEqualTo("500");
        assertThat(numeric.sqlState()).isNull();
    }

    @Test
    void pendingAndRunningShapesHaveOnlyIdAndState() throws IOException {
        StatementResponse running = SeaJson.readStatementResponse(
                bytes("{\"statement_id\":\"a\",\"status\":{\"state\":\"RUNNING\"}}"));
        assertThat(running.state()).isEqualTo(StatementState.RUNNING);
        assertThat(running.state().isTerminal()).isFalse();
        assertThat(running.manifest()).isNull();
        assertThat(running.result()).isNull();
        assertThat(running.status()).isEqualTo(StatementStatus.of(StatementState.RUNNING));

        StatementResponse pending = SeaJson.readStatementResponse(
                bytes("{\"status\":{\"state\":\"PENDING\"},\"statement_id\":\"b\"}"));
        assertThat(pending.state()).isEqualTo(StatementState.PENDING);
        assertThat(pending.statementId()).isEqualTo("b");
    }

    @Test
    void ddlManifestHasNoColumnsAndAnEmptyResult() throws IOException {
        String body = "{\"statement_id\":\"d\",\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":"
                + "\"JSON_ARRAY\",\"schema\":{\"column_count\":0},\"total_chunk_count\":0,\"total_row_count\":0,"
                + "\"total_byte_count\":0,\"truncated\":false},\"result\":{}}";
        StatementResponse response = SeaJson.readStatementResponse(bytes(body));
        assertThat(response.manifest().columns()).isEmpty();
        assertThat(response.manifest().totalChunkCount()).isZero();
        assertThat(response.manifest().totalByteCount()).isZero();
        assertThat(response.result().isEmpty()).isTrue();
        assertThat(response.result().chunkIndex()).isEqualTo(-1);
    }

    @Test
    void zeroRowQueryKeepsColumns() throws IOException {
        String body = "{\"statement_id\":\"z\",\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":"
                + "\"ARROW_STREAM\",\"schema\":{\"column_count\":1,\"columns\":[{\"name\":\"id\",\"type_text\":"
                + "\"BIGINT\",\"type_name\":\"LONG\",\"position\":0}]},\"total_chunk_count\":0,\"total_row_count\":0,"
                + "\"truncated\":false},\"result\":{}}";
        StatementResponse response = SeaJson.readStatementResponse(bytes(body));
        assertThat(response.manifest().columns()).extracting(ColumnInfo::name).containsExactly("id");
        assertThat(response.manifest().chunks()).isEmpty();
        assertThat(response.result().isEmpty()).isTrue();
    }

    @Test
    void unknownFieldsAreSkippedAtAnyDepthAndUnknownEnumsKept() throws IOException {
        String body = "{\"future\":{\"a\":[1,{\"b\":[[]]}],\"c\":null},\"statement_id\":\"u\","
                + "\"status\":{\"state\":\"QUEUED_SOMEWHERE\",\"extra\":{\"deep\":[1,2]},\"error\":null},"
                + "\"manifest\":{\"format\":\"PARQUET\",\"new\":[{\"x\":1}],\"schema\":{\"column_count\":1,"
                + "\"columns\":[{\"name\":\"v\",\"type_name\":\"VARIANT\",\"type_text\":\"VARIANT\",\"position\":\"0\","
                + "\"metadata\":{\"k\":\"v\"}}]},\"total_chunk_count\":\"1\",\"total_row_count\":\"5\","
                + "\"result_compression\":\"ZSTD\",\"truncated\":\"true\"},"
                + "\"result\":{\"chunk_index\":0,\"weird\":{\"x\":[{}]},\"external_links\":[{\"chunk_index\":0,"
                + "\"external_link\":\"https://h/x\",\"nested\":{\"y\":[1]},\"expiration\":\"not a time\"}]},"
                + "\"trailer\":[1,[2,[3]]]}";
        StatementResponse response = SeaJson.readStatementResponse(bytes(body));
        assertThat(response.statementId()).isEqualTo("u");
        assertThat(response.state()).isEqualTo(StatementState.UNKNOWN);
        assertThat(response.state().isTerminal()).isFalse();
        assertThat(response.manifest().format()).isEqualTo(ResultFormat.UNKNOWN);
        assertThat(response.manifest().resultCompression()).isEqualTo(ResultCompression.UNKNOWN);
        assertThat(response.manifest().totalChunkCount()).isEqualTo(1);
        assertThat(response.manifest().totalRowCount()).isEqualTo(5);
        assertThat(response.manifest().truncated()).isTrue();
        assertThat(response.manifest().columns()).containsExactly(
                new ColumnInfo("v", 0, "VARIANT", "VARIANT", -1, -1, null));
        ExternalLink link = response.result().externalLinks().get(0);
        assertThat(link.expiration()).as("unreadable expiration").isNull();
        assertThat(link.expiresWithin(Duration.ZERO, Instant.now())).isTrue();
        assertThat(link.byteCount()).isEqualTo(-1);
    }

    @Test
    void intervalColumnsKeepTheirIntervalType() throws IOException {
        ResultManifest manifest = SeaJson.readStatementResponse(bytes("{\"statement_id\":\"i\",\"status\":{\"state\":"
                + "\"SUCCEEDED\"},\"manifest\":{\"format\":\"JSON_ARRAY\",\"schema\":{\"columns\":[{\"name\":\"d\","
                + "\"type_text\":\"INTERVAL DAY TO SECOND\",\"type_name\":\"INTERVAL\",\"position\":0,"
                + "\"type_interval_type\":\"DAY TO SECOND\"}]}}}")).manifest();
        assertThat(manifest.columns().get(0).intervalType()).isEqualTo("DAY TO SECOND");
        assertThat(manifest.totalChunkCount()).isEqualTo(-1);
    }

    @Test
    void chunkResponseWithFreshLink() throws IOException {
        ResultData data = SeaJson.readResultData(bytes("{\"external_links\":[{\"chunk_index\":1,\"row_offset\":122880,"
                + "\"row_count\":20,\"byte_count\":438,\"external_link\":\"https://h/1\",\"expiration\":"
                + "\"2030-01-01T00:00:00+00:00\"}]}"));
        ExternalLink link = data.externalLinks().get(0);
        assertThat(link.chunkIndex()).isEqualTo(1);
        assertThat(link.nextChunkIndex()).isEqualTo(-1);
        assertThat(link.httpHeaders()).isEmpty();
        assertThat(link.expiration()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void sessionIdIsRead() throws IOException {
        assertThat(SeaJson.readSessionId(bytes("{\"session_id\":\"01ef9de4-936a\",\"x\":{}}")))
                .isEqualTo("01ef9de4-936a");
        assertThatThrownBy(() -> SeaJson.readSessionId(bytes("{}"))).isInstanceOf(IOException.class)
                .hasMessageContaining("session_id");
    }

    @Test
    void malformedJsonDoesNotEchoTheBody() {
        String body = "{\"statement_id\":\"x\",\"result\":{\"external_links\":[{\"http_headers\":"
                + "{\"x-key\":s3cr3tKeyValue}}]}}";
        assertThatThrownBy(() -> SeaJson.readStatementResponse(bytes(body))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("malformed JSON in response at line 1, column")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        assertThatThrownBy(() -> SeaJson.readStatementResponse(bytes("[1]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SeaJson.readStatementResponse(bytes("{\"status\":{}}")))
                .hasMessageContaining("statement_id");
    }
}
