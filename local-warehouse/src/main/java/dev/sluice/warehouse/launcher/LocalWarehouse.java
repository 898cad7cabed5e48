package dev.sluice.warehouse.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts a local warehouse in a child JVM and stops it again. Uses only JDK classes, so a module can
 * depend on {@code sluice-local-warehouse} with a {@code *:*} exclusion and get this class without Spark.
 * The child runs on the current JDK with Spark's module options, reads the class path the build wrote,
 * and exits when this JVM goes away (its stdin reaches EOF).
 *
 * <pre>{@code
 * try (LocalWarehouse w = LocalWarehouse.builder().warehouseDir(dir).start()) {
 *     DriverManager.getConnection(w.jdbcUrl());
 * }
 * }</pre>
 */
public final class LocalWarehouse implements AutoCloseable {

    static final String CLASSPATH_RESOURCE = "server.classpath";
    private static final String MAIN = "dev.sluice.warehouse.WarehouseMain";
    private static final String READY = "SLUICE-WAREHOUSE-READY ";

    /** Spark's own list (org.apache.spark.launcher.JavaModuleOptions), copied: no Spark class here. */
    private static final List<String> MODULE_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final Process process;
    private final Path logFile;
    private final Path warehouseDir;
    private final String host = "127.0.0.1";
    private final int port;
    private final String token;
    private final String warehouseId;
    private final Duration startupTime;

    private LocalWarehouse(Process process, Path logFile, Path warehouseDir, int port, String token,
                           String warehouseId, Duration startupTime) {
        this.process = process;
        this.logFile = logFile;
        this.warehouseDir = warehouseDir;
        this.port = port;
        this.token = token;
        this.warehouseId = warehouseId;
        this.startupTime = startupTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String baseUrl() { return "http://" + host + ":" + port; }
    public String host() { return host; }
    public int port() { return port; }
    public String token() { return token; }
    public String warehouseId() { return warehouseId; }
    public String httpPath() { return "/sql/1.0/warehouses/" + warehouseId; }
    public Path logFile() { return logFile; }
    /** The server's data directory (absolute); it also holds the token file. */
    public Path warehouseDir() { return warehouseDir; }
    public Duration startupTime() { return startupTime; }
    public long pid() { return process.pid(); }
    public boolean isAlive() { return process.isAlive(); }

    /** The URL every Databricks JDBC client understands (plain HTTP, personal access token). */
    public String jdbcUrl() {
        return "jdbc:databricks://" + host + ":" + port + "/default;ssl=0;AuthMech=3;UID=token;PWD=" + token
                + ";httpPath=" + httpPath();
    }

    /** Stops the server: closing its stdin lets it shut Spark down; after the grace period it is killed. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Options of the child process; every one has a default. */
    public static final class Builder {
        private Path warehouseDir = Path.of("target", "local-warehouse", "data");
        private Path logFile;
        private int port;
        private String token;
        private String heap = "2g";
        private Duration startTimeout = Duration.ofMinutes(3);
        private final List<String> serverArgs = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();

        private Builder() {
        }

        public Builder warehouseDir(Path dir) { this.warehouseDir = Objects.requireNonNull(dir, "dir is null"); return this; }
        /** Where the server's output goes; default {@code server.log} beside the warehouse directory. */
        public Builder logFile(Path file) { this.logFile = Objects.requireNonNull(file, "file is null"); return this; }
        /** 0 (the default) picks a free port. */
        public Builder port(int port) { this.port = port; return this; }
        /**
         * A fixed token for the server to accept. Without one the server draws a random token per start, which
         * {@link LocalWarehouse#token()} and {@link LocalWarehouse#jdbcUrl()} then carry.
         */
        public Builder token(String token) { this.token = Objects.requireNonNull(token, "token is null"); return this; }
        public Builder heap(String heap) { this.heap = Objects.requireNonNull(heap, "heap is null"); return this; }
        public Builder startTimeout(Duration timeout) { this.startTimeout = timeout; return this; }
        /** Extra server options, e.g. {@code "--chunk-rows", "1000"} (see the module README). */
        public Builder serverArgs(String... args) { serverArgs.addAll(List.of(args)); return this; }
        public Builder jvmArgs(String... args) { jvmArgs.addAll(List.of(args)); return this; }

        /** Starts the child JVM and waits until it accepts requests. */
        public LocalWarehouse start() throws IOException {
            Path dir = warehouseDir.toAbsolutePath().normalize();
            Files.createDirectories(dir);
            Path log = (logFile != null ? logFile : dir.resolveSibling(dir.getFileName() + "-server.log"))
                    .toAbsolutePath();
            Files.createDirectories(log.getParent());
            List<String> cmd = command(dir);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(p.getInputStream(), log, ready), "local-warehouse-log");
            pump.setDaemon(true);
            pump.start();
            try {
                String json = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                String accepted = token != null ? token : stringField(json, "token");
                return new LocalWarehouse(p, log, dir, intField(json, "port"), accepted, stringField(json, "warehouse_id"), took);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
                throw new IOException("the local warehouse did not start within " + startTimeout.toSeconds()
                        + " s (exit: " + (p.isAlive() ? "still running" : p.exitValue()) + "); see " + log, e);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the local warehouse", e);
            }
        }

        private List<String> command(Path dir) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-Xmx" + heap);
            cmd.addAll(MODULE_OPTIONS);
            if (Runtime.version().feature() >= 24) {
                // Spark and Arrow still use sun.misc.Unsafe memory access and JNI
                cmd.add("--sun-misc-unsafe-memory-access=allow");
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(classPath());
            cmd.add(MAIN);
            cmd.addAll(List.of("--warehouse-dir", dir.toString(), "--port", Integer.toString(port), "--exit-on-stdin-eof"));
            if (token != null) {
                cmd.addAll(List.of("--token", token));
            }
            cmd.addAll(serverArgs);
            return cmd;
        }

        private static void pump(InputStream in, Path log, CompletableFuture<String> ready) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                 OutputStream out = ownerOnly(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (line.startsWith(READY)) {
                        ready.complete(line.substring(READY.length()));
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("the local warehouse exited before it was ready"));
        }
    }

    /** The log receives the server's ready line, token included: only its owner may read it. */
    private static OutputStream ownerOnly(Path log) throws IOException {
        if (log.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            if (Files.exists(log)) {
                Files.setPosixFilePermissions(log, owner);
            } else {
                Files.createFile(log, PosixFilePermissions.asFileAttribute(owner));
            }
        }
        return Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The server's class path: this module's classes plus the jars listed by the build. */
    static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        try {
            URL own = LocalWarehouse.class.getProtectionDomain().getCodeSource().getLocation();
            entries.add(Path.of(own.toURI()).toString());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate the sluice-local-warehouse classes", e);
        }
        try (InputStream in = LocalWarehouse.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + CLASSPATH_RESOURCE + " is missing: build sluice-local-warehouse"
                        + " with Maven (it is generated at generate-resources)");
            }
            // written by maven-dependency-plugin:build-classpath on this machine, platform separator
            String listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            for (String line : listed.split(Pattern.quote(java.io.File.pathSeparator) + "|\\R")) {
                if (!line.isBlank()) {
                    entries.add(line.trim());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static int intField(String json, String name) {
        return Integer.parseInt(stringField(json, name));
    }

    /** Reads one scalar from the flat JSON ready line (no JSON library on purpose). */
    private static String stringField(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("the ready line has no " + name + ": " + json);
        }
        return m.group(1);
    }

    /** Starts a warehouse in the foreground: {@code java -cp ... dev.sluice.warehouse.launcher.LocalWarehouse}. */
    public static void main(String[] args) throws Exception {
        try (LocalWarehouse w = builder().warehouseDir(Path.of(args.length > 0 ? args[0] : "local-warehouse-data")).start()) {
            System.out.println("Local warehouse at " + w.baseUrl() + " (started in " + w.startupTime().toMillis() + " ms)");
            System.out.println("JDBC URL: " + w.jdbcUrl());
            System.out.println("Log: " + w.logFile());
            System.out.println("Press Enter to stop.");
            System.in.read();
        }
    }
}
