package dev.sluice.jdbc.simulate;

import java.util.Objects;

/**
 * One action a dry run validated instead of doing.
 *
 * @param kind a writing SQL statement, or a REST call that would have changed the workspace (a job submission, a
 *     notebook import)
 * @param action the SQL text, or the method and path of the call
 * @param plan what the server planned ({@code EXPLAIN}), or how the call was validated
 */
public record SkippedAction(Kind kind, String action, String plan) {

    /** What was skipped. */
    public enum Kind { STATEMENT, REST_CALL }

    public SkippedAction {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(action, "action is null");
        Objects.requireNonNull(plan, "plan is null");
    }
}
