package dev.sluice.bench;

import dev.sluice.bench.probe.ProbeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one reader in a fresh JVM and turns whatever happens (a result, an exception, an OOM, a hang) into a
 * {@link RunResult}; nothing a child does stops the harness. One child at a time, so the server's request
 * counters before and after belong to it.
 */
final class ChildRunner implements AutoCloseable {
    /** Same query for both drivers; the server only looks for the table name. */
    static final String SQL = "SELECT id, name, amount FROM bench." + SeaServer.TABLE;

    /** A Sluice option of this form is a connection property for the URL, not a JVM option. */
    static final String URL_OPTION = "url:";
    private static final Pattern PROBE_SET_UP = Pattern.compile("SLUICE-BENCH-PHASES .*\\bwatchMs=(\\d+)");

    private final Layout layout;
    private final SeaServer server;
    private final BenchData data;
    private final Duration timeout;
    private final int warmPasses;
    private final List<String> sluiceOptions;
    private volatile Process current;
    private int sequence;

    /** @param sluiceOptions extra JVM options of the Sluice children (profiling only; empty for figures) */
    ChildRunner(Layout layout, SeaServer server, BenchData data, Duration timeout, int warmPasses,
                List<String> sluiceOptions) {
        this.layout = layout;
        this.server = server;
        this.data = data;
        this.timeout = timeout;
        this.warmPasses = warmPasses;
        this.sluiceOptions = List.copyOf(sluiceOptions);
    }

    /** The URL both drivers get; the official driver's settings are pinned so runs repeat (protocol.md 11). */
    String jdbcUrl(Compression compression) {
        return "jdbc:databricks://127.0.0.1:" + server.port() + "/default;ssl=0;AuthMech=3;UID=token;PWD=x"
                + ";httpPath=/sql/1.0/warehouses/bench;UseThriftClient=0;EnableTelemetry=0;UseBoundedSeaApi=1"
                + ";EnableQueryResultLZ4Compression=" + compression.urlFlag();
    }

    RunResult run(Reader reader, Compression compression, String heap) {
        sequence++;
        Path log = layout.logs().resolve(String.format(Locale.ROOT, "%03d-%s-%s-%s.log",
                sequence, reader.label(), compression.label(), heap));
        long links = server.linkRequests();
        long downloads = server.downloads();
        long launchedAt = System.currentTimeMillis();
        Outcome outcome = launch(command(reader, compression, heap), log);
        Map<String, String> fields = resultLine(outcome.output());
        return classify(reader, compression, heap, outcome, fields, launchedAt,
                server.linkRequests() - links, server.downloads() - downloads, log);
    }

    /** Kills a child still running, for a harness that is being stopped. */
    @Override
    public void close() {
        Process p = current;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private List<String> command(Reader reader, Compression compression, String heap) {
        List<String> cmd = new ArrayList<>();
        cmd.add(layout.java().toString());
        cmd.add("-Xmx" + heap);
        if (reader == Reader.FLOOR) {
            cmd.addAll(List.of("-cp", layout.classpath(reader), "dev.sluice.bench.probe.FloorProbe",
                    server.baseUrl(), Long.toString(data.rows()), Long.toString(data.checksum())));
            return cmd;
        }
        if (!reader.isJdbc()) {
            // arrow-java needs the first for IPC; the others are its documented fast settings, fitting a ceiling.
            // A JDBC child never gets anything besides -Xmx.
            cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
            cmd.add("-Darrow.enable_unsafe_memory_access=true");
            cmd.add("-Darrow.enable_null_check_for_get=false");
            cmd.add("-Dslf4j.internal.verbosity=ERROR");
        }
        if (reader.isSluice()) {
            sluiceOptions.stream().filter(o -> !o.startsWith(URL_OPTION)).forEach(cmd::add);
        }
        cmd.add("-cp");
        cmd.add(layout.classpath(reader));
        if (reader.isJdbc()) {
            cmd.add("dev.sluice.bench.probe.JdbcProbe");
            StringBuilder url = new StringBuilder(jdbcUrl(compression) + reader.urlSuffix(heap));
            if (reader.isSluice()) {
                sluiceOptions.stream().filter(o -> o.startsWith(URL_OPTION))
                        .forEach(o -> url.append(';').append(o.substring(URL_OPTION.length())));
            }
            cmd.add(url.toString());
            cmd.add(SQL);
        } else {
            cmd.add("dev.sluice.bench.probe.CeilingProbe");
            cmd.add(server.baseUrl());
            cmd.add(Integer.toString(data.chunks().size()));
            cmd.add(compression.label());
            cmd.add(reader == Reader.ARROW_MEM ? "mem" : "net");
            cmd.add(Integer.toString(warmPasses));
        }
        return cmd;
    }

    private record Outcome(boolean timedOut, int exitCode, String output) {
    }

    private Outcome launch(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            current = process;
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor();
            }
            current = null;
            // not Files.readString: a driver's log may hold bytes that are not UTF-8, and that must not stop us
            String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return new Outcome(!exited, exited ? process.exitValue() : -1, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run a child JVM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while a child JVM ran", e);
        }
    }

    private RunResult classify(Reader reader, Compression compression, String heap, Outcome outcome,
                               Map<String, String> f, long launchedAt, long links, long downloads, Path log) {
        long rows = number(f, "rows");
        long nanos = number(f, "readNanos");
        long warmNanos = number(f, "warmReadNanos");
        long firstRow = number(f, "firstRowEpochMs");
        // the probe's own heap watch (JMX, 0.1-0.2 s cold) runs before the driver is touched; no application pays it
        long firstRowMillis = firstRow > 0 ? firstRow - launchedAt - probeSetUpMillis(outcome.output()) : 0;
        long peak = number(f, "peakLiveBytes");
        String status = f.getOrDefault("status", "");
        boolean oomSeen = outcome.output().contains("OutOfMemoryError");
        RunResult.Status s;
        String message = f.getOrDefault("message", "");
        if ("OK".equals(status)) {
            boolean right = rows == data.rows() && data.checksum() == number(f, "checksum");
            s = right ? RunResult.Status.OK : RunResult.Status.WRONG;
            message = right ? "" : "rows " + rows + ", checksum " + f.get("checksum") + " (expected " + data.rows()
                    + ", " + data.checksum() + ")";
        } else if ("OOM".equals(status) || oomSeen) {
            s = RunResult.Status.OOM;
            message = outcome.timedOut() ? "OutOfMemoryError, then no progress until the time limit" : message;
        } else if (outcome.timedOut()) {
            s = RunResult.Status.TIMEOUT;
            message = "no result after " + timeout.toSeconds() + " s";
        } else {
            s = RunResult.Status.ERROR;
            message = message.isEmpty() ? "exit code " + outcome.exitCode() + " without a result line" : message;
        }
        return new RunResult(reader, compression, heap, s, rows, nanos, warmNanos, firstRowMillis, peak, links,
                downloads, message, log);
    }

    /** The probe's set-up time before it connects, from its phases line; 0 when it printed none. */
    private static long probeSetUpMillis(String output) {
        Matcher m = PROBE_SET_UP.matcher(output);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static Map<String, String> resultLine(String output) {
        Map<String, String> fields = new HashMap<>();
        int at = output.lastIndexOf(ProbeResult.PREFIX);
        if (at < 0) {
            return fields;
        }
        int end = output.indexOf('\n', at);
        String line = output.substring(at + ProbeResult.PREFIX.length(), end < 0 ? output.length() : end).trim();
        int message = line.indexOf("message=");
        if (message >= 0) {
            fields.put("message", line.substring(message + "message=".length()));
            line = line.substring(0, message);
        }
        for (String pair : line.trim().split(" ")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return fields;
    }

    private static long number(Map<String, String> fields, String key) {
        try {
            return Long.parseLong(fields.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
