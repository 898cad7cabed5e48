package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for the warehouse's REST API (java.net.http, no driver involved). */
public final class RestClient {

    static final ObjectMapper JSON = new ObjectMapper();

    public record Reply(int status, JsonNode body, HttpResponse<byte[]> raw) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final LocalWarehouse warehouse;

    public RestClient(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    public Reply post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    /** A statement request with the warehouse id filled in; extra is more JSON fields (may be empty). */
    Reply execute(String sql, String extra) {
        String body = "{\"statement\":" + quote(sql) + ",\"warehouse_id\":\"" + warehouse.warehouseId() + "\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
        return post("/api/2.0/sql/statements", body);
    }

    /** Polls until the statement leaves PENDING/RUNNING. */
    Reply await(String statementId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Reply r = get("/api/2.0/sql/statements/" + statementId);
            String state = r.body().path("status").path("state").asText();
            if (!state.equals("PENDING") && !state.equals("RUNNING")) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("statement " + statementId + " did not finish in 60 s");
    }

    /** The final response of a statement: a busy machine may need longer than the default 10 s wait. */
    JsonNode finished(JsonNode response) {
        String state = response.path("status").path("state").asText();
        if (!state.equals("PENDING") && !state.equals("RUNNING")) {
            return response;
        }
        try {
            return await(response.path("statement_id").asText()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> download(String url, boolean withAuth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (withAuth) {
            b.header("Authorization", "Bearer " + warehouse.token());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply raw(HttpRequest.Builder builder) {
        return send(builder);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Content-Type", "application/json");
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Reply(r.statusCode(), body, r);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
