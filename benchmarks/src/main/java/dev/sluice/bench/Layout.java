package dev.sluice.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the build put what the child JVMs need, found next to the harness's own jar (or classes directory):
 * {@code target/sluice-benchmarks-probe.jar}, {@code target/classpath/*.txt}; and where run logs go.
 */
record Layout(Path java, Path probeJar, Path classpaths, Path logs) {
    static Layout locate() {
        Path target = targetDirectory();
        Path probe = target.resolve("sluice-benchmarks-probe.jar");
        Path classpaths = target.resolve("classpath");
        if (!Files.isRegularFile(probe) || !Files.isDirectory(classpaths)) {
            throw new IllegalStateException("no " + probe + " or " + classpaths
                    + ": build first with ./mvnw -q -pl benchmarks -am package -DskipTests");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new Layout(java, probe, classpaths, target.resolve("bench-logs"));
    }

    /** The class path of a child JVM for that reader: the probe jar and the reader's own jars, nothing else. */
    String classpath(Reader reader) {
        Path file = classpaths.resolve(reader.classpathFile());
        try {
            String jars = Files.readString(file, StandardCharsets.UTF_8).trim();
            return jars.isEmpty() ? probeJar.toString() : probeJar + File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** True when the build (or a hand) wrote the class path file of that reader. */
    boolean hasClasspath(Reader reader) {
        return Files.isRegularFile(classpaths.resolve(reader.classpathFile()));
    }

    /** Empties the log directory so that what is there belongs to this run. */
    void resetLogs() {
        try {
            Files.createDirectories(logs);
            try (Stream<Path> old = Files.list(logs)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + logs, e);
        }
    }

    private static Path targetDirectory() {
        try {
            Path self = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/sluice-benchmarks.jar or target/classes: either way the parent is target/
            return self.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the harness jar", e);
        }
    }
}
