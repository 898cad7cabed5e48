package dev.sluice.warehouse;

import dev.sluice.warehouse.oauth.AzurePrincipal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Start-up options of the local warehouse, parsed from {@code --name value} pairs.
 * Every option has a default that suits local development; see the module README for the table.
 */
public final class WarehouseOptions {

    /** The name of the file in the warehouse directory that holds the token of the running server (owner-only). */
    public static final String TOKEN_FILE = "token";
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String DEFAULT_WAREHOUSE_ID = "5106a1b2c3d4e5f6";
    /** The Azure resource id the local workspace answers to when none is configured. */
    public static final String DEFAULT_AZURE_WORKSPACE_RESOURCE_ID = "/subscriptions/00000000-0000-0000-0000-"
            + "000000000000/resourceGroups/sluice-local/providers/Microsoft.Databricks/workspaces/sluice-local";
    /** The public OAuth client of the official JDBC driver (protocol §6.4), registered unless others are named. */
    public static final String DEFAULT_PUBLIC_CLIENT = "databricks-sql-jdbc";

    final int port;
    final Path warehouseDir;
    final List<String> tokens;
    final boolean tokenGenerated;
    final List<Path> allowedPaths;
    final String warehouseId;
    final int chunkRows;
    final long chunkBytes;
    final long inlineMaxBytes;
    final Duration linkExpiry;
    final Duration retention;
    final boolean exitOnStdinEof;
    final List<String> faults;
    final String sparkMaster;
    final boolean requireLinkHeaders;
    final boolean logStatements;
    final Map<String, String> oauthClients;
    final Duration oauthTokenTtl;
    final List<AzurePrincipal> azurePrincipals;
    final String azureWorkspaceResourceId;
    final Set<String> oauthPublicClients;
    final Duration requestTimeout;
    final int keepAliveConnections;

    private WarehouseOptions(Builder b) {
        this.port = b.port;
        this.warehouseDir = b.warehouseDir.toAbsolutePath().normalize();
        this.tokenGenerated = b.tokens.isEmpty();
        this.tokens = tokenGenerated ? List.of(randomToken()) : List.copyOf(b.tokens);
        this.allowedPaths = List.copyOf(b.allowedPaths);
        this.warehouseId = b.warehouseId;
        this.chunkRows = b.chunkRows;
        this.chunkBytes = b.chunkBytes;
        this.inlineMaxBytes = b.inlineMaxBytes;
        this.linkExpiry = b.linkExpiry;
        this.retention = b.retention;
        this.exitOnStdinEof = b.exitOnStdinEof;
        this.faults = List.copyOf(b.faults);
        this.sparkMaster = b.sparkMaster;
        this.requireLinkHeaders = b.requireLinkHeaders;
        this.logStatements = b.logStatements;
        this.oauthClients = Map.copyOf(b.oauthClients);
        this.oauthTokenTtl = b.oauthTokenTtl;
        this.azurePrincipals = b.azurePrincipals();
        this.azureWorkspaceResourceId = b.azureWorkspaceResourceId;
        this.oauthPublicClients = b.oauthPublicClients.isEmpty() ? Set.of(DEFAULT_PUBLIC_CLIENT)
                : Set.copyOf(b.oauthPublicClients);
        this.requestTimeout = b.requestTimeout;
        this.keepAliveConnections = b.keepAliveConnections;
    }

    public int port() { return port; }
    public Path warehouseDir() { return warehouseDir; }
    /** The accepted static tokens; the first is announced. One random token per start unless --token names some. */
    public List<String> tokens() { return tokens; }
    /** True when no --token was given and the token was drawn at random for this start. */
    public boolean tokenGenerated() { return tokenGenerated; }
    /** Directories outside the warehouse directory that SQL may read and write ({@code --allow-path}). */
    public List<Path> allowedPaths() { return allowedPaths; }
    public String warehouseId() { return warehouseId; }
    public int chunkRows() { return chunkRows; }
    public long chunkBytes() { return chunkBytes; }
    public long inlineMaxBytes() { return inlineMaxBytes; }
    public Duration linkExpiry() { return linkExpiry; }
    public Duration retention() { return retention; }
    public boolean exitOnStdinEof() { return exitOnStdinEof; }
    public List<String> faults() { return faults; }
    public String sparkMaster() { return sparkMaster; }
    public boolean requireLinkHeaders() { return requireLinkHeaders; }
    public boolean logStatements() { return logStatements; }
    /** OAuth client id to secret, for the client credentials grant. */
    public Map<String, String> oauthClients() { return oauthClients; }
    public Duration oauthTokenTtl() { return oauthTokenTtl; }
    /** Entra ID service principals, for the Azure client credentials grant. */
    public List<AzurePrincipal> azurePrincipals() { return azurePrincipals; }
    public String azureWorkspaceResourceId() { return azureWorkspaceResourceId; }
    /** OAuth client ids that sign users in with the authorization code grant and PKCE (no secret). */
    public Set<String> oauthPublicClients() { return oauthPublicClients; }
    /** Longest time a client may take to send a request; then its connection is closed. */
    public Duration requestTimeout() { return requestTimeout; }
    /** Keep-alive connections at most; beyond, responses carry {@code Connection: close}. */
    public int keepAliveConnections() { return keepAliveConnections; }

    /** Parses command-line arguments; throws IllegalArgumentException naming the bad option. */
    public static WarehouseOptions parse(String[] args) {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--exit-on-stdin-eof")) {
                b.exitOnStdinEof = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            b.set(name, args[++i]);
        }
        return new WarehouseOptions(b);
    }

    /** A token shaped like a Databricks personal access token: "dapi" and 32 hex digits, 128 random bits. */
    static String randomToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "dapi" + HexFormat.of().formatHex(bytes);
    }

    static final class Builder {
        int port = 0;
        Path warehouseDir = Path.of("local-warehouse-data");
        final List<String> tokens = new ArrayList<>();
        final List<Path> allowedPaths = new ArrayList<>();
        String warehouseId = DEFAULT_WAREHOUSE_ID;
        int chunkRows = 122_880;
        long chunkBytes = 16L << 20;
        long inlineMaxBytes = 1L << 20;
        Duration linkExpiry = Duration.ofMinutes(15);
        Duration retention = Duration.ofHours(1);
        boolean exitOnStdinEof;
        final List<String> faults = new ArrayList<>();
        String sparkMaster = "local[2]";
        boolean requireLinkHeaders;
        boolean logStatements;
        final Map<String, String> oauthClients = new LinkedHashMap<>();
        Duration oauthTokenTtl = Duration.ofHours(1);
        final List<AzurePrincipal> azurePrincipals = new ArrayList<>();
        final Set<String> azureNotWorkspaceUsers = new HashSet<>();
        String azureWorkspaceResourceId = DEFAULT_AZURE_WORKSPACE_RESOURCE_ID;
        final Set<String> oauthPublicClients = new LinkedHashSet<>();
        Duration requestTimeout = Duration.ofSeconds(20);
        int keepAliveConnections = 512;

        private static final Set<String> NAMES = Set.of("--port", "--warehouse-dir", "--token", "--warehouse-id",
                "--chunk-rows", "--chunk-bytes", "--inline-max-bytes", "--link-expiry-seconds",
                "--retention-seconds", "--fault", "--spark-master", "--link-headers", "--log-statements",
                "--oauth-client", "--oauth-token-ttl-seconds", "--oauth-public-client", "--azure-sp",
                "--azure-sp-not-workspace-user", "--azure-workspace-resource-id", "--allow-path",
                "--request-timeout-seconds", "--keep-alive-connections");

        void set(String name, String value) {
            try {
                switch (name) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--warehouse-dir" -> warehouseDir = Path.of(value);
                    case "--token" -> tokens.add(token(value));
                    case "--allow-path" -> allowedPaths.add(allowedPath(value));
                    case "--warehouse-id" -> warehouseId = value.toLowerCase(Locale.ROOT);
                    case "--chunk-rows" -> chunkRows = positive(name, Integer.parseInt(value));
                    case "--chunk-bytes" -> chunkBytes = positive(name, Long.parseLong(value));
                    case "--inline-max-bytes" -> inlineMaxBytes = Long.parseLong(value);
                    case "--link-expiry-seconds" -> linkExpiry = Duration.ofSeconds(Long.parseLong(value));
                    case "--retention-seconds" -> retention = Duration.ofSeconds(positive(name, Long.parseLong(value)));
                    case "--fault" -> faults.add(value);
                    case "--spark-master" -> sparkMaster = value;
                    case "--link-headers" -> requireLinkHeaders = Boolean.parseBoolean(value);
                    case "--log-statements" -> logStatements = Boolean.parseBoolean(value);
                    case "--oauth-client" -> oauthClient(value);
                    case "--oauth-token-ttl-seconds" ->
                            oauthTokenTtl = Duration.ofSeconds(positive(name, Long.parseLong(value)));
                    case "--oauth-public-client" -> oauthPublicClients.add(nonBlank(name, value));
                    case "--azure-sp" -> azurePrincipals.add(AzurePrincipal.parse(value));
                    case "--azure-sp-not-workspace-user" -> azureNotWorkspaceUsers.add(value);
                    case "--azure-workspace-resource-id" -> azureWorkspaceResourceId = value;
                    case "--request-timeout-seconds" ->
                            requestTimeout = Duration.ofSeconds(positive(name, Long.parseLong(value)));
                    case "--keep-alive-connections" -> keepAliveConnections = positive(name, Integer.parseInt(value));
                    default -> throw new IllegalArgumentException(
                            "unknown option " + name + "; known: " + NAMES + " and --exit-on-stdin-eof");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + name + " needs a number, got '" + value + "'");
            }
        }

        /** {@code id:secret}; the secret is never echoed in the error. */
        private void oauthClient(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new IllegalArgumentException("option --oauth-client needs id:secret");
            }
            oauthClients.put(value.substring(0, colon), value.substring(colon + 1));
        }

        /** The registered principals, those named by --azure-sp-not-workspace-user marked as such. */
        List<AzurePrincipal> azurePrincipals() {
            Set<String> unknown = new HashSet<>(azureNotWorkspaceUsers);
            List<AzurePrincipal> out = new ArrayList<>();
            for (AzurePrincipal p : azurePrincipals) {
                unknown.remove(p.clientId());
                out.add(azureNotWorkspaceUsers.contains(p.clientId()) ? p.notWorkspaceUser() : p);
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("option --azure-sp-not-workspace-user names client ids that no"
                        + " --azure-sp registers: " + unknown);
            }
            return List.copyOf(out);
        }

        private static String token(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("option --token needs a non-blank token");
            }
            return value.strip();
        }

        private static Path allowedPath(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("option --allow-path needs a directory");
            }
            Path p = Path.of(value).toAbsolutePath().normalize();
            if (p.getParent() == null) {
                throw new IllegalArgumentException("option --allow-path must not open the file system root, got '"
                        + value + "'");
            }
            return p;
        }

        private static String nonBlank(String name, String v) {
            if (v.isBlank()) {
                throw new IllegalArgumentException("option " + name + " needs a client id");
            }
            return v.strip();
        }

        private static int positive(String name, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("option " + name + " must be positive, got " + v);
            }
            return v;
        }

        private static long positive(String name, long v) {
            if (v <= 0) {
                throw new IllegalArgumentException("option " + name + " must be positive, got " + v);
            }
            return v;
        }
    }
}
