package dev.sluice.jdbc.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What TRACE shows of a body: structure and SQL kept, credentials, links, parameter values and data removed. */
class PayloadsTest {
    private static final String LINK = "https://bucket.s3.amazonaws.com/chunk0?X-Amz-Signature=abcdef0123456789"
            + "&X-Amz-Credential=AKIAEXAMPLE&X-Amz-Expires=899";

    private static String render(String json) {
        return Payloads.render(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalLinksAndTheirHeadersAreMaskedButTheirShapeStays() {
        String out = render("{\"statement_id\":\"s1\",\"result\":{\"external_links\":[{\"chunk_index\":0,"
                + "\"row_count\":5,\"external_link\":\"" + LINK + "\",\"expiration\":\"2026-01-01T00:00:00Z\","
                + "\"http_headers\":{\"x-amz-server-side-encryption-customer-key\":\"c2VjcmV0a2V5\"}}]}}");
        assertThat(out).contains("\"statement_id\":\"s1\"").contains("\"chunk_index\":0").contains("\"row_count\":5")
                .contains("\"external_link\":\"***\"").contains("\"http_headers\":\"***\"")
                .doesNotContain("amazonaws").doesNotContain("abcdef0123456789").doesNotContain("c2VjcmV0a2V5");
    }

    @Test
    void parameterValuesAreMaskedWhileNamesTypesAndSqlStay() {
        String out = render("{\"statement\":\"SELECT * FROM t WHERE ssn = :ssn\",\"parameters\":[{\"name\":\"ssn\","
                + "\"value\":\"123-45-6789\",\"type\":\"STRING\"}],\"warehouse_id\":\"wh1\"}");
        assertThat(out).contains("SELECT * FROM t WHERE ssn = :ssn").contains("\"name\":\"ssn\"")
                .contains("\"type\":\"STRING\"").contains("\"warehouse_id\":\"wh1\"").doesNotContain("123-45-6789");
    }

    @Test
    void valuesTheServerQuotesInAnErrorMessageAreMasked() {
        String out = render("{\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":\"BAD_REQUEST\","
                + "\"message\":\"[CAST_INVALID_INPUT] The value '123-45-6789' of the type \\\"STRING\\\" cannot be cast."
                + " SQLSTATE: 22018\"},\"sql_state\":\"22018\"}}");
        assertThat(out).contains("[CAST_INVALID_INPUT] The value '***' of the type").contains("SQLSTATE: 22018")
                .contains("\"sql_state\":\"22018\"").doesNotContain("123-45-6789");
    }

    @Test
    void resultDataBecomesACount() {
        String out = render("{\"result\":{\"data_array\":[[\"alice\",\"1\"],[\"bob\",null]],"
                + "\"attachment\":\"QUJDREVGR0g=\"}}");
        assertThat(out).contains("<2 rows>").contains("<12 base64 characters>").doesNotContain("alice")
                .doesNotContain("QUJDREVGR0g=");
    }

    @Test
    void tokensAreMaskedAsFieldsAndInsideFreeText() {
        String out = render("{\"access_token\":\"eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600,\"message\":\"token dapi0123456789abcdef0123 refused; see " + LINK + "\"}");
        assertThat(out).contains("\"access_token\":\"***\"").contains("\"expires_in\":3600")
                .doesNotContain("eyJhbGciOi").doesNotContain("dapi0123456789abcdef0123")
                .doesNotContain("abcdef0123456789").contains("https://bucket.s3.amazonaws.com/chunk0?***");
    }

    @Test
    void aBodyThatIsNotJsonIsRedactedAsText() {
        String out = Payloads.render(("<html>Authorization: Bearer abcdefghijklmnop at " + LINK + "</html>")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(out).contains("Bearer ***").doesNotContain("abcdefghijklmnop").doesNotContain("AKIAEXAMPLE");
    }

    @Test
    void longBodiesAreCut() {
        String out = render("{\"statement\":\"" + "x".repeat(20_000) + "\"}");
        assertThat(out.length()).isLessThan(9000);
        assertThat(out).endsWith("chars)");
    }
}
