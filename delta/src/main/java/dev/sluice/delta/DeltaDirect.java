package dev.sluice.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import org.apache.hadoop.conf.Configuration;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.catalog.TableOperation;
import dev.sluice.jdbc.catalog.UnityCatalog;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
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
    /** Vended credentials are renewed when they expire within this margin. */
    private static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

    private final Engine engine;
    private final Map<String, String> settings;
    private final Duration renewalMargin;

    private DeltaDirect(Map<String, String> settings, Duration renewalMargin) {
        this.settings = Map.copyOf(settings);
        this.engine = engine(settings);
        this.renewalMargin = renewalMargin;
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
        return new DeltaDirect(Objects.requireNonNull(hadoopSettings, "hadoopSettings is null"), DEFAULT_MARGIN);
    }

    /**
     * The same engine settings, renewing vended credentials when they expire within {@code margin} (5 minutes by
     * default): checked before each data file a read opens and before each write.
     */
    public DeltaDirect withRenewalMargin(Duration margin) {
        if (margin.isNegative()) {
            throw new IllegalArgumentException("renewal margin " + margin + " is negative");
        }
        return new DeltaDirect(settings, margin);
    }

    static Engine engine(Map<String, String> hadoopSettings) {
        Configuration conf = new Configuration();
        // the raw local file system writes no .crc side files next to the data and the log
        conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        conf.set("fs.file.impl.disable.cache", "true");
        conf.set("parquet.compression", "SNAPPY");
        hadoopSettings.forEach(conf::set);
        return DefaultEngine.create(conf);
    }

    /** The table at a storage location (a URI such as {@code file:/...}, {@code s3a://...}, or a local path). */
    public DirectTable path(String location) {
        Objects.requireNonNull(location, "location is null");
        return new DirectTable(EngineSource.fixed(engine), EngineSource.fixed(engine), location, location, null);
    }

    /** The table in a local directory. */
    public DirectTable path(Path directory) {
        Objects.requireNonNull(directory, "directory is null");
        String uri = directory.toAbsolutePath().toUri().toString();
        return new DirectTable(EngineSource.fixed(engine), EngineSource.fixed(engine), uri, directory.toString(),
                null);
    }

    /** {@link #table(SluiceWorkspace, String)} through a Sluice connection's workspace. */
    public DirectTable table(Connection connection, String fullName) throws SQLException {
        Objects.requireNonNull(connection, "connection is null");
        if (!connection.isWrapperFor(SluiceWorkspace.class)) {
            throw new SQLException("resolving a Unity Catalog name needs a Sluice connection (unwrap(SluiceWorkspace"
                    + ".class)); use path(...) with the table's location otherwise", "0A000");
        }
        return table(connection.unwrap(SluiceWorkspace.class), fullName);
    }

    /**
     * A Unity Catalog table ({@code catalog.schema.table}) resolved to its storage location, read with credentials
     * the catalog vends (READ) and renews before they expire. Writes are allowed for EXTERNAL tables only, with
     * READ_WRITE credentials; a MANAGED table refuses them, as Databricks refuses to vend write credentials for it.
     *
     * @throws SQLException 42P01 when the table does not exist, 0A000 when it is not a Delta table with a location
     */
    public DirectTable table(SluiceWorkspace workspace, String fullName) throws SQLException {
        Objects.requireNonNull(workspace, "workspace is null");
        Objects.requireNonNull(fullName, "fullName is null");
        UnityCatalog catalog = workspace.catalog();
        TableInfo info;
        try {
            info = catalog.getTable(fullName);
        } catch (WorkspaceException e) {
            if (e.httpStatus() == 404) {
                throw new SQLException("Unity Catalog has no table " + fullName + ": " + e.serverMessage(), "42P01", e);
            }
            throw new SQLException("Unity Catalog refused " + fullName + ": " + e.serverMessage() + " ["
                    + e.errorCode() + "]", e.httpStatus() == 403 ? "42501" : "58030", e);
        } catch (IOException e) {
            throw new SQLException("looking up " + fullName + " failed: " + e.getMessage(), "08006", e);
        }
        if (!"DELTA".equalsIgnoreCase(info.dataSourceFormat()) || info.storageLocation() == null
                || info.tableId() == null) {
            throw new SQLException(fullName + " is a " + info.tableType() + " table of format "
                    + info.dataSourceFormat() + "; direct access needs a Delta table with a storage location",
                    "0A000");
        }
        Clock clock = Clock.systemUTC();
        VendedEngine reads = new VendedEngine(catalog, info.tableId(), fullName, TableOperation.READ, settings,
                renewalMargin, clock);
        String refusal = null;
        EngineSource writes = reads;
        if ("EXTERNAL".equalsIgnoreCase(info.tableType())) {
            writes = new VendedEngine(catalog, info.tableId(), fullName, TableOperation.READ_WRITE, settings,
                    renewalMargin, clock);
        } else {
            refusal = fullName + " is a " + info.tableType() + " table: Unity Catalog vends read-only credentials"
                    + " for it, so it cannot be written directly; write through SQL (dev.sluice.dao.delta.DeltaTable)"
                    + " instead";
        }
        return new DirectTable(reads, writes, info.storageLocation(), fullName, refusal);
    }
}
