package dev.sluice.jdbc.procedure;

import java.sql.SQLException;

/** What runs when a built-in procedure is called. */
@FunctionalInterface
public interface ProcedureBody {

    /**
     * Runs the procedure.
     *
     * @param call the connection and the converted IN values
     * @return OUT values and at most one result set
     * @throws SQLException when the operation fails; the driver passes it to the caller unchanged
     */
    ProcedureOutcome call(ProcedureCall call) throws SQLException;
}
