package dev.sluice.jdbc.internal.client;

import java.io.Closeable;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HttpsURLConnection;

/**
 * How one connection reaches the network: its {@link Tls} settings and its proxies, applied alike to API calls,
 * the OAuth token endpoint (both JDK HttpClient) and result downloads (HttpURLConnection). Changes no JVM-wide
 * state: no system property, no default Authenticator, no default ProxySelector or socket factory.
 */
public final class Network implements Closeable {
    private final Tls tls;
    private final ProxySettings api;
    private final ProxySettings downloads;
    private final int timeoutMillis;
    private final Map<InetSocketAddress, TunnellingFactory> tunnellingFactories = new ConcurrentHashMap<>();
    private final Object relayLock = new Object();
    private ProxyRelay relay;
    private volatile boolean closed;

    /**
     * @param api the proxy of API and token requests
     * @param downloads the proxy of external-link downloads
     * @param connectTimeout connect (and CONNECT response) timeout towards a proxy
     */
    public Network(Tls tls, ProxySettings api, ProxySettings downloads, Duration connectTimeout) {
        this.tls = Objects.requireNonNull(tls, "tls is null");
        this.api = Objects.requireNonNull(api, "api is null");
        this.downloads = Objects.requireNonNull(downloads, "downloads is null");
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    /** The JVM's default trust, TLS 1.2+, no proxy. */
    public static Network direct() {
        return new Network(Tls.jvmDefault(), ProxySettings.DIRECT, ProxySettings.DIRECT,
                TransportOptions.DEFAULT_CONNECT_TIMEOUT);
    }

    public Tls tls() {
        return tls;
    }

    /** True when API requests go straight to the workspace, through no proxy. */
    public boolean isDirect() {
        return api == ProxySettings.DIRECT;
    }

    /** A JDK HttpClient builder with this connection's TLS context, protocols and proxy selection. */
    public HttpClient.Builder newHttpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .sslContext(tls.context())
                .sslParameters(tls.parameters());
        if (api != ProxySettings.DIRECT) {
            builder.proxy(new Selector());
        }
        return builder;
    }

    /**
     * Adds what a request to {@code uri} needs for its proxy: the relay's key on an {@code https} tunnel, the Basic
     * credentials on a plain {@code http} request through an authenticating proxy; nothing when it goes direct.
     *
     * @throws IOException when the relay cannot be started
     */
    public void prepare(HttpRequest.Builder request, URI uri) throws IOException {
        if (!api.authenticates() || api.proxyFor(uri) == null) {
            return;
        }
        request.setHeader("Proxy-Authorization", isHttps(uri) ? relay().authorization() : api.authorization());
    }

    /**
     * Why an exchange failed at the proxy, naming it, or null when the proxy played no part: {@code status} 407
     * (the proxy wants credentials) or the HttpClient's "Tunnel failed" after the relay was refused. The message
     * never contains the credentials.
     */
    public ConnectFailedException proxyFailure(URI uri, int status, IOException error) {
        InetSocketAddress proxy = api.proxyFor(uri);
        if (proxy == null) {
            return null;
        }
        String name = proxy.getHostString() + ":" + proxy.getPort();
        if (status == 407) {
            return new ConnectFailedException(ProxyTunnel.refusal(name, uri.getHost() + ":" + uri.getPort(), 407, api),
                    null, true);
        }
        if (error != null && String.valueOf(error.getMessage()).startsWith("Tunnel failed")) {
            ProxyRelay r;
            synchronized (relayLock) {
                r = relay;
            }
            ConnectFailedException reason = r == null ? null : r.lastFailure();
            return reason != null ? reason : new ConnectFailedException("the proxy " + name
                    + " refused the tunnel (" + error.getMessage() + ")", error, true);
        }
        return null;
    }

    /**
     * Opens a download connection: through the download proxy if one applies, TLS pinned to {@link Tls#PROTOCOLS}.
     */
    HttpURLConnection openDownload(URI url) throws IOException {
        InetSocketAddress proxy = downloads.proxyFor(url);
        if (!isHttps(url)) {
            if (proxy == null) {
                return (HttpURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
            }
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(new Proxy(Proxy.Type.HTTP,
                    new InetSocketAddress(proxy.getHostString(), proxy.getPort())));
            String authorization = downloads.authorization();
            if (authorization != null) {
                c.setRequestProperty("Proxy-Authorization", authorization);
            }
            return c;
        }
        HttpsURLConnection c = (HttpsURLConnection) url.toURL().openConnection(Proxy.NO_PROXY);
        // one factory per proxy: HttpsURLConnection reuses a kept-alive tunnel only for the same factory instance
        c.setSSLSocketFactory(proxy == null ? tls.socketFactory()
                : tunnellingFactories.computeIfAbsent(proxy, TunnellingFactory::new));
        return c;
    }

    private ProxyRelay relay() throws IOException {
        synchronized (relayLock) {
            if (closed) {
                throw new IOException("the connection is closed");
            }
            if (relay == null) {
                relay = new ProxyRelay(api, timeoutMillis);
            }
            return relay;
        }
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** Stops the proxy relay, if one was started. */
    @Override
    public void close() {
        synchronized (relayLock) {
            closed = true;
            if (relay != null) {
                relay.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Network[" + tls + ", api=" + api + ", downloads=" + downloads + "]";
    }

    /** Chooses, per request, the relay (https with credentials), the proxy itself, or no proxy. */
    private final class Selector extends ProxySelector {
        @Override
        public List<Proxy> select(URI uri) {
            InetSocketAddress proxy = api.proxyFor(uri);
            if (proxy == null) {
                return List.of(Proxy.NO_PROXY);
            }
            if (api.authenticates() && isHttps(uri)) {
                try {
                    return List.of(new Proxy(Proxy.Type.HTTP, relay().address()));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot start the proxy relay: " + e.getMessage(), e);
                }
            }
            return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHostString(), proxy.getPort())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // one proxy per request: nothing to fall back to
        }
    }

    /**
     * For HttpsURLConnection through a proxy: its unconnected socket opens a CONNECT tunnel when it is connected,
     * then the connection layers TLS over it through {@link #createSocket(Socket, String, int, boolean)}.
     */
    private final class TunnellingFactory extends Tls.PinnedSocketFactory {
        private final InetSocketAddress proxy;

        TunnellingFactory(InetSocketAddress proxy) {
            super(tls.context().getSocketFactory(), tls.protocols().toArray(new String[0]));
            this.proxy = proxy;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    InetSocketAddress target = (InetSocketAddress) endpoint;
                    int t = timeout > 0 ? timeout : timeoutMillis;
                    try {
                        super.connect(new InetSocketAddress(proxy.getHostString(), proxy.getPort()), t);
                    } catch (IOException e) {
                        throw ProxyTunnel.unreachable(proxy, e);
                    }
                    ProxyTunnel.handshake(this, proxy, target.getHostString(), target.getPort(), downloads, t);
                }
            };
        }
    }
}
