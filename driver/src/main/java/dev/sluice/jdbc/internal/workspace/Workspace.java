package dev.sluice.jdbc.internal.workspace;

import dev.sluice.jdbc.SluiceWorkspace;
import dev.sluice.jdbc.catalog.UnityCatalog;
import dev.sluice.jdbc.features.FeatureStoreClient;
import dev.sluice.jdbc.files.FilesClient;
import dev.sluice.jdbc.internal.catalog.HttpUnityCatalog;
import dev.sluice.jdbc.internal.client.AuthHeaderProvider;
import dev.sluice.jdbc.internal.client.HttpTransport;
import dev.sluice.jdbc.internal.client.Network;
import dev.sluice.jdbc.internal.client.SeaHttpClient;
import dev.sluice.jdbc.internal.config.ConnectionConfig;
import dev.sluice.jdbc.internal.features.HttpFeatureStoreClient;
import dev.sluice.jdbc.internal.client.TransportSeam;
import dev.sluice.jdbc.internal.files.HttpFilesClient;
import dev.sluice.jdbc.internal.jobs.HttpJobsClient;
import dev.sluice.jdbc.internal.jobs.HttpWorkspaceTree;
import dev.sluice.jdbc.internal.resilience.Resilience;
import dev.sluice.jdbc.internal.simulate.DryRun;
import dev.sluice.jdbc.jobs.JobsClient;
import dev.sluice.jdbc.jobs.WorkspaceTree;

import java.io.Closeable;
import java.sql.SQLException;

/**
 * What one connection knows of its workspace, built once from the configuration: host, credentials, the network
 * (TLS, proxy), one HTTP transport, the retry table and the host's circuit breaker. Every REST client of the
 * connection (the SQL statement client, Jobs) is a thin layer over it, so they are retried, counted and traced
 * alike.
 */
public final class Workspace implements SluiceWorkspace, Closeable {
    private final ConnectionConfig config;
    private final AuthHeaderProvider auth;
    private final HttpTransport transport;
    private final Resilience resilience;
    private final HttpJobsClient jobs;
    private final HttpWorkspaceTree tree;
    private final HttpFilesClient files;
    private final HttpFeatureStoreClient features;
    private final HttpUnityCatalog catalog;
    private final DryRun dryRun;

    private Workspace(ConnectionConfig config, AuthHeaderProvider auth, HttpTransport transport,
                      Resilience resilience) {
        this.config = config;
        this.auth = auth;
        this.transport = transport;
        this.resilience = resilience;
        this.jobs = new HttpJobsClient(transport, resilience);
        this.tree = new HttpWorkspaceTree(transport, resilience);
        this.files = new HttpFilesClient(new RestCalls(transport, resilience));
        this.features = new HttpFeatureStoreClient(new RestCalls(transport, resilience));
        this.catalog = new HttpUnityCatalog(new RestCalls(transport, resilience));
        this.dryRun = transport.seam() instanceof DryRun d ? d : null;
        if (dryRun != null) {
            dryRun.statusCheck(pathAndQuery -> transport.send("GET", pathAndQuery, "/api/2.0/workspace/get-status",
                    null).statusCode());
        }
    }

    /** The connection's dry run ({@code Simulation=dry-run}), or null. */
    public DryRun dryRun() {
        return dryRun;
    }

    /**
     * @throws SQLException 22023 for a bad property, 28000 for a missing or unreadable credential, 0A000 for an
     *     authentication Sluice does not implement
     */
    public static Workspace open(ConnectionConfig config) throws SQLException {
        Network network = Networks.from(config);
        TransportSeam seam = null;
        try {
            // made first: the token requests of OAuth go through the same seam as the API calls
            seam = Clients.seam(config);
            AuthHeaderProvider auth = Credentials.from(config, network, seam);
            Resilience resilience = Clients.resilience(config);
            return new Workspace(config, auth, Clients.transport(config, auth, network, seam), resilience);
        } catch (SQLException | RuntimeException e) {
            if (seam != null) {
                seam.close();
            }
            network.close();
            throw e;
        }
    }

    /** The SQL Statement Execution client over this workspace's transport; closing it closes the transport. */
    public SeaHttpClient sqlClient() throws SQLException {
        return new SeaHttpClient(transport, resilience, Clients.timeouts(config));
    }

    /**
     * JSON REST calls over this workspace's transport and error table, for a service client beside SQL; its errors
     * are {@link dev.sluice.jdbc.WorkspaceException}s.
     */
    public RestCalls rest() {
        return new RestCalls(transport, resilience);
    }

    public AuthHeaderProvider auth() {
        return auth;
    }

    @Override
    public String host() {
        return config.host();
    }

    @Override
    public UnityCatalog catalog() {
        return catalog;
    }

    @Override
    public JobsClient jobs() {
        return jobs;
    }

    @Override
    public WorkspaceTree workspaceTree() {
        return tree;
    }

    @Override
    public FilesClient files() {
        return files;
    }

    @Override
    public FeatureStoreClient features() {
        return features;
    }

    /** Closes the transport (and with it the network); idempotent. */
    @Override
    public void close() {
        transport.close();
    }
}
