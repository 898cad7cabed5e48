package dev.sluice.warehouse.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fault switch's JSON API and how rules are used up. */
class FaultsTest {

    private static Faults with(String json) {
        Faults f = new Faults(Duration.ofMinutes(15));
        f.apply(Json.parseObject(json.getBytes(StandardCharsets.UTF_8)));
        return f;
    }

    @Test
    void errorRulesApplyToMatchingRequestsForTheirCount() {
        Faults f = with("{\"rules\":[{\"action\":\"error\",\"status\":503,\"path\":\"/statements\",\"count\":2}]}");
        assertThat(f.before("GET", "/health").error()).isNull();
        assertThat(f.before("POST", "/api/2.0/sql/statements").error().status).isEqualTo(503);
        assertThat(f.before("POST", "/api/2.0/sql/statements").error()).isNotNull();
        assertThat(f.before("POST", "/api/2.0/sql/statements").error()).isNull();
        assertThat(f.describe().path("rules").size()).isZero();
    }

    @Test
    void dropAfterHandlesTheRequestThenDropsItsAnswerForItsCount() {
        Faults f = with("{\"action\":\"drop_after\",\"method\":\"POST\",\"path\":\"/statements/?$\",\"count\":1}");
        assertThat(f.before("GET", "/api/2.0/sql/statements/").dropAfter()).isFalse();
        Faults.Decision first = f.before("POST", "/api/2.0/sql/statements/");
        assertThat(first.dropAfter()).isTrue();
        assertThat(first.drop()).isFalse();
        assertThat(first.error()).isNull();
        assertThat(f.before("POST", "/api/2.0/sql/statements/").dropAfter()).isFalse();
    }

    @Test
    void latencyAddsUpAndDownloadsCanBeShaped() {
        Faults f = with("{\"rules\":[{\"action\":\"latency\",\"latency_ms\":5},{\"action\":\"latency\",\"latency_ms\":7},"
                + "{\"action\":\"truncate_download\",\"after_bytes\":10,\"method\":\"GET\"}]}");
        assertThat(f.before("GET", "/x").latencyMs()).isEqualTo(12);
        assertThat(f.download("/sluice/files/a/0").truncateAfter()).isEqualTo(10);
    }

    @Test
    void linkCommandsAndTokenExpiry() {
        Faults f = with("{\"rules\":[{\"action\":\"link_expiry\",\"seconds\":3},{\"action\":\"expire_token\",\"token\":\"t\",\"count\":1}]}");
        assertThat(f.linkTtl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(f.tokenExpired("other", "GET", "/x")).isFalse();
        assertThat(f.tokenExpired("t", "GET", "/x")).isTrue();
        assertThat(f.tokenExpired("t", "GET", "/x")).isFalse();
        f.clear(Duration.ofMinutes(15));
        assertThat(f.linkTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void badRulesAreRejected() {
        assertThatThrownBy(() -> with("{\"action\":\"explode\"}")).isInstanceOf(ApiError.class);
        assertThatThrownBy(() -> with("{\"action\":\"error\",\"status\":200}")).hasMessageContaining("4xx or 5xx");
        assertThatThrownBy(() -> with("{\"action\":\"error\",\"path\":\"(\"}")).hasMessageContaining("regular expression");
    }
}
