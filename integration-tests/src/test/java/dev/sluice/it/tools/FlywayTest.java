package dev.sluice.it.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flyway 10 with flyway-database-databricks. The plugin recognises the URL and Sluice's product name
 * (SparkSQL) but names the official driver's class, so a Sluice user adds one line: {@code
 * flyway.driver=dev.sluice.jdbc.SluiceDriver} ({@code .driver(...)} here). Migrate, info, validate, a repeat
 * that has nothing to do, and a failing migration.
 */
@ExtendWith(LocalWarehouseExtension.class)
class FlywayTest {
    private final LocalWarehouse warehouse;
    private ToolSchema schema;

    FlywayTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @BeforeEach
    void createSchema() throws SQLException {
        schema = ToolSchema.create(warehouse, "flyway");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema.close();
    }

    private Flyway flyway(String location) {
        return Flyway.configure()
                .driver("dev.sluice.jdbc.SluiceDriver")
                .dataSource(schema.url(), null, null)
                .schemas(schema.name())
                .locations("classpath:flyway/" + location)
                .load();
    }

    private long people() throws SQLException {
        try (Connection c = schema.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM people")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void migrateInfoValidateAndRepeat() throws SQLException {
        Flyway flyway = flyway("ok");
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(3);
        assertThat(people()).isEqualTo(2);
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
        assertThat(applied).extracting(MigrationInfo::getScript)
                .containsExactly("V1__create_people.sql", "V2__add_people.sql", "R__people_view.sql");
        flyway.validate();
        MigrateResult again = flyway.migrate();
        assertThat(again.migrationsExecuted).as("nothing left to migrate").isZero();
    }

    @Test
    void aFailingMigrationFailsAndIsRecorded() throws SQLException {
        Flyway flyway = flyway("failing");
        assertThatThrownBy(flyway::migrate).hasMessageContaining("no_such_table");
        MigrationInfo v3 = flyway.info().current();
        assertThat(v3.getVersion().getVersion()).isEqualTo("3");
        assertThat(v3.getState()).isEqualTo(MigrationState.FAILED);
        assertThat(people()).as("V1 and V2 stay; V3's first INSERT committed on its own").isEqualTo(3);
    }
}
