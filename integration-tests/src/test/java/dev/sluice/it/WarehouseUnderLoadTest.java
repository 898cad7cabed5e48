package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local warehouse under load, observed over HTTP: hybrid waits hold no HTTP thread, stalled and idle clients do
 * not starve the others, short statements are not queued behind long ones, and closing a session or canceling a
 * statement stops its Spark job. Bounds are generous: these are liveness checks, not performance assertions.
 */
@ExtendWith(LocalWarehouseExtension.class)
class WarehouseUnderLoadTest {

    private static final String GATES = "dev.sluice.warehouse.sql.Gates";

    private final LocalWarehouse warehouse;
    private final RestClient rest;

    WarehouseUnderLoadTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    /**
     * More hybrid waits than the server has HTTP threads (256) are parked at once, and the server still answers: a
     * wait that held its thread would leave none for the health check.
     */
    @Test
    void hybridWaitsAreParkedWithoutHoldingHttpThreads() throws Exception {
        String gate = gate("parked");
        String sql = "SELECT reflect('" + GATES + "', 'pass', '" + gate + "', CAST(120000 AS BIGINT)) AS g";
        int waits = 300;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> submits = new ArrayList<>();
        try {
            for (int i = 0; i < waits; i++) {
                submits.add(client.sendAsync(statement(sql + " -- " + i, "\"wait_timeout\":\"50s\""),
                        HttpResponse.BodyHandlers.ofString()));
            }
            awaitTrue("all " + waits + " hybrid waits are parked on the server",
                    () -> rest.get("/sluice/health").body().path("requests_parked").asInt() >= waits);
            assertThat(submits).as("none answered while the gate is closed").noneMatch(CompletableFuture::isDone);
        } finally {
            rest.post("/sluice/gates/" + gate, "{}");
        }
        for (CompletableFuture<HttpResponse<String>> f : submits) {
            HttpResponse<String> r = f.get(120, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
        }
        rest.delete("/sluice/gates/" + gate);
    }

    /**
     * Clients that send their headers and stall in the middle of the body hold a thread each for a bounded time
     * only: a query is answered while 30 of them are stalled, and the server closes them later.
     */
    @Test
    void stalledUploadsDoNotStarveOtherClientsAndAreClosed() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Socket s = new Socket(warehouse.host(), warehouse.port());
                OutputStream out = s.getOutputStream();
                out.write(("POST /api/2.0/sql/statements HTTP/1.1\r\nHost: " + warehouse.host() + ":" + warehouse.port()
                        + "\r\nAuthorization: Bearer " + warehouse.token() + "\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 1000\r\n\r\n{\"statement\":\"SELECT ").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(s);
            }
            CompletableFuture<Long> query = CompletableFuture.supplyAsync(this::selectOne);
            assertThat(query.get(60, TimeUnit.SECONDS)).isEqualTo(1L);
            for (Socket s : stalled) {
                assertThat(isOpen(s)).as("the stalled uploads are still stalled when the query is answered").isTrue();
            }
            for (Socket s : stalled) {
                assertThat(closedByServerWithin(s, Duration.ofSeconds(120))).as("a stalled upload is closed").isTrue();
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /**
     * 250 idle keep-alive connections, more than the JDK server keeps by default, and then the driver runs queries
     * on its own connections: none of them is dropped without notice.
     */
    @Test
    void aQueryRunsWhile250IdleKeepAliveConnectionsAreOpen() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 250; i++) {
                Socket s = new Socket(warehouse.host(), warehouse.port());
                s.setSoTimeout(30_000);
                String head = exchange(s, "GET /sluice/health HTTP/1.1\r\nHost: " + warehouse.host() + ":"
                        + warehouse.port() + "\r\n\r\n");
                assertThat(head).startsWith("HTTP/1.1 200");
                idle.add(s);
            }
            // back to back: a connection the server closed after a response without saying so is reused before
            // the client can see it closed, and the next statement POST on it fails
            try (Connection c = connect(); Statement st = c.createStatement()) {
                for (int i = 0; i < 30; i++) {
                    try (ResultSet rs = st.executeQuery("SELECT " + i)) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(i);
                    }
                }
            }
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /**
     * Two long statements, each a job of 200 tasks that wait 300 ms at a closed gate, take both task slots; a short
     * query submitted after them finishes while both still have tasks that never started. In FIFO order it would
     * wait until every task of both had started.
     */
    @Test
    void aShortQueryIsNotQueuedBehindTwoLongOnes() throws Exception {
        String gate = gate("long");
        String longSql = "SELECT count(*) FROM range(0, 200, 1, 200) WHERE reflect('" + GATES + "', 'pass', '" + gate
                + "', CAST(300 AS BIGINT)) = 'open'";
        String first = rest.execute(longSql + " -- 1", "\"wait_timeout\":\"0s\"").body().path("statement_id").asText();
        String second = rest.execute(longSql + " -- 2", "\"wait_timeout\":\"0s\"").body().path("statement_id").asText();
        try {
            awaitTrue("both long statements hold task slots", () -> rest.get("/sluice/gates/" + gate).body()
                    .path("arrived").asInt() >= 4);
            JsonNode shortOne = rest.finished(rest.execute("SELECT sum(id) FROM range(0, 100, 1, 1)",
                    "\"wait_timeout\":\"50s\"").body());
            int arrived = rest.get("/sluice/gates/" + gate).body().path("arrived").asInt();
            assertThat(shortOne.path("status").path("state").asText()).isEqualTo("SUCCEEDED");
            assertThat(shortOne.path("result").path("data_array").get(0).get(0).asText()).isEqualTo("4950");
            assertThat(arrived).as("tasks of the long statements started before the short query finished")
                    .isLessThan(400);
            assertThat(state(first)).isEqualTo("RUNNING");
            assertThat(state(second)).isEqualTo("RUNNING");
        } finally {
            rest.post("/api/2.0/sql/statements/" + first + "/cancel", "{}");
            rest.post("/api/2.0/sql/statements/" + second + "/cancel", "{}");
            rest.delete("/sluice/gates/" + gate);
        }
    }

    /** Closing a session cancels its running statement, and the Spark task waiting at the gate is interrupted. */
    @Test
    void closingASessionCancelsItsRunningStatements() throws Exception {
        String gate = gate("session");
        String session = rest.post("/api/2.0/sql/sessions", "{\"warehouse_id\":\"" + warehouse.warehouseId() + "\"}")
                .body().path("session_id").asText();
        String id = rest.execute("SELECT reflect('" + GATES + "', 'pass', '" + gate + "', CAST(120000 AS BIGINT))",
                "\"wait_timeout\":\"0s\",\"session_id\":\"" + session + "\"").body().path("statement_id").asText();
        try {
            awaitTrue("the statement waits at its gate", () -> waiting(gate) == 1);
            assertThat(rest.delete("/api/2.0/sql/sessions/" + session).status()).isEqualTo(200);
            assertThat(state(id)).isEqualTo("CANCELED");
            awaitTrue("the Spark task stopped waiting although the gate stayed closed", () -> waiting(gate) == 0);
            assertThat(rest.get("/sluice/gates/" + gate).body().path("open").asBoolean()).isFalse();
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    /**
     * A cancel while the submit is parked in its hybrid wait: the parked POST is answered CANCELED at once, long
     * before its 50 s wait would end, and the Spark task stops.
     */
    @Test
    void cancelDuringTheHybridWaitAnswersTheWaitAndStopsSpark() throws Exception {
        String gate = gate("cancel");
        String sql = "SELECT reflect('" + GATES + "', 'pass', '" + gate + "', CAST(120000 AS BIGINT)) AS g";
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> submit = client.sendAsync(statement(sql, "\"wait_timeout\":\"50s\""),
                HttpResponse.BodyHandlers.ofString());
        try {
            awaitTrue("the statement waits at its gate", () -> waiting(gate) == 1);
            String id = null;
            for (JsonNode s : rest.get("/sluice/statements").body().path("statements")) {
                if (s.path("statement").asText().equals(sql)) {
                    id = s.path("statement_id").asText();
                }
            }
            assertThat(id).as("the running statement is listed").isNotNull();
            assertThat(submit).as("the submit is still waiting").isNotDone();
            assertThat(rest.post("/api/2.0/sql/statements/" + id + "/cancel", "{}").status()).isEqualTo(200);
            HttpResponse<String> answered = submit.get(25, TimeUnit.SECONDS);
            JsonNode body = RestClient.JSON.readTree(answered.body());
            assertThat(body.path("statement_id").asText()).isEqualTo(id);
            assertThat(body.path("status").path("state").asText()).isEqualTo("CANCELED");
            awaitTrue("the Spark task stopped waiting although the gate stayed closed", () -> waiting(gate) == 0);
        } finally {
            rest.delete("/sluice/gates/" + gate);
        }
    }

    private long selectOne() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
    }

    private HttpRequest statement(String sql, String extra) {
        String body = "{\"statement\":" + RestClient.quote(sql) + ",\"warehouse_id\":\"" + warehouse.warehouseId()
                + "\"," + extra + "}";
        return HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/api/2.0/sql/statements"))
                .timeout(Duration.ofSeconds(180))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String state(String statementId) {
        return rest.get("/api/2.0/sql/statements/" + statementId).body().path("status").path("state").asText();
    }

    private int waiting(String gate) {
        return rest.get("/sluice/gates/" + gate).body().path("waiting").asInt();
    }

    private static String gate(String label) {
        return "load-" + label + "-" + System.nanoTime();
    }

    /** Polls until the condition holds, for at most two minutes. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(until);
            Thread.sleep(50);
        }
    }

    /** Sends one request and reads its whole response (fixed length); returns the head. */
    private static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the head: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return h;
    }

    /** True when a read neither ends nor fails within a millisecond: the server keeps the connection. */
    private static boolean isOpen(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean closedByServerWithin(Socket s, Duration d) throws IOException {
        s.setSoTimeout((int) d.toMillis());
        try {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // a response (an error) may come first; the end of the stream is what counts
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
