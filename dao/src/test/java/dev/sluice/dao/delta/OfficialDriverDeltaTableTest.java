package dev.sluice.dao.delta;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import javax.sql.DataSource;

/** The suite over Databricks' own JDBC driver 3.4.5 (SEA mode): the DAO is not tied to Sluice. */
class OfficialDriverDeltaTableTest extends DeltaTableSuite {

    OfficialDriverDeltaTableTest(LocalWarehouse warehouse) {
        super(warehouse);
    }

    @Override
    protected DataSource dataSource(LocalWarehouse warehouse) {
        return new DriverDataSource(new com.databricks.client.jdbc.Driver(),
                warehouse.jdbcUrl() + ";UseThriftClient=0;EnableTelemetry=0");
    }
}
