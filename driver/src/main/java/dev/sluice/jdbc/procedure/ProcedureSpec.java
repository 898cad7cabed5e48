package dev.sluice.jdbc.procedure;

import java.util.List;

/**
 * One built-in procedure.
 *
 * @param name             name without the namespace, lower case
 * @param remarks          one line shown by {@code DatabaseMetaData.getProcedures}
 * @param parameters       parameters in call order
 * @param returnsResultSet whether a call yields a result set
 * @param body             what runs when the procedure is called
 */
public record ProcedureSpec(String name, String remarks, List<ParameterSpec> parameters,
                            boolean returnsResultSet, ProcedureBody body) { }
