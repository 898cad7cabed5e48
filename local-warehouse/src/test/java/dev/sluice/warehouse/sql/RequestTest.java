package dev.sluice.warehouse.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Request validation, parameter typing, positional markers and link signing. */
class RequestTest {

    private static JsonNode json(String s) {
        return Json.parseObject(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void defaultsFollowTheApi() {
        StatementRequest r = StatementRequest.parse(json("{\"statement\":\"SELECT 1\",\"warehouse_id\":\"w\"}"));
        assertThat(r.disposition()).isEqualTo(Disposition.INLINE);
        assertThat(r.format()).isEqualTo(ResultFormat.JSON_ARRAY);
        assertThat(r.waitTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.lz4()).isFalse();
    }

    @Test
    void invalidRequestsAreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> StatementRequest.parse(json("{\"warehouse_id\":\"w\"}")))
                .isInstanceOf(ApiError.class).hasMessageContaining("statement");
        assertThatThrownBy(() -> StatementRequest.parse(json("{\"statement\":\"x\",\"warehouse_id\":\"w\",\"wait_timeout\":\"51s\"}")))
                .hasMessageContaining("wait_timeout");
        assertThatThrownBy(() -> StatementRequest.parse(json("{\"statement\":\"x\",\"warehouse_id\":\"w\",\"row_limit\":-1}")))
                .hasMessageContaining("row_limit");
        assertThatThrownBy(() -> StatementRequest.parse(json("{\"statement\":\"x\",\"warehouse_id\":\"w\","
                + "\"parameters\":[{\"name\":\"a\"},{\"ordinal\":1}]}"))).hasMessageContaining("all named");
        assertThatThrownBy(() -> Json.parseObject("{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ApiError.class).extracting(e -> ((ApiError) e).status()).isEqualTo(400);
    }

    @Test
    void parameterValuesAreTyped() {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        assertThat(Parameters.value(new Parameters.Param("a", null, "LONG", "5"), la)).isEqualTo(5L);
        assertThat(Parameters.value(new Parameters.Param("a", null, "DECIMAL(4,2)", "12.34"), la))
                .isEqualTo(new BigDecimal("12.34"));
        assertThat(Parameters.value(new Parameters.Param("a", null, "DATE", "2020-01-02"), la))
                .isEqualTo(LocalDate.of(2020, 1, 2));
        assertThat(Parameters.value(new Parameters.Param("a", null, "TIMESTAMP", "2020-01-02 03:04:05.5"), la))
                .isEqualTo(Instant.parse("2020-01-02T11:04:05.5Z"));
        assertThat(Parameters.value(new Parameters.Param("a", null, null, "text"), la)).isEqualTo("text");
        assertThatThrownBy(() -> Parameters.value(new Parameters.Param("a", null, "INT", "x"), la))
                .hasMessageContaining("CAST_INVALID_INPUT");
    }

    @Test
    void positionalMarkersOutsideQuotesBecomeNamed() {
        assertThat(Markers.positionalToNamed("SELECT ?, '?', `a?`, \"?\" -- ?\n, ? /* ? */", i -> ":_p" + i))
                .isEqualTo("SELECT :_p1, '?', `a?`, \"?\" -- ?\n, :_p2 /* ? */");
    }

    @Test
    void linksAreBoundToStatementChunkAndTimes() {
        Links links = new Links();
        Instant now = Instant.ofEpochMilli(1_000);
        String path = links.path("s1", 2, now, now.plusSeconds(60));
        String sig = path.substring(path.indexOf("sig=") + 4);
        assertThat(links.valid("s1", 2, 1_000, 61_000, sig)).isTrue();
        assertThat(links.valid("s1", 3, 1_000, 61_000, sig)).isFalse();
        assertThat(links.valid("s2", 2, 1_000, 61_000, sig)).isFalse();
        assertThat(links.valid("s1", 2, 1_000, 99_000, sig)).isFalse();
        assertThat(links.valid("s1", 2, 1_000, 61_000, null)).isFalse();
    }
}
