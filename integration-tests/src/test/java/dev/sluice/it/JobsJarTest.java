package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** JAR and spark-submit tasks: a jar compiled by the test, run in the warehouse with its SparkSession. */
@ExtendWith(LocalWarehouseExtension.class)
class JobsJarTest {

    /** Writes a table through the active SparkSession; fails when given a second argument. */
    private static final String SOURCE = """
            package demo;

            public class Writer {
                public static void main(String[] args) throws Exception {
                    Object spark = Class.forName("org.apache.spark.sql.SparkSession").getMethod("active").invoke(null);
                    System.out.println("writing " + args[0]);
                    spark.getClass().getMethod("sql", String.class)
                            .invoke(spark, "CREATE TABLE " + args[0] + " AS SELECT 'from jar' AS s");
                    if (args.length > 1) {
                        throw new IllegalStateException("asked to fail: " + args[1]);
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private final JobsRestClient jobs;
    private String jarPath;

    JobsJarTest(LocalWarehouse warehouse) {
        this.jobs = new JobsRestClient(warehouse);
    }

    @BeforeEach
    void uploadJar() throws IOException {
        Path src = dir.resolve("src/demo/Writer.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "--release", "17", "-d", classes.toString(), src.toString())).isZero();
        Path jar = dir.resolve("demo.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("demo/Writer.class"));
            j.write(Files.readAllBytes(classes.resolve("demo/Writer.class")));
            j.closeEntry();
        }
        jarPath = "/Shared/jars/" + UUID.randomUUID() + ".jar";
        jobs.post("/api/2.0/workspace/mkdirs", "{\"path\":\"/Shared/jars\"}");
        jobs.post("/api/2.0/workspace/import", "{\"path\":\"" + jarPath + "\",\"format\":\"AUTO\",\"content\":\""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(jar)) + "\"}");
    }

    private static String table() {
        return "jar_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    @Test
    void aJarTaskRunsMainWithTheSessionAndKeepsItsOutput() throws Exception {
        String table = table();
        long runId = jobs.submit("{\"tasks\":[{\"task_key\":\"jar\",\"spark_jar_task\":{\"main_class_name\":"
                + "\"demo.Writer\",\"parameters\":[\"" + table + "\"]},\"libraries\":[{\"jar\":\"/Workspace" + jarPath
                + "\"}]}]}");
        JsonNode run = jobs.await(runId);
        assertThat(run.path("state").path("result_state").asText()).as(run.toString()).isEqualTo("SUCCESS");
        assertThat(jobs.sql("SELECT s FROM " + table).toString()).isEqualTo("[[\"from jar\"]]");
        JsonNode output = jobs.get(JobsRestClient.JOBS + "runs/get-output?run_id=" + runId);
        assertThat(output.path("logs").asText()).isEqualTo("writing " + table + System.lineSeparator());
        assertThat(output.path("logs_truncated").asBoolean()).isFalse();
    }

    @Test
    void aSparkSubmitTaskThatThrowsFailsWithItsTrace() throws Exception {
        String table = table();
        long runId = jobs.submit("{\"tasks\":[{\"task_key\":\"submit\",\"spark_submit_task\":{\"parameters\":["
                + "\"--class\",\"demo.Writer\",\"" + jarPath + "\",\"" + table + "\",\"boom\"]}}]}");
        JsonNode run = jobs.await(runId);
        assertThat(run.path("state").path("result_state").asText()).isEqualTo("FAILED");
        assertThat(jobs.sql("SELECT s FROM " + table).toString()).isEqualTo("[[\"from jar\"]]");
        JsonNode output = jobs.get(JobsRestClient.JOBS + "runs/get-output?run_id=" + runId);
        assertThat(output.path("error").asText()).isEqualTo("asked to fail: boom");
        assertThat(output.path("error_trace").asText()).contains("java.lang.IllegalStateException: asked to fail: boom",
                "demo.Writer.main(Writer.java:10)");
    }
}
