package dev.sluice.jdbc.internal.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one connection talks HTTP to a workspace.
 *
 * @param host host name or IP literal (IPv6 with or without brackets)
 * @param port TCP port
 * @param tls true for {@code https}, false for plain {@code http} ({@code ssl=0})
 * @param connectTimeout connect timeout, positive
 * @param requestTimeout initial per-request timeout; zero means none
 * @param userAgentEntry appended to the {@code User-Agent} (for example {@code MyApp/1.2}), or null
 * @param extraHeaders headers added to every API request (the {@code http.header.*} properties), in order
 * @param auth the Authorization supplier
 * @param network TLS settings and proxies shared with the token endpoint and downloads; null for
 *     {@link Network#direct()}
 */
public record TransportOptions(String host, int port, boolean tls, Duration connectTimeout, Duration requestTimeout,
                               String userAgentEntry, Map<String, String> extraHeaders, AuthHeaderProvider auth,
                               Network network) {
    /** Connect timeout when none is configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @throws NullPointerException when host, connectTimeout, requestTimeout or auth is null
     * @throws IllegalArgumentException for a blank host, a port outside 1..65535, a non-positive connect timeout, a
     *     negative request timeout, a line break in the user agent entry, or a header the JDK client refuses (the
     *     message names the header, never its value)
     */
    public TransportOptions {
        Objects.requireNonNull(host, "host is null");
        Objects.requireNonNull(connectTimeout, "connectTimeout is null");
        Objects.requireNonNull(requestTimeout, "requestTimeout is null");
        Objects.requireNonNull(auth, "auth is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must not be negative, got " + requestTimeout);
        }
        if (userAgentEntry != null && (userAgentEntry.indexOf('\r') >= 0 || userAgentEntry.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("userAgentEntry contains a line break");
        }
        extraHeaders = extraHeaders == null || extraHeaders.isEmpty()
                ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
        extraHeaders.forEach(TransportOptions::checkHeader);
        network = network == null ? Network.direct() : network;
    }

    private static void checkHeader(String name, String value) {
        try {
            HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, Objects.requireNonNull(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("HTTP header " + name + " cannot be set: its name is restricted or "
                    + "invalid, or its value is null or has illegal characters");
        }
    }

    /** A builder for {@code host:port} with TLS on, default timeouts and no headers. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** Hides header values and credentials. */
    @Override
    public String toString() {
        return "TransportOptions[host=" + host + ", port=" + port + ", tls=" + tls + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", userAgentEntry=" + userAgentEntry
                + ", extraHeaders=" + extraHeaders.keySet() + ", auth=" + auth + ", network=" + network + "]";
    }

    /** Builds {@link TransportOptions}; every setter returns this builder. */
    public static final class Builder {
        private final String host;
        private final int port;
        private boolean tls = true;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = Duration.ZERO;
        private String userAgentEntry;
        private Map<String, String> extraHeaders = Map.of();
        private AuthHeaderProvider auth;
        private Network network;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder tls(boolean value) {
            this.tls = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        public Builder userAgentEntry(String value) {
            this.userAgentEntry = value;
            return this;
        }

        public Builder extraHeaders(Map<String, String> value) {
            this.extraHeaders = value;
            return this;
        }

        public Builder auth(AuthHeaderProvider value) {
            this.auth = value;
            return this;
        }

        public Builder network(Network value) {
            this.network = value;
            return this;
        }

        /** @throws IllegalArgumentException as {@link TransportOptions}'s constructor */
        public TransportOptions build() {
            return new TransportOptions(host, port, tls, connectTimeout, requestTimeout, userAgentEntry, extraHeaders,
                    auth, network);
        }
    }
}
