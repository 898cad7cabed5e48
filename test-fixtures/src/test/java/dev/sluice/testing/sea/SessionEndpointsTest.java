package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionEndpointsTest {

    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final String SESSION_ID = "[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void createsSessionsOnEveryPathTheClientsUse(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> withSlash = client.post("/api/2.0/sql/sessions/",
                "{\"warehouse_id\":\"wh1\",\"catalog\":\"main\",\"schema\":\"sales\","
                        + "\"session_confs\":{\"ansi_mode\":\"false\",\"timezone\":\"UTC\"}}");
        HttpResponse<String> withoutSlash = client.post("/api/2.0/sql/sessions", "{\"warehouse_id\":\"wh1\"}");
        HttpResponse<String> official = client.post("/api/2.0/sql/warehouses/wh9/sessions",
                "{\"schema\":\"default\",\"catalog\":\"SPARK\",\"execution_mode\":\"FAST\"}");

        for (HttpResponse<String> response : List.of(withSlash, withoutSlash, official)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).matches("\\{\"session_id\":\"" + SESSION_ID + "\"}");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.headers().firstValue("Matched-Stub-Id")).isEmpty();
        }
        List<String> ids = warehouse.createdSessionIds();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates().isSorted();
        assertThat(ids.get(0)).isEqualTo(SeaClient.json(withSlash).get("session_id"));

        List<SessionRequest> requests = warehouse.sessionRequests();
        assertThat(requests.get(0).warehouseId()).isEqualTo("wh1");
        assertThat(requests.get(0).catalog()).isEqualTo("main");
        assertThat(requests.get(0).schema()).isEqualTo("sales");
        assertThat(requests.get(0).sessionConfs()).containsExactly(Map.entry("ansi_mode", "false"),
                Map.entry("timezone", "UTC"));
        assertThat(requests.get(1).catalog()).isNull();
        assertThat(requests.get(1).sessionConfs()).isEmpty();
        assertThat(requests.get(2).warehouseId()).isEqualTo("wh9");
        assertThat(requests.get(2).json()).containsEntry("execution_mode", "FAST");
    }

    @Test
    void deletesSessionsOnceAndRecordsIt(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.post("/api/2.0/sql/sessions/", "{\"warehouse_id\":\"wh1\"}"))
                .get("session_id");

        HttpResponse<String> deleted = client.delete("/api/2.0/sql/sessions/" + id + "?warehouse_id=wh1");
        HttpResponse<String> again = client.delete("/api/2.0/sql/sessions/" + id + "?warehouse_id=wh1");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(warehouse.deletedSessionIds()).containsExactly(id);
        List<RecordedRequest> deletes = warehouse.requests(Endpoint.DELETE_SESSION);
        assertThat(deletes).hasSize(2);
        assertThat(deletes.get(0).sessionId()).isEqualTo(id);
        assertThat(deletes.get(0).queryParameter("warehouse_id")).isEqualTo("wh1");
    }

    @Test
    void statementsInAnUnknownOrDeletedSessionAreRefused(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        warehouse.script(StatementScript.any().succeeds(Result.noResultSet()));
        String id = (String) SeaClient.json(client.post("/api/2.0/sql/sessions/", "{\"warehouse_id\":\"wh1\"}"))
                .get("session_id");

        HttpResponse<String> live = client.execute("SET x = 1", "\"session_id\":\"" + id + "\"");
        client.delete("/api/2.0/sql/sessions/" + id + "?warehouse_id=wh1");
        HttpResponse<String> deleted = client.execute("SET x = 1", "\"session_id\":\"" + id + "\"");
        HttpResponse<String> unknown = client.execute("SET x = 1", "\"session_id\":\"no-such-session\"");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(SeaClient.json(unknown)).containsEntry("error_code", "RESOURCE_DOES_NOT_EXIST");
        assertThat(warehouse.executionCount("SET x = 1")).isEqualTo(1);
    }

    @Test
    void sessionWithoutWarehouseIsRefused(ScriptedWarehouse warehouse) {
        HttpResponse<String> response = new SeaClient(warehouse).post("/api/2.0/sql/sessions/", "{\"schema\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SeaClient.json(response)).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
        assertThat(warehouse.createdSessionIds()).isEmpty();
    }

    @Test
    void missingCredentialIs401WithTheBearerChallenge(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> none = client.send(client.unauthenticated("/api/2.0/sql/sessions/")
                .POST(HttpRequest.BodyPublishers.ofString("{\"warehouse_id\":\"wh1\"}")));
        HttpResponse<String> basic = client.send(client.unauthenticated("/api/2.0/sql/sessions/")
                .header("Authorization", "Basic dG9rZW46eA==")
                .POST(HttpRequest.BodyPublishers.ofString("{\"warehouse_id\":\"wh1\"}")));

        for (HttpResponse<String> response : List.of(none, basic)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"error_code\":401,\"message\":"
                    + "\"Credential was not sent or was of an unsupported type for this API.\"}");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"DatabricksRealm\"");
        }
        assertThat(warehouse.createdSessionIds()).isEmpty();
        assertThat(warehouse.requests()).hasSize(2);
    }

    @Test
    void wrongTokenIs403(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        warehouse.expectToken("dapi-other");

        HttpResponse<String> response = client.post("/api/2.0/sql/sessions/", "{\"warehouse_id\":\"wh1\"}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"error_code\":403,\"message\":\"Invalid access token.\"}");
        assertThat(warehouse.jdbcUrl("wh1")).contains(";PWD=dapi-other;");
    }

    @Test
    void authenticationCanBeRelaxed(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        HttpRequest.Builder anyToken = client.unauthenticated("/api/2.0/sql/sessions/")
                .header("Authorization", "Bearer whatever")
                .POST(HttpRequest.BodyPublishers.ofString("{\"warehouse_id\":\"wh1\"}"));
        HttpRequest.Builder noToken = client.unauthenticated("/api/2.0/sql/sessions/")
                .POST(HttpRequest.BodyPublishers.ofString("{\"warehouse_id\":\"wh1\"}"));

        assertThat(client.send(anyToken).statusCode()).isEqualTo(403);
        warehouse.acceptAnyToken();
        assertThat(client.send(anyToken).statusCode()).isEqualTo(200);
        assertThat(client.send(noToken).statusCode()).isEqualTo(401);
        warehouse.requireAuthorization(false);
        assertThat(client.send(noToken).statusCode()).isEqualTo(200);
    }

    @Test
    void jdbcUrlPointsAtTheServer(ScriptedWarehouse warehouse) {
        assertThat(warehouse.jdbcUrl("abc123", "dapi-x")).isEqualTo("jdbc:databricks://127.0.0.1:" + warehouse.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=dapi-x;httpPath=/sql/1.0/warehouses/abc123");
        assertThat(warehouse.jdbcUrl("abc123")).contains(";PWD=" + ScriptedWarehouse.DEFAULT_TOKEN + ";");
        assertThat(warehouse.baseUrl()).isEqualTo("http://" + warehouse.host() + ":" + warehouse.port());
    }
}
