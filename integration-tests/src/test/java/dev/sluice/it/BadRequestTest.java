package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every bad request gets a 400 JSON answer that names the bad value: never a 500, never a dropped connection. */
@ExtendWith(LocalWarehouseExtension.class)
class BadRequestTest {

    private final LocalWarehouse warehouse;
    private final RestClient rest;

    BadRequestTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @AfterEach
    void clearFaults() {
        rest.delete("/sluice/faults");
    }

    @Test
    void aWaitTimeoutOfTwentyThreeDigits() {
        RestClient.Reply r = rest.execute("SELECT 1", "\"wait_timeout\":\"12345678901234567890123s\"");
        assertBad(r, "wait_timeout", "12345678901234567890123s");
    }

    @Test
    void anUnknownSessionTimeZone() {
        assertBad(session("\"TIMEZONE\":\"Mars/Base\""), "TIMEZONE", "Mars/Base");
    }

    @Test
    void aStaticSparkSettingInSessionConfs() {
        assertBad(session("\"spark.sql.globalTempDatabase\":\"elsewhere\""), "spark.sql.globalTempDatabase",
                "elsewhere");
    }

    @Test
    void aJsonObjectAsAParameterValue() {
        RestClient.Reply r = rest.execute("SELECT :p", "\"parameters\":[{\"name\":\"p\",\"value\":{\"x\":1}}]");
        assertBad(r, "'p'", "JSON object");
        RestClient.Reply array = rest.execute("SELECT ?", "\"parameters\":[{\"ordinal\":1,\"value\":[1]}]");
        assertBad(array, "parameter '1'", "JSON array");
    }

    @Test
    void aMalformedOAuthTokenForm() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(warehouse.baseUrl() + "/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_secret=%zz"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).contains("client_secret").contains("%-escape").doesNotContain("zz");
    }

    @Test
    void badFaultRules() {
        assertBad(rest.post("/sluice/faults", "{\"action\":\"latency\",\"latency_ms\":-5}"), "latency_ms", "-5");
        assertBad(rest.post("/sluice/faults", "{\"action\":\"error\",\"count\":-1}"), "count", "-1");
        assertBad(rest.post("/sluice/faults", "{\"action\":\"error\",\"status\":\"x\"}"), "status", "x");
        assertBad(rest.post("/sluice/faults", "{\"action\":\"truncate_download\",\"after_bytes\":-1}"), "after_bytes",
                "-1");
        assertBad(rest.post("/sluice/faults", "{\"action\":\"error\",\"retry_after_seconds\":-2}"),
                "retry_after_seconds", "-2");
        assertBad(rest.post("/sluice/faults", "{\"rules\":\"all\"}"), "rules", "array");
        assertBad(rest.post("/sluice/faults", "{\"rules\":[{\"action\":\"error\"},{\"action\":\"latency\","
                + "\"latency_ms\":-1}]}"), "latency_ms", "-1");
        assertThat(rest.get("/sluice/faults").body().path("rules").size())
                .as("a document with a bad rule adds none of its rules").isZero();
    }

    private RestClient.Reply session(String confs) {
        return rest.post("/api/2.0/sql/sessions", "{\"warehouse_id\":\"" + warehouse.warehouseId()
                + "\",\"session_confs\":{" + confs + "}}");
    }

    private static void assertBad(RestClient.Reply r, String... named) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.raw().headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body().path("error_code").asText()).isNotEmpty();
        assertThat(r.body().path("message").asText()).contains(named);
    }
}
