package dev.sluice.delta;

import dev.sluice.jdbc.WorkspaceException;
import dev.sluice.jdbc.catalog.TableOperation;
import dev.sluice.jdbc.catalog.TemporaryCredentials;
import dev.sluice.jdbc.catalog.UnityCatalog;
import io.delta.kernel.engine.Engine;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An engine over credentials Unity Catalog vends for one table ({@code temporary-table-credentials}), vended
 * again before they expire: a long read checks before each data file, so it never uses credentials that run out
 * in the middle of it. The secrets go into the engine's Hadoop settings only, never into a message or a log.
 */
final class VendedEngine implements EngineSource {
    private final UnityCatalog catalog;
    private final String tableId;
    private final String tableName;
    private final TableOperation operation;
    private final Map<String, String> baseSettings;
    private final Duration margin;
    private final Clock clock;
    private TemporaryCredentials credentials;
    private Engine engine;
    private int vendings;

    VendedEngine(UnityCatalog catalog, String tableId, String tableName, TableOperation operation,
                 Map<String, String> baseSettings, Duration margin, Clock clock) {
        this.catalog = catalog;
        this.tableId = tableId;
        this.tableName = tableName;
        this.operation = operation;
        this.baseSettings = baseSettings;
        this.margin = margin;
        this.clock = clock;
    }

    @Override
    public synchronized Engine engine() throws SQLException {
        if (engine == null || credentials.expiresWithin(margin, clock.instant())) {
            try {
                credentials = catalog.temporaryTableCredentials(tableId, operation);
            } catch (WorkspaceException e) {
                String state = e.httpStatus() == 403 || "PERMISSION_DENIED".equals(e.errorCode()) ? "42501"
                        : e.httpStatus() == 404 ? "42P01" : e.httpStatus() == 400 ? "42501" : "58030";
                throw new SQLException("Unity Catalog refused " + operation + " credentials for " + tableName + ": "
                        + e.serverMessage() + " [" + e.errorCode() + "]", state, e);
            } catch (IOException e) {
                throw new SQLException("vending " + operation + " credentials for " + tableName + " failed: "
                        + e.getMessage(), "08006", e);
            }
            vendings++;
            engine = DeltaDirect.engine(settings(credentials));
        }
        return engine;
    }

    @Override
    public synchronized int vendings() {
        return vendings;
    }

    /** The location the credentials were vended for. */
    synchronized String url() {
        return credentials == null ? null : credentials.url();
    }

    /** Hadoop settings for the storage the credentials are for (the connector itself is the application's). */
    private Map<String, String> settings(TemporaryCredentials c) {
        Map<String, String> s = new LinkedHashMap<>(baseSettings);
        switch (c.kind()) {
            case AWS, R2 -> {
                s.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
                c.secret("access_key_id").ifPresent(v -> s.put("fs.s3a.access.key", v));
                c.secret("secret_access_key").ifPresent(v -> s.put("fs.s3a.secret.key", v));
                c.secret("session_token").ifPresent(v -> s.put("fs.s3a.session.token", v));
            }
            case AZURE_SAS -> {
                String host = c.url() == null ? null : URI.create(c.url()).getHost();
                if (host != null) {
                    String account = host.contains("@") ? host.substring(host.indexOf('@') + 1) : host;
                    s.put("fs.azure.account.auth.type." + account, "SAS");
                    c.secret("sas_token").ifPresent(v -> s.put("fs.azure.sas.fixed.token." + account, v));
                }
            }
            case GCP_OAUTH -> c.secret("oauth_token").ifPresent(v -> {
                s.put("fs.gs.auth.type", "ACCESS_TOKEN_PROVIDER");
                s.put("fs.gs.auth.access.token", v);
            });
            default -> {
                // LOCAL: a file: URL on this machine; nothing to configure
            }
        }
        return s;
    }
}
