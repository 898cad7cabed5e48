package dev.sluice.warehouse.sandbox;

import dev.sluice.warehouse.catalog.WarehouseSqlError;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The boundary of what SQL may touch on the host: files under the warehouse directory and the directories
 * opened with {@code --allow-path}, no class loading of the caller's choosing, no Spark setting that loads
 * classes or moves data. {@link PlanGuard} applies it to every parsed plan, {@link AnalysisGuard} to every
 * analyzed one. Installed once at start-up, before the first statement (Spark builds its extensions by name).
 */
public final class Sandbox {

    /** The one class SQL may call through {@code reflect}: the test gates of the warehouse itself. */
    public static final String GATES_CLASS = "dev.sluice.warehouse.sql.Gates";

    /** Data source formats SQL may name with USING or as a path prefix ({@code parquet.`/dir`}). */
    static final Set<String> FORMATS = Set.of("delta", "parquet", "json", "csv", "orc", "text", "avro",
            "binaryfile");

    private static final List<String> REFUSED_PREFIXES = List.of("spark.sql.catalog.", "spark.hadoop.",
            "spark.jars", "spark.files", "spark.archives", "spark.driver.", "spark.executor.", "spark.sql.hive.",
            "spark.sql.artifact.", "spark.sql.sources.default", "spark.sql.streaming.", "spark.sql.warehouse.",
            "spark.sql.extensions", "spark.sql.queryexecutionlisteners", "spark.sql.session.state.builder",
            "spark.plugins", "spark.sql.catalogimplementation", "spark.sql.runsqlonfiles",
            "spark.sql.datasource.", "spark.databricks.delta.logstore.", "spark.delta.logstore.",
            "spark.sql.legacy.allowhivestyle", "spark.sql.parquet.output.committer.", "spark.local.dir",
            "spark.kryo.", "spark.serializer");
    private static final List<String> REFUSED_PARTS = List.of("class", "extensions", "impl", "dir", "path",
            "location", "jar", "plugin", "listener", "provider", "committer", "factory");

    private static volatile List<Path> roots = List.of();

    private Sandbox() {
    }

    /** Opens the warehouse directory and the given directories to SQL; everything else stays closed. */
    public static void install(Path warehouseDir, List<Path> allowed) {
        List<Path> r = new ArrayList<>();
        r.add(real(warehouseDir.toAbsolutePath().normalize()));
        for (Path p : allowed) {
            r.add(real(p.toAbsolutePath().normalize()));
        }
        roots = List.copyOf(r);
    }

    /** The refusal of a Spark setting a statement or session conf may not change, or null when it may. */
    public static String refusedSetting(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        boolean refused = REFUSED_PREFIXES.stream().anyMatch(k::startsWith);
        if (!refused && k.startsWith("spark.")) {
            for (String segment : k.split("[.]")) {
                for (String part : REFUSED_PARTS) {
                    refused |= segment.equals(part) || segment.endsWith(part) || segment.startsWith(part);
                }
            }
        }
        return refused ? "Setting " + key.strip() + " is not allowed: it could load classes or move data outside"
                + " the warehouse directory." : null;
    }

    /** Throws the permission error unless SQL may read and write {@code path}. */
    static void checkPath(String what, String path) {
        if (!allowed(path)) {
            throw denied(what + " '" + path + "' is outside the warehouse directory (start the warehouse with"
                    + " --allow-path <dir> to open a directory)");
        }
    }

    static WarehouseSqlError denied(String what) {
        return new WarehouseSqlError("INSUFFICIENT_PERMISSIONS", "42501", "Insufficient privileges: " + what + ".");
    }

    /** True when {@code path} (a local path or file: URI, absolute or relative) lies under an open directory. */
    static boolean allowed(String path) {
        if (path == null || path.isBlank() || path.indexOf('{') >= 0 || path.indexOf('}') >= 0
                || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false; // glob alternatives and escapes could step outside after this check
        }
        Path p;
        try {
            p = toPath(path.strip());
        } catch (IllegalArgumentException e) { // InvalidPathException too
            return false;
        }
        if (p == null) {
            return false;
        }
        Path real = real(p.toAbsolutePath().normalize());
        for (Path root : roots) {
            if (real.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /** A local path from a plain path or a {@code file:} URI; null for any other scheme. */
    private static Path toPath(String s) {
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash)) {
            String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("file")) {
                return null;
            }
            URI uri = URI.create(s.startsWith("file:///") || !s.startsWith("file://") ? s : "file:///"
                    + s.substring("file://".length()));
            if (uri.getPath() == null) {
                return null;
            }
            return Path.of(uri.getPath());
        }
        return Path.of(s);
    }

    /** The path with every existing ancestor's symbolic links resolved, so that a link cannot lead outside. */
    private static Path real(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            return p;
        }
    }
}
