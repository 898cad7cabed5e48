package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dao.jobs.Jobs;
import dev.sluice.dao.jobs.RunCanceled;
import dev.sluice.dao.jobs.StreamingProgress;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.jobs.RunSubmit;
import dev.sluice.jdbc.jobs.Task;
import dev.sluice.jdbc.jobs.WorkspaceTree;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A structured streaming JAR task (a rate source into a Delta sink) on the local warehouse: it stays RUNNING after
 * {@code main} returns, its progress is read from the sink's Delta history, and cancel stops it.
 */
@ExtendWith(LocalWarehouseExtension.class)
class JobsStreamingTest {

    /** Starts rate -> Delta with a one-second trigger and returns, as a Databricks streaming job's main may. */
    private static final String SOURCE = """
            package demo;

            public class Stream {
                public static void main(String[] args) throws Exception {
                    Object spark = Class.forName("org.apache.spark.sql.SparkSession").getMethod("active").invoke(null);
                    spark.getClass().getMethod("sql", String.class).invoke(spark,
                            "CREATE TABLE " + args[0] + " (timestamp TIMESTAMP, value BIGINT) USING delta");
                    Object reader = spark.getClass().getMethod("readStream").invoke(spark);
                    reader = call(reader, "format", "rate");
                    reader = reader.getClass().getMethod("option", String.class, String.class)
                            .invoke(reader, "rowsPerSecond", "20");
                    Object frame = reader.getClass().getMethod("load").invoke(reader);
                    Object writer = frame.getClass().getMethod("writeStream").invoke(frame);
                    writer = call(writer, "format", "delta");
                    Class<?> trigger = Class.forName("org.apache.spark.sql.streaming.Trigger");
                    writer = writer.getClass().getMethod("trigger", trigger)
                            .invoke(writer, trigger.getMethod("ProcessingTime", String.class).invoke(null, "1 second"));
                    call(writer, "toTable", args[0]);
                    System.out.println("streaming into " + args[0]);
                }

                private static Object call(Object target, String method, String arg) throws Exception {
                    return target.getClass().getMethod(method, String.class).invoke(target, arg);
                }
            }
            """;

    @TempDir
    Path dir;

    private final LocalWarehouse warehouse;

    JobsStreamingTest(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Test
    void aStreamingJarRunsUntilCancelledAndReportsItsSinksProgress() throws Exception {
        Path src = dir.resolve("src/demo/Stream.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString())).isZero();
        Path jar = dir.resolve("stream.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("demo/Stream.class"));
            j.write(Files.readAllBytes(classes.resolve("demo/Stream.class")));
            j.closeEntry();
        }
        String sink = "stream_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection connection = DriverManager.getConnection(warehouse.jdbcUrl())) {
            WorkspaceTree tree = connection.unwrap(SluiceWorkspace.class).workspaceTree();
            String jarPath = "/Shared/" + sink + ".jar";
            tree.mkdirs("/Shared");
            tree.importObject(jarPath, Files.readAllBytes(jar), "AUTO", null, true);
            Jobs jobs = Jobs.over(connection).withPolling(Duration.ofMillis(100), Duration.ofSeconds(1));
            long runId = jobs.submit(RunSubmit.builder("stream").task(Task.sparkJar("stream", "demo.Stream",
                    List.of(sink)).withLibrary("jar", jarPath)).build());

            StreamingProgress progress = null;
            for (int i = 0; i < 1800; i++) {
                try {
                    progress = jobs.streamingProgress(runId, sink);
                    if (progress.batches().size() >= 3) {
                        break;
                    }
                } catch (dev.sluice.dao.delta.TableNotFound notYet) {
                    // the task has not created its sink yet
                }
                Thread.sleep(100);
            }
            assertThat(progress).isNotNull();
            assertThat(progress.batches()).as("streaming batches").hasSizeGreaterThanOrEqualTo(3);
            assertThat(progress.run().lifeCycleState()).isEqualTo("RUNNING");
            List<StreamingProgress.Batch> batches = progress.batches();
            assertThat(batches).extracting(StreamingProgress.Batch::queryId).doesNotContainNull().containsOnly(
                    batches.get(0).queryId());
            for (int i = 1; i < batches.size(); i++) {
                assertThat(batches.get(i).epochId()).isGreaterThan(batches.get(i - 1).epochId());
                assertThat(batches.get(i).version()).isGreaterThan(batches.get(i - 1).version());
            }
            assertThat(progress.totalOutputRows()).isPositive();

            jobs.cancel(runId);
            assertThatThrownBy(() -> jobs.await(runId, Duration.ofMinutes(3), r -> { }))
                    .isInstanceOf(RunCanceled.class);
            // the query was stopped with the run: the sink takes no more batches
            StreamingProgress stopped = jobs.streamingProgress(runId, sink);
            assertThat(stopped.run().resultState()).isEqualTo("CANCELED");
            int after = stopped.batches().size();
            Thread.sleep(3000);
            assertThat(jobs.streamingProgress(runId, sink).batches()).hasSize(after);
            assertThat(jobs.output(runId).get(0).logs()).contains("streaming into " + sink);
        }
    }
}
