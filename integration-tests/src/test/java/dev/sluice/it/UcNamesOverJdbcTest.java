package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local warehouse keeps Unity Catalog names in what clients see: DESCRIBE DETAIL's {@code name} column and
 * error messages say {@code main.schema.table}, never the session catalog's internal {@code main__schema}.
 */
@ExtendWith(LocalWarehouseExtension.class)
class UcNamesOverJdbcTest {

    private final LocalWarehouse warehouse;
    private final String schema = "names_" + UUID.randomUUID().toString().substring(0, 8);

    UcNamesOverJdbcTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void describeDetailNamesTheTableAsDatabricksDoes() throws SQLException {
        try (Connection c = DriverManager.getConnection(warehouse.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA main." + schema);
            s.execute("CREATE TABLE main." + schema + ".orders (id BIGINT, day DATE) USING DELTA PARTITIONED BY (day)");
            try (ResultSet rs = s.executeQuery("DESCRIBE DETAIL main." + schema + ".orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("main." + schema + ".orders");
                // the rest of the row is untouched by the rewrite
                assertThat(rs.getString("format")).isEqualTo("delta");
                assertThat(rs.getString("partitionColumns")).contains("day");
                assertThat(rs.getLong("numFiles")).isZero();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void errorMessagesNameCatalogAndSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(warehouse.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA main." + schema);
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM main." + schema + ".missing"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("main")
                    .hasMessageContaining(schema)
                    .hasMessageNotContaining("__");
            assertThatThrownBy(() -> s.execute("CREATE SCHEMA main." + schema))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(schema)
                    .hasMessageNotContaining("__");
            assertThatThrownBy(() -> s.execute("CREATE TABLE main.no_such_" + schema.substring(6) + ".t (id INT)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_")
                    .hasMessageNotContaining("__");
        }
    }
}
