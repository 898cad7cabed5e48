package dev.sluice.dao.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureCall;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import dev.sluice.jdbc.procedure.ResultColumn;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built-in procedures called through the SPI as the driver calls them (a ProcedureCall on a real connection,
 * defaults applied), asserting the table afterwards.
 */
@ExtendWith(LocalWarehouseExtension.class)
class DeltaProceduresTest {

    private final LocalWarehouse warehouse;
    private Connection connection;
    private String schema;
    private String table;

    DeltaProceduresTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void setUp() throws SQLException {
        connection = new SluiceDriver().connect(warehouse.jdbcUrl(), new Properties());
        schema = "dao_proc_" + UUID.randomUUID().toString().substring(0, 8);
        table = "main." + schema + ".items";
        sql("CREATE SCHEMA main." + schema);
        sql("CREATE TABLE " + table + " (id BIGINT, name STRING, qty INT) USING DELTA");
        sql("INSERT INTO " + table + " VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        sql("DROP SCHEMA main." + schema + " CASCADE");
        connection.close();
    }

    private void sql(String text) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(text);
        }
    }

    private List<String> rows() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, qty FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getInt(3));
            }
        }
        return out;
    }

    /** Calls a procedure as the driver would: IN values by name, defaults for the rest, required ones checked. */
    private ProcedureOutcome call(String name, Object... nameValue) throws SQLException {
        ProcedureSpec spec = new DeltaProcedures().procedures().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
        Map<String, Object> given = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            given.put((String) nameValue[i], nameValue[i + 1]);
        }
        Map<String, Object> values = new HashMap<>();
        for (ParameterSpec p : spec.parameters()) {
            if (p.mode() == ParameterMode.OUT) {
                continue;
            }
            if (given.containsKey(p.name())) {
                values.put(p.name(), given.remove(p.name()));
            } else if (p.required()) {
                throw new AssertionError(name + " needs " + p.name());
            } else {
                values.put(p.name(), p.defaultValue());
            }
        }
        assertThat(given).as("parameters " + name + " does not have").isEmpty();
        return spec.body().call(new ProcedureCall() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public Object value(String parameterName) {
                return values.get(parameterName);
            }
        });
    }

    @Test
    void serviceLoaderFindsEveryProcedure() {
        List<String> names = new ArrayList<>();
        for (ProcedureProvider p : ServiceLoader.load(ProcedureProvider.class)) {
            p.procedures().forEach(s -> names.add(s.name()));
        }
        assertThat(names).containsExactly("delta_merge", "delta_delete", "delta_update", "delta_optimize",
                "delta_vacuum", "delta_history", "delta_restore", "delta_detail", "delta_schema_diff", "delta_evolve",
                "delta_set_retention", "delta_read_as_of", "job_submit", "job_run_now", "job_status", "job_cancel",
                "job_output", "job_export", "job_list_runs", "feature_write", "feature_lookup", "feature_training_set",
                "catalog_list_tables", "catalog_get_table");
        for (ProcedureSpec s : new DeltaProcedures().procedures()) {
            assertThat(s.parameters().get(0).name()).isEqualTo("table");
            assertThat(s.remarks()).isNotBlank();
        }
    }

    @Test
    void mergeDeleteAndUpdate() throws SQLException {
        ProcedureOutcome m = call("delta_merge", "table", table,
                "source", "SELECT * FROM VALUES (2L, 'B', 21), (4L, 'd', 40) AS v(id, name, qty)",
                "on_condition", "t.id = s.id", "when_not_matched_by_source", "delete",
                "matched_condition", "s.qty > t.qty");
        assertThat(m.outValues()).containsEntry("num_affected_rows", 4L).containsEntry("num_updated_rows", 1L)
                .containsEntry("num_deleted_rows", 2L).containsEntry("num_inserted_rows", 1L);
        assertThat(rows()).containsExactly("2:B:21", "4:d:40");

        assertThat(call("delta_update", "table", table, "assignments", "name = upper(name), qty = qty + 1",
                "condition", "id = 4").outValues()).containsEntry("num_affected_rows", 1L);
        assertThat(call("delta_delete", "table", table, "condition", "qty < 30").outValues())
                .containsEntry("num_affected_rows", 1L);
        assertThat(rows()).containsExactly("4:D:41");
        assertThatThrownBy(() -> call("delta_merge", "table", table, "source", table, "on_condition", "t.id = s.id",
                "when_matched", "upsert")).isInstanceOf(SQLException.class).hasMessageContaining("upsert")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }

    @Test
    void historyRestoreAndReadAsOf() throws SQLException {
        call("delta_delete", "table", table, "condition", "id = 1");
        ProcedureOutcome h = call("delta_history", "table", table, "limit", 2);
        assertThat(h.columns()).extracting(ResultColumn::name).startsWith("version", "timestamp");
        assertThat(h.rows()).hasSize(2);
        assertThat(h.rows().get(0).get(3)).isEqualTo("DELETE");
        assertThat((String) h.rows().get(0).get(5)).contains("\"numDeletedRows\":1");

        try (ResultSet rs = call("delta_read_as_of", "table", table, "version", 1L, "columns", "id, name",
                "filter", "id <= 2").resultSet()) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong("id"));
            }
            assertThat(ids).containsExactlyInAnyOrder(1L, 2L);
        }

        ProcedureOutcome r = call("delta_restore", "table", table, "version", 1L);
        // the DELETE rewrote one file: restoring brings it back and keeps the others
        assertThat(r.outValues()).containsEntry("num_restored_files", 1L).containsEntry("num_removed_files", 0L);
        assertThat(rows()).containsExactly("1:a:10", "2:b:20", "3:c:30");
        assertThatThrownBy(() -> call("delta_restore", "table", table)).hasMessageContaining("exactly one");
    }

    @Test
    void optimizeVacuumDetailAndRetention() throws SQLException {
        sql("INSERT INTO " + table + " VALUES (4, 'd', 40)");
        long files = (Long) call("delta_detail", "table", table).rows().get(0).get(2);
        assertThat(files).isGreaterThan(1);
        ProcedureOutcome o = call("delta_optimize", "table", table, "zorder_by", "qty");
        assertThat(o.outValues()).containsEntry("files_added", 1L).containsEntry("files_removed", files);

        call("delta_set_retention", "table", table, "log_retention_hours", 720L, "deleted_file_retention_hours", 24L);
        ProcedureOutcome d = call("delta_detail", "table", table);
        assertThat(d.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isEqualTo("delta");
            assertThat(row.get(2)).isEqualTo(1L);
            assertThat((String) row.get(9)).contains("\"delta.deletedFileRetentionDuration\":\"interval 24 hours\"");
        });

        assertThatThrownBy(() -> call("delta_vacuum", "table", table, "retain_hours", 1L))
                .hasMessageContaining("24 hours");
        ProcedureOutcome dry = call("delta_vacuum", "table", table, "retain_hours", 0L, "dry_run", true,
                "allow_short_retention", true);
        assertThat(dry.rows()).hasSize((int) files);
        assertThat(dry.outValues()).containsEntry("files_deleted", files);
        call("delta_vacuum", "table", table, "retain_hours", 0L, "allow_short_retention", true);
        assertThat(call("delta_vacuum", "table", table, "retain_hours", 0L, "dry_run", true,
                "allow_short_retention", true).rows()).isEmpty();
        assertThat(rows()).hasSize(4);
    }

    @Test
    void schemaDiffAndEvolve() throws SQLException {
        ProcedureOutcome diff = call("delta_schema_diff", "table", table,
                "expected", "id BIGINT, name STRING, qty BIGINT, price DECIMAL(10,2)");
        assertThat(diff.rows()).extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactlyInAnyOrder("WIDEN qty", "ADD price");
        assertThatThrownBy(() -> call("delta_evolve", "table", table,
                "expected", "id BIGINT, name STRING, qty BIGINT, price DECIMAL(10,2)"))
                .hasMessageContaining("withTypeWidening()");
        ProcedureOutcome evolved = call("delta_evolve", "table", table,
                "expected", "id BIGINT, name STRING, qty BIGINT, price DECIMAL(10,2)", "enable_type_widening", true);
        assertThat(evolved.outValues()).containsEntry("changes_applied", 2);
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE TABLE " + table)) {
            Map<String, String> types = new HashMap<>();
            while (rs.next()) {
                types.put(rs.getString(1), rs.getString(2));
            }
            assertThat(types).containsEntry("qty", "bigint").containsEntry("price", "decimal(10,2)");
        }
        assertThatThrownBy(() -> call("delta_schema_diff", "table", table, "expected", "id BIGINT,,"))
                .isInstanceOf(SQLException.class).satisfies(e ->
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    }
}
