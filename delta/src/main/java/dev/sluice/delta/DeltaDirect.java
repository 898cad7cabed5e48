package dev.sluice.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Direct access to Delta tables through Delta Kernel: the engine (Kernel's default Parquet and JSON handlers over
 * Hadoop's file systems) and the tables opened with it. One instance may be shared by threads.
 *
 * <pre>{@code
 * DeltaDirect delta = DeltaDirect.create();
 * DirectTable t = delta.path("/data/events");
 * t.append("loader", 42, rows);                       // idempotent: a repeat with 42 writes nothing
 * try (DirectRows r = t.read().atVersion(3).columns("id", "ts").where(DirectFilter.gt("id", 10L)).rows()) {
 *     while (r.next()) { ... r.get(0) ... }
 * }
 * }</pre>
 */
public final class DeltaDirect {
    private final Engine engine;

    private DeltaDirect(Engine engine) {
        this.engine = engine;
    }

    /** An engine for local paths and {@code file:} URIs, writing Snappy-compressed Parquet without .crc files. */
    public static DeltaDirect create() {
        return create(Map.of());
    }

    /**
     * An engine with extra Hadoop settings (e.g. the {@code fs.s3a.*} or {@code fs.azure.*} keys of a storage
     * connector the application puts on its class path).
     */
    public static DeltaDirect create(Map<String, String> hadoopSettings) {
        Configuration conf = new Configuration();
        // the raw local file system writes no .crc side files next to the data and the log
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        conf.set("parquet.compression", "SNAPPY");
        hadoopSettings.forEach(conf::set);
        return new DeltaDirect(DefaultEngine.create(conf));
    }

    /** The table at a storage location (a URI such as {@code file:/...}, {@code s3a://...}, or a local path). */
    public DirectTable path(String location) {
        Objects.requireNonNull(location, "location is null");
        return new DirectTable(engine, location, location, null);
    }

    /** The table in a local directory. */
    public DirectTable path(Path directory) {
        Objects.requireNonNull(directory, "directory is null");
        String uri = directory.toAbsolutePath().toUri().toString();
        return new DirectTable(engine, uri, directory.toString(), null);
    }

    Engine engine() {
        return engine;
    }
}
