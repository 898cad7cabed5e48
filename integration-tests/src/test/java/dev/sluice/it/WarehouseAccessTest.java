package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may talk to the local warehouse: only this machine by name (a foreign Host is DNS rebinding), never a
 * browser page of another origin, never a form or text body on a JSON endpoint, and only with the token drawn
 * at start, control endpoints included. Each refusal is checked to have done no work.
 */
@ExtendWith(LocalWarehouseExtension.class)
class WarehouseAccessTest {

    private static final String OLD_DEFAULT_TOKEN = "dapi-local-warehouse";

    private final LocalWarehouse warehouse;
    private final RestClient rest;
    private final HttpClient http = HttpClient.newHttpClient();

    WarehouseAccessTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.rest = new RestClient(warehouse);
    }

    @AfterEach
    void clearFaults() {
        rest.delete("/sluice/faults");
    }

    record Raw(int status, String body) {
        JsonNode json() throws IOException {
            return RestClient.JSON.readTree(body);
        }
    }

    @Test
    void aForeignHostIsRefusedBeforeAnyWork() throws Exception {
        String sql = "SELECT '" + UUID.randomUUID() + "' AS rebinding";
        String body = statementBody(sql);
        Raw refused = raw("POST", "/api/2.0/sql/statements", Map.of("Host", "attacker.example:" + warehouse.port(),
                "Authorization", "Bearer " + warehouse.token(), "Content-Type", "application/json"), body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("attacker.example").contains("DNS rebinding");
        assertThat(executions(sql)).isZero();

        for (String host : new String[] {"localhost", "localhost:" + warehouse.port(), "127.0.0.1",
                "127.0.0.1:" + warehouse.port(), "[::1]:" + warehouse.port()}) {
            Raw ok = raw("GET", "/api/2.0/sql/warehouses/" + warehouse.warehouseId(), Map.of("Host", host,
                    "Authorization", "Bearer " + warehouse.token()), null);
            assertThat(ok.status()).as("Host %s", host).isEqualTo(200);
        }
        for (String host : new String[] {"127.0.0.1.attacker.example", "localhost.", "evil:80:1", ""}) {
            Raw no = raw("GET", "/sluice/health", Map.of("Host", host), null);
            assertThat(no.status()).as("Host '%s'", host).isEqualTo(403);
        }
    }

    @Test
    void crossOriginBrowserRequestsAreRefused() throws Exception {
        String sql = "SELECT '" + UUID.randomUUID() + "' AS cross_origin";
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements"))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Content-Type", "application/json")
                .header("Origin", "https://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString(statementBody(sql))));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(RestClient.JSON.readTree(foreign.body()).path("message").asText())
                .contains("Origin 'https://attacker.example'");

        HttpResponse<String> otherLocalPort = send(HttpRequest.newBuilder(uri("/sluice/faults"))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Origin", "http://127.0.0.1:1").GET());
        assertThat(otherLocalPort.statusCode()).as("another local origin is another site").isEqualTo(403);

        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements"))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(statementBody(sql))));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(executions(sql)).isZero();

        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements"))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:" + warehouse.port())
                .POST(HttpRequest.BodyPublishers.ofString(statementBody(sql))));
        assertThat(sameOrigin.statusCode()).as("the warehouse's own origin").isEqualTo(200);
        assertThat(executions(sql)).isEqualTo(1);
    }

    @Test
    void browserStyleTextPostsReachNoJsonEndpoint() throws Exception {
        int rulesBefore = rest.get("/sluice/faults").body().path("rules").size();
        // what <form enctype="text/plain"> or fetch() with a string body sends without a preflight
        HttpResponse<String> fault = send(HttpRequest.newBuilder(uri("/sluice/faults"))
                .header("Authorization", "Bearer " + warehouse.token())
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"drop\"}")));
        assertThat(fault.statusCode()).isEqualTo(415);
        assertThat(RestClient.JSON.readTree(fault.body()).path("message").asText()).contains("text/plain");
        assertThat(rest.get("/sluice/faults").body().path("rules").size()).isEqualTo(rulesBefore);

        String sql = "SELECT '" + UUID.randomUUID() + "' AS text_plain";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            HttpResponse<String> statement = send(HttpRequest.newBuilder(uri("/api/2.0/sql/statements"))
                    .header("Authorization", "Bearer " + warehouse.token())
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(statementBody(sql))));
            assertThat(statement.statusCode()).as(type).isEqualTo(415);
            assertThat(statement.body()).contains(type);
        }
        assertThat(executions(sql)).isZero();

        // without any token at all a text/plain fault post is refused as well (the control endpoints need it)
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/sluice/faults"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"drop\"}")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void theTokenIsRandomPerStartAndKeptOwnerOnlyBesideTheData() throws Exception {
        assertThat(warehouse.token()).matches("dapi[0-9a-f]{32}").isNotEqualTo(OLD_DEFAULT_TOKEN);
        assertThat(warehouse.jdbcUrl()).contains("PWD=" + warehouse.token() + ";");
        Path file = warehouse.warehouseDir().resolve("token");
        assertThat(Files.readString(file).strip()).isEqualTo(warehouse.token());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            for (Path secret : new Path[] {file, warehouse.logFile()}) {
                assertThat(Files.getPosixFilePermissions(secret)).as("%s", secret)
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
        }
        assertThat(Files.readString(warehouse.logFile())).contains("\"token\":\"" + warehouse.token() + "\"");

        HttpResponse<String> old = send(HttpRequest.newBuilder(uri("/api/2.0/sql/warehouses/" + warehouse.warehouseId()))
                .header("Authorization", "Bearer " + OLD_DEFAULT_TOKEN).GET());
        assertThat(old.statusCode()).isEqualTo(403);
    }

    @Test
    void controlEndpointsNeedTheTokenButHealthAndSignedLinksDoNot() throws Exception {
        for (String[] call : new String[][] {{"GET", "/sluice/faults"}, {"DELETE", "/sluice/faults"},
                {"GET", "/sluice/executions"}, {"DELETE", "/sluice/executions"}, {"GET", "/sluice/gates/g"},
                {"POST", "/sluice/gates/g"}, {"DELETE", "/sluice/gates/g"}, {"GET", "/sluice/oauth"},
                {"GET", "/sluice/entra"}, {"GET", "/sluice/statements"},
                {"POST", "/api/2.2/jobs/runs/submit"}, {"GET", "/api/2.2/jobs/runs/list"},
                {"GET", "/api/2.1/jobs/list"}, {"POST", "/api/2.0/workspace/import"},
                {"GET", "/api/2.0/workspace/list?path=/"}, {"PUT", "/api/2.0/fs/files/Volumes/main/default/v/f"},
                {"GET", "/api/2.0/fs/directories/Volumes/main/default/v"}, {"POST", "/api/2.0/fs/create-upload-url"},
                {"GET", "/api/2.0/fs/list?path=/Volumes/main/default/v"}, {"POST", "/api/2.0/feature-store/feature-tables"},
                {"GET", "/api/2.0/feature-store/online-stores"}, {"POST", "/api/2.0/feature-store/tables/a.b.c/publish"},
                {"POST", "/api/2.0/serving-endpoints"}, {"POST", "/serving-endpoints/e/invocations"},
                {"POST", "/api/2.1/unity-catalog/temporary-table-credentials"},
                {"POST", "/api/2.0/unity-catalog/temporary-table-credentials"}}) {
            HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri(call[1]))
                    .method(call[0], HttpRequest.BodyPublishers.noBody()));
            assertThat(anonymous.statusCode()).as("%s %s without a token", call[0], call[1]).isEqualTo(401);
            HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri(call[1]))
                    .header("Authorization", "Bearer dapi-wrong")
                    .method(call[0], HttpRequest.BodyPublishers.noBody()));
            assertThat(wrong.statusCode()).as("%s %s with a wrong token", call[0], call[1]).isEqualTo(403);
        }
        assertThat(rest.get("/sluice/executions").status()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/sluice/health")).GET()).statusCode()).isEqualTo(200);

        JsonNode links = rest.finished(rest.execute("SELECT id FROM range(0, 10)",
                "\"disposition\":\"EXTERNAL_LINKS\",\"format\":\"JSON_ARRAY\"").body());
        String link = links.path("result").path("external_links").get(0).path("external_link").asText();
        HttpResponse<byte[]> download = rest.download(link, false);
        assertThat(download.statusCode()).as("signed links need no Authorization").isEqualTo(200);
    }

    @Test
    void theOAuthTokenFormKeepsItsTypeButNotAForeignOrigin() throws Exception {
        String form = "grant_type=client_credentials&scope=sql&client_id=" + LocalWarehouseExtension.OAUTH_CLIENT_ID
                + "&client_secret=" + URLEncoder.encode(LocalWarehouseExtension.OAUTH_CLIENT_SECRET, StandardCharsets.UTF_8);
        HttpResponse<String> ok = send(HttpRequest.newBuilder(uri("/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = send(HttpRequest.newBuilder(uri("/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://attacker.example")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).doesNotContain("access_token");
    }

    private long executions(String sql) {
        return rest.get("/sluice/executions?statement=" + URLEncoder.encode(sql, StandardCharsets.UTF_8))
                .body().path("executions").asLong();
    }

    private String statementBody(String sql) {
        return "{\"statement\":" + RestClient.quote(sql) + ",\"warehouse_id\":\"" + warehouse.warehouseId()
                + "\",\"wait_timeout\":\"30s\"}";
    }

    private URI uri(String path) {
        return URI.create(warehouse.baseUrl() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One request over a plain socket: java.net.http does not let a caller choose the Host header. */
    private Raw raw(String method, String path, Map<String, String> headers, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Connection", "close");
        all.put("Content-Length", Integer.toString(content.length));
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        try (Socket s = new Socket(warehouse.host(), warehouse.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int start = response.indexOf("\r\n\r\n");
            return new Raw(status, start < 0 ? "" : response.substring(start + 4));
        }
    }
}
