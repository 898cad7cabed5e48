package dev.sluice.dao.delta;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import javax.sql.DataSource;

/**
 * The suite over Databricks' own JDBC driver 3.4.5 (SEA mode): the DAO is not tied to Sluice. That driver returns
 * rows only for statements it takes for queries; MERGE, OPTIMIZE and RESTORE run with its defaults (the DAO reads
 * their metrics from the history), VACUUM is named in NonRowcountQueryPrefixes so that a dry run lists its files.
 */
class OfficialDriverDeltaTableTest extends DeltaTableSuite {

    OfficialDriverDeltaTableTest(LocalWarehouse warehouse) {
        super(warehouse);
    }

    @Override
    protected DataSource dataSource(LocalWarehouse warehouse) {
        return new DriverDataSource(new com.databricks.client.jdbc.Driver(),
                warehouse.jdbcUrl() + ";UseThriftClient=0;EnableTelemetry=0;NonRowcountQueryPrefixes=VACUUM");
    }
}
