package dev.sluice.testing.warehouse;

import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a running {@link LocalWarehouse}: {@code @ExtendWith(LocalWarehouseExtension.class)} and a
 * {@code LocalWarehouse} parameter (constructor, lifecycle or test method). One server process per test
 * JVM, started on first use and shared by every test class; it is stopped when the test run ends (the
 * root store closes it), and it exits by itself if the test JVM dies. Data and log live under the
 * module's {@code target/local-warehouse/}, emptied at start so every run begins clean. The server draws its
 * own random token, which {@link LocalWarehouse#token()} and {@link LocalWarehouse#jdbcUrl()} carry; SQL may
 * also use {@link #allowedDir(LocalWarehouse)} (opened with {@code --allow-path}) besides the warehouse directory.
 */
public final class LocalWarehouseExtension implements ParameterResolver {

    /** The OAuth client (service principal) the shared warehouse registers for the client credentials grant. */
    public static final String OAUTH_CLIENT_ID = "sluice-tests";
    /** A local test value: the shared warehouse listens on loopback only. */
    public static final String OAUTH_CLIENT_SECRET = "local-warehouse-oauth-secret";
    /** Short, so that tests of a few seconds see OAuth tokens expire and get renewed. */
    public static final int OAUTH_TOKEN_TTL_SECONDS = 3;

    /** The Entra ID tenant of the shared warehouse's Azure service principals. */
    public static final String AZURE_TENANT_ID = "5a1c2e3f-0b4d-4e6f-8a9b-0c1d2e3f4a5b";
    /**
     * An Azure service principal that is not a workspace user: its requests must carry its management token and
     * {@link #AZURE_WORKSPACE_RESOURCE_ID}.
     */
    public static final String AZURE_SP_CLIENT_ID = "0d4e8f6a-3b2c-4d1e-9f8a-7b6c5d4e3f2a";
    /** An Azure service principal that is a workspace user (its Databricks token alone is enough). */
    public static final String AZURE_USER_SP_CLIENT_ID = "7e6d5c4b-3a29-4817-a6b5-c4d3e2f1a0b9";
    /** A local test value, the secret of both Azure principals. */
    public static final String AZURE_SP_SECRET = "local-warehouse-entra-secret";
    /** The Azure resource id the shared warehouse answers to. */
    public static final String AZURE_WORKSPACE_RESOURCE_ID = "/subscriptions/3f2504e0-4f89-11d3-9a0c-0305e82c3301"
            + "/resourceGroups/sluice-tests/providers/Microsoft.Databricks/workspaces/sluice-tests";

    /** The directory beside the warehouse data that the shared warehouse opens to SQL with --allow-path. */
    static final String ALLOWED_DIR = "allowed";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalWarehouseExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalWarehouse.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return warehouse(context);
    }

    /** The shared warehouse of this test run, started if needed. */
    public static LocalWarehouse warehouse(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Handle.class, k -> Handle.start(), Handle.class).warehouse;
    }

    /**
     * A directory outside the warehouse directory that the shared warehouse opens to SQL ({@code --allow-path}), for
     * external tables and path reads; every other directory outside the warehouse directory is refused.
     */
    public static Path allowedDir(LocalWarehouse warehouse) {
        return warehouse.warehouseDir().resolveSibling(ALLOWED_DIR);
    }

    /** Closed by JUnit with the root store at the end of the run. */
    static final class Handle implements AutoCloseable {
        final LocalWarehouse warehouse;

        private Handle(LocalWarehouse warehouse) {
            this.warehouse = warehouse;
        }

        static Handle start() {
            Path base = targetDir().resolve("local-warehouse");
            Path data = base.resolve("data");
            Path allowed = base.resolve(ALLOWED_DIR);
            try {
                deleteTree(data);
                deleteTree(allowed);
                Files.createDirectories(allowed);
                LocalWarehouse w = LocalWarehouse.builder()
                        .warehouseDir(data)
                        .logFile(base.resolve("server.log"))
                        // small chunks so ordinary test data already spans several chunks and links
                        .serverArgs("--chunk-rows", System.getProperty("sluice.warehouse.chunkRows", "20000"),
                                "--log-statements", "true",
                                "--allow-path", allowed.toString(),
                                "--oauth-client", OAUTH_CLIENT_ID + ":" + OAUTH_CLIENT_SECRET,
                                "--oauth-token-ttl-seconds", String.valueOf(OAUTH_TOKEN_TTL_SECONDS),
                                "--azure-sp", AZURE_TENANT_ID + ":" + AZURE_SP_CLIENT_ID + ":" + AZURE_SP_SECRET,
                                "--azure-sp", AZURE_TENANT_ID + ":" + AZURE_USER_SP_CLIENT_ID + ":" + AZURE_SP_SECRET,
                                "--azure-sp-not-workspace-user", AZURE_SP_CLIENT_ID,
                                "--azure-workspace-resource-id", AZURE_WORKSPACE_RESOURCE_ID)
                        .start();
                return new Handle(w);
            } catch (IOException e) {
                throw new ParameterResolutionException("cannot start the local warehouse: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            warehouse.close();
        }
    }

    private static Path targetDir() {
        String basedir = System.getProperty("basedir");
        Path module = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        return module.resolve("target");
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
