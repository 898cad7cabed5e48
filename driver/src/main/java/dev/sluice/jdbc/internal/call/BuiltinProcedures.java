package dev.sluice.jdbc.internal.call;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import dev.sluice.jdbc.procedure.ProcedureProvider;
import dev.sluice.jdbc.procedure.ProcedureSpec;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in procedures of the class path: every {@link ProcedureProvider} that {@link ServiceLoader} finds
 * next to the driver, loaded once. The driver has none of its own; {@code dev.sluice:sluice-dao} brings them.
 */
public final class BuiltinProcedures {
    /** The artifact that provides the built-in procedures, named when it is missing. */
    public static final String PROVIDER_ARTIFACT = "dev.sluice:sluice-dao";

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinProcedures.class);
    private static volatile BuiltinProcedures loaded;

    private final Map<String, ProcedureSpec> byName;

    BuiltinProcedures(List<ProcedureSpec> specs) {
        Map<String, ProcedureSpec> m = new TreeMap<>();
        for (ProcedureSpec p : specs) {
            String key = p.name().toLowerCase(Locale.ROOT);
            ProcedureSpec earlier = m.putIfAbsent(key, p);
            if (earlier != null) {
                LOG.debug("built-in procedure {} is provided twice; the first one found is used", key);
            }
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The procedures of the providers on the driver's class path. */
    public static BuiltinProcedures get() {
        BuiltinProcedures b = loaded;
        if (b == null) {
            synchronized (BuiltinProcedures.class) {
                b = loaded;
                if (b == null) {
                    b = load();
                    loaded = b;
                }
            }
        }
        return b;
    }

    private static BuiltinProcedures load() {
        List<ProcedureSpec> specs = new java.util.ArrayList<>();
        ServiceLoader<ProcedureProvider> loader = ServiceLoader.load(ProcedureProvider.class,
                ProcedureProvider.class.getClassLoader());
        try {
            for (ProcedureProvider provider : loader) {
                specs.addAll(provider.procedures());
            }
        } catch (ServiceConfigurationError e) {
            // a broken provider must not break connections; its procedures are missing and say so when called
            LOG.warn("a procedure provider could not be loaded: {}", e.getMessage());
        }
        return new BuiltinProcedures(specs);
    }

    /** Built-in procedures by lower-case name, sorted. */
    public Map<String, ProcedureSpec> all() {
        return byName;
    }

    /**
     * The procedure {@code namespace.name}.
     *
     * @throws SQLException 0A000 naming {@value #PROVIDER_ARTIFACT} when no provider is on the class path;
     *     42883 naming the procedure and listing the namespace's procedures when there is no such one
     */
    public ProcedureSpec find(String namespace, String name) throws SQLException {
        if (byName.isEmpty()) {
            throw Errors.of(SqlState.FEATURE_NOT_SUPPORTED, namespace + "." + name + " is a built-in procedure"
                    + " and none are on the class path: add " + PROVIDER_ARTIFACT + " next to the driver, or use"
                    + " the single jar sluice-jdbc-all");
        }
        ProcedureSpec spec = byName.get(name.toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw Errors.of(SqlState.UNDEFINED_FUNCTION, "procedure " + namespace + "." + name + " does not exist;"
                    + " the built-in procedures are " + namespace + ".{" + String.join(", ", byName.keySet()) + "}"
                    + " (to call a procedure of a schema named " + namespace + ", name its catalog too, or set"
                    + " ProcedureNamespace to another name)");
        }
        return spec;
    }
}
