package dev.sluice.testing.sea;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** Answers the Statement Execution endpoints: execute, get, cancel, close and chunk. */
final class StatementEndpoints {

    private static final Set<String> DISPOSITIONS = Set.of("INLINE", "EXTERNAL_LINKS", "INLINE_OR_EXTERNAL_LINKS");
    private static final Set<String> FORMATS = Set.of("JSON_ARRAY", "ARROW_STREAM", "CSV");
    private static final Set<String> ON_WAIT_TIMEOUT = Set.of("CONTINUE", "CANCEL");
    private static final Set<String> COMPRESSIONS = Set.of("LZ4_FRAME", "NONE");

    private final ScriptBook scripts;
    private final Statements statements;
    private final Sessions sessions;
    private final ResponseBodies bodies;
    private final Pauses pauses;

    StatementEndpoints(ScriptBook scripts, Statements statements, Sessions sessions, ResponseBodies bodies,
                       Pauses pauses) {
        this.scripts = scripts;
        this.statements = statements;
        this.sessions = sessions;
        this.bodies = bodies;
        this.pauses = pauses;
    }

    /** {@code POST /api/2.0/sql/statements}: validate, pick a script, create, maybe hold, answer. */
    HttpReply execute(RecordedRequest http, long arrival) {
        StatementRequest request = new StatementRequest(http);
        HttpReply invalid = validate(request);
        if (invalid != null) {
            return invalid;
        }
        String sessionId = request.sessionId();
        if (sessionId != null && !sessions.isLive(sessionId)) {
            return HttpReply.notFound("Session " + sessionId + " does not exist or was closed.");
        }
        StatementScript script = scripts.take(request);
        if (script == null) {
            return HttpReply.badRequest("ScriptedWarehouse has no script for statement: " + request.statement());
        }
        if (script.outcome() == StatementScript.Outcome.REJECTS) {
            return script.rejection();
        }
        RunningStatement statement = statements.create(script, request);
        holdForWaitTimeout(statement, arrival);
        return ok(bodies.statement(statement, statement.report()));
    }

    /** {@code GET /api/2.0/sql/statements/{id}}: one more observation. */
    HttpReply get(String id) {
        RunningStatement statement = statements.get(id);
        return statement == null ? unknown(id) : ok(bodies.statement(statement, statement.report()));
    }

    /** {@code POST .../cancel}: a receipt; the state changes only if the statement was still running. */
    HttpReply cancel(String id) {
        RunningStatement statement = statements.get(id);
        if (statement == null) {
            return unknown(id);
        }
        statement.cancel();
        statements.recordCancel(id);
        return ok(Json.object());
    }

    /** {@code DELETE /api/2.0/sql/statements/{id}}: close; later GETs answer CLOSED, chunk GETs 404. */
    HttpReply close(String id) {
        RunningStatement statement = statements.get(id);
        if (statement == null) {
            return unknown(id);
        }
        statement.close();
        statements.recordClose(id);
        return ok(Json.object());
    }

    /** {@code GET .../result/chunks/{i}}: the chunk's ResultData with a fresh link; not an observation. */
    HttpReply chunk(String id, int index) {
        RunningStatement statement = statements.get(id);
        if (statement == null) {
            return unknown(id);
        }
        StatementState state = statement.current();
        if (state == StatementState.CLOSED) {
            return HttpReply.notFound("Statement " + id + " is closed; its results were released.");
        }
        if (state != StatementState.SUCCEEDED) {
            return HttpReply.error(400, "INVALID_STATE", "Statement " + id + " is " + state + ", not SUCCEEDED.");
        }
        if (index >= statement.result().chunkCount()) {
            return HttpReply.badRequest("Chunk index " + index + " is out of range: the result has "
                    + statement.result().chunkCount() + " chunks.");
        }
        return ok(bodies.resultData(statement, index));
    }

    static HttpReply ok(Json.Obj body) {
        return HttpReply.ofShared(200, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private void holdForWaitTimeout(RunningStatement statement, long arrival) {
        StatementRequest request = statement.request();
        int waitSeconds = request.waitTimeoutSeconds();
        if (!statement.script().honoursWaitTimeout() || waitSeconds == 0 || statement.current().isTerminal()) {
            return;
        }
        Duration hold = Duration.ofSeconds(waitSeconds);
        Duration untilCompletion = statement.untilCompletion();
        boolean completesFirst = untilCompletion != null && untilCompletion.compareTo(hold) < 0;
        pauses.pause(completesFirst ? untilCompletion : hold, arrival);
        if (!completesFirst && request.cancelsOnWaitTimeout()) {
            statement.cancel();
        }
    }

    private static HttpReply validate(StatementRequest request) {
        if (request.httpRequest().json() == null) {
            return HttpReply.badRequest("Malformed request: the body must be a JSON object.");
        }
        if (request.statement() == null || request.statement().isEmpty()) {
            return HttpReply.badRequest("statement is required.");
        }
        if (request.warehouseId() == null || request.warehouseId().isEmpty()) {
            return HttpReply.badRequest("warehouse_id is required.");
        }
        int wait = request.waitTimeoutSeconds();
        if (wait != 0 && (wait < 5 || wait > 50)) {
            return HttpReply.badRequest("wait_timeout must be 0s or between 5s and 50s, got "
                    + request.json().get("wait_timeout") + ".");
        }
        HttpReply invalid = oneOf(request, "disposition", DISPOSITIONS);
        invalid = invalid != null ? invalid : oneOf(request, "format", FORMATS);
        invalid = invalid != null ? invalid : oneOf(request, "on_wait_timeout", ON_WAIT_TIMEOUT);
        invalid = invalid != null ? invalid : oneOf(request, "result_compression", COMPRESSIONS);
        if (invalid == null && "INLINE".equals(request.disposition()) && "CSV".equals(request.format())) {
            return HttpReply.badRequest("The INLINE disposition does not support the CSV format.");
        }
        return invalid;
    }

    private static HttpReply oneOf(StatementRequest request, String field, Set<String> allowed) {
        Object value = request.json().get(field);
        if (value == null || value instanceof String text && allowed.contains(text)) {
            return null;
        }
        return HttpReply.badRequest(field + " must be one of " + new TreeSet<>(allowed) + ", got " + value + ".");
    }

    private static HttpReply unknown(String id) {
        return HttpReply.notFound("Statement " + id + " does not exist.");
    }
}
