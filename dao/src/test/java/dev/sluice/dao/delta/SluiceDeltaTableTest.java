package dev.sluice.dao.delta;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import javax.sql.DataSource;

/** The suite over Sluice. */
class SluiceDeltaTableTest extends DeltaTableSuite {

    SluiceDeltaTableTest(LocalWarehouse warehouse) {
        super(warehouse);
    }

    @Override
    protected DataSource dataSource(LocalWarehouse warehouse) {
        return new DriverDataSource(new SluiceDriver(), warehouse.jdbcUrl());
    }
}
