package dev.sluice.warehouse.catalog;

import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.volumes.VolumeLinks;
import dev.sluice.warehouse.volumes.VolumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;

/**
 * Databricks' volume statements, which Spark's grammar lacks: {@code CREATE VOLUME}, {@code DROP VOLUME},
 * {@code SHOW VOLUMES}, {@code LIST '/Volumes/...'} (a listing), and the volume operations {@code PUT ... INTO},
 * {@code GET ... TO} and {@code REMOVE}, answered as Databricks answers them: one row (operation, pre-signed URL,
 * headers, local file) in a result whose manifest says {@code is_volume_operation}; the client then moves the bytes
 * itself. {@link #run} returns null for every other statement.
 */
public final class VolumeCommands {

    /** The column metadata key that marks a volume operation's result (read when the manifest is written). */
    public static final String OPERATION_MARK = "sluice.volume_operation";

    private static final StructType OPERATION = new StructType()
            .add("operation", DataTypes.StringType, false, new MetadataBuilder().putBoolean(OPERATION_MARK, true)
                    .build())
            .add("url", DataTypes.StringType, false, Metadata.empty())
            .add("headers", DataTypes.StringType, false, Metadata.empty())
            .add("local_file", DataTypes.StringType, true, Metadata.empty());
    private static final StructType LISTING = new StructType().add("path", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("size", DataTypes.LongType)
            .add("modification_time", DataTypes.LongType);

    private final SparkSession session;
    private final CatalogRegistry registry;
    private final VolumeStore store;
    private final VolumeLinks links;

    public VolumeCommands(SparkSession session, CatalogRegistry registry) {
        this.session = session;
        this.registry = registry;
        this.store = registry.volumes();
        this.links = registry.volumeLinks();
    }

    /** True when the marked column says a result is a volume operation's. */
    public static boolean isOperation(StructType schema) {
        return schema.fields().length > 0 && schema.fields()[0].metadata().contains(OPERATION_MARK);
    }

    public Dataset<Row> run(String sql) {
        SqlTokens t = SqlTokens.of(sql);
        if (t == null) {
            return null;
        }
        try {
            if (t.accept("CREATE", "VOLUME")) {
                return create(t);
            }
            if (t.accept("CREATE", "EXTERNAL", "VOLUME")) {
                throw new WarehouseSqlError("NOT_SUPPORTED_COMMAND", "0A000", "External volumes are not supported"
                        + " by the local warehouse: use CREATE VOLUME (managed)");
            }
            if (t.accept("DROP", "VOLUME")) {
                return drop(t);
            }
            if (t.accept("DROP", "SCHEMA") || t.accept("DROP", "DATABASE") || t.accept("DROP", "NAMESPACE")) {
                return dropSchema(t, sql);
            }
            if (t.accept("SHOW", "VOLUMES")) {
                return show(t);
            }
            if (t.accept("PUT") || t.accept("GET") || t.accept("REMOVE") || t.accept("LIST")) {
                // with a quoted path only: Spark's own LIST FILE / LIST JAR go on to Spark
                return t.nextIsString() ? operation(SqlTokens.of(sql)) : null;
            }
            return null;
        } catch (ApiError e) {
            throw new WarehouseSqlError(e.status() == 404 ? "RESOURCE_DOES_NOT_EXIST" : String.valueOf(e.errorCode()),
                    e.status() == 404 ? "42704" : e.status() == 409 ? "42710" : "42000", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Dataset<Row> create(SqlTokens t) throws IOException {
        boolean ifNotExists = t.accept("IF", "NOT", "EXISTS");
        String[] name = volumeName(t);
        if (t.accept("COMMENT")) {
            t.string();
        }
        t.expectEnd();
        if (!registry.exists(name[0])) {
            throw WarehouseSqlError.noSuchCatalog(name[0]);
        }
        if (!session.catalog().databaseExists(UcNames.database(name[0], name[1]))) {
            throw WarehouseSqlError.schemaNotFound(name[0], name[1]);
        }
        store.create(name[0], name[1], name[2], ifNotExists);
        return empty();
    }

    private Dataset<Row> drop(SqlTokens t) throws IOException {
        boolean ifExists = t.accept("IF", "EXISTS");
        String[] name = volumeName(t);
        t.expectEnd();
        store.drop(name[0], name[1], name[2], ifExists);
        return empty();
    }

    private Dataset<Row> show(SqlTokens t) throws IOException {
        String catalog = currentCatalog();
        String schema = currentSchema();
        if (t.accept("IN") || t.accept("FROM")) {
            List<String> parts = t.qualifiedName();
            if (parts.size() > 2) {
                throw WarehouseSqlError.syntax("Syntax error: SHOW VOLUMES IN [catalog.]schema");
            }
            schema = parts.get(parts.size() - 1);
            catalog = parts.size() == 2 ? UcNames.normalizeCatalog(parts.get(0)) : catalog;
        }
        t.expectEnd();
        List<Row> rows = new ArrayList<>();
        for (String v : store.volumes(catalog, schema)) {
            rows.add(RowFactory.create(schema, v));
        }
        return session.createDataFrame(rows, new StructType().add("database", DataTypes.StringType)
                .add("volume_name", DataTypes.StringType));
    }

    private Dataset<Row> operation(SqlTokens t) throws IOException {
        Instant now = Instant.now();
        if (t.accept("PUT")) {
            String local = t.string();
            if (!t.accept("INTO")) {
                throw WarehouseSqlError.syntax("Syntax error: PUT '<local file>' INTO '/Volumes/...' [OVERWRITE]");
            }
            VolumeStore.VolumePath target = store.resolve(t.string());
            boolean overwrite = t.accept("OVERWRITE");
            t.expectEnd();
            if (!overwrite && Files.exists(target.file())) {
                throw new ApiError(409, "FILE_ALREADY_EXISTS", "The file " + target.display()
                        + " already exists; add OVERWRITE to replace it");
            }
            return row("PUT", links.url(VolumeLinks.Operation.PUT, target.display(), overwrite, now), local);
        }
        if (t.accept("GET")) {
            VolumeStore.VolumePath source = store.resolve(t.string());
            if (!t.accept("TO")) {
                throw WarehouseSqlError.syntax("Syntax error: GET '/Volumes/...' TO '<local file>'");
            }
            String local = t.string();
            t.expectEnd();
            store.file(source);
            return row("GET", links.url(VolumeLinks.Operation.GET, source.display(), false, now), local);
        }
        if (t.accept("REMOVE")) {
            VolumeStore.VolumePath target = store.resolve(t.string());
            t.expectEnd();
            store.file(target);
            return row("REMOVE", links.url(VolumeLinks.Operation.DELETE, target.display(), false, now), null);
        }
        t.accept("LIST");
        VolumeStore.VolumePath dir = store.resolve(t.string());
        t.expectEnd();
        List<Row> rows = new ArrayList<>();
        if (Files.isRegularFile(dir.file(), LinkOption.NOFOLLOW_LINKS)) {
            Path f = dir.file();
            rows.add(RowFactory.create(dir.display(), f.getFileName().toString(), Files.size(f),
                    Files.getLastModifiedTime(f).toMillis()));
        } else {
            for (VolumeStore.Entry e : store.list(dir)) {
                rows.add(RowFactory.create(e.path(), e.directory() ? e.name() + "/" : e.name(), e.size(),
                        e.lastModified()));
            }
        }
        return session.createDataFrame(rows, LISTING);
    }

    private Dataset<Row> row(String operation, String url, String local) {
        return session.createDataFrame(List.of(RowFactory.create(operation, url, "{}", local)), OPERATION);
    }

    /** {@code [catalog.][schema.]volume}, completed with the session's current catalog and schema. */
    /**
     * DROP SCHEMA: Spark drops the database (and refuses as before: a missing schema, tables without CASCADE), then
     * the schema's volumes go with their files, as on Databricks. Volumes alone also make a schema not empty.
     */
    private Dataset<Row> dropSchema(SqlTokens t, String sql) throws IOException {
        t.accept("IF", "EXISTS");
        List<String> parts = t.qualifiedName();
        boolean cascade = t.accept("CASCADE");
        if (!cascade) {
            t.accept("RESTRICT");
        }
        t.expectEnd();
        if (parts.size() > 2) {
            return null; // Spark names the bad name
        }
        String catalog = parts.size() == 2 ? UcNames.normalizeCatalog(parts.get(0)) : currentCatalog();
        String schema = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
        boolean exists = session.catalog().databaseExists(UcNames.database(catalog, schema));
        List<String> volumes = exists && validName(catalog) && validName(schema) ? store.volumes(catalog, schema)
                : List.of();
        if (!cascade && !volumes.isEmpty()) {
            throw new WarehouseSqlError("SCHEMA_NOT_EMPTY", "2BP01", "Cannot drop schema '" + catalog + "." + schema
                    + "' because it contains volumes " + volumes + ". Use DROP SCHEMA ... CASCADE.");
        }
        Dataset<Row> out = session.sql(sql);
        if (exists && validName(catalog) && validName(schema)) {
            store.dropSchema(catalog, schema);
        }
        return out;
    }

    private static boolean validName(String name) {
        try {
            VolumeStore.name("name", name);
            return true;
        } catch (ApiError e) {
            return false;
        }
    }

    private String[] volumeName(SqlTokens t) {
        List<String> parts = t.qualifiedName();
        if (parts.size() > 3) {
            throw WarehouseSqlError.syntax("Syntax error: a volume name is [catalog.][schema.]volume");
        }
        String catalog = parts.size() == 3 ? UcNames.normalizeCatalog(parts.get(0)) : currentCatalog();
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : currentSchema();
        return new String[] {catalog, schema.toLowerCase(Locale.ROOT), parts.get(parts.size() - 1)};
    }

    private String currentCatalog() {
        String[] parts = UcNames.split(session.catalog().currentDatabase());
        return parts == null ? UcNames.DEFAULT_CATALOG : parts[0];
    }

    private String currentSchema() {
        String[] parts = UcNames.split(session.catalog().currentDatabase());
        return parts == null ? UcNames.DEFAULT_SCHEMA : parts[1];
    }

    private Dataset<Row> empty() {
        return session.createDataFrame(List.of(), new StructType());
    }
}
