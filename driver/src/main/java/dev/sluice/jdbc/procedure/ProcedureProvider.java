package dev.sluice.jdbc.procedure;

import java.util.List;

/**
 * A source of built-in procedures, found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.sluice.jdbc.procedure.ProcedureProvider}.
 *
 * <p>The driver calls these procedures client-side when a {@code CALL} names the built-in namespace
 * (connection property {@code ProcedureNamespace}, default {@code sluice}).
 */
public interface ProcedureProvider {

    /** Built-in procedures; names without the namespace, lower case, e.g. {@code "delta_merge"}. */
    List<ProcedureSpec> procedures();
}
