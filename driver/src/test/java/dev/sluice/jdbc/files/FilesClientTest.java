package dev.sluice.jdbc.files;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Files client through a real connection's workspace against WireMock: exact requests, retries, errors. */
class FilesClientTest {
    private static final String TOKEN = "dapi-files-test-token";
    private static final String FILE = "/api/2.0/fs/files/Volumes/main/default/landing/day%201/a%2Bb.csv";

    private WireMockServer server;
    private Connection connection;
    private FilesClient files;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws SQLException {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        connection = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=" + TOKEN + ";httpPath=/sql/1.0/warehouses/wh1");
        files = connection.unwrap(SluiceWorkspace.class).files();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        server.stop();
    }

    private List<LoggedRequest> puts() {
        return server.findAll(putRequestedFor(urlPathEqualTo(FILE)));
    }

    @Test
    void anUploadFromAFileIsSentWholeAgainAfterA503() throws Exception {
        server.stubFor(put(urlPathEqualTo(FILE)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                        .withBody("{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}"))
                .willSetStateTo("ready"));
        server.stubFor(put(urlPathEqualTo(FILE)).inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(aResponse().withStatus(204)));
        Path source = Files.writeString(dir.resolve("a.csv"), "id\n1\n");

        files.upload("/Volumes/main/default/landing/day 1/a+b.csv", source, false);

        assertThat(puts()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getBodyAsString()).isEqualTo("id\n1\n");
            assertThat(r.queryParameter("overwrite").firstValue()).isEqualTo("false");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        });
    }

    @Test
    void anUploadFromAStreamIsSentOnceAndSaysWhyItIsNotRepeated() {
        server.stubFor(put(urlPathEqualTo(FILE)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")
                .withBody("{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}")));
        InputStream once = new ByteArrayInputStream("payload".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> files.upload("/Volumes/main/default/landing/day 1/a+b.csv", once, 7, true))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> assertThat(e.httpStatus()).isEqualTo(503))
                .hasMessageContaining("one-shot InputStream");
        assertThat(puts()).hasSize(1);
        assertThat(puts().get(0).getBodyAsString()).isEqualTo("payload");
        assertThat(puts().get(0).queryParameter("overwrite").firstValue()).isEqualTo("true");
    }

    @Test
    void anErrorKeepsTheServersStatusAndCode() {
        server.stubFor(put(urlPathEqualTo(FILE)).willReturn(aResponse().withStatus(409)
                .withBody("{\"error_code\":\"ALREADY_EXISTS\",\"message\":\"The file being created already exists.\"}")));
        assertThatThrownBy(() -> files.upload("/Volumes/main/default/landing/day 1/a+b.csv",
                new ByteArrayInputStream(new byte[] {1}), 1, false))
                .isInstanceOfSatisfying(WorkspaceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("ALREADY_EXISTS");
                    assertThat(e.serverMessage()).isEqualTo("The file being created already exists.");
                });
        assertThat(puts()).hasSize(1);
    }

    @Test
    void aRangeIsAskedForWithTheRangeHeader() throws Exception {
        server.stubFor(get(urlPathEqualTo(FILE)).willReturn(aResponse().withStatus(206).withBody("bcd")));
        try (InputStream in = files.download("/Volumes/main/default/landing/day 1/a+b.csv", 1, 3)) {
            assertThat(in.readAllBytes()).isEqualTo("bcd".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo(FILE))).get(0).getHeader("Range"))
                .isEqualTo("bytes=1-3");
    }

    @Test
    void aListingIsFetchedPageByPageAsTheStreamIsRead() throws Exception {
        String path = "/api/2.0/fs/directories/Volumes/main/default/landing";
        server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson("{\"contents\":[{\"path\":"
                + "\"/Volumes/main/default/landing/a.csv\",\"is_directory\":false,\"file_size\":3,\"last_modified\":"
                + "1700000000000,\"name\":\"a.csv\"}],\"next_page_token\":\"t2\"}")));
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page_token", equalTo("t2")).willReturn(okJson(
                "{\"contents\":[{\"path\":\"/Volumes/main/default/landing/sub/\",\"is_directory\":true,"
                        + "\"name\":\"sub\"}]}")));

        List<DirectoryEntry> entries = files.list("/Volumes/main/default/landing", 1).collect(Collectors.toList());

        assertThat(entries).extracting(DirectoryEntry::name).containsExactly("a.csv", "sub");
        assertThat(entries.get(0).size()).isEqualTo(3);
        assertThat(entries.get(0).lastModified().toEpochMilli()).isEqualTo(1700000000000L);
        assertThat(entries.get(1).directory()).isTrue();
        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).queryParameter("page_size").firstValue()).isEqualTo("1");
    }

    @Test
    void pathsThatCouldLeaveTheirDirectoryAreRefusedBeforeSending() {
        for (String bad : List.of("Volumes/main/x", "/Volumes/main/../etc", "/Volumes/main//x", "/Volumes/./x")) {
            assertThatThrownBy(() -> files.download(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
        assertThat(server.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().startsWith("/api/2.0/fs/"));
    }
}
