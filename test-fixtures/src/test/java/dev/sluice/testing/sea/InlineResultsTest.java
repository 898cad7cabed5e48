package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InlineResultsTest {

    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final String INLINE_JSON = "\"disposition\":\"INLINE\",\"format\":\"JSON_ARRAY\"";

    @Test
    void inlineJsonRowsHaveTheRecordedShape(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("SELECT id, ts FROM t").succeeds(Result.jsonRows(
                Column.list("id INT", "ts TIMESTAMP"),
                List.of(Result.row("1", "2021-01-01T10:00:00.000-08:00"), Result.row("3", null)))));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT id, ts FROM t", INLINE_JSON);

        String id = warehouse.statementIds().get(0);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"SUCCEEDED\"},"
                + "\"manifest\":{\"format\":\"JSON_ARRAY\",\"schema\":{\"column_count\":2,\"columns\":["
                + "{\"name\":\"id\",\"type_text\":\"INT\",\"type_name\":\"INT\",\"position\":0},"
                + "{\"name\":\"ts\",\"type_text\":\"TIMESTAMP\",\"type_name\":\"TIMESTAMP\",\"position\":1}]},"
                + "\"total_chunk_count\":1,\"chunks\":[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":2}],"
                + "\"total_row_count\":2,\"truncated\":false},"
                + "\"result\":{\"chunk_index\":0,\"row_offset\":0,\"row_count\":2,"
                + "\"data_array\":[[\"1\",\"2021-01-01T10:00:00.000-08:00\"],[\"3\",null]]}}");
        assertThat(warehouse.statementIdsFor("SELECT id, ts FROM t")).containsExactly(id);
    }

    @Test
    void requestedCodecIsEchoedAsNoneForJsonRows(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any()
                .succeeds(Result.jsonRows(Column.list("x INT"), List.of(Result.row("7")))));

        Map<String, Object> manifest = SeaClient.object(SeaClient.json(new SeaClient(warehouse)
                .execute("SELECT 7", INLINE_JSON + ",\"result_compression\":\"LZ4_FRAME\"")), "manifest");

        assertThat(manifest).containsEntry("result_compression", "NONE").doesNotContainKey("total_byte_count");
    }

    @Test
    void laterJsonChunksComeFromTheChunkEndpoint(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(Result.jsonChunks(Column.list("n BIGINT"), List.of(
                List.of(Result.row("1"), Result.row("2")), List.of(Result.row("3"))))));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> first = SeaClient.json(client.execute("SELECT n FROM range(3)", INLINE_JSON));
        String id = (String) first.get("statement_id");
        HttpResponse<String> chunk1 = client.get(SeaClient.STATEMENTS + id + "/result/chunks/1");
        HttpResponse<String> chunk0 = client.get(SeaClient.STATEMENTS + id + "/result/chunks/0?row_offset=0");
        HttpResponse<String> chunk2 = client.get(SeaClient.STATEMENTS + id + "/result/chunks/2");

        assertThat(Json.write(first.get("result"))).isEqualTo("{\"chunk_index\":0,\"row_offset\":0,\"row_count\":2,"
                + "\"data_array\":[[\"1\"],[\"2\"]],\"next_chunk_index\":1,"
                + "\"next_chunk_internal_link\":\"/api/2.0/sql/statements/" + id + "/result/chunks/1\"}");
        assertThat(Json.write(SeaClient.object(first, "manifest").get("chunks"))).isEqualTo(
                "[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":2},"
                        + "{\"chunk_index\":1,\"row_offset\":2,\"row_count\":1}]");
        assertThat(chunk1.body())
                .isEqualTo("{\"chunk_index\":1,\"row_offset\":2,\"row_count\":1,\"data_array\":[[\"3\"]]}");
        assertThat(chunk0.body()).isEqualTo(Json.write(first.get("result")));
        assertThat(chunk2.statusCode()).isEqualTo(400);
        assertThat(warehouse.chunkFetchCount(1)).isEqualTo(1);
        assertThat(warehouse.chunkFetchCount(id, 0)).isEqualTo(1);
        assertThat(warehouse.chunkFetchCount("other", 0)).isZero();
    }

    @Test
    void ddlHasNoResultSet(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("CREATE TABLE t (id INT)").succeeds(Result.noResultSet()));

        HttpResponse<String> response = new SeaClient(warehouse).execute("CREATE TABLE t (id INT)", INLINE_JSON);

        assertThat(response.body()).isEqualTo("{\"statement_id\":\"" + warehouse.statementIds().get(0) + "\","
                + "\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":\"JSON_ARRAY\","
                + "\"schema\":{\"column_count\":0},\"total_chunk_count\":0,\"total_row_count\":0,"
                + "\"total_byte_count\":0,\"truncated\":false},\"result\":{}}");
    }

    @Test
    void zeroRowsKeepColumnsAndOmitChunks(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(Result.empty(Column.list("id BIGINT"))));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT id FROM t WHERE false",
                "\"disposition\":\"EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\"");

        assertThat(response.body()).isEqualTo("{\"statement_id\":\"" + warehouse.statementIds().get(0) + "\","
                + "\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":\"ARROW_STREAM\","
                + "\"schema\":{\"column_count\":1,\"columns\":[{\"name\":\"id\",\"type_text\":\"BIGINT\","
                + "\"type_name\":\"LONG\",\"position\":0}]},\"total_chunk_count\":0,\"total_row_count\":0,"
                + "\"total_byte_count\":0,\"truncated\":false},\"result\":{}}");
    }

    @Test
    void dmlCountsAreOneRowResults(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("INSERT INTO t VALUES (1), (2)").succeeds(Result.inserted(2, 2)));
        warehouse.script(StatementScript.forSql("DELETE FROM t").succeeds(Result.affected(5)));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> insert = SeaClient.json(client.execute("INSERT INTO t VALUES (1), (2)", ""));
        Map<String, Object> delete = SeaClient.json(client.execute("DELETE FROM t", ""));

        assertThat(Json.write(SeaClient.object(insert, "manifest", "schema"))).isEqualTo("{\"column_count\":2,"
                + "\"columns\":["
                + "{\"name\":\"num_affected_rows\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":0},"
                + "{\"name\":\"num_inserted_rows\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":1}]}");
        assertThat(SeaClient.object(insert, "result").get("data_array")).isEqualTo(List.of(List.of("2", "2")));
        assertThat(SeaClient.object(delete, "result").get("data_array")).isEqualTo(List.of(List.of("5")));
    }

    @Test
    void columnsCarryPrecisionScaleAndIntervalType(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(Result.empty(List.of(
                Column.of("amount", "DECIMAL(18,2)"),
                Column.of("span", "INTERVAL DAY TO SECOND"),
                Column.of("name", "VARCHAR(255)"),
                Column.raw("geo", "GEOMETRY", "GEOMETRY(4326)", null, null, null))).volumeOperation().truncated()));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT *", "");

        Map<String, Object> manifest = SeaClient.object(SeaClient.json(response), "manifest");

        assertThat(Json.write(SeaClient.object(manifest, "schema").get("columns"))).isEqualTo("["
                + "{\"name\":\"amount\",\"type_text\":\"DECIMAL(18,2)\",\"type_name\":\"DECIMAL\",\"position\":0,"
                + "\"type_precision\":18,\"type_scale\":2},"
                + "{\"name\":\"span\",\"type_text\":\"INTERVAL DAY TO SECOND\",\"type_name\":\"INTERVAL\","
                + "\"position\":1,"
                + "\"type_interval_type\":\"DAY TO SECOND\"},"
                + "{\"name\":\"name\",\"type_text\":\"STRING\",\"type_name\":\"STRING\",\"position\":2},"
                + "{\"name\":\"geo\",\"type_text\":\"GEOMETRY(4326)\",\"type_name\":\"GEOMETRY\",\"position\":3}]");
        assertThat(manifest).containsEntry("truncated", true).containsEntry("is_volume_operation", true);
    }

    @Test
    void arrowAttachmentIsBase64WithoutByteCounts(ScriptedWarehouse warehouse) {
        byte[] ipc = payload(300);
        warehouse.script(StatementScript.any().succeeds(Result.arrowAttachment(Column.list("id INT"), 4, ipc)));

        Map<String, Object> response = SeaClient.json(new SeaClient(warehouse).execute("SELECT id FROM t",
                "\"disposition\":\"INLINE_OR_EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\""));

        Map<String, Object> manifest = SeaClient.object(response, "manifest");
        assertThat(manifest).containsEntry("format", "ARROW_STREAM")
                .doesNotContainKeys("total_byte_count", "result_compression");
        assertThat(Json.write(manifest.get("chunks")))
                .isEqualTo("[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":4}]");
        Map<String, Object> result = SeaClient.object(response, "result");
        assertThat(result).containsOnlyKeys("chunk_index", "row_offset", "row_count", "attachment");
        assertThat(Base64.getDecoder().decode((String) result.get("attachment"))).isEqualTo(ipc);
    }

    @Test
    void arrowAttachmentIsLz4FramedWhenRequested(ScriptedWarehouse warehouse) throws IOException {
        byte[] ipc = payload(5000);
        warehouse.script(StatementScript.any().succeeds(Result.arrowAttachment(Column.list("id INT"), 9, ipc)));

        Map<String, Object> response = SeaClient.json(new SeaClient(warehouse).execute("SELECT id FROM t",
                "\"format\":\"ARROW_STREAM\",\"result_compression\":\"LZ4_FRAME\""));

        assertThat(SeaClient.object(response, "manifest")).containsEntry("result_compression", "LZ4_FRAME");
        byte[] framed = Base64.getDecoder().decode((String) SeaClient.object(response, "result").get("attachment"));
        assertThat(framed).isNotEqualTo(ipc);
        assertThat(unframe(framed)).isEqualTo(ipc);
    }

    @Test
    void compressionCanBeRefusedOrForced(ScriptedWarehouse warehouse) {
        byte[] ipc = payload(100);
        warehouse.script(StatementScript.forSql("refuse").succeeds(Result.arrowAttachment(Column.list("id INT"), 1, ipc)
                .withCompression(Compression.NONE)));
        warehouse.script(StatementScript.forSql("force").succeeds(Result.arrowAttachment(Column.list("id INT"), 1, ipc)
                .withCompression(Compression.LZ4_FRAME)));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> refused = SeaClient.json(client.execute("refuse", "\"result_compression\":\"LZ4_FRAME\""));
        Map<String, Object> forced = SeaClient.json(client.execute("force", ""));

        assertThat(SeaClient.object(refused, "manifest")).containsEntry("result_compression", "NONE");
        assertThat(Base64.getDecoder().decode((String) SeaClient.object(refused, "result").get("attachment")))
                .isEqualTo(ipc);
        assertThat(SeaClient.object(forced, "manifest")).containsEntry("result_compression", "LZ4_FRAME");
    }

    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 7 == 0 ? i : i % 13);
        }
        return bytes;
    }

    static byte[] unframe(byte[] framed) throws IOException {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(framed))) {
            return in.readAllBytes();
        }
    }
}
