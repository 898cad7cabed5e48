package dev.sluice.warehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes JSON and error responses. */
public final class Responses {

    private Responses() {
    }

    public static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        json(ex, status, Json.write(body), Map.of());
    }

    public static void json(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void error(HttpExchange ex, ApiError e) throws IOException {
        var body = Json.object();
        if (e.errorCode() instanceof Integer i) {
            body.put("error_code", i);
        } else {
            body.put("error_code", String.valueOf(e.errorCode()));
        }
        body.put("message", e.getMessage());
        Map<String, String> headers = new java.util.HashMap<>(e.headers());
        if (e.status() == 429 || e.status() == 503) {
            // clients (the official JDBC driver among them) refuse to retry without it
            headers.putIfAbsent("Retry-After", "1");
        }
        json(ex, e.status(), Json.write(body), headers);
    }
}
