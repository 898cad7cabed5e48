package dev.sluice.jdbc.internal.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST client layer, the resilience layer that serves it and the Jobs client know nothing of JDBC: neither their sources nor their
 * compiled classes touch java.sql.
 */
class NoJavaSqlImportTest {
    private static final String PACKAGE_PATH = "dev/sluice/jdbc/internal/client";
    private static final String RESILIENCE_PATH = "dev/sluice/jdbc/internal/resilience";
    /** The Jobs API client, its public values and its implementation. */
    private static final List<String> JOBS_PATHS = List.of("dev/sluice/jdbc/jobs", "dev/sluice/jdbc/internal/jobs",
            "dev/sluice/jdbc/files", "dev/sluice/jdbc/internal/files");

    @Test
    void sourcesDoNotMentionJavaSql() throws IOException {
        Path sources = Path.of("src/main/java").resolve(PACKAGE_PATH);
        List<Path> files = list(sources, ".java");
        assertThat(files).as("sources of the client package").hasSizeGreaterThan(10);
        List<Path> resilience = list(Path.of("src/main/java").resolve(RESILIENCE_PATH), ".java");
        assertThat(resilience).as("sources of the resilience package").hasSizeGreaterThan(5);
        files.addAll(resilience);
        for (String jobs : JOBS_PATHS) {
            List<Path> jobsFiles = list(Path.of("src/main/java").resolve(jobs), ".java");
            assertThat(jobsFiles).as("sources of " + jobs).isNotEmpty();
            files.addAll(jobsFiles);
        }
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(file.getFileName().toString()).doesNotContain("java.sql").doesNotContain("javax.sql");
        }
    }

    @Test
    void classesDoNotReferenceJavaSql() throws IOException, URISyntaxException {
        Path classes = Path.of(ColumnInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(PACKAGE_PATH);
        List<Path> files = list(classes, ".class");
        assertThat(files).as("compiled classes of the client package").hasSizeGreaterThan(10);
        files.addAll(list(classes.getParent().resolve("resilience"), ".class"));
        Path root = classes;
        for (int i = 0; i < PACKAGE_PATH.split("/").length; i++) {
            root = root.getParent();
        }
        for (String jobs : JOBS_PATHS) {
            List<Path> jobsClasses = list(root.resolve(jobs), ".class");
            assertThat(jobsClasses).as("compiled classes of " + jobs).hasSizeGreaterThan(1);
            files.addAll(jobsClasses);
        }
        for (Path file : files) {
            // type references live in the constant pool as internal names, in plain ASCII
            String constantPool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(constantPool).as(file.getFileName().toString())
                    .doesNotContain("java/sql/").doesNotContain("javax/sql/");
        }
    }

    private static List<Path> list(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(suffix)).collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
