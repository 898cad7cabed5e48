package dev.sluice.jdbc.internal.client;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error body shape of protocol.md §7.1, Retry-After forms, and redaction. */
class ApiErrorsTest {
    private static ApiErrors.ErrorBody parse(int status, String body) {
        return ApiErrors.parseBody(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpHeaders headers(Map<String, String> values) {
        return HttpHeaders.of(values.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
    }

    @Test
    void jsonWithStringCode() {
        assertThat(parse(400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"wait_timeout must be 0s or "
                + "5s..50s\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"x\"}]}"))
                .isEqualTo(new ApiErrors.ErrorBody("INVALID_PARAMETER_VALUE", "wait_timeout must be 0s or 5s..50s"));
    }

    @Test
    void jsonWithIntegerCode() {
        assertThat(parse(401, "{\"error_code\":401,\"message\":\"Credential was not sent or was of an unsupported type "
                + "for this API.\"}")).isEqualTo(new ApiErrors.ErrorBody("401",
                "Credential was not sent or was of an unsupported type for this API."));
        assertThat(parse(403, "{\"error_code\":403,\"message\":\"Invalid access token.\"}").errorCode())
                .isEqualTo("403");
    }

    @Test
    void legacyErrorField() {
        assertThat(parse(500, "{\"error\":\"Something broke\"}"))
                .isEqualTo(new ApiErrors.ErrorBody(null, "Something broke"));
        assertThat(parse(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"))
                .isEqualTo(new ApiErrors.ErrorBody("invalid_client", "Client authentication failed"));
    }

    @Test
    void scimBody() {
        assertThat(parse(403, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"detail\":"
                + "\"User not authorized\",\"status\":\"403\",\"scimType\":\"forbidden\"}"))
                .isEqualTo(new ApiErrors.ErrorBody("forbidden", "User not authorized"));
        assertThat(parse(404, "{\"detail\":\"No such user\",\"status\":\"404\"}"))
                .isEqualTo(new ApiErrors.ErrorBody("404", "No such user"));
    }

    @Test
    void plainText() {
        assertThat(parse(503, "TEMPORARILY_UNAVAILABLE: The service is busy"))
                .isEqualTo(new ApiErrors.ErrorBody("TEMPORARILY_UNAVAILABLE", "The service is busy"));
        assertThat(parse(502, "upstream connect error"))
                .isEqualTo(new ApiErrors.ErrorBody(null, "upstream connect error"));
    }

    @Test
    void htmlWithPre() {
        String html = "<html><head><title>Error 400</title></head><body><h2>HTTP ERROR 400</h2>"
                + "<pre>BAD_REQUEST: Missing &quot;warehouse_id&quot; &amp; more</pre></body></html>";
        assertThat(parse(400, html)).isEqualTo(new ApiErrors.ErrorBody("BAD_REQUEST",
                "Missing \"warehouse_id\" & more"));
        assertThat(parse(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"))
                .isEqualTo(new ApiErrors.ErrorBody(null, "Bad Gateway"));
    }

    @Test
    void emptyBodyUsesStatusText() {
        assertThat(parse(503, "")).isEqualTo(new ApiErrors.ErrorBody(null, "Service Unavailable"));
        assertThat(ApiErrors.parseBody(429, null)).isEqualTo(new ApiErrors.ErrorBody(null, "Too Many Requests"));
        assertThat(parse(418, "  ")).isEqualTo(new ApiErrors.ErrorBody(null, "HTTP status 418"));
        assertThat(parse(500, "{\"error_code\":\"INTERNAL_ERROR\"}"))
                .isEqualTo(new ApiErrors.ErrorBody("INTERNAL_ERROR", "Internal Server Error"));
    }

    @Test
    void malformedJsonFallsBackToText() {
        assertThat(parse(500, "{not json").message()).isEqualTo("{not json");
    }

    @Test
    void storageXmlKeepsOnlyCodeMessageAndDetail() {
        String s3 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request has "
                + "expired</Message><X-Amz-Expires>899</X-Amz-Expires><StringToSign>AWS4-HMAC-SHA256 s1gn3d"
                + "</StringToSign><SignatureProvided>abcdef0123</SignatureProvided></Error>";
        ApiErrors.ErrorBody body = parse(403, s3);
        assertThat(body).isEqualTo(new ApiErrors.ErrorBody("AccessDenied", "Request has expired"));

        String azure = "<Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request."
                + "</Message><AuthenticationErrorDetail>Signed expiry time [Mon, 01 Jan 2024] must be after signed "
                + "start time</AuthenticationErrorDetail></Error>";
        assertThat(parse(403, azure).message()).isEqualTo("Server failed to authenticate the request. Signed expiry "
                + "time [Mon, 01 Jan 2024] must be after signed start time");
    }

    @Test
    void secretsInServerMessagesAreMasked() {
        String body = "{\"error_code\":\"BAD_REQUEST\",\"message\":\"token Bearer dapi0123456789abcdef0123456789abcdef "
                + "rejected for https://store.example/f?sig=SECRETSIG&se=2024 and eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl "
                + "X-Amz-Signature=deadbeef\"}";
        String message = parse(400, body).message();
        assertThat(message).doesNotContain("0123456789abcdef0123456789abcdef", "SECRETSIG", "eyJzdWIiOiIx",
                "deadbeef");
        assertThat(message).contains("Bearer ***", "https://store.example/f?***", "X-Amz-Signature=***");
    }

    @Test
    void retryAfterSecondsAndHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(ApiErrors.parseRetryAfter("5", clock)).isEqualTo(Duration.ofSeconds(5));
        assertThat(ApiErrors.parseRetryAfter(" 0 ", clock)).isEqualTo(Duration.ZERO);
        assertThat(ApiErrors.parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", clock))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ApiErrors.parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(ApiErrors.parseRetryAfter("-3", clock)).isNull();
        assertThat(ApiErrors.parseRetryAfter("soon", clock)).isNull();
    }

    @Test
    void exceptionCarriesEverythingAndStatementScoped404MeansGone() {
        ApiException e = ApiErrors.toException(429, headers(Map.of("Retry-After", "7")),
                "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}".getBytes(StandardCharsets.UTF_8),
                "POST", "/api/2.0/sql/statements/", null);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.errorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(e.serverMessage()).isEqualTo("slow down");
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.pathTemplate()).isEqualTo("/api/2.0/sql/statements/");
        assertThat(e.notAccepted()).isTrue();
        assertThat(e).hasMessage("HTTP 429 REQUEST_LIMIT_EXCEEDED on POST /api/2.0/sql/statements/: slow down "
                + "(retry after 7000 ms)");

        ApiException gone = ApiErrors.toException(404, headers(Map.of()), new byte[0], "GET",
                "/api/2.0/sql/statements/{statement_id}", "01ef");
        assertThat(gone).isInstanceOf(StatementGoneException.class).hasMessageContaining("01ef");
        assertThat(((StatementGoneException) gone).statementId()).isEqualTo("01ef");

        ApiException notFound = ApiErrors.toException(404, headers(Map.of()), new byte[0], "DELETE",
                "/api/2.0/sql/sessions/{session_id}", null);
        assertThat(notFound).isNotInstanceOf(StatementGoneException.class);
    }

    @Test
    void notAcceptedOnlyWhenTheResponseProvesIt() {
        assertThat(new ApiException(503, null, "x", Duration.ofSeconds(1), "POST", "/p").notAccepted()).isTrue();
        assertThat(new ApiException(503, null, "x", null, "POST", "/p").notAccepted()).isFalse();
        assertThat(new ApiException(500, null, "x", null, "POST", "/p").notAccepted()).isFalse();
        assertThat(new ApiException(504, null, "x", null, "POST", "/p").notAccepted()).isFalse();
        assertThat(new ApiException(408, null, "x", null, "POST", "/p").notAccepted()).isFalse();
        assertThat(new ApiException(400, null, "x", null, "POST", "/p").notAccepted()).isTrue();
    }

    @Test
    void expiredLinkRecognition() {
        assertThat(ApiErrors.isExpiredLink(new ApiException(403, "AccessDenied", "x", null, "GET", "l"))).isTrue();
        assertThat(ApiErrors.isExpiredLink(new ApiException(410, null, "Gone", null, "GET", "l"))).isTrue();
        assertThat(ApiErrors.isExpiredLink(new ApiException(400, "ExpiredToken", "Invalid argument.", null, "GET",
                "l"))).isTrue();
        assertThat(ApiErrors.isExpiredLink(new ApiException(400, null, "bad range", null, "GET", "l"))).isFalse();
        assertThat(ApiErrors.isExpiredLink(new ApiException(500, null, "expired", null, "GET", "l"))).isFalse();
    }
}
