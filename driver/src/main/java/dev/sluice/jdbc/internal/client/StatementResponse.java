package dev.sluice.jdbc.internal.client;

import java.util.Objects;

/**
 * A response of {@code POST /statements} or {@code GET /statements/{id}}.
 *
 * @param statementId the statement id
 * @param status the status
 * @param manifest the manifest, or null (absent before SUCCEEDED)
 * @param result chunk 0 of the result, or null (absent before SUCCEEDED)
 */
public record StatementResponse(String statementId, StatementStatus status, ResultManifest manifest,
                                ResultData result) {
    public StatementResponse {
        Objects.requireNonNull(statementId, "statementId is null");
        Objects.requireNonNull(status, "status is null");
    }

    /** Shortcut for {@code status().state()}. */
    public StatementState state() {
        return status.state();
    }
}
