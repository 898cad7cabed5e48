package dev.sluice.jdbc.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The settings of a job for {@code jobs/create} and {@code jobs/reset}. Immutable; see {@link #builder}. */
public final class JobSettings {
    private final Map<String, Object> body;

    private JobSettings(Map<String, Object> body) {
        this.body = body;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The {@code settings} object as maps, lists, strings and numbers. */
    public Map<String, Object> body() {
        return body;
    }

    public static final class Builder {
        private final String name;
        private final List<Task> tasks = new ArrayList<>();
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private int maxConcurrentRuns;
        private int timeoutSeconds;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name is null");
        }

        public Builder task(Task task) {
            tasks.add(Objects.requireNonNull(task, "task is null"));
            return this;
        }

        /** A job-level parameter with its default, given at run-now with {@code job_parameters}. */
        public Builder parameter(String name, String defaultValue) {
            parameters.put(Objects.requireNonNull(name, "name is null"),
                    Objects.requireNonNull(defaultValue, "defaultValue is null"));
            return this;
        }

        public Builder maxConcurrentRuns(int runs) {
            if (runs < 1) {
                throw new IllegalArgumentException("max concurrent runs " + runs + " is below 1");
            }
            this.maxConcurrentRuns = runs;
            return this;
        }

        public Builder timeoutSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("timeout seconds " + seconds + " is negative");
            }
            this.timeoutSeconds = seconds;
            return this;
        }

        /** @throws IllegalArgumentException without tasks or with a repeated task key */
        public JobSettings build() {
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("job '" + name + "' has no task");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            List<Object> taskBodies = new ArrayList<>();
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (Task task : tasks) {
                if (!keys.add(task.taskKey())) {
                    throw new IllegalArgumentException("task key '" + task.taskKey() + "' is used twice");
                }
                taskBodies.add(task.body());
            }
            body.put("tasks", taskBodies);
            if (!parameters.isEmpty()) {
                List<Object> params = new ArrayList<>();
                parameters.forEach((k, v) -> params.add(Map.of("name", k, "default", v)));
                body.put("parameters", params);
            }
            if (maxConcurrentRuns > 0) {
                body.put("max_concurrent_runs", maxConcurrentRuns);
            }
            if (timeoutSeconds > 0) {
                body.put("timeout_seconds", timeoutSeconds);
            }
            return new JobSettings(java.util.Collections.unmodifiableMap(body));
        }
    }
}
