package dev.sluice.jdbc.internal.jdbc;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.catalog.TableInfo;
import dev.sluice.jdbc.internal.observe.Failures;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unity Catalog REST for metadata calls that name one table exactly: {@code GET tables/{full_name}} is one cheap
 * call answered from the catalog, where the {@code information_schema} views may be computed for a whole catalog
 * before the WHERE narrows them (the local warehouse does) and the key calls join three of them.
 *
 * <p>Only exact names are asked (no catalog null, no empty or dotted name), and the table found must carry exactly
 * the names asked for: REST finds names without case, while the SQL path compares them with {@code =}, so a name
 * spelled with other case finds nothing on either path. A missing catalog, schema or table is "no such table",
 * as the views would list nothing for it. A server that does not serve the API (404 without a code or with
 * {@code ENDPOINT_NOT_FOUND}, 403, 501, {@code FEATURE_DISABLED}) is not asked again on this connection; any other
 * failure sends that one call to SQL.
 */
final class MetaCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(MetaCatalog.class);
    private static final Set<String> NOT_FOUND = Set.of("CATALOG_DOES_NOT_EXIST", "SCHEMA_DOES_NOT_EXIST",
            "TABLE_DOES_NOT_EXIST", "NOT_FOUND");

    private final SluiceConnection connection;
    /** False once the server said it does not serve Unity Catalog REST: SQL from then on. */
    private volatile boolean available = true;

    MetaCatalog(SluiceConnection connection) {
        this.connection = connection;
    }

    /**
     * What REST says about one table.
     *
     * @param table the table, or null when there is no such table
     */
    record Lookup(TableInfo table) {
    }

    /**
     * The table {@code catalog.schema.table}, or null when REST cannot answer and the caller must ask SQL.
     *
     * @param exact whether the names are the caller's, which the table found must carry exactly (a table a key
     *     references is named by the server and found as Unity Catalog finds it)
     */
    Lookup table(String catalog, String schema, String table, boolean exact) throws SQLException {
        if (!available || !simple(catalog) || !simple(schema) || !simple(table)) {
            return null;
        }
        String fullName = catalog + "." + schema + "." + table;
        try (Failures.Handled handled = Failures.handledHere()) {
            TableInfo t = connection.unwrap(SluiceWorkspace.class).catalog().getTable(fullName);
            boolean same = catalog.equals(t.catalogName()) && schema.equals(t.schemaName())
                    && table.equals(t.name());
            return new Lookup(same || !exact ? t : null);
        } catch (WorkspaceException e) {
            if (e.httpStatus() == 404 && NOT_FOUND.contains(e.errorCode())) {
                return new Lookup(null);
            }
            if (unavailable(e)) {
                available = false;
                LOG.debug("Unity Catalog REST is not served here ({} {}); metadata reads information_schema",
                        e.httpStatus(), e.errorCode());
            } else {
                LOG.debug("GET tables/{} failed, reading information_schema instead: {}", fullName, e.getMessage());
            }
            return null;
        } catch (IOException | RuntimeException e) {
            // an interrupt stays set on the thread, and the SQL path answers it as any statement does
            LOG.debug("GET tables/{} failed, reading information_schema instead: {}", fullName, e.toString());
            return null;
        }
    }

    private static boolean unavailable(WorkspaceException e) {
        String code = e.errorCode();
        return e.httpStatus() == 403 || e.httpStatus() == 501 || "FEATURE_DISABLED".equals(code)
                || "ENDPOINT_NOT_FOUND".equals(code) || e.httpStatus() == 404 && (code == null || code.isBlank());
    }

    private static boolean simple(String name) {
        return name != null && !name.isBlank() && name.indexOf('.') < 0;
    }
}
