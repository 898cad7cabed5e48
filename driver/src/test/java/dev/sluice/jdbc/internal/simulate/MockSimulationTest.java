package dev.sluice.jdbc.internal.simulate;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.catalog.CatalogInfo;
import dev.sluice.jdbc.catalog.SchemaInfo;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.catalog.UnityCatalog;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.simulate.MockWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Simulation=mock: real JDBC and Jobs calls answered in-process by a MockWorkspace's rules. */
class MockSimulationTest {
    private final MockWorkspace mock = MockWorkspace.named("mock-simulation-test");

    @AfterEach
    void forget() {
        MockWorkspace.remove(mock.name());
    }

    @Test
    void statementsAreAnsweredByTheRegisteredRules() throws SQLException {
        try (Connection connection = DriverManager.getConnection(mock.jdbcUrl());
             Statement statement = connection.createStatement()) {
            // registered after connecting: rules are read at each request
            mock.onSql("SELECT id, name FROM main\\.shop\\.orders.*")
                    .returns(new String[] {"id BIGINT", "name STRING"}, new Object[] {1L, "tea"},
                            new Object[] {2L, null});
            mock.onExactSql("DELETE FROM main.shop.orders WHERE id = 2").updates(1);
            mock.onSql("SELECT \\* FROM missing").fails("42P01", "TABLE_OR_VIEW_NOT_FOUND",
                    "The table or view `missing` cannot be found.");

            try (ResultSet rows = statement.executeQuery("SELECT id, name FROM main.shop.orders ORDER BY id")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong("id")).isEqualTo(1L);
                assertThat(rows.getString("name")).isEqualTo("tea");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString("name")).isNull();
                assertThat(rows.next()).isFalse();
            }
            assertThat(statement.executeUpdate("DELETE FROM main.shop.orders WHERE id = 2")).isEqualTo(1);
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM missing"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"))
                    .hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND");
            assertThatThrownBy(() -> statement.executeQuery("SELECT 42"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SELECT 42")
                    .hasMessageContaining("main\\.shop\\.orders");
        }
        assertThat(mock.executed()).contains("DELETE FROM main.shop.orders WHERE id = 2");
    }

    @Test
    void runsMoveOnTheVirtualClock() throws Exception {
        mock.stepPerPoll(false);
        mock.onRun("nightly").steps(1, 2).succeeds("42 rows");
        try (Connection connection = DriverManager.getConnection(mock.jdbcUrl())) {
            JobsClient jobs = connection.unwrap(SluiceWorkspace.class).jobs();
            long runId = jobs.submit(RunSubmit.builder("nightly")
                    .task(Task.notebook("load", "/Shared/load", Map.of())).build());
            assertThat(jobs.getRun(runId).lifeCycleState()).isEqualTo("PENDING");
            mock.advance();
            assertThat(jobs.getRun(runId).lifeCycleState()).isEqualTo("RUNNING");
            mock.advance();
            assertThat(jobs.getRun(runId).lifeCycleState()).isEqualTo("RUNNING");
            mock.advance();
            Run done = jobs.getRun(runId);
            assertThat(done.lifeCycleState()).isEqualTo("TERMINATED");
            assertThat(done.resultState()).isEqualTo("SUCCESS");
            assertThat(jobs.getOutput(runId)).singleElement()
                    .satisfies(output -> assertThat(output.notebookResult()).isEqualTo("42 rows"));

            long canceled = jobs.submit(RunSubmit.builder("other")
                    .task(Task.notebook("t", "/Shared/t", Map.of())).build());
            jobs.cancelRun(canceled);
            assertThat(jobs.getRun(canceled).resultState()).isEqualTo("CANCELED");
        }
    }

    @Test
    void unityCatalogListsTheDeclaredModel() throws Exception {
        mock.table("main.shop.orders", "id BIGINT", "amount DECIMAL(10,2)")
                .table("main.shop.items", "sku STRING")
                .table("main.ops.runs", "run_id BIGINT")
                .table("dev.scratch.t", "x INT");
        try (Connection connection = DriverManager.getConnection(mock.jdbcUrl())) {
            UnityCatalog catalog = connection.unwrap(SluiceWorkspace.class).catalog();
            assertThat(catalog.listCatalogs().map(CatalogInfo::name)).containsExactly("dev", "main");
            assertThat(catalog.listSchemas("main").map(SchemaInfo::name)).containsExactly("ops", "shop");
            assertThat(catalog.listTables("main", "shop").map(TableInfo::name)).containsExactlyInAnyOrder("orders", "items");
            TableInfo orders = catalog.getTable("main.shop.orders");
            assertThat(orders.columns()).extracting(c -> c.name() + " " + c.typeText())
                    .containsExactly("id BIGINT", "amount DECIMAL(10,2)");
            assertThat(catalog.tableExists("main.shop.nope")).isFalse();
            assertThatThrownBy(() -> catalog.getTable("main.shop.nope")).hasMessageContaining("TABLE_DOES_NOT_EXIST");
        }
    }

    @Test
    void anUnknownMockNameIsRefused() {
        assertThatThrownBy(() -> DriverManager.getConnection(mock.jdbcUrl().replace("SimulationMock=", "SimulationMock=x")))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"))
                .hasMessageContaining("SimulationMock");
    }
}
