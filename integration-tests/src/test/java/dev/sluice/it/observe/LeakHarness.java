package dev.sluice.it.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.jdbc.SluiceDriver;
import dev.sluice.testing.warehouse.LocalWarehouseExtension;
import dev.sluice.warehouse.launcher.LocalWarehouse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every leak-test flow shares: a recording proxy in front of the local warehouse, every log line of the JVM
 * with {@code dev.sluice} at TRACE, and a list of texts the driver showed (exception chains, {@code toString}s,
 * {@code getPropertyInfo}, {@code getURL}). {@link #assertNothingLeaked()} then looks for every secret in every text.
 *
 * <p>Secrets are those a flow configured ({@link #secret}), every credential the proxy saw in an Authorization
 * header, every token the proxy saw a server issue, and every external link the proxy saw, whole and as its query
 * string and signature.
 */
final class LeakHarness implements AutoCloseable {
    private static final Pattern QUERY_VALUE = Pattern.compile("[?&][^=&]+=([^&]{8,})");

    final LocalWarehouse warehouse;
    final RecordingProxy proxy;
    private final LogCapture logs;
    private final Set<String> configured = new LinkedHashSet<>();
    private final Set<String> logOnly = new LinkedHashSet<>();
    private final Map<String, String> shown = new LinkedHashMap<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private boolean connected;

    LeakHarness(LocalWarehouse warehouse) {
        this.warehouse = warehouse;
        this.proxy = new RecordingProxy(warehouse.baseUrl());
        this.logs = LogCapture.start();
    }

    /** A JDBC URL to the warehouse through the proxy, with this authentication part ({@code AuthMech=3;...}). */
    String url(String authentication) {
        return "jdbc:databricks://" + proxy.host() + ":" + proxy.port() + "/default;ssl=0;httpPath="
                + warehouse.httpPath() + ";" + authentication;
    }

    /** Registers a value the flow configures as a secret; returns it. */
    String secret(String value) {
        configured.add(value);
        return value;
    }

    /**
     * Registers a value that may appear in exception messages (the server quotes it back) but never in a log line:
     * statement parameter values.
     */
    String logSecret(String value) {
        logOnly.add(value);
        return value;
    }

    /** Opens a connection with our driver (the official one on the class path takes the same URLs). */
    Connection connect(String url, Properties info) throws SQLException {
        show("getPropertyInfo(" + redactedForTitles(url) + ")", propertyInfo(url, info));
        Connection c = new SluiceDriver().connect(url, info);
        connected = true;
        show("Connection.toString", c);
        show("DatabaseMetaData.getURL", c.getMetaData().getURL());
        show("Connection.getClientInfo", c.getClientInfo());
        return c;
    }

    Connection connect(String url) throws SQLException {
        return connect(url, new Properties());
    }

    /** Runs a query and shows the statement, result set and metadata objects as a user would print them. */
    long query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            show("Statement.toString", s);
            show("ResultSet.toString", rs);
            long rows = 0;
            while (rs.next()) {
                rows++;
            }
            return rows;
        }
    }

    /** Runs what must fail and keeps the failure for scanning. */
    Throwable fails(String what, ThrowingRunnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            failures.add(t);
            show(what + " failure", chainText(t));
            return t;
        }
        return fail(what + " did not fail");
    }

    /** Shows an object's text as the driver would let a user see it. */
    void show(String where, Object value) {
        shown.merge(where, String.valueOf(value), (a, b) -> a + "\n" + b);
    }

    /** An access token from the warehouse's token endpoint, obtained through the proxy as an application would. */
    String issueToken() throws Exception {
        String basic = Base64.getEncoder().encodeToString((LocalWarehouseExtension.OAUTH_CLIENT_ID + ":"
                + LocalWarehouseExtension.OAUTH_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(proxy.baseUrl() + "/oidc/v1/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=all-apis"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        assertThat(m.find()).as("access_token in %s", r.body().length()).isTrue();
        return secret(m.group(1));
    }

    /** Every secret this flow involved, each with where it came from. */
    Map<String, String> secrets() {
        Map<String, String> out = new LinkedHashMap<>();
        configured.forEach(s -> out.put(s, "configured"));
        proxy.sentCredentials().forEach(s -> out.putIfAbsent(s, "sent in an Authorization header"));
        proxy.issuedTokens().forEach(s -> out.putIfAbsent(s, "issued by the token endpoint"));
        for (String link : proxy.externalLinks()) {
            out.putIfAbsent(link, "external link");
            int query = link.indexOf('?');
            if (query >= 0) {
                out.putIfAbsent(link.substring(query + 1), "query of an external link");
                Matcher m = QUERY_VALUE.matcher(link.substring(query));
                while (m.find()) {
                    out.putIfAbsent(m.group(1), "query value of an external link");
                }
            }
        }
        out.keySet().removeIf(s -> s.length() < 8); // too short to be a credential, and would match by chance
        return out;
    }

    /** The texts scanned: captured log lines, failures and what was shown. */
    Map<String, String> texts() {
        Map<String, String> out = new LinkedHashMap<>();
        List<LogCapture.Line> lines = logs.lines();
        for (int i = 0; i < lines.size(); i++) {
            out.put("log line " + i + " (" + lines.get(i) + ")", lines.get(i).text());
        }
        out.putAll(shown);
        return out;
    }

    LogCapture logs() {
        return logs;
    }

    /** Whether a connection was opened (then requests were made, and TRACE has bodies to show). */
    boolean connected() {
        return connected;
    }

    /** Fails naming the secret's origin and the text it was found in (never printing the secret itself). */
    void assertNothingLeaked() {
        Map<String, String> secrets = secrets();
        Map<String, String> texts = texts();
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            for (Map.Entry<String, String> text : texts.entrySet()) {
                if (text.getValue().contains(secret.getKey())) {
                    leaks.add(secret.getValue() + " (" + secret.getKey().length() + " chars) in " + text.getKey());
                }
            }
        }
        List<LogCapture.Line> lines = logs.lines();
        for (String value : logOnly) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).text().contains(value)) {
                    leaks.add("a statement parameter value in log line " + i + " (" + lines.get(i) + ")");
                }
            }
        }
        assertThat(leaks).as("secrets found in logs, exceptions or shown values").isEmpty();
    }

    /** The message, toString and stack trace text of a throwable, its causes, suppressed and next exceptions. */
    static String chainText(Throwable t) {
        StringBuilder out = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        append(t, out, seen);
        return out.toString();
    }

    private static void append(Throwable t, StringBuilder out, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        out.append(t).append('\n').append(t.getMessage()).append('\n').append(t.getLocalizedMessage()).append('\n');
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        out.append(trace);
        append(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            append(s, out, seen);
        }
        if (t instanceof SQLException) {
            append(((SQLException) t).getNextException(), out, seen);
        }
    }

    private static String propertyInfo(String url, Properties info) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (DriverPropertyInfo p : new SluiceDriver().getPropertyInfo(url, info)) {
            out.append(p.name).append('=').append(p.value).append(" (").append(p.description).append(") ")
                    .append(p.choices == null ? "" : Arrays.toString(p.choices)).append('\n');
        }
        return out.toString();
    }

    /** Titles of shown texts must not carry secrets either, or the report would print them. */
    private static String redactedForTitles(String url) {
        return url.replaceAll("(?i)(PWD|OAuth2Secret|Auth_AccessToken)=[^;]*", "$1=...");
    }

    @Override
    public void close() {
        logs.close();
        proxy.close();
    }

    /** An action that may throw anything. */
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
