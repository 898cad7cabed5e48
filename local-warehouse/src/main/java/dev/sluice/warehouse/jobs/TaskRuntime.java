package dev.sluice.warehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.sql.ScriptRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Runs one task run on Spark: SQL notebooks (cells split by {@code -- COMMAND ----------}) and
 * {@code sql_task} files, each statement through the warehouse's {@link ScriptRunner}; JAR and
 * {@code spark_submit_task} runs as {@code main(args)} of a class from their own class loader, with a session of
 * the warehouse active. Each task run gets a session of its own and its id as Spark job group (so a cancel stops
 * the Spark jobs). Python notebooks, {@code spark_python_task} and {@code python_wheel_task} run in
 * {@link PythonTasks}' subprocesses.
 */
final class TaskRuntime {

    static final String CELL = "-- COMMAND ----------";
    static final String PYTHON_CELL = "# COMMAND ----------";
    private static final int SHOWN_ROWS = 50;

    /** What a task run produced; {@code error} non-null means FAILED. */
    record Outcome(String error, String trace, String notebookResult, ArrayNode cells, String logs) {
        Outcome(String error, String trace, String notebookResult, ArrayNode cells) {
            this(error, trace, notebookResult, cells, null);
        }
    }

    private final ScriptRunner sql;
    private final WorkspaceTree workspace;
    private final Path warehouseDir;
    private final PythonTasks python;

    TaskRuntime(ScriptRunner sql, WorkspaceTree workspace, PythonTasks python, Path warehouseDir) {
        this.sql = sql;
        this.workspace = workspace;
        this.python = python;
        this.warehouseDir = warehouseDir.toAbsolutePath().normalize();
        ThreadOutput.install();
    }

    /** The task type of a task spec, or null when it has none this runtime knows. */
    static String type(JsonNode task) {
        for (String t : List.of("notebook_task", "sql_task", "spark_jar_task", "spark_python_task",
                "spark_submit_task", "python_wheel_task")) {
            if (task.hasNonNull(t)) {
                return t;
            }
        }
        return null;
    }

    /** Checks at submission what can be checked before running: the task type is one the runtime runs. */
    static void validate(JsonNode task) {
        String type = type(task);
        if (type == null) {
            throw ApiError.invalid("Task " + task.path("task_key").asText() + " has no task type the local"
                    + " warehouse runs (notebook_task, sql_task, spark_jar_task, spark_submit_task,"
                    + " spark_python_task or python_wheel_task)");
        }
        String key = task.path("task_key").asText();
        if (type.equals("spark_jar_task") && !task.path("spark_jar_task").hasNonNull("main_class_name")) {
            throw ApiError.invalid("Task " + key + ": spark_jar_task needs 'main_class_name'");
        }
        if (type.equals("spark_python_task") && !task.path("spark_python_task").hasNonNull("python_file")) {
            throw ApiError.invalid("Task " + key + ": spark_python_task needs 'python_file'");
        }
        if (type.equals("python_wheel_task") && (!task.path("python_wheel_task").hasNonNull("package_name")
                || !task.path("python_wheel_task").hasNonNull("entry_point"))) {
            throw ApiError.invalid("Task " + key + ": python_wheel_task needs 'package_name' and 'entry_point'");
        }
    }

    Outcome run(ObjectNode task, long taskRunId, Map<String, String> jobParams) {
        String type = type(task);
        try {
            if (type.equals("notebook_task")) {
                return notebook(task.get("notebook_task"), taskRunId, jobParams);
            }
            if (type.equals("spark_jar_task")) {
                List<String> jars = new ArrayList<>();
                for (JsonNode lib : task.path("libraries")) {
                    if (lib.hasNonNull("jar")) {
                        jars.add(lib.get("jar").asText());
                    }
                }
                JsonNode spec = task.get("spark_jar_task");
                if (spec.hasNonNull("jar_uri")) {
                    jars.add(spec.get("jar_uri").asText());
                }
                return jar(spec.get("main_class_name").asText(), jars, strings(spec.path("parameters")), taskRunId);
            }
            if (type.equals("spark_submit_task")) {
                return submit(strings(task.path("spark_submit_task").path("parameters")), taskRunId);
            }
            if (type.equals("spark_python_task")) {
                JsonNode spec = task.get("spark_python_task");
                return python.file(taskFile(spec.get("python_file").asText(), "Python file"),
                        strings(spec.path("parameters")), jobParams, taskRunId);
            }
            if (type.equals("python_wheel_task")) {
                return wheel(task, jobParams, taskRunId);
            }
            return sqlFile(task.get("sql_task"), taskRunId, jobParams);
        } catch (ApiError e) {
            return new Outcome(e.getMessage(), null, null, null);
        } catch (Throwable t) {
            return failure(t);
        }
    }

    private Outcome notebook(JsonNode spec, long taskRunId, Map<String, String> jobParams) throws Exception {
        String path = spec.path("notebook_path").asText();
        WorkspaceTree.Entry e = workspace.find(path.startsWith("/Workspace/") ? path.substring(10) : path);
        Map<String, String> params = new LinkedHashMap<>(jobParams);
        spec.path("base_parameters").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        if ("NOTEBOOK".equals(e.type()) && "PYTHON".equals(e.language())) {
            // the cells' code is kept for runs/export; their output is the run's logs
            Outcome o = python.notebook(e.file(), params, taskRunId);
            ArrayNode cells = Json.MAPPER.createArrayNode();
            String source = Files.readString(e.file(), StandardCharsets.UTF_8);
            for (String c : source.split("(?m)^" + PYTHON_CELL + "\\s*$")) {
                String text = c.replaceFirst("^\\s*# Databricks notebook source\\s*", "").strip();
                if (!text.isEmpty()) {
                    cells.addObject().put("source", text);
                }
            }
            return new Outcome(o.error(), o.trace(), o.notebookResult(), cells, o.logs());
        }
        if (!"NOTEBOOK".equals(e.type()) || !"SQL".equals(e.language())) {
            return new Outcome("Notebook " + path + " is not a SQL or Python notebook; the local warehouse runs"
                    + " those only", null, null, null);
        }
        String source = Files.readString(e.file(), StandardCharsets.UTF_8);
        List<String> cells = new ArrayList<>();
        for (String c : source.split("(?m)^" + CELL + "\\s*$")) {
            String text = c.replaceFirst("^\\s*-- Databricks notebook source\\s*", "").strip();
            if (!text.isEmpty()) {
                cells.add(text);
            }
        }
        return statements(cells, taskRunId, params, true);
    }

    private Outcome sqlFile(JsonNode spec, long taskRunId, Map<String, String> jobParams) throws Exception {
        JsonNode file = spec.get("file");
        if (file == null || !file.hasNonNull("path")) {
            return new Outcome("sql_task: the local warehouse runs SQL files (file.path); saved queries, alerts and"
                    + " dashboards are not available", null, null, null);
        }
        Map<String, String> params = new LinkedHashMap<>(jobParams);
        spec.path("parameters").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        String text = Files.readString(workspace.file(file.get("path").asText()), StandardCharsets.UTF_8);
        return statements(splitStatements(text), taskRunId, params, false);
    }

    private Outcome statements(List<String> statements, long taskRunId, Map<String, String> params,
                               boolean notebook) {
        String sid = sql.openSession();
        SparkSession spark = sql.session(sid);
        ArrayNode cells = Json.MAPPER.createArrayNode();
        String last = null;
        try {
            spark.sparkContext().setJobGroup(jobGroup(taskRunId), "task run " + taskRunId, true);
            for (String text : statements) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("task run " + taskRunId + " was stopped");
                }
                ObjectNode cell = cells.addObject();
                cell.put("source", text);
                List<Row> rows = sql.run(spark, text, params).takeAsList(SHOWN_ROWS);
                ArrayNode shown = cell.putArray("rows");
                for (Row row : rows) {
                    ArrayNode a = shown.addArray();
                    for (int i = 0; i < row.length(); i++) {
                        a.add(row.isNullAt(i) ? null : String.valueOf(row.get(i)));
                    }
                }
                last = rows.isEmpty() || rows.get(0).length() == 0 || rows.get(0).isNullAt(0) ? null
                        : String.valueOf(rows.get(0).get(0));
            }
            return new Outcome(null, null, notebook ? last : null, cells);
        } catch (Throwable t) {
            Outcome f = failure(t);
            return new Outcome(f.error(), f.trace(), null, cells);
        } finally {
            endJobGroup(spark, taskRunId);
            sql.close(sid);
        }
    }

    /**
     * Cancels whatever the task's job group still has running, then clears it. A stop that lands before a Spark
     * job is submitted (the task was still planning) interrupts this thread, which then gives up waiting while
     * the job it had just submitted goes on, and {@code cancelJobGroup} from the stop found nothing to cancel:
     * without this the job would hold one of the runtime's cores until it ended by itself. Once the task's
     * thread is here, no job of its group is wanted any more; the cancel is queued behind the submission.
     */
    private static void endJobGroup(SparkSession spark, long taskRunId) {
        spark.sparkContext().cancelJobGroup(jobGroup(taskRunId));
        spark.sparkContext().clearJobGroup();
    }

    /** {@code [--class C] [--option value ...] app.jar args...}: options other than --class and --jars are ignored. */
    private Outcome submit(List<String> params, long taskRunId) throws Exception {
        String mainClass = null;
        List<String> jars = new ArrayList<>();
        int i = 0;
        while (i < params.size() && params.get(i).startsWith("--")) {
            String option = params.get(i);
            String value = i + 1 < params.size() ? params.get(i + 1) : null;
            if (value == null) {
                return new Outcome("spark_submit_task: option " + option + " has no value", null, null, null);
            }
            if (option.equals("--class")) {
                mainClass = value;
            } else if (option.equals("--jars")) {
                jars.addAll(List.of(value.split(",")));
            }
            i += 2;
        }
        if (mainClass == null || i >= params.size()) {
            return new Outcome("spark_submit_task: the local warehouse runs '--class <main class> <jar> [args]'"
                    + " (use spark_python_task for Python files)", null, null, null);
        }
        jars.add(0, params.get(i));
        return jar(mainClass, jars, params.subList(i + 1, params.size()), taskRunId);
    }

    /**
     * Calls {@code main(args)} of a class from the task's jars, in a class loader of its own over the warehouse's,
     * with a fresh session of the warehouse active and the thread's output kept as the run's logs.
     */
    private Outcome jar(String mainClass, List<String> jars, List<String> args, long taskRunId) throws Exception {
        if (jars.isEmpty()) {
            return new Outcome("The task names no jar: add it to 'libraries' as {\"jar\": \"<path>\"}", null, null,
                    null);
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = taskFile(jars.get(i), "Jar").toUri().toURL();
        }
        String sid = sql.openSession();
        SparkSession spark = sql.session(sid);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        ThreadOutput.begin();
        try (URLClassLoader loader = new URLClassLoader("job-task-run-" + taskRunId, urls,
                TaskRuntime.class.getClassLoader())) {
            thread.setContextClassLoader(loader);
            SparkSession.setActiveSession(spark);
            spark.sparkContext().setJobGroup(jobGroup(taskRunId), "task run " + taskRunId, true);
            Method main = Class.forName(mainClass, true, loader).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new NoSuchMethodException(mainClass + ".main(String[]) is not static");
            }
            spark.conf().set("spark.sql.streaming.checkpointLocation",
                    warehouseDir.resolve("control").resolve("checkpoints").resolve(Long.toString(taskRunId)).toString());
            main.invoke(null, (Object) args.toArray(String[]::new));
            awaitStreams(spark);
            return new Outcome(null, null, null, null, ThreadOutput.end());
        } catch (Throwable t) {
            String logs = ThreadOutput.end();
            Throwable cause = t instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : t;
            Outcome f = failure(cause);
            return new Outcome(f.error(), f.trace(), null, null, logs);
        } finally {
            stopStreams(spark);
            SparkSession.clearActiveSession();
            endJobGroup(spark, taskRunId);
            thread.setContextClassLoader(previous);
            sql.close(sid);
        }
    }

    /** A wheel from the task's libraries ({@code whl}); {@code named_parameters} become {@code --name=value}. */
    private Outcome wheel(JsonNode task, Map<String, String> jobParams, long taskRunId) throws Exception {
        String wheel = null;
        for (JsonNode lib : task.path("libraries")) {
            if (lib.hasNonNull("whl")) {
                wheel = lib.get("whl").asText();
            }
        }
        if (wheel == null) {
            return new Outcome("The task names no wheel: add it to 'libraries' as {\"whl\": \"<path>\"}", null, null,
                    null);
        }
        JsonNode spec = task.get("python_wheel_task");
        List<String> args = strings(spec.path("parameters"));
        spec.path("named_parameters").fields().forEachRemaining(f -> args.add("--" + f.getKey() + "="
                + f.getValue().asText()));
        return python.wheel(taskFile(wheel, "Wheel"), spec.get("package_name").asText(),
                spec.get("entry_point").asText(), args, jobParams, taskRunId);
    }

    /**
     * A task whose {@code main} started streaming queries and returned runs as long as they do, as on Databricks:
     * until they end, fail (the task fails), or the run is cancelled or times out (the thread is interrupted).
     */
    private static void awaitStreams(SparkSession spark) throws Exception {
        while (spark.streams().active().length > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the task run was stopped");
            }
            // a query that failed throws its StreamingQueryException here, and the task fails with it
            if (spark.streams().awaitAnyTermination(500)) {
                spark.streams().resetTerminated();
            }
        }
    }

    /** Stops the streaming queries a task run left active: a stopped run stops its streams. */
    private static void stopStreams(SparkSession spark) {
        for (StreamingQuery q : spark.streams().active()) {
            try {
                q.stop();
            } catch (Exception | Error e) {
                System.err.println("Could not stop streaming query " + q.id() + ": " + e);
            }
        }
    }

    /**
     * A file named by a task (jar, Python file, wheel): a workspace path ({@code /Workspace/...} or without the prefix) if the workspace
     * has it, else a path under the warehouse directory ({@code /Volumes/c/s/v/x.jar} is
     * {@code <warehouse-dir>/Volumes/c/s/v/x.jar}); nothing outside the warehouse directory.
     */
    private Path taskFile(String name, String what) {
        String path = name.startsWith("file:") ? name.substring(5) : name;
        if (path.startsWith("dbfs:")) {
            throw ApiError.invalid(what + " " + name + ": DBFS is not available in the local warehouse; use a"
                    + " workspace or /Volumes path");
        }
        try {
            return workspace.file(path);
        } catch (ApiError e) {
            Path p = warehouseDir.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
            if (!p.startsWith(warehouseDir) || !Files.isRegularFile(p)) {
                throw ApiError.invalid(what + " " + name + " does not exist in the workspace or the warehouse"
                        + " directory");
            }
            return p;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    static String jobGroup(long taskRunId) {
        return "job-task-run-" + taskRunId;
    }

    private static Outcome failure(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return new Outcome(message, w.toString(), null, null);
    }

    /** Splits a SQL file at semicolons outside quotes, backquotes and comments. */
    static List<String> splitStatements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && quote != '`' && i + 1 < text.length()) {
                    cur.append(text.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
                cur.append('\n');
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                add(out, cur);
            } else {
                if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                }
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
