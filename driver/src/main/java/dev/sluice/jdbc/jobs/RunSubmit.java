package dev.sluice.jdbc.jobs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The body of {@code runs/submit}: a one-time run of one or more tasks. Immutable; see {@link #builder}. */
public final class RunSubmit {
    private final String runName;
    private final String idempotencyToken;
    private final int timeoutSeconds;
    private final List<Task> tasks;
    private final Map<String, Object> environments;

    private RunSubmit(Builder b) {
        this.runName = b.runName;
        this.idempotencyToken = b.idempotencyToken;
        this.timeoutSeconds = b.timeoutSeconds;
        this.tasks = List.copyOf(b.tasks);
        this.environments = Map.copyOf(b.environments);
    }

    public static Builder builder(String runName) {
        return new Builder(runName);
    }

    /** The caller's idempotency token, or null when the client is to make one. */
    public String idempotencyToken() {
        return idempotencyToken;
    }

    public List<Task> tasks() {
        return tasks;
    }

    /** The JSON body, with {@code token} as the idempotency token. */
    public Map<String, Object> body(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_name", runName);
        body.put("idempotency_token", Objects.requireNonNull(token, "token is null"));
        if (timeoutSeconds > 0) {
            body.put("timeout_seconds", timeoutSeconds);
        }
        List<Object> taskBodies = new ArrayList<>();
        for (Task task : tasks) {
            taskBodies.add(task.body());
        }
        body.put("tasks", taskBodies);
        if (!environments.isEmpty()) {
            List<Object> envs = new ArrayList<>();
            environments.forEach((key, spec) -> envs.add(Map.of("environment_key", key, "spec", spec)));
            body.put("environments", envs);
        }
        return body;
    }

    public static final class Builder {
        private final String runName;
        private String idempotencyToken;
        private int timeoutSeconds;
        private final List<Task> tasks = new ArrayList<>();
        private final Map<String, Object> environments = new LinkedHashMap<>();

        private Builder(String runName) {
            this.runName = Objects.requireNonNull(runName, "runName is null");
        }

        /** At most 64 characters, as the Jobs API allows; the same token never starts a second run. */
        public Builder idempotencyToken(String token) {
            Objects.requireNonNull(token, "token is null");
            if (token.isEmpty() || token.length() > 64) {
                throw new IllegalArgumentException("idempotency token '" + token + "' must be 1 to 64 characters");
            }
            this.idempotencyToken = token;
            return this;
        }

        public Builder timeoutSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("timeout seconds " + seconds + " is negative");
            }
            this.timeoutSeconds = seconds;
            return this;
        }

        public Builder task(Task task) {
            tasks.add(Objects.requireNonNull(task, "task is null"));
            return this;
        }

        /** A serverless environment; {@code spec} is the {@code spec} object (client, dependencies). */
        public Builder environment(String environmentKey, Map<String, Object> spec) {
            environments.put(Objects.requireNonNull(environmentKey, "environmentKey is null"),
                    Map.copyOf(Objects.requireNonNull(spec, "spec is null")));
            return this;
        }

        /** @throws IllegalArgumentException without tasks, with a repeated task key or an unknown dependency */
        public RunSubmit build() {
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("run '" + runName + "' has no task");
            }
            Set<String> keys = new HashSet<>();
            for (Task task : tasks) {
                if (!keys.add(task.taskKey())) {
                    throw new IllegalArgumentException("task key '" + task.taskKey() + "' is used twice");
                }
            }
            for (Task task : tasks) {
                Object deps = task.body().get("depends_on");
                if (deps instanceof List<?> list) {
                    for (Object dep : list) {
                        Object key = ((Map<?, ?>) dep).get("task_key");
                        if (!keys.contains(key)) {
                            throw new IllegalArgumentException("task '" + task.taskKey() + "' depends on '" + key
                                    + "', which is not a task of this run");
                        }
                    }
                }
            }
            return new RunSubmit(this);
        }
    }
}
