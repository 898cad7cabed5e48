package dev.sluice.warehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Databricks' run state machine on a run document: the legacy {@code state} and the newer {@code status}. */
final class RunStates {

    static final Set<String> ACTIVE = Set.of("QUEUED", "PENDING", "RUNNING", "TERMINATING", "BLOCKED");

    private RunStates() {
    }

    static boolean active(JsonNode run) {
        return ACTIVE.contains(run.path("state").path("life_cycle_state").asText());
    }

    /** Moves a run (or task run) to a non-terminal state. */
    static void enter(ObjectNode run, String lifeCycle, String message) {
        ObjectNode state = run.putObject("state");
        state.put("life_cycle_state", lifeCycle);
        state.put("state_message", message == null ? "" : message);
        state.put("user_cancelled_or_timedout", false);
        ObjectNode status = run.putObject("status");
        status.put("state", lifeCycle.equals("INTERNAL_ERROR") ? "TERMINATED" : lifeCycle);
        if (lifeCycle.equals("QUEUED")) {
            ObjectNode q = status.putObject("queue_details");
            q.put("code", "MAX_CONCURRENT_RUNS_REACHED");
            q.put("message", message);
            state.put("queue_reason", message);
        }
    }

    /**
     * Ends a run: {@code TERMINATED} (or {@code INTERNAL_ERROR}) with a result state, and the status's
     * termination details that go with it.
     */
    static void end(ObjectNode run, String lifeCycle, String result, String message, long now) {
        ObjectNode state = run.putObject("state");
        state.put("life_cycle_state", lifeCycle);
        if (result != null) {
            state.put("result_state", result);
        }
        state.put("state_message", message == null ? "" : message);
        boolean user = result != null && (result.equals("CANCELED") || result.equals("TIMEDOUT"));
        state.put("user_cancelled_or_timedout", user);
        ObjectNode status = run.putObject("status");
        status.put("state", "TERMINATED");
        ObjectNode t = status.putObject("termination_details");
        String code;
        String type;
        if (lifeCycle.equals("INTERNAL_ERROR")) {
            code = "INTERNAL_ERROR";
            type = "INTERNAL_ERROR";
        } else {
            switch (result) {
                case "SUCCESS" -> { code = "SUCCESS"; type = "SUCCESS"; }
                case "CANCELED" -> { code = "USER_CANCELED"; type = "SUCCESS"; }
                case "TIMEDOUT" -> { code = "RUN_EXECUTION_ERROR"; type = "CLIENT_ERROR"; }
                case "UPSTREAM_FAILED", "UPSTREAM_CANCELED", "EXCLUDED" -> { code = "SKIPPED"; type = "SUCCESS"; }
                default -> { code = "RUN_EXECUTION_ERROR"; type = "CLIENT_ERROR"; }
            }
        }
        t.put("code", code);
        t.put("type", type);
        t.put("message", message == null ? "" : message);
        if (run.path("end_time").asLong() == 0) {
            run.put("end_time", now);
        }
        long start = run.path("start_time").asLong();
        long queued = run.path("queue_duration").asLong();
        run.put("run_duration", Math.max(0, now - start));
        run.put("execution_duration", Math.max(0, now - start - queued));
    }

    static boolean terminal(JsonNode run) {
        return !active(run);
    }

    static String result(JsonNode run) {
        return run.path("state").path("result_state").asText(null);
    }
}
