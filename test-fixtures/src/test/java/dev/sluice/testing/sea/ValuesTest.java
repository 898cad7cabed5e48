package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The small immutable values and helpers behind the server. */
class ValuesTest {

    @Test
    void idsAreTimeOrderedVersionOneUuids() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.next());
        }

        assertThat(ids).doesNotHaveDuplicates().isSorted();
        UUID uuid = UUID.fromString(ids.get(0));
        assertThat(uuid.version()).isEqualTo(1);
        assertThat(uuid.variant()).isEqualTo(2);
        long gregorian100ns = ((uuid.getMostSignificantBits() >>> 32) << 28)
                | (((uuid.getMostSignificantBits() >>> 16) & 0xFFFF) << 12)
                | (uuid.getMostSignificantBits() & 0xFFF);
        long epochMillis = (gregorian100ns - 0x01B21DD213814000L) / 10_000L;
        assertThat(Instant.ofEpochMilli(epochMillis)).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void jsonParsesTreesAndWritesThemBackCompactly() {
        String text = "{\"s\":\"a\\\"b\",\"n\":1,\"big\":123456789012345678901234567890,\"d\":1.50,"
                + "\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[\"x\"],{}]}";

        Object tree = Json.parse(text.getBytes(StandardCharsets.UTF_8));

        assertThat(tree).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) tree;
        assertThat(map.get("n")).isEqualTo(1L);
        assertThat(map.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("d")).isEqualTo(new BigDecimal("1.50"));
        assertThat(map.containsKey("z")).isTrue();
        assertThat(Json.write(tree)).isEqualTo(text);
    }

    @Test
    void jsonRefusesMalformedDocuments() {
        for (String bad : List.of("", "{", "{\"a\":1} x", "[1,]")) {
            assertThatThrownBy(() -> Json.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordedRequestsDecodeQueriesAndIgnoreHeaderCase() {
        RecordedRequest request = new RecordedRequest(1, Instant.now(), "DELETE",
                "/api/2.0/sql/sessions/abc?warehouse_id=w%201&x=1&x=2&flag",
                Map.of("X-Databricks-Thing", List.of("v")), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(request.path()).isEqualTo("/api/2.0/sql/sessions/abc");
        assertThat(request.rawQuery()).isEqualTo("warehouse_id=w%201&x=1&x=2&flag");
        assertThat(request.queryParameter("warehouse_id")).isEqualTo("w 1");
        assertThat(request.queryParameters().get("x")).containsExactly("1", "2");
        assertThat(request.queryParameter("flag")).isEmpty();
        assertThat(request.header("x-databricks-thing")).isEqualTo("v");
        assertThat(request.hasHeader("Authorization")).isFalse();
        assertThat(request.json()).containsEntry("a", 1L);
        assertThat(request.endpoint()).isEqualTo(Endpoint.DELETE_SESSION);
        assertThat(request.sessionId()).isEqualTo("abc");
        assertThat(request.chunkIndex()).isEmpty();
    }

    @Test
    void routesClassifyEveryEndpoint() {
        assertThat(Route.of("POST", "/api/2.0/sql/statements/sessions/").endpoint()).isEqualTo(Endpoint.CREATE_SESSION);
        assertThat(Route.of("DELETE", "/api/2.0/sql/statements/sessions/s1").sessionId()).isEqualTo("s1");
        assertThat(Route.of("POST", "/api/2.0/sql/statements/s1/cancel").endpoint())
                .isEqualTo(Endpoint.CANCEL_STATEMENT);
        assertThat(Route.of("DELETE", "/api/2.0/sql/statements/s1").endpoint()).isEqualTo(Endpoint.CLOSE_STATEMENT);
        Route chunk = Route.of("GET", "/api/2.0/sql/statements/s1/result/chunks/12");
        assertThat(chunk.endpoint()).isEqualTo(Endpoint.GET_CHUNK);
        assertThat(chunk.chunkIndex()).isEqualTo(12);
        assertThat(Route.of("GET", "/storage/results/s1/chunk-3").chunkIndex()).isEqualTo(3);
        assertThat(Route.of("POST", "/api/2.0/sql/statements/s1").endpoint()).isEqualTo(Endpoint.OTHER);
        assertThat(Route.of("GET", "/api/2.0/sql/statements/s1/result/chunks/x").endpoint()).isEqualTo(Endpoint.OTHER);
    }

    @Test
    void builderArgumentsAreChecked() {
        assertThatThrownBy(() -> StatementScript.any().polls(StatementState.SUCCEEDED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementScript.any().times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatementScript.any().completesAfter(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpReply.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpReply.status(200).withDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Result.jsonRows(Column.list("a INT"), List.of(Result.row("1")))
                .withFormat(ResultFormat.ARROW_STREAM)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Chunk.of(-1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreImmutable() {
        byte[] bytes = {1, 2, 3};
        Chunk chunk = Chunk.of(1, bytes);
        bytes[0] = 9;
        chunk.payload()[1] = 9;
        String[] cells = {"a", null};
        List<String> row = Result.row(cells);
        cells[0] = "changed";
        HttpReply reply = HttpReply.status(200).withBody(bytes);
        bytes[1] = 9;

        assertThat(chunk.payload()).containsExactly(1, 2, 3);
        assertThat(row).containsExactly("a", null);
        assertThatThrownBy(() -> row.set(0, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(reply.body()).containsExactly(9, 2, 3);
        assertThat(HttpReply.status(204).withHeader("X-A", "1").withHeader("x-a", "2").headers())
                .containsExactly(Map.entry("x-a", "2"));
    }

    @Test
    void sqlErrorsFormatTheDatabricksMessage() {
        SqlError error = SqlError.of("DIVIDE_BY_ZERO", "Division by zero.", "22012");

        assertThat(error.message()).isEqualTo("[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012");
        assertThat(error.errorCode()).isEqualTo("BAD_REQUEST");
        assertThat(error.sqlState()).isEqualTo("22012");
        assertThat(error.withoutSqlStateField().sqlState()).isNull();
        assertThat(Arrays.asList(SqlError.raw(null, "m").errorCode(), SqlError.raw(null, "m").sqlState()))
                .containsOnlyNulls();
    }

    @Test
    void linkPolicyLifetimesDoNotDependOnCallOrder() {
        LinkPolicy a = LinkPolicy.standard().withFirstIssueTtl(Duration.ofSeconds(2)).withTtl(Duration.ofMinutes(5));
        LinkPolicy b = LinkPolicy.standard().withTtl(Duration.ofMinutes(5)).withFirstIssueTtl(Duration.ofSeconds(2));
        LinkPolicy c = LinkPolicy.standard().withTtl(Duration.ofMinutes(5));

        assertThat(List.of(a.firstIssueTtl(), a.ttl())).isEqualTo(List.of(b.firstIssueTtl(), b.ttl()));
        assertThat(c.firstIssueTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(LinkPolicy.standard().ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(LinkPolicy.standard().expiredOnFirstIssue().firstIssueTtl()).isNegative();
        assertThat(ResponseBodies.expiration(Instant.parse("2024-11-08T15:23:16Z")))
                .isEqualTo("2024-11-08T15:23:16.000Z");
    }
}
