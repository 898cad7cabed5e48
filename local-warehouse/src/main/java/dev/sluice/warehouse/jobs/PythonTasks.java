package dev.sluice.warehouse.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Python task runs as {@code python3} subprocesses: Python notebooks, {@code spark_python_task} files and
 * {@code python_wheel_task} entry points, run by {@code sluice_runtime.py}, which gives the code a {@code spark}
 * whose {@code sql(...)} goes to this warehouse's statement API, and a small {@code dbutils}. Each task run gets a
 * token of its own, valid until the process ends; stdout and stderr are the run's logs; a stop (cancel, timeout)
 * kills the process and its children.
 */
final class PythonTasks {

    private static final String MODULE = "sluice_runtime";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path home;
    private volatile HttpApi http;
    private volatile String warehouseId;

    PythonTasks(Path warehouseDir) {
        this.home = warehouseDir.resolve("control").resolve("python");
    }

    /** The HTTP front whose statement API the code calls, and which accepts the tokens issued here. */
    void attach(HttpApi http, String warehouseId) {
        this.http = http;
        this.warehouseId = warehouseId;
    }

    /** Runs a Python notebook's cells in one namespace; {@code dbutils.notebook.exit} gives the result. */
    TaskRuntime.Outcome notebook(Path source, Map<String, String> params, long taskRunId) throws IOException {
        return run(List.of("notebook", source.toString()), params, taskRunId);
    }

    /** Runs a Python file as {@code __main__} with {@code sys.argv = [file] + args}. */
    TaskRuntime.Outcome file(Path source, List<String> args, Map<String, String> params, long taskRunId)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of("file", source.toString()));
        argv.addAll(args);
        return run(argv, params, taskRunId);
    }

    /** Imports the wheel (pure Python, from its zip) and calls its entry point with {@code sys.argv}. */
    TaskRuntime.Outcome wheel(Path wheel, String packageName, String entryPoint, List<String> args,
                              Map<String, String> params, long taskRunId) throws IOException {
        List<String> argv = new ArrayList<>(List.of("wheel", wheel.toString(), packageName, entryPoint));
        argv.addAll(args);
        return run(argv, params, taskRunId);
    }

    private TaskRuntime.Outcome run(List<String> argv, Map<String, String> params, long taskRunId)
            throws IOException {
        HttpApi front = http;
        if (front == null) {
            return new TaskRuntime.Outcome("Python tasks need the warehouse's HTTP front, which is not started",
                    null, null, null);
        }
        installModule();
        Path dir = home.resolve("task-runs").resolve(Long.toString(taskRunId));
        Files.createDirectories(dir);
        Path log = dir.resolve("output.log");
        Path result = dir.resolve("result.json");
        Files.deleteIfExists(result);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = "sluice-run-" + HexFormat.of().formatHex(secret);
        List<String> command = new ArrayList<>(List.of("python3", "-u", "-m", MODULE));
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("PYTHONPATH", home.toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("SLUICE_URL", "http://127.0.0.1:" + front.port());
        env.put("SLUICE_TOKEN", token);
        env.put("SLUICE_WAREHOUSE_ID", warehouseId);
        env.put("SLUICE_PARAMS", Json.write(Json.MAPPER.valueToTree(params)));
        env.put("SLUICE_RESULT_FILE", result.toString());
        front.allowToken(token);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            front.revokeToken(token);
            return new TaskRuntime.Outcome("Cannot start python3 for the task: " + e.getMessage(), null, null, null);
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new TaskRuntime.Outcome("The Python process was stopped", null, null, null, logs(log));
        } finally {
            front.revokeToken(token);
        }
        String logs = logs(log);
        JsonNode outcome = Files.exists(result) ? Json.MAPPER.readTree(Files.readString(result)) : Json.object();
        if (outcome.hasNonNull("error")) {
            return new TaskRuntime.Outcome(outcome.get("error").asText(), outcome.path("trace").asText(null), null,
                    null, logs);
        }
        if (exit != 0) {
            return new TaskRuntime.Outcome("python3 exited with code " + exit, logs, null, null, logs);
        }
        return new TaskRuntime.Outcome(null, null, outcome.path("result").asText(null), null, logs);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first {@link ThreadOutput#MAX_LOG_BYTES} bytes of the process's output. */
    private static String logs(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (InputStream in = Files.newInputStream(log)) {
            return new String(in.readNBytes(ThreadOutput.MAX_LOG_BYTES), StandardCharsets.UTF_8);
        }
    }

    private synchronized void installModule() throws IOException {
        Path file = home.resolve(MODULE + ".py");
        try (InputStream in = PythonTasks.class.getResourceAsStream(MODULE + ".py")) {
            if (in == null) {
                throw new IOException(MODULE + ".py is missing from the warehouse's class path");
            }
            byte[] text = in.readAllBytes();
            if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), text)) {
                Files.createDirectories(home);
                Files.write(file, text);
            }
        }
    }
}
