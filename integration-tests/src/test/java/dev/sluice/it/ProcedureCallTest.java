package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.jdbc.SluiceDataSource;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calls of server procedures over real JDBC: the local warehouse answers an unknown one as Databricks does. */
@ExtendWith(LocalWarehouseExtension.class)
class ProcedureCallTest {

    private final LocalWarehouse warehouse;

    ProcedureCallTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    private Connection connect() throws SQLException {
        SluiceDataSource ds = new SluiceDataSource();
        ds.setUrl(warehouse.jdbcUrl());
        return ds.getConnection();
    }

    @Test
    void anUnknownProcedureIsRoutineNotFoundWithItsQualifiedName() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CALL unknown_proc()"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("[ROUTINE_NOT_FOUND] The routine `main`.`default`.`unknown_proc` cannot"
                            + " be found. Verify the spelling and correctness of the schema and catalog.")
                    .hasMessageContaining("SQLSTATE: 42883")
                    .extracting("SQLState").isEqualTo("42883");
            // the connection is still usable afterwards
            assertThat(c.isValid(30)).isTrue();
        }
    }

    @Test
    void aCallWithBoundAndNamedArgumentsReachesTheServerAsCall() throws SQLException {
        try (Connection c = connect();
             CallableStatement cs = c.prepareCall("{call main.ops.`re fresh`(?, mode => 'full')}")) {
            cs.setLong(1, 7);
            assertThatThrownBy(cs::execute)
                    .hasMessageContaining("[ROUTINE_NOT_FOUND] The routine `main`.`ops`.`re fresh` cannot be found")
                    .extracting("SQLState").isEqualTo("42883");
        }
    }
}
