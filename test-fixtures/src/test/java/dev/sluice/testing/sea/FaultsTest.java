package dev.sluice.testing.sea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {

    @RegisterExtension
    static final ScriptedWarehouseExtension SEA = new ScriptedWarehouseExtension();

    private static final Result ONE_ROW = Result.jsonRows(Column.list("x INT"), List.of(Result.row("1")));

    @Test
    void errorRepliesHaveExactBodiesAndRetryAfterOn429And503(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        Map<HttpReply, String> expected = Map.of(
                HttpReply.badRequest("bad"), "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad\"}",
                HttpReply.unauthorized(), HttpReply.UNAUTHORIZED_BODY,
                HttpReply.forbidden(), "{\"error_code\":403,\"message\":\"Invalid access token.\"}",
                HttpReply.notFound("gone"), "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"gone\"}",
                HttpReply.conflict("busy"), "{\"error_code\":\"RESOURCE_CONFLICT\",\"message\":\"busy\"}",
                HttpReply.tooManyRequests(7), "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\","
                        + "\"message\":\"Too many requests. Please wait a moment and try again.\"}",
                HttpReply.internalError("oops"), "{\"error_code\":\"INTERNAL_ERROR\",\"message\":\"oops\"}",
                HttpReply.unavailable(3), "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\","
                        + "\"message\":\"The service is temporarily unavailable.\"}",
                HttpReply.error(503, "WORKSPACE_TEMPORARILY_UNAVAILABLE", "later"),
                "{\"error_code\":\"WORKSPACE_TEMPORARILY_UNAVAILABLE\",\"message\":\"later\"}");

        for (Map.Entry<HttpReply, String> entry : expected.entrySet()) {
            HttpReply reply = entry.getKey();
            warehouse.on(Endpoint.CREATE_SESSION).reply(reply);
            HttpResponse<String> response = client.post("/api/2.0/sql/sessions/", "{\"warehouse_id\":\"wh1\"}");

            assertThat(response.statusCode()).isEqualTo(reply.status());
            assertThat(response.body()).isEqualTo(entry.getValue());
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            boolean throttled = reply.status() == 429 || reply.status() == 503;
            assertThat(response.headers().firstValue("Retry-After").isPresent()).isEqualTo(throttled);
        }
        assertThat(warehouse.createdSessionIds()).isEmpty();
    }

    @Test
    void retryAfterCarriesTheGivenSecondsAndCanBeRemoved(ScriptedWarehouse warehouse) {
        SeaClient client = new SeaClient(warehouse);
        warehouse.on(Endpoint.GET_STATEMENT).reply(HttpReply.tooManyRequests(7));
        HttpResponse<String> seven = client.get(SeaClient.STATEMENTS + "x");
        warehouse.on(Endpoint.GET_STATEMENT).reply(HttpReply.unavailable(1).withoutHeader("retry-after"));
        HttpResponse<String> none = client.get(SeaClient.STATEMENTS + "x");

        assertThat(seven.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(none.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void interceptsApplyNTimesThenNormalHandlingResumes(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(ONE_ROW));
        warehouse.on(Endpoint.EXECUTE_STATEMENT).times(2).reply(HttpReply.tooManyRequests(1));
        SeaClient client = new SeaClient(warehouse);

        List<Integer> statuses = List.of(client.execute("SELECT 1", "").statusCode(),
                client.execute("SELECT 1", "").statusCode(), client.execute("SELECT 1", "").statusCode(),
                client.execute("SELECT 1", "").statusCode());

        assertThat(statuses).containsExactly(429, 429, 200, 200);
        assertThat(warehouse.submissionCount("SELECT 1")).isEqualTo(4);
        assertThat(warehouse.executionCount("SELECT 1")).isEqualTo(2);
    }

    @Test
    void interceptsComeBeforeAuthentication(ScriptedWarehouse warehouse) {
        warehouse.onAnyRequest().reply(HttpReply.unavailable(1));
        SeaClient client = new SeaClient(warehouse);

        HttpResponse<String> response = client.send(client.unauthenticated("/api/2.0/sql/sessions/")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(503);
    }

    @Test
    void connectionFaultsReplaceTheAnswer(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(ONE_ROW));
        warehouse.on(Endpoint.EXECUTE_STATEMENT).fault(Fault.CONNECTION_RESET_BY_PEER);
        warehouse.on(Endpoint.EXECUTE_STATEMENT).fault(Fault.EMPTY_RESPONSE);
        SeaClient client = new SeaClient(warehouse);

        assertThatThrownBy(() -> client.execute("SELECT 1", "")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> client.execute("SELECT 1", "")).isInstanceOf(UncheckedIOException.class);
        assertThat(client.execute("SELECT 1", "").statusCode()).isEqualTo(200);
        assertThat(warehouse.submissionCount("SELECT 1")).isEqualTo(3);
        assertThat(warehouse.executionCount("SELECT 1")).isEqualTo(1);
    }

    @Test
    void delaysHoldTheNormalAnswer(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(ONE_ROW));
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT 1", "")).get("statement_id");
        warehouse.on(Endpoint.GET_STATEMENT).always().delay(Duration.ofMillis(300));

        long started = System.nanoTime();
        HttpResponse<String> response = client.get(SeaClient.STATEMENTS + id);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(SeaClient.object(SeaClient.json(response), "status")).containsEntry("state", "SUCCEEDED");
    }

    @Test
    void delayedRepliesAndDelayedFaultsWaitFirst(ScriptedWarehouse warehouse) {
        warehouse.on(Endpoint.GET_STATEMENT).reply(HttpReply.internalError("late").withDelay(Duration.ofMillis(250)));
        SeaClient client = new SeaClient(warehouse);

        long started = System.nanoTime();
        HttpResponse<String> response = client.get(SeaClient.STATEMENTS + "x");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(response.statusCode()).isEqualTo(500);
    }

    @Test
    void truncatedDownloadAnnouncesTheFullLengthAndCloses(ScriptedWarehouse warehouse) throws IOException {
        byte[] payload = InlineResultsTest.payload(5000);
        warehouse.script(StatementScript.any().succeeds(Result.externalLinks(Column.list("id INT"),
                List.of(Chunk.of(10, payload)))));
        warehouse.on(Endpoint.DOWNLOAD).truncateBody(1000);
        SeaClient client = new SeaClient(warehouse);
        String url = (String) SeaClient.link(SeaClient.object(SeaClient.json(client.execute("SELECT id",
                "\"disposition\":\"EXTERNAL_LINKS\",\"format\":\"ARROW_STREAM\"")), "result")).get("external_link");

        byte[] raw = rawGet(URI.create(url));
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n") + 4;

        assertThat(text).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Length: 5000\r\n");
        assertThat(raw.length - headerEnd).isEqualTo(1000);
        assertThat(client.download(url, Map.of()).body()).isEqualTo(payload);
    }

    @Test
    void interceptsCanTargetOneStatementAndChunk(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().succeeds(Result.jsonChunks(Column.list("x INT"),
                List.of(List.of(Result.row("1")), List.of(Result.row("2")), List.of(Result.row("3"))))));
        SeaClient client = new SeaClient(warehouse);
        String first = (String) SeaClient.json(client.execute("SELECT 1", "")).get("statement_id");
        String second = (String) SeaClient.json(client.execute("SELECT 2", "")).get("statement_id");
        warehouse.on(Endpoint.GET_CHUNK).forStatement(second).forChunk(2).always().reply(HttpReply.internalError("x"));

        assertThat(client.get(SeaClient.STATEMENTS + first + "/result/chunks/2").statusCode()).isEqualTo(200);
        assertThat(client.get(SeaClient.STATEMENTS + second + "/result/chunks/1").statusCode()).isEqualTo(200);
        assertThat(client.get(SeaClient.STATEMENTS + second + "/result/chunks/2").statusCode()).isEqualTo(500);
        assertThat(client.get(SeaClient.STATEMENTS + second + "/result/chunks/2").statusCode()).isEqualTo(500);
        assertThat(warehouse.chunkFetchCount(second, 2)).isEqualTo(2);
    }

    @Test
    void interceptedCancelDoesNotReachTheStatement(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.any().runsUntilCancelled());
        warehouse.on(Endpoint.CANCEL_STATEMENT).fault(Fault.CONNECTION_RESET_BY_PEER);
        SeaClient client = new SeaClient(warehouse);
        String id = (String) SeaClient.json(client.execute("SELECT 1", "")).get("statement_id");

        assertThatThrownBy(() -> client.post(SeaClient.STATEMENTS + id + "/cancel", "{}"))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(warehouse.stateOf(id)).hasValue(StatementState.RUNNING);
        assertThat(warehouse.cancelledStatementIds()).isEmpty();
        assertThat(warehouse.requests(Endpoint.CANCEL_STATEMENT)).extracting(RecordedRequest::statementId)
                .containsExactly(id);
        assertThat(client.post(SeaClient.STATEMENTS + id + "/cancel", "{}").statusCode()).isEqualTo(200);
        assertThat(warehouse.cancelledStatementIds()).containsExactly(id);
    }

    @Test
    void failingPredicatesAnswer500NamingTheRequest(ScriptedWarehouse warehouse) {
        warehouse.script(StatementScript.matching("broken", request -> {
            throw new IllegalStateException("predicate bug");
        }).succeeds(ONE_ROW));

        HttpResponse<String> response = new SeaClient(warehouse).execute("SELECT 1", "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(SeaClient.json(response).get("message").toString()).contains("predicate bug", "POST");
    }

    private static byte[] rawGet(URI url) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(5000);
            String request = "GET " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: "
                    + url.getHost() + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(received);
            return received.toByteArray();
        }
    }
}
