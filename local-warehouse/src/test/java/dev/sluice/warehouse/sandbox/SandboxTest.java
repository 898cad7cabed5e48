package dev.sluice.warehouse.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which paths lie inside the sandbox and which Spark settings it refuses. */
class SandboxTest {

    @TempDir
    Path tmp;
    private Path data;
    private Path open;

    @BeforeEach
    void install() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        open = Files.createDirectories(tmp.resolve("open"));
        Files.createDirectories(tmp.resolve("closed"));
        Sandbox.install(data, List.of(open));
    }

    @Test
    void theWarehouseAndAllowedDirectoriesAreOpenInAnySpelling() {
        assertThat(Sandbox.allowed(data.resolve("tables/t").toString())).isTrue();
        assertThat(Sandbox.allowed(data.toString())).isTrue();
        assertThat(Sandbox.allowed(data.toUri().toString() + "tables")).isTrue();
        assertThat(Sandbox.allowed("file://" + data.resolve("x"))).isTrue();
        assertThat(Sandbox.allowed(open.resolve("not/yet/there").toString())).isTrue();
        assertThat(Sandbox.allowed(data.resolve("a/../b").toString())).isTrue();
    }

    @Test
    void everythingElseIsClosed() {
        assertThat(Sandbox.allowed("/etc/passwd")).isFalse();
        assertThat(Sandbox.allowed("file:///etc/passwd")).isFalse();
        assertThat(Sandbox.allowed(tmp.resolve("closed").toString())).isFalse();
        assertThat(Sandbox.allowed(data + "/../closed")).isFalse();
        assertThat(Sandbox.allowed(data + "-sibling")).as("a prefix is not a parent").isFalse();
        assertThat(Sandbox.allowed("relative/path")).isFalse();
        assertThat(Sandbox.allowed("hdfs://namenode/x")).isFalse();
        assertThat(Sandbox.allowed("s3a://bucket/x")).isFalse();
        assertThat(Sandbox.allowed(data + "/{a,../../closed}")).as("glob alternatives").isFalse();
        assertThat(Sandbox.allowed("")).isFalse();
    }

    @Test
    void aSymbolicLinkInsideCannotLeadOutside() throws IOException {
        Path link = data.resolve("link");
        try {
            Files.createSymbolicLink(link, tmp.resolve("closed"));
        } catch (UnsupportedOperationException | IOException e) {
            return; // no symbolic links on this file system: nothing to escape through
        }
        assertThat(Sandbox.allowed(link.resolve("file").toString())).isFalse();
    }

    @Test
    void settingsThatLoadClassesOrMoveDataAreRefused() {
        for (String key : new String[] {"spark.sql.catalog.spark_catalog", "spark.sql.extensions",
                "spark.sql.warehouse.dir", "spark.hadoop.fs.file.impl", "spark.jars", "spark.sql.sources.default",
                "spark.sql.sources.commitProtocolClass", "spark.sql.queryExecutionListeners",
                "spark.sql.streaming.checkpointLocation", " SPARK.SQL.CATALOG.x "}) {
            assertThat(Sandbox.refusedSetting(key)).as(key).isNotNull().contains(key.strip());
        }
        for (String key : new String[] {"spark.sql.ansi.enabled", "spark.sql.session.timeZone",
                "spark.sql.shuffle.partitions", "spark.sql.files.maxPartitionBytes",
                "spark.sql.sources.partitionOverwriteMode", "spark.databricks.delta.retentionDurationCheck.enabled",
                "spark.sql.legacy.timeParserPolicy"}) {
            assertThat(Sandbox.refusedSetting(key)).as(key).isNull();
        }
    }
}
