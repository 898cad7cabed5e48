package dev.sluice.testing.sea;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain HTTP/1.1 client for the scripted warehouse, sending the default bearer token. */
final class SeaClient {

    static final String STATEMENTS = "/api/2.0/sql/statements/";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ScriptedWarehouse warehouse;

    SeaClient(ScriptedWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    HttpResponse<String> post(String path, String json) {
        return send(api(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path) {
        return send(api(path).GET());
    }

    HttpResponse<String> delete(String path) {
        return send(api(path).DELETE());
    }

    /** POSTs a statement with the given extra JSON fields (without braces) and returns the parsed answer. */
    HttpResponse<String> execute(String sql, String extraFields) {
        String body = "{\"statement\":" + quote(sql) + ",\"warehouse_id\":\"wh1\""
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
        return post(STATEMENTS, body);
    }

    /** GETs an external link with exactly these headers (no Authorization unless given). */
    HttpResponse<byte[]> download(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the warehouse with the default token and a JSON content type. */
    HttpRequest.Builder api(String path) {
        return unauthenticated(path).header("Authorization", "Bearer " + ScriptedWarehouse.DEFAULT_TOKEN);
    }

    HttpRequest.Builder unauthenticated(String path) {
        return HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        return (Map<String, Object>) Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> json, String... path) {
        Map<String, Object> current = json;
        for (String field : path) {
            current = (Map<String, Object>) current.get(field);
        }
        return current;
    }

    /** The single external link of a statement response or chunk response. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> link(Map<String, Object> resultData) {
        List<Map<String, Object>> links = (List<Map<String, Object>>) resultData.get("external_links");
        if (links.size() != 1) {
            throw new AssertionError("expected exactly one link in " + resultData);
        }
        return links.get(0);
    }

    static String quote(String text) {
        return Json.write(text);
    }
}
