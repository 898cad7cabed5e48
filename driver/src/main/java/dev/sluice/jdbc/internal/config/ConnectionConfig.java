package dev.sluice.jdbc.internal.config;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated settings of one connection: host and port from the URL, every {@link ConnectionProperty}
 * as text, extra HTTP headers and server-side session configurations. Immutable.
 */
public final class ConnectionConfig {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionConfig.class);

    /** Session configurations the server accepts (protocol §3); keys are sent upper-case as given. */
    private static final Set<String> SESSION_CONFS = Set.of("ANSI_MODE", "ENABLE_PHOTON",
            "LEGACY_TIME_PARSER_POLICY", "MAX_FILE_PARTITION_BYTES", "READ_ONLY_EXTERNAL_METASTORE",
            "STATEMENT_TIMEOUT", "TIMEZONE", "USE_CACHED_RESULT", "QUERY_TAGS");
    /** Simba's prefix for server-side properties: ssp_ansi_mode=false is sent as ansi_mode. */
    private static final String SERVER_SIDE_PREFIX = "ssp_";

    private final String host;
    private final int port;
    private final Map<ConnectionProperty, String> values;
    private final Map<String, String> httpHeaders;
    private final Map<String, String> sessionConfs;

    private ConnectionConfig(String host, int port, Map<ConnectionProperty, String> values,
                             Map<String, String> httpHeaders, Map<String, String> sessionConfs) {
        this.host = host;
        this.port = port;
        this.values = values;
        this.httpHeaders = httpHeaders;
        this.sessionConfs = sessionConfs;
    }

    /**
     * Builds the configuration from a parsed URL and the caller's Properties; values in the URL win.
     *
     * @throws SQLException 22023 naming the key and value when a value has the wrong type
     */
    public static ConnectionConfig of(JdbcUrl url, Properties info) throws SQLException {
        Objects.requireNonNull(url, "url is null");
        Map<String, String> merged = new LinkedHashMap<>();
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                merged.put(key, info.getProperty(key));
            }
        }
        merged.putAll(url.parameters());
        return build(url, merged, url.parameters().keySet());
    }

    /** For DataSource objects, whose own settings win over the URL's parameters. */
    public static ConnectionConfig ofDataSource(JdbcUrl url, Properties properties) throws SQLException {
        Objects.requireNonNull(url, "url is null");
        Map<String, String> merged = new LinkedHashMap<>(url.parameters());
        Set<String> fromUrl = new HashSet<>(url.parameters().keySet());
        for (String key : properties.stringPropertyNames()) {
            merged.put(key, properties.getProperty(key));
            fromUrl.remove(key);
        }
        return build(url, merged, fromUrl);
    }

    /**
     * @param fromUrl the keys of {@code merged} whose value is the URL's: a secret reference there is refused
     */
    private static ConnectionConfig build(JdbcUrl url, Map<String, String> merged, Set<String> fromUrl)
            throws SQLException {
        for (String key : fromUrl) {
            refuseReferenceInUrl(key, merged.get(key));
        }
        Map<ConnectionProperty, String> values = new EnumMap<>(ConnectionProperty.class);
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> confs = new LinkedHashMap<>();
        if (url.schema() != null) {
            values.put(ConnectionProperty.CONN_SCHEMA, url.schema());
        }
        for (Map.Entry<String, String> e : merged.entrySet()) {
            accept(e.getKey(), e.getValue(), values, headers, confs);
        }
        for (Map.Entry<ConnectionProperty, String> e : values.entrySet()) {
            e.getKey().validate(e.getValue());
        }
        int port = url.port() > 0 ? url.port() : portFrom(values);
        return new ConnectionConfig(url.host(), port, values,
                Collections.unmodifiableMap(headers), Collections.unmodifiableMap(confs));
    }

    /**
     * A URL is often text a tool accepted from someone else; resolving {@code ${file:...}} or {@code ${env:...}}
     * from it would read a local file or variable and send it to whatever host the URL names. References are
     * resolved only when they come from Properties or DataSource setters, which the application itself sets.
     */
    private static void refuseReferenceInUrl(String key, String value) throws SQLException {
        ConnectionProperty p = ConnectionProperty.forKey(key.trim());
        if (p != null && p.isSecret() && SecretValues.isReference(value)) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "connection property " + p.propertyName()
                    + " in the URL is a ${env:...} or ${file:...} reference; references are resolved only from"
                    + " Properties or DataSource setters, never from the URL");
        }
    }

    private static void accept(String key, String value, Map<ConnectionProperty, String> values,
                               Map<String, String> headers, Map<String, String> confs) {
        if (value == null) {
            return;
        }
        String k = key.trim();
        if (k.regionMatches(true, 0, ConnectionProperty.HTTP_HEADER_PREFIX, 0,
                ConnectionProperty.HTTP_HEADER_PREFIX.length())) {
            headers.put(k.substring(ConnectionProperty.HTTP_HEADER_PREFIX.length()), value);
            return;
        }
        if (k.regionMatches(true, 0, SERVER_SIDE_PREFIX, 0, SERVER_SIDE_PREFIX.length())) {
            confs.put(k.substring(SERVER_SIDE_PREFIX.length()), value);
            return;
        }
        ConnectionProperty p = ConnectionProperty.forKey(k);
        if (p != null) {
            values.put(p, value);
            if (p != ConnectionProperty.TIMEZONE) {
                return;
            }
        }
        String upper = k.toUpperCase(Locale.ROOT);
        if (SESSION_CONFS.contains(upper)) {
            confs.put(upper, value);
        } else if (p == null) {
            LOG.debug("ignoring unknown connection property '{}'", k);
        }
    }

    private static int portFrom(Map<ConnectionProperty, String> values) throws SQLException {
        String p = values.get(ConnectionProperty.PORT);
        if (p == null) {
            return Integer.parseInt(ConnectionProperty.PORT.defaultValue());
        }
        int port = Integer.parseInt(p.trim());
        if (port < 1 || port > 65535) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value '" + p + "' for connection property port: expected 1..65535");
        }
        return port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The value as set by the user (URL or Properties), or null. */
    public String raw(ConnectionProperty p) {
        return values.get(p);
    }

    public boolean isSet(ConnectionProperty p) {
        return values.containsKey(p);
    }

    /** Extra headers from http.header.* properties, in the order given. */
    public Map<String, String> httpHeaders() {
        return httpHeaders;
    }

    /** Server-side session configurations (allow-listed keys and ssp_ properties). */
    public Map<String, String> sessionConfs() {
        return sessionConfs;
    }

    /** The warehouse id named by httpPath. */
    public String warehouseId() throws SQLException {
        return HttpPaths.warehouseId(ConnectionProperty.HTTP_PATH.get(this));
    }

    /** The values as set, secrets replaced, for logs and diagnostics. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConnectionConfig{host=").append(host).append(", port=").append(port);
        for (Map.Entry<ConnectionProperty, String> e : values.entrySet()) {
            sb.append(", ").append(e.getKey().propertyName()).append('=')
                    .append(e.getKey().isSecret() ? "<redacted>" : e.getValue());
        }
        for (String h : httpHeaders.keySet()) {
            sb.append(", ").append(ConnectionProperty.HTTP_HEADER_PREFIX).append(h).append("=<redacted>");
        }
        return sb.append('}').toString();
    }
}
