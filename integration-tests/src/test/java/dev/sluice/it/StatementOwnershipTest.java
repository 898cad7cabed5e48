package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Statements and sessions belong to the principal that made them: another principal (here the OAuth service
 * principal of the shared warehouse, against the static token) gets the 404 of an unknown id for every call
 * on them, and its own renewed tokens keep working on what it made.
 */
@ExtendWith(LocalWarehouseExtension.class)
class StatementOwnershipTest {

    private static final String STATEMENTS = "/api/2.0/sql/statements/";

    private final LocalWarehouse warehouse;
    private final RestClient rest;
    private final HttpClient http = HttpClient.newHttpClient();

    StatementOwnershipTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @Test
    void anotherPrincipalCannotSeeCancelCloseOrFetchAStatement() throws Exception {
        JsonNode submitted = rest.finished(rest.execute("SELECT id FROM range(0, 5)", "\"wait_timeout\":\"30s\"").body());
        String id = submitted.path("statement_id").asText();
        assertThat(submitted.path("status").path("state").asText()).isEqualTo("SUCCEEDED");

        assertUnknown(asOther("GET", STATEMENTS + id, null), id);
        assertUnknown(asOther("GET", STATEMENTS + id + "/result/chunks/0", null), id);
        assertUnknown(asOther("POST", STATEMENTS + id + "/cancel", ""), id);
        assertUnknown(asOther("DELETE", STATEMENTS + id, null), id);
        assertUnknown(asOther("GET", STATEMENTS + "00000000-0000-0000-0000-000000000000", null),
                "00000000-0000-0000-0000-000000000000");

        RestClient.Reply mine = rest.get(STATEMENTS + id);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().path("status").path("state").asText()).as("not closed by the other principal")
                .isEqualTo("SUCCEEDED");
        assertThat(rest.get(STATEMENTS + id + "/result/chunks/0").status()).isEqualTo(200);
    }

    @Test
    void anOAuthPrincipalKeepsItsStatementsAcrossTokensAndTheTokenOwnerCannotReachThem() throws Exception {
        String body = "{\"statement\":\"SELECT 42\",\"warehouse_id\":\"" + warehouse.warehouseId()
                + "\",\"wait_timeout\":\"30s\"}";
        HttpResponse<String> submitted = asOther("POST", "/api/2.0/sql/statements", body);
        assertThat(submitted.statusCode()).isEqualTo(200);
        String id = RestClient.JSON.readTree(submitted.body()).path("statement_id").asText();

        // a fresh token of the same client is the same principal
        assertThat(asOther("GET", STATEMENTS + id, null).statusCode()).isEqualTo(200);
        RestClient.Reply byToken = rest.get(STATEMENTS + id);
        assertThat(byToken.status()).isEqualTo(404);
        assertThat(byToken.body().path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(rest.post(STATEMENTS + id + "/cancel", "").status()).isEqualTo(404);
        assertThat(rest.delete(STATEMENTS + id).status()).isEqualTo(404);
        assertThat(asOther("DELETE", STATEMENTS + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherPrincipalCannotUseOrCloseASession() throws Exception {
        RestClient.Reply created = rest.post("/api/2.0/sql/sessions",
                "{\"warehouse_id\":\"" + warehouse.warehouseId() + "\"}");
        assertThat(created.status()).isEqualTo(200);
        String session = created.body().path("session_id").asText();

        String body = "{\"statement\":\"SELECT 1\",\"warehouse_id\":\"" + warehouse.warehouseId()
                + "\",\"session_id\":\"" + session + "\",\"wait_timeout\":\"30s\"}";
        HttpResponse<String> borrowed = asOther("POST", "/api/2.0/sql/statements", body);
        assertThat(borrowed.statusCode()).isEqualTo(404);
        assertThat(borrowed.body()).contains("RESOURCE_DOES_NOT_EXIST").contains(session);
        assertThat(asOther("DELETE", "/api/2.0/sql/sessions/" + session, null).statusCode()).isEqualTo(404);

        JsonNode own = rest.finished(rest.post("/api/2.0/sql/statements", body).body());
        assertThat(own.path("status").path("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(rest.delete("/api/2.0/sql/sessions/" + session).status()).isEqualTo(200);
    }

    private static void assertUnknown(HttpResponse<String> r, String id) throws IOException {
        assertThat(r.statusCode()).as(r.request().method() + " " + r.uri()).isEqualTo(404);
        JsonNode body = RestClient.JSON.readTree(r.body());
        assertThat(body.path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(body.path("message").asText()).isEqualTo("Statement " + id + " does not exist or was purged.");
    }

    /** One request as the OAuth service principal, with a token fetched for it (they live only seconds here). */
    private HttpResponse<String> asOther(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + path))
                .header("Authorization", "Bearer " + oauthToken());
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String oauthToken() throws Exception {
        String form = "grant_type=client_credentials&scope=sql&client_id=" + LocalWarehouseExtension.OAUTH_CLIENT_ID
                + "&client_secret=" + URLEncoder.encode(LocalWarehouseExtension.OAUTH_CLIENT_SECRET, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return RestClient.JSON.readTree(r.body()).path("access_token").asText();
    }
}
