package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LifecycleTest {

    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final Result ONE_ROW = Result.jsonRows(Column.list("x INT"), List.of(Result.row("1")));

    @Test
    void postAnswersTheFirstPolledStateAndEachGetTheNext(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("SELECT 1")
                .polls(StatementState.PENDING, StatementState.RUNNING).succeeds(ONE_ROW));
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> post = client.execute("SELECT 1", "\"wait_timeout\":\"0s\"");
        String id = warehouse.statementIds().get(0);
        StatementState afterPost = warehouse.stateOf(id).orElseThrow();
        HttpResponse<String> first = client.get(SeaClient.STATEMENTS + id);
        HttpResponse<String> second = client.get("/api/2.0/sql/statements/" + id);
        HttpResponse<String> third = client.get(SeaClient.STATEMENTS + id);

        assertThat(post.body()).isEqualTo("{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"PENDING\"}}");
        assertThat(afterPost).isEqualTo(StatementState.PENDING);
        assertThat(first.body()).isEqualTo("{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"RUNNING\"}}");
        assertThat(SeaClient.object(SeaClient.json(second), "status")).containsEntry("state", "SUCCEEDED");
        assertThat(SeaClient.json(second)).containsKeys("manifest", "result");
        assertThat(third.body()).isEqualTo(second.body());
        assertThat(warehouse.requests(Endpoint.GET_STATEMENT)).extracting(RecordedRequest::statementId)
                .containsExactly(id, id, id);
    }

    @Test
    void runningStatementTurnsCanceledWhenCancelReachesTheServer(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().runsUntilCancelled());
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT sleep()", "")).get("statement_id");

        for (int poll = 0; poll < 3; poll++) {
            assertThat(state(client, id)).isEqualTo("RUNNING");
        }
        HttpResponse<String> cancel = client.post(SeaClient.STATEMENTS + id + "/cancel", "{}");

        assertThat(cancel.statusCode()).isEqualTo(200);
        assertThat(cancel.body()).isEqualTo("{}");
        assertThat(state(client, id)).isEqualTo("CANCELED");
        assertThat(warehouse.cancelledStatementIds()).containsExactly(id);
        assertThat(warehouse.stateOf(id)).hasValue(StatementState.CANCELED);
    }

    @Test
    void cancelAfterCompletionLosesTheRace(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(ONE_ROW));
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT 1", "")).get("statement_id");

        client.post(SeaClient.STATEMENTS + id + "/cancel", "{}");

        assertThat(state(client, id)).isEqualTo("SUCCEEDED");
        assertThat(warehouse.cancelledStatementIds()).containsExactly(id);
    }

    @Test
    void closedStatementsAnswerClosed(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("SELECT 1").succeeds(ONE_ROW));
        warehouse.script(StatementScript.forSql("SELECT slow").runsUntilCancelled());
        SeaClient client = new SeaClient(warehouse);
        String done = (String) SeaClient.json(client.execute("SELECT 1", "")).get("statement_id");
        String running = (String) SeaClient.json(client.execute("SELECT slow", "")).get("statement_id");

        HttpResponse<String> close = client.delete(SeaClient.STATEMENTS + done);
        client.delete(SeaClient.STATEMENTS + running);

        assertThat(close.statusCode()).isEqualTo(200);
        assertThat(close.body()).isEqualTo("{}");
        assertThat(client.get(SeaClient.STATEMENTS + done).body())
                .isEqualTo("{\"statement_id\":\"" + done + "\",\"status\":{\"state\":\"CLOSED\"}}");
        assertThat(state(client, running)).isEqualTo("CLOSED");
        assertThat(client.get(SeaClient.STATEMENTS + done + "/result/chunks/0").statusCode()).isEqualTo(404);
        assertThat(warehouse.closedStatementIds()).containsExactly(done, running);
        assertThat(warehouse.cancelledStatementIds()).isEmpty();
    }

    @Test
    void failedStatementCarriesErrorClassAndSqlState(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.forSql("SELECT 1/0")
                .fails(SqlError.of("DIVIDE_BY_ZERO", "Division by zero.", "22012")));
        warehouse.script(StatementScript.forSql("SELEC 1").fails(SqlError.raw("BAD_REQUEST",
                "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 (line 1, pos 0)\n")));
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> divide = client.execute("SELECT 1/0", "");
        HttpResponse<String> syntax = client.execute("SELEC 1", "");

        assertThat(divide.statusCode()).isEqualTo(200);
        assertThat(divide.body()).isEqualTo("{\"statement_id\":\"" + warehouse.statementIds().get(0) + "\","
                + "\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":\"BAD_REQUEST\","
                + "\"message\":\"[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012\"},\"sql_state\":\"22012\"}}");
        assertThat(SeaClient.object(SeaClient.json(syntax), "status")).doesNotContainKey("sql_state");
        assertThat(SeaClient.object(SeaClient.json(syntax), "status", "error"))
                .containsEntry("message", "\n[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601 "
                        + "(line 1, pos 0)\n");
        assertThat(warehouse.executionCount("SELECT 1/0")).isEqualTo(1);
    }

    @Test
    void sqlErrorVariantsShapeTheStatus(ScriptedWarehouse warehouse) {
        SqlError base = SqlError.of("TABLE_OR_VIEW_NOT_FOUND", "The table or view `t` cannot be found.", "42P01");
        warehouse.script(StatementScript.forSql("a").fails(base.withoutSqlStateField().withErrorCode(null)));
        warehouse.script(StatementScript.forSql("b").fails(base.withErrorCode("NOT_FOUND").withSqlStateField("XXXXX")));
        SeaClient client = new SeaClient(warehouse);

        Map<String, Object> a = SeaClient.object(SeaClient.json(client.execute("a", "")), "status");
        Map<String, Object> b = SeaClient.object(SeaClient.json(client.execute("b", "")), "status");

        assertThat(Json.write(a)).isEqualTo("{\"state\":\"FAILED\",\"error\":{\"message\":"
                + "\"[TABLE_OR_VIEW_NOT_FOUND] The table or view `t` cannot be found. SQLSTATE: 42P01\"}}");
        assertThat(b).containsEntry("sql_state", "XXXXX");
        assertThat(SeaClient.object(b, "error")).containsEntry("error_code", "NOT_FOUND");
    }

    @Test
    void canceledOutcomeHasOnlyTheState(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().polls(StatementState.RUNNING).canceled());
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT x", "")).get("statement_id");

        assertThat(client.get(SeaClient.STATEMENTS + id).body())
                .isEqualTo("{\"statement_id\":\"" + id + "\",\"status\":{\"state\":\"CANCELED\"}}");
    }

    @Test
    void timedStatementCompletesAfterItsDuration(ScriptedWarehouse warehouse) throws InterruptedException {
        warehouse.script(StatementScript.any().completesAfter(Duration.ofMillis(300)).succeeds(ONE_ROW));
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT x", "")).get("statement_id");

        String early = state(client, id);
        Thread.sleep(400);

        assertThat(early).isEqualTo("RUNNING");
        assertThat(state(client, id)).isEqualTo("SUCCEEDED");
    }

    @Test
    void honouredWaitReturnsAsSoonAsTheStatementCompletes(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().completesAfter(Duration.ofMillis(300)).honoursWaitTimeout()
                .succeeds(ONE_ROW));
        SeaClient client = new SeaClient(warehouse);

        long started = System.nanoTime();
        HttpResponse<String> response = client.execute("SELECT x", "\"wait_timeout\":\"5s\"");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(SeaClient.object(SeaClient.json(response), "status")).containsEntry("state", "SUCCEEDED");
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(4500));
    }

    @Test
    void zeroWaitIsNotHeld(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().honoursWaitTimeout().runsUntilCancelled());

        long started = System.nanoTime();
        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT x",
                "\"wait_timeout\":\"0s\",\"on_wait_timeout\":\"CANCEL\"");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(SeaClient.object(SeaClient.json(response), "status")).containsEntry("state", "RUNNING");
    }

    @Test
    void honouredWaitCancelsWhenTheRequestSaysSo(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().honoursWaitTimeout().runsUntilCancelled());
        SeaClient client = new SeaClient(warehouse);

        long started = System.nanoTime();
        HttpResponse<String> response = client.execute("SELECT x",
                "\"wait_timeout\":\"5s\",\"on_wait_timeout\":\"CANCEL\"");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(SeaClient.object(SeaClient.json(response), "status")).containsEntry("state", "CANCELED");
        assertThat(warehouse.cancelledStatementIds()).isEmpty();
    }

    private static String state(SeaClient client, String id) {
        return (String) SeaClient.object(SeaClient.json(client.get(SeaClient.STATEMENTS + id)), "status").get("state");
    }
}
