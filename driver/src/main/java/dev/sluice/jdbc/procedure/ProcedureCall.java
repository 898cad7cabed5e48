package dev.sluice.jdbc.procedure;

import java.sql.Connection;

/** What a body sees: the connection the call came in on and the converted IN values by parameter name. */
public interface ProcedureCall {

    /** The connection the call came in on. */
    Connection connection();

    /** The IN (or INOUT) value of a parameter, converted, default applied; null for SQL NULL. */
    Object value(String parameterName);

    /** {@link #value(String)} of a VARCHAR parameter. */
    default String string(String n) {
        return (String) value(n);
    }

    /** {@link #value(String)} of a BIGINT parameter. */
    default Long longValue(String n) {
        return (Long) value(n);
    }

    /** {@link #value(String)} of a BOOLEAN parameter. */
    default Boolean bool(String n) {
        return (Boolean) value(n);
    }
}
