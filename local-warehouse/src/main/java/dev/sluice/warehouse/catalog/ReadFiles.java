package dev.sluice.warehouse.catalog;

import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.volumes.VolumeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.SparkSession;
import scala.Function1;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Databricks' {@code read_files('/Volumes/...', format => 'parquet', ...)} table-valued function: the files of a
 * volume path (a file or a directory) read with Spark's reader for the format; other named arguments are the
 * reader's options. Only paths in existing volumes are accepted ({@link #volumePath}): this is the one way SQL
 * reaches volume files, and it reaches nothing else.
 */
final class ReadFiles {

    private static volatile VolumeStore volumes;

    /** The formats read_files and COPY INTO read. */
    static final Set<String> FORMATS = Set.of("parquet", "csv", "json", "orc", "avro", "text", "binaryfile");

    private ReadFiles() {
    }

    static void install(CatalogRegistry registry) {
        volumes = registry.volumes();
    }

    /**
     * The local file or directory of {@code /Volumes/<catalog>/<schema>/<volume>/...} (also {@code dbfs:/Volumes/...})
     * in an existing volume, checked by the volume store (no {@code .}/{@code ..} segment, no link leading out).
     * Any other path is refused with the permission error, a missing volume with RESOURCE_DOES_NOT_EXIST.
     */
    static Path volumePath(String path) {
        String p = path == null ? "" : path.strip();
        if (p.startsWith("dbfs:/Volumes/")) {
            p = p.substring("dbfs:".length());
        }
        if (!p.startsWith("/Volumes/") || volumes == null || p.indexOf('*') >= 0 || p.indexOf('?') >= 0
                || p.indexOf('{') >= 0 || p.indexOf('[') >= 0) {
            throw denied(path);
        }
        try {
            return volumes.resolve(p).file();
        } catch (ApiError e) {
            if (e.status() == 404) {
                throw new WarehouseSqlError("RESOURCE_DOES_NOT_EXIST", "42704", e.getMessage() + ".");
            }
            throw denied(path);
        }
    }

    private static WarehouseSqlError denied(String path) {
        return new WarehouseSqlError("INSUFFICIENT_PERMISSIONS", "42501", "Insufficient privileges: path '" + path
                + "' is not in a volume: read_files and COPY INTO read files under /Volumes/<catalog>/<schema>/"
                + "<volume>/ only.");
    }

    static Tuple3<FunctionIdentifier, ExpressionInfo, Function1<Seq<Expression>, LogicalPlan>> function() {
        Function1<Seq<Expression>, LogicalPlan> builder = ReadFiles::plan;
        return new Tuple3<>(FunctionIdentifier.apply("read_files"),
                new ExpressionInfo(ReadFiles.class.getName(), "read_files"), builder);
    }

    private static LogicalPlan plan(Seq<Expression> arguments) {
        String path = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (Expression e : CollectionConverters.asJava(arguments)) {
            if (e instanceof NamedArgumentExpression named) {
                options.put(named.key().toLowerCase(Locale.ROOT), constant(named.value(), named.key()));
            } else if (path == null) {
                path = constant(e, "path");
            } else {
                throw WarehouseSqlError.syntax("read_files takes one path and named options (format => 'parquet')");
            }
        }
        if (path == null) {
            throw WarehouseSqlError.syntax("read_files needs a path: read_files('/Volumes/...', format => 'parquet')");
        }
        Path dir = volumePath(path);
        String format = options.remove("format");
        return load(SparkSession.active(), path, dir, format, options, null).logicalPlan();
    }

    /** A DataFrame over {@code files} (or the whole of {@code source} when null) in {@code format}. */
    static org.apache.spark.sql.classic.Dataset<org.apache.spark.sql.Row> load(SparkSession session, String shown,
            Path source, String format, Map<String, String> options, List<Path> files) {
        if (!Files.exists(source)) {
            throw new WarehouseSqlError("PATH_NOT_FOUND", "42K03", "Path does not exist: "
                    + shown + ".");
        }
        String f = format == null ? inferFormat(shown, source) : format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(f)) {
            throw WarehouseSqlError.syntax("format '" + format + "' is not one of " + FORMATS.stream().sorted().toList());
        }
        for (String key : options.keySet()) {
            if (key.toLowerCase(Locale.ROOT).contains("path")) {
                throw new WarehouseSqlError("INVALID_OPTION", "42K06", "Option '" + key
                        + "' is not allowed: the files are the path given");
            }
        }
        List<String> paths = new ArrayList<>();
        if (files == null) {
            paths.add(source.toString());
        } else {
            files.forEach(p -> paths.add(p.toString()));
        }
        return session.read().format(f).options(options).load(paths.toArray(String[]::new));
    }

    private static String inferFormat(String shown, Path source) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String f : List.of("parquet", "csv", "json", "orc", "avro")) {
            if (name.endsWith("." + f)) {
                return f;
            }
        }
        throw WarehouseSqlError.syntax("read_files cannot tell the format of " + shown + ": add format => 'parquet'"
                + " (or 'csv', 'json')");
    }

    private static String constant(Expression e, String what) {
        if (e instanceof Literal l && l.value() != null) {
            return l.value().toString();
        }
        if (e.foldable()) {
            Object v = e.eval(null);
            if (v != null) {
                return v.toString();
            }
        }
        throw WarehouseSqlError.syntax("read_files: " + what + " must be a constant string");
    }
}
