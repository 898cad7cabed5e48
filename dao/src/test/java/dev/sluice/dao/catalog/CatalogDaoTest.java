package dev.sluice.dao.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.sluice.dao.delta.DeltaTelemetry;
import dev.sluice.dao.delta.TableNotFound;
import dev.sluice.jdbc.SluiceDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Catalog DAO over a Sluice DataSource pointed at WireMock: how bare and specific server errors become the
 * typed ones, and the spans and metrics each operation leaves.
 */
class CatalogDaoTest {
    private static final String UC = "/api/2.1/unity-catalog/";

    private WireMockServer server;
    private Catalog catalog;
    private SimpleMeterRegistry registry;
    private InMemorySpanExporter exporter;
    private OpenTelemetrySdk sdk;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/2.0/sql/sessions/")).willReturn(okJson("{\"session_id\":\"s1\"}")));
        server.stubFor(delete(urlPathEqualTo("/api/2.0/sql/sessions/s1")).willReturn(okJson("{}")));
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl("jdbc:databricks://127.0.0.1:" + server.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=dapi-catalog-dao;httpPath=/sql/1.0/warehouses/wh1");
        catalog = Catalog.over(ds);
        registry = new SimpleMeterRegistry();
        exporter = InMemorySpanExporter.create();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
        DeltaTelemetry.useMeterRegistry(registry);
        DeltaTelemetry.useOpenTelemetry(sdk);
    }

    @AfterEach
    void stop() {
        DeltaTelemetry.useMeterRegistry(null);
        DeltaTelemetry.useOpenTelemetry(null);
        sdk.close();
        server.stop();
    }

    private void answer(String path, int status, String code, String message) {
        server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error_code\":\"" + code + "\",\"message\":\"" + message + "\"}")));
    }

    @Test
    void bareAndSpecificErrorsBecomeTheTypedOnes() {
        answer(UC + "schemas", 404, "RESOURCE_DOES_NOT_EXIST", "Catalog 'sales' does not exist.");
        assertThatThrownBy(() -> catalog.schemas("sales")).isInstanceOfSatisfying(CatalogNotFound.class, e -> {
            assertThat(e.errorCode()).contains("RESOURCE_DOES_NOT_EXIST");
            assertThat(e.getMessage()).contains("Catalog 'sales' does not exist.");
        });
        answer(UC + "tables/main.s.t", 404, "NOT_FOUND", "Not found");
        assertThatThrownBy(() -> catalog.table("main.s.t")).isInstanceOf(TableNotFound.class)
                .extracting("SQLState").isEqualTo("42P01");
        answer(UC + "tables", 404, "SCHEMA_DOES_NOT_EXIST", "Schema 'main.s' does not exist.");
        assertThatThrownBy(() -> catalog.tables("main", "s")).isInstanceOf(SchemaNotFound.class);
        answer(UC + "catalogs/secret", 403, "PERMISSION_DENIED", "User does not have USE CATALOG on Catalog 'secret'");
        assertThatThrownBy(() -> catalog.catalog("secret")).isInstanceOfSatisfying(AccessDenied.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.httpStatus()).isEqualTo(403);
            assertThat(e.errorCode()).contains("PERMISSION_DENIED");
        });
        answer(UC + "catalogs", 400, "INVALID_PARAMETER_VALUE", "max_results is bad");
        assertThatThrownBy(() -> catalog.catalogs()).isInstanceOf(SQLException.class)
                .extracting("SQLState").isEqualTo("22023");
        assertThatThrownBy(() -> catalog.schemas(" ")).isInstanceOf(SQLException.class)
                .extracting("SQLState").isEqualTo("22023");
    }

    @Test
    void eachOperationIsASpanACountAndATime() throws Exception {
        server.stubFor(get(urlPathEqualTo(UC + "tables")).willReturn(okJson("{\"tables\":[{\"name\":\"orders\"},"
                + "{\"name\":\"order_lines\"},{\"name\":\"customers\"}]}")));
        assertThat(catalog.tables("main", "sales", "ORDER%")).hasSize(2);
        answer(UC + "tables/main.sales.gone", 404, "TABLE_DOES_NOT_EXIST", "Table 'main.sales.gone' does not exist.");
        assertThatThrownBy(() -> catalog.table("main.sales.gone")).isInstanceOf(TableNotFound.class);

        List<SpanData> spans = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().startsWith("databricks.catalog.")).toList();
        assertThat(spans).extracting(SpanData::getName)
                .containsExactly("databricks.catalog.list_tables", "databricks.catalog.get_table");
        SpanData list = spans.get(0);
        assertThat(list.getAttributes().get(AttributeKey.stringKey("catalog"))).isEqualTo("main");
        assertThat(list.getAttributes().get(AttributeKey.stringKey("schema"))).isEqualTo("sales");
        assertThat(list.getAttributes().get(AttributeKey.longKey("items"))).isEqualTo(2L);
        assertThat(list.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(spans.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(spans.get(1).getStatus().getDescription()).isEqualTo("42P01");

        assertThat(registry.get("databricks.catalog.operations").tag("operation", "list_tables")
                .tag("outcome", "success").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("databricks.catalog.operations").tag("operation", "get_table")
                .tag("outcome", "42P01").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("databricks.catalog.operation.duration").tag("operation", "get_table").timer()
                .count()).isEqualTo(1);
    }
}
