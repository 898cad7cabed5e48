package dev.sluice.hibernate;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Picks {@link DatabricksDialect} for the product name Databricks SQL drivers report ({@code SparkSQL}, Sluice's
 * and the official driver's alike). Hibernate finds it through {@code ServiceLoader}, so an application that
 * has this jar on its class path needs no {@code hibernate.dialect} setting.
 */
public final class DatabricksDialectResolver implements DialectResolver {
    /** The product name both Databricks JDBC drivers report. */
    static final String PRODUCT_NAME = "SparkSQL";

    @Override
    public Dialect resolveDialect(DialectResolutionInfo info) {
        String name = info.getDatabaseName();
        return name != null && name.startsWith(PRODUCT_NAME) ? new DatabricksDialect(info) : null;
    }
}
