/**
 * The service interface between the driver and the providers of built-in procedures (the Sluice DAO).
 *
 * <p>A provider lists {@link dev.sluice.jdbc.procedure.ProcedureSpec}s; the driver parses the {@code CALL},
 * binds and converts the IN values, runs the body and exposes its OUT values and result set through
 * {@link java.sql.CallableStatement}. Depends on nothing beyond {@code java.sql}.
 */
package dev.sluice.jdbc.procedure;
