package dev.sluice.jdbc.procedure;

import java.sql.JDBCType;

/**
 * One parameter. {@code type} is the JDBC type the driver converts IN values to before the body sees them
 * (VARCHAR -> String, BIGINT -> Long, INTEGER -> Integer, BOOLEAN -> Boolean, DOUBLE -> Double,
 * DECIMAL -> BigDecimal, TIMESTAMP -> java.sql.Timestamp, DATE -> java.sql.Date); a value that cannot be
 * converted is SQLState 22023 naming the parameter. {@code required} IN parameters without a value are 22023;
 * optional ones get {@code defaultValue} (may be null).
 *
 * @param name         parameter name, as used by named arguments ({@code name => ?})
 * @param mode         IN, OUT or INOUT
 * @param type         JDBC type of the value
 * @param required     whether an IN value must be given
 * @param defaultValue value of an omitted optional IN parameter, may be null
 * @param remarks      one line shown by {@code DatabaseMetaData.getProcedureColumns}
 */
public record ParameterSpec(String name, ParameterMode mode, JDBCType type, boolean required,
                            Object defaultValue, String remarks) { }
