package dev.sluice.testing.sea;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the server does with the statements a script matches: the states it reports on the way, and how the
 * statement ends. Immutable; built with {@link Builder} and registered with {@link ScriptedWarehouse#script}.
 *
 * <p>Lifecycle. The POST is the first observation of a statement and each {@code GET .../statements/{id}} the
 * next one. With {@link Builder#polls(StatementState...)} the POST reports the first listed state, the n-th
 * GET the (n+1)-th, and the first GET after the list the outcome. With {@link Builder#completesAfter(Duration)}
 * the outcome is reported once that much time has passed since the POST arrived (the listed states, or
 * RUNNING, before). A cancel or close before the outcome has been reached turns the statement CANCELED; after,
 * it loses the race silently, as on Databricks. Once terminal, a statement stays terminal (CLOSED after close).
 *
 * <pre>{@code
 * warehouse.script(StatementScript.forSql("SELECT 1")
 *         .polls(StatementState.PENDING, StatementState.RUNNING)
 *         .succeeds(Result.jsonRows(Column.list("1 INT"), List.of(Result.row("1")))));
 * warehouse.script(StatementScript.forSqlMatching("(?i)select .* from slow.*").runsUntilCancelled());
 * warehouse.script(StatementScript.forSql("INSERT INTO t VALUES (1)").times(2).rejects(HttpReply.unavailable(1)));
 * }</pre>
 */
public final class StatementScript {

    /** How the statement ends. */
    enum Outcome {
        SUCCEEDS, FAILS, CANCELED, RUNS_UNTIL_CANCELLED, REJECTS
    }

    private final String description;
    private final Predicate<StatementRequest> matcher;
    private final int times;
    private final List<StatementState> progress;
    private final Duration completesAfter;
    private final boolean honoursWaitTimeout;
    private final Outcome outcome;
    private final Result result;
    private final SqlError error;
    private final HttpReply rejection;

    private StatementScript(Builder builder, Outcome outcome, Result result, SqlError error, HttpReply rejection) {
        this.description = builder.description;
        this.matcher = builder.matcher;
        this.times = builder.times;
        this.progress = List.copyOf(builder.progress);
        this.completesAfter = builder.completesAfter;
        this.honoursWaitTimeout = builder.honoursWaitTimeout;
        this.outcome = outcome;
        this.result = result;
        this.error = error;
        this.rejection = rejection;
    }

    /** Scripts statements whose SQL text equals {@code sql} exactly. */
    public static Builder forSql(String sql) {
        Objects.requireNonNull(sql, "sql is null");
        return new Builder("sql = " + sql, request -> sql.equals(request.statement()));
    }

    /** Scripts statements whose whole SQL text matches the regular expression (flags inline, e.g. {@code (?is)}). */
    public static Builder forSqlMatching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new Builder("sql ~ " + regex, request -> request.statement() != null
                && pattern.matcher(request.statement()).matches());
    }

    /** Scripts statements whose parsed request satisfies the predicate; the description names it in messages. */
    public static Builder matching(String description, Predicate<StatementRequest> predicate) {
        return new Builder(description, Objects.requireNonNull(predicate, "predicate is null"));
    }

    /** Scripts every statement. */
    public static Builder any() {
        return new Builder("any statement", request -> true);
    }

    boolean matches(StatementRequest request) {
        return matcher.test(request);
    }

    /** How many statements the script serves before it stops matching; -1 for no limit. */
    int times() {
        return times;
    }

    List<StatementState> progress() {
        return progress;
    }

    Duration completesAfter() {
        return completesAfter;
    }

    boolean honoursWaitTimeout() {
        return honoursWaitTimeout;
    }

    Outcome outcome() {
        return outcome;
    }

    Result result() {
        return result;
    }

    SqlError error() {
        return error;
    }

    HttpReply rejection() {
        return rejection;
    }

    /** The terminal state the script ends in, or null when it only ends by cancellation. */
    StatementState outcomeState() {
        return switch (outcome) {
            case SUCCEEDS -> StatementState.SUCCEEDED;
            case FAILS -> StatementState.FAILED;
            case CANCELED -> StatementState.CANCELED;
            case RUNS_UNTIL_CANCELLED, REJECTS -> null;
        };
    }

    @Override
    public String toString() {
        return "StatementScript[" + description + " -> " + outcome + "]";
    }

    /** Builds a {@link StatementScript}; the terminal methods state the outcome and return the script. */
    public static final class Builder {

        private final String description;
        private final Predicate<StatementRequest> matcher;
        private int times = -1;
        private List<StatementState> progress = List.of();
        private Duration completesAfter;
        private boolean honoursWaitTimeout;

        private Builder(String description, Predicate<StatementRequest> matcher) {
            this.description = Objects.requireNonNull(description, "description is null");
            this.matcher = matcher;
        }

        /** Serves only the first {@code count} matching statements, then lets older scripts or the fallback match. */
        public Builder times(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("times must be at least 1: " + count);
            }
            this.times = count;
            return this;
        }

        /** Serves only the first matching statement. */
        public Builder once() {
            return times(1);
        }

        /**
         * The non-terminal states reported before the outcome, one per observation: the POST answers the first,
         * each GET the next.
         *
         * @throws IllegalArgumentException if a state is terminal
         */
        public Builder polls(StatementState... states) {
            for (StatementState state : states) {
                if (Objects.requireNonNull(state, "state is null").isTerminal()) {
                    throw new IllegalArgumentException("polls takes PENDING or RUNNING, not " + state);
                }
            }
            this.progress = List.of(states);
            return this;
        }

        /** Reports the outcome only once this much time has passed since the POST arrived. */
        public Builder completesAfter(Duration duration) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("completesAfter is negative: " + duration);
            }
            this.completesAfter = duration;
            return this;
        }

        /**
         * Makes the POST wait as the server does: while the statement is not terminal, the answer is held for up
         * to the request's {@code wait_timeout} (10 s when absent, none for {@code "0s"}), or until
         * {@link #completesAfter} is reached if that is sooner. If the wait ends with the statement still
         * running and the request said {@code on_wait_timeout: "CANCEL"}, the statement is CANCELED.
         */
        public Builder honoursWaitTimeout() {
            this.honoursWaitTimeout = true;
            return this;
        }

        /** Ends SUCCEEDED with this result. */
        public StatementScript succeeds(Result result) {
            return new StatementScript(this, Outcome.SUCCEEDS, Objects.requireNonNull(result, "result is null"),
                    null, null);
        }

        /** Ends FAILED with this error (HTTP 200, {@code status.error}). */
        public StatementScript fails(SqlError error) {
            return new StatementScript(this, Outcome.FAILS, null, Objects.requireNonNull(error, "error is null"),
                    null);
        }

        /** Ends CANCELED, as if cancelled on the server side. */
        public StatementScript canceled() {
            return new StatementScript(this, Outcome.CANCELED, null, null, null);
        }

        /** Never ends by itself: reports the last {@link #polls} state (default RUNNING) until cancelled or closed. */
        public StatementScript runsUntilCancelled() {
            return new StatementScript(this, Outcome.RUNS_UNTIL_CANCELLED, null, null, null);
        }

        /** Refuses the POST with this HTTP answer; no statement is created and nothing counts as executed. */
        public StatementScript rejects(HttpReply reply) {
            return new StatementScript(this, Outcome.REJECTS, null, null,
                    Objects.requireNonNull(reply, "reply is null"));
        }
    }
}
