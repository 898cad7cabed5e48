package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final Result NOTHING = Result.noResultSet();

    @Test
    void statementIsRequired(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> response = client.post(SeaClient.STATEMENTS, "{\"warehouse_id\":\"wh1\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"statement is required.\"}");
        assertThat(warehouse.statementIds()).isEmpty();
        assertThat(warehouse.statementRequests()).hasSize(1);
    }

    @Test
    void bodyMustBeAJsonObjectWithAWarehouse(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));
        SeaClient client = new SeaClient(warehouse);

        assertThat(client.post(SeaClient.STATEMENTS, "not json").statusCode()).isEqualTo(400);
        assertThat(client.post(SeaClient.STATEMENTS, "[\"SELECT 1\"]").statusCode()).isEqualTo(400);
        assertThat(client.post(SeaClient.STATEMENTS, "{\"statement\":\"SELECT 1\"}").statusCode()).isEqualTo(400);
        assertThat(warehouse.statementIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"4s\"", "\"51s\"", "\"1s\"", "\"10\"", "\"ten\"", "\"-5s\"", "10"})
    void waitTimeoutOutsideTheAllowedValuesIsRefused(String waitTimeout, ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT 1", "\"wait_timeout\":" + waitTimeout);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SeaClient.json(response)).containsEntry("error_code", "INVALID_PARAMETER_VALUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "5s", "10s", "50s"})
    void allowedWaitTimeoutsAreAccepted(String waitTimeout, ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT 1",
                "\"wait_timeout\":\"" + waitTimeout + "\"");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(warehouse.statementRequests().get(0).waitTimeout()).isEqualTo(waitTimeout);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"disposition\":\"STREAM\"", "\"format\":\"PARQUET\"", "\"on_wait_timeout\":\"STOP\"",
            "\"result_compression\":\"GZIP\"", "\"disposition\":\"INLINE\",\"format\":\"CSV\"", "\"format\":1"})
    void unknownEnumValuesAndInlineCsvAreRefused(String fields, ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));

        assertThat(new SeaClient(warehouse).execute("SELECT 1", fields).statusCode()).isEqualTo(400);
    }

    @Test
    void connectorExtensionsAndUnknownFieldsAreAccepted(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));
        SeaClient client = new SeaClient(warehouse);
        String body = "{\"statement\":\"SELECT ?\",\"warehouse_id\":\"wh1\","
                + "\"disposition\":\"INLINE_OR_EXTERNAL_LINKS\","
                + "\"format\":\"ARROW_STREAM\",\"on_wait_timeout\":\"CONTINUE\",\"parameters\":[{\"ordinal\":1,"
                + "\"type\":\"INT\",\"value\":\"6\"},{\"ordinal\":2,\"type\":\"STRING\"}],\"result_compression\":"
                + "\"LZ4_FRAME\",\"row_limit\":10,\"byte_limit\":1048576,\"query_tags\":[{\"key\":\"team\"}],"
                + "\"execution_mode\":\"FAST\"}";

        HttpResponse<String> withSlash = client.post(SeaClient.STATEMENTS, body);
        HttpResponse<String> withoutSlash = client.post("/api/2.0/sql/statements", body);

        assertThat(withSlash.statusCode()).isEqualTo(200);
        assertThat(withoutSlash.statusCode()).isEqualTo(200);
        StatementRequest request = warehouse.statementRequests().get(0);
        assertThat(request.statement()).isEqualTo("SELECT ?");
        assertThat(request.warehouseId()).isEqualTo("wh1");
        assertThat(request.disposition()).isEqualTo("INLINE_OR_EXTERNAL_LINKS");
        assertThat(request.format()).isEqualTo("ARROW_STREAM");
        assertThat(request.onWaitTimeout()).isEqualTo("CONTINUE");
        assertThat(request.resultCompression()).isEqualTo("LZ4_FRAME");
        assertThat(request.rowLimit()).isEqualTo(10L);
        assertThat(request.byteLimit()).isEqualTo(1048576L);
        assertThat(request.has("wait_timeout")).isFalse();
        assertThat(request.waitTimeoutSeconds()).isEqualTo(10);
        assertThat(request.sessionId()).isNull();
        assertThat(request.parameters()).containsExactly(Map.of("ordinal", 1L, "type", "INT", "value", "6"),
                Map.of("ordinal", 2L, "type", "STRING"));
        assertThat(request.queryTags()).containsExactly(Map.of("key", "team"));
        assertThat(request.httpRequest().header("authorization"))
                .isEqualTo("Bearer " + ScriptedWarehouse.DEFAULT_TOKEN);
        assertThat(warehouse.executionCount("SELECT ?")).isEqualTo(2);
    }

    @Test
    void unscriptedStatementIsRefusedNamingTheSql(ScriptedWarehouse warehouse) {
        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT forgotten", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SeaClient.json(response)).containsEntry("error_code", "INVALID_PARAMETER_VALUE")
                .containsEntry("message", "ScriptedWarehouse has no script for statement: SELECT forgotten");
        assertThat(warehouse.submissionCount("SELECT forgotten")).isEqualTo(1);
        assertThat(warehouse.executionCount("SELECT forgotten")).isZero();
    }

    @Test
    void fallbackScriptServesUnmatchedStatements(ScriptedWarehouse warehouse) {
        warehouse.scriptFallback(StatementScript.any().fails(SqlError.of("TABLE_OR_VIEW_NOT_FOUND", "No t.", "42P01")));
        warehouse.script(StatementScript.forSql("SELECT 1").succeeds(NOTHING));
        SeaClient client = new SeaClient(warehouse);

        assertThat(state(client.execute("SELECT 1", ""))).isEqualTo("SUCCEEDED");
        assertThat(state(client.execute("SELECT 2", ""))).isEqualTo("FAILED");
    }

    @Test
    void latestScriptWinsAndLimitedScriptsFallThrough(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSqlMatching("(?i)select .*").succeeds(NOTHING));
        warehouse.script(StatementScript.forSql("SELECT 1").times(2)
                .fails(SqlError.of("INTERNAL_ERROR", "Boom.", "XX000")));
        SeaClient client = new SeaClient(warehouse);

        List<String> states = List.of(state(client.execute("SELECT 1", "")), state(client.execute("SELECT 1", "")),
                state(client.execute("SELECT 1", "")), state(client.execute("select 2", "")));

        assertThat(states).containsExactly("FAILED", "FAILED", "SUCCEEDED", "SUCCEEDED");
        assertThat(warehouse.executionCount("SELECT 1")).isEqualTo(3);
    }

    @Test
    void scriptsCanMatchOnTheParsedRequest(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.matching("arrow requests", request -> "ARROW_STREAM".equals(request.format()))
                .succeeds(Result.empty(Column.list("a INT"))));
        warehouse.script(StatementScript.matching("json requests", request -> "JSON_ARRAY".equals(request.format()))
                .once().succeeds(NOTHING));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> arrow = SeaClient.json(client.execute("SELECT a", "\"format\":\"ARROW_STREAM\""));
        Map<String, Object> json = SeaClient.json(client.execute("SELECT a", "\"format\":\"JSON_ARRAY\""));
        HttpResponse<String> jsonAgain = client.execute("SELECT a", "\"format\":\"JSON_ARRAY\"");

        assertThat(SeaClient.object(arrow, "manifest", "schema")).containsEntry("column_count", 1L);
        assertThat(SeaClient.object(json, "manifest", "schema")).containsEntry("column_count", 0L);
        assertThat(jsonAgain.statusCode()).isEqualTo(400);
    }

    @Test
    void rejectedSubmissionsAreNotExecutions(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("INSERT INTO t VALUES (1)").succeeds(Result.inserted(1, 1)));
        warehouse.script(StatementScript.forSql("INSERT INTO t VALUES (1)").times(2).rejects(HttpReply.unavailable(2)));
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> first = client.execute("INSERT INTO t VALUES (1)", "");
        HttpResponse<String> second = client.execute("INSERT INTO t VALUES (1)", "");
        HttpResponse<String> third = client.execute("INSERT INTO t VALUES (1)", "");

        for (HttpResponse<String> rejected : List.of(first, second)) {
            assertThat(rejected.statusCode()).isEqualTo(503);
            assertThat(rejected.headers().firstValue("Retry-After")).hasValue("2");
        }
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(warehouse.submissionCount("INSERT INTO t VALUES (1)")).isEqualTo(3);
        warehouse.assertExecutedOnce("INSERT INTO t VALUES (1)");
    }

    @Test
    void assertExecutedOnceFailsOtherwise(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(NOTHING));
        SeaClient client = new SeaClient(warehouse);
        client.execute("SELECT 1", "");
        client.execute("SELECT 1", "");

        assertThatThrownBy(() -> warehouse.assertExecutedOnce("SELECT 1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("SELECT 1");
        assertThatThrownBy(() -> warehouse.assertExecutedOnce("SELECT 2"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void unknownStatementsAre404(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        String id = "01ef0000-0000-1000-8000-000000000000";

        List<HttpResponse<String>> responses = List.of(client.get(SeaClient.STATEMENTS + id),
                client.post(SeaClient.STATEMENTS + id + "/cancel", "{}"), client.delete(SeaClient.STATEMENTS + id),
                client.get(SeaClient.STATEMENTS + id + "/result/chunks/0"));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(SeaClient.json(response)).containsEntry("error_code", "RESOURCE_DOES_NOT_EXIST");
        });
        assertThat(warehouse.cancelledStatementIds()).isEmpty();
        assertThat(warehouse.closedStatementIds()).isEmpty();
    }

    @Test
    void chunksOfUnfinishedStatementsAreRefused(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().runsUntilCancelled());
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT 1", "")).get("statement_id");

        HttpResponse<String> chunk = client.get(SeaClient.STATEMENTS + id + "/result/chunks/0");

        assertThat(chunk.statusCode()).isEqualTo(400);
        assertThat(SeaClient.json(chunk)).containsEntry("error_code", "INVALID_STATE");
    }

    @Test
    void unknownPathsAre404WithoutAuthentication(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> config = client.send(client.unauthenticated("/.well-known/databricks-config").GET());
        HttpResponse<String> oidc = client.send(client.unauthenticated("/oidc/.well-known/oauth-authorization-server")
                .GET());
        HttpResponse<String> wrongMethod = client.send(client.api("/api/2.0/sql/statements/")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(config.statusCode()).isEqualTo(404);
        assertThat(config.body()).isEqualTo("{\"error_code\":\"ENDPOINT_NOT_FOUND\","
                + "\"message\":\"No API found for 'GET /.well-known/databricks-config'\"}");
        assertThat(oidc.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        assertThat(warehouse.requests(Endpoint.OTHER)).hasSize(3);
        assertThat(warehouse.requestsTo("/oidc/.*")).hasSize(1);
    }

    private static String state(HttpResponse<String> response) {
        return (String) SeaClient.object(SeaClient.json(response), "status").get("state");
    }
}
