package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExternalLinksTest {

    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final String ARROW_LINKS = "\"disposition\":\"EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\"";
    private static final String LZ4 = ",\"result_compression\":\"LZ4_FRAME\"";
    private static final String KEY_HEADER = "x-amz-server-side-encryption-customer-key";
    private static final Map<String, String> KEY = Map.of(KEY_HEADER, "c2VjcmV0");

    private final byte[][] payloads = {InlineResultsTest.payload(4000), InlineResultsTest.payload(9000),
            InlineResultsTest.payload(10)};

    private Result threeChunks() {
        return Result.externalLinks(Column.list("id BIGINT"),
                List.of(Chunk.of(100, payloads[0]), Chunk.of(200, payloads[1]), Chunk.of(1, payloads[2])));
    }

    @Test
    void manifestDescribesEveryChunkWithUncompressedSizes(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()));

        Map<String, Object> response = SeaClient.json(new SeaClient(warehouse).execute("SELECT id FROM big",
                ARROW_LINKS + LZ4));

        Map<String, Object> manifest = SeaClient.object(response, "manifest");
        assertThat(Json.write(manifest.get("chunks"))).isEqualTo("["
                + "{\"chunk_index\":0,\"row_offset\":0,\"row_count\":100,\"byte_count\":4000},"
                + "{\"chunk_index\":1,\"row_offset\":100,\"row_count\":200,\"byte_count\":9000},"
                + "{\"chunk_index\":2,\"row_offset\":300,\"row_count\":1,\"byte_count\":10}]");
        assertThat(manifest).containsEntry("total_chunk_count", 3L).containsEntry("total_row_count", 301L)
                .containsEntry("total_byte_count", 13010L).containsEntry("result_compression", "LZ4_FRAME");
        assertThat(SeaClient.object(response, "result")).containsOnlyKeys("external_links");
    }

    @Test
    void everyChunkDownloadsWithoutAuthorizationAndUnframesToThePayload(ScriptedWarehouse warehouse)
            throws IOException {
        warehouse.script(StatementScript.any().succeeds(threeChunks()
                .withLinkPolicy(LinkPolicy.standard().withRequiredHeaders(KEY))));
        SeaClient client = new SeaClient(warehouse);
        Map<String, Object> response = SeaClient.json(client.execute("SELECT id FROM big", ARROW_LINKS + LZ4));
        String id = (String) response.get("statement_id");

        Map<String, Object> link = SeaClient.link(SeaClient.object(response, "result"));
        for (int chunk = 0; chunk < 3; chunk++) {
            assertThat(link).containsEntry("chunk_index", (long) chunk).containsEntry("http_headers", KEY);
            if (chunk < 2) {
                assertThat(link).containsEntry("next_chunk_index", chunk + 1L).containsEntry(
                        "next_chunk_internal_link", "/api/2.0/sql/statements/" + id + "/result/chunks/" + (chunk + 1));
            } else {
                assertThat(link).doesNotContainKeys("next_chunk_index", "next_chunk_internal_link");
            }
            HttpResponse<byte[]> download = client.download((String) link.get("external_link"), KEY);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(link).containsEntry("byte_count", (long) download.body().length);
            assertThat(InlineResultsTest.unframe(download.body())).isEqualTo(payloads[chunk]);
            if (chunk < 2) {
                link = SeaClient.link(SeaClient.json(client.get((String) link.get("next_chunk_internal_link"))));
            }
        }

        assertThat(warehouse.requests(Endpoint.DOWNLOAD)).hasSize(3)
                .allSatisfy(download -> assertThat(download.hasHeader("Authorization")).isFalse());
        assertThat(warehouse.downloadCount(0)).isEqualTo(1);
        assertThat(warehouse.downloadCount(id, 2)).isEqualTo(1);
        assertThat(warehouse.chunkFetchCount(0)).isZero();
        assertThat(warehouse.chunkFetchCount(1)).isEqualTo(1);
    }

    @Test
    void linkOrderAndExpirationFollowTheRecordings(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT id FROM big", ARROW_LINKS);

        assertThat(response.body()).containsPattern("\"external_links\":\\[\\{\"chunk_index\":0,\"row_offset\":0,"
                + "\"row_count\":100,\"byte_count\":4000,\"next_chunk_index\":1,"
                + "\"next_chunk_internal_link\":\"[^\"]+\","
                + "\"external_link\":\"http://127\\.0\\.0\\.1:\\d+/storage/results/[^\"]+\","
                + "\"expiration\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"}]");
        Map<String, Object> link = SeaClient.link(SeaClient.object(SeaClient.json(response), "result"));
        Instant expiration = Instant.parse((String) link.get("expiration"));
        assertThat(expiration).isCloseTo(Instant.now().plus(Duration.ofMinutes(15)), within(30, ChronoUnit.SECONDS));
    }

    @Test
    void uncompressedWhenTheRequestNamesNoCodec(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> response = SeaClient.json(client.execute("SELECT id FROM big", ARROW_LINKS));
        Map<String, Object> link = SeaClient.link(SeaClient.object(response, "result"));

        assertThat(SeaClient.object(response, "manifest")).doesNotContainKey("result_compression");
        assertThat(link).containsEntry("byte_count", 4000L).doesNotContainKey("http_headers");
        assertThat(client.download((String) link.get("external_link"), Map.of()).body()).isEqualTo(payloads[0]);
    }

    @Test
    void downloadsRefuseAuthorizationMissingHeadersAndForgedSignatures(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()
                .withLinkPolicy(LinkPolicy.standard().withRequiredHeaders(KEY))));
        SeaClient client = new SeaClient(warehouse);
        String url = (String) SeaClient.link(SeaClient.object(SeaClient.json(
                client.execute("SELECT id FROM big", ARROW_LINKS)), "result")).get("external_link");

        HttpResponse<byte[]> withAuthorization = client.download(url,
                Map.of(KEY_HEADER, "c2VjcmV0", "Authorization", "Bearer " + ScriptedWarehouse.DEFAULT_TOKEN));
        HttpResponse<byte[]> withoutHeader = client.download(url, Map.of());
        HttpResponse<byte[]> wrongHeader = client.download(url, Map.of(KEY_HEADER, "d3Jvbmc="));
        HttpResponse<byte[]> forged = client.download(url.replaceAll("Signature=[0-9a-f]+", "Signature=00"), KEY);
        HttpResponse<byte[]> otherChunk = client.download(url.replace("/chunk-0?", "/chunk-1?"), KEY);

        assertThat(withAuthorization.statusCode()).isEqualTo(400);
        assertThat(new String(withAuthorization.body())).contains("<Code>InvalidArgument</Code>");
        assertThat(withoutHeader.statusCode()).isEqualTo(403);
        assertThat(wrongHeader.statusCode()).isEqualTo(403);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(otherChunk.statusCode()).isEqualTo(403);
        assertThat(client.download(url, KEY).statusCode()).isEqualTo(200);
        assertThat(warehouse.downloadCount(0)).isEqualTo(5);
        assertThat(warehouse.downloadCount(1)).isEqualTo(1);
    }

    @Test
    void expiredLinksAreRefusedUntilTheChunkEndpointReissuesThem(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()
                .withLinkPolicy(LinkPolicy.standard().expiredOnFirstIssue())));
        SeaClient client = new SeaClient(warehouse);
        Map<String, Object> response = SeaClient.json(client.execute("SELECT id FROM big", ARROW_LINKS));
        String id = (String) response.get("statement_id");
        Map<String, Object> expired = SeaClient.link(SeaClient.object(response, "result"));

        HttpResponse<byte[]> refused = client.download((String) expired.get("external_link"), Map.of());
        Map<String, Object> fresh = SeaClient.link(SeaClient.json(client.get(SeaClient.STATEMENTS + id
                + "/result/chunks/0")));
        HttpResponse<byte[]> served = client.download((String) fresh.get("external_link"), Map.of());

        assertThat(Instant.parse((String) expired.get("expiration"))).isBefore(Instant.now());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body())).contains("Request has expired");
        assertThat(fresh.get("external_link")).isNotEqualTo(expired.get("external_link"));
        assertThat(Instant.parse((String) fresh.get("expiration"))).isAfter(Instant.now().plus(Duration.ofMinutes(14)));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(payloads[0]);
        assertThat(warehouse.chunkFetchCount(id, 0)).isEqualTo(1);
        assertThat(warehouse.downloadCount(id, 0)).isEqualTo(2);
    }

    @Test
    void firstIssueOfEveryChunkFollowsTheFirstIssueLifetime(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks().withLinkPolicy(
                LinkPolicy.standard().withFirstIssueTtl(Duration.ofSeconds(2)).withTtl(Duration.ofMinutes(5)))));
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT id FROM big", ARROW_LINKS)).get("statement_id");

        Map<String, Object> firstOfChunk1 = SeaClient.link(SeaClient.json(client.get(SeaClient.STATEMENTS + id
                + "/result/chunks/1")));
        Map<String, Object> secondOfChunk1 = SeaClient.link(SeaClient.json(client.get(SeaClient.STATEMENTS + id
                + "/result/chunks/1")));

        Instant soon = Instant.parse((String) firstOfChunk1.get("expiration"));
        assertThat(soon).isBetween(Instant.now(), Instant.now().plusSeconds(3));
        assertThat(client.download((String) firstOfChunk1.get("external_link"), Map.of()).statusCode()).isEqualTo(200);
        assertThat(Instant.parse((String) secondOfChunk1.get("expiration")))
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(5)), within(30, ChronoUnit.SECONDS));
    }

    @Test
    void linksCanOmitExpiration(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()
                .withLinkPolicy(LinkPolicy.standard().withoutExpiration())));

        Map<String, Object> response = SeaClient.json(new SeaClient(warehouse).execute("SELECT 1", ARROW_LINKS));

        assertThat(SeaClient.link(SeaClient.object(response, "result"))).doesNotContainKey("expiration")
                .containsKey("external_link");
    }

    @Test
    void jsonFilesCanTravelAsExternalLinks(ScriptedWarehouse warehouse) {
        byte[] file = "[[\"1\"],[\"2\"]]".getBytes(StandardCharsets.UTF_8);
        warehouse.script(StatementScript.any().succeeds(Result.externalLinks(Column.list("n INT"),
                List.of(Chunk.of(2, file))).withFormat(ResultFormat.JSON_ARRAY)));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> response = SeaClient.json(client.execute("SELECT n",
                "\"disposition\":\"EXTERNAL_LINKS\",\"format\":\"JSON_ARRAY\""));

        assertThat(SeaClient.object(response, "manifest")).containsEntry("format", "JSON_ARRAY");
        String url = (String) SeaClient.link(SeaClient.object(response, "result")).get("external_link");
        assertThat(client.download(url, Map.of()).body()).isEqualTo(file);
    }

    @Test
    void closedStatementsKeepIssuedLinksButServeNoMoreChunks(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(threeChunks()));
        SeaClient client = new SeaClient(warehouse);
        Map<String, Object> response = SeaClient.json(client.execute("SELECT id FROM big", ARROW_LINKS));
        String id = (String) response.get("statement_id");

        client.delete(SeaClient.STATEMENTS + id);

        String url = (String) SeaClient.link(SeaClient.object(response, "result")).get("external_link");
        assertThat(client.download(url, Map.of()).statusCode()).isEqualTo(200);
        assertThat(client.get(SeaClient.STATEMENTS + id + "/result/chunks/1").statusCode()).isEqualTo(404);
    }
}
