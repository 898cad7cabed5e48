package dev.sluice.jdbc.internal.config;

import dev.sluice.jdbc.internal.error.Errors;
import dev.sluice.jdbc.internal.error.SqlState;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code jdbc:databricks://host[:port][/schema][;key=value]...}: the official driver's URL form.
 * Keys keep their spelling here; {@link ConnectionConfig} matches them case-insensitively.
 */
public final class JdbcUrl {
    public static final String PREFIX = "jdbc:databricks://";

    private final String host;
    private final int port;
    private final String schema;
    private final Map<String, String> parameters;

    private JdbcUrl(String host, int port, String schema, Map<String, String> parameters) {
        this.host = host;
        this.port = port;
        this.schema = schema;
        this.parameters = parameters;
    }

    /** True for URLs this driver answers; the check DriverManager relies on. */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * @throws SQLException 22023 naming the malformed part
     */
    public static JdbcUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw Errors.of(SqlState.INVALID_PARAMETER_VALUE, "not a Databricks JDBC URL: expected " + PREFIX
                    + "host[:port][/schema];key=value;...");
        }
        String rest = url.substring(PREFIX.length());
        int semi = rest.indexOf(';');
        String authority = semi < 0 ? rest : rest.substring(0, semi);
        String params = semi < 0 ? "" : rest.substring(semi + 1);
        String schema = null;
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            String path = authority.substring(slash + 1).trim();
            schema = path.isEmpty() ? null : path;
            authority = authority.substring(0, slash);
        }
        String host;
        int port = -1;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw malformed("unclosed IPv6 address in '" + authority + "'");
            }
            host = authority.substring(1, close);
            port = parsePort(authority.substring(close + 1), authority);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? -1 : parsePort(authority.substring(colon), authority);
        }
        if (host.isBlank()) {
            throw malformed("no host in '" + url.substring(0, Math.min(url.length(), PREFIX.length() + 40)) + "'");
        }
        return new JdbcUrl(checkHost(host.trim()), port, schema, parseParameters(params));
    }

    /**
     * Refuses a host that no HTTP request can carry (the JDK would throw IllegalArgumentException deep inside the
     * first request): an internationalised name must be given in its ASCII (punycode) form.
     */
    private static String checkHost(String host) throws SQLException {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == ':' || c == '%';
            if (!allowed) {
                throw malformed("host '" + host + "' has the character '" + c + "' (U+"
                        + String.format("%04X", (int) c) + "); give an internationalised name in its ASCII (punycode)"
                        + " form, e.g. " + asciiForm(host));
            }
        }
        return host;
    }

    private static String asciiForm(String host) {
        try {
            return java.net.IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            return "xn--...";
        }
    }

    private static int parsePort(String colonAndPort, String authority) throws SQLException {
        if (colonAndPort.isEmpty()) {
            return -1;
        }
        if (colonAndPort.charAt(0) != ':') {
            throw malformed("unexpected text after host in '" + authority + "'");
        }
        String p = colonAndPort.substring(1);
        try {
            int port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw malformed("port '" + p + "' is not in 1..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw malformed("port '" + p + "' is not a number");
        }
    }

    /**
     * key=value pairs separated by ';'. A value in braces may contain ';' ({@code PWD={a;b}}). Errors name
     * offsets, not text, since a malformed segment may be a secret typed without its key.
     */
    private static Map<String, String> parseParameters(String params) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = params.length();
        while (i < n) {
            int eq = params.indexOf('=', i);
            int semi = params.indexOf(';', i);
            if (semi >= 0 && (eq < 0 || semi < eq)) {
                if (!params.substring(i, semi).isBlank()) {
                    throw malformed("the parameter at offset " + i + " has no '=value'");
                }
                i = semi + 1;
                continue;
            }
            if (eq < 0) {
                String tail = params.substring(i).trim();
                if (!tail.isEmpty()) {
                    throw malformed("the parameter at offset " + i + " has no '=value'");
                }
                break;
            }
            String key = params.substring(i, eq).trim();
            if (key.isEmpty()) {
                throw malformed("a parameter has an empty name");
            }
            int start = eq + 1;
            String value;
            if (start < n && params.charAt(start) == '{') {
                int close = params.indexOf('}', start);
                if (close < 0) {
                    throw malformed("unclosed '{' in the value of " + key);
                }
                value = params.substring(start + 1, close);
                int next = params.indexOf(';', close);
                i = next < 0 ? n : next + 1;
            } else {
                int end = params.indexOf(';', start);
                value = params.substring(start, end < 0 ? n : end);
                i = end < 0 ? n : end + 1;
            }
            out.put(key, value);
        }
        return Collections.unmodifiableMap(out);
    }

    private static SQLException malformed(String why) {
        return Errors.of(SqlState.INVALID_PARAMETER_VALUE, "malformed JDBC URL: " + why);
    }

    public String host() {
        return host;
    }

    /** The port in the URL, or -1. */
    public int port() {
        return port;
    }

    /** The schema in the URL path, or null. */
    public String schema() {
        return schema;
    }

    /** Parameters as written, in order. */
    public Map<String, String> parameters() {
        return parameters;
    }
}
