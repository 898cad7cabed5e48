package dev.sluice.testing.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension resolves one running warehouse per test run, with data and log under target/. */
@ExtendWith(LocalWarehouseExtension.class)
class LocalWarehouseExtensionTest {

    private static LocalWarehouse fromBeforeAll;

    @BeforeAll
    static void resolveInLifecycleMethods(LocalWarehouse warehouse) {
        fromBeforeAll = warehouse;
    }

    @Test
    void sameProcessForEveryParameter(LocalWarehouse warehouse) throws Exception {
        assertThat(warehouse).isSameAs(fromBeforeAll);
        assertThat(warehouse.isAlive()).isTrue();
        assertThat(warehouse.logFile()).startsWith(Path.of("target").toAbsolutePath().getParent());
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(warehouse.baseUrl() + "/sluice/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).startsWith("{\"status\":\"ok\"");
    }

    @Test
    void jdbcUrlNamesHostPortTokenAndWarehouse(LocalWarehouse warehouse) {
        assertThat(warehouse.jdbcUrl()).isEqualTo("jdbc:databricks://127.0.0.1:" + warehouse.port()
                + "/default;ssl=0;AuthMech=3;UID=token;PWD=" + warehouse.token()
                + ";httpPath=/sql/1.0/warehouses/" + warehouse.warehouseId());
    }
}
