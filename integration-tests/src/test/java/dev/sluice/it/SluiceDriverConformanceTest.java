package dev.sluice.it;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.sql.Driver;

/** The suite with Sluice's driver: the same checks the official driver passes against the local warehouse. */
class SluiceDriverConformanceTest extends DriverConformanceSuite {

    SluiceDriverConformanceTest(LocalWarehouse warehouse) {
        super(warehouse);
    }

    @Override
    protected Driver driver() {
        return new SluiceDriver();
    }

    @Override
    protected String jdbcUrl(LocalWarehouse warehouse) {
        return warehouse.jdbcUrl() + ";EnableQueryResultLZ4Compression=1";
    }
}
