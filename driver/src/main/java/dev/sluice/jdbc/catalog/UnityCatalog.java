package dev.sluice.jdbc.catalog;

import java.io.IOException;
import java.util.stream.Stream;

/**
 * Unity Catalog 2.1 of one workspace ({@code /api/2.1/unity-catalog/...}), reached with
 * {@code connection.unwrap(SluiceWorkspace.class).catalog()}. Every call goes through the connection's transport,
 * credentials, retry table and circuit breaker, and is counted and traced like a SQL call.
 *
 * <p>Lists are lazy streams over the server's pages ({@code max_results}, {@code page_token}): the first page is
 * read when the list is asked for, so a missing catalog or schema fails the call itself; later pages are read as
 * the stream reaches them, and a failure there is an {@link java.io.UncheckedIOException} around the cause. Close
 * a stream you do not read to its end only if you like: it holds no connection between pages.
 *
 * <p>Failures are {@link dev.sluice.jdbc.WorkspaceException} (the server answered with an error: its HTTP status,
 * {@code error_code} such as {@code CATALOG_DOES_NOT_EXIST}, {@code SCHEMA_DOES_NOT_EXIST},
 * {@code TABLE_DOES_NOT_EXIST} or {@code PERMISSION_DENIED}, and message kept) or another {@link IOException}
 * (the server could not be reached, the call timed out, the thread was interrupted). Names are passed as the
 * catalog stores them (no back-quotes); a null or blank name is an {@link IllegalArgumentException}.
 */
public interface UnityCatalog {
    /**
     * This catalog client asking for at most {@code maxResults} items per page; 0 (the default) lets the server
     * choose its page size, as Databricks recommends.
     *
     * @throws IllegalArgumentException when {@code maxResults} is negative
     */
    UnityCatalog withPageSize(int maxResults);

    /** {@code GET catalogs}: the catalogs the caller may see. */
    Stream<CatalogInfo> listCatalogs() throws IOException;

    /** {@code GET catalogs/{name}}. */
    CatalogInfo getCatalog(String name) throws IOException;

    /** {@code GET schemas?catalog_name=}: the schemas of one catalog. */
    Stream<SchemaInfo> listSchemas(String catalog) throws IOException;

    /** {@code GET schemas/{catalog.schema}}. */
    SchemaInfo getSchema(String catalog, String schema) throws IOException;

    /**
     * {@code GET tables?catalog_name=&schema_name=}: the tables and views of one schema with their columns
     * (Databricks does not fill {@link TableInfo#constraints()} in lists: use {@link #getTable}).
     */
    Stream<TableInfo> listTables(String catalog, String schema) throws IOException;

    /** {@code GET tables/{full_name}}: one table with its columns and constraints. */
    TableInfo getTable(String fullName) throws IOException;

    /**
     * {@code GET tables/{full_name}/exists}. A missing catalog or schema is a {@link dev.sluice.jdbc.WorkspaceException}
     * on Databricks, not false.
     */
    boolean tableExists(String fullName) throws IOException;

    /** {@code GET functions?catalog_name=&schema_name=}: the functions of one schema. */
    Stream<FunctionInfo> listFunctions(String catalog, String schema) throws IOException;

    /** {@code GET volumes?catalog_name=&schema_name=}: the volumes of one schema. */
    Stream<VolumeInfo> listVolumes(String catalog, String schema) throws IOException;

    /**
     * {@code POST temporary-table-credentials}: short-lived credentials for reading (or reading and writing) the
     * files of the table {@code tableId} ({@link TableInfo#tableId()}) at its storage location directly. Databricks
     * vends READ_WRITE for external tables only; asked for a managed table it answers 400
     * {@code INVALID_PARAMETER_VALUE}. Sent to {@code /api/2.1/}; a server without that path (404 with no code or
     * {@code ENDPOINT_NOT_FOUND}) is asked under {@code /api/2.0/} from then on.
     */
    TemporaryCredentials temporaryTableCredentials(String tableId, TableOperation operation) throws IOException;
}
