package dev.sluice.dao.features;

import dev.sluice.dao.delta.Assignments;
import dev.sluice.dao.delta.DeltaErrors;
import dev.sluice.dao.delta.DeltaTable;
import dev.sluice.dao.delta.MergeRequest;
import dev.sluice.dao.delta.Rows;
import dev.sluice.dao.delta.StructField;
import dev.sluice.dao.delta.StructType;
import dev.sluice.dao.delta.TableName;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.catalog.TableConstraint;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.catalog.UnityCatalog;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.features.FeatureStoreClient;
import dev.sluice.jdbc.features.FeatureTableInfo;
import dev.sluice.jdbc.features.LookupRow;
import dev.sluice.jdbc.features.OnlineTableInfo;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import static java.util.Objects.requireNonNull;

/**
 * Feature tables on Unity Catalog: Delta tables with a primary key and, for time series, a TIMESERIES key. SQL does
 * the data (DDL, MERGE or append, reads as of a time, point-in-time training sets as one statement); the workspace's
 * feature-store and serving REST calls do the catalog view of a table, publishing and online lookups, so those need
 * a Sluice connection. Every operation is a span {@code databricks.feature.<operation>} with the DAO's metrics
 * ({@link FeatureObservation}).
 *
 * <p>Names are three-part ({@code catalog.schema.table}), as Unity Catalog feature tables are.
 */
public final class FeatureTables {
    private final DataSource dataSource;
    private final Connection connection;

    private FeatureTables(DataSource dataSource, Connection connection) {
        this.dataSource = dataSource;
        this.connection = connection;
    }

    /** Over a DataSource: one connection per operation; result sets are not handed out. */
    public static FeatureTables of(DataSource dataSource) {
        return new FeatureTables(requireNonNull(dataSource, "dataSource is null"), null);
    }

    /** Over a connection the caller owns (and closes); the way for online lookups and streamed reads. */
    public static FeatureTables of(Connection connection) {
        return new FeatureTables(null, requireNonNull(connection, "connection is null"));
    }

    // ---- catalog --------------------------------------------------------------------------------------------

    /** Creates the table with its primary key constraint ({@code CREATE TABLE ... CONSTRAINT ... PRIMARY KEY}). */
    public FeatureTable create(FeatureTableDefinition definition) throws SQLException {
        requireNonNull(definition, "definition is null");
        fullName(definition.name());
        return observe("create", definition.name(), () -> {
            withConnection(c -> {
                execute(c, FeatureSql.create(definition));
                return null;
            });
            return get(definition.name());
        }, null);
    }

    /**
     * The feature table's keys, columns, comment and tags.
     *
     * @throws FeatureStoreError 42704 when the table does not exist or has no primary key
     */
    public FeatureTable get(TableName name) throws SQLException {
        String full = fullName(name);
        try {
            return rest("get feature table " + full, f -> featureTable(f.getFeatureTable(full)));
        } catch (FeatureStoreError e) {
            if (!endpointMissing(e)) {
                throw e;
            }
        }
        // a workspace without the feature-store REST shape: the table's primary key from Unity Catalog
        return catalog("get feature table " + full, uc -> {
            FeatureTable t = featureTable(uc.getTable(full));
            if (t == null) {
                throw new FeatureStoreError("get feature table " + full + ": the table has no primary key, so it is"
                        + " not a feature table", "42704", 404, "RESOURCE_DOES_NOT_EXIST", null);
            }
            return t;
        });
    }

    /** The feature-store endpoints are absent (404 without a code, or ENDPOINT_NOT_FOUND), not the table. */
    private static boolean endpointMissing(FeatureStoreError e) {
        return e.httpStatus() == 404 && (e.errorCode().isEmpty() || e.errorCode().get().equals("ENDPOINT_NOT_FOUND"));
    }

    /** The feature tables (tables with a primary key) of a schema. */
    public List<FeatureTable> list(String catalog, String schema) throws SQLException {
        String prefix = requireNonNull(catalog, "catalog is null") + "." + requireNonNull(schema, "schema is null") + ".";
        String what = "list feature tables in " + catalog + "." + schema;
        try {
            return rest(what, f -> {
                List<FeatureTable> out = new ArrayList<>();
                try (var s = f.searchFeatureTables(prefix)) {
                    s.filter(i -> i.name().startsWith(prefix)).forEach(i -> out.add(featureTable(i)));
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
                return out;
            });
        } catch (FeatureStoreError e) {
            if (!endpointMissing(e)) {
                throw e;
            }
        }
        // the tables of the schema that have a primary key, from Unity Catalog: a listing carries no
        // table_constraints (as on Databricks), so each table is read once
        return catalog(what, uc -> {
            List<String> names = new ArrayList<>();
            try (var tables = uc.listTables(catalog, schema)) {
                tables.filter(t -> !"VIEW".equals(t.tableType())).forEach(t -> names.add(t.fullName()));
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            List<FeatureTable> out = new ArrayList<>();
            for (String full : names) {
                FeatureTable f = featureTable(uc.getTable(full));
                if (f != null) {
                    out.add(f);
                }
            }
            return out;
        });
    }

    /** {@code DROP TABLE}. */
    public void drop(TableName name) throws SQLException {
        observe("drop", name, () -> withConnection(c -> {
            execute(c, "DROP TABLE " + name.sql());
            return null;
        }), null);
    }

    // ---- writes and reads ------------------------------------------------------------------------------------

    /**
     * Writes feature rows after checking them against the table's schema (the Delta DAO's rules: known columns,
     * fitting or widening types, NOT NULL columns present) and that every key value is given: a time series table
     * gets them appended, any other table merged on its primary key (update where the key exists, insert where not).
     *
     * @return rows written
     * @throws dev.sluice.dao.delta.SchemaEvolutionConflict when the rows do not fit the table
     * @throws SQLIntegrityConstraintViolationException 23502 when a key column is missing or null
     */
    public long write(TableName name, Rows rows) throws SQLException {
        requireNonNull(rows, "rows is null");
        FeatureTable t = get(name);
        return observe("write", name, () -> withConnection(c -> {
            DeltaTable delta = DeltaTable.of(c, name);
            requireKeys(t, rows);
            delta.validate(rowSchema(t, rows));
            if (t.timeseriesColumn().isPresent()) {
                return delta.append(rows);
            }
            return delta.merge(upsert(t, rows)).affected();
        }), n -> n);
    }

    /** The whole table, streamed. Needs {@link #of(Connection)}; close the result set. */
    public ResultSet read(TableName name) throws SQLException {
        return query("read", name, "SELECT * FROM " + name.sql());
    }

    /**
     * The table as of a time: for a time series, the latest row per key at or before {@code asOf}; for other tables
     * the Delta version current then. Needs {@link #of(Connection)}; close the result set.
     */
    public ResultSet readAsOf(TableName name, Instant asOf) throws SQLException {
        requireNonNull(asOf, "asOf is null");
        return query("read", name, FeatureSql.readAsOf(get(name), asOf));
    }

    // ---- training sets ---------------------------------------------------------------------------------------

    /** The one statement that builds the training set (see {@link #trainingSet}). */
    public String trainingSetSql(TrainingSet set) throws SQLException {
        requireNonNull(set, "set is null");
        List<FeatureTable> tables = new ArrayList<>();
        for (FeatureLookup l : set.lookups()) {
            tables.add(get(l.table()));
        }
        try {
            return FeatureSql.trainingSet(set, tables);
        } catch (IllegalArgumentException e) {
            throw new java.sql.SQLDataException(e.getMessage(), "22023", e);
        }
    }

    /**
     * The training set as one point-in-time join, streamed: every entity row with, per lookup, the latest feature
     * values at or before its event time (and within the lookback), NULL where there were none. Needs
     * {@link #of(Connection)}; close the result set.
     */
    public ResultSet trainingSet(TrainingSet set) throws SQLException {
        return query("training_set", set.entityTable().orElse(null), trainingSetSql(set));
    }

    /** Builds the training set into a new table ({@code CREATE TABLE target AS ...}); returns its row count. */
    public long writeTrainingSet(TrainingSet set, TableName target) throws SQLException {
        String sql = trainingSetSql(set);
        return observe("training_set", target, () -> withConnection(c -> {
            execute(c, "CREATE TABLE " + target.sql() + " USING DELTA AS " + sql);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + target.sql())) {
                rs.next();
                return rs.getLong(1);
            }
        }), n -> n);
    }

    // ---- online ----------------------------------------------------------------------------------------------

    /** Creates an online store unless one of that name exists. */
    public void createOnlineStore(String name) throws SQLException {
        rest("create online store " + name, f -> {
            try {
                f.getOnlineStore(name);
            } catch (WorkspaceException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                f.createOnlineStore(name, "CU_1");
            }
            return null;
        });
    }

    /** Publishes the latest row per key to an online table; a later publish replaces it (deleted keys leave). */
    public OnlineTableInfo publish(TableName source, String onlineStore, String onlineTable) throws SQLException {
        String full = fullName(source);
        return observe("publish", source, () -> rest("publish " + full,
                f -> f.publish(full, onlineStore, onlineTable, "SNAPSHOT")), OnlineTableInfo::rowCount);
    }

    /** Creates a feature serving endpoint over these online tables. */
    public void serve(String endpoint, List<String> onlineTables) throws SQLException {
        rest("create serving endpoint " + endpoint, f -> {
            f.createFeatureEndpoint(endpoint, onlineTables);
            return null;
        });
    }

    /** Looks one key up ({@code {"user_id": 42}}). */
    public OnlineFeatures lookup(String endpoint, Map<String, Object> key) throws SQLException {
        return lookup(endpoint, List.of(key)).get(0);
    }

    /** Looks keys up in one call; one answer per key, in order, a missing key saying so. */
    public List<OnlineFeatures> lookup(String endpoint, List<Map<String, Object>> keys) throws SQLException {
        requireNonNull(keys, "keys is null");
        return FeatureObservation.observe("lookup", endpoint, () -> rest("look up features at " + endpoint, f -> {
            List<LookupRow> rows = f.invoke(endpoint, keys);
            Instant now = Instant.now();
            List<OnlineFeatures> out = new ArrayList<>(rows.size());
            for (LookupRow r : rows) {
                long oldest = r.publishedAt().values().stream().mapToLong(Long::longValue).min().orElse(now.toEpochMilli());
                Duration staleness = Duration.ofMillis(Math.max(0, now.toEpochMilli() - oldest));
                out.add(new OnlineFeatures(r.values(), r.missingTables(), staleness, r.featureTimestamps()));
            }
            return out;
        }), List::size);
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface RestWork<T> {
        T run(FeatureStoreClient client) throws IOException;
    }

    private static FeatureTable featureTable(FeatureTableInfo i) {
        Map<String, String> columns = new LinkedHashMap<>();
        i.features().forEach(f -> columns.put(f.name(), f.dataType()));
        TableName name;
        String[] parts = i.name().split("\\.", 3);
        name = parts.length == 3 ? TableName.of(parts[0], parts[1], parts[2])
                : TableName.of(parts[0], parts.length > 1 ? parts[1] : "");
        return new FeatureTable(name, i.primaryKeys(), i.timeseriesColumns().stream().findFirst(), columns,
                Optional.ofNullable(i.description()), i.tags());
    }

    /** A Unity Catalog table as a feature table, or null when it has no primary key. */
    private static FeatureTable featureTable(TableInfo t) {
        TableConstraint.PrimaryKey pk = t.primaryKey().orElse(null);
        if (pk == null) {
            return null;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        t.columns().forEach(c -> columns.put(c.name(), c.typeText()));
        Map<String, String> tags = new LinkedHashMap<>();
        t.properties().forEach((k, v) -> {
            if (k.startsWith("tag.")) {
                tags.put(k.substring(4), v);
            }
        });
        return new FeatureTable(TableName.of(t.catalogName(), t.schemaName(), t.name()), pk.childColumns(),
                pk.timeseriesColumns().stream().findFirst(), columns, Optional.ofNullable(t.comment()), tags);
    }

    private static MergeRequest upsert(FeatureTable t, Rows rows) {
        StringBuilder on = new StringBuilder();
        for (String k : t.primaryKeys()) {
            String col = rows.columns().stream().filter(c -> c.equalsIgnoreCase(k)).findFirst().orElseThrow();
            on.append(on.length() > 0 ? " AND " : "").append("t.").append(FeatureSql.quote(col)).append(" = s.")
                    .append(FeatureSql.quote(col));
        }
        String[] values = rows.columns().stream()
                .filter(c -> t.primaryKeys().stream().noneMatch(k -> k.equalsIgnoreCase(c))).toArray(String[]::new);
        MergeRequest.Builder m = MergeRequest.builder().sourceRows(rows).on(on.toString());
        if (values.length > 0) {
            m.whenMatchedUpdate(Assignments.fromSource("s", values));
        }
        return m.whenNotMatchedInsert(Assignments.fromSource("s", rows.columns().toArray(String[]::new))).build();
    }

    private static void requireKeys(FeatureTable t, Rows rows) throws SQLException {
        for (String k : t.primaryKeys()) {
            int i = indexOf(rows.columns(), k);
            if (i < 0) {
                throw new SQLIntegrityConstraintViolationException("rows for " + t.name() + " lack the key column "
                        + k + " (key " + t.primaryKeys() + ")", "23502");
            }
            for (int r = 0; r < rows.size(); r++) {
                if (rows.rows().get(r).get(i) == null) {
                    throw new SQLIntegrityConstraintViolationException("row " + (r + 1) + " has a NULL key column " + k
                            + " for " + t.name(), "23502");
                }
            }
        }
    }

    /** The rows' schema from their Java values; a column of NULLs only, or of another class, takes the table's type. */
    private static StructType rowSchema(FeatureTable t, Rows rows) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < rows.columns().size(); i++) {
            String column = rows.columns().get(i);
            String type = null;
            for (List<Object> row : rows.rows()) {
                if (row.get(i) != null) {
                    type = sqlType(row.get(i));
                    break;
                }
            }
            if (type == null) {
                type = t.columns().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                        .map(Map.Entry::getValue).findFirst().orElse("string");
            }
            fields.add(StructField.of(column, type));
        }
        return new StructType(fields);
    }

    private static String sqlType(Object v) {
        if (v instanceof Long) return "bigint";
        if (v instanceof Integer) return "int";
        if (v instanceof Short) return "smallint";
        if (v instanceof Byte) return "tinyint";
        if (v instanceof Double) return "double";
        if (v instanceof Float) return "float";
        if (v instanceof BigDecimal d) return "decimal(" + Math.max(d.precision(), d.scale()) + "," + Math.max(0, d.scale()) + ")";
        if (v instanceof Boolean) return "boolean";
        if (v instanceof java.time.LocalDate || v instanceof java.sql.Date) return "date";
        if (v instanceof java.sql.Timestamp || v instanceof Instant || v instanceof java.time.OffsetDateTime) {
            return "timestamp";
        }
        if (v instanceof java.time.LocalDateTime) return "timestamp_ntz";
        if (v instanceof byte[]) return "binary";
        return "string";
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String fullName(TableName name) throws SQLException {
        requireNonNull(name, "name is null");
        if (name.catalog().isEmpty() || name.schema().isEmpty()) {
            throw new java.sql.SQLDataException("a feature table is named catalog.schema.table, got " + name, "22023");
        }
        return label(name);
    }

    private static String label(TableName name) {
        if (name == null) {
            return "query";
        }
        StringBuilder b = new StringBuilder();
        name.catalog().ifPresent(c -> b.append(c).append('.'));
        name.schema().ifPresent(s -> b.append(s).append('.'));
        return b.append(name.table()).toString();
    }

    private static <T> T observe(String operation, TableName name, FeatureObservation.Work<T> work,
                                 java.util.function.ToLongFunction<T> rows) throws SQLException {
        return FeatureObservation.observe(operation, label(name), work, rows);
    }

    private ResultSet query(String operation, TableName name, String sql) throws SQLException {
        if (connection == null) {
            throw new SQLFeatureNotSupportedException("a result set needs FeatureTables over a Connection;"
                    + " over a DataSource its connection would outlive the call", "0A000");
        }
        return observe(operation, name, () -> {
            PreparedStatement ps = connection.prepareStatement(sql);
            try {
                ResultSet rs = ps.executeQuery();
                ps.closeOnCompletion();
                return rs;
            } catch (SQLException e) {
                ps.close();
                throw DeltaErrors.translate(e);
            }
        }, null);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw DeltaErrors.translate(e);
        }
    }

    private <T> T withConnection(Work<T> work) throws SQLException {
        if (connection != null) {
            return work.run(connection);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    /** A call of the connection's Unity Catalog client; its errors as {@link FeatureStoreError}s. */
    private <T> T catalog(String what, CatalogWork<T> work) throws SQLException {
        return withConnection(c -> {
            if (!c.isWrapperFor(SluiceWorkspace.class)) {
                throw new SQLFeatureNotSupportedException("Unity Catalog calls need a Sluice connection; "
                        + c.getClass().getName() + " does not unwrap to SluiceWorkspace", "0A000");
            }
            try {
                return work.run(c.unwrap(SluiceWorkspace.class).catalog());
            } catch (WorkspaceException e) {
                throw FeatureStoreError.of(what, e);
            } catch (IOException e) {
                throw new SQLException(what + ": " + e.getMessage(), "08006", e);
            }
        });
    }

    @FunctionalInterface
    private interface CatalogWork<T> {
        T run(UnityCatalog catalog) throws IOException, SQLException;
    }

    private <T> T rest(String what, RestWork<T> work) throws SQLException {
        return withConnection(c -> {
            if (!c.isWrapperFor(SluiceWorkspace.class)) {
                throw new SQLFeatureNotSupportedException("feature-store calls need a Sluice connection; "
                        + c.getClass().getName() + " does not unwrap to SluiceWorkspace", "0A000");
            }
            try {
                return work.run(c.unwrap(SluiceWorkspace.class).features());
            } catch (WorkspaceException e) {
                throw FeatureStoreError.of(what, e);
            } catch (IOException e) {
                throw new SQLException(what + ": " + e.getMessage(), "08006", e);
            }
        });
    }
}
