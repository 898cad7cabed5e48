package dev.sluice.dao.procedure;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.dao.jobs.Jobs;
import dev.sluice.dao.jobs.RunListener;
import dev.sluice.jdbc.jobs.ExportedView;
import dev.sluice.jdbc.jobs.Run;
import dev.sluice.jdbc.jobs.RunNow;
import dev.sluice.jdbc.jobs.RunOutput;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.procedure.ParameterMode;
import dev.sluice.jdbc.procedure.ParameterSpec;
import dev.sluice.jdbc.procedure.ProcedureCall;
import dev.sluice.jdbc.procedure.ProcedureOutcome;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import dev.sluice.jdbc.procedure.ResultColumn;
import java.io.IOException;
import java.sql.JDBCType;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in Jobs procedures ({@code {call sluice.job_status(?, ?, ?, ?)}}): thin adapters over {@link Jobs} on
 * the call's connection. A run that ends badly while a procedure waits for it raises the DAO's exception
 * (RunFailed, RunCanceled, ...), an SQLException with its own SQLSTATE.
 */
public final class JobProcedures implements ProcedureProvider {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final List<String> TASK_TYPES = List.of("NOTEBOOK", "JAR", "PYTHON", "SQL_FILE", "SPARK_SUBMIT",
            "JSON");

    @Override
    public List<ProcedureSpec> procedures() {
        return List.of(submit(), runNow(), status(), cancel(), output(), export(), listRuns());
    }

    private static ProcedureSpec submit() {
        return new ProcedureSpec("job_submit", "submit a one-task run by type and path; waits when wait_seconds > 0",
                List.of(in("task_type", JDBCType.VARCHAR, true, null, String.join(", ", TASK_TYPES)),
                        in("path", JDBCType.VARCHAR, true, null, "notebook path, main class, Python file, SQL file "
                                + "path, the spark-submit arguments separated by spaces, or for JSON the task's"
                                + " Jobs API object"),
                        in("cluster_id", JDBCType.VARCHAR, false, null, "existing cluster to run on"),
                        in("library", JDBCType.VARCHAR, false, null, "jar of a JAR task"),
                        in("warehouse_id", JDBCType.VARCHAR, false, null, "warehouse of a SQL_FILE task"),
                        in("run_name", JDBCType.VARCHAR, false, "sluice", "run name"),
                        in("wait_seconds", JDBCType.BIGINT, false, 0L, "how long to wait for the end; 0 = do not"),
                        out("run_id", JDBCType.BIGINT), out("state", JDBCType.VARCHAR),
                        out("result_state", JDBCType.VARCHAR)),
                false, call -> {
                    Task task = task(call);
                    Jobs jobs = Jobs.over(call.connection());
                    long runId = jobs.submit(RunSubmit.builder(call.string("run_name")).task(task).build());
                    return finish(jobs, runId, call.longValue("wait_seconds"));
                });
    }

    private static Task task(ProcedureCall call) throws SQLException {
        String type = call.string("task_type").trim().toUpperCase(Locale.ROOT);
        String path = call.string("path").trim();
        Task task;
        try {
            task = switch (type) {
                case "NOTEBOOK" -> Task.notebook("main", path, null);
                case "JAR" -> Task.sparkJar("main", path, null);
                case "PYTHON" -> Task.sparkPython("main", path, null);
                case "SQL_FILE" -> Task.sqlFile("main", required(call, "warehouse_id"), path, null);
                case "SPARK_SUBMIT" -> Task.sparkSubmit("main", Arrays.asList(path.split("\\s+")));
                case "JSON" -> Task.fromBody(jsonObject(path));
                default -> throw new SQLDataException("task_type '" + call.string("task_type") + "' is not one of "
                        + String.join(", ", TASK_TYPES), "22023");
            };
            if (call.string("library") != null) {
                task = task.withLibrary("jar", call.string("library"));
            }
            if (call.string("cluster_id") != null) {
                task = task.withExistingCluster(call.string("cluster_id"));
            }
        } catch (IllegalArgumentException e) {
            throw new SQLDataException(e.getMessage(), "22023", e);
        }
        return task;
    }

    /** A JSON object as maps, lists, strings, numbers, booleans and nulls. */
    static Map<String, Object> jsonObject(String text) throws SQLException {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) jsonValue(p);
            if (p.nextToken() != null) {
                throw new IOException("text follows the object");
            }
            return object;
        } catch (IOException e) {
            throw new SQLDataException("path '" + text + "' is not a JSON task object: " + e.getMessage(), "22023", e);
        }
    }

    private static Object jsonValue(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, jsonValue(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(jsonValue(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + p.currentToken());
        }
    }

    private static String required(ProcedureCall call, String name) throws SQLException {
        String value = call.string(name);
        if (value == null || value.isBlank()) {
            throw new SQLDataException(name + " is required for task_type " + call.string("task_type"), "22023");
        }
        return value;
    }

    private static ProcedureSpec runNow() {
        return new ProcedureSpec("job_run_now", "trigger a job; waits when wait_seconds > 0",
                List.of(in("job_id", JDBCType.BIGINT, true, null, "job id"),
                        in("params", JDBCType.VARCHAR, false, null, "job parameters as a JSON object of strings"),
                        in("wait_seconds", JDBCType.BIGINT, false, 0L, "how long to wait for the end; 0 = do not"),
                        out("run_id", JDBCType.BIGINT), out("state", JDBCType.VARCHAR),
                        out("result_state", JDBCType.VARCHAR)),
                false, call -> {
                    RunNow.Builder b;
                    try {
                        b = RunNow.builder(call.longValue("job_id"));
                    } catch (IllegalArgumentException e) {
                        throw new SQLDataException("job_id: " + e.getMessage(), "22023", e);
                    }
                    if (call.string("params") != null) {
                        b.jobParameters(parameters(call.string("params")));
                    }
                    Jobs jobs = Jobs.over(call.connection());
                    return finish(jobs, jobs.runNow(b.build()), call.longValue("wait_seconds"));
                });
    }

    /** A flat JSON object of string values. @throws SQLDataException 22023 naming the parameter otherwise */
    static Map<String, String> parameters(String text) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!value.isScalarValue()) {
                    throw new IOException("the value of '" + name + "' is not a string or number");
                }
                values.put(name, p.getText());
            }
            if (p.nextToken() != null) {
                throw new IOException("text follows the object");
            }
        } catch (IOException e) {
            throw new SQLDataException("params '" + text + "' is not a JSON object of strings: " + e.getMessage(),
                    "22023", e);
        }
        return values;
    }

    private static ProcedureOutcome finish(Jobs jobs, long runId, Long waitSeconds) throws SQLException {
        long seconds = waitSeconds == null ? 0 : waitSeconds;
        if (seconds < 0) {
            throw new SQLDataException("wait_seconds " + seconds + " is negative", "22023");
        }
        Run run = seconds == 0 ? jobs.status(runId) : jobs.await(runId, Duration.ofSeconds(seconds), RunListener.NONE);
        return states(run);
    }

    private static ProcedureOutcome states(Run run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run_id", run.runId());
        out.put("state", run.lifeCycleState());
        out.put("result_state", run.resultState());
        return ProcedureOutcome.out(out);
    }

    private static ProcedureSpec status() {
        return new ProcedureSpec("job_status", "the state of a run",
                List.of(in("run_id", JDBCType.BIGINT, true, null, "run id"),
                        out("state", JDBCType.VARCHAR), out("result_state", JDBCType.VARCHAR),
                        out("state_message", JDBCType.VARCHAR)),
                false, call -> {
                    Run run = Jobs.over(call.connection()).status(call.longValue("run_id"));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("state", run.lifeCycleState());
                    out.put("result_state", run.resultState());
                    out.put("state_message", run.stateMessage());
                    return ProcedureOutcome.out(out);
                });
    }

    private static ProcedureSpec cancel() {
        return new ProcedureSpec("job_cancel", "cancel a run (it ends asynchronously)",
                List.of(in("run_id", JDBCType.BIGINT, true, null, "run id")),
                false, call -> {
                    Jobs.over(call.connection()).cancel(call.longValue("run_id"));
                    return ProcedureOutcome.none();
                });
    }

    private static ProcedureSpec output() {
        return new ProcedureSpec("job_output", "the output of every task of a run, one row per task",
                List.of(in("run_id", JDBCType.BIGINT, true, null, "run id")),
                true, call -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (RunOutput o : Jobs.over(call.connection()).output(call.longValue("run_id"))) {
                        rows.add(Arrays.asList(o.taskKey(), o.runId(), o.notebookResult(), o.logs(), o.error(),
                                o.errorTrace()));
                    }
                    return ProcedureOutcome.rows(List.of(col("task_key", JDBCType.VARCHAR),
                            col("run_id", JDBCType.BIGINT), col("notebook_result", JDBCType.VARCHAR),
                            col("logs", JDBCType.VARCHAR), col("error", JDBCType.VARCHAR),
                            col("error_trace", JDBCType.VARCHAR)), rows);
                });
    }

    private static ProcedureSpec export() {
        return new ProcedureSpec("job_export", "the HTML views of a notebook run (runs/export), one row per view",
                List.of(in("run_id", JDBCType.BIGINT, true, null, "run id of the notebook run or task run")),
                true, call -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (ExportedView v : Jobs.over(call.connection()).export(call.longValue("run_id"))) {
                        rows.add(Arrays.asList(v.name(), v.type(), v.content()));
                    }
                    return ProcedureOutcome.rows(List.of(col("name", JDBCType.VARCHAR), col("type", JDBCType.VARCHAR),
                            col("content", JDBCType.VARCHAR)), rows);
                });
    }

    private static ProcedureSpec listRuns() {
        return new ProcedureSpec("job_list_runs", "the runs of a job (of every job when job_id is NULL)",
                List.of(in("job_id", JDBCType.BIGINT, false, null, "job id, or NULL"),
                        in("active_only", JDBCType.BOOLEAN, false, Boolean.FALSE, "only active runs")),
                true, call -> {
                    List<List<Object>> rows = new ArrayList<>();
                    for (Run r : Jobs.over(call.connection()).listRuns(call.longValue("job_id"),
                            Boolean.TRUE.equals(call.bool("active_only")))) {
                        rows.add(Arrays.asList(r.runId(), r.jobId(), r.runName(), r.lifeCycleState(),
                                r.resultState(), r.startTime() == 0 ? null : new Timestamp(r.startTime()),
                                r.endTime() == 0 ? null : new Timestamp(r.endTime())));
                    }
                    return ProcedureOutcome.rows(List.of(col("run_id", JDBCType.BIGINT),
                            col("job_id", JDBCType.BIGINT), col("run_name", JDBCType.VARCHAR),
                            col("state", JDBCType.VARCHAR), col("result_state", JDBCType.VARCHAR),
                            col("start_time", JDBCType.TIMESTAMP), col("end_time", JDBCType.TIMESTAMP)), rows);
                });
    }

    private static ParameterSpec in(String name, JDBCType type, boolean required, Object defaultValue, String remarks) {
        return new ParameterSpec(name, ParameterMode.IN, type, required, defaultValue, remarks);
    }

    private static ParameterSpec out(String name, JDBCType type) {
        return new ParameterSpec(name, ParameterMode.OUT, type, false, null, name.replace('_', ' '));
    }

    private static ResultColumn col(String name, JDBCType type) {
        return new ResultColumn(name, type);
    }
}
