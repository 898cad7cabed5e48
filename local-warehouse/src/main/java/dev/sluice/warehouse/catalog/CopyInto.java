package dev.sluice.warehouse.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Databricks' {@code COPY INTO <table> FROM '/Volumes/...' FILEFORMAT = PARQUET|CSV|JSON [FILES = (...)]
 * [PATTERN = '...'] [FORMAT_OPTIONS (...)] [COPY_OPTIONS ('mergeSchema' = 'true', 'force' = 'true')]}.
 *
 * <p>Idempotent per file, as on Databricks: the files a COPY INTO loaded are recorded in the very Delta commit that
 * loaded them (its {@code userMetadata}), so the record and the rows are committed together or not at all, survive
 * a restart, and go with the table (a table dropped and created again starts with no loaded files). A later COPY
 * INTO of the same table skips those files unless {@code 'force' = 'true'}. COPY INTOs of one table run one at a
 * time in this warehouse, so two cannot both load a file. Columns are matched by name (case-insensitively) and
 * cast to the table's types; columns the files lack are NULL.
 */
final class CopyInto {

    static final String MARKER = "sluice.copy_into";
    private static final StructType RESULT = new StructType().add("num_affected_rows", DataTypes.LongType)
            .add("num_inserted_rows", DataTypes.LongType).add("num_skipped_corrupt_files", DataTypes.LongType);
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();

    private final SparkSession session;
    private final CatalogRegistry catalogs;

    CopyInto(SparkSession session, CatalogRegistry catalogs) {
        this.session = session;
        this.catalogs = catalogs;
    }

    /** Runs the statement whose {@code COPY INTO} the tokens have consumed. */
    Dataset<Row> run(SqlTokens t) {
        List<String> sparkName = new PlanRewriter(session, catalogs).tableName(t.qualifiedName());
        if (!t.accept("FROM")) {
            throw WarehouseSqlError.syntax("COPY INTO: FROM '<path>' was expected after the table name");
        }
        if (!t.nextIsString()) {
            throw WarehouseSqlError.syntax("COPY INTO: the local warehouse takes FROM '<path>' (not a SELECT)");
        }
        String shown = t.string();
        String format = null;
        List<String> files = null;
        String pattern = null;
        Map<String, String> formatOptions = new LinkedHashMap<>();
        Map<String, String> copyOptions = new LinkedHashMap<>();
        while (!t.atEnd()) {
            if (t.accept("FILEFORMAT")) {
                expect(t, "=");
                format = t.identifier().toLowerCase(Locale.ROOT);
            } else if (t.accept("FILES")) {
                expect(t, "=");
                expect(t, "(");
                files = new ArrayList<>();
                do {
                    files.add(t.string());
                } while (t.acceptSymbol(","));
                expect(t, ")");
            } else if (t.accept("PATTERN")) {
                expect(t, "=");
                pattern = t.string();
            } else if (t.accept("FORMAT_OPTIONS")) {
                options(t, formatOptions);
            } else if (t.accept("COPY_OPTIONS")) {
                options(t, copyOptions);
            } else {
                throw WarehouseSqlError.syntax("COPY INTO: unexpected '" + t.identifier() + "' (the local warehouse"
                        + " takes FILEFORMAT, FILES, PATTERN, FORMAT_OPTIONS and COPY_OPTIONS)");
            }
        }
        if (format == null || !ReadFiles.FORMATS.contains(format)) {
            throw WarehouseSqlError.syntax("COPY INTO: FILEFORMAT = PARQUET, CSV, JSON, ORC, AVRO, TEXT or BINARYFILE"
                    + " is required");
        }
        for (String key : copyOptions.keySet()) {
            if (!key.equals("mergeschema") && !key.equals("force")) {
                throw new WarehouseSqlError("INVALID_OPTION", "42K06", "COPY_OPTIONS '" + key
                        + "' is not supported by the local warehouse (mergeSchema, force are)");
            }
        }
        boolean mergeSchema = "true".equalsIgnoreCase(copyOptions.get("mergeschema"));
        boolean force = "true".equalsIgnoreCase(copyOptions.get("force"));
        Path source = ReadFiles.volumePath(shown);
        String base = display(shown);
        String table = quote(sparkName);
        Object lock = LOCKS.computeIfAbsent(table.toLowerCase(Locale.ROOT), k -> new Object());
        synchronized (lock) {
            StructType target = session.table(table).schema();
            List<Path> candidates = select(shown, source, files, pattern);
            Set<String> loaded = force ? Set.of() : loadedFiles(table);
            List<Path> fresh = new ArrayList<>();
            List<String> freshNames = new ArrayList<>();
            for (Path p : candidates) {
                String name = Files.isDirectory(source) ? base + "/" + source.relativize(p).toString().replace('\\', '/')
                        : base;
                if (!loaded.contains(name)) {
                    fresh.add(p);
                    freshNames.add(name);
                }
            }
            if (fresh.isEmpty()) {
                return result(0);
            }
            Dataset<Row> rows = ReadFiles.load(session, shown, source, format, formatOptions, fresh);
            Dataset<Row> aligned = align(rows, target, mergeSchema);
            String id = UUID.randomUUID().toString();
            ObjectNode meta = Json.object();
            ObjectNode body = meta.putObject(MARKER);
            body.put("id", id).put("source", base);
            ArrayNode list = body.putArray("files");
            freshNames.forEach(list::add);
            aligned.write().format("delta").mode("append").option("userMetadata", Json.write(meta))
                    .option("mergeSchema", Boolean.toString(mergeSchema)).saveAsTable(table);
            return result(insertedRows(table, id));
        }
    }

    private Dataset<Row> result(long inserted) {
        return session.createDataFrame(List.of(RowFactory.create(inserted, inserted, 0L)), RESULT);
    }

    private static void expect(SqlTokens t, String symbol) {
        if (!t.acceptSymbol(symbol)) {
            throw WarehouseSqlError.syntax("COPY INTO: '" + symbol + "' was expected");
        }
    }

    /** {@code ('key' = 'value', ...)}, keys lower-cased. */
    private static void options(SqlTokens t, Map<String, String> into) {
        expect(t, "(");
        if (t.acceptSymbol(")")) {
            return;
        }
        do {
            String key = t.value();
            expect(t, "=");
            into.put(key.toLowerCase(Locale.ROOT), t.value());
        } while (t.acceptSymbol(","));
        expect(t, ")");
    }

    private static String display(String shown) {
        String s = shown.strip();
        if (s.startsWith("dbfs:")) {
            s = s.substring("dbfs:".length());
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String quote(List<String> parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append(b.length() > 0 ? "." : "").append('`').append(p.replace("`", "``")).append('`');
        }
        return b.toString();
    }

    /** The data files under {@code source} (or it, a file), hidden and underscore names left out, in path order. */
    private static List<Path> select(String shown, Path source, List<String> files, String pattern) {
        if (!Files.exists(source)) {
            throw new WarehouseSqlError("PATH_NOT_FOUND", "42K03", "Path does not exist: " + shown + ".");
        }
        if (!Files.isDirectory(source)) {
            return List.of(source);
        }
        PathMatcher glob = pattern == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        Set<String> named = files == null ? null : new HashSet<>(files);
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        for (Path part : source.relativize(p)) {
                            String n = part.toString();
                            if (n.startsWith(".") || n.startsWith("_")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(p -> named == null || named.contains(source.relativize(p).toString()))
                    .filter(p -> glob == null || glob.matches(source.relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file an earlier COPY INTO committed into the table, from the commits' userMetadata. */
    private Set<String> loadedFiles(String table) {
        Set<String> out = new HashSet<>();
        for (Row r : session.sql("DESCRIBE HISTORY " + table).select("userMetadata")
                .where("userMetadata LIKE '{\"" + MARKER + "\"%'").collectAsList()) {
            JsonNode files = Json.parseObject(r.getString(0).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .path(MARKER).path("files");
            files.forEach(f -> out.add(f.asText()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private long insertedRows(String table, String id) {
        for (Row r : session.sql("DESCRIBE HISTORY " + table + " LIMIT 20").collectAsList()) {
            String meta = r.getAs("userMetadata");
            if (meta != null && meta.contains(id)) {
                Map<String, String> metrics = CollectionConverters.asJava(
                        (scala.collection.Map<String, String>) r.getAs("operationMetrics"));
                String n = metrics.get("numOutputRows");
                return n == null ? -1 : Long.parseLong(n);
            }
        }
        return -1;
    }

    /** The table's columns by name, cast to the table's types, NULL where the files lack one; extra columns last. */
    private static Dataset<Row> align(Dataset<Row> rows, StructType target, boolean mergeSchema) {
        Map<String, StructField> source = new LinkedHashMap<>();
        for (StructField f : rows.schema().fields()) {
            source.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        List<Column> columns = new ArrayList<>();
        for (StructField f : target.fields()) {
            StructField s = source.remove(f.name().toLowerCase(Locale.ROOT));
            if (s == null) {
                columns.add(functions.lit(null).cast(f.dataType()).as(f.name()));
            } else if (s.dataType().equals(f.dataType())) {
                columns.add(rows.col("`" + s.name().replace("`", "``") + "`").as(f.name()));
            } else {
                columns.add(rows.col("`" + s.name().replace("`", "``") + "`").cast(f.dataType()).as(f.name()));
            }
        }
        for (StructField extra : source.values()) {
            columns.add(rows.col("`" + extra.name().replace("`", "``") + "`"));
        }
        return rows.select(columns.toArray(Column[]::new));
    }
}
