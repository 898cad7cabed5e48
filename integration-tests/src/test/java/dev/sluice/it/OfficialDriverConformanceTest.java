package dev.sluice.it;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Driver;

/** The suite with Databricks' own JDBC driver 3.4.5 in SEA mode: the reference the warehouse must satisfy. */
class OfficialDriverConformanceTest extends DriverConformanceSuite {

    OfficialDriverConformanceTest(LocalWarehouse warehouse) {
        super(warehouse);
    }

    @Override
    protected Driver driver() {
        return new com.databricks.client.jdbc.Driver();
    }

    @Override
    protected String jdbcUrl(LocalWarehouse warehouse) {
        return warehouse.jdbcUrl() + ";UseThriftClient=0;EnableTelemetry=0;EnableQueryResultLZ4Compression=1";
    }
}
