package dev.sluice.dao.catalog;

import dev.sluice.dao.delta.TableName;
import dev.sluice.dao.delta.TableNotFound;
import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.catalog.CatalogInfo;
import dev.sluice.jdbc.catalog.FunctionInfo;
import dev.sluice.jdbc.catalog.SchemaInfo;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.catalog.TableOperation;
import dev.sluice.jdbc.catalog.TemporaryCredentials;
import dev.sluice.jdbc.catalog.UnityCatalog;
import dev.sluice.jdbc.catalog.VolumeInfo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The Unity Catalog DAO: browse catalogs, schemas, tables (with columns, keys and properties), functions and
 * volumes, and vend table credentials, through a Sluice connection's workspace
 * ({@code connection.unwrap(SluiceWorkspace.class).catalog()}), with typed errors: {@link CatalogNotFound},
 * {@link SchemaNotFound}, {@link TableNotFound} (the DAO's one "no such table"), {@link AccessDenied}, each keeping
 * the server's code; bad arguments are 22023, an unreachable workspace 08000.
 *
 * <p>Lists are read to their end (page after page, {@link #withPageSize}); the client itself
 * ({@link UnityCatalog}) streams them lazily for callers that stop early. Each operation is a span
 * {@code databricks.catalog.<operation>} and counts in {@code databricks_catalog_operations_total{operation,outcome}}
 * and {@code databricks_catalog_operation_duration_seconds{operation}}, configured with
 * {@link dev.sluice.dao.delta.DeltaTelemetry}.
 *
 * <p>Immutable and safe to share between threads (as long as the connection stays open, for {@link #over(Connection)}).
 */
public final class Catalog {
    /** What a bare 404 (no specific code) meant for the call that got it. */
    enum Missing { CATALOG, SCHEMA, TABLE, NONE }

    /** Runs one operation against a catalog client: the connection's, or one per call from a DataSource. */
    private interface Source {
        <T> T apply(Work<T> work) throws SQLException, IOException;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(UnityCatalog client) throws IOException;
    }

    private final Source source;
    private final int pageSize;

    private Catalog(Source source, int pageSize) {
        this.source = source;
        this.pageSize = pageSize;
    }

    /** @throws SQLException 0A000 when the connection is not a Sluice connection (or is closed) */
    public static Catalog over(Connection connection) throws SQLException {
        UnityCatalog client = client(Objects.requireNonNull(connection, "connection is null"));
        return of(client);
    }

    /**
     * A DAO that takes a connection from {@code dataSource} for each operation (a pool's, typically) and gives it
     * back before returning; its connections must be Sluice connections (0A000 on the first operation otherwise).
     */
    public static Catalog over(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource is null");
        return new Catalog(new Source() {
            @Override
            public <T> T apply(Work<T> work) throws SQLException, IOException {
                try (Connection c = dataSource.getConnection()) {
                    return work.run(client(c));
                }
            }
        }, 0);
    }

    /** A DAO over a catalog client already in hand. */
    public static Catalog of(UnityCatalog client) {
        Objects.requireNonNull(client, "client is null");
        return new Catalog(new Source() {
            @Override
            public <T> T apply(Work<T> work) throws IOException {
                return work.run(client);
            }
        }, 0);
    }

    private static UnityCatalog client(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(SluiceWorkspace.class)) {
            throw new SQLException("the Catalog DAO needs a Sluice connection; " + connection.getClass().getName()
                    + " does not unwrap to SluiceWorkspace", "0A000");
        }
        return connection.unwrap(SluiceWorkspace.class).catalog();
    }

    /**
     * The same DAO asking for {@code maxResults} items per page (0, the default, lets the server choose).
     *
     * @throws IllegalArgumentException when {@code maxResults} is negative
     */
    public Catalog withPageSize(int maxResults) {
        if (maxResults < 0) {
            throw new IllegalArgumentException("maxResults " + maxResults + " is negative (0 lets the server choose)");
        }
        return new Catalog(source, maxResults);
    }

    /** The catalogs the caller may see. */
    public List<CatalogInfo> catalogs() throws SQLException {
        return run("list_catalogs", null, null, Missing.NONE, c -> all(c.listCatalogs()), List::size);
    }

    /** @throws CatalogNotFound when it does not exist */
    public CatalogInfo catalog(String name) throws SQLException {
        String n = name("catalog", name);
        return run("get_catalog", n, null, Missing.CATALOG, c -> c.getCatalog(n), null);
    }

    /** The schemas of a catalog. @throws CatalogNotFound when the catalog does not exist */
    public List<SchemaInfo> schemas(String catalog) throws SQLException {
        String n = name("catalog", catalog);
        return run("list_schemas", n, null, Missing.CATALOG, c -> all(c.listSchemas(n)), List::size);
    }

    /** @throws CatalogNotFound or {@link SchemaNotFound} */
    public SchemaInfo schema(String catalog, String schema) throws SQLException {
        String c0 = name("catalog", catalog);
        String s0 = name("schema", schema);
        return run("get_schema", c0, s0, Missing.SCHEMA, c -> c.getSchema(c0, s0), null);
    }

    /** The tables and views of a schema with their columns. @throws CatalogNotFound or {@link SchemaNotFound} */
    public List<TableInfo> tables(String catalog, String schema) throws SQLException {
        return tables(catalog, schema, null);
    }

    /**
     * The tables and views of a schema whose names match {@code pattern}, a SQL LIKE pattern ({@code %} any run,
     * {@code _} one character, {@code \} escapes) compared without case; null or {@code %} for all.
     *
     * @throws CatalogNotFound or {@link SchemaNotFound}
     */
    public List<TableInfo> tables(String catalog, String schema, String pattern) throws SQLException {
        String c0 = name("catalog", catalog);
        String s0 = name("schema", schema);
        Predicate<String> matches = like(pattern);
        return run("list_tables", c0, s0, Missing.SCHEMA,
                c -> all(c.listTables(c0, s0).filter(t -> matches.test(t.name()))), List::size);
    }

    /**
     * One table with its columns, constraints and properties.
     *
     * @param fullName {@code catalog.schema.table}, parts bare or quoted with backticks
     * @throws TableNotFound, {@link CatalogNotFound} or {@link SchemaNotFound}
     */
    public TableInfo table(String fullName) throws SQLException {
        return table(parse(fullName));
    }

    /** {@link #table(String)} for a three-part {@link TableName}. */
    public TableInfo table(TableName name) throws SQLException {
        String full = full(name);
        return run("get_table", name.catalog().orElse(null), name.schema().orElse(null), Missing.TABLE,
                c -> c.getTable(full), null);
    }

    /** Whether the table exists; false also when its catalog or schema does not. */
    public boolean tableExists(String fullName) throws SQLException {
        TableName name = parse(fullName);
        String full = full(name);
        try {
            return run("table_exists", name.catalog().orElse(null), name.schema().orElse(null), Missing.SCHEMA,
                    c -> c.tableExists(full), null);
        } catch (CatalogNotFound | SchemaNotFound e) {
            return false;
        }
    }

    /** The functions of a schema. @throws CatalogNotFound or {@link SchemaNotFound} */
    public List<FunctionInfo> functions(String catalog, String schema) throws SQLException {
        String c0 = name("catalog", catalog);
        String s0 = name("schema", schema);
        return run("list_functions", c0, s0, Missing.SCHEMA, c -> all(c.listFunctions(c0, s0)), List::size);
    }

    /** The volumes of a schema. @throws CatalogNotFound or {@link SchemaNotFound} */
    public List<VolumeInfo> volumes(String catalog, String schema) throws SQLException {
        String c0 = name("catalog", catalog);
        String s0 = name("schema", schema);
        return run("list_volumes", c0, s0, Missing.SCHEMA, c -> all(c.listVolumes(c0, s0)), List::size);
    }

    /**
     * Short-lived credentials for the files of a table: the table is looked up for its id, then
     * {@code temporary-table-credentials} asked. Their secrets never appear in a message or {@code toString}.
     *
     * @throws AccessDenied when the catalog refuses (READ_WRITE on a managed table, or a missing privilege)
     * @throws TableNotFound, {@link CatalogNotFound} or {@link SchemaNotFound}
     */
    public TemporaryCredentials credentials(String fullName, TableOperation operation) throws SQLException {
        Objects.requireNonNull(operation, "operation is null");
        TableInfo table = table(fullName);
        return credentials(table, operation);
    }

    /** {@link #credentials(String, TableOperation)} for a table already read. */
    public TemporaryCredentials credentials(TableInfo table, TableOperation operation) throws SQLException {
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(operation, "operation is null");
        if (table.tableId() == null) {
            throw new SQLDataException("the catalog sent no table_id for " + table.fullName()
                    + ": it cannot vend credentials for it", "22023");
        }
        return run("temporary_credentials", table.catalogName(), table.schemaName(), Missing.TABLE,
                c -> c.temporaryTableCredentials(table.tableId(), operation), null);
    }

    private <T> T run(String operation, String catalog, String schema, Missing missing, Work<T> work,
                      java.util.function.ToIntFunction<T> items) throws SQLException {
        CatalogObservation o = CatalogObservation.start(operation, catalog, schema);
        try {
            T result = source.apply(client -> work.run(pageSize == 0 ? client : client.withPageSize(pageSize)));
            if (items != null) {
                o.items(items.applyAsInt(result));
            }
            o.succeeded();
            return result;
        } catch (UncheckedIOException e) {
            SQLException failure = translate(e.getCause(), operation, missing);
            o.failed(failure);
            throw failure;
        } catch (IOException e) {
            SQLException failure = translate(e, operation, missing);
            o.failed(failure);
            throw failure;
        } catch (SQLException | RuntimeException e) {
            o.failed(e);
            throw e;
        }
    }

    private static <T> List<T> all(Stream<T> items) {
        try (items) {
            return items.collect(Collectors.toList());
        }
    }

    /**
     * The DAO's taxonomy for a failed catalog call, keeping the server's code and message: the specific
     * {@code *_DOES_NOT_EXIST} codes first, then a bare 404 read by what its message names (or what the call
     * looked for), 403 as {@link AccessDenied}, a refused READ_WRITE vending as {@link AccessDenied} too.
     */
    static SQLException translate(IOException e, String operation, Missing missing) {
        String what = operation.replace('_', ' ');
        if (e instanceof InterruptedIOException) {
            return new SQLException(what + ": interrupted", "HY008", e);
        }
        if (!(e instanceof WorkspaceException w)) {
            return new SQLException(what + ": " + e.getMessage(), "08000", e);
        }
        String code = w.errorCode() == null ? "" : w.errorCode();
        String message = w.serverMessage() == null ? "" : w.serverMessage();
        String text = what + ": " + (code.isEmpty() ? "HTTP " + w.httpStatus() + ": " : code + ": ") + message;
        int status = w.httpStatus();
        Missing kind = switch (code) {
            case "CATALOG_DOES_NOT_EXIST", "CATALOG_NOT_FOUND", "NO_SUCH_CATALOG_EXCEPTION" -> Missing.CATALOG;
            case "SCHEMA_DOES_NOT_EXIST", "SCHEMA_NOT_FOUND", "NO_SUCH_SCHEMA_EXCEPTION" -> Missing.SCHEMA;
            case "TABLE_DOES_NOT_EXIST", "TABLE_NOT_FOUND", "TABLE_OR_VIEW_NOT_FOUND" -> Missing.TABLE;
            default -> status == 404 ? named(message, missing) : null;
        };
        if (kind == Missing.CATALOG) {
            return new CatalogNotFound(text, status, w.errorCode(), e);
        }
        if (kind == Missing.SCHEMA) {
            return new SchemaNotFound(text, status, w.errorCode(), e);
        }
        if (kind == Missing.TABLE) {
            return new TableNotFound(text, "42P01", 0, w.errorCode(), e);
        }
        if (status == 403 || code.equals("PERMISSION_DENIED")) {
            return new AccessDenied(text, status, w.errorCode(), e);
        }
        if (status == 401) {
            return new SQLInvalidAuthorizationSpecException(text, "28000", e);
        }
        if (operation.equals("temporary_credentials") && code.equals("INVALID_PARAMETER_VALUE")
                && message.toLowerCase(Locale.ROOT).contains("written")) {
            return new AccessDenied(text, status, w.errorCode(), e);
        }
        if (status == 400) {
            return new SQLDataException(text, "22023", e);
        }
        return new SQLException(text, status / 100 == 4 ? "42000" : "HY000", e);
    }

    /** What a bare 404's message says is missing ("Catalog 'x' does not exist"), else what the call looked for. */
    private static Missing named(String message, Missing fallback) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.startsWith("catalog")) {
            return Missing.CATALOG;
        }
        if (m.startsWith("schema")) {
            return Missing.SCHEMA;
        }
        if (m.startsWith("table")) {
            return Missing.TABLE;
        }
        return fallback == Missing.NONE ? null : fallback;
    }

    private static TableName parse(String fullName) throws SQLException {
        return TableName.parse(Objects.requireNonNull(fullName, "fullName is null"));
    }

    private static String full(TableName name) throws SQLException {
        Objects.requireNonNull(name, "name is null");
        if (name.catalog().isEmpty() || name.schema().isEmpty()) {
            throw new SQLDataException("table name " + name + " needs all three parts (catalog.schema.table) for"
                    + " Unity Catalog", "22023");
        }
        return name.catalog().get() + "." + name.schema().get() + "." + name.table();
    }

    private static String name(String what, String value) throws SQLException {
        if (value == null || value.isBlank()) {
            throw new SQLDataException("the " + what + " name is " + (value == null ? "null" : "blank"), "22023");
        }
        return value;
    }

    /** A SQL LIKE pattern as a case-insensitive test; null matches everything. */
    static Predicate<String> like(String pattern) {
        if (pattern == null || pattern.equals("%")) {
            return name -> true;
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '%') {
                regex.append(".*");
            } else if (ch == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        Pattern p = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        return name -> name != null && p.matcher(name).matches();
    }
}
