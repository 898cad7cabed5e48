package dev.sluice.jdbc.jobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task of a {@link RunSubmit}: a task key, what it runs (one of the {@code *_task} objects of Jobs API 2.2),
 * the compute it runs on and the tasks it depends on. Immutable; build it with one of the static factories and the
 * {@code with*} methods, which return a new task.
 */
public final class Task {
    private final Map<String, Object> body;

    private Task(Map<String, Object> body) {
        this.body = body;
    }

    private static Task of(String taskKey, String type, Map<String, Object> spec) {
        Objects.requireNonNull(taskKey, "taskKey is null");
        if (taskKey.isBlank()) {
            throw new IllegalArgumentException("taskKey is blank");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_key", taskKey);
        body.put(type, spec);
        return new Task(body);
    }

    /**
     * A task given as its Jobs API object (maps, lists, strings, numbers, booleans), such as a parsed
     * {@code {"task_key": "t", "notebook_task": {...}}}: for task types and fields without a factory here.
     *
     * @throws IllegalArgumentException without a {@code task_key}, or without exactly one {@code *_task} object
     */
    public static Task fromBody(Map<String, Object> body) {
        Objects.requireNonNull(body, "body is null");
        if (!(body.get("task_key") instanceof String key) || key.isBlank()) {
            throw new IllegalArgumentException("the task has no 'task_key' string");
        }
        long types = body.entrySet().stream().filter(e -> e.getKey().endsWith("_task") && e.getValue() instanceof Map)
                .count();
        if (types != 1) {
            throw new IllegalArgumentException("task " + key + " must have exactly one *_task object, it has " + types);
        }
        return new Task(new LinkedHashMap<>(body));
    }

    private static Map<String, Object> spec(Object... pairs) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                spec.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return spec;
    }

    private static String required(String value, String name) {
        Objects.requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    /** {@code notebook_task}: a workspace notebook with its base parameters. */
    public static Task notebook(String taskKey, String notebookPath, Map<String, String> baseParameters) {
        return of(taskKey, "notebook_task", spec("notebook_path", required(notebookPath, "notebookPath"),
                "base_parameters", baseParameters == null ? null : Map.copyOf(baseParameters)));
    }

    /** {@code spark_jar_task}: the main class of a jar given with {@link #withLibrary}. */
    public static Task sparkJar(String taskKey, String mainClassName, List<String> parameters) {
        return of(taskKey, "spark_jar_task", spec("main_class_name", required(mainClassName, "mainClassName"),
                "parameters", copy(parameters)));
    }

    /** {@code spark_python_task}: a Python file (workspace, volume or cloud path). */
    public static Task sparkPython(String taskKey, String pythonFile, List<String> parameters) {
        return of(taskKey, "spark_python_task", spec("python_file", required(pythonFile, "pythonFile"),
                "parameters", copy(parameters)));
    }

    /** {@code spark_submit_task}: the arguments of spark-submit ({@code --class}, the jar, its arguments). */
    public static Task sparkSubmit(String taskKey, List<String> parameters) {
        Objects.requireNonNull(parameters, "parameters is null");
        return of(taskKey, "spark_submit_task", spec("parameters", copy(parameters)));
    }

    /** {@code python_wheel_task}: an entry point of a wheel given with {@link #withLibrary}. */
    public static Task pythonWheel(String taskKey, String packageName, String entryPoint, List<String> parameters) {
        return of(taskKey, "python_wheel_task", spec("package_name", required(packageName, "packageName"),
                "entry_point", required(entryPoint, "entryPoint"), "parameters", copy(parameters)));
    }

    /** {@code sql_task} running a SQL file on a warehouse. */
    public static Task sqlFile(String taskKey, String warehouseId, String path, Map<String, String> parameters) {
        return of(taskKey, "sql_task", spec("warehouse_id", required(warehouseId, "warehouseId"),
                "file", Map.of("path", required(path, "path")),
                "parameters", parameters == null ? null : Map.copyOf(parameters)));
    }

    /** {@code sql_task} running a saved query on a warehouse. */
    public static Task sqlQuery(String taskKey, String warehouseId, String queryId, Map<String, String> parameters) {
        return of(taskKey, "sql_task", spec("warehouse_id", required(warehouseId, "warehouseId"),
                "query", Map.of("query_id", required(queryId, "queryId")),
                "parameters", parameters == null ? null : Map.copyOf(parameters)));
    }

    private static List<String> copy(List<String> values) {
        return values == null ? null : List.copyOf(values);
    }

    private Task with(String key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(body);
        next.put(key, value);
        return new Task(next);
    }

    /** Runs on an existing all-purpose cluster. */
    public Task withExistingCluster(String clusterId) {
        return with("existing_cluster_id", required(clusterId, "clusterId"));
    }

    /** Runs on a new job cluster; {@code newCluster} is the {@code new_cluster} object as maps and lists. */
    public Task withNewCluster(Map<String, Object> newCluster) {
        return with("new_cluster", Map.copyOf(Objects.requireNonNull(newCluster, "newCluster is null")));
    }

    /** Runs on serverless compute with the environment of this key (see {@link RunSubmit.Builder#environment}). */
    public Task withEnvironment(String environmentKey) {
        return with("environment_key", required(environmentKey, "environmentKey"));
    }

    /** Runs after these tasks of the same run. */
    public Task dependsOn(String... taskKeys) {
        List<Object> deps = new ArrayList<>();
        for (String key : taskKeys) {
            deps.add(Map.of("task_key", required(key, "a task key of dependsOn")));
        }
        return with("depends_on", List.copyOf(deps));
    }

    /** Adds a library: {@code kind} is {@code jar}, {@code whl}, {@code egg} or {@code requirements}. */
    @SuppressWarnings("unchecked")
    public Task withLibrary(String kind, String path) {
        List<Object> libraries = new ArrayList<>((List<Object>) body.getOrDefault("libraries", List.of()));
        libraries.add(Map.of(required(kind, "kind"), required(path, "path")));
        return with("libraries", List.copyOf(libraries));
    }

    /** The task's timeout; zero means none. */
    public Task withTimeoutSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("timeout seconds " + seconds + " is negative");
        }
        return with("timeout_seconds", seconds);
    }

    /** The task's type: the name of its {@code *_task} field, such as {@code notebook_task}. */
    public String type() {
        for (String field : body.keySet()) {
            if (field.endsWith("_task")) {
                return field;
            }
        }
        throw new IllegalStateException("task " + taskKey() + " has no *_task field");
    }

    public String taskKey() {
        return (String) body.get("task_key");
    }

    /** The task's JSON object as maps, lists, strings and numbers. */
    public Map<String, Object> body() {
        return java.util.Collections.unmodifiableMap(body);
    }
}
