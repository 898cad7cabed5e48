package dev.sluice.jdbc.internal.client;

import java.util.Objects;

/**
 * The {@code status} object of a statement response.
 *
 * @param state the state; {@link StatementState#UNKNOWN} for values this driver does not know
 * @param errorCode {@code status.error.error_code} as text (the server sends a string, sometimes an
 *     integer), or null
 * @param message {@code status.error.message} as sent (it usually holds {@code [ERROR_CLASS] ... SQLSTATE: xxxxx}),
 *     or null
 * @param sqlState {@code status.sql_state}, or null
 */
public record StatementStatus(StatementState state, String errorCode, String message, String sqlState) {
    public StatementStatus {
        Objects.requireNonNull(state, "state is null");
    }

    /** A status with only a state, as sent for PENDING and RUNNING statements. */
    public static StatementStatus of(StatementState state) {
        return new StatementStatus(state, null, null, null);
    }
}
