package dev.sluice.jdbc.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sluice.jdbc.SluiceWorkspace;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Workspace API client through a connection's workspace, against WireMock. */
class WorkspaceTreeTest {
    private static final String WS = "/api/2.0/workspace/";

    private WireMockServer server;
    private Connection connection;
    private WorkspaceTree tree;

    @BeforeEach
    void start() throws SQLException {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        connection = DriverManager.getConnection("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=dapi-ws;httpPath=/sql/1.0/warehouses/wh1");
        tree = connection.unwrap(SluiceWorkspace.class).workspaceTree();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        server.stop();
    }

    @Test
    void importMkdirsListStatusAndDeleteSendTheWireFormat() throws Exception {
        for (String endpoint : new String[] {"import", "mkdirs", "delete"}) {
            server.stubFor(post(urlPathEqualTo(WS + endpoint)).willReturn(okJson("{}")));
        }
        server.stubFor(get(urlPathEqualTo(WS + "list")).withQueryParam("path", equalTo("/Shared/etl dir"))
                .willReturn(okJson("{\"objects\":[{\"path\":\"/Shared/etl dir/load\",\"object_type\":\"NOTEBOOK\","
                        + "\"language\":\"SQL\",\"object_id\":11},{\"path\":\"/Shared/etl dir/sub\","
                        + "\"object_type\":\"DIRECTORY\",\"object_id\":12}]}")));
        server.stubFor(get(urlPathEqualTo(WS + "get-status")).withQueryParam("path", equalTo("/Shared/etl dir/load"))
                .willReturn(okJson("{\"path\":\"/Shared/etl dir/load\",\"object_type\":\"NOTEBOOK\","
                        + "\"language\":\"SQL\",\"object_id\":11}")));
        byte[] source = "-- Databricks notebook source\nSELECT 1".getBytes(StandardCharsets.UTF_8);

        tree.mkdirs("/Shared/etl dir");
        tree.importObject("/Shared/etl dir/load", source, "SOURCE", "SQL", true);
        assertThat(tree.list("/Shared/etl dir")).extracting(WorkspaceObject::objectType)
                .containsExactly("NOTEBOOK", "DIRECTORY");
        assertThat(tree.getStatus("/Shared/etl dir/load").language()).isEqualTo("SQL");
        tree.delete("/Shared/etl dir", true);

        server.verify(postRequestedFor(urlPathEqualTo(WS + "mkdirs"))
                .withRequestBody(matchingJsonPath("$.path", equalTo("/Shared/etl dir"))));
        server.verify(postRequestedFor(urlPathEqualTo(WS + "import"))
                .withRequestBody(matchingJsonPath("$.format", equalTo("SOURCE")))
                .withRequestBody(matchingJsonPath("$.language", equalTo("SQL")))
                .withRequestBody(matchingJsonPath("$.overwrite", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.content", equalTo(Base64.getEncoder().encodeToString(source)))));
        server.verify(postRequestedFor(urlPathEqualTo(WS + "delete"))
                .withRequestBody(matchingJsonPath("$.recursive", equalTo("true"))));
    }

    @Test
    void aMissingPathKeepsTheServersCodeAndARelativePathIsRefused() {
        server.stubFor(get(urlPathEqualTo(WS + "get-status")).willReturn(aResponse().withStatus(404).withBody(
                "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Path (/nope) doesn't exist.\"}")));
        assertThatThrownBy(() -> tree.getStatus("/nope")).isInstanceOfSatisfying(JobsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(e.serverMessage()).contains("/nope");
        });
        assertThatThrownBy(() -> tree.mkdirs("relative/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'relative/x'");
    }
}
