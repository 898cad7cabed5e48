package dev.sluice.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.warehouse.catalog.CatalogBrowser;
import dev.sluice.warehouse.catalog.CatalogRegistry;
import dev.sluice.warehouse.catalog.TableRestorer;
import dev.sluice.warehouse.catalog.UcInstall;
import dev.sluice.warehouse.http.ApiError;
import dev.sluice.warehouse.http.Faults;
import dev.sluice.warehouse.http.HttpApi;
import dev.sluice.warehouse.http.Json;
import dev.sluice.warehouse.http.Request;
import dev.sluice.warehouse.features.FeatureStoreApi;
import dev.sluice.warehouse.jobs.JobsApi;
import dev.sluice.warehouse.oauth.EntraIdServer;
import dev.sluice.warehouse.oauth.OAuthServer;
import dev.sluice.warehouse.sandbox.Sandbox;
import dev.sluice.warehouse.sql.Gates;
import dev.sluice.warehouse.sql.ScriptRunner;
import dev.sluice.warehouse.sql.SessionRegistry;
import dev.sluice.warehouse.sql.StatementService;
import dev.sluice.warehouse.uc.UnityCatalogApi;
import dev.sluice.warehouse.volumes.FilesApi;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.classic.SparkSession;

/**
 * The local warehouse process: {@code java ... dev.sluice.warehouse.WarehouseMain [options]}.
 * Prints one line {@code SLUICE-WAREHOUSE-READY {json}} when it accepts requests.
 */
public final class WarehouseMain {

    public static final String READY_PREFIX = "SLUICE-WAREHOUSE-READY ";

    private final WarehouseOptions options;
    private final Faults faults;
    private SparkSession spark;
    private HttpApi http;
    private StatementService statements;
    private OAuthServer oauth;
    private EntraIdServer entra;
    private JobsApi jobs;
    private FeatureStoreApi features;

    private WarehouseMain(WarehouseOptions options) {
        this.options = options;
        this.faults = new Faults(options.linkExpiry());
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        WarehouseOptions options;
        try {
            options = WarehouseOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sluice-local-warehouse: " + e.getMessage());
            System.exit(2);
            return;
        }
        WarehouseMain main = new WarehouseMain(options);
        try {
            main.start();
        } catch (Exception e) {
            System.err.println("sluice-local-warehouse failed to start: " + e);
            e.printStackTrace();
            main.stop();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(main::stop, "shutdown"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        main.announce(millis);
        if (options.exitOnStdinEof()) {
            main.awaitStdinEof();
            System.exit(0);
        }
    }

    private void start() throws IOException {
        Path dir = options.warehouseDir();
        Path tables = dir.resolve("tables");
        Path results = dir.resolve("results");
        Files.createDirectories(tables);
        deleteTree(results);
        Files.createDirectories(results);
        writeToken(dir.resolve(WarehouseOptions.TOKEN_FILE), options.tokens().get(0));
        Sandbox.install(dir, options.allowedPaths());
        CatalogRegistry catalogs = new CatalogRegistry(dir);
        UcInstall.install(catalogs);
        spark = SparkFactory.create(options, tables);
        int restored = TableRestorer.restore(spark, tables, catalogs);
        System.out.println("Restored " + restored + " tables from " + tables);
        SessionRegistry sessions = new SessionRegistry(spark, catalogs);
        statements = new StatementService(new StatementService.Settings(options.warehouseId(), options.chunkRows(),
                options.chunkBytes(), options.inlineMaxBytes(), options.retention(), results,
                options.requireLinkHeaders(), options.logStatements()), sessions, StatementService.runner(catalogs), faults);
        for (String f : options.faults()) {
            faults.apply(Json.parseObject(f.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        oauth = new OAuthServer(options.oauthClients(), options.oauthPublicClients(), options.oauthTokenTtl());
        entra = new EntraIdServer(options.azurePrincipals(), options.azureWorkspaceResourceId(),
                options.oauthTokenTtl());
        http = new HttpApi(faults, new HashSet<>(options.tokens()), oauth, entra, new HttpApi.Limits(
                options.requestTimeout(), options.keepAliveConnections(), HttpApi.Limits.DEFAULT.idleTime()));
        routes(sessions, new CatalogBrowser(spark, catalogs));
        SparkSession root = spark;
        jobs = new JobsApi(dir, new ScriptRunner(sessions, catalogs), root::sparkContext, options.maxActiveRuns());
        jobs.register(http, options.warehouseId());
        features = new FeatureStoreApi(dir, new ScriptRunner(sessions, catalogs), new CatalogBrowser(spark, catalogs));
        features.register(http);
        http.start(options.port());
        statements.baseUrl("http://127.0.0.1:" + http.port());
        catalogs.volumeLinks().baseUrl("http://127.0.0.1:" + http.port());
        warmUp(sessions);
    }

    private void routes(SessionRegistry sessions, CatalogBrowser browser) {
        String sql = "/api/2.0/sql/";
        HttpApi.Handler createSession = r -> createSession(sessions, r, null);
        http.route("POST", sql + "sessions", true, createSession);
        http.route("POST", sql + "statements/sessions", true, createSession);
        http.route("POST", sql + "warehouses/{wid}/sessions", true, r -> createSession(sessions, r, r.pathVar("wid")));
        HttpApi.Handler deleteSession = r -> {
            statements.closeSession(r.pathVar("sid"), r.principal());
            return Json.object();
        };
        http.route("DELETE", sql + "sessions/{sid}", true, deleteSession);
        http.route("DELETE", sql + "statements/sessions/{sid}", true, deleteSession);
        http.route("DELETE", sql + "warehouses/{wid}/sessions/{sid}", true, deleteSession);
        http.route("POST", sql + "statements", true, statements::submit);
        http.route("GET", sql + "statements/{id}", true, statements::get);
        http.route("DELETE", sql + "statements/{id}", true, statements::close);
        http.route("POST", sql + "statements/{id}/cancel", true, statements::cancel);
        http.route("GET", sql + "statements/{id}/result/chunks/{index}", true, statements::chunk);
        http.route("GET", sql + "warehouses/{wid}", true, this::warehouse);
        http.route("GET", "/sluice/files/{id}/{index}", false, statements::download);
        http.route("GET", "/oidc/.well-known/oauth-authorization-server", false, oauth::discovery);
        http.route("GET", "/oidc/v1/authorize", false, oauth::authorize);
        http.route("POST", "/oidc/v1/token", false, oauth::token);
        http.route("GET", "/sluice/oauth", true, oauth::describe);
        entra.register(http);
        http.route("GET", "/sluice/health", false, r -> Json.object().put("status", "ok")
                .put("requests_parked", http.parkedRequests()));
        http.route("GET", "/sluice/statements", true, statements::running);
        http.route("GET", "/sluice/executions", true, statements::executions);
        http.route("DELETE", "/sluice/executions", true, statements::resetExecutions);
        http.route("GET", "/sluice/gates/{name}", true, r -> Gates.describe(r.pathVar("name")));
        http.route("POST", "/sluice/gates/{name}", true, r -> Gates.open(r.pathVar("name")));
        http.route("DELETE", "/sluice/gates/{name}", true, r -> Gates.remove(r.pathVar("name")));
        http.route("GET", "/sluice/faults", true, r -> faults.describe());
        http.route("POST", "/sluice/faults", true, r -> faults.apply(r.json()));
        http.route("DELETE", "/sluice/faults", true, r -> {
            faults.clear(options.linkExpiry());
            return faults.describe();
        });
        new UnityCatalogApi(browser).register(http);
        new FilesApi(browser.registry().volumes(), browser.registry().volumeLinks()).register(http);
    }

    private JsonNode createSession(SessionRegistry sessions, Request r, String pathWarehouse) throws IOException {
        ObjectNode body = r.json();
        String wid = pathWarehouse != null ? pathWarehouse : Json.text(body, "warehouse_id");
        if (wid == null) {
            throw ApiError.invalid("Field 'warehouse_id' is required");
        }
        if (!wid.equalsIgnoreCase(options.warehouseId())) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Warehouse " + wid + " does not exist.");
        }
        Map<String, String> confs = new HashMap<>();
        JsonNode c = body.get("session_confs");
        if (c != null && c.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                confs.put(e.getKey(), e.getValue().asText());
            }
        } else if (c != null && !c.isNull()) {
            throw ApiError.invalid("Field 'session_confs' must be an object of strings");
        }
        String id = sessions.create(Json.text(body, "catalog"), Json.text(body, "schema"), confs, r.principal());
        return Json.object().put("session_id", id);
    }

    private JsonNode warehouse(Request r) {
        if (!r.pathVar("wid").equalsIgnoreCase(options.warehouseId())) {
            throw new ApiError(404, "RESOURCE_DOES_NOT_EXIST", "Warehouse " + r.pathVar("wid") + " does not exist.");
        }
        ObjectNode o = Json.object();
        o.put("id", options.warehouseId());
        o.put("name", "Sluice local warehouse");
        o.put("state", "RUNNING");
        o.put("cluster_size", "2X-Small");
        o.put("warehouse_type", "PRO");
        return o;
    }

    /** Runs one query so the first client request does not pay for Spark's lazy start-up. */
    private void warmUp(SessionRegistry sessions) {
        String sid = sessions.create(null, null, Map.of());
        sessions.get(sid).sql("SELECT 1").collect();
        sessions.close(sid);
    }

    private void announce(long millis) {
        ObjectNode o = Json.object();
        o.put("url", "http://127.0.0.1:" + http.port());
        o.put("port", http.port());
        o.put("warehouse_id", options.warehouseId());
        o.put("http_path", "/sql/1.0/warehouses/" + options.warehouseId());
        o.put("startup_ms", millis);
        o.put("token", options.tokens().get(0));
        System.out.println("Sluice local warehouse ready at http://127.0.0.1:" + http.port() + " (warehouse "
                + options.warehouseId() + ", started in " + millis + " ms)");
        String origin = options.tokenGenerated() ? "random for this start" : "given with --token";
        System.out.println("Token: " + options.tokens().get(0) + " (" + origin + "; also in "
                + options.warehouseDir().resolve(WarehouseOptions.TOKEN_FILE) + ")");
        System.out.println(READY_PREFIX + Json.write(o));
        System.out.flush();
    }

    private void awaitStdinEof() {
        try (InputStream in = System.in) {
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // the launcher never writes; EOF means our parent is gone
            }
        } catch (IOException e) {
            // a broken stdin is as good as EOF
        }
    }

    private synchronized void stop() {
        if (http != null) {
            http.stop();
            http = null;
        }
        if (jobs != null) {
            // the control plane is closed, not the runs: a run still active stays so, and ends INTERNAL_ERROR
            // at the next start, as a run on a lost cluster does
            jobs.close();
            jobs = null;
        }
        if (features != null) {
            features.close();
            features = null;
        }
        if (statements != null) {
            statements.shutdown();
            statements = null;
        }
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }

    /** The token, readable by this user only: other local users must not learn it from the warehouse directory. */
    private static void writeToken(Path file, String token) throws IOException {
        Files.deleteIfExists(file);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            File f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
        Files.writeString(file, token + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        }
    }
}
