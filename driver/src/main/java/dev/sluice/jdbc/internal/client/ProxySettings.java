package dev.sluice.jdbc.internal.client;

import dev.sluice.jdbc.internal.auth.Secret;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which HTTP proxy a request goes through, and the Basic credentials it is sent with. The credentials go to the
 * proxy only: on the CONNECT of an {@code https} tunnel, or as {@code Proxy-Authorization} of a plain {@code http}
 * request, never to the workspace or to storage.
 */
public final class ProxySettings {
    /** No proxy: every request goes straight to its host. */
    public static final ProxySettings DIRECT = new ProxySettings(null, 0, false, null, null, List.of());

    private final String host;
    private final int port;
    private final boolean system;
    private final String user;
    private final Secret password;
    private final List<String> ignoreList;

    private ProxySettings(String host, int port, boolean system, String user, Secret password,
                          List<String> ignoreList) {
        this.host = host;
        this.port = port;
        this.system = system;
        this.user = user;
        this.password = password;
        this.ignoreList = List.copyOf(ignoreList);
    }

    /**
     * The proxy {@code host:port}.
     *
     * @param user null for no authentication; else Basic with {@code password}
     * @param ignoreList hosts reached directly ({@code *.example.com} matches subdomains)
     * @throws IllegalArgumentException for a blank host, a port outside 1..65535 or a user without password
     */
    public static ProxySettings fixed(String host, int port, String user, Secret password, List<String> ignoreList) {
        Objects.requireNonNull(host, "host is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the proxy host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the proxy port must be 1..65535, got " + port);
        }
        return new ProxySettings(host.strip(), port, false, checkUser(user, password), password, ignoreList);
    }

    /** The JVM's default {@link ProxySelector} decides; {@code user}/{@code password} as {@link #fixed}. */
    public static ProxySettings system(String user, Secret password, List<String> ignoreList) {
        return new ProxySettings(null, 0, true, checkUser(user, password), password, ignoreList);
    }

    private static String checkUser(String user, Secret password) {
        if (user == null) {
            return null;
        }
        if (user.isBlank() || user.indexOf(':') >= 0 || password == null) {
            throw new IllegalArgumentException("proxy authentication needs a user name without ':' and a password");
        }
        return user.strip();
    }

    /** Splits a ProxyIgnoreList value: entries separated by commas or {@code |}, blanks dropped. */
    public static List<String> parseIgnoreList(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split("[,|]")) {
                if (!entry.isBlank()) {
                    out.add(entry.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The proxy for {@code target}, or null to go direct. */
    public InetSocketAddress proxyFor(URI target) {
        if (this == DIRECT || ignored(target.getHost())) {
            return null;
        }
        if (!system) {
            return InetSocketAddress.createUnresolved(host, port);
        }
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return null;
        }
        for (Proxy p : selector.select(target)) {
            SocketAddress address = p.address();
            if (p.type() == Proxy.Type.HTTP && address instanceof InetSocketAddress) {
                InetSocketAddress a = (InetSocketAddress) address;
                return InetSocketAddress.createUnresolved(a.getHostString(), a.getPort());
            }
        }
        return null;
    }

    private boolean ignored(String target) {
        if (target == null) {
            return false;
        }
        String h = target.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        for (String entry : ignoreList) {
            if (entry.equals("*") || entry.equals(h)
                    || entry.startsWith("*.") && (h.endsWith(entry.substring(1)) || h.equals(entry.substring(2)))
                    || entry.startsWith(".") && h.endsWith(entry)) {
                return true;
            }
        }
        return false;
    }

    /** True when requests through the proxy carry credentials. */
    public boolean authenticates() {
        return user != null;
    }

    /** The user name, for messages; null without authentication. */
    public String user() {
        return user;
    }

    /** {@code Basic base64(user:password)}; null without authentication. Never log it. */
    String authorization() {
        if (user == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }

    /** The password, for masking text a proxy echoed; null without authentication. */
    Secret password() {
        return password;
    }

    @Override
    public String toString() {
        if (this == DIRECT) {
            return "ProxySettings[direct]";
        }
        return "ProxySettings[" + (system ? "system" : host + ":" + port)
                + (user == null ? "" : ", user=" + user + ", password=***") + ", ignore=" + ignoreList + "]";
    }
}
