package dev.sluice.warehouse.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.catalog.CatalogBrowser;
import dev.sluice.warehouse.catalog.UcNames;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credential vending, {@code POST /api/2.1/unity-catalog/temporary-table-credentials} (and the {@code /api/2.0/}
 * path the Databricks SDK uses): {@code {table_id, operation: READ|READ_WRITE}} gives the table's storage location
 * as a {@code file:} URL, an expiry, and in {@code local_temp_credentials.token} a token signed under a key made at
 * start-up that names the table, the operation and the expiry (opaque to clients, unforgeable, useless after it
 * expires). The rules are Databricks': a managed table is vended READ only (READ_WRITE is 400
 * {@code INVALID_PARAMETER_VALUE}, Databricks' message), an external table READ_WRITE too; a view gets none; an
 * unknown id is 404 {@code TABLE_DOES_NOT_EXIST}.
 *
 * <p>The files themselves are the local file system's: the token is what a storage service would check, and the
 * local warehouse has none. Table ids are derived from the table's full name, so a table re-created under the same
 * name keeps its id (on Databricks it gets a new one).
 */
final class TableCredentials {
    private static final String PATH = "/unity-catalog/temporary-table-credentials";

    private final CatalogBrowser browser;
    private final Duration ttl;
    private final byte[] key = new byte[32];

    TableCredentials(CatalogBrowser browser, Duration ttl) {
        this.browser = browser;
        this.ttl = ttl;
        new SecureRandom().nextBytes(key);
    }

    void register(HttpApi api) {
        api.route("POST", "/api/2.1" + PATH, true, this::vend);
        api.route("POST", "/api/2.0" + PATH, true, this::vend);
    }

    /** The id Unity Catalog reports for a table ({@code table_id}). */
    static String tableId(CatalogBrowser.TableEntry t) {
        return id("table", t.fullName());
    }

    /** A stable id for a securable of this kind and full name. */
    static String id(String kind, String fullName) {
        String seed = kind.equals("table") ? fullName : kind + ":" + fullName;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private JsonNode vend(Request r) throws IOException {
        ObjectNode body = r.json();
        String tableId = Json.text(body, "table_id");
        String operation = Json.text(body, "operation");
        if (tableId == null || tableId.isBlank()) {
            throw ApiError.invalid("Field 'table_id' is required");
        }
        if (operation == null || !(operation.equals("READ") || operation.equals("READ_WRITE"))) {
            throw ApiError.invalid("Field 'operation' must be READ or READ_WRITE, not "
                    + (operation == null ? "missing" : "'" + operation + "'"));
        }
        CatalogBrowser.TableEntry table = find(tableId);
        if (table == null) {
            throw new ApiError(404, "TABLE_DOES_NOT_EXIST", "Table with id " + tableId + " does not exist.");
        }
        if (table.isView() || table.location() == null) {
            throw ApiError.invalid("Table with id " + tableId + " is a " + table.tableType()
                    + "; credentials are vended for tables with a storage location only.");
        }
        if (operation.equals("READ_WRITE") && !table.tableType().equals("EXTERNAL")) {
            String kind = "DELTA".equals(table.format()) ? "TABLE_DELTA" : "TABLE_" + table.format();
            throw ApiError.invalid("Table with id " + tableId + " cannot be written from outside of Databricks"
                    + " Compute Environment due to its kind being " + kind + ". Only 'TABLE_EXTERNAL' and"
                    + " 'TABLE_DELTA_EXTERNAL' table kinds can be written externally.");
        }
        long expires = System.currentTimeMillis() + ttl.toMillis();
        ObjectNode out = Json.object();
        out.putObject("local_temp_credentials").put("token", token(tableId, operation, expires));
        out.put("expiration_time", expires);
        out.put("url", table.location());
        return out;
    }

    /** The table with this id, looked for in every catalog's schemas (a local warehouse holds few). */
    private CatalogBrowser.TableEntry find(String tableId) {
        for (String catalog : browser.catalogNames()) {
            if (catalog.equals(UcNames.SYSTEM_CATALOG)) {
                continue;
            }
            for (CatalogBrowser.SchemaEntry schema : browser.schemas(catalog)) {
                if (schema.schema().equals(UcNames.INFORMATION_SCHEMA)) {
                    continue;
                }
                for (CatalogBrowser.TableEntry t : browser.tables(catalog, schema.schema())) {
                    if (tableId(t).equals(tableId)) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    private String token(String tableId, String operation, long expires) {
        String payload = "v1|" + tableId + "|" + operation + "|" + expires;
        byte[] signature;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            signature = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
    }
}
